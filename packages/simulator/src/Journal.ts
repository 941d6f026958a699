/**
 * A journal of recent PayPay API requests with their auth verdicts, served by `GET /_simulator/requests` so a
 * developer can see why a client was refused.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"

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
  /**
   * What the developer should know although the answer was a success, e.g. an id reused with different content
   * (ledger: journal.id-reuse).
   */
  readonly warning?: string | undefined
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
 * A journal keeping the last `capacity` entries (at least 1) in a ring buffer: recording overwrites one slot (no
 * copy of the whole journal per request); listing copies them out, oldest first.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const make = (capacity: number = CAPACITY): Effect.Effect<Context.Tag.Service<Journal>> =>
  Effect.sync(() => {
    const room = Math.max(1, Math.floor(capacity))
    const slots: Array<Entry | undefined> = new Array(room)
    let next = 0
    let size = 0
    const ordered = (): Array<Entry> => {
      const out: Array<Entry> = []
      for (let i = 0, at = (next - size + room) % room; i < size; i++, at = (at + 1) % room) {
        out.push(slots[at]!)
      }
      return out
    }
    return Journal.of({
      record: (entry) =>
        Effect.sync(() => {
          slots[next] = entry
          next = (next + 1) % room
          if (size < room) size++
        }),
      list: (filter) =>
        Effect.sync(() => {
          const all = ordered()
          return filter?.merchantId === undefined ? all : all.filter((entry) => entry.merchantId === filter.merchantId)
        }),
      clear: Effect.sync(() => {
        slots.fill(undefined)
        next = 0
        size = 0
      })
    })
  })

/**
 * An in-memory journal ({@link make} with {@link CAPACITY}).
 *
 * @since 0.1.0
 * @category Layers
 */
export const layer: Layer.Layer<Journal> = Layer.effect(Journal, make())
