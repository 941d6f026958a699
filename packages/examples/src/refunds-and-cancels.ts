/**
 * Giving money back: a cancel on the same day (inside PayPay's window, until 00:14:59 JST the next day), and a
 * refund once the window has closed — `Flows.reversePayment` picks the right one.
 */
import { Codes, Flows } from "@paypay-effect/sdk"
import { Effect } from "effect"
import { step, uniqueId } from "./Runtime.js"
import { Shopper } from "./Shopper.js"

const paidOrder = Effect.gen(function* () {
  const shopper = yield* Shopper
  const orderId = yield* uniqueId("order")
  yield* Codes.create({ merchantPaymentId: orderId, amount: { amount: 3000, currency: "JPY" } })
  yield* shopper.pay(orderId)
  return yield* Flows.awaitSettled(orderId)
})

export const program = Effect.gen(function* () {
  const shopper = yield* Shopper
  const first = yield* paidOrder
  yield* step("1. order paid", `${first.merchantPaymentId}  status ${first.status}`)
  const sameDay = yield* Flows.reversePayment(first.merchantPaymentId, {
    merchantRefundId: `${first.merchantPaymentId}-r`
  })
  const canceled = yield* Codes.getPayment(first.merchantPaymentId)
  yield* step("2. reversed the same day", `${sameDay._tag}  status ${canceled.status}`)

  const second = yield* paidOrder
  yield* step("3. another order paid", `${second.merchantPaymentId}  status ${second.status}`)
  yield* shopper.advanceClock(2 * 24 * 60 * 60)
  yield* step("4. two days later", "the cancel window has closed")
  const later = yield* Flows.reversePayment(second.merchantPaymentId, {
    merchantRefundId: `${second.merchantPaymentId}-r`,
    reason: "returned"
  })
  if (later._tag === "Refunded") {
    yield* step("5. reversed by refund", `${later.refund.amount.amount} JPY  status ${later.refund.status}`)
  }
})
