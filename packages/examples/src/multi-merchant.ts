/**
 * One API key, several shops: every call carries `X-ASSUME-MERCHANT`, chosen per effect with
 * `PayPayClient.withMerchant`, and each shop's data is its own. PayPay accepts only the merchants registered for
 * the API key (others: 401 UNAUTHORIZED); a simulator learns them from `--merchant-id` or its control API.
 */
import { Codes, Flows, PayPayClient } from "@paypay-effect/sdk"
import { Effect, Option } from "effect"
import { step, uniqueId } from "./Runtime.js"
import { Shopper } from "./Shopper.js"

const sell = (merchantId: string, orderId: string, amount: number) =>
  Effect.gen(function* () {
    const shopper = yield* Shopper
    yield* Codes.create({ merchantPaymentId: orderId, amount: { amount, currency: "JPY" } })
    yield* shopper.pay(orderId, { merchantId })
    return yield* Flows.awaitSettled(orderId)
  }).pipe(PayPayClient.withMerchant(merchantId))

const shops = ["shop-tokyo", "shop-osaka", "shop-nagoya"]

const register = Effect.flatMap(Shopper, (shopper) =>
  Option.match(shopper.control, {
    onNone: () => Effect.void,
    onSome: (control) =>
      Effect.forEach(shops, (merchantId) => control.addMerchant({ merchantId }), { discard: true }).pipe(Effect.orDie)
  })
)

export const program = Effect.gen(function* () {
  yield* register
  yield* step("0. shops registered", shops.join(", "))
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
