/**
 * Refunds of completed payments, by PayPay `paymentId` (reference §B.6). Up to 20 refunds per payment, their
 * total at most the amount paid, within 365 days (§C.3). A refund is `CREATED` and later `REFUNDED`; both mean
 * success.
 *
 * @since 0.1.0
 */
import type * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { endpoint, execute, postWithRequestedAt } from "./internal/request.js"
import type { PayPayClient } from "./PayPayClient.js"
import type { EndpointError } from "./PayPayError.js"
import { EpochSeconds, Id64, MoneyAmount, Refund, requestedAtOptional, Text255 } from "./PayPaySchema.js"

// ====== Schemas ======

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
 * What {@link create} accepts: the wire body with `requestedAt` defaulting to now.
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

// ====== Endpoints ======

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

/**
 * Refund a payment, fully or partly (`POST /v2/refunds`). Timeout 30 s.
 *
 * Result codes: INVALID_PARAMS, UNACCEPTABLE_OP, CANCELED_USER, RESOURCE_NOT_FOUND, TRANSACTION_FAILED,
 * REFUND_LIMIT_EXCEEDED, REFUND_WINDOW_EXCEED and the common codes.
 *
 * @see https://www.paypay.ne.jp/opa/doc/v1.0/dynamicqrcode#operation/refundPayment
 * @since 0.1.0
 * @category Endpoints
 */
export const create = (
  params: RefundPaymentParams
): Effect.Effect<Refund, EndpointError<(typeof Create.codes)[number]>, PayPayClient> => execute(Create, params)

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

/**
 * Get a refund (`GET /v2/refunds/{merchantRefundId}[?paymentId=]`). Since 2025 PayPay requires `paymentId` for
 * new merchants and asks existing ones to send it (reference §B.6); pass it whenever you have it. Timeout 15 s.
 *
 * Result codes: NO_SUCH_REFUND_ORDER, INVALID_PARAMS and the common codes.
 *
 * @see https://www.paypay.ne.jp/opa/doc/v1.0/dynamicqrcode#operation/getRefundDetails
 * @since 0.1.0
 * @category Endpoints
 */
export const get = (
  merchantRefundId: string,
  options?: { readonly paymentId?: string | undefined }
): Effect.Effect<Refund, EndpointError<(typeof Get.codes)[number]>, PayPayClient> =>
  execute(Get, refundQuery(merchantRefundId, options))

/** @internal */
export const refundQuery = (merchantRefundId: string, options?: { readonly paymentId?: string | undefined }) =>
  options?.paymentId === undefined ? { merchantRefundId } : { merchantRefundId, paymentId: options.paymentId }
