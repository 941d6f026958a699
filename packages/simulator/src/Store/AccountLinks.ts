/**
 * Account-link QR sessions (`POST /v1/qr/sessions`, §B.8, §E.1) and their completion by the simulated user, which
 * links a test user and answers with the `responseToken` JWT exactly as PayPay signs it: HS256 over the
 * base64-DECODED API secret of the merchant's credential, `aud` = its API key, `iss` = `paypay.ne.jp` (§E.2, §E.3;
 * ledger: user.response-token).
 *
 * @since 0.1.0
 */
import * as SqlClient from "@effect/sql/SqlClient"
import type { SqlError } from "@effect/sql/SqlError"
import * as Arr from "effect/Array"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Jose from "jose"
import * as Ids from "../Domain/Ids.js"
import { Rejection } from "../Domain/Rejection.js"
import * as UserAuth from "../Domain/UserAuth.js"
import { SimClock } from "../SimClock.js"
import { SimulatorConfig } from "../SimulatorConfig.js"
import * as WebhookOutbox from "../Webhooks/Outbox.js"
import type { Tenant } from "./Database.js"
import * as UserStore from "./UserStore.js"

const SessionJson = Schema.parseJson(UserAuth.LinkSession)
const decodeDoc = (doc: string) => Effect.orDie(Schema.decodeUnknown(SessionJson)(doc))
const encodeDoc = (session: UserAuth.LinkSession) => Effect.orDie(Schema.encode(SessionJson)(session))

/**
 * The hosted page of a session: `{publicUrl}/link/{sessionId}` (the `linkQRCodeURL`).
 *
 * @since 0.1.0
 * @category Utils
 */
export const linkUrl = (publicUrl: string, sessionId: string): string =>
  `${publicUrl.replace(/\/+$/, "")}/link/${encodeURIComponent(sessionId)}`

/**
 * Store a new `CREATED` session for the tenant.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const create = (
  tenant: Tenant,
  input: UserAuth.CreateSessionInput
): Effect.Effect<UserAuth.LinkSession, SqlError, SqlClient.SqlClient | SimClock> =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const now = yield* Effect.flatMap(SimClock, (clock) => clock.nowSeconds)
    const session = UserAuth.createSession(input, { now, sessionId: yield* Ids.sessionId })
    const doc = yield* encodeDoc(session)
    yield* sql`INSERT INTO link_sessions (session_id, api_key, merchant_id, doc)
      VALUES (${session.sessionId}, ${tenant.apiKey}, ${tenant.merchantId}, ${doc})`
    return session
  })

/**
 * A session with its tenant, found by id across tenants (the user only knows the QR code).
 *
 * @since 0.1.0
 * @category Accessors
 */
export const locate = (
  sessionId: string
): Effect.Effect<
  Option.Option<{ readonly tenant: Tenant; readonly session: UserAuth.LinkSession }>,
  SqlError,
  SqlClient.SqlClient
> =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const rows = yield* sql<{ readonly api_key: string; readonly merchant_id: string; readonly doc: string }>`
      SELECT api_key, merchant_id, doc FROM link_sessions WHERE session_id = ${sessionId}`
    return yield* Option.match(Arr.head(rows), {
      onNone: () => Effect.succeedNone,
      onSome: (row) =>
        Effect.map(decodeDoc(row.doc), (session) =>
          Option.some({ tenant: { apiKey: row.api_key, merchantId: row.merchant_id }, session })
        )
    })
  })

/**
 * Sign claims as PayPay signs a `responseToken`: HS256, header `{"typ":"JWT","alg":"HS256"}`, key = the
 * base64-decoded API secret (§E.3).
 *
 * @since 0.1.0
 * @category Constructors
 */
export const signResponseToken = (claims: Jose.JWTPayload, apiSecret: string): Effect.Effect<string> =>
  Effect.promise(() =>
    new Jose.SignJWT(claims)
      .setProtectedHeader({ typ: "JWT", alg: "HS256" })
      .sign(new Uint8Array(Buffer.from(apiSecret, "base64")))
  )

/**
 * The result of the user's answer on the account-link page.
 *
 * @since 0.1.0
 * @category Models
 */
export interface LinkResult {
  readonly tenant: Tenant
  readonly session: UserAuth.LinkSession
  /** The linked user; absent when the user declined. */
  readonly user: UserStore.TestUser | undefined
  /** The `responseToken` JWT (`result` `succeeded` or `declined`). */
  readonly responseToken: string
  /** Where PayPay redirects the user: `redirectUrl` with `responseToken` added to its query. */
  readonly redirectTo: string
}

/**
 * How the user answers: consent (optionally as an existing or chosen `userAuthorizationId`, with a starting
 * `balance` for a new user) or decline.
 *
 * @since 0.1.0
 * @category Models
 */
export interface Answer {
  readonly decline?: boolean | undefined
  readonly userAuthorizationId?: string | undefined
  readonly balance?: number | undefined
}

const redirectWith = (redirectUrl: string, responseToken: string): string => {
  try {
    const url = new URL(redirectUrl)
    url.searchParams.set("responseToken", responseToken)
    return url.toString()
  } catch {
    return `${redirectUrl}${redirectUrl.includes("?") ? "&" : "?"}responseToken=${encodeURIComponent(responseToken)}`
  }
}

const notify = (
  tenant: Tenant,
  answer: {
    readonly session: UserAuth.LinkSession
    readonly user: UserStore.TestUser | undefined
    readonly existing: UserStore.TestUser | undefined
    readonly now: number
  }
) =>
  Effect.gen(function* () {
    const { existing, now, session, user } = answer
    if (user === undefined) {
      return yield* WebhookOutbox.customerChanged(tenant, { _tag: "Failed", session, reason: "USER_DECLINED" }, now)
    }
    yield* WebhookOutbox.customerChanged(tenant, { _tag: "Succeeded", session, user }, now)
    if (existing?.status === "ACTIVE" && UserAuth.expireAtOf(existing) > now) {
      yield* WebhookOutbox.customerChanged(tenant, { _tag: "Extended", user }, now)
    }
  })

/**
 * The user answers the account-link QR. On consent, the tenant's user `userAuthorizationId` is linked (re-linked
 * if it exists: `ACTIVE`, the session's scopes, a fresh 365-day authorization, the `referenceId` added), or a new
 * user is created with those. The session closes either way. The customer webhook is recorded in the same
 * transaction: `succeeded` (plus `extended` when an active authorization was renewed) or `failed` (§B.10).
 *
 * Rejections: `SessionNotFound`, `SessionClosed` (answered already).
 *
 * @since 0.1.0
 * @category Transitions
 */
export const answer = (
  sessionId: string,
  options: Answer = {}
): Effect.Effect<
  LinkResult,
  Rejection | SqlError,
  SqlClient.SqlClient | SimClock | UserStore.UserStore | SimulatorConfig
> =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const users = yield* UserStore.UserStore
    const config = yield* SimulatorConfig
    return yield* sql.withTransaction(
      Effect.gen(function* () {
        const now = yield* Effect.flatMap(SimClock, (clock) => clock.nowSeconds)
        const found = yield* locate(sessionId)
        if (Option.isNone(found)) return yield* Effect.fail(Rejection.SessionNotFound({ sessionId }))
        const { session, tenant } = found.value
        let user: UserStore.TestUser | undefined
        let existing: Option.Option<UserStore.TestUser> = Option.none()
        if (options.decline !== true) {
          const id = options.userAuthorizationId ?? (yield* Ids.userAuthorizationId)
          existing = yield* users.get(tenant, id)
          user = Option.isSome(existing)
            ? (yield* users
                .update(tenant, id, (u) => Either.right([UserAuth.link(u, session, now), undefined] as const))
                .pipe(Effect.catchTag("UserNotFound", Effect.die)))[0]
            : yield* users
                .create(tenant, {
                  userAuthorizationId: id,
                  balance: options.balance,
                  scopes: session.scopes,
                  referenceIds: [session.referenceId],
                  phoneNumber: session.phoneNumber,
                  issuedAt: now
                })
                .pipe(Effect.catchTag("DuplicateUser", Effect.die))
        }
        const closed = yield* UserAuth.closeSession(session, { now, userAuthorizationId: user?.userAuthorizationId })
        const doc = yield* encodeDoc(closed)
        yield* sql`UPDATE link_sessions SET doc = ${doc} WHERE session_id = ${sessionId}`
        yield* notify(tenant, { session, user, existing: Option.getOrUndefined(existing), now })
        const credential = config.credentials.find((c) => c.apiKey === tenant.apiKey)
        if (credential === undefined) return yield* Effect.dieMessage(`no credential for API key ${tenant.apiKey}`)
        const claims = UserAuth.responseTokenClaims(closed, { apiKey: tenant.apiKey, now, user })
        const responseToken = yield* signResponseToken(claims, credential.apiSecret)
        return {
          tenant,
          session: closed,
          user,
          responseToken,
          redirectTo: redirectWith(closed.redirectUrl, responseToken)
        } satisfies LinkResult
      })
    )
  })
