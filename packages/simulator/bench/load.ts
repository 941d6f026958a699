/**
 * The load: signed create-QR / get-details pairs, driven by autocannon. Each connection loops over
 * `POST /v2/codes` (a unique `merchantPaymentId`) then `GET /v2/codes/payments/{that id}`, so every get reads a
 * payment the simulator created. Requests are signed ahead of each measurement (a pool sized from the warm-up's
 * rate) so signing costs nothing while measuring; a pool that runs dry or grows stale (epoch older than 90 s,
 * the server allows 120 s) is topped up by signing on the spot, and the count is reported.
 */
import * as PayPaySigner from "@paypay-effect/sdk/PayPaySigner"
import autocannon from "autocannon"
import { performance } from "node:perf_hooks"
import { credentials, percentile } from "./shared.js"

/** A signed request, ready to send. */
export interface Signed {
  readonly path: string
  readonly headers: Record<string, string>
  readonly body?: string
}

/** A create-QR request and the get-details request of the same payment, signed together. */
export interface Pair {
  readonly create: Signed
  readonly get: Signed
  readonly signedAtMillis: number
}

const STALE_MILLIS = 90_000
const NONCE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
const nonce = () => {
  let out = ""
  for (let i = 0; i < 8; i++) out += NONCE_ALPHABET[Math.floor(Math.random() * NONCE_ALPHABET.length)]
  return out
}

const runId = `${process.pid.toString(36)}${Date.now().toString(36)}`
let counter = 0

const signPair = (): Pair => {
  const now = Date.now()
  const epoch = Math.floor(now / 1000)
  const merchantPaymentId = `bench-${runId}-${++counter}`
  const body = JSON.stringify({
    merchantPaymentId,
    amount: { amount: 100, currency: "JPY" },
    codeType: "ORDER_QR",
    orderDescription: "bench",
    requestedAt: epoch
  })
  const contentType = "application/json"
  const getPath = `/v2/codes/payments/${merchantPaymentId}`
  return {
    signedAtMillis: now,
    create: {
      path: "/v2/codes",
      body,
      headers: {
        "content-type": contentType,
        "x-assume-merchant": credentials.merchantId,
        authorization: PayPaySigner.header(
          credentials,
          { method: "POST", path: "/v2/codes", contentType, body },
          nonce(),
          epoch
        )
      }
    },
    get: {
      path: getPath,
      headers: {
        "x-assume-merchant": credentials.merchantId,
        authorization: PayPaySigner.header(credentials, { method: "GET", path: getPath }, nonce(), epoch)
      }
    }
  }
}

/** Signed pairs handed out in order; signs on the spot when empty or stale. */
export class Pool {
  private readonly pairs: Array<Pair>
  private index = 0
  signedLive = 0

  constructor(size: number) {
    this.pairs = Array.from({ length: size }, signPair)
  }

  next(): Pair {
    const pair = this.pairs[this.index]
    if (pair !== undefined && Date.now() - pair.signedAtMillis < STALE_MILLIS) {
      this.index++
      return pair
    }
    this.signedLive++
    return signPair()
  }
}

/** One autocannon run. Latencies are kept in full (autocannon's histogram rounds to whole milliseconds). */
export interface LoadResult {
  readonly requests: number
  readonly seconds: number
  readonly rate: number
  readonly p50: number
  readonly p99: number
  readonly non2xx: number
  readonly errors: number
  readonly statuses: Readonly<Record<string, number>>
  readonly messages: ReadonlyArray<string>
  readonly signedLive: number
}

/** Drives `port` with `connections` for `seconds`, from a pool of `expectedPairs` pre-signed pairs. */
export const load = async (options: {
  readonly port: number
  readonly connections: number
  readonly seconds: number
  readonly expectedPairs: number
}): Promise<LoadResult> => {
  const pool = new Pool(Math.ceil(options.expectedPairs))
  const messages: Array<string> = []
  const onResponse = (status: number, body: string) => {
    if ((status < 200 || status >= 300) && messages.length < 5) messages.push(`${status} ${body.slice(0, 300)}`)
  }
  const latencies: Array<number> = []
  const started = performance.now()
  const instance = autocannon({
    url: `http://127.0.0.1:${options.port}`,
    connections: options.connections,
    duration: options.seconds,
    timeout: 10,
    requests: [
      {
        method: "POST",
        setupRequest: (request, context) => {
          const pair = pool.next()
          context["pair"] = pair
          return { ...request, path: pair.create.path, headers: { ...pair.create.headers }, body: pair.create.body! }
        },
        onResponse
      },
      {
        method: "GET",
        setupRequest: (request, context) => {
          const pair = context["pair"] as Pair
          return { ...request, path: pair.get.path, headers: { ...pair.get.headers } }
        },
        onResponse
      }
    ]
  })
  instance.on("response", (_client: unknown, _status: number, _bytes: number, millis: number) => {
    latencies.push(millis)
  })
  instance.on("reqError", (error: Error) => {
    if (messages.length < 5) messages.push(`request error: ${error.message}`)
  })
  const result = await instance
  const seconds = Math.min(result.duration, (performance.now() - started) / 1000)
  const sorted = Float64Array.from(latencies).sort()
  const statuses: Record<string, number> = {}
  for (const [status, stats] of Object.entries(result.statusCodeStats)) statuses[status] = stats.count
  return {
    requests: latencies.length,
    seconds,
    rate: latencies.length / seconds,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    non2xx: result.non2xx,
    errors: result.errors,
    statuses,
    messages,
    signedLive: pool.signedLive
  }
}
