/**
 * One API key, several shops: every call carries `X-ASSUME-MERCHANT`, chosen per effect with
 * `PayPayClient.withMerchant`, and each shop's data is its own.
 */
import { Codes, Flows, PayPayClient } from "@paypay-effect/sdk"
import { Effect } from "effect"
import { step, uniqueId } from "./Runtime.js"
import { Shopper } from "./Shopper.js"

const sell = (merchantId: string, orderId: string, amount: number) =>
  Effect.gen(function* () {
    const shopper = yield* Shopper
    yield* Codes.create({ merchantPaymentId: orderId, amount: { amount, currency: "JPY" } })
    yield* shopper.pay(orderId, { merchantId })
    return yield* Flows.awaitSettled(orderId)
  }).pipe(PayPayClient.withMerchant(merchantId))

export const program = Effect.gen(function* () {
  const orderId = yield* uniqueId("order")
  const [tokyo, osaka] = yield* Effect.all([sell("shop-tokyo", orderId, 800), sell("shop-osaka", orderId, 1200)], {
    concurrency: 2
  })
  yield* step("1. shop-tokyo sold", `${orderId}  ${tokyo.amount.amount} JPY  status ${tokyo.status}`)
  yield* step("2. shop-osaka sold", `${orderId}  ${osaka.amount.amount} JPY  status ${osaka.status}`)
  const other = yield* Codes.getPayment(orderId).pipe(
    PayPayClient.withMerchant("shop-nagoya"),
    Effect.as("visible?!"),
    Effect.catchTag("DynamicQrPaymentNotFound", () => Effect.succeed("not visible to shop-nagoya"))
  )
  yield* step("3. isolation", other)
})
