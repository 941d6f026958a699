/**
 * The JWTs of PayPay's web authorization flow (reference §E): the `requestToken` that sends a user to PayPay's
 * authorization page, and the `responseToken` PayPay redirects back with (web flow and account-link QR flow).
 *
 * Both are HS256 JWTs keyed with the **base64-decoded** API secret (§E.3), unlike the OPA-Auth HMAC, which uses
 * the secret as-is (§A.1). Every function reads the API key and secret from the `PayPayClient`, and takes "now"
 * from Effect's `Clock`, so tests control expiry with `TestClock`.
 * PayPay docs: https://www.paypay.ne.jp/opa/doc/v1.0/link_user_web
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as ParseResult from "effect/ParseResult"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as Jose from "jose"
import { PayPayClient } from "./PayPayClient.js"
import { EpochSeconds, optionalNullable } from "./PayPaySchema.js"
import { Scope } from "./Users.js"

// ====== Errors ======

/**
 * Why a token was rejected:
 * - `Signature`: not signed with the base64-decoded API secret (or not HS256);
 * - `Expired`: `exp` is not after the Clock's now;
 * - `Audience`: `aud` is not this client's API key;
 * - `Issuer`: `iss` is not `paypay.ne.jp`;
 * - `Nonce`: `nonce` differs from the one sent in the request;
 * - `Malformed`: not a JWT, a required claim missing or of the wrong type, or invalid request-token params.
 *
 * @since 0.1.0
 * @category Errors
 */
export class JwtError extends Data.TaggedError("JwtError")<{
  readonly reason: "Signature" | "Expired" | "Audience" | "Issuer" | "Nonce" | "Malformed"
  readonly detail: string
  readonly cause?: unknown
}> {
  override get message(): string {
    return `PayPay JWT rejected (${this.reason}): ${this.detail}`
  }
}

// ====== Schemas ======

/**
 * The `iss` PayPay puts in response tokens (reference §E.2).
 *
 * @since 0.1.0
 * @category Config
 */
export const RESPONSE_TOKEN_ISSUER = "paypay.ne.jp"

/**
 * Host of PayPay's authorization page (production, reference §A.6); the sandbox URL is not documented.
 *
 * @since 0.1.0
 * @category Config
 */
export const AUTHORIZATION_BASE_URL = "https://www.paypay.ne.jp"

/**
 * What {@link makeRequestToken} accepts (reference §E.1). `iss` is the merchant's name; `exp` (epoch seconds)
 * defaults to now + 5 minutes; `aud` is always the client's API key.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const RequestTokenParams = Schema.Struct({
  iss: Schema.String.pipe(Schema.minLength(1)),
  scope: Scope,
  nonce: Schema.String.pipe(Schema.minLength(1), Schema.maxLength(255)),
  redirectUrl: Schema.String.pipe(Schema.minLength(1)),
  referenceId: Schema.String.pipe(Schema.minLength(1), Schema.maxLength(255)),
  deviceId: Schema.optional(Schema.String),
  phoneNumber: Schema.optional(Schema.String),
  exp: Schema.optional(EpochSeconds)
}).annotations({ identifier: "RequestTokenParams" })

/**
 * @since 0.1.0
 * @category Models
 */
export type RequestTokenParams = typeof RequestTokenParams.Encoded

/**
 * The verified claims of a `responseToken` (reference §E.2). `result` is `succeeded`, `declined` or
 * `bad_request`; on success `userAuthorizationId` is what the user-scoped APIs take.
 *
 * @since 0.1.0
 * @category Schemas
 */
export class ResponseToken extends Schema.Class<ResponseToken>("ResponseToken")({
  result: Schema.Literal("succeeded", "declined", "bad_request"),
  nonce: Schema.String,
  userAuthorizationId: optionalNullable(Schema.String),
  referenceId: optionalNullable(Schema.String),
  profileIdentifier: optionalNullable(Schema.String),
  aud: Schema.Union(Schema.String, Schema.Array(Schema.String)),
  iss: Schema.String,
  exp: EpochSeconds
}) {
  get succeeded(): boolean {
    return this.result === "succeeded"
  }
}

// ====== Functions ======

const REQUEST_TOKEN_LIFETIME_SECONDS = 5 * 60

const keyOf = (client: PayPayClient.Service): Uint8Array =>
  new Uint8Array(Buffer.from(Redacted.value(client.apiSecret), "base64"))

const fromJose = (cause: unknown): JwtError => {
  const detail = cause instanceof Error ? cause.message : String(cause)
  if (cause instanceof Jose.errors.JWSSignatureVerificationFailed || cause instanceof Jose.errors.JOSEAlgNotAllowed) {
    return new JwtError({ reason: "Signature", detail, cause })
  }
  if (cause instanceof Jose.errors.JWTExpired) return new JwtError({ reason: "Expired", detail, cause })
  if (cause instanceof Jose.errors.JWTClaimValidationFailed) {
    if (cause.claim === "aud") return new JwtError({ reason: "Audience", detail, cause })
    if (cause.claim === "iss") return new JwtError({ reason: "Issuer", detail, cause })
  }
  return new JwtError({ reason: "Malformed", detail, cause })
}

/**
 * Signs a `requestToken` (HS256, base64-decoded API secret, `aud` = API key; reference §E.1, §E.3).
 *
 * @since 0.1.0
 * @category Constructors
 */
export const makeRequestToken = (params: RequestTokenParams): Effect.Effect<string, JwtError, PayPayClient> =>
  Effect.gen(function* () {
    const client = yield* PayPayClient
    const claims = yield* Schema.decodeUnknown(RequestTokenParams, { errors: "all", onExcessProperty: "error" })(
      params
    ).pipe(
      Effect.mapError(
        (error) =>
          new JwtError({ reason: "Malformed", detail: ParseResult.TreeFormatter.formatErrorSync(error), cause: error })
      )
    )
    const now = Math.floor((yield* Clock.currentTimeMillis) / 1000)
    const payload: Jose.JWTPayload = {
      ...claims,
      aud: client.apiKey,
      exp: claims.exp ?? now + REQUEST_TOKEN_LIFETIME_SECONDS
    }
    return yield* Effect.tryPromise({
      try: () => new Jose.SignJWT(payload).setProtectedHeader({ alg: "HS256", typ: "JWT" }).sign(keyOf(client)),
      catch: fromJose
    })
  })

/**
 * The URL of PayPay's authorization page for a new `requestToken`:
 * `{baseUrl}/app/opa/user_authorization?apiKey=…&requestToken=…` (reference §E.1). `baseUrl` defaults to
 * {@link AUTHORIZATION_BASE_URL}; point it at the simulator in tests.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const authorizationUrl = (
  params: RequestTokenParams,
  options?: { readonly baseUrl?: string | undefined }
): Effect.Effect<string, JwtError, PayPayClient> =>
  Effect.gen(function* () {
    const client = yield* PayPayClient
    const requestToken = yield* makeRequestToken(params)
    const query = new URLSearchParams({ apiKey: client.apiKey, requestToken })
    const base = (options?.baseUrl ?? AUTHORIZATION_BASE_URL).replace(/\/+$/, "")
    return `${base}/app/opa/user_authorization?${query.toString()}`
  })

/**
 * Verifies a `responseToken`: HS256 signature over the base64-decoded API secret, `exp` after the Clock's now,
 * `aud` = the client's API key, `iss` = `paypay.ne.jp`, and `nonce` equal to the one sent (reference §E.2, §E.3).
 *
 * @since 0.1.0
 * @category Constructors
 */
export const verifyResponseToken = (
  token: string,
  expected: { readonly nonce: string }
): Effect.Effect<ResponseToken, JwtError, PayPayClient> =>
  Effect.gen(function* () {
    const client = yield* PayPayClient
    const now = yield* Clock.currentTimeMillis
    const { payload } = yield* Effect.tryPromise({
      try: () =>
        Jose.jwtVerify(token, keyOf(client), {
          algorithms: ["HS256"],
          audience: client.apiKey,
          issuer: RESPONSE_TOKEN_ISSUER,
          currentDate: new Date(now),
          requiredClaims: ["exp"]
        }),
      catch: fromJose
    })
    if (payload["nonce"] !== expected.nonce) {
      return yield* new JwtError({ reason: "Nonce", detail: "the token's nonce differs from the request's nonce" })
    }
    return yield* Schema.decodeUnknown(ResponseToken)(payload).pipe(
      Effect.mapError(
        (error) =>
          new JwtError({ reason: "Malformed", detail: ParseResult.TreeFormatter.formatErrorSync(error), cause: error })
      )
    )
  })
