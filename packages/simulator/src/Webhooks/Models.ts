/**
 * The simulator's webhook model, as the control API shows it: endpoints with PayPay's retry schedules, the
 * delivery switches, recorded events and every delivery attempt (reference §B.10).
 *
 * @since 0.1.0
 */
import * as Duration from "effect/Duration"
import * as Schema from "effect/Schema"

/**
 * PayPay's two documented delivery policies (reference §B.10, FAQ 4414048508047; ledger: webhook.retries): `A` = 2.0 s response timeout,
 * 3 retries 100 ms apart; `B` = 1.5 s timeout, 10 retries 500 ms apart.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const ScheduleName = Schema.Literal("A", "B")

/**
 * @since 0.1.0
 * @category Models
 */
export type ScheduleName = typeof ScheduleName.Type

/**
 * A delivery policy: how long to wait for the answer, how many retries after the first attempt, and how far apart.
 *
 * @since 0.1.0
 * @category Models
 */
export interface RetryPolicy {
  readonly timeout: Duration.Duration
  readonly retries: number
  readonly spacing: Duration.Duration
}

/**
 * The policies by name (§B.10).
 *
 * @since 0.1.0
 * @category Constants
 */
export const schedules: { readonly [K in ScheduleName]: RetryPolicy } = {
  A: { timeout: Duration.millis(2_000), retries: 3, spacing: Duration.millis(100) },
  B: { timeout: Duration.millis(1_500), retries: 10, spacing: Duration.millis(500) }
}

/**
 * The schedule an endpoint gets when none is chosen.
 *
 * @since 0.1.0
 * @category Constants
 */
export const DEFAULT_SCHEDULE: ScheduleName = "A"

/**
 * Where a tenant's webhooks go. `source` says whether the tenant set it (control API) or it is the simulator-wide
 * default (`--webhook-url`); `none` when there is neither (then no events are recorded).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const Endpoint = Schema.Struct({
  url: Schema.optional(Schema.String),
  schedule: ScheduleName,
  source: Schema.Literal("tenant", "default", "none")
})

/**
 * @since 0.1.0
 * @category Models
 */
export type Endpoint = typeof Endpoint.Type

/**
 * `PUT /_simulator/webhooks/endpoint`: an absolute http(s) URL and optionally the schedule.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const SetEndpoint = Schema.Struct({
  url: Schema.String.pipe(
    Schema.filter((url) => /^https?:\/\/[^\s/]+/i.test(url) || "url must be an absolute http(s) URL")
  ),
  schedule: Schema.optional(ScheduleName)
})

/**
 * Delivery switches of a tenant (all off by default):
 * - `drop`: new events are not delivered (recorded as `dropped`);
 * - `duplicate`: each new event is delivered twice;
 * - `delayMillis`: new events wait this long before the first attempt;
 * - `reorder`: new events are held for a short window and the batch is delivered newest first;
 * - `maintenance`: PayPay sends no webhooks during maintenance (§B.10): new events are recorded as `skipped`.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const Switches = Schema.Struct({
  drop: Schema.Boolean,
  duplicate: Schema.Boolean,
  delayMillis: Schema.Int.pipe(Schema.between(0, 3_600_000)),
  reorder: Schema.Boolean,
  maintenance: Schema.Boolean
})

/**
 * @since 0.1.0
 * @category Models
 */
export type Switches = typeof Switches.Type

/**
 * `PUT /_simulator/webhooks/switches`: the switches to change (the others keep their value).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const SwitchesPatch = Schema.partialWith(Switches, { exact: true })

/**
 * @since 0.1.0
 * @category Models
 */
export type SwitchesPatch = typeof SwitchesPatch.Type

/**
 * All switches off.
 *
 * @since 0.1.0
 * @category Constants
 */
export const noSwitches: Switches = {
  drop: false,
  duplicate: false,
  delayMillis: 0,
  reorder: false,
  maintenance: false
}

/**
 * How long events recorded under `reorder` are held so that they form one batch (unless `delayMillis` is longer).
 *
 * @since 0.1.0
 * @category Constants
 */
export const REORDER_WINDOW_MILLIS = 250

/**
 * Where an event is: `pending` (waiting for its next attempt), `delivered` (a 2xx answer), `failed` (the last
 * retry failed), `dropped` (the `drop` switch) or `skipped` (maintenance).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const EventStatus = Schema.Literal("pending", "delivered", "failed", "dropped", "skipped")

/**
 * @since 0.1.0
 * @category Models
 */
export type EventStatus = typeof EventStatus.Type

/**
 * A recorded webhook event. `payload` is the JSON body exactly as it is posted; `subject` the
 * `merchantPaymentId` (transaction events) or `userAuthorizationId` (customer events). Times are real epoch
 * milliseconds (deliveries run on real time, not on the simulated clock).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const Event = Schema.Struct({
  id: Schema.Number,
  merchantId: Schema.String,
  notificationType: Schema.String,
  subject: Schema.String,
  state: Schema.optional(Schema.String),
  status: EventStatus,
  attempts: Schema.Number,
  copies: Schema.Number,
  createdAt: Schema.Number,
  nextAttemptAt: Schema.Number,
  payload: Schema.Unknown
})

/**
 * @since 0.1.0
 * @category Models
 */
export type Event = typeof Event.Type

/**
 * One POST of an event: when, where, the HTTP status (absent when there was no answer), how long it took, the
 * error and what followed (`delivered`, `retry`, `failed`, or `duplicate` for the second copy).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const Attempt = Schema.Struct({
  eventId: Schema.Number,
  attempt: Schema.Number,
  at: Schema.Number,
  url: Schema.String,
  status: Schema.optional(Schema.Number),
  latencyMillis: Schema.Number,
  error: Schema.optional(Schema.String),
  outcome: Schema.Literal("delivered", "retry", "failed", "duplicate")
})

/**
 * @since 0.1.0
 * @category Models
 */
export type Attempt = typeof Attempt.Type
