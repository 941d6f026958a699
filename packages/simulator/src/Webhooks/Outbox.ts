/**
 * The webhook outbox: events recorded in SQLite IN THE SAME TRANSACTION as the state change that caused them
 * (the stores call {@link paymentChanged} / {@link customerChanged} inside their check-and-set transactions), the
 * per-tenant settings (`Webhooks/Settings.ts`), the delivery log, and the queries and wake-up signal of the
 * delivery worker (`Webhooks/Delivery.ts`). A rolled-back change leaves no event; a committed one is never lost,
 * even if the simulator stops before delivering it.
 *
 * An event is recorded only when the tenant has an endpoint (its own or the default). Switches act when it is
 * recorded: `maintenance` → `skipped`, `drop` → `dropped`, `duplicate` → two copies, `delayMillis` → a later first
 * attempt, `reorder` → held for a short window, the batch delivered newest first. Times are real (Effect `Clock`)
 * epoch milliseconds.
 *
 * @since 0.1.0
 */
import * as SqlClient from "@effect/sql/SqlClient"
import type { SqlError } from "@effect/sql/SqlError"
import * as Context from "effect/Context"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Queue from "effect/Queue"
import * as Ids from "../Domain/Ids.js"
import type * as Payment from "../Domain/Payment.js"
import type { Tenant } from "../Store/Database.js"
import * as Events from "./Events.js"
import type { Attempt, Endpoint, Event, EventStatus, Switches, SwitchesPatch } from "./Models.js"
import { REORDER_WINDOW_MILLIS } from "./Models.js"
import * as Settings from "./Settings.js"

/**
 * An event as the delivery worker sees it.
 *
 * @since 0.1.0
 * @category Models
 */
export interface Pending {
  readonly id: number
  readonly tenant: Tenant
  readonly body: string
  readonly attempts: number
  readonly copies: number
  readonly reversed: boolean
}

/**
 * What an attempt led to: the event's next status (and, for `pending`, when to try again).
 *
 * @since 0.1.0
 * @category Models
 */
export type Next = { readonly status: "pending"; readonly at: number } | { readonly status: "delivered" | "failed" }

/**
 * @since 0.1.0
 * @category Context
 */
export class Outbox extends Context.Tag("simulator/WebhookOutbox")<Outbox, Outbox.Service>() {}

/**
 * @since 0.1.0
 * @category Models
 */
export declare namespace Outbox {
  /**
   * @since 0.1.0
   * @category Models
   */
  export interface Service {
    /** Record a payment's status change (joins the caller's transaction); no-op when it sends no webhook. */
    readonly paymentChanged: (
      tenant: Tenant,
      before: Payment.PaymentStatus | undefined,
      after: Payment.Payment
    ) => Effect.Effect<void, SqlError>
    /** Record a user-authorization change at simulated `now` (epoch seconds; joins the caller's transaction). */
    readonly customerChanged: (
      tenant: Tenant,
      change: Events.CustomerChange,
      now: number
    ) => Effect.Effect<void, SqlError>
    /** Record a prepared event (joins the caller's transaction). */
    readonly record: (tenant: Tenant, draft: Events.Draft) => Effect.Effect<void, SqlError>
    readonly settings: Settings.Settings
    readonly endpoint: (tenant: Tenant) => Effect.Effect<Endpoint>
    readonly switches: (tenant: Tenant) => Effect.Effect<Switches>
    readonly setSwitches: (tenant: Tenant, patch: SwitchesPatch) => Effect.Effect<Switches, SqlError>
    /** The tenant's events, oldest first, optionally of one status. */
    readonly events: (
      tenant: Tenant,
      filter?: { readonly status?: EventStatus | undefined }
    ) => Effect.Effect<ReadonlyArray<Event>, SqlError>
    /** The tenant's delivery attempts, oldest first, optionally of one event. */
    readonly attempts: (
      tenant: Tenant,
      filter?: { readonly eventId?: number | undefined }
    ) => Effect.Effect<ReadonlyArray<Attempt>, SqlError>
    /** Deliver one event of the tenant again, whatever its status (a fresh round of retries, one copy). */
    readonly redeliver: (tenant: Tenant, eventId: number) => Effect.Effect<Option.Option<Event>, SqlError>
    /** Deliver every `failed` event of the tenant again; returns how many. */
    readonly redeliverFailed: (tenant: Tenant) => Effect.Effect<number, SqlError>
    /** Wake the delivery worker. */
    readonly wake: Effect.Effect<void>
    /** Wait for a wake-up. */
    readonly awaitWake: Effect.Effect<void>
    /** Pending events due at `now`, oldest first. */
    readonly due: (now: number, limit: number) => Effect.Effect<ReadonlyArray<Pending>, SqlError>
    /** When the earliest pending event is due. */
    readonly nextDue: Effect.Effect<Option.Option<number>, SqlError>
    /** Log an attempt and move the event on, in one transaction. */
    readonly complete: (event: Pending, attempt: Attempt, next: Next | undefined) => Effect.Effect<void, SqlError>
  }
}

interface EventRow {
  readonly id: number
  readonly merchant_id: string
  readonly notification_type: string
  readonly subject: string
  readonly state: string | null
  readonly status: EventStatus
  readonly attempts: number
  readonly copies: number
  readonly created_at: number
  readonly next_attempt_at: number
  readonly payload: string
}

interface AttemptRow {
  readonly event_id: number
  readonly attempt: number
  readonly at: number
  readonly url: string
  readonly status: number | null
  readonly latency_ms: number
  readonly error: string | null
  readonly outcome: Attempt["outcome"]
}

const toEvent = (row: EventRow): Event => ({
  id: row.id,
  merchantId: row.merchant_id,
  notificationType: row.notification_type,
  subject: row.subject,
  ...(row.state === null ? {} : { state: row.state }),
  status: row.status,
  attempts: row.attempts,
  copies: row.copies,
  createdAt: row.created_at,
  nextAttemptAt: row.next_attempt_at,
  payload: JSON.parse(row.payload) as unknown
})

const toAttempt = (row: AttemptRow): Attempt => ({
  eventId: row.event_id,
  attempt: row.attempt,
  at: row.at,
  url: row.url,
  ...(row.status === null ? {} : { status: row.status }),
  latencyMillis: row.latency_ms,
  ...(row.error === null ? {} : { error: row.error }),
  outcome: row.outcome
})

/**
 * @since 0.1.0
 * @category Constructors
 */
export const make = (defaults: Settings.Defaults = {}): Effect.Effect<Outbox.Service, SqlError, SqlClient.SqlClient> =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const settings = yield* Settings.make(sql, defaults)
    const signal = yield* Queue.sliding<void>(1)
    const wake = Effect.asVoid(Queue.offer(signal, undefined))

    const firstAttemptAt = (tenant: Tenant, switches: Switches, now: number) =>
      Effect.gen(function* () {
        if (!switches.reorder) return now + switches.delayMillis
        const open = yield* sql<{ readonly due: number | null }>`SELECT MAX(next_attempt_at) AS due
          FROM webhook_events WHERE api_key = ${tenant.apiKey} AND merchant_id = ${tenant.merchantId}
          AND status = 'pending' AND reversed = 1 AND attempts = 0 AND next_attempt_at > ${now}`
        return open[0]?.due ?? now + Math.max(switches.delayMillis, REORDER_WINDOW_MILLIS)
      })

    const record = (tenant: Tenant, draft: Events.Draft) =>
      Effect.gen(function* () {
        if ((yield* settings.target(tenant)) === undefined) return
        const switches = yield* settings.switches(tenant)
        const now = yield* Clock.currentTimeMillis
        const status: EventStatus = switches.maintenance ? "skipped" : switches.drop ? "dropped" : "pending"
        const next = status === "pending" ? yield* firstAttemptAt(tenant, switches, now) : now
        yield* sql`INSERT INTO webhook_events (api_key, merchant_id, notification_type, subject, state, payload,
          status, attempts, copies, reversed, created_at, next_attempt_at)
          VALUES (${tenant.apiKey}, ${tenant.merchantId}, ${draft.notificationType}, ${draft.subject},
          ${draft.state ?? null}, ${JSON.stringify(draft.payload)}, ${status}, 0, ${switches.duplicate ? 2 : 1},
          ${switches.reorder ? 1 : 0}, ${now}, ${next})`
        if (status === "pending") yield* wake
      })

    const paymentChanged = (tenant: Tenant, before: Payment.PaymentStatus | undefined, after: Payment.Payment) =>
      Events.transactionState(before, after.status) === undefined
        ? Effect.void
        : Effect.flatMap(settings.target(tenant), (target) => {
            const draft = target === undefined ? undefined : Events.transaction(tenant, before, after)
            return draft === undefined ? Effect.void : record(tenant, draft)
          })

    const customerChanged = (tenant: Tenant, change: Events.CustomerChange, now: number) =>
      Effect.gen(function* () {
        if ((yield* settings.target(tenant)) === undefined) return
        yield* record(tenant, Events.customer(change, { now, notificationId: yield* Ids.uuid }))
      })

    const events = (tenant: Tenant, filter: { readonly status?: EventStatus | undefined } = {}) =>
      Effect.map(
        filter.status === undefined
          ? sql<EventRow>`SELECT * FROM webhook_events
            WHERE api_key = ${tenant.apiKey} AND merchant_id = ${tenant.merchantId} ORDER BY id`
          : sql<EventRow>`SELECT * FROM webhook_events
            WHERE api_key = ${tenant.apiKey} AND merchant_id = ${tenant.merchantId} AND status = ${filter.status}
            ORDER BY id`,
        (rows) => rows.map(toEvent)
      )

    const attempts = (tenant: Tenant, filter: { readonly eventId?: number | undefined } = {}) =>
      Effect.map(
        filter.eventId === undefined
          ? sql<AttemptRow>`SELECT * FROM webhook_attempts
            WHERE api_key = ${tenant.apiKey} AND merchant_id = ${tenant.merchantId} ORDER BY id`
          : sql<AttemptRow>`SELECT * FROM webhook_attempts
            WHERE api_key = ${tenant.apiKey} AND merchant_id = ${tenant.merchantId} AND event_id = ${filter.eventId}
            ORDER BY id`,
        (rows) => rows.map(toAttempt)
      )

    const redeliver = (tenant: Tenant, eventId: number) =>
      Effect.gen(function* () {
        const now = yield* Clock.currentTimeMillis
        const rows = yield* sql<EventRow>`UPDATE webhook_events
          SET status = 'pending', attempts = 0, copies = 1, reversed = 0, next_attempt_at = ${now}
          WHERE id = ${eventId} AND api_key = ${tenant.apiKey} AND merchant_id = ${tenant.merchantId}
          RETURNING *`
        if (rows.length > 0) yield* wake
        return Option.map(Option.fromNullable(rows[0]), toEvent)
      })

    const redeliverFailed = (tenant: Tenant) =>
      Effect.gen(function* () {
        const now = yield* Clock.currentTimeMillis
        const rows = yield* sql<{ readonly id: number }>`UPDATE webhook_events
          SET status = 'pending', attempts = 0, copies = 1, reversed = 0, next_attempt_at = ${now}
          WHERE api_key = ${tenant.apiKey} AND merchant_id = ${tenant.merchantId} AND status = 'failed'
          RETURNING id`
        if (rows.length > 0) yield* wake
        return rows.length
      })

    const due = (now: number, limit: number) =>
      Effect.map(
        sql<{
          readonly id: number
          readonly api_key: string
          readonly merchant_id: string
          readonly payload: string
          readonly attempts: number
          readonly copies: number
          readonly reversed: number
        }>`SELECT id, api_key, merchant_id, payload, attempts, copies, reversed FROM webhook_events
          WHERE status = 'pending' AND next_attempt_at <= ${now} ORDER BY id LIMIT ${limit}`,
        (rows) =>
          rows.map(
            (row): Pending => ({
              id: row.id,
              tenant: { apiKey: row.api_key, merchantId: row.merchant_id },
              body: row.payload,
              attempts: row.attempts,
              copies: row.copies,
              reversed: row.reversed === 1
            })
          )
      )

    const nextDue = Effect.map(
      sql<{ readonly due: number | null }>`SELECT MIN(next_attempt_at) AS due FROM webhook_events
        WHERE status = 'pending'`,
      (rows) => Option.fromNullable(rows[0]?.due)
    )

    const complete = (event: Pending, attempt: Attempt, next: Next | undefined) =>
      sql.withTransaction(
        Effect.gen(function* () {
          yield* sql`INSERT INTO webhook_attempts (event_id, api_key, merchant_id, attempt, at, url, status,
            latency_ms, error, outcome)
            VALUES (${event.id}, ${event.tenant.apiKey}, ${event.tenant.merchantId}, ${attempt.attempt},
            ${attempt.at}, ${attempt.url}, ${attempt.status ?? null}, ${attempt.latencyMillis},
            ${attempt.error ?? null}, ${attempt.outcome})`
          if (next === undefined) return
          yield* next.status === "pending"
            ? sql`UPDATE webhook_events SET attempts = ${attempt.attempt}, next_attempt_at = ${next.at}
              WHERE id = ${event.id} AND status = 'pending'`
            : sql`UPDATE webhook_events SET attempts = ${attempt.attempt}, status = ${next.status}
              WHERE id = ${event.id} AND status = 'pending'`
        })
      )

    return Outbox.of({
      paymentChanged,
      customerChanged,
      record,
      settings,
      endpoint: settings.endpoint,
      switches: settings.switches,
      setSwitches: settings.setSwitches,
      events,
      attempts,
      redeliver,
      redeliverFailed,
      wake,
      awaitWake: Queue.take(signal),
      due,
      nextDue,
      complete
    })
  })

/**
 * The outbox over the simulator's database; `defaults` is the simulator-wide endpoint.
 *
 * @since 0.1.0
 * @category Layers
 */
export const layer = (defaults: Settings.Defaults = {}): Layer.Layer<Outbox, SqlError, SqlClient.SqlClient> =>
  Layer.effect(Outbox, make(defaults))

/**
 * Record a payment's status change through the outbox in context, if any (stores built without one record
 * nothing).
 *
 * @since 0.1.0
 * @category Recording
 */
export const paymentChanged = (
  tenant: Tenant,
  before: Payment.PaymentStatus | undefined,
  after: Payment.Payment
): Effect.Effect<void, SqlError> =>
  Effect.flatMap(
    Effect.serviceOption(Outbox),
    Option.match({ onNone: () => Effect.void, onSome: (outbox) => outbox.paymentChanged(tenant, before, after) })
  )

/**
 * Record a user-authorization change through the outbox in context, if any.
 *
 * @since 0.1.0
 * @category Recording
 */
export const customerChanged = (
  tenant: Tenant,
  change: Events.CustomerChange,
  now: number
): Effect.Effect<void, SqlError> =>
  Effect.flatMap(
    Effect.serviceOption(Outbox),
    Option.match({ onNone: () => Effect.void, onSome: (outbox) => outbox.customerChanged(tenant, change, now) })
  )

/**
 * Provide an optional outbox (captured when a store was built) to an effect.
 *
 * @since 0.1.0
 * @category Recording
 */
export const provideOption =
  (outbox: Option.Option<Outbox.Service>) =>
  <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, Exclude<R, Outbox>> =>
    Option.isSome(outbox)
      ? Effect.provideService(effect, Outbox, outbox.value)
      : (effect as Effect.Effect<A, E, Exclude<R, Outbox>>)
