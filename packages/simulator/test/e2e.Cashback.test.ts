import { assert, describe, it } from "@effect/vitest"
import { Cashback, Payments } from "@paypay-effect/sdk"
import { Effect } from "effect"
import * as Domain from "../src/Domain/Cashback.js"
import * as UserActions from "../src/Store/UserActions.js"
import { advance, balanceOf, failsWith, me, newUser, sdk, simNow, yen } from "./helpers/e2e.js"

const give = (userAuthorizationId: string, amount: number, merchantCashbackId = "cb-1") =>
  Cashback.give({ merchantCashbackId, userAuthorizationId, amount: yen(amount), walletType: "PREPAID" })

const reverse = (amount: number, merchantCashbackReversalId = "rv-1", merchantCashbackId = "cb-1") =>
  Cashback.reverse({ merchantCashbackReversalId, merchantCashbackId, amount: yen(amount), reason: "returned" })

describe("e2e Cashback ↔ simulator", () => {
  it.effect("give → 202; details: TRANSACTION_NOT_FOUND, then ACCEPTED, then SUCCESS; user and campaign move", () =>
    Effect.gen(function* () {
      const user = yield* newUser({ balance: 1000 })
      const id = user.userAuthorizationId
      yield* give(id, 300)
      assert.strictEqual(yield* balanceOf(id), 1300)
      assert.strictEqual(yield* UserActions.campaignBalance(me), Domain.DEFAULT_CAMPAIGN_BALANCE - 300)
      const early = yield* Effect.flip(Cashback.get("cb-1"))
      assert.strictEqual(early._tag, "TransactionNotFound")
      yield* advance(Domain.INVISIBLE_SECONDS)
      assert.strictEqual((yield* Cashback.get("cb-1")).status, "ACCEPTED")
      yield* advance(Domain.SETTLE_SECONDS - Domain.INVISIBLE_SECONDS)
      const details = yield* Cashback.get("cb-1")
      assert.strictEqual(details.status, "SUCCESS")
      assert.strictEqual(details.userAuthorizationId, id)
      assert.deepStrictEqual(details.amount, yen(300))
      assert.strictEqual(details.walletType, "PREPAID")
      assert.strictEqual(details.acceptedAt, (yield* simNow) - Domain.SETTLE_SECONDS)
      assert.match(details.cashbackId ?? "", /^\d{20}$/)
      yield* give(id, 300)
      assert.strictEqual(yield* balanceOf(id), 1300)
    }).pipe(Effect.provide(sdk()))
  )

  it.effect("a short campaign wallet: accepted, then FAILURE, nothing moves", () =>
    Effect.gen(function* () {
      const user = yield* newUser({ balance: 0 })
      yield* UserActions.setCampaignBalance(me, 100)
      yield* give(user.userAuthorizationId, 500)
      yield* advance(Domain.SETTLE_SECONDS)
      assert.strictEqual((yield* Cashback.get("cb-1")).status, "FAILURE")
      assert.strictEqual(yield* balanceOf(user.userAuthorizationId), 0)
      assert.strictEqual(yield* UserActions.campaignBalance(me), 100)
    }).pipe(Effect.provide(sdk()))
  )

  it.effect("reverse → 202; reversal details; more than is left → FAILURE; a replay moves nothing", () =>
    Effect.gen(function* () {
      const user = yield* newUser({ balance: 0 })
      const id = user.userAuthorizationId
      yield* give(id, 1000)
      yield* reverse(400)
      assert.strictEqual(
        yield* failsWith(Cashback.getReversal({ merchantCashbackReversalId: "rv-1", merchantCashbackId: "cb-1" })),
        "TRANSACTION_NOT_FOUND"
      )
      yield* advance(Domain.SETTLE_SECONDS)
      const first = yield* Cashback.getReversal({ merchantCashbackReversalId: "rv-1", merchantCashbackId: "cb-1" })
      assert.strictEqual(first.status, "SUCCESS")
      assert.deepStrictEqual(first.amount, yen(400))
      assert.match(first.cashbackReversalId ?? "", /^\d{20}$/)
      assert.strictEqual(yield* balanceOf(id), 600)
      assert.strictEqual(yield* UserActions.campaignBalance(me), Domain.DEFAULT_CAMPAIGN_BALANCE - 600)
      yield* reverse(700, "rv-2")
      yield* advance(Domain.SETTLE_SECONDS)
      const tooMuch = yield* Cashback.getReversal({ merchantCashbackReversalId: "rv-2", merchantCashbackId: "cb-1" })
      assert.strictEqual(tooMuch.status, "FAILURE")
      yield* reverse(400)
      assert.strictEqual(yield* balanceOf(id), 600)
    }).pipe(Effect.provide(sdk()))
  )

  it.effect("a reversal takes back at most what the user still has; unknown ids → TRANSACTION_NOT_FOUND", () =>
    Effect.gen(function* () {
      const user = yield* newUser({ balance: 0 })
      const id = user.userAuthorizationId
      yield* give(id, 1000)
      yield* Payments.create({ merchantPaymentId: "spend", userAuthorizationId: id, amount: yen(800) })
      yield* reverse(1000, "rv-all")
      yield* advance(Domain.SETTLE_SECONDS)
      const partial = yield* Cashback.getReversal({ merchantCashbackReversalId: "rv-all", merchantCashbackId: "cb-1" })
      assert.strictEqual(partial.status, "SUCCESS")
      assert.deepStrictEqual(partial.amount, yen(200))
      assert.strictEqual(yield* balanceOf(id), 0)
      assert.strictEqual(yield* UserActions.campaignBalance(me), Domain.DEFAULT_CAMPAIGN_BALANCE - 800)
      assert.strictEqual(yield* failsWith(Cashback.get("cb-unknown")), "TRANSACTION_NOT_FOUND")
      const wrongPair = yield* Effect.flip(
        Cashback.getReversal({ merchantCashbackReversalId: "rv-all", merchantCashbackId: "cb-other" })
      )
      assert.strictEqual(wrongPair._tag, "TransactionNotFound")
      yield* reverse(10, "rv-ghost", "cb-unknown")
      yield* advance(Domain.SETTLE_SECONDS)
      const ghost = yield* Cashback.getReversal({
        merchantCashbackReversalId: "rv-ghost",
        merchantCashbackId: "cb-unknown"
      })
      assert.strictEqual(ghost.status, "FAILURE")
      assert.deepStrictEqual(ghost.amount, yen(0))
    }).pipe(Effect.provide(sdk()))
  )

  it.effect("give errors: unknown user, missing cashback scope, inactive user", () =>
    Effect.gen(function* () {
      const unknown = yield* Effect.flip(give("ghost", 10))
      assert.strictEqual(unknown._tag, "InvalidUserAuthorizationId")
      const noScope = yield* newUser({ scopes: ["direct_debit"] })
      assert.strictEqual(yield* failsWith(give(noScope.userAuthorizationId, 10, "cb-2")), "OP_OUT_OF_SCOPE")
      const inactive = yield* newUser({ status: "INACTIVE" })
      assert.strictEqual(yield* failsWith(give(inactive.userAuthorizationId, 10, "cb-3")), "USER_STATE_IS_NOT_ACTIVE")
      assert.strictEqual(yield* UserActions.campaignBalance(me), Domain.DEFAULT_CAMPAIGN_BALANCE)
    }).pipe(Effect.provide(sdk()))
  )

  it.effect("consultExpected answers a deterministic campaign message (1 %)", () =>
    Effect.gen(function* () {
      const user = yield* newUser()
      const expected = yield* Cashback.consultExpected({
        requestId: "req-1",
        merchantPaymentId: "order-1",
        userAuthorizationId: user.userAuthorizationId,
        amount: yen(1299)
      })
      assert.strictEqual(expected.campaignMessage, Domain.expectedCashbackMessage(1299))
      assert.include(expected.campaignMessage, "12円")
      assert.strictEqual(
        yield* failsWith(
          Cashback.consultExpected({
            requestId: "r",
            merchantPaymentId: "o",
            userAuthorizationId: "ghost",
            amount: yen(1)
          })
        ),
        "INVALID_USER_AUTHORIZATION_ID"
      )
    }).pipe(Effect.provide(sdk()))
  )
})
