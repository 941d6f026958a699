// Runs the typecheck and the whole vitest suite, then prints the plain summary line CI reads:
// `N passed, M failed` (vitest's own summary is not recognised). Exits non-zero on any failure.
import { spawnSync } from "node:child_process"
import { existsSync, readFileSync, rmSync } from "node:fs"

const report = "vitest-report.json"
rmSync(report, { force: true })
const tsc = spawnSync("pnpm", ["exec", "tsc", "-b"], { stdio: "inherit" })
const vitest = spawnSync(
  "pnpm",
  ["exec", "vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`],
  { stdio: "inherit" }
)
let passed = 0
let failed = 0
let skipped = 0
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, "utf8"))
  passed = r.numPassedTests
  failed = r.numFailedTests
  skipped = r.numPendingTests + r.numTodoTests
  // a suite that fails to load counts as a failure even when it contributes no test
  failed += r.testResults.filter((f) => f.status === "failed" && f.assertionResults.length === 0).length
} else {
  failed = 1
}
if (tsc.status !== 0) {
  console.log("typecheck failed (tsc -b)")
  failed += 1
}
if (skipped > 0) console.log(`${skipped} skipped`)
// the last line is exactly `N passed, M failed`: CI reads it
console.log(`${passed} passed, ${failed} failed`)
process.exit(tsc.status !== 0 || vitest.status !== 0 || failed > 0 ? 1 : 0)
