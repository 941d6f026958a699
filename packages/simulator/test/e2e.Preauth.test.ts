import { assert, describe, it } from "@effect/vitest"
import { Codes, Payments, Preauth, Refunds } from "@paypay-effect/sdk"
import { Effect } from "effect"
import * as UserActions from "../src/Store/UserActions.js"
import { advance, assertSecondsAfter, balanceOf, failsWith, me, newUser, sdk, simNow, yen } from "./helpers/e2e.js"

const DAY = 86_400

const setup = (balance = 10_000, amount = 4000, expiresAt?: number) =>
  Effect.gen(function* () {
    const user = yield* newUser({ balance })
    const payment = yield* Preauth.authorize({
      merchantPaymentId: "auth-1",
      userAuthorizationId: user.userAuthorizationId,
      amount: yen(amount),
      ...(expiresAt === undefined ? {} : { expiresAt })
    })
    return { id: user.userAuthorizationId, payment }
  })

const capture = (amount: number, merchantCaptureId = "cap-1") =>
  Preauth.capture({ merchantPaymentId: "auth-1", merchantCaptureId, amount: yen(amount), orderDescription: "order" })

describe("e2e Preauth ↔ simulator", () => {
  it.effect("authorize holds the amount; a partial capture completes and releases the rest; refunds stop at it", () =>
    Effect.gen(function* () {
      const since = yield* simNow
      const { id, payment } = yield* setup()
      assert.strictEqual(payment.status, "AUTHORIZED")
      yield* assertSecondsAfter(payment.authorizedAt, since, 0)
      yield* assertSecondsAfter(payment.expiresAt, since, 30 * DAY)
      assert.strictEqual(yield* balanceOf(id), 6000)
      const result = yield* capture(3000)
      assert.strictEqual(result._tag, "Captured")
      if (result._tag !== "Captured") return
      assert.strictEqual(result.payment.status, "COMPLETED")
      assert.strictEqual(result.payment.captures?.data[0]?.status, "USER_REQUESTED")
      assert.strictEqual(result.payment.captures?.data[0]?.amount.amount, 3000)
      assert.strictEqual(yield* balanceOf(id), 7000)
      assert.strictEqual(yield* failsWith(capture(1, "cap-2")), "ALREADY_CAPTURED")
      const paymentId = result.payment.paymentId
      assert.strictEqual(
        yield* failsWith(Refunds.create({ merchantRefundId: "r-1", paymentId, amount: yen(3001) })),
        "INVALID_PARAMS"
      )
      yield* Refunds.create({ merchantRefundId: "r-2", paymentId, amount: yen(3000) })
      assert.strictEqual(yield* balanceOf(id), 10_000)
    }).pipe(Effect.provide(sdk()))
  )

  it.effect("a capture above the authorized amount → 202 USER_CONFIRMATION_REQUIRED; the user confirms", () =>
    Effect.gen(function* () {
      const { id } = yield* setup()
      const result = yield* capture(5000)
      assert.strictEqual(result._tag, "UserConfirmationRequired")
      if (result._tag === "UserConfirmationRequired") assert.strictEqual(result.codeId, "08300103")
      const waiting = yield* Payments.get("auth-1")
      assert.strictEqual(waiting.status, "REAUTHORIZING")
      assert.strictEqual(waiting.captures?.data[0]?.status, "USER_REQUESTED")
      assert.strictEqual(yield* failsWith(capture(100, "cap-2")), "REAUTHORIZATION_IN_PROGRESS")
      const confirmed = yield* UserActions.confirmCapture(me, "auth-1")
      assert.strictEqual(confirmed.status, "COMPLETED")
      assert.strictEqual(yield* balanceOf(id), 5000)
      const read = yield* Payments.get("auth-1")
      assert.strictEqual(read.captures?.data[0]?.status, "USER_REQUESTED")
      assert.strictEqual(yield* failsWith(capture(5000, "cap-3")), "ALREADY_CAPTURED")
    }).pipe(Effect.provide(sdk()))
  )

  it.effect("the user refuses the higher capture: AUTHORIZED again, a capture within the amount still works", () =>
    Effect.gen(function* () {
      const { id } = yield* setup()
      yield* capture(4500)
      const refused = yield* UserActions.decline(me, "auth-1")
      assert.strictEqual(refused.status, "AUTHORIZED")
      assert.strictEqual((yield* Payments.get("auth-1")).captures, undefined)
      assert.strictEqual(yield* balanceOf(id), 6000)
      const result = yield* capture(4000, "cap-2")
      assert.strictEqual(result._tag, "Captured")
      assert.strictEqual(yield* balanceOf(id), 6000)
    }).pipe(Effect.provide(sdk()))
  )

  it.effect("confirming without enough balance is refused and changes nothing", () =>
    Effect.gen(function* () {
      const { id } = yield* setup(4500)
      yield* capture(5000)
      const error = yield* Effect.flip(UserActions.approve(me, "auth-1"))
      assert.strictEqual(error._tag, "NoSufficientFund")
      assert.strictEqual((yield* Payments.get("auth-1")).status, "REAUTHORIZING")
      assert.strictEqual(yield* balanceOf(id), 500)
    }).pipe(Effect.provide(sdk()))
  )

  it.effect("revert → CANCELED and the hold is released; replay is accepted; other states are not cancelable", () =>
    Effect.gen(function* () {
      const { id, payment } = yield* setup()
      const reverted = yield* Preauth.revert({ merchantRevertId: "rv-1", paymentId: payment.paymentId, reason: "out" })
      assert.strictEqual(reverted.status, "CANCELED")
      assert.strictEqual(reverted.paymentId, payment.paymentId)
      assert.strictEqual(reverted.reason, "out")
      assert.strictEqual(yield* balanceOf(id), 10_000)
      const again = yield* Preauth.revert({ merchantRevertId: "rv-1", paymentId: payment.paymentId })
      assert.strictEqual(again.status, "CANCELED")
      assert.strictEqual(yield* balanceOf(id), 10_000)
      const other = yield* Effect.flip(Preauth.revert({ merchantRevertId: "rv-2", paymentId: payment.paymentId }))
      assert.strictEqual(other._tag, "OrderNotCancelable")
      assert.strictEqual(yield* failsWith(capture(100)), "ORDER_NOT_CAPTURABLE")
      const read = yield* Payments.get("auth-1")
      assert.strictEqual(read.revert?.merchantRevertId, "rv-1")
      assert.strictEqual(
        yield* failsWith(Preauth.revert({ merchantRevertId: "rv-3", paymentId: "04999999999999999999" })),
        "RESOURCE_NOT_FOUND"
      )
    }).pipe(Effect.provide(sdk()))
  )

  it.effect("expiry is lazy: at expiresAt the payment reads EXPIRED and the money is already back", () =>
    Effect.gen(function* () {
      const now = yield* simNow
      const { id, payment } = yield* setup(10_000, 4000, now + 3600)
      assert.strictEqual(payment.expiresAt, now + 3600)
      yield* advance(3599)
      assert.strictEqual((yield* Payments.get("auth-1")).status, "AUTHORIZED")
      assert.strictEqual(yield* balanceOf(id), 6000)
      yield* advance(1)
      assert.strictEqual(yield* balanceOf(id), 10_000)
      assert.strictEqual((yield* Payments.get("auth-1")).status, "EXPIRED")
      assert.strictEqual(yield* failsWith(capture(100)), "ORDER_EXPIRED")
      assert.strictEqual(
        yield* failsWith(Preauth.revert({ merchantRevertId: "rv", paymentId: payment.paymentId })),
        "ORDER_NOT_CANCELABLE"
      )
      assert.strictEqual(yield* balanceOf(id), 10_000)
    }).pipe(Effect.provide(sdk()))
  )

  it.effect("a capture waiting for the user lapses with the authorization", () =>
    Effect.gen(function* () {
      const now = yield* simNow
      const { id } = yield* setup(10_000, 4000, now + 600)
      yield* capture(4100)
      yield* advance(600)
      assert.strictEqual((yield* Payments.get("auth-1")).status, "EXPIRED")
      assert.strictEqual(yield* balanceOf(id), 10_000)
      const lapsed = yield* Effect.flip(UserActions.confirmCapture(me, "auth-1"))
      assert.strictEqual(lapsed._tag, "NotCapturable")
    }).pipe(Effect.provide(sdk()))
  )

  it.effect(
    "PRE_AUTH_CAPTURE_INVALID_EXPIRY_DATE, OP_OUT_OF_SCOPE, SUSPECTED_DUPLICATE_PAYMENT, NO_SUFFICIENT_FUND",
    () =>
      Effect.gen(function* () {
        const user = yield* newUser({ balance: 1000 })
        const id = user.userAuthorizationId
        const authorize = (merchantPaymentId: string, amount: number, options?: { readonly expiresAt?: number }) =>
          Preauth.authorize({ merchantPaymentId, userAuthorizationId: id, amount: yen(amount), ...options })
        yield* advance(2 * DAY)
        const past = yield* Effect.flip(authorize("a-1", 100, { expiresAt: DAY }))
        assert.strictEqual(past._tag, "PreAuthCaptureInvalidExpiryDate")
        if (past._tag === "PreAuthCaptureInvalidExpiryDate") assert.strictEqual(past.codeId, "00400061")
        yield* authorize("a-2", 100)
        assert.strictEqual(yield* failsWith(authorize("a-3", 100)), "SUSPECTED_DUPLICATE_PAYMENT")
        const agreed = yield* Preauth.authorize(
          { merchantPaymentId: "a-3", userAuthorizationId: id, amount: yen(100) },
          { agreeSimilarTransaction: true }
        )
        assert.strictEqual(agreed.status, "AUTHORIZED")
        assert.strictEqual(yield* failsWith(authorize("a-4", 900)), "NO_SUFFICIENT_FUND")
        assert.strictEqual(yield* failsWith(authorize("a-2", 50)), "INVALID_PARAMS")
        const native = yield* newUser({ scopes: ["direct_debit"] })
        assert.strictEqual(
          yield* failsWith(
            Preauth.authorize({
              merchantPaymentId: "a-5",
              userAuthorizationId: native.userAuthorizationId,
              amount: yen(1)
            })
          ),
          "OP_OUT_OF_SCOPE"
        )
        assert.strictEqual(
          yield* failsWith(
            Preauth.authorize({ merchantPaymentId: "a-6", userAuthorizationId: "ghost", amount: yen(1) })
          ),
          "INVALID_USER_AUTHORIZATION_ID"
        )
        assert.strictEqual(
          yield* failsWith(
            Preauth.capture({
              merchantPaymentId: "nope",
              merchantCaptureId: "c",
              amount: yen(1),
              orderDescription: "x"
            })
          ),
          "RESOURCE_NOT_FOUND"
        )
      }).pipe(Effect.provide(sdk()))
  )

  it.effect("a QR code with isAuthorization joins the machine: paid → AUTHORIZED → captured", () =>
    Effect.gen(function* () {
      const user = yield* newUser({ balance: 5000 })
      yield* Codes.create({ merchantPaymentId: "auth-1", amount: yen(2000), isAuthorization: true })
      const authorized = yield* UserActions.approve(me, "auth-1", user.userAuthorizationId)
      assert.strictEqual(authorized.status, "AUTHORIZED")
      assert.strictEqual(yield* balanceOf(user.userAuthorizationId), 3000)
      const result = yield* capture(1500)
      assert.strictEqual(result._tag, "Captured")
      assert.strictEqual(yield* balanceOf(user.userAuthorizationId), 3500)
      const read = yield* Codes.getPayment("auth-1")
      assert.strictEqual(read.status, "COMPLETED")
      assert.strictEqual(read.captures?.data[0]?.merchantCaptureId, "cap-1")
    }).pipe(Effect.provide(sdk()))
  )
})
