/**
 * Refunds of completed payments, by PayPay `paymentId` (reference §B.6). Up to 20 refunds per payment, their
 * total at most the amount paid, within 365 days (§C.3). A refund is `CREATED` and later `REFUNDED`; both mean
 * success.
 *
 * @since 0.1.0
 */
import type * as Effect from "effect/Effect"
import { Create, Get, type RefundPaymentParams, refundQuery } from "./internal/refunds.js"
import { execute } from "./internal/request.js"
import type { PayPayClient } from "./PayPayClient.js"
import type { EndpointError } from "./PayPayError.js"
import type { Refund } from "./PayPaySchema.js"

// ====== Schemas ======

export { RefundPaymentParams, RefundPaymentRequest } from "./internal/refunds.js"

// ====== Endpoints ======

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
