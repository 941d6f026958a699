/**
 * The `requestToken` of PayPay's web authorization page (`/app/opa/user_authorization?apiKey=…&requestToken=…`,
 * §E.1): an HS256 JWT signed with the base64-DECODED API secret of the credential named by `apiKey` (§E.3), with
 * the claims `iss`, `exp`, `scope`, `nonce`, `redirectUrl`, `referenceId` (required) and `deviceId`,
 * `phoneNumber`, `aud` (optional; when present `aud` must be the API key). `exp` is checked against real time, not
 * the simulator clock: the merchant's clock minted the token, as for the OPA-Auth epoch (§G), so advancing the
 * simulated time does not invalidate fresh tokens.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as Jose from "jose"
import { type Credential, SimulatorConfig } from "../SimulatorConfig.js"
import { ALL_SCOPES } from "../Store/UserStore.js"

/**
 * Why the authorization page refuses to show the consent screen.
 *
 * @since 0.1.0
 * @category Errors
 */
export class InvalidRequestToken extends Data.TaggedError("InvalidRequestToken")<{ readonly detail: string }> {
  override get message(): string {
    return this.detail
  }
}

/**
 * A verified request token.
 *
 * @since 0.1.0
 * @category Models
 */
export interface RequestToken {
  readonly credential: Credential
  /** The merchant's name (`iss`). */
  readonly issuer: string
  readonly expiresAt: number
  readonly scopes: ReadonlyArray<string>
  readonly nonce: string
  readonly redirectUrl: string
  readonly referenceId: string
  readonly deviceId?: string | undefined
  readonly phoneNumber?: string | undefined
}

const Claims = Schema.Struct({
  iss: Schema.String,
  exp: Schema.Number,
  scope: Schema.Union(Schema.String, Schema.Array(Schema.String)),
  nonce: Schema.String.pipe(Schema.minLength(1), Schema.maxLength(255)),
  redirectUrl: Schema.String,
  referenceId: Schema.String.pipe(Schema.minLength(1), Schema.maxLength(255)),
  deviceId: Schema.optional(Schema.String),
  phoneNumber: Schema.optional(Schema.String),
  aud: Schema.optional(Schema.Union(Schema.String, Schema.Array(Schema.String)))
})

const REQUIRED = ["iss", "exp", "scope", "nonce", "redirectUrl", "referenceId"]

const invalid = (detail: string) => new InvalidRequestToken({ detail })

const fromJose = (cause: unknown): InvalidRequestToken => {
  if (cause instanceof Jose.errors.JWSSignatureVerificationFailed) {
    return invalid("the signature does not match the API secret (HS256 over the base64-decoded secret, §E.3)")
  }
  if (cause instanceof Jose.errors.JWTExpired) return invalid("the request token has expired (exp)")
  return invalid(cause instanceof Error ? cause.message : String(cause))
}

const isWebUrl = (value: string): boolean => {
  try {
    const protocol = new URL(value).protocol
    return protocol === "https:" || protocol === "http:"
  } catch {
    return false
  }
}

const scopesOf = (scope: string | ReadonlyArray<string>): Either.Either<ReadonlyArray<string>, InvalidRequestToken> => {
  const scopes = (typeof scope === "string" ? scope.split(/[\s,]+/) : scope).filter((s) => s !== "")
  const unknown = scopes.filter((s) => !ALL_SCOPES.includes(s))
  if (scopes.length === 0) return Either.left(invalid("scope: no scope requested"))
  if (unknown.length > 0) return Either.left(invalid(`scope: unknown scope ${unknown.join(", ")}`))
  return Either.right(scopes)
}

/**
 * Verify `requestToken` for `apiKey`: a configured credential, HS256 signature, `exp` after now (real time),
 * the required claims, `aud` (if present) equal to the API key, an http(s) `redirectUrl` and known scopes.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const verify = (
  apiKey: string | undefined,
  requestToken: string | undefined
): Effect.Effect<RequestToken, InvalidRequestToken, SimulatorConfig> =>
  Effect.gen(function* () {
    if (apiKey === undefined || apiKey === "") return yield* invalid("apiKey is missing")
    if (requestToken === undefined || requestToken === "") return yield* invalid("requestToken is missing")
    const config = yield* SimulatorConfig
    const credential = config.credentials.find((c) => c.apiKey === apiKey)
    if (credential === undefined) return yield* invalid(`unknown apiKey ${apiKey}`)
    const now = yield* Clock.currentTimeMillis
    const { payload } = yield* Effect.tryPromise({
      try: () =>
        Jose.jwtVerify(requestToken, new Uint8Array(Buffer.from(credential.apiSecret, "base64")), {
          algorithms: ["HS256"],
          currentDate: new Date(now),
          requiredClaims: REQUIRED
        }),
      catch: fromJose
    })
    const claims = yield* Schema.decodeUnknown(Claims)(payload).pipe(
      Effect.mapError((error) => invalid(ParseResult.TreeFormatter.formatErrorSync(error)))
    )
    if (claims.aud !== undefined && !(typeof claims.aud === "string" ? [claims.aud] : claims.aud).includes(apiKey)) {
      return yield* invalid(`aud must be the API key ${apiKey}`)
    }
    if (!isWebUrl(claims.redirectUrl)) return yield* invalid("redirectUrl must be an http(s) URL")
    const scopes = yield* scopesOf(claims.scope)
    return {
      credential,
      issuer: claims.iss,
      expiresAt: claims.exp,
      scopes,
      nonce: claims.nonce,
      redirectUrl: claims.redirectUrl,
      referenceId: claims.referenceId,
      deviceId: claims.deviceId,
      phoneNumber: claims.phoneNumber
    } satisfies RequestToken
  })
