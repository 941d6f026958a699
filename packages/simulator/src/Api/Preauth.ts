/**
 * Pre-authorization and capture routes (reference §B.5), serving the SDK's `Preauth` family. The rules live in
 * `Domain/Preauth.ts`; the money moves in `Store/Debits.ts` and `Store/Captures.ts`.
 *
 * @since 0.1.0
 */
import { AuthorizePaymentRequest, CapturePaymentRequest, RevertAuthorizationRequest } from "@paypay-effect/sdk/Preauth"
import * as Effect from "effect/Effect"
import type * as Payment from "../Domain/Payment.js"
import { fail, ok, type Reply } from "../Envelope.js"
import * as Captures from "../Store/Captures.js"
import * as Debits from "../Store/Debits.js"
import { mapFailures } from "./failures.js"
import { agreeSimilarTransaction, duplicatePaymentId } from "./Payments.js"
import * as Route from "./Route.js"
import * as Wire from "./Wire.js"

const decodeAuthorize = Route.decoder(AuthorizePaymentRequest)
const decodeCapture = Route.decoder(CapturePaymentRequest)
const decodeRevert = Route.decoder(RevertAuthorizationRequest)

// 200, not 201 (ledger: preauth.status)
const authorize = Route.make("POST", "/v2/payments/preauthorize", "Preauth.authorize", (context) =>
  Effect.gen(function* () {
    const input = yield* decodeAuthorize(context.body)
    const payment = yield* Debits.authorize(context.tenant, input, {
      agreeSimilarTransaction: agreeSimilarTransaction(context)
    }).pipe(Effect.catchTag("DuplicatePayment", duplicatePaymentId), mapFailures("RESOURCE_NOT_FOUND"))
    return ok(Wire.payment(payment, context.tenant.merchantId))
  })
)

/**
 * 202 USER_CONFIRMATION_REQUIRED (codeId 08300103): a capture above the authorized amount waits for the user
 * (§B.5; ledger: preauth.capture). Not a failure: the payment is now `REAUTHORIZING`.
 *
 * @since 0.1.0
 * @category Replies
 */
export const confirmationRequired: Reply = { status: 202, code: "USER_CONFIRMATION_REQUIRED", data: null }

const capture = Route.make("POST", "/v2/payments/capture", "Preauth.capture", (context) =>
  Effect.gen(function* () {
    const input = yield* decodeCapture(context.body)
    const [payment, outcome] = yield* Captures.capture(context.tenant, input).pipe(
      mapFailures("RESOURCE_NOT_FOUND", "00200001")
    )
    if (outcome._tag === "ConfirmationRequired") return confirmationRequired
    return ok(Wire.payment(payment, context.tenant.merchantId))
  })
)

/**
 * The `data` of a revert: `{ status: "CANCELED", acceptedAt, paymentId, requestedAt, reason }` (§B.5).
 *
 * @since 0.1.0
 * @category Wire
 */
export const reverted = (payment: Payment.Payment) => ({
  status: payment.status,
  acceptedAt: payment.revert?.acceptedAt ?? payment.canceledAt ?? 0,
  paymentId: payment.paymentId,
  requestedAt: payment.revert?.requestedAt ?? payment.requestedAt,
  reason: payment.revert?.reason
})

const revert = Route.make("POST", "/v2/payments/preauthorize/revert", "Preauth.revert", (context) =>
  Effect.gen(function* () {
    const input = yield* decodeRevert(context.body)
    const payment = yield* Captures.revert(context.tenant, input).pipe(
      Effect.catchTag("PaymentNotFound", () =>
        fail("RESOURCE_NOT_FOUND", { detail: `paymentId ${input.paymentId}`, rule: "preauth.revert-replay" })
      ),
      mapFailures("RESOURCE_NOT_FOUND", "00200001")
    )
    return ok(reverted(payment))
  })
)

/**
 * @since 0.1.0
 * @category Routes
 */
export const routes = [authorize, capture, revert] as const
