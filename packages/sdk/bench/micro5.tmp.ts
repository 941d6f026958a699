import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import { Effect, Layer, ManagedRuntime, Redacted } from "effect"
import * as Codes from "../src/Codes.js"
import * as PayPayClient from "../src/PayPayClient.js"
import { endpoint, execute } from "./request.tmp.js"
const data = { codeId: "04-x", url: "https://x", deeplink: "paypay://x", expiryDate: 1900000000, merchantPaymentId: "m", amount: { amount: 100, currency: "JPY" }, codeType: "ORDER_QR" }
const body = JSON.stringify({ resultInfo: { code: "SUCCESS", message: "Success", codeId: "08100001" }, data })
const fake = HttpClient.make((request) => Effect.sync(() => HttpClientResponse.fromWeb(request, new Response(body, { status: 201 }))))
const layer = PayPayClient.layer({ apiKey: "k", apiSecret: Redacted.make("s"), merchantId: "m", baseUrl: "https://127.0.0.1:1", retry: false }).pipe(Layer.provide(Layer.succeed(HttpClient.HttpClient, fake)))
const rt = ManagedRuntime.make(layer)
const Create = endpoint({ operation: "Codes.create", apiName: "x", method: "POST", input: Codes.CreateQrCodeParams,
  request: (params: any, { now }) => ({ path: "/v2/codes", body: { ...params, requestedAt: now } }), response: Codes.QrCode, timeout: "30 seconds", safety: "write", codes: ["DYNAMIC_QR_BAD_REQUEST"], reconcile: (p: any) => `x ${p.merchantPaymentId}` })
let n = 0
const params = () => ({ merchantPaymentId: `m-${++n}`, amount: { amount: 100, currency: "JPY" as const }, codeType: "ORDER_QR" as const })
const tracerOff = process.env.ABLATE?.includes("tracer")
const once = () => rt.runPromise(tracerOff ? Effect.withTracerEnabled(execute(Create, params()), false) : execute(Create, params()))
for (let i = 0; i < 5000; i++) await once()
const t = performance.now()
for (let i = 0; i < 30000; i++) await once()
console.log((process.env.ABLATE || "baseline").padEnd(60), (((performance.now() - t) * 1000) / 30000).toFixed(1), "us/call")
await rt.dispose()
