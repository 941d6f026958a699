/**
 * What the bench's processes share: the credentials both servers accept, the IPC protocol between the parent and
 * the forked servers, and both sides of that protocol.
 */
import { type ChildProcess, fork } from "node:child_process"
import { fileURLToPath } from "node:url"
import { defaultCredential, defaultMerchantId } from "../src/SimulatorConfig.js"

/** The simulator's documented default credentials; the bare server accepts exactly these. */
export const credentials = {
  apiKey: defaultCredential.apiKey,
  apiSecret: defaultCredential.apiSecret,
  merchantId: defaultMerchantId
} as const

/** The `p` quantile (0–1) of ascending latencies; NaN when there are none. */
export const percentile = (sorted: Float64Array, p: number): number =>
  sorted.length === 0 ? Number.NaN : (sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN)

/** Parent → child. */
export type ToChild = { readonly type: "stats" } | { readonly type: "stop" }

/** Child → parent. */
export type FromChild =
  | { readonly type: "listening"; readonly port: number }
  | { readonly type: "stats"; readonly cpuMicros: number; readonly rssBytes: number }

/** Announces the port and answers `stats` (this process's CPU time) and `stop` (exit, writing any --cpu-prof). */
export const serveIpc = (port: number): void => {
  const send = (message: FromChild) => process.send?.(message)
  process.on("message", (message: ToChild) => {
    if (message.type === "stats") {
      const cpu = process.cpuUsage()
      send({ type: "stats", cpuMicros: cpu.user + cpu.system, rssBytes: process.memoryUsage.rss() })
    } else if (message.type === "stop") {
      process.exit(0)
    }
  })
  process.on("disconnect", () => process.exit(0))
  send({ type: "listening", port })
}

const nextMessage = <T extends FromChild["type"]>(child: ChildProcess, type: T) =>
  new Promise<Extract<FromChild, { readonly type: T }>>((resolve, reject) => {
    const onMessage = (message: FromChild) => {
      if (message.type !== type) return
      child.off("message", onMessage)
      child.off("exit", onExit)
      resolve(message as Extract<FromChild, { readonly type: T }>)
    }
    const onExit = (code: number | null) => reject(new Error(`bench server exited with ${code}`))
    child.on("message", onMessage)
    child.once("exit", onExit)
  })

/** Forks a bench server (a file that calls {@link serveIpc}) and waits for its port. */
export const forkServer = async (
  file: URL,
  options: { readonly execArgv?: ReadonlyArray<string>; readonly env?: Record<string, string> } = {}
): Promise<{ readonly child: ChildProcess; readonly port: number }> => {
  const child = fork(fileURLToPath(file), [], {
    execArgv: [...process.execArgv, ...(options.execArgv ?? [])],
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "inherit", "inherit", "ipc"]
  })
  const { port } = await nextMessage(child, "listening")
  return { child, port }
}

/** The CPU time and RSS of a forked server. */
export const statsOf = async (child: ChildProcess) => {
  const reply = nextMessage(child, "stats")
  child.send({ type: "stats" } satisfies ToChild)
  return reply
}

/** Stops a forked server. */
export const stopServer = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    child.once("exit", () => resolve())
    child.send({ type: "stop" } satisfies ToChild)
  })

/** A number from the environment, `fallback` when unset, not a number or below `min`. */
export const numberFromEnv = (name: string, fallback: number, min = 0): number => {
  const raw = process.env[name]
  const value = Number(raw)
  return raw !== undefined && raw !== "" && Number.isFinite(value) && value >= min ? value : fallback
}
