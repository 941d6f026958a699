/**
 * Fault rules of the control API (`POST /_simulator/faults`): which PayPay requests a rule matches and what
 * happens to them instead of (or around) the normal answer.
 *
 * @since 0.1.0
 */
import { isResultCode, type ResultCode } from "@paypay-effect/sdk/PayPayError"
import * as Schema from "effect/Schema"

const Millis = Schema.Int.pipe(Schema.between(0, 600_000), Schema.annotations({ identifier: "Millis" }))

/**
 * A code of the SDK's result-code catalog; anything else is refused when the rule is created.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const CatalogCode = Schema.String.pipe(
  Schema.filter((code): code is ResultCode => isResultCode(code), {
    message: (issue) => `unknown PayPay result code ${JSON.stringify(issue.actual)} (not in the catalog)`
  })
)

/**
 * Answer with a catalog code (status defaults to the catalog's) without running the route.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const Respond = Schema.Struct({
  type: Schema.Literal("respond"),
  code: CatalogCode,
  status: Schema.optional(Schema.Int.pipe(Schema.between(100, 599)))
})

/**
 * Wait `millis` (on the Effect clock, so `TestClock` drives it), then run the route normally.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const Delay = Schema.Struct({ type: Schema.Literal("delay"), millis: Millis })

/**
 * Close the connection without an answer (after `millis`, default 0); the route does not run.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const Drop = Schema.Struct({ type: Schema.Literal("drop"), millis: Schema.optional(Millis) })

/**
 * Answer 200 with a body that is not valid JSON (a truncated envelope); the route does not run.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const Garble = Schema.Struct({ type: Schema.Literal("garble") })

/**
 * Run the route (its state change commits), then answer 500 INTERNAL_SERVER_ERROR (`reply: "error"`, the
 * default) or nothing at all (`reply: "timeout"`: the connection is dropped after `millis`, default 0) — PayPay's
 * "unknown outcome" case (reference §C.2).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const CommitThenFail = Schema.Struct({
  type: Schema.Literal("commitThenFail"),
  reply: Schema.optional(Schema.Literal("error", "timeout")),
  millis: Schema.optional(Millis)
})

/**
 * @since 0.1.0
 * @category Schemas
 */
export const FaultAction = Schema.Union(Respond, Delay, Drop, Garble, CommitThenFail)

/**
 * @since 0.1.0
 * @category Models
 */
export type FaultAction = typeof FaultAction.Type

const matchers = {
  /** SDK operation name, e.g. `Codes.create`. */
  operation: Schema.optional(Schema.String),
  /** Request path, exact (`/v2/codes`) or a prefix ending in `*` (`/v2/codes/*`). */
  path: Schema.optional(Schema.String),
  method: Schema.optional(Schema.String),
  merchantId: Schema.optional(Schema.String),
  /** How many requests the rule applies to; then it is removed. Unlimited when absent. */
  times: Schema.optional(Schema.Int.pipe(Schema.between(1, 1_000_000))),
  /** Chance (0..1) that a matching request gets the fault; drawn from Effect's `Random`. */
  probability: Schema.optional(Schema.Number.pipe(Schema.between(0, 1)))
}

/**
 * The body of `POST /_simulator/faults`.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const FaultRuleInput = Schema.Struct({ ...matchers, action: FaultAction })

/**
 * @since 0.1.0
 * @category Models
 */
export type FaultRuleInput = typeof FaultRuleInput.Type

/**
 * A stored rule: its id plus the input (`times` counts down as the rule fires).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const FaultRule = Schema.Struct({ id: Schema.String, ...matchers, action: FaultAction })

/**
 * @since 0.1.0
 * @category Models
 */
export type FaultRule = typeof FaultRule.Type

/**
 * What a rule is matched against.
 *
 * @since 0.1.0
 * @category Models
 */
export interface Target {
  readonly operation: string
  readonly method: string
  readonly path: string
  readonly merchantId: string
}

const pathMatches = (pattern: string, path: string): boolean =>
  pattern.endsWith("*") ? path.startsWith(pattern.slice(0, -1)) : pattern === path

/**
 * Whether every matcher the rule sets agrees with the request (a rule without matchers matches everything).
 *
 * @since 0.1.0
 * @category Matching
 */
export const matches = (rule: FaultRuleInput, target: Target): boolean =>
  (rule.operation === undefined || rule.operation === target.operation) &&
  (rule.path === undefined || pathMatches(rule.path, target.path)) &&
  (rule.method === undefined || rule.method.toUpperCase() === target.method.toUpperCase()) &&
  (rule.merchantId === undefined || rule.merchantId === target.merchantId)

/**
 * A short description for the journal's `fault` field, e.g. `fault-1 respond NO_SUFFICIENT_FUND`.
 *
 * @since 0.1.0
 * @category Matching
 */
export const describe = (source: string, action: FaultAction): string => {
  switch (action.type) {
    case "respond":
      return `${source} respond ${action.code}`
    case "delay":
      return `${source} delay ${action.millis}ms`
    case "commitThenFail":
      return `${source} commitThenFail ${action.reply ?? "error"}`
    default:
      return `${source} ${action.type}`
  }
}
