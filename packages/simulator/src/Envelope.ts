/**
 * The one place that builds PayPay's `{ resultInfo, data }` envelope: successes, catalog failures and the
 * simulator's own diagnostics all leave through here, with an `X-REQUEST-ID` on every response (reference §A.4,
 * §B.1; ledger: envelope.shape).
 *
 * @since 0.1.0
 */
import { type ResultCode, ResultCodes, messageOf } from "@paypay-effect/sdk/PayPayError"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Fidelity from "./Fidelity.js"

/**
 * A request as the simulator's PayPay API sees it, independent of the transport (socket or in-process).
 *
 * @since 0.1.0
 * @category Models
 */
export interface SimRequest {
  readonly method: string
  /** Path as sent, still percent-encoded, without the query string. */
  readonly path: string
  readonly query: URLSearchParams
  /** Lower-cased header names. */
  readonly headers: Readonly<Record<string, string | undefined>>
  /**
   * The raw body as received (`""` or empty bytes when there is none): bytes from a socket, which the signature is
   * checked over before they are decoded as strict UTF-8; a string is taken as the text of its UTF-8 bytes.
   */
  readonly body: string | Uint8Array
}

/**
 * A request whose body has been verified and decoded (what fault rules and magic values see).
 *
 * @since 0.1.0
 * @category Models
 */
export interface TextRequest extends SimRequest {
  readonly body: string
}

/**
 * A response before it is written to a transport.
 *
 * @since 0.1.0
 * @category Models
 */
export interface SimResponse {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
  /** The envelope's `resultInfo.code`, when the simulator rendered it (for the journal). */
  readonly code?: string | undefined
  /** Something the developer should know although PayPay answers without complaint (for the journal). */
  readonly warning?: string | undefined
}

/**
 * A handler's success: the data and the documented success status (200, 201 for create-code, 202 where PayPay
 * answers REQUEST_ACCEPTED).
 *
 * @since 0.1.0
 * @category Models
 */
export interface Reply {
  readonly status: number
  readonly code: ResultCode
  readonly data: unknown
  /**
   * A warning for the request journal, never on the wire: e.g. an id reused with different content, which PayPay
   * answers with the first record (ledger: journal.id-reuse).
   */
  readonly warning?: string | undefined
}

/**
 * A handler's failure with a catalog code. `detail` is appended to the catalog text (e.g. naming the invalid
 * field); `status` overrides the catalog status (fault injection, and the few situations where PayPay answers a
 * code with another status than its usual one); `rule` names the ledger rule that decided the answer, so an
 * inferred one says `[simulator, inferred]` (`Fidelity.ts`).
 *
 * @since 0.1.0
 * @category Errors
 */
export class ApiFailure extends Data.TaggedError("ApiFailure")<{
  readonly code: ResultCode
  readonly codeId?: string | undefined
  readonly detail?: string | undefined
  readonly status?: number | undefined
  readonly rule?: Fidelity.RuleId | undefined
}> {}

/**
 * @since 0.1.0
 * @category Constructors
 */
export const ok = (data: unknown, status = 200): Reply => ({ status, code: "SUCCESS", data })

/**
 * `202 REQUEST_ACCEPTED` with empty data (cashback, reversal; reference §B.9).
 *
 * @since 0.1.0
 * @category Constructors
 */
export const accepted = (data: unknown = null): Reply => ({ status: 202, code: "REQUEST_ACCEPTED", data })

/**
 * A success with a warning for the request journal, tagged like a diagnostic (`[simulator, inferred] …`) and
 * pointing at the ledger rule it follows.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const withWarning = (reply: Reply, detail: string, rule: Fidelity.RuleId): Reply => ({
  ...reply,
  warning: `${Fidelity.tag(rule)} ${detail} (${Fidelity.link(rule)})`
})

/**
 * Fails a handler with a catalog code.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const fail = (
  code: ResultCode,
  options: {
    readonly codeId?: string | undefined
    readonly detail?: string | undefined
    readonly status?: number | undefined
    readonly rule?: Fidelity.RuleId | undefined
  } = {}
): Effect.Effect<never, ApiFailure> => Effect.fail(new ApiFailure({ code, ...options }))

/**
 * The `resultInfo` for a code: PayPay's message for the codeId, optionally followed by a diagnostic the way
 * PayPay appends `| [OPA…]` references — `[simulator] detail`, or `[simulator, inferred] detail (docs/fidelity.md#…)`
 * when the answer follows an inferred ledger rule.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const resultInfo = (
  code: ResultCode,
  codeId?: string | undefined,
  detail?: string | undefined,
  rule?: Fidelity.RuleId | undefined
) => {
  const id = codeId ?? ResultCodes[code].codeIds[0] ?? ""
  const message = messageOf(code, id)
  const inferred = rule !== undefined && Fidelity.get(rule).standing === "inferred"
  const note = [detail, inferred ? `(${Fidelity.link(rule)})` : undefined].filter((part) => part !== undefined)
  return {
    code,
    message: note.length === 0 ? message : `${message} | ${Fidelity.tag(rule)} ${note.join(" ")}`,
    codeId: id
  }
}

const headers = (requestId: string) => ({ "content-type": "application/json", "x-request-id": requestId })

/**
 * Renders a success.
 *
 * @since 0.1.0
 * @category Rendering
 */
export const renderReply = (reply: Reply, requestId: string): SimResponse => ({
  status: reply.status,
  headers: headers(requestId),
  body: JSON.stringify({ resultInfo: resultInfo(reply.code), data: reply.data }),
  code: reply.code,
  warning: reply.warning
})

/**
 * Renders a failure with the catalog's HTTP status.
 *
 * @since 0.1.0
 * @category Rendering
 */
export const renderFailure = (failure: ApiFailure, requestId: string): SimResponse => ({
  status: failure.status ?? ResultCodes[failure.code].status,
  headers: headers(requestId),
  body: JSON.stringify({
    resultInfo: resultInfo(failure.code, failure.codeId, failure.detail, failure.rule),
    data: null
  }),
  code: failure.code
})
