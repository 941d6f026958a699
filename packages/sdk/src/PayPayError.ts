/**
 * Errors of the PayPay Open Payment API and the result-code catalog behind them.
 *
 * Every `resultInfo.code` PayPay documents has an entry in `ResultCodes` and a generated tagged error class in
 * `Errors` (`DYNAMIC_QR_ALREADY_PAID` → `DynamicQrAlreadyPaid`), so `Effect.catchTag("DynamicQrAlreadyPaid", …)`
 * works and an endpoint's error channel lists exactly the codes it can fail with (`EndpointError`). Codes PayPay
 * adds later decode to `UnknownResultCode`. Transport and decoding failures are `PayPayRequestError` and
 * `PayPayResponseError`. The catalog is the single table of the repo: the simulator answers from it too.
 *
 * @see https://developer.paypay.ne.jp/develop/resolve
 * @since 0.1.0
 */
import * as Data from "effect/Data"
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
export const isResultCode = (code: string): code is ResultCode => Object.hasOwn(ResultCodes, code)

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
] as const satisfies ReadonlyArray<ResultCode>

/**
 * @since 0.1.0
 * @category Result codes
 */
export type CommonCode = (typeof CommonCodes)[number]

// ====== Tags ======

type PascalWord<S extends string> = Capitalize<Lowercase<S>>

/**
 * The error tag of a code: SCREAMING_SNAKE to PascalCase (`"OP_OUT_OF_SCOPE"` → `"OpOutOfScope"`).
 *
 * @since 0.1.0
 * @category Result codes
 */
export type TagOf<C extends string> = C extends `${infer Head}_${infer Tail}`
  ? `${PascalWord<Head>}${TagOf<Tail>}`
  : PascalWord<C>

/**
 * @since 0.1.0
 * @category Result codes
 */
export const tagOf = <C extends string>(code: C): TagOf<C> =>
  code
    .toLowerCase()
    .split("_")
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join("") as TagOf<C>

// ====== API errors ======

/**
 * What every result-code error carries.
 *
 * @since 0.1.0
 * @category Errors
 */
export interface ApiErrorFields {
  /** `resultInfo.code` */
  readonly code: string
  /** `resultInfo.codeId` */
  readonly codeId: string | undefined
  /** `resultInfo.message` as PayPay sent it */
  readonly resultMessage: string
  /** HTTP status */
  readonly status: number
  /** SDK operation, e.g. `"Codes.create"` */
  readonly operation: string
  /** PayPay API name for the resolve URL, e.g. `"v2_createDynamicQRCode"` */
  readonly apiName: string | undefined
  /** `X-REQUEST-ID` response header; quote it to PayPay support (§A.4) */
  readonly requestId: string | undefined
  /** The call was a write and the code is `unknownOutcome`: PayPay may or may not have done it */
  readonly outcomeUnknown: boolean
  /** For `outcomeUnknown`: how to find out, e.g. "query GET /v2/codes/payments/{merchantPaymentId} before retrying" */
  readonly reconcile?: string | undefined
}

/**
 * PayPay's troubleshooting page for an error (§A.6).
 *
 * @since 0.1.0
 * @category Errors
 */
export const resolveUrl = (apiName: string | undefined, code: string, codeId: string | undefined): string =>
  `https://developer.paypay.ne.jp/develop/resolve?api_name=${encodeURIComponent(apiName ?? "")}` +
  `&code=${encodeURIComponent(code)}&code_id=${encodeURIComponent(codeId ?? "")}`

const retryOf = (code: string, status: number): RetryClass =>
  isResultCode(code)
    ? ResultCodes[code].retry
    : status === 429
      ? "retryable"
      : status >= 500
        ? "unknownOutcome"
        : "final"

const outcomeNote = (outcomeUnknown: boolean, reconcile: string | undefined): string =>
  outcomeUnknown
    ? ` Outcome unknown: PayPay may or may not have applied this write; ${reconcile ?? "query its status before retrying"}.`
    : ""

/**
 * Shared base class of every result-code error. It is a yieldable error: use it with `yield*`, `Effect.fail`,
 * `instanceof`.
 *
 * @since 0.1.0
 * @category Errors
 */
export class PayPayApiError extends Data.Error<ApiErrorFields & { readonly _tag: string }> {
  /** From the catalog; for unknown codes from the status (429 retryable, 5xx unknown outcome, §C.2). */
  get retry(): RetryClass {
    return retryOf(this.code, this.status)
  }

  get resolveUrl(): string {
    return resolveUrl(this.apiName, this.code, this.codeId)
  }

  override get message(): string {
    const codeId = this.codeId === undefined ? "" : ` (codeId ${this.codeId})`
    const requestId = this.requestId === undefined ? "" : `, requestId ${this.requestId}`
    return (
      `${this.operation} failed with ${this.code}${codeId} [HTTP ${this.status}${requestId}]: ` +
      `${this.resultMessage} (resolve: ${this.resolveUrl}).${outcomeNote(this.outcomeUnknown, this.reconcile)}`
    )
  }
}
PayPayApiError.prototype.name = "PayPayApiError"

/**
 * The error of one catalog code: its `_tag` and `code` are literals, so `catchTag` narrows to it.
 * Distributes over unions of codes.
 *
 * @since 0.1.0
 * @category Errors
 */
export type ResultCodeError<C extends ResultCode> = C extends ResultCode
  ? PayPayApiError & { readonly _tag: TagOf<C>; readonly code: C }
  : never

/**
 * The generated class of one code.
 *
 * @since 0.1.0
 * @category Errors
 */
export type ResultCodeErrorClass<C extends ResultCode> = new (
  fields: Omit<ApiErrorFields, "code">
) => ResultCodeError<C>

/**
 * The generated classes, keyed by tag.
 *
 * @since 0.1.0
 * @category Errors
 */
export type ErrorClasses = { readonly [C in ResultCode as TagOf<C>]: ResultCodeErrorClass<C> }

const makeErrorClass = (code: ResultCode) => {
  const tag = tagOf(code)
  const ErrorClass = class extends PayPayApiError {
    constructor(fields: Omit<ApiErrorFields, "code">) {
      super({ ...fields, code, _tag: tag })
    }
  }
  Object.defineProperty(ErrorClass, "name", { value: tag })
  ErrorClass.prototype.name = tag
  return ErrorClass
}

const classByCode = Object.fromEntries(resultCodes.map((code) => [code, makeErrorClass(code)])) as Record<
  ResultCode,
  ResultCodeErrorClass<ResultCode>
>

/**
 * One generated error class per catalog code, keyed by tag: `new Errors.DynamicQrAlreadyPaid({ ... })`,
 * `e instanceof Errors.DynamicQrAlreadyPaid`.
 *
 * @since 0.1.0
 * @category Errors
 */
export const Errors: ErrorClasses = Object.fromEntries(
  resultCodes.map((code) => [tagOf(code), classByCode[code]])
) as unknown as ErrorClasses

/**
 * A `resultInfo.code` missing from the catalog (a code PayPay added later, or an undocumented one).
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
 * The error for a PayPay `resultInfo`: the generated class of its code, or `UnknownResultCode`.
 * `outcomeUnknown` is set when the call was a write and the code's retry class is `unknownOutcome`.
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
}): ResultCodeError<ResultCode> | UnknownResultCode => {
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
  return isResultCode(code) ? new classByCode[code](fields) : new UnknownResultCode({ ...fields, code })
}

// ====== Transport errors ======

/**
 * The request did not get a PayPay answer: invalid input (never sent), transport failure or timeout.
 * A write that timed out or broke after sending has `outcomeUnknown: true`.
 *
 * @since 0.1.0
 * @category Errors
 */
export class PayPayRequestError extends Data.TaggedError("PayPayRequestError")<{
  readonly operation: string
  readonly reason: "InvalidRequest" | "Transport" | "Timeout"
  readonly detail: string
  readonly outcomeUnknown: boolean
  readonly reconcile?: string | undefined
  readonly cause?: unknown
}> {
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
export type PayPayError = ResultCodeError<ResultCode> | UnknownResultCode | PayPayRequestError | PayPayResponseError

/**
 * The error channel of an endpoint: its documented codes, the common codes and the transport errors.
 *
 * @since 0.1.0
 * @category Errors
 */
export type EndpointError<C extends ResultCode> =
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
export const isCode = <const Cs extends ReadonlyArray<ResultCode>>(...codes: Cs) => {
  const tags = new Set<string>(codes.map(tagOf))
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
 * Sending the very same request again is safe and may succeed: a `retryable` code, or a read (never a write with
 * unknown outcome) that hit a PayPay 5xx, a transport failure, a timeout or a 5xx/429 response.
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
