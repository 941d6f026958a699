import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import { Effect, Layer, ManagedRuntime, Redacted } from "effect"
import * as Codes from "../src/Codes.js"
import * as PayPayClient from "../src/PayPayClient.js"
import * as PayPaySigner from "../src/PayPaySigner.js"

const body = JSON.stringify({ resultInfo: { code: "SUCCESS", message: "Success", codeId: "08100001" }, data: {
  codeId: "04-x", url: "https://x", deeplink: "paypay://x", expiryDate: 1900000000, merchantPaymentId: "m", amount: { amount: 100, currency: "JPY" }, codeType: "ORDER_QR" } })
const fake = HttpClient.make((request) => Effect.sync(() => HttpClientResponse.fromWeb(request, new Response(body, { status: 201 }))))
const layer = PayPayClient.layer({ apiKey: "k", apiSecret: Redacted.make("s"), merchantId: "m", baseUrl: "https://127.0.0.1:1", retry: false }).pipe(Layer.provide(Layer.succeed(HttpClient.HttpClient, fake)))
const rt = ManagedRuntime.make(layer)
let n = 0
const params = () => ({ merchantPaymentId: `m-${++n}`, amount: { amount: 100, currency: "JPY" as const }, codeType: "ORDER_QR" as const })
const time = async (label: string, iters: number, f: () => Promise<unknown>) => {
  for (let i = 0; i < 2000; i++) await f()
  const t = performance.now()
  for (let i = 0; i < iters; i++) await f()
  const us = ((performance.now() - t) * 1000) / iters
  console.log(label.padEnd(40), us.toFixed(1), "us/call")
}
await time("runPromise(Codes.create) fake client", 20000, () => rt.runPromise(Codes.create(params())))
await time("fake client only (fromWeb + text)", 20000, () => rt.runPromise(Effect.flatMap(fake.post("https://127.0.0.1:1/v2/codes"), (r) => r.text)))
await time("new Response + text", 20000, () => new Response(body, { status: 201 }).text())
await time("PayPaySigner.header", 20000, async () => PayPaySigner.header({ apiKey: "k", apiSecret: "s" }, { method: "POST", path: "/v2/codes", contentType: "application/json", body }, "abcdefgh", 1700000000))
await time("PayPaySigner.sign (Effect)", 20000, () => rt.runPromise(PayPaySigner.sign({ apiKey: "k", apiSecret: Redacted.make("s") }, { method: "POST", path: "/v2/codes", contentType: "application/json", body })))
await time("runPromise(Effect.void)", 20000, () => rt.runPromise(Effect.void))
await rt.dispose()
