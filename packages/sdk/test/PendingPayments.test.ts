import { assert, describe, it } from "@effect/vitest"
import { Effect, TestClock } from "effect"
import { PendingPayments } from "../src/index.js"
import { assertShape, failWith, rejectsInput, succeed } from "./utils/Calls.js"

const NOW = 1_700_000_000
const MINUTE = 60
const HOUR = 3600

const params: PendingPayments.CreatePendingPaymentParams = {
  merchantPaymentId: "pp-1",
  userAuthorizationId: "ua-1",
  amount: { amount: 300, currency: "JPY" },
  orderItems: [{ name: "lunch", quantity: 1, unitPrice: { amount: 300, currency: "JPY" } }]
}
const echo = {
  merchantPaymentId: "pp-1",
  userAuthorizationId: "ua-1",
  amount: { amount: 300, currency: "JPY" },
  requestedAt: NOW,
  expiryDate: null,
  orderItems: [{ name: "lunch", quantity: 1, unitPrice: { amount: 300, currency: "JPY" } }],
  metadata: {}
}
const payment = {
  paymentId: "04739000000000000003",
  status: "CREATED",
  acceptedAt: 0,
  merchantPaymentId: "pp-1",
  amount: { amount: 300, currency: "JPY" },
  requestedAt: NOW
}
const refund = {
  status: "CREATED",
  acceptedAt: NOW,
  merchantRefundId: "r-1",
  paymentId: "04739000000000000003",
  amount: { amount: 100, currency: "JPY" },
  requestedAt: NOW
}

const atNow = TestClock.setTime(NOW * 1000)

describe("PendingPayments", () => {
  it.effect("create posts /v1/requestOrder (201) with requestedAt filled and decodes the echo", () =>
    Effect.gen(function* () {
      yield* atNow
      const { body, request, result } = yield* succeed(PendingPayments.create(params), echo, 201)
      assertShape(request, { method: "POST", path: "/v1/requestOrder" })
      assert.deepStrictEqual(body, { ...params, requestedAt: NOW })
      assert.instanceOf(result, PendingPayments.PendingPayment)
      assert.strictEqual(result.orderItems?.[0]?.unitPrice?.amount, 300)
    })
  )

  it.effect("create checks expiryDate: 10 minutes to 48 hours from now", () =>
    Effect.gen(function* () {
      yield* atNow
      const soon = yield* rejectsInput(PendingPayments.create({ ...params, expiryDate: NOW + 5 * MINUTE }))
      assert.include(soon, "expiryDate")
      yield* rejectsInput(PendingPayments.create({ ...params, expiryDate: NOW + 48 * HOUR + 1 }))
      const min = yield* succeed(PendingPayments.create({ ...params, expiryDate: NOW + 10 * MINUTE }), echo, 201)
      assert.strictEqual(min.body.expiryDate, NOW + 10 * MINUTE)
      const max = yield* succeed(PendingPayments.create({ ...params, expiryDate: NOW + 48 * HOUR }), echo, 201)
      assert.strictEqual(max.body.expiryDate, NOW + 48 * HOUR)
      const server = yield* succeed(PendingPayments.create(params), echo, 201)
      assert.notProperty(server.body, "expiryDate")
    })
  )

  it.effect("create maps its documented codes and rejects bad input", () =>
    Effect.gen(function* () {
      yield* atNow
      const duplicate = yield* failWith(PendingPayments.create(params), 400, "DUPLICATE_REQUEST_ORDER")
      assert.strictEqual(duplicate._tag, "DuplicateRequestOrder")
      const suspected = yield* failWith(PendingPayments.create(params), 400, "SUSPECTED_DUPLICATE_ORDER")
      assert.strictEqual(suspected._tag, "SuspectedDuplicateOrder")
      yield* rejectsInput(PendingPayments.create({ ...params, storeId: "s".repeat(256) }))
    })
  )

  it.effect("get reads /v1/requestOrder/{id} without a body", () =>
    Effect.gen(function* () {
      const { request, result } = yield* succeed(PendingPayments.get("pp 1"), payment)
      assertShape(request, { method: "GET", path: "/v1/requestOrder/pp%201" })
      assert.strictEqual(result.status, "CREATED")
      const error = yield* failWith(PendingPayments.get("pp-1"), 404, "REQUEST_ORDER_NOT_FOUND")
      assert.strictEqual(error._tag, "RequestOrderNotFound")
      yield* rejectsInput(PendingPayments.get(""))
    })
  )

  it.effect("cancel deletes /v1/requestOrder/{id}", () =>
    Effect.gen(function* () {
      const { request, result } = yield* succeed(PendingPayments.cancel("pp-1"), null)
      assertShape(request, { method: "DELETE", path: "/v1/requestOrder/pp-1" })
      assert.isUndefined(result)
      const error = yield* failWith(PendingPayments.cancel("pp-1"), 409, "INVALID_REQUEST_ORDER_STATE")
      assert.strictEqual(error._tag, "InvalidRequestOrderState")
      yield* rejectsInput(PendingPayments.cancel("x".repeat(65)))
    })
  )

  it.effect("refund posts /v2/refunds with the Refunds schema and the pending codes", () =>
    Effect.gen(function* () {
      const refundParams = {
        merchantRefundId: "r-1",
        paymentId: "04739000000000000003",
        amount: { amount: 100, currency: "JPY" as const }
      }
      const { body, request, result } = yield* succeed(PendingPayments.refund(refundParams), refund)
      assertShape(request, { method: "POST", path: "/v2/refunds" })
      assert.deepStrictEqual(body, { ...refundParams, requestedAt: 0 })
      assert.strictEqual(result.merchantRefundId, "r-1")
      const state = yield* failWith(PendingPayments.refund(refundParams), 409, "INVALID_REQUEST_ORDER_STATE")
      assert.strictEqual(state._tag, "InvalidRequestOrderState")
      const inactive = yield* failWith(PendingPayments.refund(refundParams), 401, "USER_STATE_IS_NOT_ACTIVE")
      assert.strictEqual(inactive._tag, "UserStateIsNotActive")
      yield* rejectsInput(PendingPayments.refund({ ...refundParams, merchantPaymentId: "pp-1" } as any))
    })
  )

  it.effect("getRefund reads /v2/refunds/{id} with paymentId in the unsigned query", () =>
    Effect.gen(function* () {
      const withId = yield* succeed(PendingPayments.getRefund("r-1", { paymentId: "04739000000000000003" }), refund)
      assertShape(withId.request, {
        method: "GET",
        path: "/v2/refunds/r-1",
        query: { paymentId: "04739000000000000003" }
      })
      const without = yield* succeed(PendingPayments.getRefund("r-1"), refund)
      assertShape(without.request, { method: "GET", path: "/v2/refunds/r-1" })
      const error = yield* failWith(PendingPayments.getRefund("r-1"), 404, "NO_SUCH_REFUND_ORDER", "00200018")
      assert.strictEqual(error._tag, "NoSuchRefundOrder")
      yield* rejectsInput(PendingPayments.getRefund("r-1", { paymentId: "" }))
    })
  )
})
