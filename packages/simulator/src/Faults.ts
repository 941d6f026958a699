/**
 * Fault injection hook around every PayPay route. {@link layerRules} (the simulator's default) applies magic
 * values first, then the control API's fault rules (`Control/FaultStore.ts`); {@link layerNone} injects nothing.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import { describe, type FaultAction } from "./Control/FaultRule.js"
import { FaultStore } from "./Control/FaultStore.js"
import { ApiFailure, renderFailure, type SimResponse, type TextRequest } from "./Envelope.js"
import * as MagicValues from "./MagicValues.js"
import type { Tenant } from "./Store/Database.js"

/**
 * What the route is about to do, for matching rules.
 *
 * @since 0.1.0
 * @category Models
 */
export interface FaultContext {
  readonly operation: string
  readonly tenant: Tenant
  readonly request: TextRequest
  readonly requestId: string
}

/**
 * A response, or an instruction to the transport to drop the connection without answering.
 *
 * @since 0.1.0
 * @category Models
 */
export type Outcome = SimResponse | { readonly _tag: "Drop" }

/**
 * @since 0.1.0
 * @category Context
 */
export class Faults extends Context.Tag("simulator/Faults")<
  Faults,
  {
    /** Runs the route (or not) and returns what the client gets, with the name of the applied fault if any. */
    readonly around: <R>(
      context: FaultContext,
      run: Effect.Effect<SimResponse, never, R>
    ) => Effect.Effect<{ readonly outcome: Outcome; readonly fault: string | undefined }, never, R>
  }
>() {}

/**
 * No faults: the route runs and its response is returned.
 *
 * @since 0.1.0
 * @category Layers
 */
export const layerNone: Layer.Layer<Faults> = Layer.succeed(
  Faults,
  Faults.of({ around: (_, run) => Effect.map(run, (outcome) => ({ outcome, fault: undefined })) })
)

const drop: Outcome = { _tag: "Drop" }

interface Applied {
  readonly outcome: Outcome
  readonly fault: string | undefined
}

/**
 * The body of a garbled answer: an envelope cut off mid-way, so it is not valid JSON.
 *
 * @since 0.1.0
 * @category Models
 */
export const GARBLED_BODY = '{"resultInfo":{"code":"SUCCESS","message":"Success","codeId":"08100001"},"data":{"'

const sleep = (millis: number | undefined) => (millis === undefined || millis <= 0 ? Effect.void : Effect.sleep(millis))

/**
 * What the client gets when `action` applies to a request whose route is `run`. Only `delay` and
 * `commitThenFail` run the route.
 *
 * @since 0.1.0
 * @category Actions
 */
export const perform = <R>(
  action: FaultAction,
  context: FaultContext,
  run: Effect.Effect<SimResponse, never, R>,
  detail?: string | undefined
): Effect.Effect<Outcome, never, R> => {
  switch (action.type) {
    case "respond":
      return Effect.succeed(
        renderFailure(new ApiFailure({ code: action.code, status: action.status, detail }), context.requestId)
      )
    case "delay":
      return Effect.zipRight(sleep(action.millis), run)
    case "drop":
      return Effect.as(sleep(action.millis), drop)
    case "garble":
      return Effect.succeed({
        status: 200,
        headers: { "content-type": "application/json", "x-request-id": context.requestId },
        body: GARBLED_BODY
      })
    case "commitThenFail":
      return Effect.zipRight(
        run,
        action.reply === "timeout"
          ? Effect.as(sleep(action.millis), drop)
          : Effect.succeed<Outcome>(
              renderFailure(
                new ApiFailure({ code: "INTERNAL_SERVER_ERROR", codeId: "08101000", detail }),
                context.requestId
              )
            )
      )
  }
}

/**
 * Magic values (`MagicValues.ts`), then the first matching rule of the `FaultStore`; the journal's `fault` field
 * names what was applied (`magic SIMERR_DROP`, `fault-2 respond RATE_LIMIT`).
 *
 * @since 0.1.0
 * @category Layers
 */
export const layerRules: Layer.Layer<Faults, never, FaultStore> = Layer.effect(
  Faults,
  Effect.map(FaultStore, (store) =>
    Faults.of({
      around: (context, run) => {
        const magic = MagicValues.find(context.request)
        if (magic !== undefined) {
          return Effect.map(perform(magic.action, context, run, magic.detail), (outcome) => ({
            outcome,
            fault: `magic ${magic.value}`
          }))
        }
        const target = {
          operation: context.operation,
          method: context.request.method,
          path: context.request.path,
          merchantId: context.tenant.merchantId
        }
        return Effect.flatMap(
          store.take(target),
          Option.match({
            onNone: () => Effect.map(run, (outcome): Applied => ({ outcome, fault: undefined })),
            onSome: (rule) =>
              Effect.map(
                perform(rule.action, context, run, `fault rule ${rule.id}`),
                (outcome): Applied => ({
                  outcome,
                  fault: describe(rule.id, rule.action)
                })
              )
          })
        )
      }
    })
  )
)
