/**
 * Payment routes (reference §B.3), serving the SDK's `Payments` family: native and continuous payments for a
 * linked user, reading and cancelling payments.
 *
 * @since 0.1.0
 */
import { CreateContinuousPaymentRequest, CreatePaymentRequest } from "@paypay-effect/sdk/Payments"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { type ApiFailure, fail, ok } from "../Envelope.js"
import * as Debits from "../Store/Debits.js"
import type { DuplicatePayment } from "../Store/PaymentStore.js"
import { PaymentStore } from "../Store/PaymentStore.js"
import { Transactions } from "../Store/Transactions.js"
import { mapFailures } from "./failures.js"
import * as Route from "./Route.js"
import * as Wire from "./Wire.js"

const decodeCreate = Route.decoder(CreatePaymentRequest)
const decodeContinuous = Route.decoder(CreateContinuousPaymentRequest)

/**
 * `agreeSimilarTransaction=true` in the query bypasses the 5-minute similar-transaction check (§B.3, §C.4).
 *
 * @since 0.1.0
 * @category Utils
 */
export const agreeSimilarTransaction = (context: Route.RouteContext): boolean =>
  context.query.get("agreeSimilarTransaction") === "true"

/**
 * A used `merchantPaymentId` on a direct debit: PayPay checks uniqueness per merchant (§C.4) but documents no code
 * for these calls; INVALID_PARAMS (00200004, "Invalid parameters received") is in the create calls' documented
 * tables (ledger: payments.duplicate-merchant-payment-id).
 *
 * @since 0.1.0
 * @category Errors
 */
export const duplicatePaymentId = (error: DuplicatePayment): Effect.Effect<never, ApiFailure> =>
  fail("INVALID_PARAMS", {
    codeId: "00200004",
    detail: `merchantPaymentId ${error.merchantPaymentId} is already used`,
    rule: "payments.duplicate-merchant-payment-id"
  })

const create = Route.make("POST", "/v2/payments", "Payments.create", (context) =>
  Effect.gen(function* () {
    const input = yield* decodeCreate(context.body)
    const payment = yield* Debits.createNative(context.tenant, input, {
      agreeSimilarTransaction: agreeSimilarTransaction(context)
    }).pipe(Effect.catchTag("DuplicatePayment", duplicatePaymentId), mapFailures("RESOURCE_NOT_FOUND"))
    return ok(Wire.payment(payment, context.tenant.merchantId))
  })
)

const createContinuous = Route.make("POST", "/v1/subscription/payments", "Payments.createContinuous", (context) =>
  Effect.gen(function* () {
    const input = yield* decodeContinuous(context.body)
    const payment = yield* Debits.createContinuous(context.tenant, input).pipe(
      Effect.catchTag("DuplicatePayment", duplicatePaymentId),
      mapFailures("RESOURCE_NOT_FOUND")
    )
    return ok(Wire.payment(payment, context.tenant.merchantId))
  })
)

const get = Route.make("GET", "/v2/payments/:merchantPaymentId", "Payments.get", (context) =>
  Effect.gen(function* () {
    const store = yield* PaymentStore
    const found = yield* store
      .get(context.tenant, context.params.merchantPaymentId!)
      .pipe(mapFailures("RESOURCE_NOT_FOUND"))
    // A QR payment is not visible on this path: real PayPay answers RESOURCE_NOT_FOUND (reference §B.2, §F.1;
    // ledger: code.read-on-payments-path, payments.get-not-found).
    if (Option.isNone(found) || found.value.kind === "code") {
      return yield* fail("RESOURCE_NOT_FOUND", { detail: "QR code payments are read with GET /v2/codes/payments/{id}" })
    }
    return ok(Wire.payment(found.value, context.tenant.merchantId))
  })
)

const cancel = Route.make("DELETE", "/v2/payments/:merchantPaymentId", "Payments.cancel", (context) =>
  Effect.gen(function* () {
    const transactions = yield* Transactions
    yield* transactions
      .cancel(context.tenant, context.params.merchantPaymentId!)
      .pipe(mapFailures("RESOURCE_NOT_FOUND"))
    return ok(null)
  })
)

/**
 * @since 0.1.0
 * @category Routes
 */
export const routes = [create, createContinuous, get, cancel] as const
