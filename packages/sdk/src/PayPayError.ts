/**
 * Errors of the PayPay Open Payment API and the result-code catalog behind them.
 *
 * Every error code PayPay documents has an entry in `ResultCodes` and its own class, named after its tag and
 * generated from the catalog (`DYNAMIC_QR_ALREADY_PAID` → `PayPayError.DynamicQrAlreadyPaid`, a type and a value),
 * so `Effect.catchTag("DynamicQrAlreadyPaid", …)` works and an endpoint's error channel lists exactly the codes it
 * can fail with (`EndpointError`). Success codes (`SUCCESS`, `REQUEST_ACCEPTED`) are in the catalog but are not
 * errors. Codes PayPay adds later decode to `UnknownResultCode`. Transport and decoding failures are
 * `PayPayRequestError` (`NotSent`: nothing reached PayPay; `Transport`/`Timeout`: sent, no complete answer) and
 * `PayPayResponseError`. The catalog is the single table of the repo: the simulator answers from it too.
 *
 * @see https://developer.paypay.ne.jp/develop/resolve
 * @since 0.1.0
 */
import * as Data from "effect/Data"
import {
  type ApiErrorFields,
  type CodeErrorClass,
  outcomeNote,
  PayPayApiError,
  isResultCode as isCatalogCode,
  retryOf,
  type TagOf,
  tagOf
} from "./internal/apiError.js"
import * as CodeErrors from "./internal/codeErrors.js"
import { catalog } from "./internal/resultCodes.js"

// ====== Result codes ======

/**
 * How a caller may react to a code (§C.2):
 * - `retryable`: send the same request again after a backoff (rate limit, maintenance);
 * - `unknownOutcome`: PayPay may or may not have done it; query the resource before anything else;
 * - `final`: retrying the same request will not help (`TRANSACTION_FAILED` allows a NEW transaction).
 *
 * @since 0.1.0
 * @category Result codes
 */
export type RetryClass = "retryable" | "unknownOutcome" | "final"

/**
 * One entry of the catalog.
 *
 * @since 0.1.0
 * @category Result codes
 */
export interface ResultCodeSpec {
  /** HTTP status PayPay answers with. */
  readonly status: number
  /** Documented codeIds; the first is the default. Empty when no source gives one. */
  readonly codeIds: ReadonlyArray<string>
  /** PayPay's message text for the default codeId. */
  readonly message: string
  /** Messages of the other codeIds, where they differ from `message`. */
  readonly messages?: { readonly [codeId: string]: string }
  readonly retry: RetryClass
  /** `SUCCESS` and `REQUEST_ACCEPTED` are successes; everything else (including the 202 capture code) is an error. */
  readonly kind: "success" | "error"
  /** One line: when PayPay returns it and what to do. */
  readonly description: string
}

/**
 * The catalog of every documented PayPay result code (§B, §C.1).
 *
 * @since 0.1.0
 * @category Result codes
 */
export const ResultCodes = catalog

/**
 * @since 0.1.0
 * @category Result codes
 */
export type ResultCode = keyof typeof ResultCodes

/**
 * The codes whose answer is a success (`SUCCESS`, `REQUEST_ACCEPTED`): they have no error class.
 *
 * @since 0.1.0
 * @category Result codes
 */
export type SuccessCode = {
  readonly [C in ResultCode]: (typeof ResultCodes)[C]["kind"] extends "success" ? C : never
}[ResultCode]

/**
 * The codes that are errors: each has its own class (`PayPayError.DynamicQrAlreadyPaid`).
 *
 * @since 0.1.0
 * @category Result codes
 */
export type ErrorCode = Exclude<ResultCode, SuccessCode>

/**
 * All catalog codes, in catalog order.
 *
 * @since 0.1.0
 * @category Result codes
 */
export const resultCodes: ReadonlyArray<ResultCode> = Object.keys(ResultCodes) as Array<ResultCode>

/**
 * @since 0.1.0
 * @category Guards
 */
export const isResultCode: (code: string) => code is ResultCode = isCatalogCode

/**
 * The error codes of the catalog, in catalog order (every code but `SUCCESS` and `REQUEST_ACCEPTED`).
 *
 * @since 0.1.0
 * @category Result codes
 */
export const errorCodes: ReadonlyArray<ErrorCode> = resultCodes.filter(
  (code): code is ErrorCode => ResultCodes[code].kind === "error"
)

/**
 * @since 0.1.0
 * @category Guards
 */
export const isErrorCode = (code: string): code is ErrorCode => isResultCode(code) && ResultCodes[code].kind === "error"

/**
 * PayPay's message for a code and codeId (the default codeId's message when the codeId is absent or unknown).
 *
 * @since 0.1.0
 * @category Result codes
 */
export const messageOf = (code: ResultCode, codeId?: string | undefined): string => {
  const spec: ResultCodeSpec = ResultCodes[code]
  return (codeId !== undefined && spec.messages?.[codeId]) || spec.message
}

/**
 * Codes that any endpoint can answer (§C.1).
 *
 * @since 0.1.0
 * @category Result codes
 */
export const CommonCodes = [
  "INVALID_REQUEST_PARAMS",
  "MISSING_REQUEST_PARAMS",
  "UNAUTHORIZED",
  "OP_OUT_OF_SCOPE",
  "OPA_CLIENT_NOT_FOUND",
  "RATE_LIMIT",
  "SERVICE_ERROR",
  "INTERNAL_SERVER_ERROR",
  "MAINTENANCE_MODE",
  "SERVICE_UNDER_MAINTENANCE"
] as const satisfies ReadonlyArray<ErrorCode>

/**
 * @since 0.1.0
 * @category Result codes
 */
export type CommonCode = (typeof CommonCodes)[number]

// ====== Tags ======

export { type TagOf, tagOf } from "./internal/apiError.js"

// ====== API errors ======

export {
  type ApiErrorFields,
  type CodeErrorClass,
  type ErrorFields,
  PayPayApiError,
  resolveUrl
} from "./internal/apiError.js"

/**
 * One class per error code, named after its tag: `PayPayError.DynamicQrAlreadyPaid` is both the class
 * (`new`, `instanceof`) and the type of that error. Success codes have none.
 */
export * from "./internal/codeErrors.js"

/**
 * The error of one catalog code, e.g. `ResultCodeError<"DYNAMIC_QR_ALREADY_PAID">` is `DynamicQrAlreadyPaid`.
 * Distributes over unions of codes.
 *
 * @since 0.1.0
 * @category Errors
 */
export type ResultCodeError<C extends ErrorCode> = C extends ErrorCode ? InstanceType<ErrorClasses[TagOf<C>]> : never

/**
 * The class of one code.
 *
 * @since 0.1.0
 * @category Errors
 */
export type ResultCodeErrorClass<C extends ErrorCode> = ErrorClasses[TagOf<C>]

/**
 * The per-code classes, keyed by tag.
 *
 * @since 0.1.0
 * @category Errors
 */
export type ErrorClasses = typeof CodeErrors

/**
 * The per-code classes keyed by tag (`Errors.DynamicQrAlreadyPaid` is `PayPayError.DynamicQrAlreadyPaid`).
 *
 * @deprecated Use the classes directly: `PayPayError.DynamicQrAlreadyPaid`.
 * @since 0.1.0
 * @category Errors
 */
export const Errors: ErrorClasses = CodeErrors

const classByCode = new Map<string, CodeErrorClass<ErrorCode>>(
  Object.values(CodeErrors).map((ErrorClass) => [ErrorClass.code, ErrorClass as CodeErrorClass<ErrorCode>])
)

/**
 * A `resultInfo.code` missing from the catalog (a code PayPay added later, or an undocumented one), a known code
 * that the endpoint does not document, or a success code that arrived with an error status.
 *
 * @since 0.1.0
 * @category Errors
 */
export class UnknownResultCode extends PayPayApiError {
  declare readonly _tag: "UnknownResultCode"
  constructor(fields: ApiErrorFields) {
    super({ ...fields, _tag: "UnknownResultCode" })
  }
}
UnknownResultCode.prototype.name = "UnknownResultCode"

/**
 * The error for a PayPay `resultInfo`: the class of its code, or `UnknownResultCode` (codes missing from the
 * catalog, and success codes, which have no error class). `outcomeUnknown` is set when the call was a write and
 * the code's retry class is `unknownOutcome`.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const fromResultInfo = (args: {
  readonly resultInfo: { readonly code: string; readonly message: string; readonly codeId?: string | undefined }
  readonly status: number
  readonly operation: string
  readonly apiName?: string | undefined
  readonly requestId?: string | undefined
  readonly write: boolean
  readonly reconcile?: string | undefined
}): ResultCodeError<ErrorCode> | UnknownResultCode => {
  const { code, codeId, message } = args.resultInfo
  const outcomeUnknown = args.write && retryOf(code, args.status) === "unknownOutcome"
  const fields = {
    codeId,
    resultMessage: message,
    status: args.status,
    operation: args.operation,
    apiName: args.apiName,
    requestId: args.requestId,
    outcomeUnknown,
    reconcile: outcomeUnknown ? args.reconcile : undefined
  }
  const ErrorClass = classByCode.get(code)
  return ErrorClass === undefined
    ? new UnknownResultCode({ ...fields, code })
    : (new ErrorClass(fields) as ResultCodeError<ErrorCode>)
}

// ====== Transport errors ======

/**
 * Why a request got no PayPay answer:
 * - `InvalidRequest`: the input failed validation; nothing was sent.
 * - `NotSent`: the request never left: connection refused, DNS failure, TLS handshake failure, no connection
 *   before the timeout. Safe to send again for every operation, writes included; the client retries it.
 * - `Transport`: the connection broke after the request was (or may have been) written, before a complete answer
 *   (reset, closed, dropped). For a write the outcome is unknown.
 * - `Timeout`: no complete answer within the operation's timeout (per attempt) or the call's `deadline`. For a
 *   write that was sent the outcome is unknown.
 *
 * @since 0.1.0
 * @category Errors
 */
export type RequestFailure = "InvalidRequest" | "NotSent" | "Transport" | "Timeout"

/**
 * The request did not get a PayPay answer (see {@link RequestFailure}). A write that may have reached PayPay has
 * `outcomeUnknown: true`. `cause` is the underlying error reduced to its name, code and message: it never holds
 * the request (nor its `Authorization` header).
 *
 * @since 0.1.0
 * @category Errors
 */
export class PayPayRequestError extends Data.TaggedError("PayPayRequestError")<{
  readonly operation: string
  readonly reason: RequestFailure
  readonly detail: string
  readonly outcomeUnknown: boolean
  readonly reconcile?: string | undefined
  readonly cause?: unknown
}> {
  /** Whether the request may have reached PayPay (`Transport`, `Timeout`). */
  get sent(): boolean {
    return this.reason === "Transport" || this.reason === "Timeout"
  }

  override get message(): string {
    return (
      `${this.operation} request failed (${this.reason}): ${this.detail}.` +
      outcomeNote(this.outcomeUnknown, this.reconcile)
    )
  }
}

/**
 * PayPay answered, but the answer could not be used: an undecodable body or an unexpected HTTP status.
 *
 * @since 0.1.0
 * @category Errors
 */
export class PayPayResponseError extends Data.TaggedError("PayPayResponseError")<{
  readonly operation: string
  readonly status: number
  readonly reason: "Decode" | "UnexpectedStatus"
  readonly detail: string
  readonly requestId: string | undefined
  readonly outcomeUnknown: boolean
  readonly reconcile?: string | undefined
  readonly cause?: unknown
}> {
  override get message(): string {
    const requestId = this.requestId === undefined ? "" : `, requestId ${this.requestId}`
    return (
      `${this.operation} response unusable (${this.reason}) [HTTP ${this.status}${requestId}]: ${this.detail}.` +
      outcomeNote(this.outcomeUnknown, this.reconcile)
    )
  }
}

/**
 * Any error of the SDK.
 *
 * @since 0.1.0
 * @category Errors
 */
export type PayPayError = ResultCodeError<ErrorCode> | UnknownResultCode | PayPayRequestError | PayPayResponseError

/**
 * The error channel of an endpoint: its documented codes, the common codes and the transport errors.
 *
 * @since 0.1.0
 * @category Errors
 */
export type EndpointError<C extends ErrorCode> =
  | ResultCodeError<C | CommonCode>
  | UnknownResultCode
  | PayPayRequestError
  | PayPayResponseError

// ====== Guards ======

/**
 * A result-code error, known code or `UnknownResultCode`.
 *
 * @since 0.1.0
 * @category Guards
 */
export const isPayPayApiError = (u: unknown): u is PayPayApiError => u instanceof PayPayApiError

/**
 * @since 0.1.0
 * @category Guards
 */
export const isPayPayError = (u: unknown): u is PayPayError =>
  u instanceof PayPayApiError || u instanceof PayPayRequestError || u instanceof PayPayResponseError

/**
 * A predicate for a set of codes, e.g. `Effect.catchIf(isCode("RATE_LIMIT", "MAINTENANCE_MODE"), …)`.
 *
 * @since 0.1.0
 * @category Guards
 */
export const isCode = <const Cs extends ReadonlyArray<ErrorCode>>(...codes: Cs) => {
  const tags = new Set<string>(codes.map((code) => tagOf(code)))
  return (u: unknown): u is ResultCodeError<Cs[number]> => u instanceof PayPayApiError && tags.has(u._tag)
}

/**
 * The error is from a write whose effect at PayPay is unknown: reconcile (query by merchant id) before retrying.
 *
 * @since 0.1.0
 * @category Guards
 */
export const isOutcomeUnknown = (u: unknown): boolean => isPayPayError(u) && u.outcomeUnknown

/**
 * Sending the very same request again is safe and may succeed: a `retryable` code, a request that was never sent
 * (`NotSent`), or a read (never a write with unknown outcome) that hit a PayPay 5xx, a transport failure, a
 * timeout or a 5xx/429 response.
 *
 * @since 0.1.0
 * @category Guards
 */
export const isRetryable = (u: unknown): boolean => {
  if (!isPayPayError(u) || u.outcomeUnknown) return false
  if (u instanceof PayPayApiError) return u.retry !== "final"
  if (u instanceof PayPayRequestError) return u.reason !== "InvalidRequest"
  return u.reason === "UnexpectedStatus" && (u.status === 429 || u.status >= 500)
}
