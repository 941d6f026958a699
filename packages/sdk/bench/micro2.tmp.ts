import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import { Effect, Layer, ManagedRuntime, Redacted } from "effect"
import * as Codes from "../src/Codes.js"
import * as PayPayClient from "../src/PayPayClient.js"
const body = JSON.stringify({ resultInfo: { code: "SUCCESS", message: "Success", codeId: "08100001" }, data: {
  codeId: "04-x", url: "https://x", deeplink: "paypay://x", expiryDate: 1900000000, merchantPaymentId: "m", amount: { amount: 100, currency: "JPY" }, codeType: "ORDER_QR" } })
const fake = HttpClient.make((request) => Effect.sync(() => HttpClientResponse.fromWeb(request, new Response(body, { status: 201 }))))
const layer = PayPayClient.layer({ apiKey: "k", apiSecret: Redacted.make("s"), merchantId: "m", baseUrl: "https://127.0.0.1:1", retry: false }).pipe(Layer.provide(Layer.succeed(HttpClient.HttpClient, fake)))
const rt = ManagedRuntime.make(layer)
let n = 0
const params = () => ({ merchantPaymentId: `m-${++n}`, amount: { amount: 100, currency: "JPY" as const }, codeType: "ORDER_QR" as const })
const iters = Number(process.env.ITERS ?? 20000)
const t = performance.now()
for (let i = 0; i < iters; i++) await rt.runPromise(Codes.create(params()))
console.log(((performance.now() - t) * 1000 / iters).toFixed(1), "us/call")
await rt.dispose()
