/**
 * The fault rules in memory, first in first out: the first rule that matches a request (and wins its
 * `probability` draw) fires; a rule with `times` counts down atomically and is removed when spent.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Random from "effect/Random"
import * as Ref from "effect/Ref"
import * as SynchronizedRef from "effect/SynchronizedRef"
import { type FaultRule, type FaultRuleInput, matches, type Target } from "./FaultRule.js"

/**
 * @since 0.1.0
 * @category Context
 */
export class FaultStore extends Context.Tag("simulator/FaultStore")<FaultStore, FaultStore.Service>() {}

/**
 * @since 0.1.0
 * @category Models
 */
export declare namespace FaultStore {
  /**
   * @since 0.1.0
   * @category Models
   */
  export interface Service {
    readonly add: (input: FaultRuleInput) => Effect.Effect<FaultRule>
    readonly list: Effect.Effect<ReadonlyArray<FaultRule>>
    /** `false` when no rule has this id. */
    readonly remove: (id: string) => Effect.Effect<boolean>
    /** Remove every rule, or only the rules scoped to `merchantId`. */
    readonly clear: (filter?: { readonly merchantId?: string | undefined }) => Effect.Effect<void>
    /** The rule that fires for a request (as it was before counting down), if any. */
    readonly take: (target: Target) => Effect.Effect<Option.Option<FaultRule>>
  }
}

const fire = (
  rules: ReadonlyArray<FaultRule>,
  target: Target
): Effect.Effect<readonly [Option.Option<FaultRule>, ReadonlyArray<FaultRule>]> =>
  Effect.gen(function* () {
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i]!
      if (!matches(rule, target)) continue
      if (rule.probability !== undefined && (yield* Random.next) >= rule.probability) continue
      if (rule.times === undefined) return [Option.some(rule), rules] as const
      const spent = rule.times <= 1 ? [] : [{ ...rule, times: rule.times - 1 }]
      return [Option.some(rule), [...rules.slice(0, i), ...spent, ...rules.slice(i + 1)]] as const
    }
    return [Option.none(), rules] as const
  })

/**
 * @since 0.1.0
 * @category Constructors
 */
export const make: Effect.Effect<FaultStore.Service> = Effect.gen(function* () {
  const rules = yield* SynchronizedRef.make<ReadonlyArray<FaultRule>>([])
  const counter = yield* Ref.make(0)
  return FaultStore.of({
    add: (input) =>
      Effect.gen(function* () {
        const id = `fault-${yield* Ref.updateAndGet(counter, (n) => n + 1)}`
        const rule: FaultRule = { id, ...input }
        yield* SynchronizedRef.update(rules, (all) => [...all, rule])
        return rule
      }),
    list: SynchronizedRef.get(rules),
    remove: (id) =>
      SynchronizedRef.modify(rules, (all) => {
        const rest = all.filter((rule) => rule.id !== id)
        return [rest.length !== all.length, rest] as const
      }),
    clear: (filter) =>
      SynchronizedRef.update(rules, (all) =>
        filter?.merchantId === undefined ? [] : all.filter((rule) => rule.merchantId !== filter.merchantId)
      ),
    take: (target) =>
      Effect.flatMap(SynchronizedRef.get(rules), (current) =>
        current.length === 0 ? Effect.succeedNone : SynchronizedRef.modifyEffect(rules, (all) => fire(all, target))
      )
  })
})

/**
 * An empty rule store.
 *
 * @since 0.1.0
 * @category Layers
 */
export const layer: Layer.Layer<FaultStore> = Layer.effect(FaultStore, make)
