import { assert, describe, it } from "@effect/vitest"
import { Payments, PendingPayments } from "@paypay-effect/sdk"
import { Effect } from "effect"
import * as Pending from "../src/Domain/Pending.js"
import * as UserActions from "../src/Store/UserActions.js"
import { advance, balanceOf, failsWith, me, newUser, sdk, simNow, yen } from "./helpers/e2e.js"

const request = (userAuthorizationId: string, merchantPaymentId = "ask-1", extra: { expiryDate?: number } = {}) =>
  PendingPayments.create({
    merchantPaymentId,
    userAuthorizationId,
    amount: yen(2500),
    orderDescription: "lunch",
    ...extra
  })

describe("e2e PendingPayments ↔ simulator", () => {
  it.effect("create (201 echo, 6 h default) → the user accepts → COMPLETED, debited → refund and read it", () =>
    Effect.gen(function* () {
      const user = yield* newUser({ balance: 10_000 })
      const id = user.userAuthorizationId
      const created = yield* request(id)
      const now = yield* simNow
      assert.strictEqual(created.merchantPaymentId, "ask-1")
      assert.strictEqual(created.expiryDate, now + Pending.DEFAULT_LIFETIME_SECONDS)
      assert.strictEqual(created.orderDescription, "lunch")
      const waiting = yield* PendingPayments.get("ask-1")
      assert.strictEqual(waiting.status, "CREATED")
      assert.strictEqual(waiting.expiresAt, created.expiryDate)
      assert.strictEqual(yield* balanceOf(id), 10_000)
      const paid = yield* UserActions.approve(me, "ask-1")
      assert.strictEqual(paid.status, "COMPLETED")
      assert.strictEqual(yield* balanceOf(id), 7500)
      const read = yield* PendingPayments.get("ask-1")
      assert.strictEqual(read.status, "COMPLETED")
      assert.strictEqual(read.acceptedAt, now)
      const refund = yield* PendingPayments.refund({
        merchantRefundId: "ask-refund",
        paymentId: read.paymentId,
        amount: yen(1000)
      })
      assert.strictEqual(refund.status, "CREATED")
      assert.strictEqual(yield* balanceOf(id), 8500)
      yield* advance(5)
      const settled = yield* PendingPayments.getRefund("ask-refund", { paymentId: read.paymentId })
      assert.strictEqual(settled.status, "REFUNDED")
      assert.strictEqual(yield* failsWith(PendingPayments.cancel("ask-1")), "INVALID_REQUEST_ORDER_STATE")
    }).pipe(Effect.provide(sdk()))
  )

  it.effect("cancel → CANCELED (again: still fine); the user can no longer pay", () =>
    Effect.gen(function* () {
      const user = yield* newUser()
      yield* request(user.userAuthorizationId)
      yield* PendingPayments.cancel("ask-1")
      const canceled = yield* PendingPayments.get("ask-1")
      assert.strictEqual(canceled.status, "CANCELED")
      assert.strictEqual(canceled.canceledAt, yield* simNow)
      yield* PendingPayments.cancel("ask-1")
      const error = yield* Effect.flip(UserActions.acceptPendingPayment(me, "ask-1"))
      assert.strictEqual(error._tag, "InvalidRequestOrderState")
    }).pipe(Effect.provide(sdk()))
  )

  it.effect("the user declines → FAILED, nothing debited", () =>
    Effect.gen(function* () {
      const user = yield* newUser({ balance: 3000 })
      yield* request(user.userAuthorizationId)
      assert.strictEqual((yield* UserActions.declinePendingPayment(me, "ask-1")).status, "FAILED")
      assert.strictEqual((yield* PendingPayments.get("ask-1")).status, "FAILED")
      assert.strictEqual(yield* balanceOf(user.userAuthorizationId), 3000)
      assert.strictEqual(yield* failsWith(PendingPayments.cancel("ask-1")), "INVALID_REQUEST_ORDER_STATE")
    }).pipe(Effect.provide(sdk()))
  )

  it.effect("expiry is lazy: at expiryDate it reads EXPIRED; cancel and accept are refused", () =>
    Effect.gen(function* () {
      const user = yield* newUser()
      const now = yield* simNow
      yield* request(user.userAuthorizationId, "ask-1", { expiryDate: now + 600 })
      yield* advance(599)
      assert.strictEqual((yield* PendingPayments.get("ask-1")).status, "CREATED")
      yield* advance(1)
      assert.strictEqual((yield* PendingPayments.get("ask-1")).status, "EXPIRED")
      assert.strictEqual(yield* failsWith(PendingPayments.cancel("ask-1")), "INVALID_REQUEST_ORDER_STATE")
      const late = yield* Effect.flip(UserActions.approve(me, "ask-1"))
      assert.strictEqual(late._tag, "InvalidRequestOrderState")
    }).pipe(Effect.provide(sdk()))
  )

  it.effect("the user does not have enough money: NO_SUFFICIENT_FUND, the order stays CREATED", () =>
    Effect.gen(function* () {
      const user = yield* newUser({ balance: 100 })
      yield* request(user.userAuthorizationId)
      const error = yield* Effect.flip(UserActions.approve(me, "ask-1"))
      assert.strictEqual(error._tag, "NoSufficientFund")
      assert.strictEqual((yield* PendingPayments.get("ask-1")).status, "CREATED")
    }).pipe(Effect.provide(sdk()))
  )

  it.effect("DUPLICATE_REQUEST_ORDER, REQUEST_ORDER_NOT_FOUND, expiry outside 10 min – 48 h, user errors", () =>
    Effect.gen(function* () {
      const user = yield* newUser()
      const id = user.userAuthorizationId
      yield* request(id)
      const duplicate = yield* Effect.flip(request(id))
      assert.strictEqual(duplicate._tag, "DuplicateRequestOrder")
      if (duplicate._tag === "DuplicateRequestOrder") assert.strictEqual(duplicate.status, 400)
      const missing = yield* Effect.flip(PendingPayments.get("nope"))
      assert.strictEqual(missing._tag, "RequestOrderNotFound")
      assert.strictEqual(yield* failsWith(PendingPayments.cancel("nope")), "REQUEST_ORDER_NOT_FOUND")
      yield* Payments.create({ merchantPaymentId: "native-1", userAuthorizationId: id, amount: yen(10) })
      assert.strictEqual(yield* failsWith(PendingPayments.get("native-1")), "REQUEST_ORDER_NOT_FOUND")
      yield* advance(86_400)
      assert.strictEqual(yield* failsWith(request(id, "ask-2", { expiryDate: 3600 })), "INVALID_PARAMS")
      assert.strictEqual(yield* failsWith(request("ghost", "ask-3")), "INVALID_USER_AUTHORIZATION_ID")
      const noScope = yield* newUser({ scopes: ["direct_debit"] })
      assert.strictEqual(yield* failsWith(request(noScope.userAuthorizationId, "ask-4")), "OP_OUT_OF_SCOPE")
      const inactive = yield* newUser({ status: "INACTIVE" })
      assert.strictEqual(yield* failsWith(request(inactive.userAuthorizationId, "ask-5")), "USER_STATE_IS_NOT_ACTIVE")
    }).pipe(Effect.provide(sdk()))
  )
})
