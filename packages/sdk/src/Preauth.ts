/**
 * Pre-authorization and capture (reference §B.5): block money in an authorized user's wallet
 * ({@link authorize}), take it later ({@link capture}) or release it ({@link revert}). The authorization expires
 * at `expiresAt`, at most 30 days ahead (§C.3). Read the payment with `Payments.get`.
 * PayPay docs: https://www.paypay.ne.jp/opa/doc/v1.0/preauth_capture
 *
 * @since 0.1.0
 */
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { agreeable, agreeableInput, endpoint, execute, postAgreeable, postWithRequestedAt } from "./internal/request.js"
import { checkWindow } from "./internal/timeWindow.js"
import type { PayPayClient } from "./PayPayClient.js"
import type { EndpointError } from "./PayPayError.js"
import { CreatePaymentRequest, type CreateOptions } from "./Payments.js"
import {
  EpochSeconds,
  Id64,
  MoneyAmount,
  optionalNullable,
  Payment,
  PaymentStatus,
  requestedAtOptional,
  Text255
} from "./PayPaySchema.js"

// ====== Schemas ======

/**
 * The wire body of `POST /v2/payments/preauthorize`: the create-payment body, with `expiresAt` at most 30 days
 * ahead and within the expiry PayPay granted the merchant (reference §B.5, §C.3).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const AuthorizePaymentRequest = Schema.Struct(CreatePaymentRequest.fields).annotations({
  identifier: "AuthorizePaymentRequest"
})

/**
 * What {@link authorize} accepts: the wire body with `requestedAt` defaulting to now.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const AuthorizePaymentParams = requestedAtOptional(AuthorizePaymentRequest.fields, "AuthorizePaymentParams")

/**
 * @since 0.1.0
 * @category Models
 */
export type AuthorizePaymentParams = typeof AuthorizePaymentParams.Encoded

/**
 * The wire body of `POST /v2/payments/capture`; every field is required, `orderDescription` too (reference §B.5).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const CapturePaymentRequest = Schema.Struct({
  merchantPaymentId: Id64,
  amount: MoneyAmount,
  merchantCaptureId: Id64,
  requestedAt: EpochSeconds,
  orderDescription: Text255
}).annotations({ identifier: "CapturePaymentRequest" })

/**
 * What {@link capture} accepts: the wire body with `requestedAt` defaulting to now.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const CapturePaymentParams = requestedAtOptional(CapturePaymentRequest.fields, "CapturePaymentParams")

/**
 * @since 0.1.0
 * @category Models
 */
export type CapturePaymentParams = typeof CapturePaymentParams.Encoded

/**
 * The wire body of `POST /v2/payments/preauthorize/revert`; `paymentId` is PayPay's id (reference §B.5).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const RevertAuthorizationRequest = Schema.Struct({
  merchantRevertId: Id64,
  paymentId: Id64,
  requestedAt: EpochSeconds,
  reason: Schema.optional(Text255)
}).annotations({ identifier: "RevertAuthorizationRequest" })

/**
 * What {@link revert} accepts: the wire body with `requestedAt` defaulting to now.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const RevertAuthorizationParams = requestedAtOptional(
  RevertAuthorizationRequest.fields,
  "RevertAuthorizationParams"
)

/**
 * @since 0.1.0
 * @category Models
 */
export type RevertAuthorizationParams = typeof RevertAuthorizationParams.Encoded

/**
 * `data` of a revert: status `CANCELED` (reference §B.5).
 *
 * @since 0.1.0
 * @category Schemas
 */
export class RevertedAuthorization extends Schema.Class<RevertedAuthorization>("RevertedAuthorization")({
  status: PaymentStatus,
  acceptedAt: EpochSeconds,
  paymentId: Schema.String,
  requestedAt: EpochSeconds,
  reason: optionalNullable(Schema.String)
}) {}

/**
 * The outcome of {@link capture}: `Captured` with the payment, or `UserConfirmationRequired` when the amount is
 * above what the user allowed. The latter is PayPay's 202 USER_CONFIRMATION_REQUIRED (codeId 08300103): the user
 * is asked in the app; watch the payment (`Payments.get`, webhooks) for COMPLETED or EXPIRED_USER_CONFIRMATION
 * (reference §B.5, §D).
 *
 * @since 0.1.0
 * @category Models
 */
export type CaptureResult = Data.TaggedEnum<{
  Captured: { readonly payment: Payment }
  UserConfirmationRequired: {
    readonly merchantPaymentId: string
    readonly merchantCaptureId: string
    readonly codeId: string | undefined
    readonly resultMessage: string
    readonly requestId: string | undefined
  }
}>

/**
 * Constructors, `$is` and `$match` for {@link CaptureResult}.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const CaptureResult = Data.taggedEnum<CaptureResult>()

// ====== Endpoints ======

const AUTHORIZATION_MAX = "30 days"

const Authorize = endpoint({
  operation: "Preauth.authorize",
  apiName: "v2_createOrderAndAuthorize",
  method: "POST",
  input: agreeableInput(AuthorizePaymentParams),
  request: postAgreeable("/v2/payments/preauthorize"),
  response: Payment,
  timeout: "30 seconds",
  safety: "write",
  codes: [
    "CANCELED_USER",
    "INVALID_PARAMS",
    "NO_SUFFICIENT_FUND",
    "UNSUPPORTED_PAYMENT_METHOD",
    "PRE_AUTH_CAPTURE_UNSUPPORTED_MERCHANT",
    "PRE_AUTH_CAPTURE_INVALID_EXPIRY_DATE",
    "SUSPECTED_DUPLICATE_PAYMENT",
    "UNACCEPTABLE_OP",
    "USER_STATE_IS_NOT_ACTIVE",
    "INVALID_USER_AUTHORIZATION_ID",
    "EXPIRED_USER_AUTHORIZATION_ID",
    "NO_VALID_PAYMENT_METHOD",
    "PAYMENT_METHOD_NOT_FOUND",
    "TRANSACTION_FAILED"
  ],
  reconcile: ({ params }) =>
    `query Payments.get("${params.merchantPaymentId}"); if it is AUTHORIZED but must not stand, Preauth.revert it, ` +
    "then start again with a NEW merchantPaymentId (reference §C.2)"
})

/**
 * Authorize (block) an amount in an authorized user's wallet
 * (`POST /v2/payments/preauthorize[?agreeSimilarTransaction=]`); the payment comes back `AUTHORIZED`.
 * `expiresAt`, when given, is checked before sending: after now and at most 30 days ahead (reference §C.3).
 * Timeout 30 s.
 *
 * Result codes: CANCELED_USER, INVALID_PARAMS, NO_SUFFICIENT_FUND, UNSUPPORTED_PAYMENT_METHOD,
 * PRE_AUTH_CAPTURE_UNSUPPORTED_MERCHANT, PRE_AUTH_CAPTURE_INVALID_EXPIRY_DATE, SUSPECTED_DUPLICATE_PAYMENT,
 * UNACCEPTABLE_OP, USER_STATE_IS_NOT_ACTIVE, INVALID_USER_AUTHORIZATION_ID, EXPIRED_USER_AUTHORIZATION_ID,
 * NO_VALID_PAYMENT_METHOD, PAYMENT_METHOD_NOT_FOUND, TRANSACTION_FAILED and the common codes.
 *
 * @see https://www.paypay.ne.jp/opa/doc/v1.0/preauth_capture
 * @since 0.1.0
 * @category Endpoints
 */
export const authorize = (
  params: AuthorizePaymentParams,
  options?: CreateOptions
): Effect.Effect<Payment, EndpointError<(typeof Authorize.codes)[number]>, PayPayClient> =>
  Effect.zipRight(
    checkWindow({
      operation: Authorize.operation,
      field: "expiresAt",
      value: params?.expiresAt,
      min: "1 second",
      max: AUTHORIZATION_MAX
    }),
    execute(Authorize, agreeable(params, options))
  )

const Capture = endpoint({
  operation: "Preauth.capture",
  apiName: "v2_captureAuthorizedOrder",
  method: "POST",
  input: CapturePaymentParams,
  request: postWithRequestedAt("/v2/payments/capture"),
  response: Payment,
  timeout: "30 seconds",
  safety: "write",
  codes: [
    "USER_CONFIRMATION_REQUIRED",
    "RESOURCE_NOT_FOUND",
    "INVALID_PARAMS",
    "UNACCEPTABLE_OP",
    "ALREADY_CAPTURED",
    "CANCELED_USER",
    "HIGHER_CAPTURE_NOT_PERMITTED",
    "ORDER_EXPIRED",
    "ORDER_NOT_CAPTURABLE",
    "REAUTHORIZATION_IN_PROGRESS",
    "TOO_CLOSE_TO_EXPIRY"
  ],
  reconcile: (params) =>
    `query Payments.get("${params.merchantPaymentId}") and look for merchantCaptureId "${params.merchantCaptureId}" ` +
    "in its captures before capturing again"
})

/**
 * Capture an authorized payment, fully or partly (`POST /v2/payments/capture`). PayPay's 202
 * USER_CONFIRMATION_REQUIRED is not a failure: it comes back as `UserConfirmationRequired` (see
 * {@link CaptureResult}). Timeout 30 s.
 *
 * Result codes (errors): UNACCEPTABLE_OP, ALREADY_CAPTURED, CANCELED_USER, HIGHER_CAPTURE_NOT_PERMITTED,
 * ORDER_EXPIRED, ORDER_NOT_CAPTURABLE, REAUTHORIZATION_IN_PROGRESS, TOO_CLOSE_TO_EXPIRY and the common codes.
 *
 * @see https://www.paypay.ne.jp/opa/doc/v1.0/preauth_capture
 * @since 0.1.0
 * @category Endpoints
 */
export const capture = (
  params: CapturePaymentParams
): Effect.Effect<
  CaptureResult,
  EndpointError<Exclude<(typeof Capture.codes)[number], "USER_CONFIRMATION_REQUIRED">>,
  PayPayClient
> =>
  execute(Capture, params).pipe(
    Effect.map((payment): CaptureResult => CaptureResult.Captured({ payment })),
    Effect.catchTag("UserConfirmationRequired", (error) =>
      Effect.succeed(
        CaptureResult.UserConfirmationRequired({
          merchantPaymentId: params.merchantPaymentId,
          merchantCaptureId: params.merchantCaptureId,
          codeId: error.codeId,
          resultMessage: error.resultMessage,
          requestId: error.requestId
        })
      )
    )
  )

const Revert = endpoint({
  operation: "Preauth.revert",
  apiName: "v2_revertAuthorizedOrder",
  method: "POST",
  input: RevertAuthorizationParams,
  request: postWithRequestedAt("/v2/payments/preauthorize/revert"),
  response: RevertedAuthorization,
  timeout: "30 seconds",
  safety: "write",
  codes: ["ORDER_NOT_CANCELABLE", "RESOURCE_NOT_FOUND"],
  reconcile: (params) =>
    `query the payment (Payments.get by its merchantPaymentId; paymentId "${params.paymentId}"): ` +
    "status CANCELED means the revert took effect"
})

/**
 * Release an authorization (`POST /v2/payments/preauthorize/revert`); the payment becomes `CANCELED`.
 * Timeout 30 s.
 *
 * Result codes: ORDER_NOT_CANCELABLE and the common codes.
 *
 * @see https://www.paypay.ne.jp/opa/doc/v1.0/preauth_capture
 * @since 0.1.0
 * @category Endpoints
 */
export const revert = (
  params: RevertAuthorizationParams
): Effect.Effect<RevertedAuthorization, EndpointError<(typeof Revert.codes)[number]>, PayPayClient> =>
  execute(Revert, params)
