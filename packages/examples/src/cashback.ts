/**
 * A cashback campaign: give points from the merchant's campaign wallet (PayPay answers 202 and settles later),
 * read the result, and take part of it back.
 */
import { Cashback } from "@paypay-effect/sdk"
import { Effect, Schedule } from "effect"
import { step, uniqueId } from "./Runtime.js"
import { Shopper } from "./Shopper.js"

const settled = (merchantCashbackId: string, shopper: Shopper["Type"]) =>
  Effect.zipRight(shopper.advanceClock(3), Cashback.get(merchantCashbackId)).pipe(
    Effect.retry({ schedule: Schedule.spaced("200 millis"), times: 20 })
  )

export const program = Effect.gen(function* () {
  const shopper = yield* Shopper
  const user = yield* shopper.newUser(0)
  const campaign = yield* uniqueId("spring")
  yield* Cashback.give({
    merchantCashbackId: campaign,
    userAuthorizationId: user,
    amount: { amount: 300, currency: "JPY" },
    orderDescription: "Spring campaign",
    walletType: "PREPAID"
  })
  yield* step("1. cashback requested", `${campaign}  300 JPY  (202 REQUEST_ACCEPTED)`)
  const given = yield* settled(campaign, shopper)
  yield* step("2. cashback settled", `status ${given.status}`)
  yield* Cashback.reverse({
    merchantCashbackReversalId: `${campaign}-rev`,
    merchantCashbackId: campaign,
    amount: { amount: 100, currency: "JPY" },
    reason: "order partly returned"
  })
  yield* shopper.advanceClock(3)
  const reversal = yield* Cashback.getReversal({
    merchantCashbackReversalId: `${campaign}-rev`,
    merchantCashbackId: campaign
  }).pipe(Effect.retry({ schedule: Schedule.spaced("200 millis"), times: 20 }))
  yield* step("3. part reversed", `${reversal.amount.amount} JPY  status ${reversal.status}`)
})
