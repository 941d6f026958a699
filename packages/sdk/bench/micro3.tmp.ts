import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import { Effect, Layer, ManagedRuntime, Redacted, Schema } from "effect"
import * as Codes from "../src/Codes.js"
import * as PayPayClient from "../src/PayPayClient.js"
import * as PayPaySigner from "../src/PayPaySigner.js"
import { ErrorEnvelope } from "../src/PayPaySchema.js"

const data = { codeId: "04-x", url: "https://x", deeplink: "paypay://x", expiryDate: 1900000000, merchantPaymentId: "m", amount: { amount: 100, currency: "JPY" }, codeType: "ORDER_QR" }
const body = JSON.stringify({ resultInfo: { code: "SUCCESS", message: "Success", codeId: "08100001" }, data })
const fake = HttpClient.make((request) => Effect.sync(() => HttpClientResponse.fromWeb(request, new Response(body, { status: 201 }))))
const layer = PayPayClient.layer({ apiKey: "k", apiSecret: Redacted.make("s"), merchantId: "m", baseUrl: "https://127.0.0.1:1", retry: false }).pipe(Layer.provide(Layer.succeed(HttpClient.HttpClient, fake)))
const rt = ManagedRuntime.make(layer)
await rt.runPromise(Effect.void)
let n = 0
const params = () => ({ merchantPaymentId: `m-${++n}`, amount: { amount: 100, currency: "JPY" as const }, codeType: "ORDER_QR" as const })
const time = async (label: string, f: () => Promise<unknown>, iters = 20000) => {
  for (let i = 0; i < 3000; i++) await f()
  const t = performance.now()
  for (let i = 0; i < iters; i++) await f()
  console.log(label.padEnd(50), (((performance.now() - t) * 1000) / iters).toFixed(1), "us/call")
}
const run = <A, E>(e: Effect.Effect<A, E, PayPayClient.PayPayClient>) => () => rt.runPromise(e)
const decodeIn = Schema.decodeUnknown(Codes.CreateQrCodeParams, { errors: "all", onExcessProperty: "error" })
await time("runPromise(Effect.void)", run(Effect.void))
await time("decode input (errors all, excess error)", () => rt.runPromise(decodeIn(params())))
await time("decode input sync", async () => Schema.decodeUnknownSync(Codes.CreateQrCodeParams, { errors: "all", onExcessProperty: "error" })(params()))
await time("decode QrCode (Effect)", run(Schema.decodeUnknown(Codes.QrCode)(data)))
await time("decode QrCode sync", async () => Schema.decodeUnknownSync(Codes.QrCode)(data))
await time("decodeUnknownOption ErrorEnvelope", async () => Schema.decodeUnknownOption(ErrorEnvelope)(JSON.parse(body)))
await time("timeoutFail(void, 30s)", run(Effect.timeoutFail(Effect.void, { duration: "30 seconds", onTimeout: () => new Error("x") })))
await time("timeoutFail(yieldNow, 30s)", run(Effect.timeoutFail(Effect.yieldNow(), { duration: "30 seconds", onTimeout: () => new Error("x") })))
await time("yieldNow", run(Effect.yieldNow()))
await time("withSpan(void)", run(Effect.withSpan(Effect.void, "x", { kind: "client", attributes: { a: "b" } })))
await time("withSpan(annotateCurrentSpan)", run(Effect.withSpan(Effect.annotateCurrentSpan({ a: 1, b: "x" }), "x")))
await time("PayPaySigner.sign", run(PayPaySigner.sign({ apiKey: "k", apiSecret: Redacted.make("s") }, { method: "POST", path: "/v2/codes", contentType: "application/json", body })))
await time("PayPaySigner.makeNonce", run(PayPaySigner.makeNonce))
await time("build HttpClientRequest", async () => HttpClientRequest.make("POST")("https://127.0.0.1:1/v2/codes").pipe(HttpClientRequest.setHeader("Authorization", "x"), HttpClientRequest.acceptJson, HttpClientRequest.setHeader("X-ASSUME-MERCHANT", "m"), HttpClientRequest.bodyText(body, "application/json")))
await time("fake execute + text", run(Effect.flatMap(fake.post("https://127.0.0.1:1/v2/codes"), (r) => r.text)))
await time("fake execute + text, tracer disabled", run(Effect.withTracerEnabled(Effect.flatMap(fake.post("https://127.0.0.1:1/v2/codes"), (r) => r.text), false)))
await time("new Response + text", () => new Response(body, { status: 201 }).text())
await time("Codes.create", () => rt.runPromise(Codes.create(params())))
await time("Codes.create tracer disabled", () => rt.runPromise(Effect.withTracerEnabled(Codes.create(params()), false)))
await rt.dispose()
