/**
 * Magic values, in the spirit of card test numbers: a merchant-chosen id (or `orderDescription`) that starts with
 * `SIMERR_` makes the PayPay API answer with a chosen failure, for clients that cannot reach the control API.
 * They run inside the rule-based fault layer, before the rules (see docs/magic-values.md for the table):
 *
 * - `SIMERR_<CODE>…` answers that catalog code (longest matching code wins) without touching state;
 * - `SIMERR_COMMIT_THEN_FAIL…` / `SIMERR_COMMIT_THEN_TIMEOUT…` run the route, then answer 500 / nothing; they
 *   fire only from the body (the write), so that reading the resource back by its id — the reconciliation PayPay
 *   asks for — answers normally;
 * - `SIMERR_DROP…` closes the connection, `SIMERR_GARBLE…` answers invalid JSON;
 * - `SIMERR_DELAY_<millis>…` waits, then runs the route normally;
 * - any other `SIMERR_…` answers INVALID_REQUEST_PARAMS naming the unknown magic value.
 *
 * @since 0.1.0
 */
import { type ResultCode, ResultCodes, resultCodes } from "@paypay-effect/sdk/PayPayError"
import type { FaultAction } from "./Control/FaultRule.js"
import type { TextRequest } from "./Envelope.js"

/**
 * @since 0.1.0
 * @category Constants
 */
export const PREFIX = "SIMERR_"

/**
 * Body fields (top level) that are read for a magic value, in this order, after the path segments.
 *
 * @since 0.1.0
 * @category Constants
 */
export const FIELDS = [
  "merchantPaymentId",
  "merchantRefundId",
  "merchantCaptureId",
  "merchantRevertId",
  "merchantCashbackId",
  "orderDescription"
] as const

/**
 * A magic value found in a request and the fault it stands for.
 *
 * @since 0.1.0
 * @category Models
 */
export interface Trigger {
  readonly value: string
  readonly action: FaultAction
  /** Appended to the result message (`| [simulator] …`). */
  readonly detail: string
}

/**
 * Catalog error codes, longest first, so that the longest code that prefixes a value wins.
 *
 * @since 0.1.0
 * @category Constants
 */
export const codes: ReadonlyArray<ResultCode> = resultCodes
  .filter((code) => ResultCodes[code].kind === "error")
  .sort((a, b) => b.length - a.length)

const MAX_DELAY = 600_000

const keyword = (rest: string): FaultAction | undefined => {
  if (rest.startsWith("COMMIT_THEN_FAIL")) return { type: "commitThenFail", reply: "error" }
  if (rest.startsWith("COMMIT_THEN_TIMEOUT")) return { type: "commitThenFail", reply: "timeout" }
  if (rest.startsWith("DROP")) return { type: "drop" }
  if (rest.startsWith("GARBLE")) return { type: "garble" }
  const delay = /^DELAY_(\d+)/.exec(rest)
  if (delay !== null) return { type: "delay", millis: Math.min(Number(delay[1]), MAX_DELAY) }
  return undefined
}

/**
 * The fault a value stands for, or `undefined` when it does not start with {@link PREFIX}.
 *
 * @since 0.1.0
 * @category Parsing
 */
export const parse = (value: string): Trigger | undefined => {
  if (!value.startsWith(PREFIX)) return undefined
  const rest = value.slice(PREFIX.length)
  const detail = `magic value ${value}`
  const action = keyword(rest)
  if (action !== undefined) return { value, action, detail }
  const code = codes.find((candidate) => rest.startsWith(candidate))
  if (code !== undefined) return { value, action: { type: "respond", code }, detail }
  return {
    value,
    action: { type: "respond", code: "INVALID_REQUEST_PARAMS" },
    detail: `unknown magic value ${value} (see the simulator's docs/magic-values.md)`
  }
}

const decodeSegment = (segment: string) => {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

const fromPath = (path: string): Trigger | undefined => {
  for (const segment of path.split("/")) {
    const trigger = segment.includes(PREFIX) ? parse(decodeSegment(segment)) : undefined
    if (trigger !== undefined && trigger.action.type !== "commitThenFail") return trigger
  }
  return undefined
}

const fromBody = (body: string): Trigger | undefined => {
  let json: unknown
  try {
    json = JSON.parse(body)
  } catch {
    return undefined
  }
  if (typeof json !== "object" || json === null) return undefined
  const record = json as Record<string, unknown>
  for (const field of FIELDS) {
    const value = record[field]
    const trigger = typeof value === "string" ? parse(value) : undefined
    if (trigger !== undefined) return trigger
  }
  return undefined
}

/**
 * The first magic value of a request: path segments first (except the commit-then-fail values), then the body
 * fields in {@link FIELDS} order. Costs one substring search when the request holds no `SIMERR_`.
 *
 * @since 0.1.0
 * @category Parsing
 */
export const find = (request: TextRequest): Trigger | undefined =>
  (request.path.includes(PREFIX) ? fromPath(request.path) : undefined) ??
  (request.body.includes(PREFIX) ? fromBody(request.body) : undefined)
