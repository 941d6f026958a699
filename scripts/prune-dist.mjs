// Part of each package's `build`: deletes what `tsc -b` leaves behind in dist/ for a source file that no longer
// exists (tsc never deletes outputs), so a packed tarball ships exactly the modules in src/.
// Run from a package directory: `node ../../scripts/prune-dist.mjs`.
import { existsSync, readdirSync, rmdirSync, rmSync } from "node:fs"
import { join, relative } from "node:path"

const OUTPUT = /\.(?:d\.ts\.map|d\.ts|js\.map|js)$/

const prune = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) {
      prune(path)
      if (readdirSync(path).length === 0) rmdirSync(path)
    } else if (OUTPUT.test(entry.name)) {
      const source = join("src", relative("dist", path).replace(OUTPUT, ".ts"))
      if (!existsSync(source)) {
        rmSync(path)
        console.log(`prune-dist: removed ${path} (no ${source})`)
      }
    }
  }
}

if (existsSync("dist")) prune("dist")
