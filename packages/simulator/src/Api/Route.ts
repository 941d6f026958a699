/**
 * The shape of a PayPay route in the simulator, and the body decoder every route shares: the SDK's wire schemas
 * validate requests, and a bad body gets `INVALID_REQUEST_PARAMS` (or `MISSING_REQUEST_PARAMS` for an absent
 * field) with a message naming the field — except an unsupported currency, which PayPay answers with
 * `INVALID_PARAMS` (ledger: request.unsupported-currency).
 *
 * @since 0.1.0
 */
import * as PayPaySchema from "@paypay-effect/sdk/PayPaySchema"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import type * as Schema from "effect/Schema"
import * as RedirectUrl from "../Domain/RedirectUrl.js"
import { ApiFailure, type Reply } from "../Envelope.js"
import type { Tenant } from "../Store/Database.js"

/**
 * What a route handler receives.
 *
 * @since 0.1.0
 * @category Models
 */
export interface RouteContext {
  readonly tenant: Tenant
  readonly params: Readonly<Record<string, string>>
  readonly query: URLSearchParams
  /** The parsed JSON body, or `undefined` without one. */
  readonly body: unknown
  readonly requestId: string
}

/**
 * A PayPay route: same method, path and operation name as the SDK endpoint it serves.
 *
 * @since 0.1.0
 * @category Models
 */
export interface Route<R> {
  readonly method: "GET" | "POST" | "DELETE"
  readonly path: string
  readonly operation: string
  readonly handler: (context: RouteContext) => Effect.Effect<Reply, ApiFailure, R>
}

/**
 * @since 0.1.0
 * @category Constructors
 */
export const make = <R>(
  method: Route<R>["method"],
  path: string,
  operation: string,
  handler: Route<R>["handler"]
): Route<R> => ({ method, path, operation, handler })

/**
 * A decoder for a request schema, compiled once (ledger: request.validation). Unknown fields are ignored (ledger:
 * request.unknown-fields).
 *
 * @since 0.1.0
 * @category Constructors
 */
export const decoder = <A, I>(schema: Schema.Schema<A, I>) => {
  const decode = PayPaySchema.decodeUnknownEither(schema, { errors: "first", onExcessProperty: "ignore" })
  return (input: unknown): Effect.Effect<A, ApiFailure> => {
    const result = decode(input)
    if (Either.isRight(result)) return Effect.succeed(result.right)
    const issue = firstIssue(result.left)
    const field = issue === undefined || issue.path.length === 0 ? "body" : issue.path.join(".")
    if (issue !== undefined && isUnsupportedCurrency(input, issue.path)) {
      return Effect.fail(
        new ApiFailure({
          code: "INVALID_PARAMS",
          codeId: "00200004",
          detail: `${field}: ${JSON.stringify(valueAt(input, issue.path))} is not supported (only JPY)`
        })
      )
    }
    return Effect.fail(
      new ApiFailure({
        code: issue?._tag === "Missing" ? "MISSING_REQUEST_PARAMS" : "INVALID_REQUEST_PARAMS",
        detail: `${field}: ${clip(issue?.message ?? "invalid")}`
      })
    )
  }
}

const valueAt = (input: unknown, path: ReadonlyArray<PropertyKey>): unknown =>
  path.reduce<unknown>(
    (value, key) =>
      typeof value === "object" && value !== null ? (value as Record<PropertyKey, unknown>)[key] : undefined,
    input
  )

/** A `currency` that is given as text but is not `JPY` (a missing or non-text one is a malformed request). */
const isUnsupportedCurrency = (input: unknown, path: ReadonlyArray<PropertyKey>): boolean => {
  const value = valueAt(input, path)
  return path[path.length - 1] === "currency" && typeof value === "string" && value !== "JPY"
}

/**
 * The longest diagnostic quoted back: a message may quote the offending value, which is bounded in depth
 * (`Limits.MAX_JSON_DEPTH`) but not in length.
 */
const MAX_DETAIL = 300

const clip = (message: string) => (message.length <= MAX_DETAIL ? message : `${message.slice(0, MAX_DETAIL)}…`)

const firstIssue = (error: ParseResult.ParseError): ParseResult.ArrayFormatterIssue | undefined => {
  try {
    return ParseResult.ArrayFormatter.formatErrorSync(error)[0]
  } catch {
    return undefined
  }
}

/**
 * Reads a required query parameter (e.g. `userAuthorizationId`).
 *
 * @since 0.1.0
 * @category Constructors
 */
export const queryParam = (context: RouteContext, name: string): Effect.Effect<string, ApiFailure> => {
  const value = context.query.get(name)
  return value === null || value === ""
    ? Effect.fail(new ApiFailure({ code: "MISSING_REQUEST_PARAMS", detail: `${name}: query parameter is required` }))
    : Effect.succeed(value)
}

/**
 * Refuses a `redirectUrl` the hosted pages must never send a browser to (`Domain/RedirectUrl.ts`) with
 * `INVALID_REQUEST_PARAMS` naming the field, at create time.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const checkRedirect = (input: {
  readonly redirectUrl?: string | undefined
  readonly redirectType?: string | undefined
}): Effect.Effect<void, ApiFailure> => {
  const problem =
    input.redirectUrl === undefined ? undefined : RedirectUrl.problem(input.redirectUrl, input.redirectType)
  return problem === undefined
    ? Effect.void
    : Effect.fail(new ApiFailure({ code: "INVALID_REQUEST_PARAMS", detail: `redirectUrl: ${problem}` }))
}
