/**
 * `pnpm bench:sdk`: the same signed create-QR call (`POST /v2/codes`) made by our SDK, the official Node SDK,
 * bare `undici.request` and bare `fetch`, against one local HTTPS server that runs in a forked child process
 * (see `server.ts`). Every client is warmed up, then measured at 1 and at 64 calls in flight; the client order
 * alternates between rounds to spread drift. It prints a table, the ratios at 64 in flight and whether the
 * issue's targets are met (ours ≥ 1.5× official, ≥ 0.5× bare undici). It is a benchmark: it exits 0 either way.
 *
 * Env: BENCH_SECONDS (per measurement, default 2.5), BENCH_WARMUP_SECONDS (default 0.5, repeated up to 4 times until
 * 1000 calls were made, so JIT warm-up does not depend on a client's speed), BENCH_ROUNDS (default 2),
 * BENCH_CLIENTS (comma-separated subset of `ours,ours-platform,official,undici,fetch,platform,effect-undici`; default the first
 * four). The diagnostics split our overhead: `platform` sends the pre-signed request through `@effect/platform`'s
 * HttpClient without the SDK, `effect-undici` wraps bare undici in `Effect.tryPromise` run through a runtime.
 * BENCH_CONCURRENCY (comma-separated calls in flight, default `1,64`; the ratios need 64).
 */
import { type ChildProcess, fork } from "node:child_process"
import { readFileSync } from "node:fs"
import { cpus, loadavg } from "node:os"
import { fileURLToPath } from "node:url"
import { generate } from "selfsigned"
import {
  bareFetch,
  bareUndici,
  type Client,
  effectUndici,
  official,
  ours,
  oursPlatform,
  platform,
  type Target
} from "./clients.js"
import { measure, type Sample } from "./measure.js"
import type { ServerStats, StartMessage } from "./server.js"

const numberFromEnv = (name: string, fallback: number): number => {
  const value = Number(process.env[name])
  return process.env[name] !== undefined && Number.isFinite(value) && value > 0 ? value : fallback
}

const SECONDS = numberFromEnv("BENCH_SECONDS", 2.5)
const WARMUP_SECONDS = numberFromEnv("BENCH_WARMUP_SECONDS", 0.5)
const WARMUP_CALLS = 1000
const ROUNDS = Math.floor(numberFromEnv("BENCH_ROUNDS", 2))
const CONCURRENCY = (process.env["BENCH_CONCURRENCY"] ?? "1,64")
  .split(",")
  .map(Number)
  .filter((n) => n >= 1)
const TARGET_VS_OFFICIAL = 1.5
const TARGET_VS_UNDICI = 0.5

interface Row {
  readonly client: string
  readonly concurrency: number
  readonly round: number
  readonly sample: Sample
  readonly serverCpuPercent: number
  readonly connections: number
}

const certificate = () =>
  generate([{ name: "commonName", value: "127.0.0.1" }], {
    keyType: "ec",
    curve: "P-256",
    algorithm: "sha256",
    extensions: [
      { name: "basicConstraints", cA: false },
      { name: "keyUsage", digitalSignature: true },
      { name: "extKeyUsage", serverAuth: true },
      { name: "subjectAltName", altNames: [{ type: 7, ip: "127.0.0.1" }] }
    ]
  })

const machineBusySeconds = (): number => {
  try {
    const fields = readFileSync("/proc/stat", "utf8").split("\n")[0]?.trim().split(/\s+/).slice(1).map(Number) ?? []
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0] = fields
    return (user + nice + system + irq + softirq) / 100
  } catch {
    return Number.NaN
  }
}

const nextMessage = <A>(child: ChildProcess, type: string): Promise<A> =>
  new Promise((resolve, reject) => {
    const onMessage = (message: { readonly type: string }) => {
      if (message.type !== type) return
      child.off("message", onMessage)
      child.off("exit", onExit)
      resolve(message as A)
    }
    const onExit = (code: number | null) => reject(new Error(`bench server exited with ${code}`))
    child.on("message", onMessage)
    child.once("exit", onExit)
  })

const serverStats = (child: ChildProcess): Promise<ServerStats> => {
  const reply = nextMessage<ServerStats>(child, "stats")
  child.send({ type: "stats" })
  return reply
}

const pad = (value: string, width: number) => (value.length >= width ? value : value + " ".repeat(width - value.length))
const padLeft = (value: string, width: number) =>
  value.length >= width ? value : " ".repeat(width - value.length) + value
const fixed = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : "-")
const mean = (values: ReadonlyArray<number>) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length)

const table = (header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>) => {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)))
  const line = (cells: ReadonlyArray<string>) =>
    cells.map((c, i) => (i === 0 ? pad(c, widths[i] ?? 0) : padLeft(c, widths[i] ?? 0))).join("  ")
  console.log(line(header))
  console.log(widths.map((w) => "-".repeat(w)).join("  "))
  for (const row of rows) console.log(line(row))
}

const run = async (child: ChildProcess, client: Client, round: number, rows: Array<Row>) => {
  let warmed = 0
  for (let i = 0; i < 4 && warmed < WARMUP_CALLS; i++) warmed += (await measure(client.call, 64, WARMUP_SECONDS)).ok
  for (const concurrency of CONCURRENCY) {
    const before = await serverStats(child)
    const sample = await measure(client.call, concurrency, SECONDS)
    const after = await serverStats(child)
    const serverCpuPercent = ((after.cpuMicros - before.cpuMicros) / 1e6 / sample.seconds) * 100
    const connections = after.connections - before.connections
    rows.push({ client: client.name, concurrency, round, sample, serverCpuPercent, connections })
    process.stderr.write(
      `  round ${round} ${client.name} @${concurrency}: ${fixed(sample.rate)} calls/s, ${sample.errors} errors\n`
    )
  }
}

const main = async () => {
  const pems = await certificate()
  const child = fork(fileURLToPath(new URL("./server.ts", import.meta.url)), [], {
    stdio: ["ignore", "inherit", "inherit", "ipc"]
  })
  const listening = nextMessage<{ readonly port: number }>(child, "listening")
  const target: Target = {
    port: 0,
    cert: pems.cert,
    apiKey: "bench_api_key",
    apiSecret: "bench_api_secret_0123456789",
    merchantId: "bench_merchant"
  }
  const start: StartMessage = {
    type: "start",
    key: pems.private,
    cert: pems.cert,
    apiKey: target.apiKey,
    apiSecret: target.apiSecret
  }
  child.send(start)
  const { port } = await listening
  const connected: Target = { ...target, port }
  const all = {
    ours,
    "ours-platform": oursPlatform,
    official,
    undici: bareUndici,
    fetch: bareFetch,
    platform,
    "effect-undici": effectUndici
  }
  const selected = (process.env["BENCH_CLIENTS"] ?? "ours,ours-platform,official,undici,fetch")
    .split(",")
    .map((s) => s.trim())
  const clients = Object.entries(all)
    .filter(([key]) => selected.includes(key))
    .map(([key, make]) => ({ key, ...make(connected) }))

  const cpu = cpus()
  console.log("# pnpm bench:sdk — signed POST /v2/codes (create QR), 201 canned response")
  console.log(
    `node ${process.version}, ${cpu.length} CPU(s) (${cpu[0]?.model ?? "unknown"}); ` +
      `HTTPS server in a forked child process (pid ${child.pid}) on 127.0.0.1:${port}, clients in this process ` +
      `(pid ${process.pid}): one core each at best, so at 64 in flight client and server compete for 2 cores`
  )
  console.log(
    "TLS 1.3, self-signed EC P-256 certificate trusted via `ca` (verification on), keep-alive connections; " +
      "the server verifies the OPA-Auth signature of every 16th request"
  )
  console.log(
    `each client: warm-up at 64 in flight (${WARMUP_SECONDS}s, repeated up to 4 times until ${WARMUP_CALLS} calls), then ${SECONDS}s at ${CONCURRENCY.join(" and ")} ` +
      `in flight (closed loop); ${ROUNDS} round(s), client order reversed every other round`
  )
  console.log(
    "client CPU = user+system time of this process (all threads, GC included) over wall time; CPU µs/call = that " +
      "time per successful call; server CPU = the same for the server process\n"
  )

  const rows: Array<Row> = []
  const started = {
    wall: Date.now(),
    machine: machineBusySeconds(),
    self: process.cpuUsage(),
    server: await serverStats(child)
  }
  for (let round = 1; round <= ROUNDS; round++) {
    const order = round % 2 === 1 ? clients : [...clients].reverse()
    for (const client of order) await run(child, client, round, rows)
  }
  const self = process.cpuUsage(started.self)
  const serverSeconds = ((await serverStats(child)).cpuMicros - started.server.cpuMicros) / 1e6
  const others = machineBusySeconds() - started.machine - (self.user + self.system) / 1e6 - serverSeconds
  const wall = (Date.now() - started.wall) / 1000

  console.log("")
  table(
    [
      "client",
      "in flight",
      "round",
      "calls/s",
      "p50 ms",
      "p99 ms",
      "ok",
      "errors",
      "client CPU",
      "CPU µs/call",
      "server CPU",
      "new TLS conns"
    ],
    rows.map((r) => [
      r.client,
      String(r.concurrency),
      String(r.round),
      fixed(r.sample.rate),
      fixed(r.sample.p50, 2),
      fixed(r.sample.p99, 2),
      String(r.sample.ok),
      String(r.sample.errors),
      `${fixed(r.sample.cpuPercent)}%`,
      fixed((r.sample.cpuPercent / 100 / r.sample.rate) * 1e6),
      `${fixed(r.serverCpuPercent)}%`,
      String(r.connections)
    ])
  )

  const rate = (client: Client, concurrency: number) =>
    mean(rows.filter((r) => r.client === client.name && r.concurrency === concurrency).map((r) => r.sample.rate))
  console.log(`\nmean calls/s over ${ROUNDS} round(s)`)
  table(
    ["client", ...CONCURRENCY.map((c) => `${c} in flight`)],
    clients.map((client) => [client.name, ...CONCURRENCY.map((c) => fixed(rate(client, c)))])
  )

  const rate64 = (key: string) => {
    const client = clients.find((c) => c.key === key)
    return client === undefined ? Number.NaN : rate(client, 64)
  }
  const vsOfficial = rate64("ours") / rate64("official")
  const vsUndici = rate64("ours") / rate64("undici")
  const verdict = (ratio: number, goal: number) => (Number.isNaN(ratio) ? "n/a" : ratio >= goal ? "MET" : "NOT MET")
  console.log("\nat 64 in flight:")
  console.log(
    `  ours / official    = ${fixed(vsOfficial, 2)}x  (target >= ${TARGET_VS_OFFICIAL}x: ${verdict(vsOfficial, TARGET_VS_OFFICIAL)})`
  )
  console.log(
    `  ours / bare undici = ${fixed(vsUndici, 2)}x  (target >= ${TARGET_VS_UNDICI}x: ${verdict(vsUndici, TARGET_VS_UNDICI)})`
  )

  console.log(
    `\nnoise: other processes used ${fixed((others / wall) * 100)}% of one core on average during the run ` +
      `(${cpu.length} cores; load average at the end ${loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")})`
  )
  const failed = rows.filter((r) => r.sample.errors > 0)
  const stats = await serverStats(child)
  console.log(
    `\nserver: ${stats.requests} requests, ${stats.verified} signatures verified, ${stats.rejected.length} rejected`
  )
  for (const message of stats.rejected) console.log(`  rejected: ${message}`)
  if (failed.length === 0) console.log("errors: none, every measured call answered 201 SUCCESS")
  for (const r of failed) {
    console.log(`errors: ${r.client} @${r.concurrency} round ${r.round}: ${r.sample.errors}`)
    for (const message of r.sample.messages) console.log(`  ${message}`)
  }

  for (const client of clients) await client.close()
  child.disconnect()
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error)
    process.exit(1)
  }
)
