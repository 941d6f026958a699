/**
 * How the SDK's request pipeline reaches PayPay: one signed request in, one complete answer (or a classified
 * failure) out. The SDK ships three transports: the portable `@effect/platform` `HttpClient`
 * ({@link fromHttpClient}, behind `PayPayClient.layer*`), undici's dispatcher (`PayPayClient.layerUndici*`), and
 * custom ones through `PayPayClient.layerTransport` — the simulator's in-process mode hands the request to its
 * handler without any HTTP serialisation. Everything else (signing, decoding, typed errors, retries, timeouts,
 * spans) stays in the pipeline, so every transport behaves the same.
 *
 * A transport classifies its failures, because the pipeline's safety rules depend on it (reference §C.2): a
 * request that was never written (`NotSent`) may be sent again whatever the operation; one that was written
 * without a complete answer (`NoResponse`, a `Timeout` after sending, `ResponseFailed`) leaves a write's outcome
 * unknown.
 *
 * @since 0.1.0
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type * as Tracer from "effect/Tracer"

/**
 * One signed request, ready to send. Header names are lower case; `authorization` holds the OPA-Auth header, so
 * a transport must never put the request (or its headers) into an error, a log line or a span.
 *
 * @since 0.1.0
 * @category Models
 */
export interface TransportRequest {
  readonly method: "GET" | "POST" | "DELETE"
  /** The client's base URL, without a trailing slash. */
  readonly baseUrl: string
  /** Path and query string, appended to `baseUrl`. */
  readonly path: string
  readonly headers: { readonly [name: string]: string }
  /** The exact bytes that were signed (UTF-8 text), or `undefined` without a body. */
  readonly body: string | undefined
  /** This attempt, from sending to the last body byte, must finish within this. */
  readonly timeout: Duration.Duration
  /** The endpoint's span, the parent of any span the transport records. */
  readonly span: Tracer.Span
}

/**
 * A complete answer. Header names are lower case.
 *
 * @since 0.1.0
 * @category Models
 */
export interface TransportResponse {
  readonly status: number
  readonly headers: { readonly [name: string]: string | ReadonlyArray<string> | undefined }
  readonly text: string
}

/**
 * Why no complete answer arrived:
 * - `NotSent`: nothing was written (connection refused, DNS or TLS failure, no connection in time);
 * - `Timeout`: the attempt's timeout elapsed; `sent` says whether the request may have been written;
 * - `NoResponse`: written (or possibly written), then the connection broke before a status arrived;
 * - `ResponseFailed`: the status arrived but the body broke off.
 *
 * `cause` is reduced by the pipeline to name, code and message before it reaches an error ({@link describeCause}).
 *
 * @since 0.1.0
 * @category Models
 */
export type TransportFailure =
  | { readonly _tag: "TransportFailure"; readonly reason: "Timeout"; readonly sent: boolean }
  | {
      readonly _tag: "TransportFailure"
      readonly reason: "NotSent" | "NoResponse"
      readonly detail: string
      readonly cause: unknown
    }
  | {
      readonly _tag: "TransportFailure"
      readonly reason: "ResponseFailed"
      readonly status: number
      readonly requestId: string | undefined
      readonly detail: string
      readonly cause: unknown
    }

/**
 * Sends one request. It must not retry, sign or decode: the pipeline does.
 *
 * @since 0.1.0
 * @category Models
 */
export interface Transport {
  readonly send: (request: TransportRequest) => Effect.Effect<TransportResponse, TransportFailure>
}

/**
 * The attempt's timeout elapsed; `sent: false` only when the transport knows nothing was written.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const timedOut = (sent = true): TransportFailure => ({ _tag: "TransportFailure", reason: "Timeout", sent })

/**
 * Nothing was written: sending again is safe for every operation.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const notSent = (detail: string, cause: unknown): TransportFailure => ({
  _tag: "TransportFailure",
  reason: "NotSent",
  detail,
  cause
})

/**
 * The request was (or may have been) written and no status arrived.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const noResponse = (detail: string, cause: unknown): TransportFailure => ({
  _tag: "TransportFailure",
  reason: "NoResponse",
  detail,
  cause
})

/**
 * The status arrived, the body did not.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const responseFailed = (
  status: number,
  requestId: string | undefined,
  detail: string,
  cause: unknown
): TransportFailure => ({ _tag: "TransportFailure", reason: "ResponseFailed", status, requestId, detail, cause })

/**
 * The first value of a header.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const firstHeader = (value: string | ReadonlyArray<string> | undefined): string | undefined =>
  typeof value === "string" ? value : value?.[0]

// ====== Classifying and describing causes ======

/**
 * Error codes that Node, undici and fetch give only when no request was written: refused or unreachable
 * connections, DNS failures, connect timeouts and TLS handshake failures.
 */
const NOT_SENT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EAI_FAIL",
  "EAI_NODATA",
  "EAI_NONAME",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EHOSTDOWN",
  "ENETDOWN",
  "EADDRNOTAVAIL",
  "UND_ERR_CONNECT_TIMEOUT",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "CERT_REVOKED",
  "CERT_UNTRUSTED",
  "CERT_REJECTED",
  "HOSTNAME_MISMATCH"
])

const isNotSentCode = (code: string) =>
  NOT_SENT_CODES.has(code) || code.startsWith("ERR_TLS_") || code.startsWith("ERR_SSL_")

const MAX_DEPTH = 5

const codeOf = (u: unknown): string | undefined => {
  if (typeof u !== "object" || u === null) return undefined
  const code = (u as { readonly code?: unknown }).code
  return typeof code === "string" ? code : undefined
}

/**
 * Whether an error (or any error in its `cause` chain, or in an `AggregateError`) says that no request was
 * written: a refused connection, a DNS failure, a connect timeout or a TLS handshake failure.
 *
 * @since 0.1.0
 * @category Guards
 */
export const isNotSent = (error: unknown, depth = 0): boolean => {
  if (depth > MAX_DEPTH || typeof error !== "object" || error === null) return false
  const code = codeOf(error)
  if (code !== undefined && isNotSentCode(code)) return true
  const errors = (error as { readonly errors?: unknown }).errors
  if (Array.isArray(errors) && errors.length > 0 && errors.every((e) => isNotSent(e, depth + 1))) return true
  return isNotSent((error as { readonly cause?: unknown }).cause, depth + 1)
}

/**
 * What an error cause keeps once it is described: its name, code and message, and the same for its own cause.
 *
 * @since 0.1.0
 * @category Models
 */
export interface CauseDescription {
  readonly name: string
  readonly code?: string | undefined
  readonly message: string
  readonly cause?: CauseDescription | undefined
}

/**
 * An error reduced to name, code and message along its `cause` chain (and the first error of an `AggregateError`):
 * the request, its headers and any other field are dropped, so the result can be logged, inspected or serialised
 * without leaking the `Authorization` header.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const describeCause = (error: unknown, depth = 0): CauseDescription | undefined => {
  if (error === undefined || error === null || depth > MAX_DEPTH) return undefined
  if (typeof error !== "object") return { name: typeof error, message: String(error) }
  const name = (error as { readonly name?: unknown }).name
  const message = (error as { readonly message?: unknown }).message
  const errors = (error as { readonly errors?: unknown }).errors
  const next =
    (error as { readonly cause?: unknown }).cause ??
    (Array.isArray(errors) && errors.length > 0 ? errors[0] : undefined)
  const code = codeOf(error)
  const cause = describeCause(next, depth + 1)
  return {
    name: typeof name === "string" ? name : "Error",
    ...(code === undefined ? {} : { code }),
    message: typeof message === "string" ? message : "",
    ...(cause === undefined ? {} : { cause })
  }
}

/**
 * One line from a cause chain, e.g. `RequestError: Transport error (POST …): TypeError: fetch failed: ECONNREFUSED`.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const describeLine = (error: unknown): string => {
  const parts: Array<string> = []
  for (let cause = describeCause(error); cause !== undefined; cause = cause.cause) {
    parts.push(`${cause.code === undefined ? "" : `${cause.code} `}${cause.message || cause.name}`)
  }
  return parts.join(": ")
}

// ====== HttpClient ======

/**
 * Sends through an `HttpClient`. The timeout is an Effect timer, so it follows `TestClock` in tests. A transport
 * failure whose cause chain names a connect-phase error is `NotSent`; any other is `NoResponse` (an `HttpClient`
 * does not say whether it wrote the request). The `RequestError`/`ResponseError` of the platform carry the
 * request with its headers, so only a {@link describeCause} of them is kept, and the platform's own
 * `http.client` span is not recorded (its exit would keep that error, `Authorization` header included): the
 * endpoint's span (`PayPay.<operation>`, kind `client`) stands for the request.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const fromHttpClient = (client: HttpClient.HttpClient): Transport => {
  const httpClient = HttpClient.withTracerDisabledWhen(client, () => true)
  return {
    send: (request) => {
      let outgoing = HttpClientRequest.setHeaders(
        HttpClientRequest.make(request.method)(request.baseUrl + request.path),
        request.headers
      )
      if (request.body !== undefined) {
        outgoing = HttpClientRequest.bodyText(outgoing, request.body, request.headers["content-type"])
      }
      return Effect.withParentSpan(httpClient.execute(outgoing), request.span).pipe(
        Effect.flatMap((response) =>
          Effect.map(response.text, (text) => ({ status: response.status, headers: response.headers, text }))
        ),
        Effect.catchTags({
          RequestError: (error) => {
            const cause = describeCause(error.cause)
            const detail = describeLine(error.cause) || error.message
            return Effect.fail(isNotSent(error.cause) ? notSent(detail, cause) : noResponse(detail, cause))
          },
          ResponseError: (error) =>
            Effect.fail(
              responseFailed(
                error.response.status,
                firstHeader(error.response.headers["x-request-id"]),
                describeLine(error.cause) || error.reason,
                describeCause(error.cause)
              )
            )
        }),
        Effect.timeoutFail({ duration: request.timeout, onTimeout: () => timedOut() })
      )
    }
  }
}
