/**
 * An open-loop load: requests leave on a fixed schedule (`rate` per second) whatever is still outstanding, and each
 * latency is measured from the request's scheduled time, not from when it was actually sent — so a stall of the
 * server (or of this generator) shows up in the latencies of every request that should have left meanwhile instead
 * of silently lowering the rate (no coordinated omission). A closed loop (autocannon's connections, even with its
 * `overallRate`) waits for an answer before sending the next request on a connection and times from the actual send,
 * so it only measures throughput.
 *
 * The mix is the closed-loop bench's: even slots create a QR code with a new merchantPaymentId, odd slots read the
 * payment of the most recent create that has been answered (so every read finds a payment). Requests are signed
 * ahead (`Pool` of `load.ts`) and sent by node:http over a keep-alive agent with enough sockets that no request
 * waits for another's connection.
 */
import { Agent, request as httpRequest } from "node:http"
import { performance } from "node:perf_hooks"
import { type Pair, Pool, type Signed } from "./load.js"
import { percentile } from "./shared.js"

/** One open-loop run. Latencies in milliseconds from the scheduled send time. */
export interface OpenLoopResult {
  readonly offered: number
  readonly sent: number
  readonly answered: number
  readonly seconds: number
  readonly p50: number
  readonly p90: number
  readonly p99: number
  readonly p999: number
  readonly max: number
  /** How late this generator sent requests behind schedule, worst case (ms); large values mean it did not keep up. */
  readonly maxSendLag: number
  readonly non2xx: number
  readonly errors: number
  readonly messages: ReadonlyArray<string>
}

/** Offers `rate` requests per second to `port` for `seconds` (after `warmupSeconds` of the same load, not recorded). */
export const openLoop = async (options: {
  readonly port: number
  readonly rate: number
  readonly seconds: number
  readonly warmupSeconds: number
  readonly connections?: number
}): Promise<OpenLoopResult> => {
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections ?? 256, keepAliveMsecs: 60_000 })
  const send: Send = (request, method) =>
    new Promise((resolve, reject) => {
      const outgoing = httpRequest(
        { host: "127.0.0.1", port: options.port, path: request.path, method, headers: request.headers, agent },
        (response) => {
          let text = ""
          response.setEncoding("utf8")
          response.on("data", (chunk: string) => {
            text += chunk
          })
          response.on("end", () => resolve({ status: response.statusCode ?? 0, text }))
          response.on("error", reject)
        }
      )
      outgoing.on("error", reject)
      outgoing.end(request.body)
    })
  try {
    await run(send, options.rate, options.warmupSeconds, undefined)
    return await run(send, options.rate, options.seconds, options.rate)
  } finally {
    agent.destroy()
  }
}

type Send = (request: Signed, method: "POST" | "GET") => Promise<{ readonly status: number; readonly text: string }>

const run = (
  sendRequest: Send,
  rate: number,
  seconds: number,
  offered: number | undefined
): Promise<OpenLoopResult> => {
  const total = Math.max(2, Math.round(rate * seconds))
  const interval = 1000 / rate
  const pool = new Pool(Math.ceil(total / 2) + 10)
  const latencies = new Float64Array(total)
  const messages: Array<string> = []
  let answered = 0
  let finished = 0
  let non2xx = 0
  let errors = 0
  let maxSendLag = 0
  let latestCreated: Pair | undefined
  return new Promise((resolve) => {
    const start = performance.now() + 20
    const settle = () => {
      if (++finished < total) return
      const sorted = latencies.slice(0, answered).sort()
      resolve({
        offered: offered ?? rate,
        sent: total,
        answered,
        seconds,
        p50: percentile(sorted, 0.5),
        p90: percentile(sorted, 0.9),
        p99: percentile(sorted, 0.99),
        p999: percentile(sorted, 0.999),
        max: sorted.length === 0 ? Number.NaN : (sorted[sorted.length - 1] ?? Number.NaN),
        maxSendLag,
        non2xx,
        errors,
        messages
      })
    }
    const send = (slot: number, scheduled: number) => {
      let request: Signed
      let method: "POST" | "GET"
      let created: Pair | undefined
      if (slot % 2 === 1 && latestCreated !== undefined) {
        request = latestCreated.get
        method = "GET"
      } else {
        created = pool.next()
        request = created.create
        method = "POST"
      }
      maxSendLag = Math.max(maxSendLag, performance.now() - scheduled)
      sendRequest(request, method)
        .then((response) => {
          latencies[answered++] = performance.now() - scheduled
          if (response.status < 200 || response.status >= 300) {
            non2xx++
            if (messages.length < 5) messages.push(`${response.status} ${response.text.slice(0, 200)}`)
          } else if (created !== undefined) {
            latestCreated = created
          }
        })
        .catch((error: unknown) => {
          errors++
          if (messages.length < 5) messages.push(`request error: ${String(error)}`)
        })
        .finally(settle)
    }
    let next = 0
    const tick = () => {
      const now = performance.now()
      while (next < total && start + next * interval <= now) {
        send(next, start + next * interval)
        next++
      }
      if (next < total) setTimeout(tick, Math.max(0, start + next * interval - performance.now() - 0.5))
    }
    setTimeout(tick, 20)
  })
}
