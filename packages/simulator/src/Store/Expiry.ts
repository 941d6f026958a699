/**
 * Lazy expiry of authorizations, with the release of the money they hold (§C.3, §D).
 *
 * An authorization (`AUTHORIZED`, or `REAUTHORIZING` while a capture waits for the user) holds its amount by
 * having debited the user. When simulated time passes its `expiresAt`, it must read as `EXPIRED` and the user must
 * have the amount back, without any timer. {@link releaseExpired} does both, in one SQL transaction, for every
 * authorization due; `PaymentStore` and `UserStore` run it before each read, so no reader can see an expired
 * authorization whose money is still held. A single indexed `SELECT … LIMIT 1` comes first, so a read pays for no
 * transaction when nothing is due.
 *
 * @since 0.1.0
 */
import * as SqlClient from "@effect/sql/SqlClient"
import type { SqlError } from "@effect/sql/SqlError"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as Payment from "../Domain/Payment.js"
import { SimClock } from "../SimClock.js"
import * as WebhookOutbox from "../Webhooks/Outbox.js"

const PaymentJson = Schema.parseJson(Payment.Payment)
const decodeDoc = Schema.decodeUnknown(PaymentJson)
const encodeDoc = Schema.encode(PaymentJson)

interface DueRow {
  readonly id: number
  readonly api_key: string
  readonly merchant_id: string
  readonly doc: string
}

/**
 * Expire every authorization whose `expiresAt` has passed at simulated now and credit its held amount back to its
 * user (skipped if the user no longer exists), and record the EXPIRED webhook in the outbox in context, if any.
 * Idempotent; joins an enclosing transaction.
 *
 * @since 0.1.0
 * @category Transitions
 */
export const releaseExpired: Effect.Effect<void, SqlError, SqlClient.SqlClient | SimClock> = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  const now = yield* Effect.flatMap(SimClock, (clock) => clock.nowSeconds)
  const any = yield* sql`SELECT 1 FROM payments
    WHERE status IN ('AUTHORIZED', 'REAUTHORIZING') AND json_extract(doc, '$.expiresAt') <= ${now} LIMIT 1`
  if (any.length === 0) return
  yield* sql.withTransaction(
    Effect.gen(function* () {
      const due = yield* sql<DueRow>`SELECT id, api_key, merchant_id, doc FROM payments
        WHERE status IN ('AUTHORIZED', 'REAUTHORIZING') AND json_extract(doc, '$.expiresAt') <= ${now}`
      yield* Effect.forEach(
        due,
        (row) =>
          Effect.gen(function* () {
            const payment = yield* Effect.orDie(decodeDoc(row.doc))
            const expired = Payment.settle(payment, { now })
            if (expired.status !== "EXPIRED") return
            const doc = yield* Effect.orDie(encodeDoc(expired))
            yield* sql`UPDATE payments SET status = ${expired.status}, doc = ${doc} WHERE id = ${row.id}`
            yield* WebhookOutbox.paymentChanged(
              { apiKey: row.api_key, merchantId: row.merchant_id },
              payment.status,
              expired
            )
            const user = payment.userAuthorizationId
            if (user === undefined) return
            yield* sql`UPDATE users
              SET doc = json_set(doc, '$.balance', json_extract(doc, '$.balance') + ${payment.amount.amount})
              WHERE api_key = ${row.api_key} AND merchant_id = ${row.merchant_id}
              AND user_authorization_id = ${user}`
          }),
        { discard: true }
      )
    })
  )
})
