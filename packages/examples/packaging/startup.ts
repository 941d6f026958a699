/**
 * `pnpm bench:startup`: time from spawning the simulator's bin to its printed banner, for the bin installed from
 * the packed tarball (plain `node`, one bundled file) side by side with two baselines run in turn: the same
 * package's unbundled entry (`node dist/main.js`, ~850 ES modules) and the repository's source launcher through
 * tsx (what the bin was before it was compiled). Prints each run, the medians and the ratios.
 *
 * Packs and installs the tarballs first (as the packaging test does); `--runs N` (default 9).
 */
import { rmSync } from "node:fs"
import { loadavg } from "node:os"
import { join } from "node:path"
import { prepare, ROOT, scratchDir, startBin, stop } from "./pack.js"

const runsFlag = process.argv.indexOf("--runs")
const RUNS = runsFlag === -1 ? 9 : Number(process.argv[runsFlag + 1])

const median = (values: ReadonlyArray<number>) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

const root = scratchDir("paypay-effect-startup-")
try {
  console.log("packing and installing the tarballs …")
  const consumer = await (await prepare(root)).install()
  const installed = join(consumer.dir, "node_modules", "@paypay-effect", "simulator")
  const variants = [
    { name: "bin from the tarball (bundled)", args: [join(consumer.dir, "node_modules", ".bin", "paypay-simulator")] },
    { name: "baseline: node dist/main.js (unbundled)", args: [join(installed, "dist", "main.js")] },
    { name: "baseline: source through tsx (before)", args: [join(ROOT, "packages/simulator/bin/paypay-simulator.mjs")] }
  ]
  const times = variants.map(() => [] as Array<number>)
  console.log(
    `load average before: ${loadavg()
      .map((load) => load.toFixed(2))
      .join(" ")}`
  )
  for (let run = 0; run < RUNS; run++) {
    for (const [index, variant] of variants.entries()) {
      const { child, millis } = await startBin(process.execPath, variant.args, consumer.dir)
      await stop(child)
      times[index]!.push(millis)
    }
  }
  console.log(
    `load average after: ${loadavg()
      .map((load) => load.toFixed(2))
      .join(" ")}\n`
  )
  const medians = times.map(median)
  for (const [index, variant] of variants.entries()) {
    const runs = times[index]!.map((millis) => Math.round(millis)).join(" ")
    const ratio = index === 0 ? "" : `  (${(medians[index]! / medians[0]!).toFixed(2)}× the bin's)`
    console.log(`${variant.name}: median ${Math.round(medians[index]!)} ms${ratio}\n  runs: ${runs}`)
  }
} finally {
  rmSync(root, { recursive: true, force: true })
}
