/**
 * Pending payments ("request money", reference §B.7): ask an authorized user to pay; PayPay sends them a push
 * notification and the order waits, `CREATED`, until they pay (`COMPLETED`), it is cancelled (`CANCELED`) or it
 * expires. Needs the user's `pending_payments` scope. Refunds go through `POST /v2/refunds` like any payment.
 * PayPay docs: https://www.paypay.ne.jp/opa/doc/v1.0/pending_payments
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { endpoint, execute, postWithRequestedAt } from "./internal/request.js"
import { checkWindow } from "./internal/timeWindow.js"
import type { PayPayClient } from "./PayPayClient.js"
import type { EndpointError } from "./PayPayError.js"
import {
  EpochSeconds,
  Id64,
  EchoedMetadata,
  Metadata,
  MoneyAmount,
  optionalNullable,
  OrderItem,
  OrderItemResponse,
  Payment,
  type Refund,
  requestedAtOptional,
  Text255
} from "./PayPaySchema.js"
import * as Refunds from "./internal/refunds.js"
import type { RefundPaymentParams } from "./internal/refunds.js"

// ====== Schemas ======

/**
 * The wire body of `POST /v1/requestOrder` (reference §B.7). `expiryDate` (epoch seconds) must be 10 minutes to
 * 48 hours ahead; without it PayPay applies its default of 6 hours (§C.3).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const CreatePendingPaymentRequest = Schema.Struct({
  merchantPaymentId: Id64,
  userAuthorizationId: Id64,
  amount: MoneyAmount,
  requestedAt: EpochSeconds,
  expiryDate: Schema.optional(Schema.NullOr(EpochSeconds)),
  storeId: Schema.optional(Text255),
  terminalId: Schema.optional(Text255),
  orderReceiptNumber: Schema.optional(Text255),
  orderDescription: Schema.optional(Text255),
  orderItems: Schema.optional(Schema.Array(OrderItem)),
  metadata: Schema.optional(Metadata)
}).annotations({ identifier: "CreatePendingPaymentRequest" })

/**
 * What {@link create} accepts: the wire body with `requestedAt` defaulting to now.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const CreatePendingPaymentParams = requestedAtOptional(
  CreatePendingPaymentRequest.fields,
  "CreatePendingPaymentParams"
)

/**
 * @since 0.1.0
 * @category Models
 */
export type CreatePendingPaymentParams = typeof CreatePendingPaymentParams.Encoded

/**
 * An order line echoed by `POST /v1/requestOrder`: the echo uses the request's `unitPrice` (PY mock), payment objects
 * may say `unit_price`; both are read into `unitPrice` (`PayPaySchema.OrderItemResponse`).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const PendingOrderItem = OrderItemResponse

/**
 * `data` of `POST /v1/requestOrder`: an echo of the request (reference §B.7).
 *
 * @since 0.1.0
 * @category Schemas
 */
export class PendingPayment extends Schema.Class<PendingPayment>("PendingPayment")({
  merchantPaymentId: Schema.String,
  userAuthorizationId: optionalNullable(Schema.String),
  amount: MoneyAmount,
  requestedAt: optionalNullable(EpochSeconds),
  expiryDate: optionalNullable(EpochSeconds),
  storeId: optionalNullable(Schema.String),
  terminalId: optionalNullable(Schema.String),
  orderReceiptNumber: optionalNullable(Schema.String),
  orderDescription: optionalNullable(Schema.String),
  orderItems: optionalNullable(Schema.Array(PendingOrderItem)),
  metadata: optionalNullable(EchoedMetadata)
}) {}

/**
 * `data` of `GET /v1/requestOrder/{merchantPaymentId}`: the payment object, whose expiry PayPay names `expiryDate`
 * (PY `get_request_order_response.json`, GO-M's test; reference §F.1). Read as a `Payment` with that value in
 * `expiresAt` (either spelling), so it is never lost.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const PendingOrderDetails = Schema.transform(
  Schema.Struct({ ...Payment.fields, expiryDate: optionalNullable(EpochSeconds) }),
  Schema.typeSchema(Payment),
  {
    strict: false,
    decode: ({ expiryDate, ...payment }) => {
      const expiresAt = payment.expiresAt ?? expiryDate
      return new Payment(expiresAt === undefined ? payment : { ...payment, expiresAt }, true)
    },
    encode: (payment) => ({ ...payment })
  }
).annotations({ identifier: "PendingOrderDetails" })

const MerchantPaymentIdInput = Schema.Struct({ merchantPaymentId: Id64 })
const path = (merchantPaymentId: string) => `/v1/requestOrder/${encodeURIComponent(merchantPaymentId)}`

// ====== Endpoints ======

const Create = endpoint({
  operation: "PendingPayments.create",
  apiName: "v1_createRequestOrder",
  method: "POST",
  input: CreatePendingPaymentParams,
  request: postWithRequestedAt("/v1/requestOrder"),
  response: PendingPayment,
  timeout: "30 seconds",
  safety: "write",
  codes: [
    "INVALID_PARAMS",
    "DUPLICATE_REQUEST_ORDER",
    "SUSPECTED_DUPLICATE_ORDER",
    "INVALID_USER_AUTHORIZATION_ID",
    "EXPIRED_USER_AUTHORIZATION_ID",
    "USER_STATE_IS_NOT_ACTIVE"
  ],
  reconcile: (params) =>
    `query PendingPayments.get("${params.merchantPaymentId}") (GET /v1/requestOrder/{merchantPaymentId}); ` +
    "re-sending the same merchantPaymentId answers DUPLICATE_REQUEST_ORDER if the first create succeeded"
})

/**
 * Request a payment from an authorized user (`POST /v1/requestOrder`, 201). `expiryDate`, when given, is checked
 * before sending: 10 minutes to 48 hours from now (reference §C.3). Timeout 30 s.
 *
 * Result codes: DUPLICATE_REQUEST_ORDER, SUSPECTED_DUPLICATE_ORDER, INVALID_USER_AUTHORIZATION_ID,
 * EXPIRED_USER_AUTHORIZATION_ID, USER_STATE_IS_NOT_ACTIVE and the common codes.
 *
 * @see https://www.paypay.ne.jp/opa/doc/v1.0/pending_payments
 * @since 0.1.0
 * @category Endpoints
 */
export const create = (
  params: CreatePendingPaymentParams
): Effect.Effect<PendingPayment, EndpointError<(typeof Create.codes)[number]>, PayPayClient> =>
  Effect.zipRight(
    checkWindow({
      operation: Create.operation,
      field: "expiryDate",
      value: params?.expiryDate,
      min: "10 minutes",
      max: "48 hours"
    }),
    execute(Create, params)
  )

const Get = endpoint({
  operation: "PendingPayments.get",
  apiName: "v1_getRequestOrder",
  method: "GET",
  input: MerchantPaymentIdInput,
  request: ({ merchantPaymentId }) => ({ path: path(merchantPaymentId) }),
  response: PendingOrderDetails,
  timeout: "15 seconds",
  safety: "read",
  codes: ["INVALID_PARAMS", "REQUEST_ORDER_NOT_FOUND"]
})

/**
 * Get a pending payment (`GET /v1/requestOrder/{merchantPaymentId}`): the payment object, `CREATED` until the user
 * pays (`COMPLETED`) or it is cancelled (`CANCELED`); the order's `expiryDate` is in `expiresAt`. Timeout 15 s.
 *
 * Result codes: INVALID_PARAMS, REQUEST_ORDER_NOT_FOUND and the common codes.
 *
 * @see https://www.paypay.ne.jp/opa/doc/v1.0/pending_payments
 * @since 0.1.0
 * @category Endpoints
 */
export const get = (
  merchantPaymentId: string
): Effect.Effect<Payment, EndpointError<(typeof Get.codes)[number]>, PayPayClient> =>
  execute(Get, { merchantPaymentId })

const Cancel = endpoint({
  operation: "PendingPayments.cancel",
  apiName: "v1_cancelRequestOrder",
  method: "DELETE",
  input: MerchantPaymentIdInput,
  request: ({ merchantPaymentId }) => ({ path: path(merchantPaymentId) }),
  response: undefined,
  timeout: "15 seconds",
  safety: "idempotent",
  codes: ["REQUEST_ORDER_NOT_FOUND", "INVALID_REQUEST_ORDER_STATE"]
})

/**
 * Cancel a pending payment the user has not paid yet (`DELETE /v1/requestOrder/{merchantPaymentId}`); once paid,
 * PayPay answers INVALID_REQUEST_ORDER_STATE and a refund is needed. Timeout 15 s.
 *
 * Result codes: REQUEST_ORDER_NOT_FOUND, INVALID_REQUEST_ORDER_STATE and the common codes.
 *
 * @see https://www.paypay.ne.jp/opa/doc/v1.0/pending_payments
 * @since 0.1.0
 * @category Endpoints
 */
export const cancel = (
  merchantPaymentId: string
): Effect.Effect<void, EndpointError<(typeof Cancel.codes)[number]>, PayPayClient> =>
  execute(Cancel, { merchantPaymentId })

const RefundPayment = endpoint({
  ...Refunds.Create,
  operation: "PendingPayments.refund",
  codes: [
    ...Refunds.Create.codes,
    "USER_STATE_IS_NOT_ACTIVE",
    "REQUEST_ORDER_NOT_FOUND",
    "INVALID_REQUEST_ORDER_STATE"
  ],
  reconcile: (params) =>
    `query PendingPayments.getRefund("${params.merchantRefundId}", { paymentId: "${params.paymentId}" }); ` +
    "PayPay never refunds the same merchantRefundId twice"
})

/**
 * Refund a paid pending payment (`POST /v2/refunds`, the same call as `Refunds.create`, with the pending-payment
 * codes added). `paymentId` is PayPay's id from {@link get}. Timeout 30 s.
 *
 * Result codes: INVALID_PARAMS, USER_STATE_IS_NOT_ACTIVE, REQUEST_ORDER_NOT_FOUND, INVALID_REQUEST_ORDER_STATE
 * (pending-payment table, §B.6), UNACCEPTABLE_OP, CANCELED_USER, RESOURCE_NOT_FOUND, TRANSACTION_FAILED,
 * REFUND_LIMIT_EXCEEDED, REFUND_WINDOW_EXCEED (refund table) and the common codes.
 *
 * @see https://www.paypay.ne.jp/opa/doc/v1.0/pending_payments
 * @since 0.1.0
 * @category Endpoints
 */
export const refund = (
  params: RefundPaymentParams
): Effect.Effect<Refund, EndpointError<(typeof RefundPayment.codes)[number]>, PayPayClient> =>
  execute(RefundPayment, params)

const GetRefund = endpoint({ ...Refunds.Get, operation: "PendingPayments.getRefund" })

/**
 * Get a refund of a pending payment (`GET /v2/refunds/{merchantRefundId}[?paymentId=]`, the same call as
 * `Refunds.get`). Pass PayPay's `paymentId` whenever you have it (2025 change, reference §B.6). Timeout 15 s.
 *
 * Result codes: NO_SUCH_REFUND_ORDER, INVALID_PARAMS and the common codes.
 *
 * @see https://www.paypay.ne.jp/opa/doc/v1.0/pending_payments
 * @since 0.1.0
 * @category Endpoints
 */
export const getRefund = (
  merchantRefundId: string,
  options?: { readonly paymentId?: string | undefined }
): Effect.Effect<Refund, EndpointError<(typeof GetRefund.codes)[number]>, PayPayClient> =>
  execute(GetRefund, Refunds.refundQuery(merchantRefundId, options))
