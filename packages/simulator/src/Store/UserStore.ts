/**
 * Test users: the simulated PayPay app users that pay codes, with a JPY balance, per {@link Tenant}.
 *
 * A user is identified by its `userAuthorizationId` (§B.8) within a tenant. Balances move only inside the same SQL
 * transaction as the payment change that causes them (see `Store/Transactions.ts`); reads first release the money
 * of expired authorizations (`Store/Expiry.ts`), so a balance is never stale.
 *
 * @since 0.1.0
 */
import * as Users from "@paypay-effect/sdk/Users"
import * as SqlClient from "@effect/sql/SqlClient"
import type { SqlError } from "@effect/sql/SqlError"
import * as Arr from "effect/Array"
import * as Context from "effect/Context"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Ids from "../Domain/Ids.js"
import { Rejection } from "../Domain/Payment.js"
import * as UserAuth from "../Domain/UserAuth.js"
import { SimClock } from "../SimClock.js"
import * as WebhookOutbox from "../Webhooks/Outbox.js"
import type { Tenant } from "./Database.js"
import { makeRelease } from "./Expiry.js"
import { Sqlite } from "./Sqlite.js"

// =============================================================================
// Models
// =============================================================================

/**
 * @since 0.1.0
 * @category Schemas
 */
export const UserStatus = Schema.Literal("ACTIVE", "INACTIVE")

/**
 * @since 0.1.0
 * @category Models
 */
export type UserStatus = typeof UserStatus.Type

/**
 * A simulated PayPay user and its authorization. `balance` is in JPY; times are epoch seconds. The authorization
 * runs from `issuedAt` (default `createdAt`) to `expireAt` (default `issuedAt` + 365 days, §C.3);
 * `phoneNumber` defaults to a stable number derived from the id (see `Domain/UserAuth.ts`).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const TestUser = Schema.Struct({
  userAuthorizationId: Schema.String,
  balance: Schema.Number,
  scopes: Schema.Array(Schema.String),
  status: UserStatus,
  referenceIds: Schema.Array(Schema.String),
  createdAt: Schema.Number,
  issuedAt: Schema.optional(Schema.Number),
  expireAt: Schema.optional(Schema.Number),
  phoneNumber: Schema.optional(Schema.String),
  revokedAt: Schema.optional(Schema.Number)
})

/**
 * @since 0.1.0
 * @category Models
 */
export type TestUser = typeof TestUser.Type

/**
 * Every account-link scope (§B.8); the default for new users.
 *
 * @since 0.1.0
 * @category Models
 */
export const ALL_SCOPES: ReadonlyArray<string> = Users.Scope.literals

/**
 * Balance of a new user when none is given: 100,000 JPY.
 *
 * @since 0.1.0
 * @category Models
 */
export const DEFAULT_BALANCE = 100_000

/**
 * @since 0.1.0
 * @category Models
 */
export interface CreateUserInput {
  /** Generated (UUID v4 shape) when absent. */
  readonly userAuthorizationId?: string | undefined
  readonly balance?: number | undefined
  readonly scopes?: ReadonlyArray<string> | undefined
  readonly status?: UserStatus | undefined
  readonly referenceIds?: ReadonlyArray<string> | undefined
  readonly phoneNumber?: string | undefined
  /** Start of the authorization (default: now). */
  readonly issuedAt?: number | undefined
  /** End of the authorization (default: `issuedAt` + 365 days). */
  readonly expireAt?: number | undefined
}

/**
 * Pure update for {@link UserStore.Service.update}: take `amount` JPY from an `ACTIVE` user; with `extendAt`, a
 * payment made with the user's authorization at that instant, which extends it (`UserAuth.extend`, ledger:
 * user.auto-extend). `debit(0)` only checks that the user is active.
 *
 * Rejections: `AuthorizationRevoked`, `UserNotActive`, `NoSufficientFund`.
 *
 * @since 0.1.0
 * @category Utils
 */
export const debit =
  (amount: number, extendAt?: number | undefined) =>
  (user: TestUser): Either.Either<readonly [TestUser, TestUser], Rejection> => {
    const inactive = UserAuth.inactivity(user)
    if (inactive !== undefined) return Either.left(inactive)
    if (user.balance < amount)
      return Either.left(Rejection.NoSufficientFund({ balance: user.balance, required: amount }))
    const debited = { ...user, balance: user.balance - amount }
    const next = extendAt === undefined ? debited : UserAuth.extend(debited, extendAt)
    return Either.right([next, next])
  }

/**
 * Pure update for {@link UserStore.Service.update}: give `amount` JPY back (refund, cancel, released
 * authorization), or grant it (cashback: pass `extendAt`, the grant extends the authorization, ledger:
 * user.auto-extend). Never rejects, whatever the user's status.
 *
 * @since 0.1.0
 * @category Utils
 */
export const credit =
  (amount: number, extendAt?: number | undefined) =>
  (user: TestUser): Either.Either<readonly [TestUser, TestUser], never> => {
    const credited = { ...user, balance: user.balance + amount }
    const next = extendAt === undefined ? credited : UserAuth.extend(credited, extendAt)
    return Either.right([next, next])
  }

// =============================================================================
// Errors
// =============================================================================

/**
 * The tenant already has a user with this `userAuthorizationId`.
 *
 * @since 0.1.0
 * @category Errors
 */
export class DuplicateUser extends Data.TaggedError("DuplicateUser")<{ readonly userAuthorizationId: string }> {}

/**
 * No such user in the tenant (→ INVALID_USER_AUTHORIZATION_ID at the HTTP edge).
 *
 * @since 0.1.0
 * @category Errors
 */
export class UserNotFound extends Data.TaggedError("UserNotFound")<{ readonly userAuthorizationId: string }> {}

// =============================================================================
// Service
// =============================================================================

/**
 * @since 0.1.0
 * @category Context
 */
export class UserStore extends Context.Tag("simulator/UserStore")<UserStore, UserStore.Service>() {}

/**
 * @since 0.1.0
 * @category Models
 */
export declare namespace UserStore {
  /**
   * @since 0.1.0
   * @category Models
   */
  export interface Service {
    /** Create a user (defaults: generated id, 100,000 JPY, all scopes, `ACTIVE`, no reference ids). */
    readonly create: (tenant: Tenant, input?: CreateUserInput) => Effect.Effect<TestUser, DuplicateUser | SqlError>
    readonly get: (tenant: Tenant, userAuthorizationId: string) => Effect.Effect<Option.Option<TestUser>, SqlError>
    /** Check-and-set in one transaction (joins an enclosing transaction), like `PaymentStore.update`. */
    readonly update: <A, E>(
      tenant: Tenant,
      userAuthorizationId: string,
      f: (user: TestUser) => Either.Either<readonly [TestUser, A], E>
    ) => Effect.Effect<readonly [TestUser, A], E | UserNotFound | SqlError>
    /** The tenant's users, oldest first. */
    readonly list: (tenant: Tenant) => Effect.Effect<ReadonlyArray<TestUser>, SqlError>
    /** Delete the tenant's users, or all users when `tenant` is omitted. */
    readonly reset: (tenant?: Tenant) => Effect.Effect<void, SqlError>
  }
}

const UserJson = Schema.parseJson(TestUser)
const decodeDoc = (doc: string) => Effect.orDie(Schema.decodeUnknown(UserJson)(doc))
const encodeDoc = (user: TestUser) => Effect.orDie(Schema.encode(UserJson)(user))

/**
 * What the user store needs: `SqlClient` and `Sqlite` (from `Database.layer`) and `SimClock`.
 *
 * @since 0.1.0
 * @category Models
 */
export type Requirements = SqlClient.SqlClient | Sqlite | SimClock

/**
 * @since 0.1.0
 * @category Constructors
 */
export const make: Effect.Effect<UserStore.Service, never, Requirements> = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  const clock = yield* SimClock

  const create = (tenant: Tenant, input: CreateUserInput = {}) =>
    sql.withTransaction(
      Effect.gen(function* () {
        const user: TestUser = {
          userAuthorizationId: input.userAuthorizationId ?? (yield* Ids.userAuthorizationId),
          balance: input.balance ?? DEFAULT_BALANCE,
          scopes: input.scopes ?? ALL_SCOPES,
          status: input.status ?? "ACTIVE",
          referenceIds: input.referenceIds ?? [],
          createdAt: yield* clock.nowSeconds,
          ...(input.issuedAt === undefined ? {} : { issuedAt: input.issuedAt }),
          ...(input.expireAt === undefined ? {} : { expireAt: input.expireAt }),
          ...(input.phoneNumber === undefined ? {} : { phoneNumber: input.phoneNumber })
        }
        const doc = yield* encodeDoc(user)
        const inserted = yield* sql`INSERT INTO users (api_key, merchant_id, user_authorization_id, doc)
        VALUES (${tenant.apiKey}, ${tenant.merchantId}, ${user.userAuthorizationId}, ${doc})
        ON CONFLICT (api_key, merchant_id, user_authorization_id) DO NOTHING
        RETURNING id`
        if (inserted.length === 0) return yield* new DuplicateUser({ userAuthorizationId: user.userAuthorizationId })
        return user
      })
    )

  const outbox = yield* Effect.serviceOption(WebhookOutbox.Outbox)
  const release = makeRelease({ sql, sqlite: yield* Sqlite, clock, outbox }).ifDue

  const get = (tenant: Tenant, userAuthorizationId: string) =>
    Effect.flatMap(
      Effect.zipRight(
        release,
        sql<{ readonly doc: string }>`SELECT doc FROM users
        WHERE api_key = ${tenant.apiKey} AND merchant_id = ${tenant.merchantId}
        AND user_authorization_id = ${userAuthorizationId}`
      ),
      (rows) =>
        Option.match(Arr.head(rows), {
          onNone: () => Effect.succeedNone,
          onSome: (row) => Effect.asSome(decodeDoc(row.doc))
        })
    )

  const update = <A, E>(
    tenant: Tenant,
    userAuthorizationId: string,
    f: (user: TestUser) => Either.Either<readonly [TestUser, A], E>
  ) =>
    sql.withTransaction(
      Effect.gen(function* () {
        const current = yield* get(tenant, userAuthorizationId)
        if (Option.isNone(current)) return yield* new UserNotFound({ userAuthorizationId })
        const [next, result] = yield* f(current.value)
        if (next.userAuthorizationId !== userAuthorizationId) {
          return yield* Effect.dieMessage("UserStore.update: userAuthorizationId is immutable")
        }
        const doc = yield* encodeDoc(next)
        yield* sql`UPDATE users SET doc = ${doc}
        WHERE api_key = ${tenant.apiKey} AND merchant_id = ${tenant.merchantId}
        AND user_authorization_id = ${userAuthorizationId}`
        return [next, result] as const
      })
    )

  const list = (tenant: Tenant) =>
    Effect.flatMap(
      Effect.zipRight(
        release,
        sql<{ readonly doc: string }>`SELECT doc FROM users
        WHERE api_key = ${tenant.apiKey} AND merchant_id = ${tenant.merchantId} ORDER BY id`
      ),
      (rows) => Effect.forEach(rows, (row) => decodeDoc(row.doc))
    )

  const reset = (tenant?: Tenant) =>
    Effect.asVoid(
      tenant === undefined
        ? sql`DELETE FROM users`
        : sql`DELETE FROM users WHERE api_key = ${tenant.apiKey} AND merchant_id = ${tenant.merchantId}`
    )

  return UserStore.of({ create, get, update, list, reset })
})

/**
 * User store; requires `SqlClient` and `Sqlite` (from `Database.layer`) and `SimClock`.
 *
 * @since 0.1.0
 * @category Layers
 */
export const layer: Layer.Layer<UserStore, never, Requirements> = Layer.effect(UserStore, make)
