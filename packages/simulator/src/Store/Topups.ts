/**
 * Top-up QR codes (§B.0 row 25), per {@link Tenant}: `merchantTopUpId` unique per tenant, `codeId` globally
 * unique. A simulated user tops up through a code and is credited in the same transaction (rules in
 * `Domain/Topup.ts`).
 *
 * @since 0.1.0
 */
import * as SqlClient from "@effect/sql/SqlClient"
import type { SqlError } from "@effect/sql/SqlError"
import * as Arr from "effect/Array"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Ids from "../Domain/Ids.js"
import { Rejection } from "../Domain/Rejection.js"
import * as Topup from "../Domain/Topup.js"
import * as UserAuth from "../Domain/UserAuth.js"
import { SimClock } from "../SimClock.js"
import { SimulatorConfig } from "../SimulatorConfig.js"
import type { Tenant } from "./Database.js"
import * as UserStore from "./UserStore.js"

/**
 * The tenant already has a top-up with this `merchantTopUpId`.
 *
 * @since 0.1.0
 * @category Errors
 */
export class DuplicateTopup extends Data.TaggedError("DuplicateTopup")<{ readonly merchantTopUpId: string }> {}

const TopupJson = Schema.parseJson(Topup.Topup)

interface Row {
  readonly api_key: string
  readonly merchant_id: string
  readonly doc: string
}

const first = (rows: ReadonlyArray<Row>) =>
  Option.match(Arr.head(rows), {
    onNone: () => Effect.succeedNone,
    onSome: (row) =>
      Effect.map(Effect.orDie(Schema.decodeUnknown(TopupJson)(row.doc)), (topup) =>
        Option.some({ tenant: { apiKey: row.api_key, merchantId: row.merchant_id } as Tenant, topup })
      )
  })

const write = (topup: Topup.Topup) =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const doc = yield* Effect.orDie(Schema.encode(TopupJson)(topup))
    yield* sql`UPDATE topups SET doc = ${doc} WHERE code_id = ${topup.codeId}`
  })

/**
 * `POST /v1/code/topup`: a new code, usable for the simulator's code lifetime.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const create = (
  tenant: Tenant,
  input: Topup.CreateTopupInput
): Effect.Effect<Topup.Topup, DuplicateTopup | SqlError, SqlClient.SqlClient | SimClock | SimulatorConfig> =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const config = yield* SimulatorConfig
    const topup = Topup.create(input, {
      now: yield* Effect.flatMap(SimClock, (clock) => clock.nowSeconds),
      codeId: yield* Ids.codeId,
      topUpId: yield* Ids.transactionId,
      lifetimeSeconds: config.codeLifetimeSeconds
    })
    const doc = yield* Effect.orDie(Schema.encode(TopupJson)(topup))
    const inserted = yield* sql`INSERT INTO topups (api_key, merchant_id, merchant_topup_id, code_id, doc)
      VALUES (${tenant.apiKey}, ${tenant.merchantId}, ${topup.merchantTopUpId}, ${topup.codeId}, ${doc})
      ON CONFLICT (api_key, merchant_id, merchant_topup_id) DO NOTHING
      RETURNING code_id`
    if (inserted.length === 0) return yield* new DuplicateTopup({ merchantTopUpId: input.merchantTopUpId })
    return topup
  })

/**
 * The tenant's top-up by `merchantTopUpId`.
 *
 * @since 0.1.0
 * @category Accessors
 */
export const get = (
  tenant: Tenant,
  merchantTopUpId: string
): Effect.Effect<Option.Option<Topup.Topup>, SqlError, SqlClient.SqlClient> =>
  Effect.flatMap(SqlClient.SqlClient, (sql) =>
    Effect.map(
      Effect.flatMap(
        sql<Row>`SELECT api_key, merchant_id, doc FROM topups
          WHERE api_key = ${tenant.apiKey} AND merchant_id = ${tenant.merchantId}
          AND merchant_topup_id = ${merchantTopUpId}`,
        first
      ),
      Option.map((found) => found.topup)
    )
  )

/**
 * A top-up by `codeId`; with `tenant`, only that tenant's.
 *
 * @since 0.1.0
 * @category Accessors
 */
export const locate = (
  codeId: string,
  tenant?: Tenant | undefined
): Effect.Effect<
  Option.Option<{ readonly tenant: Tenant; readonly topup: Topup.Topup }>,
  SqlError,
  SqlClient.SqlClient
> =>
  Effect.flatMap(SqlClient.SqlClient, (sql) =>
    Effect.flatMap(
      tenant === undefined
        ? sql<Row>`SELECT api_key, merchant_id, doc FROM topups WHERE code_id = ${codeId}`
        : sql<Row>`SELECT api_key, merchant_id, doc FROM topups
            WHERE code_id = ${codeId} AND api_key = ${tenant.apiKey} AND merchant_id = ${tenant.merchantId}`,
      first
    )
  )

/**
 * `DELETE /v1/code/topup/{codeId}` (`Topup.remove`): `CodeNotFound` for an unknown code.
 *
 * @since 0.1.0
 * @category Transitions
 */
export const remove = (
  tenant: Tenant,
  codeId: string
): Effect.Effect<Topup.Topup, Rejection | SqlError, SqlClient.SqlClient> =>
  Effect.flatMap(SqlClient.SqlClient, (sql) =>
    sql.withTransaction(
      Effect.gen(function* () {
        const found = yield* locate(codeId, tenant)
        if (Option.isNone(found)) return yield* Effect.fail(Rejection.CodeNotFound({ merchantPaymentId: codeId }))
        const removed = yield* Topup.remove(found.value.topup)
        yield* write(removed)
        return removed
      })
    )
  )

/**
 * The simulated user tops up `amount` through a code (control API): the user is credited.
 *
 * Rejections: `CodeNotFound` (unknown code), `UnknownUser`, and those of `Topup.topUp`.
 *
 * @since 0.1.0
 * @category Transitions
 */
export const topUp = (
  codeId: string,
  options: { readonly userAuthorizationId: string; readonly amount: number }
): Effect.Effect<
  { readonly tenant: Tenant; readonly topup: Topup.Topup },
  Rejection | SqlError,
  SqlClient.SqlClient | SimClock | UserStore.UserStore
> =>
  Effect.flatMap(SqlClient.SqlClient, (sql) =>
    sql.withTransaction(
      Effect.gen(function* () {
        const users = yield* UserStore.UserStore
        const found = yield* locate(codeId)
        if (Option.isNone(found)) return yield* Effect.fail(Rejection.CodeNotFound({ merchantPaymentId: codeId }))
        const { tenant } = found.value
        const now = yield* Effect.flatMap(SimClock, (clock) => clock.nowSeconds)
        const topup = yield* Topup.topUp(found.value.topup, { now, ...options })
        yield* users
          .update(tenant, options.userAuthorizationId, (u) => {
            const inactive = UserAuth.inactivity(u)
            return inactive === undefined
              ? Either.right([{ ...u, balance: u.balance + options.amount }, undefined] as const)
              : Either.left(inactive)
          })
          .pipe(
            Effect.catchTag("UserNotFound", (e) =>
              Effect.fail(Rejection.UnknownUser({ userAuthorizationId: e.userAuthorizationId }))
            )
          )
        yield* write(topup)
        return { tenant, topup }
      })
    )
  )
