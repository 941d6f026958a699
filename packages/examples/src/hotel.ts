/**
 * Pre-authorization and capture at a hotel: block the room rate at check-in, capture the final bill at
 * check-out — less than blocked (the rest is released), or more (the guest must confirm) — or release a
 * cancelled booking.
 */
import { Payments, Preauth } from "@paypay-effect/sdk"
import { Effect } from "effect"
import { step, uniqueId } from "./Runtime.js"
import { Shopper } from "./Shopper.js"

const yen = (amount: number) => ({ amount, currency: "JPY" as const })

export const program = Effect.gen(function* () {
  const shopper = yield* Shopper
  const guest = yield* shopper.newUser(100_000)

  const stay = yield* uniqueId("stay")
  const held = yield* Preauth.authorize({ merchantPaymentId: stay, userAuthorizationId: guest, amount: yen(20_000) })
  yield* step("1. check-in: amount blocked", `${stay}  20000 JPY  status ${held.status}`)
  const bill = yield* Preauth.capture({
    merchantPaymentId: stay,
    merchantCaptureId: `${stay}-checkout`,
    amount: yen(18_400),
    orderDescription: "2 nights"
  })
  if (bill._tag === "Captured") yield* step("2. check-out: captured", `18400 JPY  status ${bill.payment.status}`)

  const suite = yield* uniqueId("stay")
  yield* Preauth.authorize({ merchantPaymentId: suite, userAuthorizationId: guest, amount: yen(30_000) })
  const higher = yield* Preauth.capture({
    merchantPaymentId: suite,
    merchantCaptureId: `${suite}-checkout`,
    amount: yen(34_000),
    orderDescription: "suite + minibar"
  })
  yield* step("3. bill above the block", higher._tag)
  yield* shopper.pay(suite)
  const confirmed = yield* Payments.get(suite)
  yield* step("4. guest confirmed", `34000 JPY  status ${confirmed.status}`)

  const cancelled = yield* uniqueId("stay")
  const block = yield* Preauth.authorize({
    merchantPaymentId: cancelled,
    userAuthorizationId: guest,
    amount: yen(12_000)
  })
  const reverted = yield* Preauth.revert({
    merchantRevertId: `${cancelled}-revert`,
    paymentId: block.paymentId,
    reason: "booking cancelled"
  })
  yield* step("5. booking cancelled", `block released  status ${reverted.status}`)
})
