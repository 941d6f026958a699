/**
 * Dynamic QR codes (Web Payment, Dynamic QR, App Invoke): create a code, read the payment made with it, delete
 * it. Reference §B.2; PayPay docs: https://www.paypay.ne.jp/opa/doc/v1.0/dynamicqrcode
 *
 * A payment made with a code is read with {@link getPayment} (`/v2/codes/payments/{id}`), never with
 * `Payments.get` (`/v2/payments/{id}` answers RESOURCE_NOT_FOUND for QR payments, reference §F.1).
 *
 * @since 0.1.0
 */
import type * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { endpoint, execute } from "./internal/request.js"
import type { PayPayClient } from "./PayPayClient.js"
import type { EndpointError } from "./PayPayError.js"
import {
  EpochSeconds,
  Id64,
  EchoedMetadata,
  Metadata,
  MoneyAmount,
  OrderItem,
  OrderItemResponse,
  optionalNullable,
  Payment,
  Text255
} from "./PayPaySchema.js"

// ====== Schemas ======

/**
 * The wire body of `POST /v2/codes` as PayPay requires it (reference §B.2).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const CreateQrCodeRequest = Schema.Struct({
  merchantPaymentId: Id64,
  amount: MoneyAmount,
  codeType: Schema.Literal("ORDER_QR"),
  orderDescription: Schema.optional(Text255),
  orderItems: Schema.optional(Schema.Array(OrderItem)),
  metadata: Schema.optional(Metadata),
  storeInfo: Schema.optional(Text255),
  storeId: Schema.optional(Text255),
  terminalId: Schema.optional(Text255),
  requestedAt: Schema.optional(EpochSeconds),
  isAuthorization: Schema.optional(Schema.Boolean),
  authorizationExpiry: Schema.optional(EpochSeconds),
  redirectUrl: Schema.optional(Schema.String),
  redirectType: Schema.optional(Schema.Literal("WEB_LINK", "APP_DEEP_LINK")),
  userAgent: Schema.optional(Schema.String)
}).annotations({ identifier: "CreateQrCodeRequest" })

/**
 * What {@link create} accepts: the wire body, with `codeType` defaulting to `ORDER_QR` and `requestedAt` to now.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const CreateQrCodeParams = Schema.Struct({
  ...CreateQrCodeRequest.fields,
  codeType: Schema.optional(Schema.Literal("ORDER_QR"))
}).annotations({ identifier: "CreateQrCodeParams" })

/**
 * @since 0.1.0
 * @category Models
 */
export type CreateQrCodeParams = typeof CreateQrCodeParams.Encoded

/**
 * A created code: `url` opens PayPay's payment page (or the app), `deeplink` invokes the app directly
 * (reference §B.2, §E.4).
 *
 * @since 0.1.0
 * @category Schemas
 */
export class QrCode extends Schema.Class<QrCode>("QrCode")({
  codeId: Schema.String,
  url: Schema.String,
  deeplink: Schema.String,
  expiryDate: EpochSeconds,
  merchantPaymentId: Schema.String,
  amount: MoneyAmount,
  orderDescription: optionalNullable(Schema.String),
  orderItems: optionalNullable(Schema.Array(OrderItemResponse)),
  metadata: optionalNullable(EchoedMetadata),
  codeType: Schema.String,
  storeInfo: optionalNullable(Schema.String),
  storeId: optionalNullable(Schema.String),
  terminalId: optionalNullable(Schema.String),
  requestedAt: optionalNullable(EpochSeconds),
  redirectUrl: optionalNullable(Schema.String),
  redirectType: optionalNullable(Schema.String),
  isAuthorization: optionalNullable(Schema.Boolean),
  authorizationExpiry: optionalNullable(EpochSeconds),
  userAgent: optionalNullable(Schema.String)
}) {}

const MerchantPaymentIdInput = Schema.Struct({ merchantPaymentId: Id64 })
const CodeIdInput = Schema.Struct({ codeId: Id64 })
const path = (id: string) => encodeURIComponent(id)

// ====== Endpoints ======

const Create = endpoint({
  operation: "Codes.create",
  apiName: "v2_createDynamicQRCode",
  method: "POST",
  input: CreateQrCodeParams,
  request: (params, { now }) => ({
    path: "/v2/codes",
    body: { ...params, codeType: params.codeType ?? "ORDER_QR", requestedAt: params.requestedAt ?? now }
  }),
  response: QrCode,
  timeout: "30 seconds",
  safety: "write",
  codes: [
    "DUPLICATE_DYNAMIC_QR_REQUEST",
    "PRE_AUTH_CAPTURE_UNSUPPORTED_MERCHANT",
    "PRE_AUTH_CAPTURE_INVALID_EXPIRY_DATE",
    "DYNAMIC_QR_BAD_REQUEST"
  ],
  reconcile: (params) =>
    `query Codes.getPayment("${params.merchantPaymentId}") (GET /v2/codes/payments/{merchantPaymentId}); ` +
    "re-sending the same merchantPaymentId answers DUPLICATE_DYNAMIC_QR_REQUEST if the first create succeeded"
})

/**
 * Create a dynamic QR code (`POST /v2/codes`, 201). Timeout 30 s.
 *
 * Result codes: DUPLICATE_DYNAMIC_QR_REQUEST, PRE_AUTH_CAPTURE_UNSUPPORTED_MERCHANT,
 * PRE_AUTH_CAPTURE_INVALID_EXPIRY_DATE, DYNAMIC_QR_BAD_REQUEST and the common codes.
 *
 * @see https://www.paypay.ne.jp/opa/doc/v1.0/dynamicqrcode#operation/createQRCode
 * @since 0.1.0
 * @category Endpoints
 */
export const create = (
  params: CreateQrCodeParams
): Effect.Effect<QrCode, EndpointError<(typeof Create.codes)[number]>, PayPayClient> => execute(Create, params)

const GetPayment = endpoint({
  operation: "Codes.getPayment",
  apiName: "v2_getQRPaymentDetails",
  method: "GET",
  input: MerchantPaymentIdInput,
  request: ({ merchantPaymentId }) => ({ path: `/v2/codes/payments/${path(merchantPaymentId)}` }),
  response: Payment,
  timeout: "15 seconds",
  safety: "read",
  codes: ["DYNAMIC_QR_PAYMENT_NOT_FOUND", "DYNAMIC_QR_BAD_REQUEST"]
})

/**
 * Get the payment made with a code (`GET /v2/codes/payments/{merchantPaymentId}`). An unpaid code stays
 * `CREATED`, also after it expired. Timeout 15 s.
 *
 * Result codes: DYNAMIC_QR_PAYMENT_NOT_FOUND, DYNAMIC_QR_BAD_REQUEST and the common codes.
 *
 * @see https://www.paypay.ne.jp/opa/doc/v1.0/dynamicqrcode#operation/getPaymentDetails
 * @since 0.1.0
 * @category Endpoints
 */
export const getPayment = (
  merchantPaymentId: string
): Effect.Effect<Payment, EndpointError<(typeof GetPayment.codes)[number]>, PayPayClient> =>
  execute(GetPayment, { merchantPaymentId })

const Remove = endpoint({
  operation: "Codes.remove",
  apiName: "v2_deleteDynamicQRCode",
  method: "DELETE",
  input: CodeIdInput,
  request: ({ codeId }) => ({ path: `/v2/codes/${path(codeId)}` }),
  response: undefined,
  timeout: "15 seconds",
  safety: "idempotent",
  codes: ["DYNAMIC_QR_ALREADY_PAID", "DYNAMIC_QR_BAD_REQUEST", "DYNAMIC_QR_NOT_FOUND"]
})

/**
 * Delete a code so it can no longer be paid (`DELETE /v2/codes/{codeId}`). Timeout 15 s.
 *
 * Result codes: DYNAMIC_QR_ALREADY_PAID, DYNAMIC_QR_BAD_REQUEST, DYNAMIC_QR_NOT_FOUND and the common codes.
 *
 * @see https://www.paypay.ne.jp/opa/doc/v1.0/dynamicqrcode#operation/deleteQRCode
 * @since 0.1.0
 * @category Endpoints
 */
export const remove = (
  codeId: string
): Effect.Effect<void, EndpointError<(typeof Remove.codes)[number]>, PayPayClient> => execute(Remove, { codeId })
