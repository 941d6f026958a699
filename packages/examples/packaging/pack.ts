/**
 * Packs `@paypay-effect/sdk` and `@paypay-effect/simulator` the way they are published (`pnpm pack`: the
 * package's `prepack` builds dist/, `publishConfig` swaps the workspace's source entry points for the compiled
 * ones) and installs the two tarballs with npm into a fresh project outside the workspace, as a user would.
 * Used by `test/Packaging.test.ts` and by the start-up benchmark (`packaging/startup.ts`).
 *
 * What is cached: npm's own cache (`--prefer-offline`), and better-sqlite3's native addon, which the workspace
 * has already compiled: the consumer installs with `--ignore-scripts` and gets a copy of the workspace's
 * `better_sqlite3.node` (same package version, same node) instead of a ~60 s source build. Without a usable copy
 * it runs `npm rebuild better-sqlite3` (the source build).
 */
import { type ChildProcess, spawn } from "node:child_process"
import {
  accessSync,
  constants,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  writeFileSync
} from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

/** The repository root. */
export const ROOT = fileURLToPath(new URL("../../../", import.meta.url))
/** The consumer app's files (copied into the consumer project). */
export const FIXTURES = fileURLToPath(new URL("./consumer/", import.meta.url))

/**
 * A fresh scratch directory outside the workspace: in /dev/shm (memory) where there is one, because installing
 * and deleting the ~12,000 files of the consumer project is I/O-bound (deleting them from /tmp took 33 s on a busy
 * CI-sized machine), else in the system's temp directory.
 */
export const scratchDir = (prefix: string): string => {
  const memory = "/dev/shm"
  let base = tmpdir()
  try {
    accessSync(memory, constants.W_OK)
    base = memory
  } catch {}
  return mkdtempSync(join(base, prefix))
}

/** The published packages, by directory under packages/. */
export const PACKAGES = { sdk: "@paypay-effect/sdk", simulator: "@paypay-effect/simulator" } as const

export interface Output {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly stdout: string
  readonly stderr: string
}

/** The environment for child processes, without what pnpm sets for its own scripts (npm warns about it). */
export const childEnv = (): NodeJS.ProcessEnv =>
  Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !/^npm_(lifecycle_|package_|command$|config_user_agent$)|verify_deps_before_run$/.test(name)
    )
  )

/** Runs a command to completion; rejects with its output when it exits non-zero. */
export const run = (command: string, args: ReadonlyArray<string>, cwd: string): Promise<Output> =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: childEnv(), stdio: ["ignore", "pipe", "pipe"] })
    let stdout = ""
    let stderr = ""
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk
    })
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk
    })
    child.on("error", reject)
    child.on("close", (code, signal) => {
      const output = { code, signal, stdout, stderr }
      if (code === 0) resolve(output)
      else reject(new Error(`${command} ${args.join(" ")} (in ${cwd}) exited ${code ?? signal}\n${stdout}\n${stderr}`))
    })
  })

const manifest = (path: string): Manifest => JSON.parse(readFileSync(path, "utf8"))

/** Where node would find package `name` from `dir` (its real path), with its manifest. */
const installed = (name: string, dir = join(ROOT, "packages", "simulator")) => {
  for (let at = dir; ; at = dirname(at)) {
    const candidate = join(at, "node_modules", name, "package.json")
    if (existsSync(candidate)) return { dir: dirname(realpathSync(candidate)), manifest: manifest(candidate) }
    if (dirname(at) === at) throw new Error(`${name} is not installed (looked from ${dir})`)
  }
}

interface Manifest {
  readonly version: string
  readonly dependencies?: Record<string, string>
  readonly peerDependencies?: Record<string, string>
  readonly peerDependenciesMeta?: Record<string, { readonly optional?: boolean }>
}

/**
 * The versions the workspace tests, for every package that is a peer dependency somewhere in the published
 * packages' dependency tree (effect, @effect/platform, the platform-node and @effect/cli peers, …), plus
 * @types/node for the consumer's type check (run with the workspace's own TypeScript). The consumer pins these
 * exactly, so it runs what CI tested instead of the newest versions the peer ranges allow.
 */
export const testedVersions = (): Record<string, string> => {
  const versions: Record<string, string> = {}
  const seen = new Set<string>()
  const visit = (dir: string, deps: Manifest) => {
    const optional = deps.peerDependenciesMeta ?? {}
    const peers = Object.keys(deps.peerDependencies ?? {}).filter((name) => optional[name]?.optional !== true)
    for (const name of [...Object.keys(deps.dependencies ?? {}), ...peers]) {
      const found = installed(name, dir)
      if (peers.includes(name)) versions[name] = found.manifest.version
      if (seen.has(found.dir)) continue
      seen.add(found.dir)
      visit(found.dir, found.manifest)
    }
  }
  for (const dir of Object.keys(PACKAGES)) {
    const packageDir = join(ROOT, "packages", dir)
    visit(packageDir, manifest(join(packageDir, "package.json")))
  }
  for (const name of Object.values(PACKAGES)) delete versions[name]
  versions["@types/node"] = installed("@types/node").manifest.version
  return versions
}

/** `pnpm pack` of both packages into `dir` (one after the other: the simulator's build also builds the SDK). */
export const pack = async (dir: string): Promise<Record<keyof typeof PACKAGES, string>> => {
  const tarballs: Partial<Record<keyof typeof PACKAGES, string>> = {}
  for (const name of Object.keys(PACKAGES) as Array<keyof typeof PACKAGES>) {
    const { stdout } = await run("pnpm", ["pack", "--pack-destination", dir], join(ROOT, "packages", name))
    const tarball = stdout
      .trim()
      .split("\n")
      .filter((line) => line.endsWith(".tgz"))
      .pop()
    if (tarball === undefined || !existsSync(tarball)) throw new Error(`pnpm pack printed no tarball:\n${stdout}`)
    tarballs[name] = tarball
  }
  return tarballs as Record<keyof typeof PACKAGES, string>
}

/** Reuses the workspace's compiled better-sqlite3 addon when the versions match; otherwise builds it from source. */
const provideSqliteAddon = async (consumer: string) => {
  const addon = join("build", "Release", "better_sqlite3.node")
  const target = join(consumer, "node_modules", "better-sqlite3")
  const workspace = installed("better-sqlite3")
  if (manifest(join(target, "package.json")).version === workspace.manifest.version) {
    const source = join(workspace.dir, addon)
    if (existsSync(source)) {
      mkdirSync(dirname(join(target, addon)), { recursive: true })
      copyFileSync(source, join(target, addon))
      return "reused the workspace's build"
    }
  }
  await run("npm", ["rebuild", "better-sqlite3", "--foreground-scripts"], consumer)
  return "compiled from source"
}

type Key = keyof typeof PACKAGES

export interface Consumer {
  /** The consumer project, with both tarballs installed. */
  readonly dir: string
  /** How better-sqlite3's native addon was provided. */
  readonly sqliteAddon: string
}

/**
 * Packs both packages into `root/tarballs` and unpacks them into `root/unpacked/<sdk|simulator>`; `install` puts
 * the tarballs into a fresh npm project, `root/consumer`.
 */
export const prepare = async (root: string) => {
  const tarballDir = join(root, "tarballs")
  mkdirSync(tarballDir, { recursive: true })
  const tarballs = await pack(tarballDir)
  const unpacked = {} as Record<Key, string>
  for (const key of Object.keys(PACKAGES) as Array<Key>) {
    unpacked[key] = join(root, "unpacked", key)
    mkdirSync(unpacked[key], { recursive: true })
    await run("tar", ["xzf", tarballs[key], "-C", unpacked[key], "--strip-components=1"], root)
  }
  const install = async (): Promise<Consumer> => {
    const dir = join(root, "consumer")
    mkdirSync(dir, { recursive: true })
    const dependencies = {
      ...Object.fromEntries(Object.entries(PACKAGES).map(([key, name]) => [name, `file:${tarballs[key as Key]}`])),
      ...testedVersions()
    }
    writeFileSync(
      join(dir, "package.json"),
      `${JSON.stringify({ name: "paypay-effect-consumer", private: true, type: "module", dependencies }, null, 2)}\n`
    )
    await run(
      "npm",
      ["install", "--ignore-scripts", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"],
      dir
    )
    return { dir, sqliteAddon: await provideSqliteAddon(dir) }
  }
  return { tarballs, unpacked, install }
}

/**
 * Starts `command args… --port 0` in its own process group and resolves once the banner is printed, with the
 * time it took.
 */
export const startBin = (
  command: string,
  args: ReadonlyArray<string>,
  cwd: string
): Promise<{ readonly child: ChildProcess; readonly output: () => string; readonly millis: number }> =>
  new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(command, [...args, "--port", "0"], {
      cwd,
      env: childEnv(),
      detached: true,
      stdio: ["ignore", "pipe", "pipe"]
    })
    let output = ""
    const onData = (chunk: string) => {
      output += chunk
      if (/Control API: http/.test(output))
        resolve({ child, output: () => output, millis: performance.now() - started })
    }
    child.stdout.setEncoding("utf8").on("data", onData)
    child.stderr.setEncoding("utf8").on("data", onData)
    child.on("error", reject)
    child.on("exit", (code, signal) => reject(new Error(`exited (${code ?? signal}) before the banner:\n${output}`)))
  })

/**
 * Sends SIGTERM to the child's process group, as a terminal or a process supervisor does (`npx` does not pass a
 * signal on to the bin it runs), and resolves once every process of it has closed its output.
 */
export const stop = (child: ChildProcess): Promise<{ readonly code: number | null; readonly signal: string | null }> =>
  new Promise((resolve) => {
    child.once("close", (code, signal) => resolve({ code, signal }))
    try {
      process.kill(-child.pid!, "SIGTERM")
    } catch {
      child.kill("SIGTERM")
    }
  })
