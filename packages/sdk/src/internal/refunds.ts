/**
 * The refund calls and their schemas, shared by `Refunds` and `PendingPayments` (both refund through
 * `POST /v2/refunds` and read through `GET /v2/refunds/{merchantRefundId}`, reference §B.6, §B.7). Public through
 * those two modules.
 */
import * as Schema from "effect/Schema"
import { EpochSeconds, Id64, MoneyAmount, Refund, requestedAtOptional, Text255 } from "../PayPaySchema.js"
import { endpoint, postWithRequestedAt } from "./request.js"

/**
 * The wire body of `POST /v2/refunds` (reference §B.6). `paymentId` is PayPay's id, not the merchantPaymentId.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const RefundPaymentRequest = Schema.Struct({
  merchantRefundId: Id64,
  paymentId: Id64,
  amount: MoneyAmount,
  requestedAt: EpochSeconds,
  reason: Schema.optional(Text255)
}).annotations({ identifier: "RefundPaymentRequest" })

/**
 * What `Refunds.create` accepts: the wire body with `requestedAt` defaulting to now.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const RefundPaymentParams = requestedAtOptional(RefundPaymentRequest.fields, "RefundPaymentParams")

/**
 * @since 0.1.0
 * @category Models
 */
export type RefundPaymentParams = typeof RefundPaymentParams.Encoded

/** @internal */
export const Create = endpoint({
  operation: "Refunds.create",
  apiName: "v2_createRefundPayment",
  method: "POST",
  input: RefundPaymentParams,
  request: postWithRequestedAt("/v2/refunds"),
  response: Refund,
  timeout: "30 seconds",
  safety: "write",
  codes: [
    "INVALID_PARAMS",
    "UNACCEPTABLE_OP",
    "CANCELED_USER",
    "RESOURCE_NOT_FOUND",
    "TRANSACTION_FAILED",
    "REFUND_LIMIT_EXCEEDED",
    "REFUND_WINDOW_EXCEED"
  ],
  reconcile: (params) =>
    `query Refunds.get("${params.merchantRefundId}", { paymentId: "${params.paymentId}" }); ` +
    "PayPay never refunds the same merchantRefundId twice"
})

/** @internal */
export const Get = endpoint({
  operation: "Refunds.get",
  apiName: "v2_getRefundDetails",
  method: "GET",
  input: Schema.Struct({ merchantRefundId: Id64, paymentId: Schema.optional(Id64) }),
  request: ({ merchantRefundId, paymentId }) => ({
    path: `/v2/refunds/${encodeURIComponent(merchantRefundId)}`,
    query: { paymentId }
  }),
  response: Refund,
  timeout: "15 seconds",
  safety: "read",
  codes: ["NO_SUCH_REFUND_ORDER", "INVALID_PARAMS"]
})

/** @internal */
export const refundQuery = (merchantRefundId: string, options?: { readonly paymentId?: string | undefined }) =>
  options?.paymentId === undefined ? { merchantRefundId } : { merchantRefundId, paymentId: options.paymentId }
