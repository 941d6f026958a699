/**
 * QR checkout for a web shop: create a code, show its URL, the shopper pays, poll until COMPLETED, refund.
 */
import { Codes, Flows, Refunds } from "@paypay-effect/sdk"
import { Effect } from "effect"
import { Shopper } from "./Shopper.js"
import { step, uniqueId } from "./Runtime.js"

export const program = Effect.gen(function* () {
  const shopper = yield* Shopper
  const orderId = yield* uniqueId("order")
  const code = yield* Codes.create({
    merchantPaymentId: orderId,
    amount: { amount: 1480, currency: "JPY" },
    orderDescription: "Matcha latte x2",
    orderItems: [{ name: "Matcha latte", quantity: 2, unitPrice: { amount: 740, currency: "JPY" } }],
    redirectUrl: "https://shop.example/thanks",
    redirectType: "WEB_LINK"
  })
  yield* step("1. QR code created", `${code.codeId}  status CREATED`)
  yield* step("2. show the shopper", code.url)
  yield* shopper.pay(orderId)
  yield* step("3. shopper pays", "in the PayPay app")
  const paid = yield* Flows.awaitSettled(orderId)
  yield* step("4. payment settled", `${paid.paymentId}  status ${paid.status}`)
  const refund = yield* Refunds.create({
    merchantRefundId: `${orderId}-refund`,
    paymentId: paid.paymentId,
    amount: { amount: 740, currency: "JPY" },
    reason: "one latte was out of stock"
  })
  yield* step("5. partial refund", `${refund.merchantRefundId}  ${refund.amount.amount} JPY  status ${refund.status}`)
  yield* shopper.advanceClock(10)
  const settled = yield* Refunds.get(refund.merchantRefundId, { paymentId: paid.paymentId })
  yield* step("6. refund settled", `status ${settled.status}`)
})
