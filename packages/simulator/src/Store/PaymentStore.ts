/**
 * Payments, persisted in SQLite, isolated per {@link Tenant}.
 *
 * Each payment is one row: the `Domain/Payment` document as JSON plus indexed columns (`merchant_payment_id`
 * unique per tenant, `payment_id` and `code_id` globally unique). A `refunds` table maps each tenant's
 * `merchantRefundId` to its payment. Reads apply `Payment.settle` at the simulated now, so refund settlement and
 * expiry are visible without timers; before reading, expired authorizations are ended and their money released
 * (`Store/Expiry.ts`). `update` runs read → check → write in one SQL transaction, so concurrent requests cannot
 * both pass a check (double refunds, double payments). A status change that PayPay notifies (COMPLETED, AUTHORIZED,
 * CANCELED, …) is recorded in the webhook outbox within the same transaction, when the store was built with one.
 *
 * The request hot paths run as synchronous steps on prepared statements (`Store/Sqlite.ts`): every single-row read,
 * and an `insert` that indexes no refunds and notifies nothing (one `INSERT`, no transaction). The rest goes
 * through `SqlClient`.
 *
 * @since 0.1.0
 */
import * as SqlClient from "@effect/sql/SqlClient"
import type { SqlError } from "@effect/sql/SqlError"
import * as Arr from "effect/Array"
import * as Context from "effect/Context"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Payment from "../Domain/Payment.js"
import { SimClock } from "../SimClock.js"
import * as Events from "../Webhooks/Events.js"
import * as WebhookOutbox from "../Webhooks/Outbox.js"
import type { Tenant } from "./Database.js"
import { makeRelease } from "./Expiry.js"
import * as PaymentDoc from "./PaymentDoc.js"
import { type Db, Sqlite } from "./Sqlite.js"

// =============================================================================
// Errors
// =============================================================================

/**
 * `insert` found the tenant's `merchantPaymentId` already taken (→ DUPLICATE_DYNAMIC_QR_REQUEST for codes, §C.4).
 *
 * @since 0.1.0
 * @category Errors
 */
export class DuplicatePayment extends Data.TaggedError("DuplicatePayment")<{
  readonly merchantPaymentId: string
}> {}

/**
 * No payment for the key within the tenant.
 *
 * @since 0.1.0
 * @category Errors
 */
export class PaymentNotFound extends Data.TaggedError("PaymentNotFound")<{
  readonly lookup: "merchantPaymentId" | "paymentId" | "codeId"
  readonly id: string
}> {}

/**
 * An `update` added a refund whose `merchantRefundId` the tenant already used on another payment. The transaction
 * is rolled back.
 *
 * @since 0.1.0
 * @category Errors
 */
export class DuplicateRefund extends Data.TaggedError("DuplicateRefund")<{
  readonly merchantRefundId: string
  /** The payment that owns the existing refund. */
  readonly merchantPaymentId: string
}> {}

// =============================================================================
// Service
// =============================================================================

/**
 * A payment together with the tenant that owns it (global lookups from the user side).
 *
 * @since 0.1.0
 * @category Models
 */
export interface Located {
  readonly tenant: Tenant
  readonly payment: Payment.Payment
}

/**
 * @since 0.1.0
 * @category Context
 */
export class PaymentStore extends Context.Tag("simulator/PaymentStore")<PaymentStore, PaymentStore.Service>() {}

/**
 * @since 0.1.0
 * @category Models
 */
export declare namespace PaymentStore {
  /**
   * @since 0.1.0
   * @category Models
   */
  export interface Service {
    /**
     * Store a new payment; fails with `DuplicatePayment` if the tenant already has its `merchantPaymentId`
     * (`DuplicateRefund` only if the new document carries refunds whose ids the tenant already used).
     */
    readonly insert: (
      tenant: Tenant,
      payment: Payment.Payment
    ) => Effect.Effect<Payment.Payment, DuplicatePayment | DuplicateRefund | SqlError>
    readonly get: (tenant: Tenant, merchantPaymentId: string) => Effect.Effect<Option.Option<Payment.Payment>, SqlError>
    readonly getByCodeId: (tenant: Tenant, codeId: string) => Effect.Effect<Option.Option<Payment.Payment>, SqlError>
    readonly getByPaymentId: (
      tenant: Tenant,
      paymentId: string
    ) => Effect.Effect<Option.Option<Payment.Payment>, SqlError>
    /** Find a code's payment across all tenants (the user's app knows only the code). */
    readonly locateByCodeId: (codeId: string) => Effect.Effect<Option.Option<Located>, SqlError>
    /** Find a payment by PayPay `paymentId` across all tenants (control API). */
    readonly locateByPaymentId: (paymentId: string) => Effect.Effect<Option.Option<Located>, SqlError>
    /** A tenant's refund by `merchantRefundId`, with its payment. */
    readonly findRefund: (
      tenant: Tenant,
      merchantRefundId: string
    ) => Effect.Effect<Option.Option<{ readonly refund: Payment.Refund; readonly payment: Payment.Payment }>, SqlError>
    /**
     * Check-and-set in one transaction: read the (settled) payment, run `f`, write the new document when `f`
     * returns `Right([payment, a])`, nothing when it returns `Left(e)` (which becomes the failure). Nested inside
     * another `sql.withTransaction`, it joins that transaction (savepoint).
     */
    readonly update: <A, E>(
      tenant: Tenant,
      merchantPaymentId: string,
      f: (payment: Payment.Payment) => Either.Either<readonly [Payment.Payment, A], E>
    ) => Effect.Effect<readonly [Payment.Payment, A], E | PaymentNotFound | DuplicateRefund | SqlError>
    /** `update` for transitions that return only the new payment. */
    readonly modify: <E>(
      tenant: Tenant,
      merchantPaymentId: string,
      f: (payment: Payment.Payment) => Either.Either<Payment.Payment, E>
    ) => Effect.Effect<Payment.Payment, E | PaymentNotFound | DuplicateRefund | SqlError>
    /** The tenant's payments, oldest first. */
    readonly list: (tenant: Tenant) => Effect.Effect<ReadonlyArray<Payment.Payment>, SqlError>
    /**
     * The tenant's payments of one user and amount started (authorized, else accepted) after an instant, newest
     * first: the candidates of the similar-transaction rule (§C.4), found through an index on real columns.
     */
    readonly recentByUser: (
      tenant: Tenant,
      userAuthorizationId: string,
      filter: RecentFilter
    ) => Effect.Effect<ReadonlyArray<Payment.Payment>, SqlError>
    /** Delete the tenant's payments and refunds, or everything when `tenant` is omitted. */
    readonly reset: (tenant?: Tenant) => Effect.Effect<void, SqlError>
  }
}

/**
 * The filter of `recentByUser`.
 *
 * @since 0.1.0
 * @category Models
 */
export interface RecentFilter {
  /** The amount in yen. */
  readonly amount: number
  /** Epoch seconds: only payments started strictly after it. */
  readonly startedAfter: number
}

/**
 * @since 0.1.0
 * @category Config
 */
export interface Options {
  /** Seconds before a `CREATED` refund reads as `REFUNDED` (default `Payment.DEFAULT_REFUND_SETTLE_SECONDS`). */
  readonly refundSettleSeconds?: number | undefined
}

interface DocRow {
  readonly api_key: string
  readonly merchant_id: string
  readonly doc: string
}

const INSERT_PAYMENT = `INSERT INTO payments
  (api_key, merchant_id, merchant_payment_id, payment_id, code_id, kind, status, doc,
   user_authorization_id, amount, started_at, expires_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (api_key, merchant_id, merchant_payment_id) DO NOTHING`
const SELECT_DOC = "SELECT api_key, merchant_id, doc FROM payments"
const BY_MERCHANT_PAYMENT_ID = `${SELECT_DOC} WHERE api_key = ? AND merchant_id = ? AND merchant_payment_id = ?`
const BY_CODE_ID = `${SELECT_DOC} WHERE api_key = ? AND merchant_id = ? AND code_id = ?`
const BY_PAYMENT_ID = `${SELECT_DOC} WHERE api_key = ? AND merchant_id = ? AND payment_id = ?`
const LOCATE_BY_CODE_ID = `${SELECT_DOC} WHERE code_id = ?`
const LOCATE_BY_PAYMENT_ID = `${SELECT_DOC} WHERE payment_id = ?`

const encodeDoc = (payment: Payment.Payment) => Effect.sync(() => PaymentDoc.encode(payment))

/** What a synchronous read answers instead of its row when an authorization is due for release first. */
const DUE = Symbol("due")

/**
 * @since 0.1.0
 * @category Constructors
 */
export const make = (
  options: Options = {}
): Effect.Effect<PaymentStore.Service, never, SqlClient.SqlClient | Sqlite | SimClock> =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const sqlite = yield* Sqlite
    const clock = yield* SimClock
    const outbox = yield* Effect.serviceOption(WebhookOutbox.Outbox)
    const notify = (tenant: Tenant, before: Payment.PaymentStatus | undefined, after: Payment.Payment) =>
      Option.isSome(outbox) ? outbox.value.paymentChanged(tenant, before, after) : Effect.void

    const settled = (doc: string, now: number) =>
      Payment.settle(PaymentDoc.decode(doc), { now, refundSettleSeconds: options.refundSettleSeconds })
    const read = (doc: string) => Effect.map(clock.nowSeconds, (now) => settled(doc, now))

    const release = makeRelease({ sql, sqlite, clock, outbox })
    const fresh = <A>(query: Effect.Effect<A, SqlError>) => Effect.zipRight(release.ifDue, query)

    /** One row at simulated now, after releasing what expired (checked in the same synchronous step). */
    const freshRow = <A>(query: (db: Db) => DocRow | undefined, use: (row: DocRow, payment: Payment.Payment) => A) =>
      Effect.flatMap(clock.nowSeconds, (now) => {
        const found = (row: DocRow | undefined) =>
          row === undefined ? Option.none<A>() : Option.some(use(row, settled(row.doc, now)))
        return Effect.flatMap(
          sqlite.run((db) => (release.isDue(db, now) ? DUE : found(query(db)))),
          (result) =>
            result === DUE
              ? Effect.zipRight(
                  release.due(now),
                  sqlite.run((db) => found(query(db)))
                )
              : Effect.succeed(result)
        )
      })

    const payment = (_: DocRow, payment: Payment.Payment) => payment
    const located = (row: DocRow, payment: Payment.Payment): Located => ({
      tenant: { apiKey: row.api_key, merchantId: row.merchant_id },
      payment
    })

    const readFirst = (rows: ReadonlyArray<DocRow>) => {
      const row = rows[0]
      return row === undefined ? Effect.succeedNone : Effect.asSome(read(row.doc))
    }

    const indexRefunds = (tenant: Tenant, merchantPaymentId: string, refunds: ReadonlyArray<Payment.Refund>) =>
      Effect.forEach(
        refunds,
        (refund) =>
          Effect.gen(function* () {
            yield* sql`INSERT INTO refunds (api_key, merchant_id, merchant_refund_id, merchant_payment_id)
            VALUES (${tenant.apiKey}, ${tenant.merchantId}, ${refund.merchantRefundId}, ${merchantPaymentId})
            ON CONFLICT (api_key, merchant_id, merchant_refund_id) DO NOTHING`
            const owners = yield* sql<{ readonly merchant_payment_id: string }>`SELECT merchant_payment_id FROM refunds
            WHERE api_key = ${tenant.apiKey} AND merchant_id = ${tenant.merchantId}
            AND merchant_refund_id = ${refund.merchantRefundId}`
            const owner = owners[0]?.merchant_payment_id
            if (owner !== undefined && owner !== merchantPaymentId) {
              return yield* new DuplicateRefund({ merchantRefundId: refund.merchantRefundId, merchantPaymentId: owner })
            }
          }),
        { discard: true }
      )

    const insertRow = (tenant: Tenant, payment: Payment.Payment) =>
      Effect.suspend(() => {
        const doc = PaymentDoc.encode(payment)
        const c = PaymentDoc.columns(payment)
        return sqlite.run(
          (db) =>
            db.run(
              INSERT_PAYMENT,
              tenant.apiKey,
              tenant.merchantId,
              payment.merchantPaymentId,
              payment.paymentId,
              payment.code?.codeId ?? null,
              payment.kind,
              payment.status,
              doc,
              c.user_authorization_id,
              c.amount,
              c.started_at,
              c.expires_at
            ) === 1
        )
      }).pipe(
        Effect.flatMap((inserted) =>
          inserted
            ? Effect.succeed(payment)
            : Effect.fail(new DuplicatePayment({ merchantPaymentId: payment.merchantPaymentId }))
        )
      )

    const insert = (tenant: Tenant, payment: Payment.Payment) =>
      payment.refunds.length === 0 && Events.transactionState(undefined, payment.status) === undefined
        ? insertRow(tenant, payment)
        : sql.withTransaction(
            insertRow(tenant, payment).pipe(
              Effect.zipLeft(indexRefunds(tenant, payment.merchantPaymentId, payment.refunds)),
              Effect.zipLeft(notify(tenant, undefined, payment))
            )
          )

    const get = (tenant: Tenant, merchantPaymentId: string) =>
      freshRow(
        (db) => db.get<DocRow>(BY_MERCHANT_PAYMENT_ID, tenant.apiKey, tenant.merchantId, merchantPaymentId),
        payment
      )

    const getByCodeId = (tenant: Tenant, codeId: string) =>
      freshRow((db) => db.get<DocRow>(BY_CODE_ID, tenant.apiKey, tenant.merchantId, codeId), payment)

    const getByPaymentId = (tenant: Tenant, paymentId: string) =>
      freshRow((db) => db.get<DocRow>(BY_PAYMENT_ID, tenant.apiKey, tenant.merchantId, paymentId), payment)

    const locateByCodeId = (codeId: string) => freshRow((db) => db.get<DocRow>(LOCATE_BY_CODE_ID, codeId), located)

    const locateByPaymentId = (paymentId: string) =>
      freshRow((db) => db.get<DocRow>(LOCATE_BY_PAYMENT_ID, paymentId), located)

    const findRefund = (tenant: Tenant, merchantRefundId: string) =>
      Effect.flatMap(
        fresh(sql<DocRow>`SELECT p.api_key, p.merchant_id, p.doc FROM refunds r
          JOIN payments p ON p.api_key = r.api_key AND p.merchant_id = r.merchant_id
            AND p.merchant_payment_id = r.merchant_payment_id
          WHERE r.api_key = ${tenant.apiKey} AND r.merchant_id = ${tenant.merchantId}
          AND r.merchant_refund_id = ${merchantRefundId}`),
        (rows) =>
          Effect.map(
            readFirst(rows),
            Option.flatMap((payment) =>
              Option.map(
                Arr.findFirst(payment.refunds, (refund) => refund.merchantRefundId === merchantRefundId),
                (refund) => ({ refund, payment })
              )
            )
          )
      )

    const update = <A, E>(
      tenant: Tenant,
      merchantPaymentId: string,
      f: (payment: Payment.Payment) => Either.Either<readonly [Payment.Payment, A], E>
    ) =>
      sql.withTransaction(
        Effect.gen(function* () {
          const current = yield* get(tenant, merchantPaymentId)
          if (Option.isNone(current)) {
            return yield* new PaymentNotFound({ lookup: "merchantPaymentId", id: merchantPaymentId })
          }
          const [next, result] = yield* f(current.value)
          if (next.merchantPaymentId !== merchantPaymentId || next.paymentId !== current.value.paymentId) {
            return yield* Effect.dieMessage("PaymentStore.update: merchantPaymentId and paymentId are immutable")
          }
          const known = new Set(current.value.refunds.map((refund) => refund.merchantRefundId))
          yield* indexRefunds(
            tenant,
            merchantPaymentId,
            next.refunds.filter((r) => !known.has(r.merchantRefundId))
          )
          const doc = yield* encodeDoc(next)
          const c = PaymentDoc.columns(next)
          yield* sql`UPDATE payments SET status = ${next.status}, code_id = ${next.code?.codeId ?? null}, doc = ${doc},
          user_authorization_id = ${c.user_authorization_id}, amount = ${c.amount}, started_at = ${c.started_at},
          expires_at = ${c.expires_at}
          WHERE api_key = ${tenant.apiKey} AND merchant_id = ${tenant.merchantId}
          AND merchant_payment_id = ${merchantPaymentId}`
          yield* notify(tenant, current.value.status, next)
          return [next, result] as const
        })
      )

    const modify = <E>(
      tenant: Tenant,
      merchantPaymentId: string,
      f: (payment: Payment.Payment) => Either.Either<Payment.Payment, E>
    ) =>
      Effect.map(
        update(tenant, merchantPaymentId, (payment) => Either.map(f(payment), (next) => [next, undefined] as const)),
        ([payment]) => payment
      )

    const list = (tenant: Tenant) =>
      Effect.flatMap(
        fresh(sql<DocRow>`SELECT api_key, merchant_id, doc FROM payments
          WHERE api_key = ${tenant.apiKey} AND merchant_id = ${tenant.merchantId} ORDER BY id`),
        (rows) => Effect.forEach(rows, (row) => read(row.doc))
      )

    const recentByUser = (tenant: Tenant, userAuthorizationId: string, filter: RecentFilter) =>
      Effect.flatMap(
        fresh(sql<DocRow>`SELECT api_key, merchant_id, doc FROM payments
          WHERE api_key = ${tenant.apiKey} AND merchant_id = ${tenant.merchantId}
          AND user_authorization_id = ${userAuthorizationId} AND amount = ${filter.amount}
          AND started_at > ${filter.startedAfter} ORDER BY id DESC`),
        (rows) => Effect.forEach(rows, (row) => read(row.doc))
      )

    const reset = (tenant?: Tenant) =>
      sql
        .withTransaction(
          tenant === undefined
            ? Effect.zipRight(sql`DELETE FROM refunds`, sql`DELETE FROM payments`)
            : Effect.zipRight(
                sql`DELETE FROM refunds WHERE api_key = ${tenant.apiKey} AND merchant_id = ${tenant.merchantId}`,
                sql`DELETE FROM payments WHERE api_key = ${tenant.apiKey} AND merchant_id = ${tenant.merchantId}`
              )
        )
        .pipe(Effect.asVoid)

    return PaymentStore.of({
      insert,
      get,
      getByCodeId,
      getByPaymentId,
      locateByCodeId,
      locateByPaymentId,
      findRefund,
      update,
      modify,
      list,
      recentByUser,
      reset
    })
  })

/**
 * Payment store with custom options; requires `SqlClient` and `Sqlite` (from `Database.layer`) and `SimClock`.
 *
 * @since 0.1.0
 * @category Layers
 */
export const layerWith = (
  options: Options
): Layer.Layer<PaymentStore, never, SqlClient.SqlClient | Sqlite | SimClock> =>
  Layer.effect(PaymentStore, make(options))

/**
 * Payment store with default options (refunds settle after 5 s).
 *
 * @since 0.1.0
 * @category Layers
 */
export const layer: Layer.Layer<PaymentStore, never, SqlClient.SqlClient | Sqlite | SimClock> = layerWith({})
