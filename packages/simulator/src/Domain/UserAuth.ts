/**
 * User authorizations and account linking, as pure rules (§B.8, §C.3, §E).
 *
 * A linked user is identified by `userAuthorizationId` within a tenant. Its authorization is valid from
 * `issuedAt` for 365 days (`expireAt`, §C.3) and is extended to 365 days from each payment, balance grant or
 * re-authorization ({@link extend}); it is `ACTIVE` until the merchant unlinks (revokes) it (`INACTIVE`,
 * `revokedAt`), and carries the scopes the user granted. User-scoped APIs check, in order: known → not revoked →
 * active → not expired → scope.
 *
 * An account-link session is created by `POST /v1/qr/sessions`; the simulated user completes or declines it, and
 * PayPay answers the merchant's redirect with a `responseToken` JWT whose claims {@link responseTokenClaims} builds.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as Jst from "./Jst.js"
import { Rejection } from "./Rejection.js"

/**
 * Validity of a user authorization: 365 days (§C.3, DOC-link_user_web).
 *
 * @since 0.1.0
 * @category Models
 */
export const AUTHORIZATION_VALIDITY_SECONDS = 365 * Jst.DAY_SECONDS

/**
 * Lifetime of a `responseToken`: 5 minutes, like the request tokens of the official SDKs (§C.3).
 *
 * @since 0.1.0
 * @category Models
 */
export const RESPONSE_TOKEN_LIFETIME_SECONDS = 300

/**
 * The `iss` of PayPay's response tokens (§E.2).
 *
 * @since 0.1.0
 * @category Models
 */
export const RESPONSE_TOKEN_ISSUER = "paypay.ne.jp"

/**
 * What the rules read from a test user (structurally a `UserStore.TestUser`).
 *
 * @since 0.1.0
 * @category Models
 */
export interface LinkedUser {
  readonly userAuthorizationId: string
  readonly status: "ACTIVE" | "INACTIVE"
  readonly scopes: ReadonlyArray<string>
  readonly referenceIds: ReadonlyArray<string>
  readonly createdAt: number
  readonly issuedAt?: number | undefined
  readonly expireAt?: number | undefined
  readonly phoneNumber?: string | undefined
  /** When the merchant unlinked (revoked) the authorization. */
  readonly revokedAt?: number | undefined
}

/**
 * When the authorization was issued (defaults to the user's creation).
 *
 * @since 0.1.0
 * @category Utils
 */
export const issuedAtOf = (user: LinkedUser): number => user.issuedAt ?? user.createdAt

/**
 * When the authorization expires: `issuedAt + 365 days` unless set explicitly.
 *
 * @since 0.1.0
 * @category Utils
 */
export const expireAtOf = (user: LinkedUser): number =>
  user.expireAt ?? issuedAtOf(user) + AUTHORIZATION_VALIDITY_SECONDS

/**
 * The checks of every user-scoped API, in PayPay's documented order of codes (§B.5, §C.1): unknown
 * (`UnknownUser`), revoked by the merchant (`AuthorizationRevoked` → INVALID_USER_AUTHORIZATION_ID, ledger:
 * user.revoked), the user's account inactive (`UserNotActive`), expired (`UserAuthorizationExpired`), then the
 * scope the operation needs (`ScopeMissing` → OP_OUT_OF_SCOPE). `allowInactive` skips the revocation and status
 * checks (authorization status, unlink).
 *
 * @since 0.1.0
 * @category Guards
 */
export const check = <U extends LinkedUser>(
  user: U | undefined,
  options: {
    readonly userAuthorizationId: string
    readonly now: number
    readonly scope?: string | undefined
    readonly allowInactive?: boolean | undefined
  }
): Either.Either<U, Rejection> => {
  const { userAuthorizationId } = options
  if (user === undefined) return Either.left(Rejection.UnknownUser({ userAuthorizationId }))
  if (options.allowInactive !== true) {
    const inactive = inactivity(user)
    if (inactive !== undefined) return Either.left(inactive)
  }
  const expireAt = expireAtOf(user)
  if (options.now >= expireAt) return Either.left(Rejection.UserAuthorizationExpired({ userAuthorizationId, expireAt }))
  if (options.scope !== undefined && !user.scopes.includes(options.scope)) {
    return Either.left(Rejection.ScopeMissing({ userAuthorizationId, scope: options.scope }))
  }
  return Either.right(user)
}

/**
 * Why the user cannot pay with this authorization right now, if it is not active: revoked by the merchant
 * (`AuthorizationRevoked`, ledger: user.revoked) or the user's own account inactive (`UserNotActive`).
 *
 * @since 0.1.0
 * @category Guards
 */
export const inactivity = (user: LinkedUser): Rejection | undefined => {
  if (user.revokedAt !== undefined) {
    return Rejection.AuthorizationRevoked({ userAuthorizationId: user.userAuthorizationId, revokedAt: user.revokedAt })
  }
  return user.status === "ACTIVE"
    ? undefined
    : Rejection.UserNotActive({ userAuthorizationId: user.userAuthorizationId })
}

/**
 * The authorization after a payment, a balance grant or a re-authorization at `now`: valid for 365 days from
 * `now` ("automatically extended each time you make a payment, grant a balance or re-authorize", DOC-link_user_web;
 * ledger: user.auto-extend). An authorization that already runs longer is left as it is.
 *
 * @since 0.1.0
 * @category Transitions
 */
export const extend = <U extends LinkedUser>(user: U, now: number): U => {
  const expireAt = now + AUTHORIZATION_VALIDITY_SECONDS
  return expireAtOf(user) >= expireAt ? user : { ...user, expireAt }
}

const hash = (text: string): number => {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h
}

/**
 * The user's phone number: the one given at creation, else a stable `090xxxxxxxx` derived from the id.
 *
 * @since 0.1.0
 * @category Utils
 */
export const phoneNumberOf = (user: LinkedUser): string =>
  user.phoneNumber ?? `090${String(hash(user.userAuthorizationId) % 100_000_000).padStart(8, "0")}`

/**
 * A phone number masked as PayPay shows it: every character but the last four replaced by `*`
 * (`"*******0077"`, §E.2 `profileIdentifier`).
 *
 * @since 0.1.0
 * @category Utils
 */
export const maskPhone = (phone: string): string => `${"*".repeat(Math.max(0, phone.length - 4))}${phone.slice(-4)}`

/**
 * `DELETE /v2/user/authorizations/{id}` at `now`: the authorization is revoked (`INACTIVE`, `revokedAt = now`); later
 * user-scoped calls answer INVALID_USER_AUTHORIZATION_ID, PayPay's code for an expired or revoked authorization
 * (ledger: user.revoked). Unlinking a revoked or inactive authorization changes nothing.
 *
 * @since 0.1.0
 * @category Transitions
 */
export const unlink = <U extends LinkedUser>(user: U, now: number): U =>
  user.status === "INACTIVE" || user.revokedAt !== undefined ? user : { ...user, status: "INACTIVE", revokedAt: now }

// =============================================================================
// Account-link sessions
// =============================================================================

/**
 * @since 0.1.0
 * @category Schemas
 */
export const SessionStatus = Schema.Literal("CREATED", "COMPLETED", "DECLINED")

/**
 * An account-link QR session (`POST /v1/qr/sessions`, §B.8).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const LinkSession = Schema.Struct({
  sessionId: Schema.String,
  scopes: Schema.Array(Schema.String),
  nonce: Schema.String,
  redirectUrl: Schema.String,
  redirectType: Schema.optional(Schema.String),
  referenceId: Schema.String,
  phoneNumber: Schema.optional(Schema.String),
  deviceId: Schema.optional(Schema.String),
  userAgent: Schema.optional(Schema.String),
  createdAt: Schema.Finite,
  status: SessionStatus,
  completedAt: Schema.optional(Schema.Finite),
  userAuthorizationId: Schema.optional(Schema.String)
})

/**
 * @since 0.1.0
 * @category Models
 */
export type LinkSession = typeof LinkSession.Type

/**
 * The `POST /v1/qr/sessions` body in domain terms.
 *
 * @since 0.1.0
 * @category Models
 */
export interface CreateSessionInput {
  readonly scopes: ReadonlyArray<string>
  readonly nonce: string
  readonly redirectUrl: string
  readonly redirectType?: string | undefined
  readonly referenceId: string
  readonly phoneNumber?: string | undefined
  readonly deviceId?: string | undefined
  readonly userAgent?: string | undefined
}

const compact = <A extends object>(record: A): A =>
  Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as A

/**
 * A new session, `CREATED`.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const createSession = (
  input: CreateSessionInput,
  options: { readonly now: number; readonly sessionId: string }
): LinkSession =>
  compact<LinkSession>({
    sessionId: options.sessionId,
    scopes: input.scopes,
    nonce: input.nonce,
    redirectUrl: input.redirectUrl,
    redirectType: input.redirectType,
    referenceId: input.referenceId,
    phoneNumber: input.phoneNumber,
    deviceId: input.deviceId,
    userAgent: input.userAgent,
    createdAt: options.now,
    status: "CREATED"
  })

/**
 * The user consents (`userAuthorizationId` set) or declines (`undefined`): `CREATED` → `COMPLETED` / `DECLINED`.
 *
 * Rejections: `SessionClosed` once the session left `CREATED`.
 *
 * @since 0.1.0
 * @category Transitions
 */
export const closeSession = (
  session: LinkSession,
  options: { readonly now: number; readonly userAuthorizationId: string | undefined }
): Either.Either<LinkSession, Rejection> => {
  if (session.status !== "CREATED") {
    return Either.left(Rejection.SessionClosed({ sessionId: session.sessionId, status: session.status }))
  }
  return Either.right(
    options.userAuthorizationId === undefined
      ? { ...session, status: "DECLINED", completedAt: options.now }
      : { ...session, status: "COMPLETED", completedAt: options.now, userAuthorizationId: options.userAuthorizationId }
  )
}

/**
 * Link (or re-link) a user through a completed session: `ACTIVE` (no longer revoked), the session's scopes, the
 * session's `referenceId` added, and a fresh 365-day authorization from `now` (re-authorization extends it, §B.8;
 * ledger: user.auto-extend).
 *
 * @since 0.1.0
 * @category Transitions
 */
export const link = <U extends LinkedUser>(
  { revokedAt: _revoked, ...user }: U,
  session: LinkSession,
  now: number
): U => ({
  ...(user as U),
  status: "ACTIVE",
  scopes: session.scopes,
  referenceIds: user.referenceIds.includes(session.referenceId)
    ? user.referenceIds
    : [...user.referenceIds, session.referenceId],
  issuedAt: now,
  expireAt: now + AUTHORIZATION_VALIDITY_SECONDS
})

/**
 * The claims of the `responseToken` PayPay redirects back with (§E.2), in the order of the real sandbox token:
 * `result`, `aud` (the API key), `iss`, `profileIdentifier` (masked phone), `exp`, `nonce`, `userAuthorizationId`,
 * `referenceId`. A declined session carries no user.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const responseTokenClaims = (
  session: LinkSession,
  options: { readonly apiKey: string; readonly now: number; readonly user?: LinkedUser | undefined }
): Record<string, string | number> => {
  const user = session.status === "COMPLETED" ? options.user : undefined
  const claims: Record<string, string | number | undefined> = {
    result: user === undefined ? "declined" : "succeeded",
    aud: options.apiKey,
    iss: RESPONSE_TOKEN_ISSUER,
    profileIdentifier: user === undefined ? undefined : maskPhone(phoneNumberOf(user)),
    exp: options.now + RESPONSE_TOKEN_LIFETIME_SECONDS,
    nonce: session.nonce,
    userAuthorizationId: user?.userAuthorizationId,
    referenceId: session.referenceId
  }
  return compact(claims) as Record<string, string | number>
}
