/**
 * The webhook delivery worker: one background fiber that POSTs due outbox events as JSON to their tenant's
 * endpoint, with PayPay's response timeout and retry schedule (§B.10; `Models.schedules`). A 2xx answer delivers
 * the event; anything else (an error status, no answer in time, a refused connection) schedules the next retry,
 * and after the last retry the event is `failed`. Every attempt is logged in the outbox.
 *
 * The worker wakes when an event is recorded or redelivered, when the next retry is due, and at least every
 * `pollInterval` (when it also ends authorizations whose simulated time is up, so their EXPIRED webhooks go out
 * without anyone reading them). Retry times are real time (Effect `Clock`), so `TestClock` drives them in tests.
 * Pending events survive a restart: the worker picks them up when it starts.
 *
 * Events are delivered one at a time, oldest first; a batch recorded under the `reorder` switch goes newest first.
 *
 * @since 0.1.0
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import type * as SqlClient from "@effect/sql/SqlClient"
import type { SqlError } from "@effect/sql/SqlError"
import * as Cause from "effect/Cause"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import type { SimClock } from "../SimClock.js"
import { releaseExpired } from "../Store/Expiry.js"
import type { Sqlite } from "../Store/Sqlite.js"
import { type Attempt, schedules } from "./Models.js"
import { type Next, Outbox, type Pending } from "./Outbox.js"
import type * as Settings from "./Settings.js"

/**
 * @since 0.1.0
 * @category Config
 */
export interface Options extends Settings.Defaults {
  /** Longest sleep between two looks at the outbox (default 1 second). */
  readonly pollInterval?: Duration.DurationInput | undefined
  /** The HTTP client deliveries use (default: `NodeHttpClient.layerUndici`, real HTTP). */
  readonly httpClient?: Layer.Layer<HttpClient.HttpClient> | undefined
}

/**
 * How many due events one pass takes.
 *
 * @since 0.1.0
 * @category Constants
 */
export const BATCH_SIZE = 100

const USER_AGENT = "PayPay-Simulator-Webhook/0.1"

const describe = (error: { readonly message: string; readonly cause?: unknown }): string => {
  let cause: unknown = error.cause
  for (let depth = 0; depth < 4 && typeof cause === "object" && cause !== null; depth++) {
    const { code, message } = cause as { readonly code?: unknown; readonly message?: unknown }
    if (typeof code === "string") return typeof message === "string" ? `${error.message}: ${message}` : code
    cause = (cause as { readonly cause?: unknown }).cause
  }
  return error.message
}

interface Answer {
  readonly status: number | undefined
  readonly error: string | undefined
}

const post = (client: HttpClient.HttpClient, url: string, body: string, timeout: Duration.Duration) =>
  client
    .execute(
      HttpClientRequest.post(url).pipe(
        HttpClientRequest.setHeader("user-agent", USER_AGENT),
        HttpClientRequest.bodyText(body, "application/json")
      )
    )
    .pipe(
      Effect.flatMap((response) => Effect.as(Effect.ignore(response.text), response.status)),
      Effect.timeoutFail({
        duration: timeout,
        onTimeout: () => `no answer within ${Duration.toMillis(timeout)} ms`
      }),
      Effect.either,
      Effect.map(
        Either.match({
          onLeft: (error): Answer => ({
            status: undefined,
            error: typeof error === "string" ? error : describe(error)
          }),
          onRight: (status): Answer => ({
            status,
            error: status >= 200 && status < 300 ? undefined : `HTTP ${status}`
          })
        })
      )
    )

const timed = <A>(effect: Effect.Effect<A>) =>
  Effect.gen(function* () {
    const at = yield* Clock.currentTimeMillis
    const result = yield* effect
    const end = yield* Clock.currentTimeMillis
    return { at, end, result }
  })

const ordered = (batch: ReadonlyArray<Pending>): ReadonlyArray<Pending> => [
  ...batch.filter((event) => !event.reversed),
  ...batch.filter((event) => event.reversed).reverse()
]

const attemptOf = (
  event: Pending,
  url: string,
  timing: { readonly at: number; readonly end: number; readonly result: Answer },
  outcome: Attempt["outcome"],
  attempt = event.attempts + 1
): Attempt => ({
  eventId: event.id,
  attempt,
  at: timing.at,
  url,
  ...(timing.result.status === undefined ? {} : { status: timing.result.status }),
  latencyMillis: timing.end - timing.at,
  ...(timing.result.error === undefined ? {} : { error: timing.result.error }),
  outcome
})

/**
 * Delivers one event once: POST, log the attempt, move the event on (delivered, next retry, or failed); a second
 * copy follows a success when the event was recorded under `duplicate`.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const deliver = (client: HttpClient.HttpClient, event: Pending): Effect.Effect<void, SqlError, Outbox> =>
  Effect.gen(function* () {
    const outbox = yield* Outbox
    const target = yield* outbox.settings.target(event.tenant)
    if (target === undefined) {
      const at = yield* Clock.currentTimeMillis
      const result: Answer = { status: undefined, error: "no webhook endpoint configured" }
      return yield* outbox.complete(event, attemptOf(event, "", { at, end: at, result }, "failed"), {
        status: "failed"
      })
    }
    const policy = schedules[target.schedule]
    const timing = yield* timed(post(client, target.url, event.body, policy.timeout))
    const attempt = event.attempts + 1
    if (timing.result.error === undefined) {
      yield* outbox.complete(event, attemptOf(event, target.url, timing, "delivered"), { status: "delivered" })
      if (event.copies > 1) {
        const copy = yield* timed(post(client, target.url, event.body, policy.timeout))
        yield* outbox.complete(event, attemptOf(event, target.url, copy, "duplicate", attempt), undefined)
      }
      return
    }
    const next: Next =
      attempt > policy.retries
        ? { status: "failed" }
        : { status: "pending", at: timing.end + Duration.toMillis(policy.spacing) }
    yield* outbox.complete(
      event,
      attemptOf(event, target.url, timing, next.status === "failed" ? "failed" : "retry"),
      next
    )
  })

const loop = (client: HttpClient.HttpClient, pollMillis: number) =>
  Effect.gen(function* () {
    const outbox = yield* Outbox
    const pass = Effect.gen(function* () {
      const now = yield* Clock.currentTimeMillis
      const batch = yield* outbox.due(now, BATCH_SIZE)
      if (batch.length > 0) {
        return yield* Effect.forEach(ordered(batch), (event) => deliver(client, event), { discard: true })
      }
      const next = yield* outbox.nextDue
      const wait = Option.match(next, {
        onNone: () => pollMillis,
        onSome: (at) => Math.min(pollMillis, Math.max(0, at - now))
      })
      const woken = yield* Effect.raceFirst(
        Effect.as(outbox.awaitWake, true),
        Effect.as(Effect.sleep(Duration.millis(wait)), false)
      )
      if (!woken && (yield* outbox.settings.anyEndpoint)) yield* releaseExpired
    })
    return yield* Effect.forever(
      pass.pipe(
        Effect.catchAllCause((cause) =>
          Cause.isInterruptedOnly(cause)
            ? Effect.failCause(cause)
            : Effect.zipRight(
                Effect.logWarning("webhook delivery pass failed", cause),
                Effect.sleep(Duration.millis(pollMillis))
              )
        )
      )
    )
  })

/**
 * Starts the delivery worker for the lifetime of the layer.
 *
 * @since 0.1.0
 * @category Layers
 */
export const layer = (
  options: Options = {}
): Layer.Layer<never, never, Outbox | SqlClient.SqlClient | Sqlite | SimClock> =>
  Layer.scopedDiscard(
    Effect.gen(function* () {
      const client = yield* HttpClient.HttpClient
      const pollMillis = Duration.toMillis(Duration.decode(options.pollInterval ?? "1 second"))
      yield* Effect.forkScoped(loop(client, pollMillis))
    })
  ).pipe(Layer.provide(options.httpClient ?? NodeHttpClient.layerUndici))
