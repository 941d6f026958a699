/**
 * The base of every result-code error and the factory of the per-code classes (`internal/codeErrors.ts`), kept
 * apart from `PayPayError.ts` so that the generated classes can extend the base without an import cycle.
 * `PayPayError` re-exports what is public; import it from there, not from this file.
 */
import * as Data from "effect/Data"
import type { ErrorCode, ResultCode, RetryClass } from "../PayPayError.js"
import { catalog } from "./resultCodes.js"

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

/** @internal */
export const isResultCode = (code: string): code is ResultCode => Object.hasOwn(catalog, code)

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
 * The fields a per-code error is built from (its `code` and `_tag` come from its class).
 *
 * @since 0.1.0
 * @category Errors
 */
export type ErrorFields = Omit<ApiErrorFields, "code">

/**
 * PayPay's troubleshooting page for an error (§A.6).
 *
 * @since 0.1.0
 * @category Errors
 */
export const resolveUrl = (apiName: string | undefined, code: string, codeId: string | undefined): string =>
  `https://developer.paypay.ne.jp/develop/resolve?api_name=${encodeURIComponent(apiName ?? "")}` +
  `&code=${encodeURIComponent(code)}&code_id=${encodeURIComponent(codeId ?? "")}`

/**
 * The catalog's class of an error code; for a code outside the catalog (or a success code that came with an error
 * status) the status decides: 429 retryable, 5xx unknown outcome (§C.2).
 *
 * @internal
 */
export const retryOf = (code: string, status: number): RetryClass =>
  isResultCode(code) && catalog[code].kind === "error"
    ? catalog[code].retry
    : status === 429
      ? "retryable"
      : status >= 500
        ? "unknownOutcome"
        : "final"

/** @internal */
export const outcomeNote = (outcomeUnknown: boolean, reconcile: string | undefined): string =>
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
 * The constructor every per-code class extends: its instances have the literal `_tag` and `code` of one catalog
 * code, and the class carries them as statics.
 *
 * @since 0.1.0
 * @category Errors
 */
export interface CodeErrorClass<C extends ErrorCode> {
  new (fields: ErrorFields): PayPayApiError & { readonly _tag: TagOf<C>; readonly code: C }
  readonly code: C
  readonly tag: TagOf<C>
}

/**
 * The base class of one catalog code, e.g. `class DynamicQrAlreadyPaid extends codeError("DYNAMIC_QR_ALREADY_PAID")`.
 *
 * @internal
 */
export const codeError = <C extends ErrorCode>(code: C): CodeErrorClass<C> => {
  const tag = tagOf(code)
  class CodeError extends PayPayApiError {
    static readonly code = code
    static readonly tag = tag
    constructor(fields: ErrorFields) {
      super({ ...fields, code, _tag: tag })
    }
  }
  CodeError.prototype.name = tag
  return CodeError as unknown as CodeErrorClass<C>
}
