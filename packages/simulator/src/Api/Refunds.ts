/**
 * Refund routes (reference §B.6), serving the SDK's `Refunds` family.
 *
 * - A `paymentId` that is really a merchantPaymentId answers 500 INTERNAL_SERVER_ERROR, as PayPay does (FAQ
 *   5953150296463; ledger: refund.merchant-payment-id); an unknown one 404 RESOURCE_NOT_FOUND.
 * - The same `merchantRefundId` again returns the first refund; with a different amount or reason the request
 *   journal records a warning (ledger: refund.id-reuse).
 * - Refund details need `?paymentId=` unless the merchant was onboarded before PayPay's 2025 change
 *   (paypayopa-sdk-php#394; ledger: refund.details-payment-id).
 *
 * @since 0.1.0
 */
import { RefundPaymentRequest } from "@paypay-effect/sdk/Refunds"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import type * as Payment from "../Domain/Payment.js"
import { fail, ok, withWarning } from "../Envelope.js"
import { Merchants } from "../Store/Merchants.js"
import type { Tenant } from "../Store/Database.js"
import { PaymentStore } from "../Store/PaymentStore.js"
import { Transactions } from "../Store/Transactions.js"
import { mapFailures } from "./failures.js"
import * as Route from "./Route.js"
import * as Wire from "./Wire.js"

const decodeCreate = Route.decoder(RefundPaymentRequest)

/** What differs between a repeated refund request and the refund recorded under its id (ledger: refund.id-reuse). */
const refundDifference = (
  refund: Payment.Refund,
  input: { readonly amount: Payment.MoneyAmount; readonly reason?: string | undefined }
): string | undefined => {
  if (refund.amount.amount !== input.amount.amount) {
    return `amount ${input.amount.amount} (recorded: ${refund.amount.amount})`
  }
  if ((refund.reason ?? "") !== (input.reason ?? "")) return "reason"
  return undefined
}

/** A `paymentId` that is no PayPay paymentId of the tenant: 500 when it is one of its merchantPaymentIds, else 404. */
const unknownPaymentId = (tenant: Tenant, paymentId: string) =>
  Effect.gen(function* () {
    const store = yield* PaymentStore
    const asMerchantId = yield* store.get(tenant, paymentId).pipe(Effect.orElseSucceed(() => Option.none()))
    if (Option.isNone(asMerchantId)) {
      return yield* fail("RESOURCE_NOT_FOUND", { codeId: "00200001", detail: `paymentId ${paymentId}` })
    }
    return yield* fail("INTERNAL_SERVER_ERROR", {
      codeId: "08101000",
      detail:
        `paymentId ${paymentId} is a merchantPaymentId; PayPay fails such refunds with INTERNAL_SERVER_ERROR ` +
        `(FAQ 5953150296463): send the payment's paymentId (${asMerchantId.value.paymentId})`,
      rule: "refund.merchant-payment-id"
    })
  })

const create = Route.make("POST", "/v2/refunds", "Refunds.create", (context) =>
  Effect.gen(function* () {
    const input = yield* decodeCreate(context.body)
    const transactions = yield* Transactions
    const [, outcome] = yield* transactions.refund(context.tenant, input).pipe(
      Effect.catchTag("DuplicateRefund", () =>
        fail("INVALID_PARAMS", {
          detail: `merchantRefundId ${input.merchantRefundId} belongs to another payment`,
          rule: "refund.id-reuse"
        })
      ),
      Effect.catchIf(
        (error) => error._tag === "PaymentNotFound" && error.lookup === "paymentId",
        () => unknownPaymentId(context.tenant, input.paymentId)
      ),
      mapFailures("RESOURCE_NOT_FOUND", "00200001")
    )
    const reply = ok(Wire.refund(outcome.refund, context.tenant.merchantId))
    const difference = outcome.replayed ? refundDifference(outcome.refund, input) : undefined
    return difference === undefined
      ? reply
      : withWarning(
          reply,
          `merchantRefundId ${input.merchantRefundId} reused with a different ${difference}: answered with the first refund`,
          "refund.id-reuse"
        )
  })
)

const get = Route.make("GET", "/v2/refunds/:merchantRefundId", "Refunds.get", (context) =>
  Effect.gen(function* () {
    const paymentId = context.query.get("paymentId")
    const merchant = (yield* Merchants).settings(context.tenant)
    if ((paymentId === null || paymentId === "") && merchant.onboardedBefore2025 !== true) {
      return yield* fail("MISSING_REQUEST_PARAMS", {
        detail:
          "paymentId: query parameter is required for merchants onboarded since PayPay's 2025 change " +
          "(paypayopa-sdk-php#394); register the merchant with onboardedBefore2025 for the earlier behaviour",
        rule: "refund.details-payment-id-code"
      })
    }
    const store = yield* PaymentStore
    const found = yield* store
      .findRefund(context.tenant, context.params.merchantRefundId!)
      .pipe(mapFailures("NO_SUCH_REFUND_ORDER"))
    if (
      Option.isNone(found) ||
      (paymentId !== null && paymentId !== "" && found.value.refund.paymentId !== paymentId)
    ) {
      return yield* fail("NO_SUCH_REFUND_ORDER", { rule: "refund.details-not-found" })
    }
    return ok(Wire.refund(found.value.refund, context.tenant.merchantId))
  })
)

/**
 * @since 0.1.0
 * @category Routes
 */
export const routes = [create, get] as const
