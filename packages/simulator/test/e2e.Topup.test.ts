import { assert, describe, it } from "@effect/vitest"
import { Cashback, Topup } from "@paypay-effect/sdk"
import { Effect } from "effect"
import * as UserActions from "../src/Store/UserActions.js"
import { advance, assertSecondsAfter, balanceOf, failsWith, me, newUser, sdk, simNow, yen } from "./helpers/e2e.js"

describe("e2e Topup ↔ simulator", () => {
  it.effect("create a top-up QR, the user tops up through it, read it; a used code cannot be deleted", () =>
    Effect.gen(function* () {
      const user = yield* newUser({ balance: 100 })
      const since = yield* simNow
      const code = yield* Topup.createQrCode({ merchantTopUpId: "top-1", minimumTopUpAmount: yen(1000) })
      assert.match(code.codeId, /^04-/)
      assert.strictEqual(code.url, `http://simulator.local/topup/${code.codeId}`)
      assert.strictEqual(code.codeType, "TOPUP_QR")
      yield* assertSecondsAfter(code.expiryDate, since, 300)
      assert.strictEqual((yield* Topup.get("top-1")).status, "CREATED")
      const low = yield* Effect.flip(
        UserActions.topUp(code.codeId, { userAuthorizationId: user.userAuthorizationId, amount: 999 })
      )
      assert.strictEqual(low._tag, "TopupBelowMinimum")
      const { topup } = yield* UserActions.topUp(code.codeId, {
        userAuthorizationId: user.userAuthorizationId,
        amount: 5000
      })
      assert.strictEqual(topup.status, "COMPLETED")
      assert.strictEqual(yield* balanceOf(user.userAuthorizationId), 5100)
      const details = yield* Topup.get("top-1")
      assert.strictEqual(details.status, "COMPLETED")
      assert.strictEqual(details.userAuthorizationId, user.userAuthorizationId)
      assert.strictEqual(details.acceptedAt, yield* simNow)
      assert.match(details.topUpId ?? "", /^\d{20}$/)
      assert.strictEqual(yield* failsWith(Topup.remove(code.codeId)), "DYNAMIC_QR_ALREADY_PAID")
      const twice = yield* Effect.flip(
        UserActions.topUp(code.codeId, { userAuthorizationId: user.userAuthorizationId, amount: 5000 })
      )
      assert.strictEqual(twice._tag, "AlreadyPaid")
    }).pipe(Effect.provide(sdk()))
  )

  it.effect("delete an unused code; deleted or expired codes refuse top-ups; documented-ish errors", () =>
    Effect.gen(function* () {
      const user = yield* newUser()
      const id = user.userAuthorizationId
      const code = yield* Topup.createQrCode({ merchantTopUpId: "top-1" })
      yield* Topup.remove(code.codeId)
      assert.strictEqual(yield* failsWith(Topup.remove(code.codeId)), "DYNAMIC_QR_NOT_FOUND")
      const deleted = yield* Effect.flip(UserActions.topUp(code.codeId, { userAuthorizationId: id, amount: 10 }))
      assert.strictEqual(deleted._tag, "CodeDeleted")
      assert.strictEqual(
        yield* failsWith(Topup.createQrCode({ merchantTopUpId: "top-1" })),
        "DUPLICATE_DYNAMIC_QR_REQUEST"
      )
      assert.strictEqual(yield* failsWith(Topup.get("top-unknown")), "RESOURCE_NOT_FOUND")
      assert.strictEqual(yield* failsWith(Topup.remove("04-unknown")), "DYNAMIC_QR_NOT_FOUND")
      const mine = yield* Topup.createQrCode({ merchantTopUpId: "top-2", userAuthorizationId: "someone-else" })
      const wrong = yield* Effect.flip(UserActions.topUp(mine.codeId, { userAuthorizationId: id, amount: 10 }))
      assert.strictEqual(wrong._tag, "WrongUser")
      const later = yield* Topup.createQrCode({ merchantTopUpId: "top-3" })
      yield* advance(300)
      const expired = yield* Effect.flip(UserActions.topUp(later.codeId, { userAuthorizationId: id, amount: 10 }))
      assert.strictEqual(expired._tag, "CodeExpired")
      assert.strictEqual((yield* Topup.get("top-3")).status, "CREATED")
      const unknownUser = yield* Effect.flip(
        UserActions.topUp((yield* Topup.createQrCode({ merchantTopUpId: "top-4" })).codeId, {
          userAuthorizationId: "ghost",
          amount: 10
        })
      )
      assert.strictEqual(unknownUser._tag, "UnknownUser")
    }).pipe(Effect.provide(sdk()))
  )

  it.effect("UserActions.reset clears the tenant's top-ups, cashbacks and campaign wallet too", () =>
    Effect.gen(function* () {
      const user = yield* newUser()
      yield* Topup.createQrCode({ merchantTopUpId: "top-1" })
      yield* UserActions.setCampaignBalance(me, 5000)
      yield* Cashback.give({
        merchantCashbackId: "cb-1",
        userAuthorizationId: user.userAuthorizationId,
        amount: yen(1)
      })
      yield* UserActions.reset(me)
      assert.strictEqual(yield* failsWith(Topup.get("top-1")), "RESOURCE_NOT_FOUND")
      yield* advance(5)
      assert.strictEqual(yield* failsWith(Cashback.get("cb-1")), "TRANSACTION_NOT_FOUND")
      assert.strictEqual(yield* UserActions.campaignBalance(me), 1_000_000)
      yield* Topup.createQrCode({ merchantTopUpId: "top-1" })
    }).pipe(Effect.provide(sdk()))
  )
})
