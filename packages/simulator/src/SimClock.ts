/**
 * The simulator's clock: Effect's `Clock` plus an adjustable offset.
 *
 * The simulator never reads `Date.now()`: every business rule (code expiry, cancel and refund windows, refund
 * settlement) takes its time from here, so the control API can move time forward and tests can drive it with
 * `TestClock.adjust`. `SimClock.layer` persists the offset in the SQLite `kv` table, so a restarted dev server keeps
 * its simulated time. HMAC epoch checks must use real time, not this clock.
 *
 * @since 0.1.0
 */
import type * as SqlClient from "@effect/sql/SqlClient"
import type { SqlError } from "@effect/sql/SqlError"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as SynchronizedRef from "effect/SynchronizedRef"
import * as Database from "./Store/Database.js"

/**
 * @since 0.1.0
 * @category Context
 */
export class SimClock extends Context.Tag("simulator/SimClock")<SimClock, SimClock.Service>() {}

/**
 * @since 0.1.0
 * @category Models
 */
export declare namespace SimClock {
  /**
   * @since 0.1.0
   * @category Models
   */
  export interface Service {
    /** Simulated now, epoch milliseconds: `Clock.currentTimeMillis + offset`. */
    readonly now: Effect.Effect<number>
    /** Simulated now, whole epoch seconds (the unit of `Domain/Payment`). */
    readonly nowSeconds: Effect.Effect<number>
    /** Current offset from Effect's clock, milliseconds. */
    readonly offset: Effect.Effect<number>
    /** Move simulated time by `seconds` (may be negative or fractional). */
    readonly advance: (seconds: number) => Effect.Effect<void, SqlError>
    /** Make simulated now equal `epochMs` (the offset is recomputed against Effect's clock). */
    readonly set: (epochMs: number) => Effect.Effect<void, SqlError>
    /** Back to real time (offset 0). */
    readonly reset: Effect.Effect<void, SqlError>
  }
}

/**
 * `kv` key under which {@link layer} stores the offset.
 *
 * @since 0.1.0
 * @category Models
 */
export const OFFSET_KEY = "sim_clock.offset_ms"

/**
 * Build a clock from an initial offset and a `persist` hook called (serialized) after every change.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const make = (options: {
  readonly initialOffset: number
  readonly persist: (offsetMs: number) => Effect.Effect<void, SqlError>
}): Effect.Effect<SimClock.Service> =>
  Effect.gen(function* () {
    const ref = yield* SynchronizedRef.make(options.initialOffset)
    let current = options.initialOffset
    const store = (next: (offset: number) => Effect.Effect<number>) =>
      SynchronizedRef.updateEffect(ref, (offset) =>
        Effect.flatMap(next(offset), (updated) => {
          if (!Number.isFinite(updated)) return Effect.dieMessage(`SimClock: invalid offset ${updated}`)
          return Effect.as(
            Effect.tap(options.persist(updated), () => {
              current = updated
            }),
            updated
          )
        })
      )
    return SimClock.of({
      now: Effect.clockWith((clock) => Effect.succeed(clock.unsafeCurrentTimeMillis() + current)),
      nowSeconds: Effect.clockWith((clock) =>
        Effect.succeed(Math.floor((clock.unsafeCurrentTimeMillis() + current) / 1000))
      ),
      offset: Effect.sync(() => current),
      advance: (seconds) => store((offset) => Effect.succeed(offset + Math.round(seconds * 1000))),
      set: (epochMs) => store(() => Effect.map(Clock.currentTimeMillis, (millis) => epochMs - millis)),
      reset: store(() => Effect.succeed(0))
    })
  })

/**
 * In-memory clock starting at offset 0 (tests, throwaway servers).
 *
 * @since 0.1.0
 * @category Layers
 */
export const layerMemory: Layer.Layer<SimClock> = Layer.effect(
  SimClock,
  make({ initialOffset: 0, persist: () => Effect.void })
)

/**
 * Clock whose offset is persisted in the `kv` table; requires the schema from `Database.layer`.
 *
 * @since 0.1.0
 * @category Layers
 */
export const layer: Layer.Layer<SimClock, SqlError, SqlClient.SqlClient> = Layer.effect(
  SimClock,
  Effect.gen(function* () {
    const context = yield* Effect.context<SqlClient.SqlClient>()
    const stored = yield* Database.kvGet(OFFSET_KEY)
    const initialOffset = Option.match(stored, { onNone: () => 0, onSome: (value) => Number(value) || 0 })
    return yield* make({
      initialOffset,
      persist: (offset) => Effect.provide(Database.kvSet(OFFSET_KEY, String(offset)), context)
    })
  })
)

/**
 * Simulated now in epoch milliseconds.
 *
 * @since 0.1.0
 * @category Accessors
 */
export const now: Effect.Effect<number, never, SimClock> = Effect.flatMap(SimClock, (clock) => clock.now)

/**
 * Simulated now in whole epoch seconds.
 *
 * @since 0.1.0
 * @category Accessors
 */
export const nowSeconds: Effect.Effect<number, never, SimClock> = Effect.flatMap(SimClock, (clock) => clock.nowSeconds)
