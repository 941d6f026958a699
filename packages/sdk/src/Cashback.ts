/**
 * Cashback (reference §B.9): give money from the merchant's campaign wallet to an authorized user, reverse it,
 * read both, and ask PayPay which cashback a payment would earn. Giving and reversing are asynchronous: PayPay
 * answers 202 REQUEST_ACCEPTED with no data, and the details endpoints tell the result (TRANSACTION_NOT_FOUND
 * until it is processed; check again after about a second). Needs the user's `cashback` scope.
 *
 * @since 0.1.0
 */
import type * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { endpoint, execute, postWithRequestedAt, withRequestedAt } from "./internal/request.js"
import { ProductType } from "./Payments.js"
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
  requestedAtOptional,
  Text255
} from "./PayPaySchema.js"

// ====== Schemas ======

/**
 * Which balance the cashback goes to (reference §B.9).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const WalletType = Schema.Literal("PREPAID", "CASHBACK")

/**
 * The wire body of `POST /v2/cashback` (reference §B.9). `expiryDate` is a date, `YYYY-MM-DD`; the cashback
 * expires at its midnight.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const GiveCashbackRequest = Schema.Struct({
  merchantCashbackId: Id64,
  userAuthorizationId: Id64,
  amount: MoneyAmount,
  requestedAt: EpochSeconds,
  orderDescription: Schema.optional(Text255),
  walletType: Schema.optional(WalletType),
  expiryDate: Schema.optional(Schema.String.pipe(Schema.pattern(/^\d{4}-\d{2}-\d{2}$/))),
  metadata: Schema.optional(Metadata)
}).annotations({ identifier: "GiveCashbackRequest" })

/**
 * What {@link give} accepts: the wire body with `requestedAt` defaulting to now.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const GiveCashbackParams = requestedAtOptional(GiveCashbackRequest.fields, "GiveCashbackParams")

/**
 * @since 0.1.0
 * @category Models
 */
export type GiveCashbackParams = typeof GiveCashbackParams.Encoded

/**
 * `data` of `GET /v2/cashback/{merchantCashbackId}` (reference §B.9; PY mocks show status `SUCCESS`).
 *
 * @since 0.1.0
 * @category Schemas
 */
export class CashbackDetails extends Schema.Class<CashbackDetails>("CashbackDetails")({
  status: Schema.String,
  acceptedAt: optionalNullable(EpochSeconds),
  merchantAlias: optionalNullable(Schema.String),
  amount: MoneyAmount,
  requestedAt: optionalNullable(EpochSeconds),
  metadata: optionalNullable(EchoedMetadata),
  cashbackId: optionalNullable(Schema.String),
  merchantCashbackId: Schema.String,
  userAuthorizationId: optionalNullable(Schema.String),
  orderDescription: optionalNullable(Schema.String),
  walletType: optionalNullable(Schema.String)
}) {}

/**
 * The wire body of `POST /v2/cashback_reversal` (reference §B.9).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const ReverseCashbackRequest = Schema.Struct({
  merchantCashbackReversalId: Id64,
  merchantCashbackId: Id64,
  amount: MoneyAmount,
  requestedAt: EpochSeconds,
  reason: Schema.optional(Text255),
  metadata: Schema.optional(Metadata)
}).annotations({ identifier: "ReverseCashbackRequest" })

/**
 * What {@link reverse} accepts: the wire body with `requestedAt` defaulting to now.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const ReverseCashbackParams = requestedAtOptional(ReverseCashbackRequest.fields, "ReverseCashbackParams")

/**
 * @since 0.1.0
 * @category Models
 */
export type ReverseCashbackParams = typeof ReverseCashbackParams.Encoded

/**
 * `data` of `GET /v2/cashback_reversal/{merchantCashbackReversalId}/{merchantCashbackId}` (reference §B.9).
 *
 * @since 0.1.0
 * @category Schemas
 */
export class CashbackReversalDetails extends Schema.Class<CashbackReversalDetails>("CashbackReversalDetails")({
  status: Schema.String,
  acceptedAt: optionalNullable(EpochSeconds),
  merchantAlias: optionalNullable(Schema.String),
  amount: MoneyAmount,
  requestedAt: optionalNullable(EpochSeconds),
  metadata: optionalNullable(EchoedMetadata),
  cashbackReversalId: optionalNullable(Schema.String),
  merchantCashbackReversalId: Schema.String,
  merchantCashbackId: Schema.String
}) {}

/**
 * The wire body of `POST /v1/payments/cashback/expected`. The reference gives the path only (§B.0 row 24); these
 * fields are GO-M's `ConsultExpectedCashbackInfoPayload`.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const ConsultExpectedCashbackRequest = Schema.Struct({
  requestId: Id64,
  merchantPaymentId: Id64,
  userAuthorizationId: Id64,
  amount: MoneyAmount,
  requestedAt: EpochSeconds,
  storeId: Schema.optional(Text255),
  orderItems: Schema.optional(Schema.Array(OrderItem)),
  productType: Schema.optional(ProductType)
}).annotations({ identifier: "ConsultExpectedCashbackRequest" })

/**
 * What {@link consultExpected} accepts: the wire body with `requestedAt` defaulting to now.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const ConsultExpectedCashbackParams = requestedAtOptional(
  ConsultExpectedCashbackRequest.fields,
  "ConsultExpectedCashbackParams"
)

/**
 * @since 0.1.0
 * @category Models
 */
export type ConsultExpectedCashbackParams = typeof ConsultExpectedCashbackParams.Encoded

/**
 * Language of the campaign message, sent as the `Lang` header; PayPay's default is `JA` (reference §A.4).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const Lang = Schema.Literal("EN", "JA")

/**
 * `data` of `POST /v1/payments/cashback/expected` (GO-M; kept permissive).
 *
 * @since 0.1.0
 * @category Schemas
 */
export class ExpectedCashback extends Schema.Class<ExpectedCashback>("ExpectedCashback")({
  campaignMessage: optionalNullable(Schema.String)
}) {}

const path = (id: string) => encodeURIComponent(id)

// ====== Endpoints ======

const Give = endpoint({
  operation: "Cashback.give",
  apiName: "v2_createCashBackRequest",
  method: "POST",
  input: GiveCashbackParams,
  request: postWithRequestedAt("/v2/cashback"),
  response: undefined,
  timeout: "30 seconds",
  safety: "write",
  codes: [
    "INVALID_USER_AUTHORIZATION_ID",
    "EXPIRED_USER_AUTHORIZATION_ID",
    "USER_STATE_IS_NOT_ACTIVE",
    "VALIDATION_FAILED_EXCEPTION"
  ],
  reconcile: (params) =>
    `query Cashback.get("${params.merchantCashbackId}") after about a second; TRANSACTION_NOT_FOUND means it was ` +
    "not (yet) accepted"
})

/**
 * Give cashback to a user (`POST /v2/cashback`): accepted (202 REQUEST_ACCEPTED) and processed later; read the
 * outcome with {@link get}. Re-sending the same request (same `merchantCashbackId`) is PayPay's advice after a
 * timeout (FAQ 4414063010831); the same id for another cashback answers VALIDATION_FAILED_EXCEPTION (FAQ
 * 8462794444559). Timeout 30 s.
 *
 * Result codes: INVALID_USER_AUTHORIZATION_ID, EXPIRED_USER_AUTHORIZATION_ID, USER_STATE_IS_NOT_ACTIVE,
 * VALIDATION_FAILED_EXCEPTION and the common codes.
 *
 * @see reference §B.9
 * @since 0.1.0
 * @category Endpoints
 */
export const give = (
  params: GiveCashbackParams
): Effect.Effect<void, EndpointError<(typeof Give.codes)[number]>, PayPayClient> => execute(Give, params)

const Get = endpoint({
  operation: "Cashback.get",
  apiName: "v2_getCashbackDetails",
  method: "GET",
  input: Schema.Struct({ merchantCashbackId: Id64 }),
  request: ({ merchantCashbackId }) => ({ path: `/v2/cashback/${path(merchantCashbackId)}` }),
  response: CashbackDetails,
  timeout: "15 seconds",
  safety: "read",
  codes: ["TRANSACTION_NOT_FOUND"]
})

/**
 * Get a cashback (`GET /v2/cashback/{merchantCashbackId}`). Timeout 15 s.
 *
 * Result codes: TRANSACTION_NOT_FOUND (not processed yet, or unknown) and the common codes.
 *
 * @see reference §B.9
 * @since 0.1.0
 * @category Endpoints
 */
export const get = (
  merchantCashbackId: string
): Effect.Effect<CashbackDetails, EndpointError<(typeof Get.codes)[number]>, PayPayClient> =>
  execute(Get, { merchantCashbackId })

const Reverse = endpoint({
  operation: "Cashback.reverse",
  apiName: "v2_createReverseCashBackRequest",
  method: "POST",
  input: ReverseCashbackParams,
  request: postWithRequestedAt("/v2/cashback_reversal"),
  response: undefined,
  timeout: "30 seconds",
  safety: "write",
  codes: [],
  reconcile: (params) =>
    `query Cashback.getReversal({ merchantCashbackReversalId: "${params.merchantCashbackReversalId}", ` +
    `merchantCashbackId: "${params.merchantCashbackId}" }) after about a second`
})

/**
 * Reverse a cashback, fully or partly (`POST /v2/cashback_reversal`): accepted (202 REQUEST_ACCEPTED) and processed
 * later; read the outcome with {@link getReversal}. The reference documents no specific error codes (§B.9).
 * Timeout 30 s.
 *
 * Result codes: the common codes.
 *
 * @see reference §B.9
 * @since 0.1.0
 * @category Endpoints
 */
export const reverse = (params: ReverseCashbackParams): Effect.Effect<void, EndpointError<never>, PayPayClient> =>
  execute(Reverse, params)

const GetReversal = endpoint({
  operation: "Cashback.getReversal",
  apiName: "v2_getReversedCashBackDetails",
  method: "GET",
  input: Schema.Struct({ merchantCashbackReversalId: Id64, merchantCashbackId: Id64 }),
  request: ({ merchantCashbackId, merchantCashbackReversalId }) => ({
    path: `/v2/cashback_reversal/${path(merchantCashbackReversalId)}/${path(merchantCashbackId)}`
  }),
  response: CashbackReversalDetails,
  timeout: "15 seconds",
  safety: "read",
  codes: ["TRANSACTION_NOT_FOUND"]
})

/**
 * Get a cashback reversal (`GET /v2/cashback_reversal/{merchantCashbackReversalId}/{merchantCashbackId}`).
 * Timeout 15 s.
 *
 * Result codes: TRANSACTION_NOT_FOUND (documented for cashback details; assumed to apply to reversals too) and the
 * common codes.
 *
 * @see reference §B.9
 * @since 0.1.0
 * @category Endpoints
 */
export const getReversal = (ids: {
  readonly merchantCashbackReversalId: string
  readonly merchantCashbackId: string
}): Effect.Effect<CashbackReversalDetails, EndpointError<(typeof GetReversal.codes)[number]>, PayPayClient> =>
  execute(GetReversal, ids)

const ConsultExpected = endpoint({
  operation: "Cashback.consultExpected",
  apiName: "",
  method: "POST",
  input: Schema.Struct({ params: ConsultExpectedCashbackParams, lang: Schema.optional(Lang) }),
  request: ({ lang, params }, { now }) => ({
    path: "/v1/payments/cashback/expected",
    body: withRequestedAt(params, now),
    headers: lang === undefined ? undefined : { Lang: lang }
  }),
  response: ExpectedCashback,
  timeout: "30 seconds",
  safety: "read",
  codes: ["INVALID_USER_AUTHORIZATION_ID", "EXPIRED_USER_AUTHORIZATION_ID", "USER_STATE_IS_NOT_ACTIVE"]
})

/**
 * Ask which cashback campaign a payment would earn (`POST /v1/payments/cashback/expected`); `lang` picks the
 * message language (`Lang` header). It changes nothing at PayPay, so failures are retried like reads. The
 * reference gives neither timeout nor API name: 30 s like other POSTs (§B.1), and resolve URLs carry no API name.
 *
 * Result codes: the common codes.
 *
 * @see reference §B.0 row 24 (GO-M only)
 * @since 0.1.0
 * @category Endpoints
 */
export const consultExpected = (
  params: ConsultExpectedCashbackParams,
  options?: { readonly lang?: typeof Lang.Type | undefined }
): Effect.Effect<ExpectedCashback, EndpointError<(typeof ConsultExpected.codes)[number]>, PayPayClient> =>
  execute(ConsultExpected, options?.lang === undefined ? { params } : { params, lang: options.lang })
