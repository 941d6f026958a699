/**
 * What an editor shows for the SDK's error types: the TypeScript checker, asked the way a hover asks, prints
 * class names (`DynamicQrAlreadyPaid`), not intersections (`PayPayApiError & { readonly _tag: … }`).
 */
import { assert, describe, it } from "@effect/vitest"
import { fileURLToPath } from "node:url"
import ts from "typescript"

const root = fileURLToPath(new URL("..", import.meta.url))
const probe = `${root}test/__hover_probe__.ts`
const source = `
import { Effect } from "effect"
import { Codes, Flows } from "../src/index.js"
declare const removeError: Flows.ErrorOf<typeof Codes.remove>
declare const flowError: Flows.ErrorOf<typeof Flows.createCodeSafely>
export const caught = Codes.remove("x").pipe(Effect.catchTag("DynamicQrAlreadyPaid", (paid) => Effect.succeed(paid)))
export { removeError, flowError }
`

const checkerFor = () => {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    exactOptionalPropertyTypes: true,
    skipLibCheck: true,
    noEmit: true,
    types: ["node"]
  }
  const host = ts.createCompilerHost(options)
  const readFile = host.readFile
  host.readFile = (file) => (file === probe ? source : readFile.call(host, file))
  const fileExists = host.fileExists
  host.fileExists = (file) => file === probe || fileExists.call(host, file)
  const getSourceFile = host.getSourceFile
  host.getSourceFile = (file, language, ...rest) =>
    file === probe
      ? ts.createSourceFile(file, source, language, true)
      : getSourceFile.call(host, file, language, ...rest)
  const program = ts.createProgram([probe], options, host)
  return { checker: program.getTypeChecker(), file: program.getSourceFile(probe)! }
}

const declared = (checker: ts.TypeChecker, file: ts.SourceFile, name: string): ts.Type => {
  let found: ts.Node | undefined
  const visit = (node: ts.Node) => {
    if ((ts.isVariableDeclaration(node) || ts.isParameter(node)) && node.name.getText(file) === name) found = node
    ts.forEachChild(node, visit)
  }
  visit(file)
  assert.isDefined(found, name)
  return checker.getTypeAtLocation(found!)
}

const members = (checker: ts.TypeChecker, type: ts.Type): Array<string> =>
  (type.isUnion() ? type.types : [type]).map((member) =>
    checker.typeToString(member, undefined, ts.TypeFormatFlags.NoTruncation)
  )

describe("hovers", () => {
  it("name each error by its class", { timeout: 60_000 }, () => {
    const { checker, file } = checkerFor()
    const remove = members(checker, declared(checker, file, "removeError"))
    for (const name of ["DynamicQrAlreadyPaid", "DynamicQrNotFound", "RateLimit", "PayPayRequestError"]) {
      assert.include(remove, name)
    }
    for (const text of [...remove, ...members(checker, declared(checker, file, "flowError"))]) {
      assert.notInclude(text, "&", text)
      assert.match(text, /^[A-Z][A-Za-z]+$/, text)
    }
    assert.strictEqual(
      checker.typeToString(declared(checker, file, "paid"), undefined, ts.TypeFormatFlags.NoTruncation),
      "DynamicQrAlreadyPaid"
    )
  })
})
