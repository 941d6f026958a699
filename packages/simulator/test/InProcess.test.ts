import { assert, describe, it } from "@effect/vitest"
import { Codes, PayPayClient, Payments, Refunds } from "@paypay-effect/sdk"
import { Effect, Layer, Redacted } from "effect"
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
})
