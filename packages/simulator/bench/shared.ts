/**
 * What the bench's processes share: the credentials both servers accept, the IPC protocol between the parent and
 * the forked servers, and the child side of that protocol.
 */
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
