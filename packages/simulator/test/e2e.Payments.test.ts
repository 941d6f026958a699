import { assert, describe, it } from "@effect/vitest"
import { Codes, Payments, PendingPayments, Refunds } from "@paypay-effect/sdk"
import { Effect } from "effect"
import * as DirectDebit from "../src/Domain/DirectDebit.js"
import * as UserActions from "../src/Store/UserActions.js"
import { advance, balanceOf, failsWith, me, newUser, sdk, simNow, yen } from "./helpers/e2e.js"

describe("e2e Payments (native and continuous) ↔ simulator", () => {
  it.effect("create debits the user and completes at once; get, cancel within the window credits back", () =>
    Effect.gen(function* () {
      const user = yield* newUser({ balance: 10_000 })
      const payment = yield* Payments.create({
        merchantPaymentId: "native-1",
        userAuthorizationId: user.userAuthorizationId,
        amount: yen(1200),
        orderDescription: "coffee beans",
        orderItems: [{ name: "beans", quantity: 2, unitPrice: yen(600) }]
      })
      assert.strictEqual(payment.status, "COMPLETED")
      assert.strictEqual(payment.acceptedAt, yield* simNow)
      assert.strictEqual(payment.userAuthorizationId, user.userAuthorizationId)
      assert.strictEqual(payment.orderItems?.[0]?.unitPrice.amount, 600)
      assert.strictEqual(yield* balanceOf(user.userAuthorizationId), 8800)
      const read = yield* Payments.get("native-1")
      assert.strictEqual(read.paymentId, payment.paymentId)
      yield* Payments.cancel("native-1")
      assert.strictEqual((yield* Payments.get("native-1")).status, "CANCELED")
      assert.strictEqual(yield* balanceOf(user.userAuthorizationId), 10_000)
    }).pipe(Effect.provide(sdk()))
  )

  it.effect("a native payment is refundable through /v2/refunds", () =>
    Effect.gen(function* () {
      const user = yield* newUser({ balance: 5000 })
      const payment = yield* Payments.create({
        merchantPaymentId: "native-r",
        userAuthorizationId: user.userAuthorizationId,
        amount: yen(3000)
      })
      const refund = yield* Refunds.create({ merchantRefundId: "r-1", paymentId: payment.paymentId, amount: yen(1000) })
      assert.strictEqual(refund.status, "CREATED")
      assert.strictEqual(yield* balanceOf(user.userAuthorizationId), 3000)
    }).pipe(Effect.provide(sdk()))
  )

  it.effect("SUSPECTED_DUPLICATE_PAYMENT (00200017) within 5 minutes unless agreeSimilarTransaction", () =>
    Effect.gen(function* () {
      const user = yield* newUser({ balance: 100_000 })
      const pay = (merchantPaymentId: string, amount: number, agree?: boolean) =>
        Payments.create(
          { merchantPaymentId, userAuthorizationId: user.userAuthorizationId, amount: yen(amount) },
          agree === undefined ? undefined : { agreeSimilarTransaction: agree }
        )
      yield* pay("p-1", 500)
      const duplicate = yield* Effect.flip(pay("p-2", 500))
      assert.strictEqual(duplicate._tag, "SuspectedDuplicatePayment")
      if (duplicate._tag === "SuspectedDuplicatePayment") assert.strictEqual(duplicate.codeId, "00200017")
      assert.strictEqual(yield* failsWith(pay("p-2", 500, false)), "SUSPECTED_DUPLICATE_PAYMENT")
      assert.strictEqual((yield* pay("p-2", 500, true)).status, "COMPLETED")
      assert.strictEqual((yield* pay("p-3", 501)).status, "COMPLETED")
      yield* advance(DirectDebit.SIMILAR_WINDOW_SECONDS)
      assert.strictEqual((yield* pay("p-4", 500)).status, "COMPLETED")
      assert.strictEqual(yield* balanceOf(user.userAuthorizationId), 100_000 - 500 * 3 - 501)
    }).pipe(Effect.provide(sdk()))
  )

  it.effect("user errors: unknown, inactive, expired authorization, missing scope", () =>
    Effect.gen(function* () {
      const pay = (merchantPaymentId: string, userAuthorizationId: string) =>
        Payments.create({ merchantPaymentId, userAuthorizationId, amount: yen(100) })
      assert.strictEqual(yield* failsWith(pay("u-1", "nobody")), "INVALID_USER_AUTHORIZATION_ID")
      const inactive = yield* newUser({ status: "INACTIVE" })
      assert.strictEqual(yield* failsWith(pay("u-2", inactive.userAuthorizationId)), "USER_STATE_IS_NOT_ACTIVE")
      const now = yield* simNow
      const expired = yield* newUser({ issuedAt: now - 400 * 86_400 })
      assert.strictEqual(yield* failsWith(pay("u-3", expired.userAuthorizationId)), "EXPIRED_USER_AUTHORIZATION_ID")
      const noScope = yield* newUser({ scopes: ["cashback"] })
      const scope = yield* Effect.flip(pay("u-4", noScope.userAuthorizationId))
      assert.strictEqual(scope._tag, "OpOutOfScope")
      if (scope._tag === "OpOutOfScope") assert.strictEqual(scope.status, 401)
    }).pipe(Effect.provide(sdk()))
  )

  it.effect("NO_SUFFICIENT_FUND, duplicate merchantPaymentId, payment-method checks; nothing is written", () =>
    Effect.gen(function* () {
      const user = yield* newUser({ balance: 1000 })
      const id = user.userAuthorizationId
      const broke = yield* Effect.flip(
        Payments.create({ merchantPaymentId: "m-1", userAuthorizationId: id, amount: yen(1001) })
      )
      assert.strictEqual(broke._tag, "NoSufficientFund")
      assert.strictEqual(yield* failsWith(Payments.get("m-1")), "RESOURCE_NOT_FOUND")
      yield* Payments.create({ merchantPaymentId: "m-1", userAuthorizationId: id, amount: yen(100) })
      const used = yield* Effect.flip(
        Payments.create({ merchantPaymentId: "m-1", userAuthorizationId: id, amount: yen(200) })
      )
      assert.strictEqual(used._tag, "InvalidParams")
      const method = (merchantPaymentId: string, fields: { paymentMethodType?: string; paymentMethodId?: string }) =>
        Payments.create({ merchantPaymentId, userAuthorizationId: id, amount: yen(10), ...fields })
      assert.strictEqual(
        yield* failsWith(method("m-2", { paymentMethodType: "CREDIT_CARD" })),
        "UNSUPPORTED_PAYMENT_METHOD"
      )
      assert.strictEqual(yield* failsWith(method("m-3", { paymentMethodId: "card-1" })), "PAYMENT_METHOD_NOT_FOUND")
      const wallet = yield* method("m-4", {
        paymentMethodType: "WALLET",
        paymentMethodId: DirectDebit.walletMethodId(id)
      })
      assert.strictEqual(wallet.status, "COMPLETED")
      assert.strictEqual(yield* balanceOf(id), 890)
    }).pipe(Effect.provide(sdk()))
  )

  it.effect("continuous payments need continuous_payments, complete at once and skip the similar check", () =>
    Effect.gen(function* () {
      const user = yield* newUser({ balance: 10_000, scopes: ["continuous_payments"] })
      const id = user.userAuthorizationId
      const month = (merchantPaymentId: string) =>
        Payments.createContinuous({ merchantPaymentId, userAuthorizationId: id, amount: yen(980) })
      const first = yield* month("sub-2024-01")
      assert.strictEqual(first.status, "COMPLETED")
      assert.strictEqual((yield* month("sub-2024-02")).status, "COMPLETED")
      assert.strictEqual((yield* Payments.get("sub-2024-01")).paymentId, first.paymentId)
      assert.strictEqual(yield* balanceOf(id), 10_000 - 1960)
      assert.strictEqual(
        yield* failsWith(Payments.create({ merchantPaymentId: "n-1", userAuthorizationId: id, amount: yen(1) })),
        "OP_OUT_OF_SCOPE"
      )
      const direct = yield* newUser({ scopes: ["direct_debit"] })
      assert.strictEqual(
        yield* failsWith(
          Payments.createContinuous({
            merchantPaymentId: "s-x",
            userAuthorizationId: direct.userAuthorizationId,
            amount: yen(1)
          })
        ),
        "OP_OUT_OF_SCOPE"
      )
      assert.strictEqual(yield* failsWith(month("sub-2024-01")), "INVALID_PARAMS")
      assert.strictEqual(
        yield* failsWith(
          Payments.createContinuous({ merchantPaymentId: "s-y", userAuthorizationId: "ghost", amount: yen(1) })
        ),
        "INVALID_USER_AUTHORIZATION_ID"
      )
    }).pipe(Effect.provide(sdk()))
  )

  it.effect("QR payments stay invisible on /v2/payments; a pending payment is visible there", () =>
    Effect.gen(function* () {
      const user = yield* newUser()
      yield* Codes.create({ merchantPaymentId: "qr-1", amount: yen(100) })
      yield* UserActions.approve(me, "qr-1", user.userAuthorizationId)
      assert.strictEqual(yield* failsWith(Payments.get("qr-1")), "RESOURCE_NOT_FOUND")
      assert.strictEqual((yield* Codes.getPayment("qr-1")).status, "COMPLETED")
      yield* PendingPayments.create({
        merchantPaymentId: "ask-1",
        userAuthorizationId: user.userAuthorizationId,
        amount: yen(300)
      })
      assert.strictEqual((yield* Payments.get("ask-1")).status, "CREATED")
    }).pipe(Effect.provide(sdk()))
  )
})
