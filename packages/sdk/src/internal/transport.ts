import type * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type * as Tracer from "effect/Tracer"

/**
 * One signed request, ready to send. Header names are lower case.
 *
 * @internal
 */
export interface TransportRequest {
  readonly method: "GET" | "POST" | "DELETE"
  /** The client's base URL, without a trailing slash. */
  readonly baseUrl: string
  /** Path and query string, appended to `baseUrl`. */
  readonly path: string
  readonly headers: { readonly [name: string]: string }
  readonly body: string | undefined
  /** The whole exchange, from sending to the last body byte, must finish within this. */
  readonly timeout: Duration.Duration
  /** The endpoint's span, the parent of any span the transport records. */
  readonly span: Tracer.Span
}

/**
 * A complete answer. Header names are lower case.
 *
 * @internal
 */
export interface TransportResponse {
  readonly status: number
  readonly headers: { readonly [name: string]: string | ReadonlyArray<string> | undefined }
  readonly text: string
}

/**
 * Why no complete answer arrived: `Timeout` (the request's timeout elapsed), `RequestFailed` (no response:
 * connection refused or reset, TLS failure, …) or `ResponseFailed` (the status arrived but the body broke off).
 *
 * @internal
 */
export type TransportFailure =
  | { readonly _tag: "TransportFailure"; readonly reason: "Timeout" }
  | {
      readonly _tag: "TransportFailure"
      readonly reason: "RequestFailed"
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

/** @internal */
export const timedOut: TransportFailure = { _tag: "TransportFailure", reason: "Timeout" }

/** @internal */
export const requestFailed = (detail: string, cause: unknown): TransportFailure => ({
  _tag: "TransportFailure",
  reason: "RequestFailed",
  detail,
  cause
})

/** @internal */
export const responseFailed = (
  status: number,
  requestId: string | undefined,
  detail: string,
  cause: unknown
): TransportFailure => ({ _tag: "TransportFailure", reason: "ResponseFailed", status, requestId, detail, cause })

/**
 * How the request pipeline reaches PayPay: the portable `@effect/platform` `HttpClient` ({@link fromHttpClient})
 * or undici's dispatcher directly (`transportUndici.ts`).
 *
 * @internal
 */
export interface Transport {
  readonly send: (request: TransportRequest) => Effect.Effect<TransportResponse, TransportFailure>
}

/** @internal */
export const firstHeader = (value: string | ReadonlyArray<string> | undefined): string | undefined =>
  typeof value === "string" ? value : value?.[0]

/**
 * Sends through an `HttpClient`. The timeout is an Effect timer, so it follows `TestClock` in tests.
 *
 * @internal
 */
export const fromHttpClient = (httpClient: HttpClient.HttpClient): Transport => ({
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
        RequestError: (cause) => Effect.fail(requestFailed(cause.message, cause)),
        ResponseError: (cause) =>
          Effect.fail(
            responseFailed(cause.response.status, cause.response.headers["x-request-id"], cause.message, cause)
          )
      }),
      Effect.timeoutFail({ duration: request.timeout, onTimeout: () => timedOut })
    )
  }
})
