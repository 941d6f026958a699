// Part of the simulator's `build`: bundles the compiled CLI (dist/main.js, with the SDK's dist and every
// dependency except the native better-sqlite3) into one file, dist/bin/paypay-simulator.mjs, the package's bin.
// Loading ~850 separate ES modules (Effect's barrel, which @effect/platform imports, alone pulls in fast-check) costs
// node about three times the CPU of compiling one file, so the bundle starts about 2.5× faster (README
// "Install"). The library entry points stay unbundled. Licenses of everything bundled go to
// dist/bin/THIRD-PARTY-NOTICES.txt. Run from packages/simulator after `tsc -b tsconfig.src.json`.
import { build } from "esbuild"
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs"
import { join, resolve } from "node:path"

const OUT = "dist/bin"
const SDK_DIST = resolve("../sdk/dist")

/** The SDK from its compiled dist/, not from the workspace's source entry points. */
const sdkFromDist = {
  name: "sdk-from-dist",
  setup(builder) {
    builder.onResolve({ filter: /^@paypay-effect\/sdk(\/|$)/ }, (args) => ({
      path: join(SDK_DIST, `${args.path.slice("@paypay-effect/sdk/".length) || "index"}.js`)
    }))
  }
}

mkdirSync(OUT, { recursive: true })
const result = await build({
  entryPoints: ["dist/main.js"],
  outfile: join(OUT, "paypay-simulator.mjs"),
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  external: ["better-sqlite3"],
  plugins: [sdkFromDist],
  // CommonJS dependencies call require() for node built-ins; an ES module has no require of its own.
  banner: {
    js: 'import { createRequire as __createRequire } from "node:module";\nconst require = __createRequire(import.meta.url);'
  },
  legalComments: "none",
  metafile: true,
  logLevel: "warning"
})

const packages = new Map()
for (const input of Object.keys(result.metafile.inputs)) {
  const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input)
  if (match === null) continue
  const dir = resolve(match[1])
  if (!packages.has(dir)) packages.set(dir, JSON.parse(readFileSync(join(dir, "package.json"), "utf8")))
}
const licenseText = (dir) => {
  const file = readdirSync(dir).find((name) => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(name))
  return file === undefined ? undefined : readFileSync(join(dir, file), "utf8").trim()
}
const notices = [...packages]
  .sort(([, a], [, b]) => a.name.localeCompare(b.name))
  .map(([dir, pkg]) => {
    const text = licenseText(dir) ?? `License: ${pkg.license} (no license file in the package)`
    return `${pkg.name}@${pkg.version} (${pkg.license})\n\n${text}\n`
  })
writeFileSync(
  join(OUT, "THIRD-PARTY-NOTICES.txt"),
  `paypay-simulator.mjs bundles the following packages.\n\n${notices.join(`\n${"-".repeat(78)}\n\n`)}`
)
