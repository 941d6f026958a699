/**
 * The SDK's own per-call CPU without a network: `Codes.create` through `PayPayClient.layerUndici` over a
 * stand-in undici dispatcher that answers every request with the bench's canned 201 on the next macrotask.
 * `node --cpu-prof --import tsx bench/pipeline.ts` profiles the pipeline alone. Env: PIPELINE_CALLS (default
 * 200000), PIPELINE_CONCURRENCY (default 64).
 */
import { Effect, ManagedRuntime, Redacted } from "effect"
import type { Dispatcher } from "undici"
import * as Codes from "../src/Codes.js"
import * as PayPayClient from "../src/PayPayClient.js"
import { created } from "./canned.js"

const body = created.body

const controller = { abort: () => {}, pause: () => {}, resume: () => {} } as unknown as Dispatcher.DispatchController

const dispatcher = {
  dispatch: (_options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler) => {
    handler.onRequestStart?.(controller, {})
    setImmediate(() => {
      handler.onResponseStart?.(
        controller,
        201,
        { "content-type": "application/json;charset=UTF-8", "content-length": String(body.length) },
        "Created"
      )
      handler.onResponseData?.(controller, body)
      handler.onResponseEnd?.(controller, {})
    })
    return true
  }
} as unknown as Dispatcher

const runtime = ManagedRuntime.make(
  PayPayClient.layerUndici({
    apiKey: "bench_api_key",
    apiSecret: Redacted.make("bench_api_secret_0123456789"),
    merchantId: "bench_merchant",
    baseUrl: "https://127.0.0.1:1",
    retry: false,
    dispatcher
  })
)

let counter = 0
const call = () =>
  runtime.runPromise(
    Codes.create({
      merchantPaymentId: `bench-${++counter}`,
      amount: { amount: 100, currency: "JPY" },
      codeType: "ORDER_QR"
    })
  )

const run = async (calls: number, concurrency: number) => {
  let left = calls
  const worker = async () => {
    while (left-- > 0) await call()
  }
  const cpu = process.cpuUsage()
  const start = performance.now()
  await Promise.all(Array.from({ length: concurrency }, worker))
  const used = process.cpuUsage(cpu)
  return { cpu: (used.user + used.system) / calls, wall: ((performance.now() - start) * 1000) / calls }
}

const main = async () => {
  const calls = Number(process.env["PIPELINE_CALLS"] ?? 200_000)
  const concurrency = Number(process.env["PIPELINE_CONCURRENCY"] ?? 64)
  await run(20_000, concurrency)
  const result = await run(calls, concurrency)
  console.log(`pipeline @${concurrency}: ${result.cpu.toFixed(1)} CPU µs/call, ${result.wall.toFixed(1)} wall µs/call`)
  await runtime.dispose()
}

Effect.runPromise(Effect.promise(main))
