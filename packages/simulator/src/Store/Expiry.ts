/**
 * Lazy expiry of authorizations, with the release of the money they hold (§C.3, §D).
 *
 * An authorization (`AUTHORIZED`, or `REAUTHORIZING` while a capture waits for the user) holds its amount by
 * having debited the user. When simulated time passes its `expiresAt`, it must read as `EXPIRED` and the user must
 * have the amount back, without any timer. {@link releaseExpired} does both, in one SQL transaction, for every
 * authorization due; `PaymentStore` and `UserStore` run it before each read, so no reader can see an expired
 * authorization whose money is still held. A single `SELECT … LIMIT 1` on the partial index of held authorizations
 * (`payments_held_until`, keyed by the `expires_at` column) comes first, run synchronously
 * (`Store/Sqlite.ts`), so a read pays for no transaction, and almost nothing, when nothing is due.
 *
 * @since 0.1.0
 */
import * as SqlClient from "@effect/sql/SqlClient"
import type { SqlError } from "@effect/sql/SqlError"
import type * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import type * as Option from "effect/Option"
import * as Payment from "../Domain/Payment.js"
import { SimClock } from "../SimClock.js"
import * as WebhookOutbox from "../Webhooks/Outbox.js"
import * as PaymentDoc from "./PaymentDoc.js"
import { type Db, Sqlite } from "./Sqlite.js"

const ANY_DUE = `SELECT 1 FROM payments
  WHERE status IN ('AUTHORIZED', 'REAUTHORIZING') AND expires_at <= ? LIMIT 1`

const anyDue = (db: Db, now: number) => db.get(ANY_DUE, now) !== undefined

interface DueRow {
  readonly id: number
  readonly api_key: string
  readonly merchant_id: string
  readonly doc: string
}

/** The release transaction for every authorization due at `now` (no check first). */
const releaseDue = (now: number): Effect.Effect<void, SqlError, SqlClient.SqlClient> =>
  Effect.flatMap(SqlClient.SqlClient, (sql) =>
    sql.withTransaction(
      Effect.gen(function* () {
        const due = yield* sql<DueRow>`SELECT id, api_key, merchant_id, doc FROM payments
          WHERE status IN ('AUTHORIZED', 'REAUTHORIZING') AND expires_at <= ${now}`
        yield* Effect.forEach(
          due,
          (row) =>
            Effect.gen(function* () {
              const payment = PaymentDoc.decode(row.doc)
              const expired = Payment.settle(payment, { now })
              if (expired.status !== "EXPIRED") return
              const doc = PaymentDoc.encode(expired)
              yield* sql`UPDATE payments SET status = ${expired.status}, doc = ${doc} WHERE id = ${row.id}`
              yield* WebhookOutbox.paymentChanged(
                { apiKey: row.api_key, merchantId: row.merchant_id },
                payment.status,
                expired
              )
              const user = payment.userAuthorizationId
              if (user === undefined) return
              const users = yield* sql<{ readonly id: number; readonly doc: string }>`SELECT id, doc FROM users
                WHERE api_key = ${row.api_key} AND merchant_id = ${row.merchant_id}
                AND user_authorization_id = ${user}`
              const holder = users[0]
              if (holder === undefined) return
              const credited = JSON.parse(holder.doc) as { balance: number }
              credited.balance += payment.amount.amount
              yield* sql`UPDATE users SET doc = ${JSON.stringify(credited)} WHERE id = ${holder.id}`
            }),
          { discard: true }
        )
      })
    )
  )

/**
 * What {@link releaseExpired} needs.
 *
 * @since 0.1.0
 * @category Models
 */
export type Requirements = SqlClient.SqlClient | Sqlite | SimClock

/**
 * Expire every authorization whose `expiresAt` has passed at simulated now and credit its held amount back to its
 * user (skipped if the user no longer exists), and record the EXPIRED webhook in the outbox in context, if any.
 * Idempotent; joins an enclosing transaction.
 *
 * @since 0.1.0
 * @category Transitions
 */
export const releaseExpired: Effect.Effect<void, SqlError, Requirements> = Effect.gen(function* () {
  const now = yield* Effect.flatMap(SimClock, (clock) => clock.nowSeconds)
  const due = yield* Effect.flatMap(Sqlite, (sqlite) => sqlite.run((db) => anyDue(db, now)))
  if (due) yield* releaseDue(now)
})

/**
 * {@link releaseExpired} bound to a store's services (and its outbox, if any) once, for a store that releases before
 * every read.
 *
 * @since 0.1.0
 * @category Models
 */
export interface Release {
  /** Whether an authorization is due at `now`: one indexed lookup, for use inside `Sqlite.run`. */
  readonly isDue: (db: Db, now: number) => boolean
  /** Release everything due at `now` (the transaction, without the check). */
  readonly due: (now: number) => Effect.Effect<void, SqlError>
  /** {@link releaseExpired}: the synchronous check, then the transaction only when something is due. */
  readonly ifDue: Effect.Effect<void, SqlError>
}

/**
 * @since 0.1.0
 * @category Constructors
 */
export const makeRelease = (services: {
  readonly sql: SqlClient.SqlClient
  readonly sqlite: Context.Tag.Service<Sqlite>
  readonly clock: Context.Tag.Service<SimClock>
  readonly outbox: Option.Option<WebhookOutbox.Outbox.Service>
}): Release => {
  const due = (now: number) =>
    releaseDue(now).pipe(
      Effect.provideService(SqlClient.SqlClient, services.sql),
      WebhookOutbox.provideOption(services.outbox)
    )
  const ifDue = Effect.flatMap(services.clock.nowSeconds, (now) =>
    Effect.flatMap(
      services.sqlite.run((db) => anyDue(db, now)),
      (found) => (found ? due(now) : Effect.void)
    )
  )
  return { isDue: anyDue, due, ifDue }
}
