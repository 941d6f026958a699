/**
 * The dev server as a real process (the `paypay-simulator` bin): state written with `--db FILE` survives a
 * SIGKILL, SIGTERM shuts down cleanly, `--help` lists the options and bad arguments exit non-zero.
 */
import { NodeHttpClient } from "@effect/platform-node"
import { assert, describe, it } from "@effect/vitest"
import { Codes, PayPayClient } from "@paypay-effect/sdk"
import { Effect, Layer, Redacted } from "effect"
import { type ChildProcess, spawn } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import * as SimulatorConfig from "../src/SimulatorConfig.js"

const BIN = fileURLToPath(new URL("../bin/paypay-simulator.mjs", import.meta.url))
const TIMEOUT = 60_000

interface Running {
  readonly child: ChildProcess
  readonly baseUrl: string
  readonly output: () => string
  readonly exited: Promise<{ readonly code: number | null; readonly signal: NodeJS.Signals | null }>
}

const exitOf = (child: ChildProcess) =>
  new Promise<{ readonly code: number | null; readonly signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal }))
  )

const launch = (args: ReadonlyArray<string>) => {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ["ignore", "pipe", "pipe"], env: cleanEnv() })
  let output = ""
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
    output += chunk
  })
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
    output += chunk
  })
  return { child, output: () => output, exited: exitOf(child) }
}

const cleanEnv = () => Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("PAYPAY_")))

/** Spawns the simulator and waits for its banner; SIGKILLs it when the scope closes if it is still running. */
const simulator = (args: ReadonlyArray<string>) =>
  Effect.acquireRelease(
    Effect.promise(async (): Promise<Running> => {
      const { child, output, exited } = launch(args)
      const baseUrl = await new Promise<string>((resolve, reject) => {
        const timer = setInterval(() => {
          const match = /export PAYPAY_BASE_URL=(\S+)\n[\s\S]*Control API/.exec(output())
          if (match?.[1] !== undefined) {
            clearInterval(timer)
            resolve(match[1])
          }
        }, 25)
        void exited.then(() => {
          clearInterval(timer)
          reject(new Error(`simulator exited before listening:\n${output()}`))
        })
      })
      return { child, baseUrl, output, exited }
    }),
    (running) =>
      Effect.promise(async () => {
        if (running.child.exitCode === null && running.child.signalCode === null) running.child.kill("SIGKILL")
        await running.exited
      })
  )

const sdk = (baseUrl: string) =>
  PayPayClient.layer({
    apiKey: SimulatorConfig.defaultCredential.apiKey,
    apiSecret: Redacted.make(SimulatorConfig.defaultCredential.apiSecret),
    merchantId: SimulatorConfig.defaultMerchantId,
    baseUrl
  }).pipe(Layer.provide(NodeHttpClient.layerUndici))

const approve = (baseUrl: string, merchantPaymentId: string) =>
  Effect.promise(async () => {
    const response = await fetch(
      `${baseUrl}/_simulator/payments/${merchantPaymentId}/approve?merchantId=${SimulatorConfig.defaultMerchantId}`,
      { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }
    )
    return { status: response.status, json: (await response.json()) as { payment: { status: string } } }
  })

const tempDir = Effect.acquireRelease(
  Effect.sync(() => mkdtempSync(join(tmpdir(), "paypay-sim-restart-"))),
  (dir) => Effect.sync(() => rmSync(dir, { recursive: true, force: true }))
)

describe.concurrent("the dev server as a process", () => {
  it.scopedLive(
    "a payment written with --db survives SIGKILL and a restart; SIGTERM exits cleanly",
    () =>
      Effect.gen(function* () {
        const db = join(yield* tempDir, "sim.db")
        const first = yield* simulator(["--port", "0", "--db", db])
        assert.match(first.baseUrl, /^http:\/\/127\.0\.0\.1:\d+$/)
        assert.notInclude(first.baseUrl, ":4010")
        assert.include(first.output(), `state: ${db}`)

        const created = yield* Codes.create({
          merchantPaymentId: "restart-1",
          amount: { amount: 700, currency: "JPY" }
        }).pipe(Effect.provide(sdk(first.baseUrl)))
        assert.strictEqual(created.url, `${first.baseUrl}/pay/${created.codeId}`)
        const approved = yield* approve(first.baseUrl, "restart-1")
        assert.strictEqual(approved.status, 200)
        assert.strictEqual(approved.json.payment.status, "COMPLETED")
        const paid = yield* Codes.getPayment("restart-1").pipe(Effect.provide(sdk(first.baseUrl)))
        assert.strictEqual(paid.status, "COMPLETED")
        assert.match(first.output(), /POST \/v2\/codes 201 SUCCESS \d+ms merchant=sim_merchant auth=ok/)

        first.child.kill("SIGKILL")
        const killed = yield* Effect.promise(() => first.exited)
        assert.strictEqual(killed.signal, "SIGKILL")

        const second = yield* simulator(["--port", "0", "--db", db, "--quiet"])
        const again = yield* Codes.getPayment("restart-1").pipe(Effect.provide(sdk(second.baseUrl)))
        assert.strictEqual(again.status, "COMPLETED")
        assert.strictEqual(again.paymentId, paid.paymentId)
        assert.strictEqual(again.amount.amount, 700)
        assert.notMatch(second.output(), /GET \/v2\/codes\/payments/)

        second.child.kill("SIGTERM")
        const stopped = yield* Effect.promise(() => second.exited)
        assert.strictEqual(stopped.code, 0)
      }),
    TIMEOUT
  )

  it.live(
    "--help lists every option with its environment variable",
    () =>
      Effect.gen(function* () {
        const { output, exited } = launch(["--help"])
        const exit = yield* Effect.promise(() => exited)
        assert.strictEqual(exit.code, 0)
        for (const option of ["--port", "--host", "--db", "--api-key", "--api-secret", "--merchant-id", "--tls"]) {
          assert.include(output(), option)
        }
        for (const env of ["PAYPAY_SIM_PORT", "PAYPAY_SIM_DB", "PAYPAY_API_KEY", "PAYPAY_SIM_CONTROL_TOKEN"]) {
          assert.include(output(), env)
        }
      }),
    TIMEOUT
  )

  it.live(
    "bad arguments exit with status 1 and say why",
    () =>
      Effect.gen(function* () {
        const half = launch(["--port", "0", "--api-key", "only-a-key"])
        const exit = yield* Effect.promise(() => half.exited)
        assert.strictEqual(exit.code, 1)
        assert.include(half.output(), "--api-key (PAYPAY_API_KEY) and --api-secret (PAYPAY_API_SECRET) go together")
      }),
    TIMEOUT
  )
})
