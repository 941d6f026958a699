/**
 * Conformance of the official Node SDK (harness: helpers/officialSdk.ts), pending payments ("request money"):
 * createPendingPayment, getPendingPaymentDetails, cancelPendingOrder, refundPendingPayment (and getRefundDetails
 * for its refund); the user accepts through the control API.
 */
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { call, expectFailure, expectOk, start, yen } from "./helpers/officialSdk.js"

describe("official PayPay Node SDK ↔ simulator over TLS: pending payments", () => {
  it.scopedLive("request → accepted by the user (control API) → refunded; duplicate and late cancel refused", () =>
    Effect.gen(function* () {
      const { control, sdk } = yield* start
      const { userAuthorizationId } = yield* control.createUser({ balance: 5000 })
      const expiryDate = Math.round(Date.now() / 1000) + 3600
      const payload = {
        merchantPaymentId: "req-1",
        userAuthorizationId,
        amount: yen(1500),
        expiryDate,
        orderDescription: "invoice 42"
      }

      const created = expectOk(yield* call(() => sdk.createPendingPayment(payload)), 201)
      assert.strictEqual(created.merchantPaymentId, "req-1")
      assert.strictEqual(created.userAuthorizationId, userAuthorizationId)
      assert.deepStrictEqual(created.amount, yen(1500))
      assert.strictEqual(created.expiryDate, expiryDate)
      expectFailure(yield* call(() => sdk.createPendingPayment({ ...payload })), 400, "DUPLICATE_REQUEST_ORDER")

      const waiting = expectOk(yield* call(() => sdk.getPendingPaymentDetails(["req-1"])))
      assert.strictEqual(waiting.status, "CREATED")
      assert.strictEqual((yield* control.approve("req-1")).status, "COMPLETED")
      const paid = expectOk(yield* call(() => sdk.getPendingPaymentDetails(["req-1"])))
      assert.strictEqual(paid.status, "COMPLETED")

      const refund = expectOk(
        yield* call(() =>
          sdk.refundPendingPayment({
            merchantRefundId: "req-1-r",
            paymentId: paid.paymentId,
            amount: yen(500),
            reason: "discount"
          })
        )
      )
      assert.strictEqual(refund.merchantRefundId, "req-1-r")
      assert.strictEqual(refund.paymentId, paid.paymentId)
      assert.deepStrictEqual(refund.amount, yen(500))
      const details = expectOk(yield* call(() => sdk.getRefundDetails(["req-1-r"])))
      assert.strictEqual(details.paymentId, paid.paymentId)

      expectFailure(yield* call(() => sdk.cancelPendingOrder(["req-1"])), 409, "INVALID_REQUEST_ORDER_STATE")
    })
  )

  it.scopedLive("an open request can be cancelled; unknown requests are REQUEST_ORDER_NOT_FOUND", () =>
    Effect.gen(function* () {
      const { control, sdk } = yield* start
      const { userAuthorizationId } = yield* control.createUser()
      expectOk(
        yield* call(() =>
          sdk.createPendingPayment({ merchantPaymentId: "req-2", userAuthorizationId, amount: yen(99) })
        ),
        201
      )
      assert.isNull(expectOk(yield* call(() => sdk.cancelPendingOrder(["req-2"]))))
      const canceled = expectOk(yield* call(() => sdk.getPendingPaymentDetails(["req-2"])))
      assert.strictEqual(canceled.status, "CANCELED")
      expectFailure(yield* call(() => sdk.getPendingPaymentDetails(["req-404"])), 400, "REQUEST_ORDER_NOT_FOUND")
      expectFailure(yield* call(() => sdk.cancelPendingOrder(["req-404"])), 404, "REQUEST_ORDER_NOT_FOUND")
    })
  )
})
