/**
 * SDK calls per second against the simulator: in process (`InProcess.layerSdk()`: the SDK's in-process transport,
 * no socket, no HTTP objects) and over a socket to the forked simulator, through the platform `HttpClient`
 * (`NodeHttpClient.layerUndici`, the path the in-process mode used to take) and through the SDK's own undici
 * transport (`PayPayClient.layerUndici`). All run `Codes.getPayment` of one created payment in a closed loop with
 * `inFlight` calls outstanding, and report the CPU time this process spent per call.
 */
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as Codes from "@paypay-effect/sdk/Codes"
import * as PayPayClient from "@paypay-effect/sdk/PayPayClient"
import { Effect, Layer, Redacted } from "effect"
import { performance } from "node:perf_hooks"
import * as InProcess from "../src/InProcess.js"
import { credentials, percentile } from "./shared.js"

/** One closed-loop measurement. */
export interface CallsResult {
  readonly calls: number
  /** CPU time of this process (user + system) per answered call, in microseconds. */
  readonly cpuMicrosPerCall: number
  readonly errors: number
  readonly rate: number
  readonly p50: number
  readonly p99: number
  readonly messages: ReadonlyArray<string>
}

const closedLoop = (seconds: number, inFlight: number, merchantPaymentId: string) =>
  Effect.gen(function* () {
    yield* Codes.create({ merchantPaymentId, amount: { amount: 100, currency: "JPY" } })
    const latencies: Array<number> = []
    const messages: Array<string> = []
    let errors = 0
    const cpu = process.cpuUsage()
    const started = performance.now()
    const deadline = started + seconds * 1000
    const call = Effect.suspend(() => {
      const begin = performance.now()
      return Codes.getPayment(merchantPaymentId).pipe(
        Effect.match({
          onFailure: (error) => {
            errors++
            if (messages.length < 3) messages.push(String(error))
          },
          onSuccess: () => {
            latencies.push(performance.now() - begin)
          }
        })
      )
    })
    const worker = Effect.repeat(call, { while: () => performance.now() < deadline })
    yield* Effect.forEach(Array.from({ length: inFlight }), () => worker, { concurrency: "unbounded", discard: true })
    const elapsed = (performance.now() - started) / 1000
    const used = process.cpuUsage(cpu)
    const sorted = Float64Array.from(latencies).sort()
    return {
      calls: latencies.length,
      cpuMicrosPerCall: (used.user + used.system) / Math.max(1, latencies.length),
      errors,
      rate: latencies.length / elapsed,
      p50: percentile(sorted, 0.5),
      p99: percentile(sorted, 0.99),
      messages
    } satisfies CallsResult
  })

const measure = (
  layer: Layer.Layer<PayPayClient.PayPayClient>,
  options: { readonly seconds: number; readonly warmupSeconds: number; readonly inFlight: number; readonly tag: string }
): Promise<CallsResult> =>
  Effect.runPromise(
    Effect.zipRight(
      closedLoop(options.warmupSeconds, options.inFlight, `sdk-warm-${options.tag}-${Date.now()}`),
      closedLoop(options.seconds, options.inFlight, `sdk-${options.tag}-${Date.now()}`)
    ).pipe(Effect.provide(layer))
  )

/** `Codes.getPayment` through the in-process simulator (a fresh one in this process). */
export const inProcess = (options: {
  readonly seconds: number
  readonly warmupSeconds: number
  readonly inFlight: number
}) => measure(InProcess.layerSdk(), { ...options, tag: "inproc" })

const socketOptions = (port: number): PayPayClient.Options => ({
  apiKey: credentials.apiKey,
  apiSecret: Redacted.make(credentials.apiSecret),
  merchantId: credentials.merchantId,
  baseUrl: `http://127.0.0.1:${port}`,
  retry: false
})

/** `Codes.getPayment` over HTTP to the simulator on `port`, through the platform `HttpClient` (undici). */
export const overSocket = (
  port: number,
  options: { readonly seconds: number; readonly warmupSeconds: number; readonly inFlight: number }
) =>
  measure(PayPayClient.layer(socketOptions(port)).pipe(Layer.provide(NodeHttpClient.layerUndici)), {
    ...options,
    tag: "socket"
  })

/** `Codes.getPayment` over HTTP to the simulator on `port`, through the SDK's own undici transport. */
export const overSocketUndici = (
  port: number,
  options: { readonly seconds: number; readonly warmupSeconds: number; readonly inFlight: number }
) => measure(PayPayClient.layerUndici(socketOptions(port)), { ...options, tag: "undici" })
