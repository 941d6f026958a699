/**
 * Conformance of the official Node SDK (harness: helpers/officialSdk.ts), native payments, continuous payments and
 * the wallet balance check: createPayment (with and without `agreeSimilarTransaction`), getPaymentDetails,
 * paymentCancel, paymentSubscription, checkUserWalletBalance.
 */
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { call, expectFailure, expectOk, start, yen } from "./helpers/officialSdk.js"

const nowSeconds = () => Math.round(Date.now() / 1000)

describe("official PayPay Node SDK ↔ simulator over TLS: payments", () => {
  it.scopedLive(
    "createPayment → details → a similar payment is SUSPECTED_DUPLICATE_PAYMENT unless agreed → cancel",
    () =>
      Effect.gen(function* () {
        const { control, sdk } = yield* start
        const user = yield* control.createUser({ balance: 10_000 })
        const uaid = user.userAuthorizationId

        const payload: Record<string, unknown> = {
          merchantPaymentId: "native-1",
          userAuthorizationId: uaid,
          amount: yen(1000),
          orderDescription: "coffee beans",
          requestedAt: 1587460334340
        }
        const payment = expectOk(yield* call(() => sdk.createPayment(payload)))
        assert.approximately(payload.requestedAt as number, nowSeconds(), 5, "the SDK overwrote requestedAt (§A.5)")
        assert.strictEqual(payment.requestedAt, payload.requestedAt)
        assert.strictEqual(payment.status, "COMPLETED")
        assert.strictEqual(payment.merchantPaymentId, "native-1")
        assert.strictEqual(payment.userAuthorizationId, uaid)
        assert.deepStrictEqual(payment.amount, yen(1000))
        assert.isString(payment.paymentId)

        const similar = { ...payload, merchantPaymentId: "native-2" }
        const refused = expectFailure(
          yield* call(() => sdk.createPayment(similar)),
          400,
          "SUSPECTED_DUPLICATE_PAYMENT",
          "00200017"
        )
        assert.include(refused.message, "similar order")
        const agreed = expectOk(
          yield* call(() => sdk.createPayment({ ...similar, merchantPaymentId: "native-3" }, true))
        )
        assert.strictEqual(agreed.status, "COMPLETED")

        const details = expectOk(yield* call(() => sdk.getPaymentDetails(["native-1"])))
        assert.strictEqual(details.paymentId, payment.paymentId)
        assert.strictEqual(details.status, "COMPLETED")
        expectFailure(yield* call(() => sdk.getPaymentDetails(["native-2"])), 404, "RESOURCE_NOT_FOUND", "00200001")

        assert.isNull(expectOk(yield* call(() => sdk.paymentCancel(["native-1"]))))
        const canceled = expectOk(yield* call(() => sdk.getPaymentDetails(["native-1"])))
        assert.strictEqual(canceled.status, "CANCELED")
        const balance = expectOk(yield* call(() => sdk.checkUserWalletBalance([uaid, 9000, "JPY"])))
        assert.deepStrictEqual(balance, { hasEnoughBalance: true }, "the canceled 1000 came back: 10000 - 1000")
      })
  )

  it.scopedLive("NO_SUFFICIENT_FUND; after the cancel window (clock advanced) cancel is ORDER_NOT_REVERSIBLE", () =>
    Effect.gen(function* () {
      const { control, sdk } = yield* start
      const { userAuthorizationId } = yield* control.createUser({ balance: 500 })
      const pay = (merchantPaymentId: string, amount: number) =>
        call(() => sdk.createPayment({ merchantPaymentId, userAuthorizationId, amount: yen(amount) }))

      expectFailure(yield* pay("poor-1", 1000), 400, "NO_SUFFICIENT_FUND")
      assert.strictEqual(expectOk(yield* pay("poor-2", 300)).status, "COMPLETED")

      yield* control.advanceClock(2 * 24 * 60 * 60)
      expectFailure(yield* call(() => sdk.paymentCancel(["poor-2"])), 400, "ORDER_NOT_REVERSIBLE", "00200044")
      assert.strictEqual(expectOk(yield* call(() => sdk.getPaymentDetails(["poor-2"]))).status, "COMPLETED")
    })
  )

  it.scopedLive("paymentSubscription needs continuous_payments; checkUserWalletBalance needs get_balance", () =>
    Effect.gen(function* () {
      const { control, sdk } = yield* start
      const subscriber = yield* control.createUser({ balance: 3000, scopes: ["continuous_payments", "get_balance"] })
      const other = yield* control.createUser({ balance: 3000, scopes: ["direct_debit"] })
      const subscribe = (merchantPaymentId: string, userAuthorizationId: string) =>
        call(() =>
          sdk.paymentSubscription({
            merchantPaymentId,
            userAuthorizationId,
            amount: yen(980),
            orderDescription: "monthly plan"
          })
        )

      const payment = expectOk(yield* subscribe("sub-1", subscriber.userAuthorizationId))
      assert.strictEqual(payment.status, "COMPLETED")
      assert.strictEqual(payment.merchantPaymentId, "sub-1")
      assert.deepStrictEqual(payment.amount, yen(980))
      expectFailure(yield* subscribe("sub-2", other.userAuthorizationId), 401, "OP_OUT_OF_SCOPE", "08100023")

      const check = (uaid: string, amount: number) => call(() => sdk.checkUserWalletBalance([uaid, amount, "JPY"]))
      assert.deepStrictEqual(expectOk(yield* check(subscriber.userAuthorizationId, 2020)), { hasEnoughBalance: true })
      assert.deepStrictEqual(expectOk(yield* check(subscriber.userAuthorizationId, 2021)), { hasEnoughBalance: false })
      expectFailure(yield* check(other.userAuthorizationId, 1), 401, "OP_OUT_OF_SCOPE", "08100023")
      expectFailure(yield* check("no-such-user", 1), 401, "INVALID_USER_AUTHORIZATION_ID")
    })
  )
})
