/**
 * A journal of recent PayPay API requests with their auth verdicts, served by `GET /_simulator/requests` so a
 * developer can see why a client was refused.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Ref from "effect/Ref"

/**
 * One handled request.
 *
 * @since 0.1.0
 * @category Models
 */
export interface Entry {
  readonly at: number
  readonly requestId: string
  readonly method: string
  readonly path: string
  readonly operation: string
  readonly apiKey: string | undefined
  readonly merchantId: string | undefined
  /** `ok`, or the part of the signature that did not match with the diagnostic. */
  readonly auth: string
  readonly status: number
  readonly code: string
  readonly fault: string | undefined
  readonly millis: number
}

/**
 * @since 0.1.0
 * @category Context
 */
export class Journal extends Context.Tag("simulator/Journal")<
  Journal,
  {
    readonly record: (entry: Entry) => Effect.Effect<void>
    readonly list: (filter?: { readonly merchantId?: string | undefined }) => Effect.Effect<ReadonlyArray<Entry>>
    readonly clear: Effect.Effect<void>
  }
>() {}

/**
 * How many entries are kept (oldest dropped first).
 *
 * @since 0.1.0
 * @category Config
 */
export const CAPACITY = 500

/**
 * An in-memory journal.
 *
 * @since 0.1.0
 * @category Layers
 */
export const layer: Layer.Layer<Journal> = Layer.effect(
  Journal,
  Effect.map(Ref.make<ReadonlyArray<Entry>>([]), (entries) =>
    Journal.of({
      record: (entry) =>
        Ref.update(entries, (all) => (all.length >= CAPACITY ? [...all.slice(1 - CAPACITY), entry] : [...all, entry])),
      list: (filter) =>
        Effect.map(Ref.get(entries), (all) =>
          filter?.merchantId === undefined ? all : all.filter((entry) => entry.merchantId === filter.merchantId)
        ),
      clear: Ref.set(entries, [])
    })
  )
)
