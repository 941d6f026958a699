/**
 * Handling errors: every PayPay result code is its own tagged error, so each case is one `catchTag`. The failures
 * are triggered in-band with the simulator's magic values (docs/magic-values.md), which need no control API.
 */
import { Codes, Flows, PayPayError, Refunds } from "@paypay-effect/sdk"
import { Effect } from "effect"
import { step, uniqueId } from "./Runtime.js"
import { Shopper } from "./Shopper.js"

const yen = (amount: number) => ({ amount, currency: "JPY" as const })

export const program = Effect.gen(function* () {
  const shopper = yield* Shopper
  const orderId = yield* uniqueId("order")
  yield* Codes.create({ merchantPaymentId: orderId, amount: yen(500) })

  const duplicate = yield* Codes.create({ merchantPaymentId: orderId, amount: yen(500) }).pipe(
    Effect.as("created twice?!"),
    Effect.catchTag("DuplicateDynamicQrRequest", (e) => Effect.succeed(`${e.code} (${e.codeId}): reuse the first code`))
  )
  yield* step("1. same merchantPaymentId", duplicate)

  const preauth = yield* Codes.create({
    merchantPaymentId: `SIMERR_PRE_AUTH_CAPTURE_UNSUPPORTED_MERCHANT_${orderId}`,
    amount: yen(500),
    isAuthorization: true
  }).pipe(
    Effect.as("authorized?!"),
    Effect.catchTag("PreAuthCaptureUnsupportedMerchant", (e) => Effect.succeed(`${e.code}: use a normal payment`))
  )
  yield* step("2. pre-auth not in contract", preauth)

  const unknown = yield* Flows.createCodeSafely({
    merchantPaymentId: `SIMERR_COMMIT_THEN_FAIL_${orderId}`,
    amount: yen(500)
  })
  yield* step("3. 500 after the commit", `outcome unknown → queried and ${unknown._tag}`)

  yield* shopper.pay(orderId)
  const paid = yield* Flows.awaitSettled(orderId)
  const tooMuch = yield* Refunds.create({
    merchantRefundId: `${orderId}-r`,
    paymentId: paid.paymentId,
    amount: yen(900)
  }).pipe(
    Effect.as("refunded?!"),
    Effect.catchTag("InvalidParams", (e) => Effect.succeed(`${e.code} (${e.codeId}): more than was paid`))
  )
  yield* step("4. refund above the amount", tooMuch)

  const anyOther = yield* Codes.getPayment("no-such-order").pipe(
    Effect.as("found?!"),
    Effect.catchAll((e) =>
      Effect.succeed(e instanceof PayPayError.PayPayApiError ? `${e._tag}: ${e.resultMessage}` : e._tag)
    )
  )
  yield* step("5. any other code", anyOther)
})
