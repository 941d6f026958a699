/**
 * Payments: create a direct-debit payment for an authorized user (native payment), create a continuous
 * (subscription) payment, read and cancel a payment by `merchantPaymentId` (reference §B.3).
 * PayPay docs: https://www.paypay.ne.jp/opa/doc/v1.0/direct_debit
 *
 * @since 0.1.0
 */
import type * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { agreeable, agreeableInput, endpoint, execute, postAgreeable, postWithRequestedAt } from "./internal/request.js"
import type { PayPayClient } from "./PayPayClient.js"
import type { EndpointError } from "./PayPayError.js"
import {
  EpochSeconds,
  Id64,
  Metadata,
  MoneyAmount,
  OrderItem,
  Payment,
  requestedAtOptional,
  Text255
} from "./PayPaySchema.js"

// ====== Schemas ======

/**
 * Product type of a payment or balance check: `VIRTUAL_BONUS_INVESTMENT` and `PAY_LATER_REPAYMENT` (JAVA, PHP),
 * `REAL_INVESTMENT` (GO-M only) (reference §B.3, §B.8).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const ProductType = Schema.Literal("VIRTUAL_BONUS_INVESTMENT", "PAY_LATER_REPAYMENT", "REAL_INVESTMENT")

/**
 * @since 0.1.0
 * @category Models
 */
export type ProductType = typeof ProductType.Type

/**
 * The wire body of `POST /v2/payments` (reference §B.3).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const CreatePaymentRequest = Schema.Struct({
  merchantPaymentId: Id64,
  userAuthorizationId: Id64,
  amount: MoneyAmount,
  requestedAt: EpochSeconds,
  storeId: Schema.optional(Text255),
  terminalId: Schema.optional(Text255),
  orderReceiptNumber: Schema.optional(Text255),
  orderDescription: Schema.optional(Text255),
  orderItems: Schema.optional(Schema.Array(OrderItem)),
  metadata: Schema.optional(Metadata),
  expiresAt: Schema.optional(EpochSeconds),
  amountDescription: Schema.optional(Schema.String),
  productType: Schema.optional(ProductType),
  paymentMethodType: Schema.optional(Schema.String),
  paymentMethodId: Schema.optional(Schema.String)
}).annotations({ identifier: "CreatePaymentRequest" })

/**
 * What {@link create} accepts: the wire body with `requestedAt` defaulting to now.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const CreatePaymentParams = requestedAtOptional(CreatePaymentRequest.fields, "CreatePaymentParams")

/**
 * @since 0.1.0
 * @category Models
 */
export type CreatePaymentParams = typeof CreatePaymentParams.Encoded

/**
 * Options of the create calls: `agreeSimilarTransaction: true` bypasses PayPay's check that rejects the same
 * amount from the same user within 5 minutes (SUSPECTED_DUPLICATE_PAYMENT). Sent as a query parameter, which is
 * not signed (reference §A.3, §C.4); omitted unless set.
 *
 * @since 0.1.0
 * @category Models
 */
export interface CreateOptions {
  readonly agreeSimilarTransaction?: boolean | undefined
}

/**
 * The wire body of `POST /v1/subscription/payments` (reference §B.3).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const CreateContinuousPaymentRequest = Schema.Struct({
  merchantPaymentId: Id64,
  userAuthorizationId: Id64,
  amount: MoneyAmount,
  requestedAt: EpochSeconds,
  storeId: Schema.optional(Text255),
  terminalId: Schema.optional(Text255),
  orderReceiptNumber: Schema.optional(Text255),
  orderDescription: Schema.optional(Text255),
  orderItems: Schema.optional(Schema.Array(OrderItem)),
  metadata: Schema.optional(Metadata)
}).annotations({ identifier: "CreateContinuousPaymentRequest" })

/**
 * What {@link createContinuous} accepts: the wire body with `requestedAt` defaulting to now.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const CreateContinuousPaymentParams = requestedAtOptional(
  CreateContinuousPaymentRequest.fields,
  "CreateContinuousPaymentParams"
)

/**
 * @since 0.1.0
 * @category Models
 */
export type CreateContinuousPaymentParams = typeof CreateContinuousPaymentParams.Encoded

const MerchantPaymentIdInput = Schema.Struct({ merchantPaymentId: Id64 })
const path = (merchantPaymentId: string) => `/v2/payments/${encodeURIComponent(merchantPaymentId)}`

// ====== Endpoints ======

const reconcileCreate = (merchantPaymentId: string) =>
  `query Payments.get("${merchantPaymentId}") (GET /v2/payments/{merchantPaymentId}); if the payment exists but ` +
  "must not stand, Payments.cancel it, then start again with a NEW merchantPaymentId (reference §C.2)"

const Create = endpoint({
  operation: "Payments.create",
  apiName: "v2_createPayment",
  method: "POST",
  input: agreeableInput(CreatePaymentParams),
  request: postAgreeable("/v2/payments"),
  response: Payment,
  timeout: "30 seconds",
  safety: "write",
  codes: [
    "SUSPECTED_DUPLICATE_PAYMENT",
    "NO_SUFFICIENT_FUND",
    "INVALID_PARAMS",
    "INVALID_USER_AUTHORIZATION_ID",
    "EXPIRED_USER_AUTHORIZATION_ID",
    "USER_STATE_IS_NOT_ACTIVE",
    "UNACCEPTABLE_OP",
    "CANCELED_USER",
    "NO_VALID_PAYMENT_METHOD",
    "PAYMENT_METHOD_NOT_FOUND",
    "UNSUPPORTED_PAYMENT_METHOD",
    "TRANSACTION_FAILED"
  ],
  reconcile: ({ params }) => reconcileCreate(params.merchantPaymentId)
})

/**
 * Create a direct-debit payment from an authorized user's wallet (`POST /v2/payments[?agreeSimilarTransaction=]`);
 * PayPay answers with the payment, usually already `COMPLETED`. A timeout or 5xx leaves the outcome unknown: query
 * the payment, and cancel it if it must not stand (reference §B.3, §C.2). Timeout 30 s.
 *
 * Result codes: SUSPECTED_DUPLICATE_PAYMENT, NO_SUFFICIENT_FUND, INVALID_PARAMS, INVALID_USER_AUTHORIZATION_ID,
 * EXPIRED_USER_AUTHORIZATION_ID, USER_STATE_IS_NOT_ACTIVE, UNACCEPTABLE_OP, CANCELED_USER, NO_VALID_PAYMENT_METHOD,
 * PAYMENT_METHOD_NOT_FOUND, UNSUPPORTED_PAYMENT_METHOD, TRANSACTION_FAILED and the common codes (OP_OUT_OF_SCOPE
 * among them).
 *
 * @see https://www.paypay.ne.jp/opa/doc/v1.0/direct_debit
 * @since 0.1.0
 * @category Endpoints
 */
export const create = (
  params: CreatePaymentParams,
  options?: CreateOptions
): Effect.Effect<Payment, EndpointError<(typeof Create.codes)[number]>, PayPayClient> =>
  execute(Create, agreeable(params, options))

const CreateContinuous = endpoint({
  operation: "Payments.createContinuous",
  apiName: "v1_createSubscriptionPayment",
  method: "POST",
  input: CreateContinuousPaymentParams,
  request: postWithRequestedAt("/v1/subscription/payments"),
  response: Payment,
  timeout: "30 seconds",
  safety: "write",
  codes: [
    "INVALID_PARAMS",
    "NO_SUFFICIENT_FUND",
    "INVALID_USER_AUTHORIZATION_ID",
    "EXPIRED_USER_AUTHORIZATION_ID",
    "USER_STATE_IS_NOT_ACTIVE"
  ],
  reconcile: (params) => reconcileCreate(params.merchantPaymentId)
})

/**
 * Create a continuous (subscription) payment (`POST /v1/subscription/payments`); needs the user's
 * `continuous_payments` scope. The reference documents no endpoint-specific codes (§B.3, §H). Timeout 30 s.
 *
 * Result codes: INVALID_USER_AUTHORIZATION_ID, EXPIRED_USER_AUTHORIZATION_ID, USER_STATE_IS_NOT_ACTIVE and the
 * common codes.
 *
 * @see https://www.paypay.ne.jp/opa/doc/v1.0/continuous_payments
 * @since 0.1.0
 * @category Endpoints
 */
export const createContinuous = (
  params: CreateContinuousPaymentParams
): Effect.Effect<Payment, EndpointError<(typeof CreateContinuous.codes)[number]>, PayPayClient> =>
  execute(CreateContinuous, params)

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
