/**
 * The README's coverage table is checked, row by row: the SDK function exists, the simulator serves the route,
 * and the named test file calls that SDK function.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Sdk from "@paypay-effect/sdk"
import * as PayPayApi from "@paypay-effect/simulator/PayPayApi"
import { readFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

const root = join(dirname(fileURLToPath(import.meta.url)), "../../..")
const readme = readFileSync(join(root, "README.md"), "utf8")
const section = readme.split("<!-- coverage:start -->")[1]?.split("<!-- coverage:end -->")[0] ?? ""

interface Row {
  readonly line: string
  readonly sdk: string
  readonly route: string
  readonly test: string
}

const cells = (line: string) =>
  line
    .split("|")
    .slice(1, -1)
    .map((cell) => cell.trim().replace(/`/g, ""))

const rows: ReadonlyArray<Row> = section
  .split("\n")
  .filter((line) => line.startsWith("|") && !line.startsWith("|---") && !line.includes("our SDK"))
  .map((line) => {
    const [, , sdk = "", route = "", link = ""] = cells(line)
    const test = /\(([^)]+)\)/.exec(link)?.[1] ?? link
    return { line, sdk, route, test }
  })

const served = new Set(PayPayApi.routes.map((route) => `${route.method} ${route.path}`))
const normalize = (route: string) =>
  route
    .replace(/\{(\w+)\}/g, ":$1")
    .split("?")[0]!
    .trim()

describe("README coverage table", () => {
  it("has rows", () => {
    assert.isAbove(rows.length, 20)
  })

  for (const row of rows) {
    it(`${row.sdk} ↔ ${row.route}`, () => {
      const [family, fn] = row.sdk.replace(/\(.*$/, "").split(".")
      const module = (Sdk as Record<string, any>)[family!]
      assert.isDefined(module, `SDK module ${family} exists (${row.line})`)
      assert.strictEqual(typeof module[fn!], "function", `SDK function ${row.sdk} exists`)
      assert.isTrue(served.has(normalize(row.route)), `simulator serves ${row.route}`)
      const test = readFileSync(join(root, row.test), "utf8")
      assert.include(test, `${family}.${fn}(`, `${row.test} calls ${row.sdk}`)
    })
  }
})
