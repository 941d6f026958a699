/**
 * Cashback (§B.9): each merchant's campaign wallet, cashbacks and their reversals, per {@link Tenant}. Money moves
 * between the campaign wallet and the user in the same SQL transaction that accepts the request; the details
 * endpoints reveal the outcome later (rules in `Domain/Cashback.ts`).
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
import * as Cashback from "../Domain/Cashback.js"
import * as Ids from "../Domain/Ids.js"
import type { Rejection } from "../Domain/Rejection.js"
import { SimClock } from "../SimClock.js"
import { requireUser } from "./Authorizations.js"
import type { Tenant } from "./Database.js"
import * as UserStore from "./UserStore.js"

/**
 * A `merchantCashbackId` already used for another cashback (another user or amount).
 *
 * @since 0.1.0
 * @category Errors
 */
export class CashbackIdReused extends Data.TaggedError("CashbackIdReused")<{ readonly merchantCashbackId: string }> {}

const CashbackJson = Schema.parseJson(Cashback.Cashback)
const ReversalJson = Schema.parseJson(Cashback.Reversal)

/**
 * @since 0.1.0
 * @category Models
 */
export type Requirements = SqlClient.SqlClient | SimClock | UserStore.UserStore

const nowSeconds = Effect.flatMap(SimClock, (clock) => clock.nowSeconds)

/**
 * The tenant's campaign wallet balance (JPY); {@link Cashback.DEFAULT_CAMPAIGN_BALANCE} until set.
 *
 * @since 0.1.0
 * @category Accessors
 */
export const campaignBalance = (tenant: Tenant): Effect.Effect<number, SqlError, SqlClient.SqlClient> =>
  Effect.flatMap(SqlClient.SqlClient, (sql) =>
    Effect.map(
      sql<{ readonly balance: number }>`SELECT balance FROM campaign_wallets
        WHERE api_key = ${tenant.apiKey} AND merchant_id = ${tenant.merchantId}`,
      (rows) => rows[0]?.balance ?? Cashback.DEFAULT_CAMPAIGN_BALANCE
    )
  )

/**
 * Set the tenant's campaign wallet balance (JPY, a non-negative integer; control API).
 *
 * @since 0.1.0
 * @category Transitions
 */
export const setCampaignBalance = (
  tenant: Tenant,
  balance: number
): Effect.Effect<void, SqlError, SqlClient.SqlClient> =>
  Effect.flatMap(SqlClient.SqlClient, (sql) =>
    Effect.asVoid(sql`INSERT INTO campaign_wallets (api_key, merchant_id, balance)
      VALUES (${tenant.apiKey}, ${tenant.merchantId}, ${Math.max(0, Math.floor(balance))})
      ON CONFLICT (api_key, merchant_id) DO UPDATE SET balance = excluded.balance`)
  )

const moveCampaign = (tenant: Tenant, delta: number) =>
  Effect.flatMap(campaignBalance(tenant), (balance) => setCampaignBalance(tenant, balance + delta))

/**
 * A cashback of the tenant by `merchantCashbackId`.
 *
 * @since 0.1.0
 * @category Accessors
 */
export const get = (
  tenant: Tenant,
  merchantCashbackId: string
): Effect.Effect<Option.Option<Cashback.Cashback>, SqlError, SqlClient.SqlClient> =>
  Effect.flatMap(SqlClient.SqlClient, (sql) =>
    Effect.flatMap(
      sql<{ readonly doc: string }>`SELECT doc FROM cashbacks
        WHERE api_key = ${tenant.apiKey} AND merchant_id = ${tenant.merchantId}
        AND merchant_cashback_id = ${merchantCashbackId}`,
      (rows) =>
        Option.match(Arr.head(rows), {
          onNone: () => Effect.succeedNone,
          onSome: (row) => Effect.asSome(Effect.orDie(Schema.decodeUnknown(CashbackJson)(row.doc)))
        })
    )
  )

const put = (tenant: Tenant, cashback: Cashback.Cashback) =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const doc = yield* Effect.orDie(Schema.encode(CashbackJson)(cashback))
    yield* sql`INSERT INTO cashbacks (api_key, merchant_id, merchant_cashback_id, doc)
      VALUES (${tenant.apiKey}, ${tenant.merchantId}, ${cashback.merchantCashbackId}, ${doc})
      ON CONFLICT (api_key, merchant_id, merchant_cashback_id) DO UPDATE SET doc = excluded.doc`
  })

/**
 * `POST /v2/cashback`: accept a cashback for a linked user with the `cashback` scope. A new `merchantCashbackId`
 * is `SUCCESS` (campaign debited, user credited, the user's authorization extended: a balance grant, ledger:
 * user.auto-extend) when the campaign wallet covers it, else `FAILURE`; a known one is a replay (`replayed: true`,
 * nothing moves) when it names the same user and amount, else `CashbackIdReused` (ledger: cashback.id-reuse).
 *
 * @since 0.1.0
 * @category Transitions
 */
export const give = (
  tenant: Tenant,
  input: Cashback.GiveInput
): Effect.Effect<
  { readonly cashback: Cashback.Cashback; readonly replayed: boolean },
  Rejection | CashbackIdReused | SqlError,
  Requirements
> =>
  Effect.flatMap(SqlClient.SqlClient, (sql) =>
    sql.withTransaction(
      Effect.gen(function* () {
        const users = yield* UserStore.UserStore
        yield* requireUser(tenant, input.userAuthorizationId, { scope: "cashback" })
        const existing = yield* get(tenant, input.merchantCashbackId)
        if (Option.isSome(existing)) {
          if (!Cashback.isSameGive(existing.value, input)) {
            return yield* new CashbackIdReused({ merchantCashbackId: input.merchantCashbackId })
          }
          return { cashback: existing.value, replayed: true }
        }
        const cashback = Cashback.give(input, {
          now: yield* nowSeconds,
          cashbackId: yield* Ids.transactionId,
          campaignBalance: yield* campaignBalance(tenant)
        })
        if (cashback.outcome === "SUCCESS") {
          yield* moveCampaign(tenant, -cashback.amount.amount)
          yield* users
            .update(tenant, cashback.userAuthorizationId, UserStore.credit(cashback.amount.amount, cashback.acceptedAt))
            .pipe(Effect.catchTag("UserNotFound", Effect.die))
        }
        yield* put(tenant, cashback)
        return { cashback, replayed: false }
      })
    )
  )

/**
 * A reversal of the tenant by its two ids (both must match).
 *
 * @since 0.1.0
 * @category Accessors
 */
export const getReversal = (
  tenant: Tenant,
  merchantCashbackReversalId: string,
  merchantCashbackId?: string | undefined
): Effect.Effect<Option.Option<Cashback.Reversal>, SqlError, SqlClient.SqlClient> =>
  Effect.flatMap(SqlClient.SqlClient, (sql) =>
    Effect.flatMap(
      sql<{ readonly doc: string }>`SELECT doc FROM cashback_reversals
        WHERE api_key = ${tenant.apiKey} AND merchant_id = ${tenant.merchantId}
        AND merchant_cashback_reversal_id = ${merchantCashbackReversalId}`,
      (rows) =>
        Option.match(Arr.head(rows), {
          onNone: () => Effect.succeedNone,
          onSome: (row) =>
            Effect.map(Effect.orDie(Schema.decodeUnknown(ReversalJson)(row.doc)), (reversal) =>
              merchantCashbackId === undefined || reversal.merchantCashbackId === merchantCashbackId
                ? Option.some(reversal)
                : Option.none()
            )
        })
    )
  )

/**
 * `POST /v2/cashback_reversal`: accept a reversal. `SUCCESS` takes back at most what the user has (user debited,
 * campaign credited, the cashback's `reversed` increased); `FAILURE` moves nothing. A known
 * `merchantCashbackReversalId` is a replay.
 *
 * @since 0.1.0
 * @category Transitions
 */
export const reverse = (
  tenant: Tenant,
  input: Cashback.ReverseInput
): Effect.Effect<{ readonly reversal: Cashback.Reversal; readonly replayed: boolean }, SqlError, Requirements> =>
  Effect.flatMap(SqlClient.SqlClient, (sql) =>
    sql.withTransaction(
      Effect.gen(function* () {
        const users = yield* UserStore.UserStore
        const existing = yield* getReversal(tenant, input.merchantCashbackReversalId)
        if (Option.isSome(existing)) return { reversal: existing.value, replayed: true }
        const cashback = Option.getOrUndefined(yield* get(tenant, input.merchantCashbackId))
        const user = cashback === undefined ? Option.none() : yield* users.get(tenant, cashback.userAuthorizationId)
        const reversal = Cashback.reverse(cashback, input, {
          now: yield* nowSeconds,
          cashbackReversalId: yield* Ids.transactionId,
          userBalance: Option.match(user, { onNone: () => 0, onSome: (u) => u.balance })
        })
        const taken = reversal.amount.amount
        if (cashback !== undefined && reversal.outcome === "SUCCESS") {
          yield* users
            .update(tenant, cashback.userAuthorizationId, (u) =>
              Either.right([{ ...u, balance: u.balance - taken }, undefined] as const)
            )
            .pipe(Effect.catchTag("UserNotFound", Effect.die))
          yield* moveCampaign(tenant, taken)
          yield* put(tenant, { ...cashback, reversed: cashback.reversed + taken })
        }
        const doc = yield* Effect.orDie(Schema.encode(ReversalJson)(reversal))
        yield* sql`INSERT INTO cashback_reversals (api_key, merchant_id, merchant_cashback_reversal_id, doc)
          VALUES (${tenant.apiKey}, ${tenant.merchantId}, ${reversal.merchantCashbackReversalId}, ${doc})`
        return { reversal, replayed: false }
      })
    )
  )
