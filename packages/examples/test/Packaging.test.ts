/**
 * The published packages, as a user outside this repository gets them: `pnpm pack` of the SDK and the simulator,
 * `npm install` of both tarballs (with the peers at the versions this workspace tests) into a fresh project in
 * the system's temp directory, and there: a plain-Node ESM program, a CommonJS `require`, `tsc --noEmit` of a
 * consumer app and of the READMEs' examples under several compiler settings, the `paypay-simulator` bin, and
 * publint + arethetypeswrong on each tarball. Also checks what the tarballs contain and that their dependency
 * lists match what they import.
 *
 * Takes about a minute on a quiet machine (README "Install"); PAYPAY_PACKAGING_KEEP=1 keeps the temp directory.
 */
import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { builtinModules } from "node:module"
import { join, relative } from "node:path"
import { type Consumer, FIXTURES, PACKAGES, prepare, ROOT, run, scratchDir, startBin, stop } from "../packaging/pack.js"

type Key = keyof typeof PACKAGES

const BIN = (name: string) => join(ROOT, "node_modules", ".bin", name)
const KEYS = Object.keys(PACKAGES) as Array<Key>
const SETUP_TIMEOUT = 15 * 60_000
const CHECK_TIMEOUT = 5 * 60_000

/** Compiler settings the consumer app must type-check under (all with skipLibCheck and target ES2022). */
const VARIANTS = [
  { name: "node16-strict", module: "node16", moduleResolution: "node16", strict: true },
  { name: "node16-loose", module: "node16", moduleResolution: "node16", strict: false },
  { name: "bundler-strict", module: "esnext", moduleResolution: "bundler", strict: true },
  { name: "bundler-loose", module: "esnext", moduleResolution: "bundler", strict: false },
  { name: "node10-strict", module: "commonjs", moduleResolution: "node10", strict: true },
  // a CommonJS file importing the ESM-only packages (compiled to require(), which Node >= 20.19 runs)
  { name: "nodenext-cjs", module: "nodenext", moduleResolution: "nodenext", strict: true, only: ["require.cts"] }
] as const

/** Runs a command and reports whether it exited 0, with its output. */
const attempt = (command: string, args: ReadonlyArray<string>, cwd = ROOT) =>
  run(command, args, cwd).then(
    (output) => ({ ok: true, text: output.stdout + output.stderr }),
    (error: Error) => ({ ok: false, text: error.message })
  )

/** Every file under `dir`, relative to it. */
const filesOf = (dir: string): Array<string> =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort()

/** Bare package names imported by the given sources (`from "x"`, `import("x")`, `require("x")`, `import "x"`). */
const importedPackages = (sources: ReadonlyArray<string>) => {
  const names = new Set<string>()
  for (const source of sources) {
    for (const match of source.matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*|import\s+)"([^"./][^"]*)"/g)) {
      const specifier = match[1]!
      if (specifier.startsWith("node:") || builtinModules.includes(specifier.split("/")[0]!)) continue
      const parts = specifier.split("/")
      names.add(specifier.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0]!)
    }
  }
  return names
}

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`

describe("packaging: the tarballs on plain Node, outside the workspace", () => {
  let root: string | undefined
  let tarballs: Record<Key, string>
  let unpacked: Record<Key, string>
  let consumer: Consumer
  let lints: ReadonlyArray<{
    readonly tool: string
    readonly tarball: string
    readonly ok: boolean
    readonly text: string
  }>

  beforeAll(async () => {
    root = scratchDir("paypay-effect-packaging-")
    const started = performance.now()
    const prepared = await prepare(root)
    ;({ tarballs, unpacked } = prepared)
    const packed = seconds(started)
    const lint = async () => {
      const results = []
      for (const key of KEYS) {
        const tarball = tarballs[key]
        results.push({ tool: "publint", tarball, ...(await attempt(BIN("publint"), ["run", tarball, "--strict"])) })
        const entrypoints = filesOf(join(unpacked[key], "dist"))
          .filter((path) => /\.js$/.test(path) && !/^(internal\/|main\.js$|index\.js$)/.test(path))
          .map((path) => `./${path.slice(0, -".js".length)}`)
        const options = ["--format", "ascii", "--no-color", "--ignore-rules", "cjs-resolves-to-esm"]
        const explicit = entrypoints.length > 0 ? ["--include-entrypoints", ...entrypoints] : []
        results.push({ tool: "attw", tarball, ...(await attempt(BIN("attw"), [tarball, ...options, ...explicit])) })
      }
      return results
    }
    const installStarted = performance.now()
    ;[consumer, lints] = await Promise.all([
      prepared.install().then((installed) => {
        console.log(`packaging: npm install ${seconds(installStarted)} (better-sqlite3: ${installed.sqliteAddon})`)
        return installed
      }),
      lint()
    ])
    console.log(`packaging: pnpm pack ${packed}, ready after ${seconds(started)}`)
    cpSync(FIXTURES, consumer.dir, { recursive: true })
  }, SETUP_TIMEOUT)

  afterAll(() => {
    if (root === undefined) return
    if (process.env.PAYPAY_PACKAGING_KEEP) console.log(`packaging: kept ${root}`)
    else rmSync(root, { recursive: true, force: true })
  }, SETUP_TIMEOUT)

  it("tarballs ship compiled modules, sources and docs, and no tests, benches or tsconfig", () => {
    for (const key of KEYS) {
      const files = filesOf(unpacked[key])
      const offending = files.filter(
        (path) =>
          (!/^(package\.json|README\.md|LICENSE|dist\/.+\.(js|d\.ts)(\.map)?|src\/.+\.ts)$/.test(path) &&
            !(key === "simulator" && /^dist\/bin\/(paypay-simulator\.mjs|THIRD-PARTY-NOTICES\.txt)$/.test(path))) ||
          /(^|\/)(test|tests|bench|__tests__)\//.test(path) ||
          /\.(test|spec|bench)\./.test(path)
      )
      assert.deepStrictEqual(offending, [], `${PACKAGES[key]} ships unexpected files`)
      for (const required of ["package.json", "README.md", "LICENSE", "dist/index.js", "dist/index.d.ts"]) {
        assert.include(files, required, `${PACKAGES[key]} lacks ${required}`)
      }
      const sources = files.filter((path) => path.startsWith("src/")).map((path) => path.slice(4, -3))
      const compiled = files.filter((path) => /^dist\/.*\.js$/.test(path)).map((path) => path.slice(5, -3))
      assert.deepStrictEqual(compiled, sources, `${PACKAGES[key]}: dist/*.js must match src/*.ts one to one`)
      for (const module of sources) assert.include(files, `dist/${module}.d.ts`)
    }
  })

  it("dependency lists match the imports of what ships", () => {
    for (const key of KEYS) {
      const pkg = JSON.parse(readFileSync(join(unpacked[key], "package.json"), "utf8"))
      const dist = filesOf(join(unpacked[key], "dist"))
      const read = (suffix: RegExp) =>
        dist.filter((path) => suffix.test(path)).map((path) => readFileSync(join(unpacked[key], "dist", path), "utf8"))
      const runtime = importedPackages(read(/\.js$/))
      const types = importedPackages(read(/\.d\.ts$/))
      const declared = new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})])
      for (const name of runtime) assert.isTrue(declared.has(name), `${pkg.name} loads ${name} but does not declare it`)
      for (const name of declared) assert.isTrue(runtime.has(name), `${pkg.name} declares ${name} but never loads it`)
      for (const name of types) {
        assert.isTrue(
          declared.has(name) && name !== "better-sqlite3",
          `${pkg.name}'s .d.ts files reference ${name}, which a consumer's install would not type`
        )
      }
      for (const name of ["effect", "@effect/platform"]) {
        assert.match(pkg.peerDependencies?.[name] ?? "", /^\^/, `${pkg.name}: ${name} must be a caret-range peer`)
        assert.isUndefined(pkg.dependencies?.[name], `${pkg.name}: ${name} must not be a dependency`)
      }
      assert.strictEqual(pkg.engines?.node, ">=20.19")
      assert.strictEqual(pkg.exports["./internal/*"], null)
      for (const script of ["preinstall", "install", "postinstall"]) assert.isUndefined(pkg.scripts?.[script])
    }
  })

  it(
    "ESM: creates a QR code on the in-process simulator and catches a per-code error by tag",
    async () => {
      const { stdout } = await run(process.execPath, ["esm.mjs"], consumer.dir)
      const result = JSON.parse(stdout.trim().split("\n").pop()!)
      assert.match(result.codeId, /\S/)
      assert.match(result.url, /^http/)
      assert.strictEqual(result.again, "caught DuplicateDynamicQrRequest (DUPLICATE_DYNAMIC_QR_REQUEST)")
      assert.strictEqual(result.internal, "ERR_PACKAGE_PATH_NOT_EXPORTED")
    },
    CHECK_TIMEOUT
  )

  it(
    "CommonJS: require() of the SDK signs a request (reference §A.7 DOC-AUTH vector); the simulator loads too",
    async () => {
      const { stdout, stderr } = await run(process.execPath, ["cjs.cjs"], consumer.dir)
      const result = JSON.parse(stdout.trim().split("\n").pop()!)
      assert.strictEqual(
        result.fixed,
        "hmac OPA-Auth:APIKeyGenerated:NW1jKIMnzR7tEhMWtcJcaef+nFVBt7jjAGcVuxHhchc=:acd028:1579843452:1j0FnY4flNp5CtIKa7x9MQ=="
      )
      assert.match(result.signed, /^hmac OPA-Auth:key:[A-Za-z0-9+/]{43}=:[A-Za-z0-9]{8}:\d{10}:empty$/)
      assert.strictEqual(result.codesCreate, "function")
      assert.strictEqual(result.inProcessLayerSdk, "function")
      assert.notMatch(stderr, /Error/)
    },
    CHECK_TIMEOUT
  )

  it(
    `tsc --noEmit of a consumer app and the READMEs' examples: ${VARIANTS.map((variant) => variant.name).join(", ")}`,
    async () => {
      const files = ["app.ts"]
      for (const key of KEYS) {
        const readme = readFileSync(join(unpacked[key], "README.md"), "utf8")
        const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!)
        assert.isNotEmpty(blocks, `${PACKAGES[key]}'s README has a TypeScript example`)
        blocks.forEach((block, index) => {
          files.push(`readme-${key}-${index}.ts`)
          writeFileSync(join(consumer.dir, files.at(-1)!), block)
        })
      }
      const configs = VARIANTS.map((variant) => {
        const { name, only, ...options } = { only: undefined, ...variant }
        const file = `tsconfig.${name}.json`
        const compilerOptions = { ...options, target: "ES2022", skipLibCheck: true, noEmit: true, types: ["node"] }
        writeFileSync(join(consumer.dir, file), JSON.stringify({ compilerOptions, files: only ?? files }, null, 2))
        return file
      })
      // The workspace's TypeScript, run in the consumer project (types resolve from its node_modules); one
      // `tsc -b` over all settings parses the shared declaration files once.
      const tsc = await attempt(BIN("tsc"), ["-b", ...configs], consumer.dir)
      assert.isTrue(tsc.ok, tsc.text)
    },
    CHECK_TIMEOUT
  )

  it(
    "npx paypay-simulator --port 0 prints its banner and shuts down gracefully on SIGTERM",
    async () => {
      const { child, output, millis } = await startBin("npx", ["paypay-simulator"], consumer.dir)
      await stop(child)
      console.log(`packaging: npx paypay-simulator printed its banner after ${Math.round(millis)} ms`)
      assert.match(output(), /PayPay simulator listening on http:\/\/127\.0\.0\.1:\d+/)
      assert.match(output(), /PayPay simulator stopped\n$/)
      assert.notMatch(output(), /tsx|Error/)
    },
    CHECK_TIMEOUT
  )

  it("publint (strict) and arethetypeswrong (every entry point) report no problems", () => {
    assert.lengthOf(lints, 2 * KEYS.length)
    for (const { tool, tarball, ok, text } of lints) assert.isTrue(ok, `${tool} ${tarball}\n${text}`)
  })
})
