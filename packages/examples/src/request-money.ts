/**
 * A pending payment ("request money"): the merchant sends a payment request to a linked user's app; the user
 * accepts it later, and the merchant waits for it (or cancels it, or refunds it afterwards).
 */
import { Flows, PendingPayments } from "@paypay-effect/sdk"
import { Effect } from "effect"
import { step, uniqueId } from "./Runtime.js"
import { Shopper } from "./Shopper.js"

export const program = Effect.gen(function* () {
  const shopper = yield* Shopper
  const user = yield* shopper.newUser(20_000)
  const invoice = yield* uniqueId("invoice")
  const request = yield* PendingPayments.create({
    merchantPaymentId: invoice,
    userAuthorizationId: user,
    amount: { amount: 4200, currency: "JPY" },
    orderDescription: "Dinner for two, table 7"
  })
  yield* step("1. request sent", `${request.merchantPaymentId}  4200 JPY`)
  yield* shopper.pay(invoice)
  yield* step("2. user accepts", "in the PayPay app")
  const paid = yield* Flows.awaitSettled(invoice, { source: "pending" })
  yield* step("3. request settled", `status ${paid.status}`)
  const refund = yield* PendingPayments.refund({
    merchantRefundId: `${invoice}-tip`,
    paymentId: paid.paymentId,
    amount: { amount: 200, currency: "JPY" },
    reason: "service charge waived"
  })
  yield* step("4. partial refund", `${refund.amount.amount} JPY  status ${refund.status}`)

  const unpaid = yield* uniqueId("invoice")
  yield* PendingPayments.create({
    merchantPaymentId: unpaid,
    userAuthorizationId: user,
    amount: { amount: 990, currency: "JPY" }
  })
  yield* PendingPayments.cancel(unpaid)
  const canceled = yield* PendingPayments.get(unpaid)
  yield* step("5. unpaid request cancelled", `status ${canceled.status}`)
})
