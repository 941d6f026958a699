import { HttpClient } from "@effect/platform"
import { assert, describe, it } from "@effect/vitest"
import { Codes, PayPayClient, PayPayError, Payments, Refunds, type Transport } from "@paypay-effect/sdk"
import { Effect, Fiber, Layer, Option, Redacted, TestClock } from "effect"
import { inspect } from "node:util"
import * as ControlClient from "../src/Control/ControlClient.js"
import * as InProcess from "../src/InProcess.js"
import { Transactions } from "../src/Store/Transactions.js"
import { UserStore } from "../src/Store/UserStore.js"
import { tenant } from "../src/Store/Database.js"
import * as SimulatorConfig from "../src/SimulatorConfig.js"

const me = tenant(SimulatorConfig.defaultCredential.apiKey, SimulatorConfig.defaultMerchantId)
const yen = (amount: number) => ({ amount, currency: "JPY" as const })

const userPays = (merchantPaymentId: string) =>
  Effect.gen(function* () {
    const user = yield* UserStore.pipe(Effect.flatMap((users) => users.create(me, {})))
    return yield* Transactions.pipe(Effect.flatMap((tx) => tx.pay(me, merchantPaymentId, user.userAuthorizationId)))
  })

describe("SDK ↔ simulator, in process", () => {
  it.effect("QR checkout: create, pay, read, refund, read refund, delete refused", () =>
    Effect.gen(function* () {
      const code = yield* Codes.create({ merchantPaymentId: "order-1", amount: yen(1200), orderDescription: "tea" })
      assert.match(code.codeId, /^04-/)
      assert.strictEqual(code.expiryDate, code.requestedAt! + 300)
      assert.include(code.url, `/pay/${code.codeId}`)
      const before = yield* Codes.getPayment("order-1")
      assert.strictEqual(before.status, "CREATED")
      yield* userPays("order-1")
      const paid = yield* Codes.getPayment("order-1")
      assert.strictEqual(paid.status, "COMPLETED")
      const refund = yield* Refunds.create({
        merchantRefundId: "refund-1",
        paymentId: paid.paymentId,
        amount: yen(200)
      })
      assert.strictEqual(refund.status, "CREATED")
      const again = yield* Refunds.get("refund-1", { paymentId: paid.paymentId })
      assert.strictEqual(again.amount.amount, 200)
      const removed = yield* Codes.remove(code.codeId).pipe(Effect.flip)
      assert.strictEqual(removed._tag, "DynamicQrAlreadyPaid")
    }).pipe(Effect.provide(InProcess.layerSdk()))
  )

  it.effect("documented failures: duplicate, QR id on /v2/payments, unknown refund, over-refund", () =>
    Effect.gen(function* () {
      yield* Codes.create({ merchantPaymentId: "dup", amount: yen(100) })
      const duplicate = yield* Codes.create({ merchantPaymentId: "dup", amount: yen(100) }).pipe(Effect.flip)
      assert.strictEqual(duplicate._tag, "DuplicateDynamicQrRequest")
      const wrongPath = yield* Payments.get("dup").pipe(Effect.flip)
      assert.strictEqual(wrongPath._tag, "ResourceNotFound")
      const noRefund = yield* Refunds.get("nope", { paymentId: "04739000000000000000" }).pipe(Effect.flip)
      assert.strictEqual(noRefund._tag, "NoSuchRefundOrder")
      const paid = yield* userPays("dup")
      const tooMuch = yield* Refunds.create({
        merchantRefundId: "r",
        paymentId: paid.paymentId,
        amount: yen(101)
      }).pipe(Effect.flip)
      assert.strictEqual(tooMuch._tag, "InvalidParams")
      yield* Payments.cancel("dup")
      const canceled = yield* Codes.getPayment("dup")
      assert.strictEqual(canceled.status, "CANCELED")
    }).pipe(Effect.provide(InProcess.layerSdk()))
  )

  it.effect("a wrong secret is refused with UNAUTHORIZED naming the mac", () =>
    Effect.gen(function* () {
      const error = yield* Codes.getPayment("x").pipe(
        Effect.provide(
          PayPayClient.layer({
            apiKey: SimulatorConfig.defaultCredential.apiKey,
            apiSecret: Redacted.make("wrong"),
            baseUrl: InProcess.BASE_URL
          }).pipe(Layer.provide(InProcess.layer()))
        ),
        Effect.flip
      )
      assert.strictEqual(error._tag, "Unauthorized")
      if (error._tag === "Unauthorized") assert.include(error.resultMessage, "mac")
    })
  )

  const isolation = Effect.gen(function* () {
    yield* Codes.create({ merchantPaymentId: "shared-id", amount: yen(100) }).pipe(PayPayClient.withMerchant("shop-a"))
    const other = yield* Codes.getPayment("shared-id").pipe(PayPayClient.withMerchant("shop-b"), Effect.flip)
    assert.strictEqual(other._tag, "DynamicQrPaymentNotFound")
    yield* Codes.create({ merchantPaymentId: "shared-id", amount: yen(100) }).pipe(PayPayClient.withMerchant("shop-b"))
  })

  it.effect("registered merchants are isolated from each other", () =>
    isolation.pipe(
      Effect.provide(
        InProcess.layerSdk({
          credentials: [{ ...SimulatorConfig.defaultCredential, merchantIds: ["shop-a", "shop-b"] }],
          merchantId: "shop-a"
        })
      )
    )
  )

  it.effect("anyMerchant: any merchant id is accepted, each with its own data", () =>
    isolation.pipe(Effect.provide(InProcess.layerSdk({ anyMerchant: true })))
  )

  it.effect("the SDK client goes through the in-process transport, not an HttpClient", () =>
    Effect.gen(function* () {
      const client = yield* PayPayClient.PayPayClient
      assert.isUndefined(client.httpClient)
      assert.strictEqual(client.baseUrl, InProcess.BASE_URL)
      const code = yield* Codes.create({ merchantPaymentId: "t-1", amount: yen(100) })
      assert.strictEqual(code.merchantPaymentId, "t-1")
    }).pipe(Effect.provide(InProcess.layerSdk()))
  )

  it.effect(
    "the signed bytes go through the same verification: a wrong secret or a body changed after signing is refused",
    () =>
      Effect.gen(function* () {
        const transport = yield* InProcess.makeTransport
        const base = {
          apiKey: SimulatorConfig.defaultCredential.apiKey,
          merchantId: SimulatorConfig.defaultMerchantId,
          baseUrl: InProcess.BASE_URL,
          retry: false as const
        }
        const wrong = yield* Codes.getPayment("x").pipe(
          Effect.provide(PayPayClient.layerTransport({ ...base, apiSecret: Redacted.make("wrong") }, transport)),
          Effect.flip
        )
        assert.strictEqual(wrong._tag, "Unauthorized")
        if (wrong._tag === "Unauthorized") assert.include(wrong.resultMessage, "mac")
        const tampering: Transport.Transport = {
          send: (request) => transport.send({ ...request, body: request.body?.replace('"amount":100', '"amount":1') })
        }
        const tampered = yield* Codes.create({ merchantPaymentId: "t-2", amount: yen(100) }).pipe(
          Effect.provide(
            PayPayClient.layerTransport(
              { ...base, apiSecret: Redacted.make(SimulatorConfig.defaultCredential.apiSecret) },
              tampering
            )
          ),
          Effect.flip
        )
        assert.strictEqual(tampered._tag, "Unauthorized")
        if (tampered._tag === "Unauthorized") assert.include(tampered.resultMessage, "bodyHash")
      }).pipe(Effect.provide(InProcess.layer()))
  )

  it.effect("layerTest: the SDK client and the control client act on the same fresh simulator and merchant", () =>
    Effect.gen(function* () {
      const control = yield* ControlClient.ControlClient
      yield* Codes.create({ merchantPaymentId: "lt-1", amount: yen(500) })
      const approved = yield* control.approve("lt-1")
      assert.strictEqual(approved.status, "COMPLETED")
      const paid = yield* Codes.getPayment("lt-1")
      assert.strictEqual(paid.status, "COMPLETED")
      const unregistered = yield* Codes.getPayment("lt-1").pipe(PayPayClient.withMerchant("someone-else"), Effect.flip)
      assert.strictEqual(unregistered._tag, "Unauthorized")
      yield* control.addMerchant({ merchantId: "someone-else" })
      const other = yield* Codes.getPayment("lt-1").pipe(PayPayClient.withMerchant("someone-else"), Effect.flip)
      assert.strictEqual(other._tag, "DynamicQrPaymentNotFound")
      assert.isTrue(Option.isNone(yield* Effect.serviceOption(HttpClient.HttpClient)), "no HttpClient leaks in")
    }).pipe(Effect.provide(InProcess.layerTest({ merchantId: "shop-9" })))
  )

  it.effect("layerTest builds a fresh simulator each time", () =>
    Effect.gen(function* () {
      const first = InProcess.layerTest()
      yield* Codes.create({ merchantPaymentId: "fresh", amount: yen(1) }).pipe(Effect.provide(first))
      yield* Codes.create({ merchantPaymentId: "fresh", amount: yen(1) }).pipe(Effect.provide(InProcess.layerTest()))
    })
  )

  it.effect("in-process URLs name the in-process host, and the in-process HttpClient serves them", () =>
    Effect.gen(function* () {
      const code = yield* Codes.create({ merchantPaymentId: "u-1", amount: yen(100) })
      assert.isTrue(code.url.startsWith(`${InProcess.BASE_URL}/pay/`), code.url)
      assert.notInclude(code.url, "127.0.0.1")
      const page = yield* HttpClient.get(code.url)
      assert.strictEqual(page.status, 200)
      assert.include(yield* page.text, "u-1")
    }).pipe(Effect.provide(InProcess.layerSdk()))
  )

  it.effect("a publicUrl given to the layer is used instead", () =>
    Effect.gen(function* () {
      const code = yield* Codes.create({ merchantPaymentId: "u-2", amount: yen(100) })
      assert.isTrue(code.url.startsWith("https://pay.dev.test/pay/"), code.url)
    }).pipe(Effect.provide(InProcess.layerSdk({ publicUrl: "https://pay.dev.test" })))
  )

  it.effect("a dropped connection (SIMERR_DROP) is sent-no-answer on both in-process paths, and leaks no header", () =>
    Effect.gen(function* () {
      const viaTransport = yield* Codes.create({ merchantPaymentId: "SIMERR_DROP_1", amount: yen(100) }).pipe(
        Effect.flip
      )
      const http = PayPayClient.layer({
        apiKey: SimulatorConfig.defaultCredential.apiKey,
        apiSecret: Redacted.make(SimulatorConfig.defaultCredential.apiSecret),
        merchantId: SimulatorConfig.defaultMerchantId,
        baseUrl: InProcess.BASE_URL,
        retry: false
      })
      const viaHttpClient = yield* Codes.create({ merchantPaymentId: "SIMERR_DROP_2", amount: yen(100) }).pipe(
        Effect.provide(http),
        Effect.flip
      )
      for (const error of [viaTransport, viaHttpClient]) {
        assert.strictEqual(error._tag, "PayPayRequestError")
        if (error._tag !== "PayPayRequestError") continue
        assert.strictEqual(error.reason, "Transport")
        assert.isTrue(error.outcomeUnknown)
        for (const text of [JSON.stringify(error), inspect(error, { depth: null, showHidden: true }), String(error)]) {
          assert.notInclude(text, "OPA-Auth")
          assert.notInclude(text, SimulatorConfig.defaultCredential.apiSecret)
        }
      }
      assert.isTrue(PayPayError.isOutcomeUnknown(viaTransport))
    }).pipe(Effect.provide(InProcess.layerSdk()))
  )

  it.effect("the attempt's timeout holds in process (a delay fault longer than it)", () =>
    Effect.gen(function* () {
      const control = yield* ControlClient.ControlClient
      yield* control.addFault({ operation: "Codes.getPayment", times: 1, action: { type: "delay", millis: 60_000 } })
      const fiber = yield* Codes.getPayment("x").pipe(Effect.flip, Effect.fork)
      yield* TestClock.adjust("2 seconds")
      const error = yield* Fiber.join(fiber)
      assert.strictEqual(error._tag, "PayPayRequestError")
      if (error._tag === "PayPayRequestError") assert.strictEqual(error.reason, "Timeout")
    }).pipe(
      Effect.provide(InProcess.layerTest({ client: { timeouts: { "Codes.getPayment": "2 seconds" }, retry: false } }))
    )
  )
})
