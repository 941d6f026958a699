/**
 * `pnpm bench:simulator`: the simulator (in-memory SQLite) versus a bare `node:http` server that does the same
 * essential work by hand (`bareServer.ts`), each in its own forked process, on 127.0.0.1, in three parts:
 * 1. throughput, side by side: autocannon (closed loop) with the same signed create-QR / get-details mix at 10 and
 *    50 connections, servers alternated;
 * 2. latency at a fixed offered rate: an open loop (`openLoop.ts`) at 1,000 req/s against each server, p50/p99
 *    measured from the scheduled send time (target: simulator p99 < 5 ms);
 * 3. SDK calls/s in process versus over a socket (target: in process ≥ 3× the platform-HttpClient socket path).
 * It is a benchmark: it exits 0 either way.
 *
 * Env: BENCH_SECONDS (per measurement, default 5), BENCH_WARMUP_SECONDS (default 1), BENCH_ROUNDS (default 2),
 * BENCH_CONNECTIONS (default "10,50"; "" skips part 1), BENCH_OPEN_RATE (default 1000), BENCH_OPEN_SECONDS
 * (default 10; 0 skips part 2), BENCH_OPEN_WARMUP_SECONDS (default 2), BENCH_SDK_SECONDS (default 3; 0 skips
 * part 3), BENCH_PROFILE (`simulator` or `bare`: run that server with `--cpu-prof`; the profile is written to the
 * OS temp directory).
 *
 * `pnpm bench:simulator --scale` runs `scale.ts` instead: latency against an empty store and a filled one.
 */
import { type ChildProcess, fork } from "node:child_process"
import { readFileSync } from "node:fs"
import { cpus, loadavg, tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { type LoadResult, load } from "./load.js"
import type { OpenLoopResult, openLoop } from "./openLoop.js"
import * as SdkCalls from "./sdkCalls.js"
import { forkServer, numberFromEnv, statsOf, stopServer } from "./shared.js"

const SECONDS = numberFromEnv("BENCH_SECONDS", 5, 0.5)
const WARMUP_SECONDS = numberFromEnv("BENCH_WARMUP_SECONDS", 1, 0.2)
const ROUNDS = Math.max(1, Math.floor(numberFromEnv("BENCH_ROUNDS", 2, 1)))
const SDK_SECONDS = numberFromEnv("BENCH_SDK_SECONDS", 3, 0)
const OPEN_RATE = numberFromEnv("BENCH_OPEN_RATE", 1000, 1)
const OPEN_SECONDS = numberFromEnv("BENCH_OPEN_SECONDS", 10, 0)
const OPEN_WARMUP_SECONDS = numberFromEnv("BENCH_OPEN_WARMUP_SECONDS", 2, 0)
const TARGET_OPEN_P99_MS = 5
const TARGET_SDK_RATIO = 3
const CONNECTIONS = (process.env["BENCH_CONNECTIONS"] ?? "10,50")
  .split(",")
  .map(Number)
  .filter((n) => Number.isInteger(n) && n >= 1)
const PROFILE = process.env["BENCH_PROFILE"]
const PROFILE_DIR = join(tmpdir(), "paypay-simulator-bench-profiles")
const TARGET_RATIO = 0.25
const TARGET_P99_MS = 10
const SDK_IN_FLIGHT = 64
const MIN_EXPECTED_RATE = 8_000
const SATURATED_CPU_PERCENT = 80

interface Target {
  readonly name: "bare" | "simulator"
  readonly label: string
  readonly child: ChildProcess
  readonly port: number
}

interface Row {
  readonly target: Target
  readonly connections: number
  readonly round: number
  readonly result: LoadResult
  readonly serverCpuPercent: number
  readonly serverMicrosPerRequest: number
}

const start = async (name: Target["name"], label: string, file: string): Promise<Target> => {
  const profile = PROFILE === name ? ["--cpu-prof", `--cpu-prof-dir=${PROFILE_DIR}`] : []
  const { child, port } = await forkServer(new URL(file, import.meta.url), { execArgv: profile })
  return { name, label, child, port }
}

/** Runs the open-loop generator in a fresh process (`openLoopProcess.ts`). */
const openLoopInChild = (options: Parameters<typeof openLoop>[0]) =>
  new Promise<OpenLoopResult>((resolve, reject) => {
    const child = fork(fileURLToPath(new URL("./openLoopProcess.ts", import.meta.url)), [JSON.stringify(options)], {
      execArgv: process.execArgv,
      stdio: ["ignore", "inherit", "inherit", "ipc"]
    })
    child.once("message", (message: { readonly type: string; readonly result: OpenLoopResult }) =>
      resolve(message.result)
    )
    child.once("exit", (code) =>
      code === 0 ? undefined : reject(new Error(`open-loop generator exited with ${code}`))
    )
  })

const cpuMicros = async (child: ChildProcess) => (await statsOf(child)).cpuMicros

const machineBusySeconds = (): number => {
  try {
    const fields = readFileSync("/proc/stat", "utf8").split("\n")[0]?.trim().split(/\s+/).slice(1).map(Number) ?? []
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0] = fields
    return (user + nice + system + irq + softirq) / 100
  } catch {
    return Number.NaN
  }
}

const pad = (value: string, width: number) => (value.length >= width ? value : value + " ".repeat(width - value.length))
const padLeft = (value: string, width: number) =>
  value.length >= width ? value : " ".repeat(width - value.length) + value
const fixed = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : "-")
const mean = (values: ReadonlyArray<number>) =>
  values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / values.length

const table = (header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>) => {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)))
  const line = (cells: ReadonlyArray<string>) =>
    cells.map((c, i) => (i === 0 ? pad(c, widths[i] ?? 0) : padLeft(c, widths[i] ?? 0))).join("  ")
  console.log(line(header))
  console.log(widths.map((w) => "-".repeat(w)).join("  "))
  for (const row of rows) console.log(line(row))
}

/** Warm-up (its rate sizes the pre-signed pool), then the measurement, with the server's CPU share. */
const measure = async (target: Target, connections: number, round: number): Promise<Row> => {
  const warm = await load({
    port: target.port,
    connections,
    seconds: WARMUP_SECONDS,
    expectedPairs: WARMUP_SECONDS * 12_000
  })
  const expectedPairs = (Math.max(warm.rate, MIN_EXPECTED_RATE) / 2) * SECONDS * 2 + 1_000
  const before = await cpuMicros(target.child)
  const result = await load({ port: target.port, connections, seconds: SECONDS, expectedPairs })
  const after = await cpuMicros(target.child)
  const serverCpuPercent = ((after - before) / 1e6 / result.seconds) * 100
  const serverMicrosPerRequest = (after - before) / Math.max(1, result.requests)
  process.stderr.write(
    `  round ${round} ${target.label} @${connections}: ${fixed(result.rate)} req/s, p99 ${fixed(result.p99, 2)} ms, ` +
      `${result.non2xx} non-2xx, ${result.errors} errors\n`
  )
  return { target, connections, round, result, serverCpuPercent, serverMicrosPerRequest }
}

const main = async () => {
  const wallStarted = Date.now()
  const [bare, simulator] = await Promise.all([
    start("bare", "bare node:http", "./bareServer.ts"),
    start("simulator", "simulator", "./simulatorServer.ts")
  ])
  const targets = [bare, simulator]
  const cpu = cpus()
  console.log(
    `load average at the start ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`
  )
  console.log("# pnpm bench:simulator — signed POST /v2/codes + GET /v2/codes/payments/{id}, 50/50, on 127.0.0.1")
  console.log(
    `node ${process.version}, ${cpu.length} CPU(s) (${cpu[0]?.model ?? "unknown"}); each server in its own forked ` +
      `process (bare pid ${bare.child.pid}, simulator pid ${simulator.child.pid}), autocannon in this process ` +
      `(pid ${process.pid})`
  )
  console.log(
    "simulator: Server.layer({ port: 0 }) over Simulator.layer() (in-memory SQLite, control API mounted, no request " +
      "logging); bare: node:http + node:crypto OPA-Auth check + JSON.parse + required fields, canned envelopes"
  )
  console.log(
    `per server and connection count: ${WARMUP_SECONDS}s warm-up, then ${SECONDS}s measured; ${ROUNDS} round(s), ` +
      "server order reversed every other round; each connection loops create (unique merchantPaymentId) → get " +
      "details of that payment; requests pre-signed (epoch within the 120 s window)"
  )
  console.log(
    "server CPU = user+system time of the server process over wall time (100% = one core); CPU µs/req = that time " +
      "per answered request, which other load on the machine disturbs less than req/s; signed live = requests " +
      "signed during the measurement because the pre-signed pool ran out\n"
  )

  const rows: Array<Row> = []
  const started = {
    wall: Date.now(),
    machine: machineBusySeconds(),
    self: process.cpuUsage(),
    servers: await Promise.all(targets.map((target) => cpuMicros(target.child)))
  }
  for (const connections of CONNECTIONS) {
    for (let round = 1; round <= ROUNDS; round++) {
      const order = (round + CONNECTIONS.indexOf(connections)) % 2 === 1 ? targets : [...targets].reverse()
      for (const target of order) rows.push(await measure(target, connections, round))
    }
  }

  const self = process.cpuUsage(started.self)
  const servers = await Promise.all(targets.map((target) => cpuMicros(target.child)))
  const oursSeconds =
    (self.user + self.system + servers.reduce((sum, micros, i) => sum + micros - (started.servers[i] ?? 0), 0)) / 1e6
  const loadWallSeconds = (Date.now() - started.wall) / 1000
  const othersPercent = ((machineBusySeconds() - started.machine - oursSeconds) / loadWallSeconds) * 100

  console.log("")
  table(
    [
      "server",
      "conns",
      "round",
      "req/s",
      "p50 ms",
      "p99 ms",
      "requests",
      "non-2xx",
      "errors",
      "server CPU",
      "CPU µs/req",
      "signed live"
    ],
    rows.map((r) => [
      r.target.label,
      String(r.connections),
      String(r.round),
      fixed(r.result.rate),
      fixed(r.result.p50, 2),
      fixed(r.result.p99, 2),
      String(r.result.requests),
      String(r.result.non2xx),
      String(r.result.errors),
      `${fixed(r.serverCpuPercent)}%`,
      fixed(r.serverMicrosPerRequest),
      String(r.result.signedLive)
    ])
  )

  const of = (target: Target, connections: number) =>
    rows.filter((r) => r.target === target && r.connections === connections)
  const summary = CONNECTIONS.map((connections) => {
    const sim = of(simulator, connections)
    const base = of(bare, connections)
    const simRate = mean(sim.map((r) => r.result.rate))
    const bareRate = mean(base.map((r) => r.result.rate))
    return {
      connections,
      bareRate,
      simRate,
      ratio: simRate / bareRate,
      bareP99: Math.max(...base.map((r) => r.result.p99)),
      simP50: mean(sim.map((r) => r.result.p50)),
      simP99: Math.max(...sim.map((r) => r.result.p99)),
      bareMicros: mean(base.map((r) => r.serverMicrosPerRequest)),
      simMicros: mean(sim.map((r) => r.serverMicrosPerRequest))
    }
  })
  console.log(
    `\nmean over ${ROUNDS} round(s) (p99: worst round; CPU ratio = bare CPU µs/req ÷ simulator CPU µs/req, the ` +
      "throughput ratio both would reach with a core each to themselves)"
  )
  table(
    [
      "conns",
      "bare req/s",
      "bare p99 ms",
      "simulator req/s",
      "sim p50 ms",
      "sim p99 ms",
      "simulator/bare",
      "bare CPU µs/req",
      "sim CPU µs/req",
      "CPU ratio"
    ],
    summary.map((s) => [
      String(s.connections),
      fixed(s.bareRate),
      fixed(s.bareP99, 2),
      fixed(s.simRate),
      fixed(s.simP50, 2),
      fixed(s.simP99, 2),
      `${fixed(s.ratio * 100, 1)}%`,
      fixed(s.bareMicros),
      fixed(s.simMicros),
      `${fixed((s.bareMicros / s.simMicros) * 100, 1)}%`
    ])
  )
  const at50 = summary.find((s) => s.connections === 50)
  if (at50 !== undefined) {
    const verdict = (met: boolean) => (met ? "MET" : "NOT MET")
    const cpuRatio = at50.bareMicros / at50.simMicros
    console.log(
      `\ntarget at 50 connections: simulator >= ${TARGET_RATIO * 100}% of bare: ${fixed(at50.ratio * 100, 1)}% ` +
        `${verdict(at50.ratio >= TARGET_RATIO)} (by CPU per request: ${fixed(cpuRatio * 100, 1)}% ` +
        `${verdict(cpuRatio >= TARGET_RATIO)}); p99 < ${TARGET_P99_MS} ms: ${fixed(at50.simP99, 2)} ms ` +
        `${verdict(at50.simP99 < TARGET_P99_MS)}`
    )
    const starved = rows.filter(
      (r) => r.target === bare && r.connections === 50 && r.serverCpuPercent < SATURATED_CPU_PERCENT
    )
    if (starved.length > 0) {
      console.log(
        `warning: the bare server used < ${SATURATED_CPU_PERCENT}% of a core in ${starved.length} run(s) at 50 ` +
          "connections, so it was held back by the client or by other load on the machine and the req/s ratio " +
          "overstates the simulator; the CPU-per-request ratio is the fairer figure"
      )
    }
  }
  console.log(
    `noise: other processes used ${fixed(othersPercent)}% of one core on average during the load runs ` +
      `(${cpu.length} cores; this process and the two servers excluded)`
  )

  if (OPEN_SECONDS > 0) {
    console.log(
      `\nopen loop (generator in its own process): ${OPEN_RATE} req/s offered to each server for ${OPEN_SECONDS}s (after ${OPEN_WARMUP_SECONDS}s of ` +
        "warm-up at the same rate), the same create/get mix; latency from each request's scheduled send time " +
        "(no coordinated omission); send lag = how far this generator fell behind its schedule"
    )
    const open: Array<readonly [Target, OpenLoopResult, number]> = []
    for (const target of [bare, simulator]) {
      const before = await cpuMicros(target.child)
      const result = await openLoopInChild({
        port: target.port,
        rate: OPEN_RATE,
        seconds: OPEN_SECONDS,
        warmupSeconds: OPEN_WARMUP_SECONDS
      })
      const used = (await cpuMicros(target.child)) - before
      open.push([target, result, used / (result.answered * (1 + OPEN_WARMUP_SECONDS / OPEN_SECONDS))])
      process.stderr.write(`  open loop ${target.label}: p99 ${fixed(result.p99, 2)} ms\n`)
    }
    table(
      [
        "server",
        "offered req/s",
        "answered",
        "p50 ms",
        "p90 ms",
        "p99 ms",
        "p99.9 ms",
        "max ms",
        "send lag ms",
        "non-2xx",
        "errors",
        "CPU µs/req",
        "CPU needed"
      ],
      open.map(([target, r, micros]) => [
        target.label,
        fixed(r.offered),
        String(r.answered),
        fixed(r.p50, 2),
        fixed(r.p90, 2),
        fixed(r.p99, 2),
        fixed(r.p999, 2),
        fixed(r.max, 2),
        fixed(r.maxSendLag, 2),
        String(r.non2xx),
        String(r.errors),
        fixed(micros),
        `${fixed((micros * OPEN_RATE) / 1e4)}%`
      ])
    )
    console.log(
      "CPU needed = the server's CPU per request × the offered rate, in % of one core: near or above the share of a " +
        "core the machine can give the server, requests queue and the tail grows (compare with `noise` above)"
    )
    const simOpen = open.find(([target]) => target === simulator)?.[1]
    if (simOpen !== undefined) {
      console.log(
        `target: simulator p99 < ${TARGET_OPEN_P99_MS} ms at ${OPEN_RATE} req/s offered: ${fixed(simOpen.p99, 2)} ms ` +
          `${simOpen.p99 < TARGET_OPEN_P99_MS ? "MET" : "NOT MET"}`
      )
    }
    for (const [target, r] of open) for (const message of r.messages) console.log(`  ${target.label}: ${message}`)
  }

  if (SDK_SECONDS > 0) {
    const options = { seconds: SDK_SECONDS, warmupSeconds: Math.min(1, SDK_SECONDS / 3), inFlight: SDK_IN_FLIGHT }
    const local = await SdkCalls.inProcess(options)
    const serverBefore = await cpuMicros(simulator.child)
    const socket = await SdkCalls.overSocket(simulator.port, options)
    const serverMiddle = await cpuMicros(simulator.child)
    const undici = await SdkCalls.overSocketUndici(simulator.port, options)
    const serverAfter = await cpuMicros(simulator.child)
    const serverPerCall = [
      (serverMiddle - serverBefore) / Math.max(1, socket.calls),
      (serverAfter - serverMiddle) / Math.max(1, undici.calls)
    ]
    console.log(
      `\nSDK Codes.getPayment, ${SDK_IN_FLIGHT} in flight, ${SDK_SECONDS}s each (SDK in this process; CPU µs/call = ` +
        "this process's CPU per call, plus the simulator process's for the socket paths)"
    )
    table(
      ["transport", "calls/s", "p50 ms", "p99 ms", "errors", "SDK CPU µs/call", "server CPU µs/call"],
      (
        [
          ["in process (InProcess.layerSdk: SDK transport → handler)", local, Number.NaN],
          ["over a socket (PayPayClient.layer + NodeHttpClient.layerUndici)", socket, serverPerCall[0]!],
          ["over a socket (PayPayClient.layerUndici)", undici, serverPerCall[1]!]
        ] as const
      ).map(([name, result, server]) => [
        name,
        fixed(result.rate),
        fixed(result.p50, 2),
        fixed(result.p99, 2),
        String(result.errors),
        fixed(result.cpuMicrosPerCall),
        fixed(server)
      ])
    )
    const ratio = local.rate / socket.rate
    console.log(
      `in process / over a socket (platform HttpClient) = ${fixed(ratio, 2)}x, target >= ${TARGET_SDK_RATIO}x: ` +
        `${ratio >= TARGET_SDK_RATIO ? "MET" : "NOT MET"}; in process / over a socket (SDK undici) = ` +
        `${fixed(local.rate / undici.rate, 2)}x`
    )
    for (const message of [...local.messages, ...socket.messages, ...undici.messages])
      console.log(`  SDK error: ${message}`)
  }

  const failed = rows.filter((r) => r.result.non2xx > 0 || r.result.errors > 0)
  if (failed.length === 0) console.log("\nerrors: none; every measured request answered 2xx")
  for (const r of failed) {
    console.log(
      `\nerrors: ${r.target.label} @${r.connections} round ${r.round}: ${r.result.non2xx} non-2xx, ` +
        `${r.result.errors} connection errors; statuses ${JSON.stringify(r.result.statuses)}`
    )
    for (const message of r.result.messages) console.log(`  ${message}`)
  }
  console.log(
    `\ntotal ${fixed((Date.now() - wallStarted) / 1000)}s; load average at the end ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`
  )
  await Promise.all(targets.map((target) => stopServer(target.child)))
  if (PROFILE !== undefined) console.log(`CPU profile of the ${PROFILE} server written to ${PROFILE_DIR}`)
}

;(process.argv.includes("--scale") ? import("./scale.js").then((scale) => scale.main()) : main()).then(
  () => process.exit(0),
  (error) => {
    console.error(error)
    process.exit(1)
  }
)
