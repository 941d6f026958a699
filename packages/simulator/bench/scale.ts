/**
 * `pnpm bench:simulator --scale`: does a request's cost grow with the store? Two simulator processes side by side,
 * one on an empty database file and one on a file filled with 1,000,000 payments of the bench merchant (a tenth
 * refunded) and their users (`fill.ts`), are driven in turn, family by family, at the same fixed offered rate
 * (open loop: autocannon's `overallRate`, far below either server's capacity), and the p50/p99 latencies are
 * printed side by side with their ratios (target: within 1.5× of empty), with each server's RSS while serving
 * (target: under 500 MB). It is a benchmark: it exits 0 whatever the numbers are.
 *
 * Env: SCALE_PAYMENTS (default 1000000), SCALE_USERS (default 50), SCALE_RATE (offered req/s, default 100),
 * SCALE_SECONDS (per family and server, default 4), SCALE_ROUNDS (default 2), SCALE_DB (reuse a filled file).
 */
import * as PayPaySigner from "@paypay-effect/sdk/PayPaySigner"
import autocannon from "autocannon"
import type { ChildProcess } from "node:child_process"
import { existsSync, mkdtempSync, rmSync } from "node:fs"
import { loadavg, tmpdir } from "node:os"
import { join } from "node:path"
import { performance } from "node:perf_hooks"
import { fill, userId } from "./fill.js"
import { credentials, forkServer, numberFromEnv, statsOf, stopServer } from "./shared.js"

const PAYMENTS = numberFromEnv("SCALE_PAYMENTS", 1_000_000, 1)
const USERS = numberFromEnv("SCALE_USERS", 50, 1)
const RATE = numberFromEnv("SCALE_RATE", 100, 1)
const SECONDS = numberFromEnv("SCALE_SECONDS", 4, 0.5)
const ROUNDS = numberFromEnv("SCALE_ROUNDS", 2, 1)
const WARMUP_SECONDS = 1
const CONNECTIONS = 10
const TARGET_RATIO = 1.5
const TARGET_RSS_MB = 500

interface Request {
  readonly method: "GET" | "POST"
  readonly path: string
  readonly body?: string | undefined
}

interface Server {
  readonly name: string
  readonly child: ChildProcess
  readonly port: number
  /** Ids created on this server before the measurements, for the GET families. */
  readonly seeds: Seeds
  peakRss: number
}

interface Seeds {
  readonly codes: ReadonlyArray<string>
  readonly payments: ReadonlyArray<string>
  readonly paid: Array<string>
  readonly refunds: ReadonlyArray<readonly [merchantRefundId: string, paymentId: string]>
}

const run = `${Date.now().toString(36)}`
let counter = 0
const unique = (prefix: string) => `${prefix}-${run}-${++counter}`
const pick = <A>(items: ReadonlyArray<A>): A => items[Math.floor(Math.random() * items.length)]!
const epoch = () => Math.floor(Date.now() / 1000)
const yen = (amount: number) => ({ amount, currency: "JPY" })
const anyUser = () => userId(Math.floor(Math.random() * USERS))

const signedHeaders = (request: Request) => {
  const contentType = request.body === undefined ? undefined : "application/json"
  return {
    "x-assume-merchant": credentials.merchantId,
    ...(contentType === undefined ? {} : { "content-type": contentType }),
    authorization: PayPaySigner.header(
      credentials,
      { method: request.method, path: request.path, contentType, body: request.body },
      Math.random().toString(36).slice(2, 10),
      epoch()
    )
  }
}

const post = (path: string, body: unknown): Request => ({ method: "POST", path, body: JSON.stringify(body) })

/** Every endpoint family measured: a request made fresh (and signed) for each call. */
const FAMILIES: ReadonlyArray<readonly [name: string, next: (server: Server) => Request]> = [
  [
    "Codes.create",
    () =>
      post("/v2/codes", {
        merchantPaymentId: unique("c"),
        amount: yen(100),
        codeType: "ORDER_QR",
        requestedAt: epoch()
      })
  ],
  ["Codes.getPayment", (s) => ({ method: "GET", path: `/v2/codes/payments/${pick(s.seeds.codes)}` })],
  [
    "Payments.create",
    () =>
      post("/v2/payments", {
        merchantPaymentId: unique("p"),
        userAuthorizationId: anyUser(),
        amount: yen(1 + Math.floor(Math.random() * 1_000_000)),
        requestedAt: epoch()
      })
  ],
  ["Payments.get", (s) => ({ method: "GET", path: `/v2/payments/${pick(s.seeds.payments)}` })],
  [
    "Preauth.authorize",
    () =>
      post("/v2/payments/preauthorize", {
        merchantPaymentId: unique("a"),
        userAuthorizationId: anyUser(),
        amount: yen(1 + Math.floor(Math.random() * 1_000_000)),
        requestedAt: epoch()
      })
  ],
  [
    "Refunds.create",
    (s) =>
      post("/v2/refunds", {
        merchantRefundId: unique("r"),
        paymentId: s.seeds.paid.pop() ?? "exhausted",
        amount: yen(1),
        requestedAt: epoch()
      })
  ],
  [
    "Refunds.get",
    (s) => {
      const [merchantRefundId, paymentId] = pick(s.seeds.refunds)
      return { method: "GET", path: `/v2/refunds/${merchantRefundId}?paymentId=${paymentId}` }
    }
  ],
  [
    "PendingPayments.create",
    () =>
      post("/v1/requestOrder", {
        merchantPaymentId: unique("q"),
        userAuthorizationId: anyUser(),
        amount: yen(100),
        requestedAt: epoch()
      })
  ],
  [
    "Users.getAuthorizationStatus",
    () => ({ method: "GET", path: `/v2/user/authorizations?userAuthorizationId=${anyUser()}` })
  ],
  [
    "Wallet.checkBalance",
    () => ({ method: "GET", path: `/v2/wallet/check_balance?userAuthorizationId=${anyUser()}&amount=100&currency=JPY` })
  ]
]

const call = async (port: number, request: Request) => {
  const response = await fetch(`http://127.0.0.1:${port}${request.path}`, {
    method: request.method,
    headers: signedHeaders(request),
    ...(request.body === undefined ? {} : { body: request.body })
  })
  return { status: response.status, json: (await response.json()) as any }
}

/** Users (the full store has them already), then codes, payments and refunds to read and refund. */
const seed = async (port: number, filled: boolean): Promise<Seeds> => {
  if (!filled) {
    for (let i = 0; i < USERS; i++) {
      await fetch(`http://127.0.0.1:${port}/_simulator/users`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ userAuthorizationId: userId(i), balance: 99_999_999_999 })
      })
    }
  }
  const codes: Array<string> = []
  const payments: Array<string> = []
  const paid: Array<string> = []
  const refunds: Array<readonly [string, string]> = []
  const refundable = Math.ceil(RATE * (SECONDS + WARMUP_SECONDS) * ROUNDS * 1.2)
  for (let i = 0; i < 200; i++) {
    const id = unique("seed-code")
    if (
      (
        await call(
          port,
          post("/v2/codes", { merchantPaymentId: id, amount: yen(1), codeType: "ORDER_QR", requestedAt: epoch() })
        )
      ).status === 201
    )
      codes.push(id)
  }
  for (let i = 0; i < refundable + 200; i++) {
    const id = unique("seed-pay")
    const answer = await call(
      port,
      post("/v2/payments", {
        merchantPaymentId: id,
        userAuthorizationId: anyUser(),
        amount: yen(1000 + i),
        requestedAt: epoch()
      })
    )
    if (answer.status !== 200) continue
    if (i < 200) {
      payments.push(id)
      const refundId = unique("seed-refund")
      const refunded = await call(
        port,
        post("/v2/refunds", {
          merchantRefundId: refundId,
          paymentId: answer.json.data.paymentId,
          amount: yen(1),
          requestedAt: epoch()
        })
      )
      if (refunded.status === 200) refunds.push([refundId, answer.json.data.paymentId])
    } else {
      paid.push(answer.json.data.paymentId)
    }
  }
  if (filled) {
    for (let i = 0; i < 200; i++) {
      const n = Math.floor(Math.random() * PAYMENTS)
      payments.push(`filled-${n}`)
      const r = Math.floor(Math.random() * (PAYMENTS / 10)) * 10
      refunds.push([`filled-refund-${r}`, `9${String(r).padStart(19, "0")}`])
    }
  }
  return { codes, payments, paid, refunds }
}

interface Measured {
  readonly p50: number
  readonly p99: number
  readonly rate: number
  readonly non2xx: number
  readonly statuses: Record<string, number>
}

const percentile = (sorted: Float64Array, p: number) =>
  sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!

const measure = async (server: Server, next: (server: Server) => Request, seconds: number): Promise<Measured> => {
  const latencies: Array<number> = []
  const started = performance.now()
  const instance = autocannon({
    url: `http://127.0.0.1:${server.port}`,
    connections: CONNECTIONS,
    overallRate: RATE,
    duration: seconds,
    timeout: 10,
    requests: [
      {
        setupRequest: (request) => {
          const made = next(server)
          return {
            ...request,
            method: made.method,
            path: made.path,
            headers: signedHeaders(made),
            ...(made.body === undefined ? {} : { body: made.body })
          }
        }
      }
    ]
  })
  instance.on("response", (_client: unknown, _status: number, _bytes: number, millis: number) => latencies.push(millis))
  const result = await instance
  const elapsed = Math.min(result.duration, (performance.now() - started) / 1000)
  const sorted = Float64Array.from(latencies).sort()
  const statuses: Record<string, number> = {}
  for (const [status, stats] of Object.entries(result.statusCodeStats)) statuses[status] = stats.count
  server.peakRss = Math.max(server.peakRss, (await statsOf(server.child)).rssBytes)
  return {
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    rate: latencies.length / elapsed,
    non2xx: result.non2xx,
    statuses
  }
}

const fixed = (value: number, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : "-")
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024)

export const main = async () => {
  const wallStarted = Date.now()
  console.log(
    `scale bench: load average at start ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`
  )
  const dir = mkdtempSync(join(tmpdir(), "paypay-sim-scale-"))
  const fullFile = process.env["SCALE_DB"] ?? join(dir, "full.db")
  const emptyFile = join(dir, "empty.db")
  try {
    if (process.env["SCALE_DB"] === undefined || !existsSync(fullFile)) {
      const filled = await fill(fullFile, PAYMENTS, USERS)
      console.log(
        `filled ${filled.payments.toLocaleString("en-US")} payments (${filled.refunds.toLocaleString("en-US")} refunded) ` +
          `of ${filled.users} users in ${fixed(filled.millis / 1000, 1)} s: ${mb(filled.bytes)} MB`
      )
    }
    const servers: Array<Server> = []
    for (const [name, file] of [
      ["empty store", emptyFile],
      [`${PAYMENTS.toLocaleString("en-US")} payments`, fullFile]
    ] as const) {
      const { child, port } = await forkServer(new URL("./simulatorServer.ts", import.meta.url), {
        env: { BENCH_DB: file }
      })
      const seeds = await seed(port, file === fullFile)
      servers.push({ name, child, port, seeds, peakRss: (await statsOf(child)).rssBytes })
    }
    const [empty, full] = servers as [Server, Server]
    console.log(
      `offered ${RATE} req/s over ${CONNECTIONS} connections, ${SECONDS} s per family and server, ${ROUNDS} rounds\n`
    )
    const rows: Array<readonly [string, Measured, Measured]> = []
    for (const [name, next] of FAMILIES) {
      const results = new Map<Server, Array<Measured>>([
        [empty, []],
        [full, []]
      ])
      for (let round = 0; round < ROUNDS; round++) {
        const order = round % 2 === 0 ? [empty, full] : [full, empty]
        for (const server of order) {
          await measure(server, next, WARMUP_SECONDS)
          results.get(server)!.push(await measure(server, next, SECONDS))
        }
      }
      const merge = (list: ReadonlyArray<Measured>): Measured => ({
        p50: list.reduce((a, m) => a + m.p50, 0) / list.length,
        p99: Math.max(...list.map((m) => m.p99)),
        rate: list.reduce((a, m) => a + m.rate, 0) / list.length,
        non2xx: list.reduce((a, m) => a + m.non2xx, 0),
        statuses: Object.assign({}, ...list.map((m) => m.statuses))
      })
      rows.push([name, merge(results.get(empty)!), merge(results.get(full)!)])
    }
    const header = `| family | empty p50 ms | empty p99 ms | ${full.name} p50 ms | p99 ms | p50 ratio | p99 ratio |`
    console.log(header)
    console.log(
      `|${header
        .split("|")
        .slice(1, -1)
        .map(() => " --- ")
        .join("|")}|`
    )
    for (const [name, e, f] of rows) {
      console.log(
        `| ${name} | ${fixed(e.p50)} | ${fixed(e.p99)} | ${fixed(f.p50)} | ${fixed(f.p99)} | ` +
          `${fixed(f.p50 / e.p50)} | ${fixed(f.p99 / e.p99)} |`
      )
    }
    const worst = Math.max(...rows.map(([, e, f]) => f.p50 / e.p50))
    console.log(
      `\nworst p50 ratio ${fixed(worst)} (target ≤ ${TARGET_RATIO}); peak RSS while serving: empty ${mb(empty.peakRss)} MB, ` +
        `full ${mb(full.peakRss)} MB (target < ${TARGET_RSS_MB} MB)`
    )
    for (const [name, e, f] of rows) {
      if (e.non2xx + f.non2xx > 0) {
        console.log(`non-2xx in ${name}: empty ${JSON.stringify(e.statuses)}, full ${JSON.stringify(f.statuses)}`)
      }
    }
    console.log(
      `total ${fixed((Date.now() - wallStarted) / 1000, 0)} s; load average at the end ${loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}`
    )
    await Promise.all(servers.map((server) => stopServer(server.child)))
  } finally {
    if (process.env["SCALE_DB"] === undefined) rmSync(dir, { recursive: true, force: true })
  }
}
