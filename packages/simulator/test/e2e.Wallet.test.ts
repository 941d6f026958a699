import { assert, describe, it } from "@effect/vitest"
import { Payments, Preauth, Wallet } from "@paypay-effect/sdk"
import { Effect } from "effect"
import { advance, failsWith, newUser, sdk, simNow, yen } from "./helpers/e2e.js"

describe("e2e Wallet ↔ simulator", () => {
  it.effect("check_balance, v6 balance and v4 payment methods of a linked user", () =>
    Effect.gen(function* () {
      const user = yield* newUser({ balance: 3000 })
      const id = user.userAuthorizationId
      assert.isTrue((yield* Wallet.checkBalance({ userAuthorizationId: id, amount: 3000 })).hasEnoughBalance)
      assert.isFalse((yield* Wallet.checkBalance({ userAuthorizationId: id, amount: 3001 })).hasEnoughBalance)
      const balance = yield* Wallet.getBalance({ userAuthorizationId: id, productType: "PAY_LATER_REPAYMENT" })
      assert.strictEqual(balance.userAuthorizationId, id)
      assert.deepStrictEqual(balance.totalBalance, yen(3000))
      assert.strictEqual(balance.preference?.useCashback, true)
      const methods = yield* Wallet.getPaymentMethods({ userAuthorizationId: id })
      assert.deepStrictEqual(methods.walletInfo?.totalBalance, yen(3000))
      const [wallet] = methods.paymentMethods
      assert.strictEqual(wallet?.paymentMethodType, "WALLET")
      assert.isFalse(wallet?.disabled)
      const paid = yield* Payments.create({
        merchantPaymentId: "with-method",
        userAuthorizationId: id,
        amount: yen(1000),
        paymentMethodType: wallet!.paymentMethodType,
        paymentMethodId: wallet!.id!
      })
      assert.strictEqual(paid.status, "COMPLETED")
      assert.deepStrictEqual((yield* Wallet.getBalance({ userAuthorizationId: id })).totalBalance, yen(2000))
    }).pipe(Effect.provide(sdk()))
  )

  it.effect("a held authorization lowers the balance until it expires; the read releases it", () =>
    Effect.gen(function* () {
      const user = yield* newUser({ balance: 5000 })
      const id = user.userAuthorizationId
      const now = yield* simNow
      yield* Preauth.authorize({
        merchantPaymentId: "hold",
        userAuthorizationId: id,
        amount: yen(4000),
        expiresAt: now + 60
      })
      assert.deepStrictEqual((yield* Wallet.getBalance({ userAuthorizationId: id })).totalBalance, yen(1000))
      assert.isFalse((yield* Wallet.checkBalance({ userAuthorizationId: id, amount: 2000 })).hasEnoughBalance)
      yield* advance(60)
      assert.isTrue((yield* Wallet.checkBalance({ userAuthorizationId: id, amount: 5000 })).hasEnoughBalance)
      assert.deepStrictEqual((yield* Wallet.getBalance({ userAuthorizationId: id })).totalBalance, yen(5000))
    }).pipe(Effect.provide(sdk()))
  )

  it.effect("errors: unknown user, inactive user, expired authorization, missing get_balance scope", () =>
    Effect.gen(function* () {
      const unknown = yield* Effect.flip(Wallet.checkBalance({ userAuthorizationId: "ghost", amount: 1 }))
      assert.strictEqual(unknown._tag, "InvalidUserAuthorizationId")
      assert.strictEqual(
        yield* failsWith(Wallet.getBalance({ userAuthorizationId: "ghost" })),
        "INVALID_USER_AUTHORIZATION_ID"
      )
      assert.strictEqual(
        yield* failsWith(Wallet.getPaymentMethods({ userAuthorizationId: "ghost" })),
        "INVALID_USER_AUTHORIZATION_ID"
      )
      const inactive = yield* newUser({ status: "INACTIVE" })
      const inactiveId = inactive.userAuthorizationId
      assert.strictEqual(
        yield* failsWith(Wallet.getBalance({ userAuthorizationId: inactiveId })),
        "USER_STATE_IS_NOT_ACTIVE"
      )
      assert.strictEqual(
        yield* failsWith(Wallet.getPaymentMethods({ userAuthorizationId: inactiveId })),
        "USER_STATE_IS_NOT_ACTIVE"
      )
      const noScope = yield* newUser({ scopes: ["direct_debit"] })
      const scope = yield* Effect.flip(
        Wallet.checkBalance({ userAuthorizationId: noScope.userAuthorizationId, amount: 1 })
      )
      assert.strictEqual(scope._tag, "OpOutOfScope")
      assert.strictEqual(
        yield* failsWith(Wallet.getBalance({ userAuthorizationId: noScope.userAuthorizationId })),
        "OP_OUT_OF_SCOPE"
      )
      const old = yield* newUser({ issuedAt: (yield* simNow) - 366 * 86_400 })
      assert.strictEqual(
        yield* failsWith(Wallet.checkBalance({ userAuthorizationId: old.userAuthorizationId, amount: 1 })),
        "EXPIRED_USER_AUTHORIZATION_ID"
      )
    }).pipe(Effect.provide(sdk()))
  )
})
