import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Random from "effect/Random"
import * as Schema from "effect/Schema"
import { PayPayClient } from "../PayPayClient.js"
import * as PayPayError from "../PayPayError.js"
import { ErrorEnvelope } from "../PayPaySchema.js"
import * as PayPaySigner from "../PayPaySigner.js"

/**
 * How safe an endpoint is to send again (reference §C.2):
 * - `read`: a query; retried on rate limits, maintenance, 5xx and transport failures.
 * - `idempotent`: a write PayPay applies at most once per id (cancel, delete); retried like a read.
 * - `write`: retried only when PayPay certainly did not process it (rate limit, maintenance). A timeout,
 *   transport failure or 5xx leaves the outcome unknown and fails with `outcomeUnknown: true`.
 *
 * @internal
 */
export type Safety = "read" | "idempotent" | "write"

/** @internal */
export interface WireRequest {
  readonly path: string
  readonly query?: { readonly [key: string]: string | number | boolean | undefined } | undefined
  readonly body?: unknown
  /** Extra headers (e.g. `Lang`, §A.4); never signed, and they cannot replace the SDK's own headers. */
  readonly headers?: { readonly [name: string]: string } | undefined
}

/** @internal */
export interface Endpoint<In, Decoded, A, C extends PayPayError.ResultCode> {
  readonly operation: string
  readonly apiName: string
  readonly method: "GET" | "POST" | "DELETE"
  readonly input: Schema.Schema<Decoded, In>
  readonly request: (input: Decoded, context: { readonly now: number }) => WireRequest
  readonly response: Schema.Schema<A, any> | undefined
  readonly timeout: Duration.DurationInput
  readonly safety: Safety
  readonly codes: ReadonlyArray<C>
  readonly reconcile?: ((input: Decoded) => string) | undefined
}

/**
 * The Content-Type the SDK signs and sends with a body: PayPay's HMAC FAQ (11831606311951) signs
 * `application/json`, and so does the official Node SDK (reference §A.2).
 *
 * @internal
 */
export const CONTENT_TYPE = "application/json"

/** @internal */
export const endpoint = <In, Decoded, A, const C extends PayPayError.ResultCode = never>(
  spec: Endpoint<In, Decoded, A, C>
): Endpoint<In, Decoded, A, C> => spec

interface Failure<E> {
  readonly error: E
  readonly retryAfter: Duration.Duration | undefined
}

const MAX_RETRY_AFTER = Duration.seconds(60)

const queryString = (query: WireRequest["query"]): string => {
  if (query === undefined) return ""
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.append(key, String(value))
  }
  const text = params.toString()
  return text === "" ? "" : `?${text}`
}

const parseRetryAfter = (value: string | undefined): Duration.Duration | undefined => {
  if (value === undefined) return undefined
  const seconds = Number(value)
  return Number.isFinite(seconds) && seconds >= 0 ? Duration.seconds(seconds) : undefined
}

const isRetryableFor =
  (safety: Safety) =>
  (error: PayPayError.PayPayError): boolean => {
    if (PayPayError.isRetryable(error)) return true
    if (safety === "write") return false
    switch (error._tag) {
      case "PayPayRequestError":
        return error.reason !== "InvalidRequest"
      case "PayPayResponseError":
        return error.status >= 500
      default:
        return PayPayError.isPayPayApiError(error) && error.status >= 500
    }
  }

const successCodes = new Set(
  Object.entries(PayPayError.ResultCodes)
    .filter(([, spec]) => spec.kind === "success")
    .map(([code]) => code)
)

/**
 * Validates the input, signs and sends the request, decodes the envelope, maps every failure to a typed
 * error, applies the timeout and the retry policy, and records a span named `PayPay.<operation>`.
 *
 * @internal
 */
export const execute = <In, Decoded, A, C extends PayPayError.ResultCode>(
  endpoint: Endpoint<In, Decoded, A, C>,
  input: In
): Effect.Effect<A, PayPayError.EndpointError<C>, PayPayClient> => {
  const { operation, safety } = endpoint
  const write = safety === "write"
  const documented = new Set<string>([...endpoint.codes, ...PayPayError.CommonCodes])
  return Effect.gen(function* () {
    const client = yield* PayPayClient
    const decoded = yield* Schema.decodeUnknown(endpoint.input, { errors: "all", onExcessProperty: "error" })(
      input
    ).pipe(
      Effect.mapError(
        (error) =>
          new PayPayError.PayPayRequestError({
            operation,
            reason: "InvalidRequest",
            detail: ParseResult.TreeFormatter.formatErrorSync(error),
            outcomeUnknown: false
          })
      )
    )
    const now = Math.floor((yield* Clock.currentTimeMillis) / 1000)
    const wire = endpoint.request(decoded, { now })
    const body = wire.body === undefined ? undefined : JSON.stringify(wire.body)
    const url = client.baseUrl + wire.path + queryString(wire.query)
    const reconcile = endpoint.reconcile?.(decoded)
    const timeout = client.timeouts[operation] ?? endpoint.timeout
    yield* Effect.annotateCurrentSpan({ "http.request.method": endpoint.method, "url.path": wire.path })

    const fail = (error: PayPayError.PayPayError, retryAfter?: Duration.Duration): Effect.Effect<never, Failure<any>> =>
      Effect.fail({ error, retryAfter })

    const attempt = Effect.gen(function* () {
      const authorization = yield* PayPaySigner.sign(
        { apiKey: client.apiKey, apiSecret: client.apiSecret },
        { method: endpoint.method, path: wire.path, contentType: body === undefined ? undefined : CONTENT_TYPE, body }
      )
      let request = HttpClientRequest.make(endpoint.method)(url).pipe(
        HttpClientRequest.setHeaders(wire.headers ?? {}),
        HttpClientRequest.setHeader("Authorization", authorization),
        HttpClientRequest.acceptJson
      )
      if (client.merchantId !== undefined) {
        request = HttpClientRequest.setHeader(request, "X-ASSUME-MERCHANT", client.merchantId)
      }
      if (body !== undefined) request = HttpClientRequest.bodyText(request, body, CONTENT_TYPE)
      const response = yield* client.httpClient.execute(request)
      const text = yield* response.text
      return { status: response.status, text, headers: response.headers }
    }).pipe(
      Effect.timeoutFail({
        duration: timeout,
        onTimeout: () =>
          new PayPayError.PayPayRequestError({
            operation,
            reason: "Timeout",
            detail: `no complete response within ${Duration.format(Duration.decode(timeout))}`,
            outcomeUnknown: write,
            reconcile: write ? reconcile : undefined
          })
      }),
      Effect.catchTags({
        RequestError: (cause) =>
          Effect.fail(
            new PayPayError.PayPayRequestError({
              operation,
              reason: "Transport",
              detail: cause.message,
              outcomeUnknown: write,
              reconcile: write ? reconcile : undefined,
              cause
            })
          ),
        ResponseError: (cause) =>
          Effect.fail(
            new PayPayError.PayPayResponseError({
              operation,
              status: cause.response.status,
              reason: "Decode",
              detail: cause.message,
              requestId: cause.response.headers["x-request-id"],
              outcomeUnknown: write,
              reconcile: write ? reconcile : undefined,
              cause
            })
          )
      }),
      Effect.mapError((error): Failure<PayPayError.PayPayError> => ({ error, retryAfter: undefined })),
      Effect.flatMap(({ headers, status, text }) => {
        const requestId = headers["x-request-id"]
        const retryAfter = parseRetryAfter(headers["retry-after"])
        const responseError = (reason: "Decode" | "UnexpectedStatus", detail: string, cause?: unknown) => {
          const unknownOutcome = write && (status >= 500 || (status >= 200 && status < 300))
          return fail(
            new PayPayError.PayPayResponseError({
              operation,
              status,
              reason,
              detail,
              requestId,
              outcomeUnknown: unknownOutcome,
              reconcile: unknownOutcome ? reconcile : undefined,
              cause
            }),
            retryAfter
          )
        }
        let json: unknown
        try {
          json = text === "" ? undefined : JSON.parse(text)
        } catch (cause) {
          return responseError(status >= 300 ? "UnexpectedStatus" : "Decode", `HTTP ${status}: body is not JSON`, cause)
        }
        const envelope = Schema.decodeUnknownOption(ErrorEnvelope)(json)
        if (Option.isNone(envelope)) {
          return responseError(
            status >= 300 ? "UnexpectedStatus" : "Decode",
            `HTTP ${status}: body is not a {resultInfo, data} envelope`
          )
        }
        const resultInfo = envelope.value.resultInfo
        const annotate = Effect.annotateCurrentSpan({
          "http.response.status_code": status,
          "paypay.result_code": resultInfo.code,
          "paypay.request_id": requestId ?? ""
        })
        if (status >= 200 && status < 300 && successCodes.has(resultInfo.code)) {
          if (endpoint.response === undefined) return Effect.as(annotate, undefined as A)
          return Effect.zipRight(
            annotate,
            Schema.decodeUnknown(endpoint.response)(envelope.value.data).pipe(
              Effect.catchTag("ParseError", (error) =>
                responseError("Decode", ParseResult.TreeFormatter.formatErrorSync(error), error)
              )
            )
          )
        }
        const fields = { status, operation, apiName: endpoint.apiName, requestId, write, reconcile }
        const error = documented.has(resultInfo.code)
          ? PayPayError.fromResultInfo({ resultInfo, ...fields })
          : new PayPayError.UnknownResultCode({
              code: resultInfo.code,
              codeId: resultInfo.codeId,
              resultMessage: resultInfo.message,
              status,
              operation,
              apiName: endpoint.apiName,
              requestId,
              outcomeUnknown: write && status >= 500,
              reconcile: write && status >= 500 ? reconcile : undefined
            })
        return Effect.zipRight(annotate, fail(error, retryAfter))
      })
    )

    const retryable = isRetryableFor(safety)
    const loop = (n: number): Effect.Effect<A, Failure<PayPayError.PayPayError>> =>
      Effect.catchAll(attempt, (failure) => {
        if (n >= client.retry.times || !retryable(failure.error)) return Effect.fail(failure)
        if (failure.retryAfter !== undefined && Duration.greaterThan(failure.retryAfter, MAX_RETRY_AFTER)) {
          return Effect.fail(failure)
        }
        return Effect.flatMap(backoff(client.retry, n, failure.retryAfter), (delay) =>
          Effect.zipRight(Effect.sleep(delay), loop(n + 1))
        )
      })
    return yield* Effect.mapError(loop(0), (failure) => failure.error as PayPayError.EndpointError<C>)
  }).pipe(
    Effect.withSpan(`PayPay.${operation}`, {
      kind: "client",
      captureStackTrace: false,
      attributes: { "paypay.operation": operation, "paypay.api_name": endpoint.apiName }
    })
  )
}

const backoff = (
  policy: PayPayClient.Service["retry"],
  n: number,
  retryAfter: Duration.Duration | undefined
): Effect.Effect<Duration.Duration> => {
  if (retryAfter !== undefined) return Effect.succeed(retryAfter)
  const exponential = Math.min(Duration.toMillis(policy.cap), Duration.toMillis(policy.base) * 2 ** n)
  return Effect.map(Random.nextRange(0.5, 1), (jitter) => Duration.millis(Math.round(exponential * jitter)))
}
