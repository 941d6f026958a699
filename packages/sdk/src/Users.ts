/**
 * User authorization (reference §B.8, §E.1): link a PayPay user with an account-link QR code, read and end the
 * authorization (`userAuthorizationId`) and read the user's masked profile. For the web redirect flow and the
 * `responseToken` PayPay sends back, see the `Jwt` module.
 * PayPay docs: https://www.paypay.ne.jp/opa/doc/v1.0/account_link
 *
 * @since 0.1.0
 */
import type * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { endpoint, execute } from "./internal/request.js"
import type { PayPayClient } from "./PayPayClient.js"
import type { EndpointError } from "./PayPayError.js"
import { EpochSeconds, Id64, optionalNullable, Text255 } from "./PayPaySchema.js"

// ====== Schemas ======

/**
 * A permission a user grants the merchant (reference §B.8: PHP allow-list and PY README; GO-M adds
 * `bank_registration`).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const Scope = Schema.Literal(
  "direct_debit",
  "cashback",
  "get_balance",
  "quick_pay",
  "continuous_payments",
  "merchant_topup",
  "pending_payments",
  "user_notification",
  "user_topup",
  "user_profile",
  "preauth_capture_native",
  "preauth_capture_transaction",
  "push_notification",
  "notification_center_ob",
  "notification_center_ab",
  "notification_center_tl",
  "bank_registration"
)

/**
 * @since 0.1.0
 * @category Models
 */
export type Scope = typeof Scope.Type

/**
 * The wire body of `POST /v1/qr/sessions` (reference §B.8). `redirectUrl` must be HTTPS and in the merchant's
 * allowed callback domains for `WEB_LINK` (the default).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const CreateAccountLinkQrCodeRequest = Schema.Struct({
  scopes: Schema.NonEmptyArray(Scope),
  nonce: Schema.String.pipe(Schema.minLength(1), Schema.maxLength(255)),
  redirectType: Schema.optional(Schema.Literal("WEB_LINK", "APP_DEEP_LINK")),
  redirectUrl: Schema.String.pipe(Schema.minLength(1), Schema.maxLength(255)),
  referenceId: Schema.String.pipe(Schema.minLength(1), Schema.maxLength(255)),
  phoneNumber: Schema.optional(Schema.String),
  deviceId: Schema.optional(Text255),
  userAgent: Schema.optional(Text255)
}).annotations({ identifier: "CreateAccountLinkQrCodeRequest" })

/**
 * What {@link createAccountLinkQrCode} accepts: exactly the wire body (it has no `requestedAt`).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const CreateAccountLinkQrCodeParams = CreateAccountLinkQrCodeRequest

/**
 * @since 0.1.0
 * @category Models
 */
export type CreateAccountLinkQrCodeParams = typeof CreateAccountLinkQrCodeParams.Encoded

/**
 * `data` of `POST /v1/qr/sessions`: the URL to show as a QR code or open on the user's phone (reference §B.8).
 *
 * @since 0.1.0
 * @category Schemas
 */
export class AccountLinkQrCode extends Schema.Class<AccountLinkQrCode>("AccountLinkQrCode")({
  linkQRCodeURL: Schema.String
}) {}

/**
 * `data` of `GET /v2/user/authorizations` (reference §B.8). An authorization lasts 365 days and is extended by use.
 *
 * @since 0.1.0
 * @category Schemas
 */
export class UserAuthorization extends Schema.Class<UserAuthorization>("UserAuthorization")({
  userAuthorizationId: Schema.String,
  referenceIds: optionalNullable(Schema.Array(Schema.String)),
  status: Schema.String,
  scopes: optionalNullable(Schema.Array(Schema.String)),
  expireAt: optionalNullable(EpochSeconds),
  issuedAt: optionalNullable(EpochSeconds)
}) {
  /** `status` is `ACTIVE` (the other documented value is `INACTIVE`). */
  get isActive(): boolean {
    return this.status === "ACTIVE"
  }
}

/**
 * `data` of `GET /v2/user/profile/secure`: the user's phone number, masked (reference §B.8).
 *
 * @since 0.1.0
 * @category Schemas
 */
export class MaskedUserProfile extends Schema.Class<MaskedUserProfile>("MaskedUserProfile")({
  phoneNumber: Schema.String
}) {}

const UserAuthorizationIdInput = Schema.Struct({ userAuthorizationId: Id64 })

// ====== Endpoints ======

const CreateAccountLinkQrCode = endpoint({
  operation: "Users.createAccountLinkQrCode",
  apiName: "v1_qrSession",
  method: "POST",
  input: CreateAccountLinkQrCodeParams,
  request: (params) => ({ path: "/v1/qr/sessions", body: params }),
  response: AccountLinkQrCode,
  timeout: "10 seconds",
  safety: "idempotent",
  codes: ["EXPECTATION_FAILED"]
})

/**
 * Create an account-link QR code (`POST /v1/qr/sessions`). When the user consents, PayPay redirects to
 * `redirectUrl` with a `responseToken` JWT (verify it with `Jwt.verifyResponseToken`). Sending it again only
 * creates another session, so failures are retried like reads. Timeout 10 s.
 *
 * Result codes: EXPECTATION_FAILED (a scope outside the contract or an unregistered redirect domain) and the
 * common codes.
 *
 * @see https://www.paypay.ne.jp/opa/doc/v1.0/account_link
 * @since 0.1.0
 * @category Endpoints
 */
export const createAccountLinkQrCode = (
  params: CreateAccountLinkQrCodeParams
): Effect.Effect<AccountLinkQrCode, EndpointError<(typeof CreateAccountLinkQrCode.codes)[number]>, PayPayClient> =>
  execute(CreateAccountLinkQrCode, params)

const GetAuthorizationStatus = endpoint({
  operation: "Users.getAuthorizationStatus",
  apiName: "v2_userAuthStatus",
  method: "GET",
  input: UserAuthorizationIdInput,
  request: ({ userAuthorizationId }) => ({ path: "/v2/user/authorizations", query: { userAuthorizationId } }),
  response: UserAuthorization,
  timeout: "15 seconds",
  safety: "read",
  codes: ["INVALID_USER_AUTHORIZATION_ID", "EXPIRED_USER_AUTHORIZATION_ID", "USER_STATE_IS_NOT_ACTIVE"]
})

/**
 * Get a user authorization's status, scopes and expiry (`GET /v2/user/authorizations?userAuthorizationId=`; the
 * query is not signed). Timeout 15 s.
 *
 * Result codes: INVALID_USER_AUTHORIZATION_ID, EXPIRED_USER_AUTHORIZATION_ID, USER_STATE_IS_NOT_ACTIVE and the
 * common codes.
 *
 * @see https://www.paypay.ne.jp/opa/doc/v1.0/account_link
 * @since 0.1.0
 * @category Endpoints
 */
export const getAuthorizationStatus = (
  userAuthorizationId: string
): Effect.Effect<UserAuthorization, EndpointError<(typeof GetAuthorizationStatus.codes)[number]>, PayPayClient> =>
  execute(GetAuthorizationStatus, { userAuthorizationId })

const Unlink = endpoint({
  operation: "Users.unlink",
  apiName: "v2_unlinkUser",
  method: "DELETE",
  input: UserAuthorizationIdInput,
  request: ({ userAuthorizationId }) => ({
    path: `/v2/user/authorizations/${encodeURIComponent(userAuthorizationId)}`
  }),
  response: undefined,
  timeout: "15 seconds",
  safety: "idempotent",
  codes: ["INVALID_USER_AUTHORIZATION_ID", "EXPIRED_USER_AUTHORIZATION_ID", "USER_STATE_IS_NOT_ACTIVE"]
})

/**
 * End a user authorization (`DELETE /v2/user/authorizations/{userAuthorizationId}`). Timeout 15 s.
 *
 * Result codes: INVALID_USER_AUTHORIZATION_ID, EXPIRED_USER_AUTHORIZATION_ID, USER_STATE_IS_NOT_ACTIVE and the
 * common codes.
 *
 * @see https://www.paypay.ne.jp/opa/doc/v1.0/account_link
 * @since 0.1.0
 * @category Endpoints
 */
export const unlink = (
  userAuthorizationId: string
): Effect.Effect<void, EndpointError<(typeof Unlink.codes)[number]>, PayPayClient> =>
  execute(Unlink, { userAuthorizationId })

const GetMaskedProfile = endpoint({
  operation: "Users.getMaskedProfile",
  apiName: "v2_getSecureUserProfile",
  method: "GET",
  input: UserAuthorizationIdInput,
  request: ({ userAuthorizationId }) => ({ path: "/v2/user/profile/secure", query: { userAuthorizationId } }),
  response: MaskedUserProfile,
  timeout: "15 seconds",
  safety: "read",
  codes: ["INVALID_USER_AUTHORIZATION_ID", "EXPIRED_USER_AUTHORIZATION_ID", "USER_STATE_IS_NOT_ACTIVE"]
})

/**
 * Get the user's masked phone number (`GET /v2/user/profile/secure?userAuthorizationId=`). The reference gives no
 * timeout; 15 s like the other reads (§B.1).
 *
 * Result codes: INVALID_USER_AUTHORIZATION_ID, EXPIRED_USER_AUTHORIZATION_ID, USER_STATE_IS_NOT_ACTIVE and the
 * common codes.
 *
 * @see https://www.paypay.ne.jp/opa/doc/v1.0/account_link
 * @since 0.1.0
 * @category Endpoints
 */
export const getMaskedProfile = (
  userAuthorizationId: string
): Effect.Effect<MaskedUserProfile, EndpointError<(typeof GetMaskedProfile.codes)[number]>, PayPayClient> =>
  execute(GetMaskedProfile, { userAuthorizationId })
