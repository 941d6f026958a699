/**
 * Payments: read and cancel a payment by `merchantPaymentId` (native / direct-debit payments; reference §B.3).
 * PayPay docs: https://www.paypay.ne.jp/opa/doc/v1.0/direct_debit
 *
 * @since 0.1.0
 */
import type * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { endpoint, execute } from "./internal/request.js"
import type { PayPayClient } from "./PayPayClient.js"
import type { EndpointError } from "./PayPayError.js"
import { Id64, Payment } from "./PayPaySchema.js"

const MerchantPaymentIdInput = Schema.Struct({ merchantPaymentId: Id64 })
const path = (merchantPaymentId: string) => `/v2/payments/${encodeURIComponent(merchantPaymentId)}`

const Get = endpoint({
  operation: "Payments.get",
  apiName: "v2_getPaymentDetail",
  method: "GET",
  input: MerchantPaymentIdInput,
  request: ({ merchantPaymentId }) => ({ path: path(merchantPaymentId) }),
  response: Payment,
  timeout: "15 seconds",
  safety: "read",
  codes: ["RESOURCE_NOT_FOUND", "DYNAMIC_QR_PAYMENT_NOT_FOUND", "DYNAMIC_QR_BAD_REQUEST"]
})

/**
 * Get a payment's details (`GET /v2/payments/{merchantPaymentId}`). For a payment made with a QR code use
 * `Codes.getPayment`: this path answers RESOURCE_NOT_FOUND for those (reference §F.1). Timeout 15 s.
 *
 * Result codes: RESOURCE_NOT_FOUND, DYNAMIC_QR_PAYMENT_NOT_FOUND, DYNAMIC_QR_BAD_REQUEST and the common codes.
 *
 * @see https://www.paypay.ne.jp/opa/doc/v1.0/direct_debit#operation/getPaymentDetails
 * @since 0.1.0
 * @category Endpoints
 */
export const get = (
  merchantPaymentId: string
): Effect.Effect<Payment, EndpointError<(typeof Get.codes)[number]>, PayPayClient> =>
  execute(Get, { merchantPaymentId })

const Cancel = endpoint({
  operation: "Payments.cancel",
  apiName: "v2_cancelPayment",
  method: "DELETE",
  input: MerchantPaymentIdInput,
  request: ({ merchantPaymentId }) => ({ path: path(merchantPaymentId) }),
  response: undefined,
  timeout: "15 seconds",
  safety: "idempotent",
  codes: ["ORDER_NOT_REVERSIBLE", "RESOURCE_NOT_FOUND"]
})

/**
 * Cancel a payment (`DELETE /v2/payments/{merchantPaymentId}`): allowed until 00:14:59 JST the day after the
 * payment, after which PayPay answers ORDER_NOT_REVERSIBLE and a refund is needed. Cancelling a payment whose
 * status is unknown is PayPay's documented way out of an unknown outcome (reference §B.3, §C.2). Timeout 15 s.
 *
 * Result codes: ORDER_NOT_REVERSIBLE, RESOURCE_NOT_FOUND and the common codes.
 *
 * @see https://www.paypay.ne.jp/opa/doc/v1.0/direct_debit#operation/cancelPayment
 * @since 0.1.0
 * @category Endpoints
 */
export const cancel = (
  merchantPaymentId: string
): Effect.Effect<void, EndpointError<(typeof Cancel.codes)[number]>, PayPayClient> =>
  execute(Cancel, { merchantPaymentId })
