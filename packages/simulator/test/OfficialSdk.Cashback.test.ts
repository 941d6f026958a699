/**
 * Conformance of the official Node SDK (harness: helpers/officialSdk.ts), cashback: cashBack and reverseCashBack
 * (202 REQUEST_ACCEPTED), getCashBackDetails and getReverseCashBackDetails (TRANSACTION_NOT_FOUND for the first
 * second — each request is sent at the start of a second so the check cannot straddle one — then the outcome; the
 * simulated clock is moved through the control API), and the merchant's campaign wallet set through the control API.
 */
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { call, expectFailure, expectOk, start, startOfSecond, yen } from "./helpers/officialSdk.js"

describe("official PayPay Node SDK ↔ simulator over TLS: cashback", () => {
  it.scopedLive("give → details (not found, then SUCCESS) → reverse → reversal details", () =>
    Effect.gen(function* () {
      const { control, sdk } = yield* start
      const { userAuthorizationId } = yield* control.createUser({ balance: 0, scopes: ["cashback", "get_balance"] })

      yield* startOfSecond
      const given = yield* call(() =>
        sdk.cashBack({
          merchantCashbackId: "cb-1",
          userAuthorizationId,
          amount: yen(300),
          orderDescription: "welcome points",
          walletType: "PREPAID"
        })
      )
      assert.isNull(expectOk(given, 202, "REQUEST_ACCEPTED"))
      expectFailure(yield* call(() => sdk.getCashBackDetails(["cb-1"])), 404, "TRANSACTION_NOT_FOUND")

      yield* control.advanceClock(2)
      const details = expectOk(yield* call(() => sdk.getCashBackDetails(["cb-1"])))
      assert.strictEqual(details.status, "SUCCESS")
      assert.strictEqual(details.merchantCashbackId, "cb-1")
      assert.strictEqual(details.userAuthorizationId, userAuthorizationId)
      assert.deepStrictEqual(details.amount, yen(300))
      assert.strictEqual(details.walletType, "PREPAID")
      assert.isString(details.cashbackId)
      const check = (amount: number) => call(() => sdk.checkUserWalletBalance([userAuthorizationId, amount, "JPY"]))
      assert.deepStrictEqual(expectOk(yield* check(300)), { hasEnoughBalance: true })

      yield* startOfSecond
      const reversed = yield* call(() =>
        sdk.reverseCashBack({
          merchantCashbackReversalId: "cbr-1",
          merchantCashbackId: "cb-1",
          amount: yen(100),
          reason: "order returned"
        })
      )
      assert.isNull(expectOk(reversed, 202, "REQUEST_ACCEPTED"))
      expectFailure(yield* call(() => sdk.getReverseCashBackDetails(["cbr-1", "cb-1"])), 404, "TRANSACTION_NOT_FOUND")
      yield* control.advanceClock(2)
      const reversal = expectOk(yield* call(() => sdk.getReverseCashBackDetails(["cbr-1", "cb-1"])))
      assert.strictEqual(reversal.status, "SUCCESS")
      assert.strictEqual(reversal.merchantCashbackReversalId, "cbr-1")
      assert.strictEqual(reversal.merchantCashbackId, "cb-1")
      assert.deepStrictEqual(reversal.amount, yen(100))
      assert.deepStrictEqual(expectOk(yield* check(201)), { hasEnoughBalance: false })
    })
  )

  it.scopedLive("a short campaign wallet ends FAILURE; a user without the cashback scope is OP_OUT_OF_SCOPE", () =>
    Effect.gen(function* () {
      const { control, sdk } = yield* start
      yield* control.setCampaignBalance(100)
      const { userAuthorizationId } = yield* control.createUser({ scopes: ["cashback"] })
      const give = (merchantCashbackId: string, uaid: string) =>
        call(() => sdk.cashBack({ merchantCashbackId, userAuthorizationId: uaid, amount: yen(500) }))

      expectOk(yield* give("cb-big", userAuthorizationId), 202, "REQUEST_ACCEPTED")
      yield* control.advanceClock(2)
      assert.strictEqual(expectOk(yield* call(() => sdk.getCashBackDetails(["cb-big"]))).status, "FAILURE")
      assert.strictEqual(yield* control.campaignBalance, 100)

      const outsider = yield* control.createUser({ scopes: ["direct_debit"] })
      expectFailure(yield* give("cb-x", outsider.userAuthorizationId), 401, "OP_OUT_OF_SCOPE", "08100023")
    })
  )
})
