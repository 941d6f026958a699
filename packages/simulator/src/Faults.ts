/**
 * Fault injection hook around every PayPay route. The default layer injects nothing; the control API's fault
 * rules replace it (see `Control/`).
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type { SimRequest, SimResponse } from "./Envelope.js"
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
  readonly request: SimRequest
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
