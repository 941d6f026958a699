/**
 * User authorizations as the user-scoped APIs see them (§B.8): the checks every such API runs, unlink and the
 * link of a user through an account-link session.
 *
 * @since 0.1.0
 */
import * as SqlClient from "@effect/sql/SqlClient"
import type { SqlError } from "@effect/sql/SqlError"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import type { Rejection } from "../Domain/Rejection.js"
import * as UserAuth from "../Domain/UserAuth.js"
import { SimClock } from "../SimClock.js"
import * as WebhookOutbox from "../Webhooks/Outbox.js"
import type { Tenant } from "./Database.js"
import { type TestUser, UserStore } from "./UserStore.js"

/**
 * The user behind `userAuthorizationId`, after `UserAuth.check` at simulated now: `UnknownUser`, `UserNotActive`,
 * `UserAuthorizationExpired` or `ScopeMissing` otherwise.
 *
 * @since 0.1.0
 * @category Accessors
 */
export const requireUser = (
  tenant: Tenant,
  userAuthorizationId: string,
  options: { readonly scope?: string | undefined; readonly allowInactive?: boolean | undefined } = {}
): Effect.Effect<TestUser, Rejection | SqlError, UserStore | SimClock> =>
  Effect.gen(function* () {
    const users = yield* UserStore
    const now = yield* Effect.flatMap(SimClock, (clock) => clock.nowSeconds)
    const user = yield* users.get(tenant, userAuthorizationId)
    return yield* UserAuth.check(Option.getOrUndefined(user), { userAuthorizationId, now, ...options })
  })

/**
 * `DELETE /v2/user/authorizations/{id}`: the authorization is revoked (`INACTIVE`, `revokedAt`; unknown or expired
 * ones are rejected; an inactive one stays as it is). Revoking an active one records the `revoked` customer webhook.
 *
 * @since 0.1.0
 * @category Transitions
 */
export const unlink = (
  tenant: Tenant,
  userAuthorizationId: string
): Effect.Effect<TestUser, Rejection | SqlError, UserStore | SimClock | SqlClient.SqlClient> =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const users = yield* UserStore
    return yield* sql.withTransaction(
      Effect.gen(function* () {
        const before = yield* requireUser(tenant, userAuthorizationId, { allowInactive: true })
        const now = yield* Effect.flatMap(SimClock, (clock) => clock.nowSeconds)
        const [user] = yield* users
          .update(tenant, userAuthorizationId, (u) => Either.right([UserAuth.unlink(u, now), undefined] as const))
          .pipe(Effect.catchTag("UserNotFound", Effect.die))
        if (before.status === "ACTIVE") {
          yield* WebhookOutbox.customerChanged(tenant, { _tag: "Revoked", user }, now)
        }
        return user
      })
    )
  })
