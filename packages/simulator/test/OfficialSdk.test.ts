/**
 * Conformance: PayPay's official Node SDK (@paypayopa/paypayopa-sdk-node 2.2.0), unchanged, against the dev
 * server over TLS. The SDK only speaks HTTPS through node:https's global agent and takes no CA option, so this
 * file (and only this file: vitest isolates test files) adds the simulator's self-signed certificate to
 * `https.globalAgent.options.ca` — verification stays on, NODE_TLS_REJECT_UNAUTHORIZED is not touched.
 */
import { assert, describe, it } from "@effect/vitest"
import PayPay from "@paypayopa/paypayopa-sdk-node"
import { Effect } from "effect"
import * as https from "node:https"
import * as Cli from "../src/Cli.js"
import * as SimulatorConfig from "../src/SimulatorConfig.js"

type Result = Awaited<ReturnType<typeof PayPay.QRCodeCreate>>

interface Envelope {
  readonly resultInfo: { readonly code: string; readonly message: string; readonly codeId: string }
  readonly data: Record<string, unknown> | null
}

const envelope = (result: Result): Envelope => {
  if (!("BODY" in result) || result.BODY === null) throw new Error(`no body: ${JSON.stringify(result)}`)
  return result.BODY as unknown as Envelope
}

const trustCertificate = (cert: string) =>
  Effect.acquireRelease(
    Effect.sync(() => {
      const previous = https.globalAgent.options.ca
      https.globalAgent.options.ca = cert
      return previous
    }),
    (previous) =>
      Effect.sync(() => {
        https.globalAgent.options.ca = previous
      })
  )

const controlPost = (url: string, ca: string, body: unknown = {}) =>
  Effect.async<{ readonly status: number; readonly json: any }>((resume) => {
    const payload = JSON.stringify(body)
    const req = https.request(
      url,
      {
        method: "POST",
        ca,
        headers: { "Content-Type": "application/json", "Content-Length": String(Buffer.byteLength(payload)) }
      },
      (res) => {
        let text = ""
        res.setEncoding("utf8")
        res.on("data", (chunk: string) => {
          text += chunk
        })
        res.on("end", () => resume(Effect.succeed({ status: res.statusCode ?? 0, json: JSON.parse(text) })))
      }
    )
    req.on("error", (error) => resume(Effect.die(error)))
    req.end(payload)
  })

const official = (port: number, clientSecret: string) => {
  const sdk = new PayPay.PayPayRestSDK()
  sdk.configure({
    clientId: SimulatorConfig.defaultCredential.apiKey,
    clientSecret,
    merchantId: SimulatorConfig.defaultMerchantId,
    conf: new PayPay.Conf({ hostName: "127.0.0.1", portNumber: port })
  })
  return sdk
}

const call = (f: () => Promise<Result>) => Effect.promise(f)

describe("official PayPay Node SDK ↔ simulator over TLS", () => {
  it.scopedLive(
    "QR checkout: create → approve (control API) → details → refund → refund details → delete refused",
    () =>
      Effect.gen(function* () {
        const started = yield* Cli.start(
          { ...Cli.defaultSettings, port: 0, tls: true, quiet: true },
          { print: () => Effect.void }
        )
        assert.match(started.baseUrl, /^https:\/\/127\.0\.0\.1:\d+$/)
        const tls = started.tls!
        assert.match(tls.fingerprint256, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/)
        yield* trustCertificate(tls.cert)
        const sdk = official(started.port, SimulatorConfig.defaultCredential.apiSecret)

        const created = yield* call(() =>
          sdk.qrCodeCreate({
            merchantPaymentId: "official-1",
            amount: { amount: 1200, currency: "JPY" },
            codeType: "ORDER_QR",
            orderDescription: "green tea",
            isAuthorization: false
          })
        )
        assert.strictEqual(created.STATUS, 201)
        const code = envelope(created)
        assert.strictEqual(code.resultInfo.code, "SUCCESS")
        const codeId = code.data!.codeId as string
        assert.match(codeId, /^04-/)
        assert.strictEqual(code.data!.url, `${started.baseUrl}/pay/${codeId}`)

        const approved = yield* controlPost(
          `${started.controlUrl}/payments/official-1/approve?merchantId=${SimulatorConfig.defaultMerchantId}`,
          tls.cert
        )
        assert.strictEqual(approved.status, 200)
        assert.strictEqual(approved.json.payment.status, "COMPLETED")

        const details = yield* call(() => sdk.getCodePaymentDetails(["official-1"]))
        assert.strictEqual(details.STATUS, 200)
        const payment = envelope(details).data!
        assert.strictEqual(payment.status, "COMPLETED")
        assert.strictEqual(payment.merchantPaymentId, "official-1")
        const paymentId = payment.paymentId as string

        const refunded = yield* call(() =>
          sdk.paymentRefund({
            merchantRefundId: "official-r1",
            paymentId,
            amount: { amount: 200, currency: "JPY" },
            reason: "one cup spilled"
          })
        )
        assert.strictEqual(refunded.STATUS, 200)
        const refund = envelope(refunded)
        assert.strictEqual(refund.resultInfo.code, "SUCCESS")
        assert.strictEqual(refund.data!.paymentId, paymentId)

        const refundDetails = yield* call(() => sdk.getRefundDetails(["official-r1"]))
        assert.strictEqual(refundDetails.STATUS, 200)
        const again = envelope(refundDetails).data!
        assert.strictEqual(again.merchantRefundId, "official-r1")
        assert.deepStrictEqual(again.amount, { amount: 200, currency: "JPY" })

        const deleted = yield* call(() => sdk.qrCodeDelete([codeId]))
        assert.strictEqual(envelope(deleted).resultInfo.code, "DYNAMIC_QR_ALREADY_PAID")
        assert.isAtLeast(deleted.STATUS, 400)
      })
  )

  it.scopedLive("a client with a wrong secret gets 401 UNAUTHORIZED naming the mac", () =>
    Effect.gen(function* () {
      const started = yield* Cli.start(
        { ...Cli.defaultSettings, port: 0, tls: true, quiet: true },
        { print: () => Effect.void }
      )
      yield* trustCertificate(started.tls!.cert)
      const result = yield* call(() => official(started.port, "not-the-secret").getCodePaymentDetails(["any"]))
      assert.strictEqual(result.STATUS, 401)
      const body = envelope(result)
      assert.strictEqual(body.resultInfo.code, "UNAUTHORIZED")
      assert.strictEqual(body.resultInfo.codeId, "08100016")
      assert.include(body.resultInfo.message, "mac")
    })
  )

  it.scopedLive("an unpaid code can be deleted once; deleting it again gives DYNAMIC_QR_NOT_FOUND", () =>
    Effect.gen(function* () {
      const started = yield* Cli.start(
        { ...Cli.defaultSettings, port: 0, tls: true, quiet: true },
        { print: () => Effect.void }
      )
      yield* trustCertificate(started.tls!.cert)
      const sdk = official(started.port, SimulatorConfig.defaultCredential.apiSecret)
      const created = yield* call(() =>
        sdk.qrCodeCreate({
          merchantPaymentId: "official-2",
          amount: { amount: 10, currency: "JPY" },
          codeType: "ORDER_QR"
        })
      )
      const codeId = envelope(created).data!.codeId as string
      const deleted = yield* call(() => sdk.qrCodeDelete([codeId]))
      assert.strictEqual(deleted.STATUS, 200)
      assert.strictEqual(envelope(deleted).resultInfo.code, "SUCCESS")
      const again = yield* call(() => sdk.qrCodeDelete([codeId]))
      assert.strictEqual(envelope(again).resultInfo.code, "DYNAMIC_QR_NOT_FOUND")
    })
  )
})
