import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { Wallet } from "../src/index.js"
import { assertShape, failWith, rejectsInput, succeed } from "./utils/Calls.js"

describe("Wallet", () => {
  it.effect("checkBalance reads /v2/wallet/check_balance with every parameter in the unsigned query", () =>
    Effect.gen(function* () {
      const { request, result } = yield* succeed(Wallet.checkBalance({ userAuthorizationId: "ua-1", amount: 500 }), {
        hasEnoughBalance: true
      })
      assertShape(request, {
        method: "GET",
        path: "/v2/wallet/check_balance",
        query: { userAuthorizationId: "ua-1", amount: "500", currency: "JPY" }
      })
      assert.isTrue(result.hasEnoughBalance)
      const typed = yield* succeed(
        Wallet.checkBalance({
          userAuthorizationId: "ua-1",
          amount: 500,
          currency: "JPY",
          productType: "VIRTUAL_BONUS_INVESTMENT"
        }),
        { hasEnoughBalance: false }
      )
      assert.strictEqual(typed.request.url.searchParams.get("productType"), "VIRTUAL_BONUS_INVESTMENT")
    })
  )

  it.effect("checkBalance maps user-authorization codes and rejects bad amounts", () =>
    Effect.gen(function* () {
      const error = yield* failWith(
        Wallet.checkBalance({ userAuthorizationId: "ua-1", amount: 1 }),
        401,
        "INVALID_USER_AUTHORIZATION_ID"
      )
      assert.strictEqual(error._tag, "InvalidUserAuthorizationId")
      const scope = yield* failWith(
        Wallet.checkBalance({ userAuthorizationId: "ua-1", amount: 1 }),
        401,
        "OP_OUT_OF_SCOPE"
      )
      assert.strictEqual(scope._tag, "OpOutOfScope")
      const detail = yield* rejectsInput(Wallet.checkBalance({ userAuthorizationId: "ua-1", amount: -1 }))
      assert.include(detail, "amount")
      yield* rejectsInput(Wallet.checkBalance({ userAuthorizationId: "ua-1", amount: 1, currency: "USD" } as any))
    })
  )

  it.effect("getBalance reads /v6/wallet/balance", () =>
    Effect.gen(function* () {
      const { request, result } = yield* succeed(Wallet.getBalance({ userAuthorizationId: "ua-1" }), {
        userAuthorizationId: "ua-1",
        totalBalance: { amount: 12_345, currency: "JPY" },
        preference: { useCashback: true, cashbackAutoInvestment: false }
      })
      assertShape(request, {
        method: "GET",
        path: "/v6/wallet/balance",
        query: { userAuthorizationId: "ua-1", currency: "JPY" }
      })
      assert.strictEqual(result.totalBalance.amount, 12_345)
      assert.strictEqual(result.preference?.useCashback, true)
      const error = yield* failWith(Wallet.getBalance({ userAuthorizationId: "ua-1" }), 401, "USER_STATE_IS_NOT_ACTIVE")
      assert.strictEqual(error._tag, "UserStateIsNotActive")
      yield* rejectsInput(Wallet.getBalance({ userAuthorizationId: "ua-1", productType: "x" } as any))
    })
  )

  it.effect("getPaymentMethods reads /v4/paymentMethods", () =>
    Effect.gen(function* () {
      const { request, result } = yield* succeed(
        Wallet.getPaymentMethods({ userAuthorizationId: "ua-1", productType: "PAY_LATER_REPAYMENT" }),
        {
          walletInfo: { userAuthorizationId: "ua-1", totalBalance: { amount: 100, currency: "JPY" } },
          paymentMethods: [{ paymentMethodType: "WALLET", id: "pm-1", disabled: false }]
        }
      )
      assertShape(request, {
        method: "GET",
        path: "/v4/paymentMethods",
        query: { userAuthorizationId: "ua-1", productType: "PAY_LATER_REPAYMENT" }
      })
      assert.strictEqual(result.paymentMethods[0]?.id, "pm-1")
      const error = yield* failWith(
        Wallet.getPaymentMethods({ userAuthorizationId: "ua-1" }),
        401,
        "EXPIRED_USER_AUTHORIZATION_ID"
      )
      assert.strictEqual(error._tag, "ExpiredUserAuthorizationId")
      yield* rejectsInput(Wallet.getPaymentMethods({ userAuthorizationId: "" }))
    })
  )
})
