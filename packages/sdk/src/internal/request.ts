import type * as AST from "effect/SchemaAST"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as DefaultServices from "effect/DefaultServices"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Random from "effect/Random"
import * as Schema from "effect/Schema"
import type * as Tracer from "effect/Tracer"
import { type Operation, PayPayClient } from "../PayPayClient.js"
import * as PayPayError from "../PayPayError.js"
import { decodeUnknownEither, ErrorEnvelope } from "../PayPaySchema.js"
import * as PayPaySigner from "../PayPaySigner.js"
import { describeCause, firstHeader, type TransportFailure, type TransportResponse } from "../Transport.js"
import { transportOf } from "./clientTransport.js"
import { ALPHANUMERIC, randomString } from "./random.js"

/**
 * How safe an endpoint is to send again (reference §C.2):
 * - `read`: a query; retried on rate limits, maintenance, 5xx and transport failures.
 * - `idempotent`: a write PayPay applies at most once per id (cancel, delete); retried like a read.
 * - `write`: retried only when PayPay certainly did not process it (rate limit, maintenance, a request that was
 *   never sent). A timeout or transport failure after sending, or a 5xx, leaves the outcome unknown and fails with
 *   `outcomeUnknown: true`.
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
export interface Endpoint<In, Decoded, A, C extends PayPayError.ErrorCode> {
  readonly operation: Operation
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

/**
 * The request of a POST endpoint whose body is the params with `requestedAt` defaulting to now (the SDK fills it
 * in seconds, as PayPay requires; reference §A.5, §B.1).
 *
 * @internal
 */
export const postWithRequestedAt =
  (path: string) =>
  <P extends { readonly requestedAt?: number | undefined }>(
    params: P,
    context: { readonly now: number }
  ): WireRequest => ({
    path,
    body: withRequestedAt(params, context.now)
  })

/**
 * `params` with `requestedAt` defaulting to `now`.
 *
 * @internal
 */
export const withRequestedAt = <P extends { readonly requestedAt?: number | undefined }>(params: P, now: number) => ({
  ...params,
  requestedAt: params.requestedAt ?? now
})

/**
 * The input of a create call that takes PayPay's `agreeSimilarTransaction` query flag beside its body
 * (`POST /v2/payments`, `POST /v2/payments/preauthorize`; reference §B.3, §C.4).
 *
 * @internal
 */
export const agreeableInput = <A, I>(params: Schema.Schema<A, I>) =>
  Schema.Struct({ params, agreeSimilarTransaction: Schema.optional(Schema.Boolean) })

/**
 * The request of such a call: the flag in the (unsigned) query, the params with `requestedAt` as the body.
 *
 * @internal
 */
export const postAgreeable =
  (path: string) =>
  <P extends { readonly requestedAt?: number | undefined }>(
    input: { readonly params: P; readonly agreeSimilarTransaction?: boolean | undefined },
    context: { readonly now: number }
  ): WireRequest => ({
    path,
    query: { agreeSimilarTransaction: input.agreeSimilarTransaction },
    body: withRequestedAt(input.params, context.now)
  })

/**
 * The input value of such a call from the caller's params and options (the flag only when given).
 *
 * @internal
 */
export const agreeable = <P>(params: P, options?: { readonly agreeSimilarTransaction?: boolean | undefined }) =>
  options?.agreeSimilarTransaction === undefined
    ? { params }
    : { params, agreeSimilarTransaction: options.agreeSimilarTransaction }

/** @internal */
export const endpoint = <In, Decoded, A, const C extends PayPayError.ErrorCode = never>(
  spec: Endpoint<In, Decoded, A, C>
): Endpoint<In, Decoded, A, C> => spec

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

const decodeEnvelope = decodeUnknownEither(ErrorEnvelope)

const NONCE_LENGTH = 8
const NONCE_VALUES = ALPHANUMERIC.length ** NONCE_LENGTH

/**
 * An 8-character `[A-Za-z0-9]` nonce (§A.1) from one draw of Effect's `Random` (`next` has 53 random bits, more
 * than the 47.6 bits of 62^8): used when the fiber runs with a `Random` of its own (a seeded one in tests), so
 * signatures are reproducible there.
 */
const nonceOf = (random: number): string => {
  let rest = Math.min(NONCE_VALUES - 1, Math.floor(random * NONCE_VALUES))
  let out = ""
  for (let i = 0; i < NONCE_LENGTH; i++) {
    out += ALPHANUMERIC[rest % ALPHANUMERIC.length]
    rest = Math.floor(rest / ALPHANUMERIC.length)
  }
  return out
}

const defaultRandom = Context.get(DefaultServices.liveServices, Random.Random)

/**
 * The nonce of one attempt: from the cryptographic generator, unless the fiber was given its own `Random`
 * (`Effect.withRandom`), which then decides it.
 */
const nonceWith = <A, E, R>(random: Random.Random, use: (nonce: string) => Effect.Effect<A, E, R>) =>
  random === defaultRandom
    ? use(randomString(NONCE_LENGTH, ALPHANUMERIC))
    : Effect.flatMap(random.next, (draw) => use(nonceOf(draw)))

const epochOf = (clock: Clock.Clock): number => Math.floor(clock.unsafeCurrentTimeMillis() / 1000)

/** What an endpoint needs on every call, computed once per endpoint. */
interface Plan<Decoded, A> {
  readonly decodeInput: (input: unknown) => Either.Either<Decoded, ParseResult.ParseError>
  readonly decodeData: ((data: unknown) => Either.Either<A, ParseResult.ParseError>) | undefined
  readonly documented: ReadonlySet<string>
  readonly retryable: (error: PayPayError.PayPayError) => boolean
  readonly timeout: Duration.Duration
  readonly spanName: string
}

type ClassSchema<A> = Schema.Schema<A, any> &
  (new (
    props: any,
    disableValidation: boolean
  ) => A) & { readonly fields: Schema.Struct.Fields }

const isClassSchema = <A>(schema: Schema.Schema<A, any>): schema is ClassSchema<A> => {
  const ast = schema.ast
  return (
    typeof schema === "function" && "fields" in schema && ast._tag === "Transformation" && ast.to._tag === "Declaration"
  )
}

const hasConstructorDefault = (fields: Schema.Struct.Fields): boolean =>
  Reflect.ownKeys(fields).some((key) => {
    const field: unknown = fields[key as string]
    if (!Schema.isPropertySignature(field)) return false
    const ast = field.ast
    return (ast._tag === "PropertySignatureDeclaration" ? ast.defaultValue : ast.to.defaultValue) !== undefined
  })

/**
 * How a `Schema.Class` builds its instance from decoded fields. `new Class(fields, true)` copies the fields twice
 * and looks for constructor defaults on every call; without defaults it amounts to `Object.assign` onto an object
 * with the class's prototype (`Data.Class`), which is what the fast path does. The SDK's response classes add
 * only getters.
 */
const instanceOf = <A>(schema: ClassSchema<A>): ((fields: object) => A) => {
  if (hasConstructorDefault(schema.fields)) return (fields) => new schema(fields, true)
  const prototype: object = schema.prototype
  return (fields) => Object.assign(Object.create(prototype), fields)
}

/**
 * Decodes a response. A `Schema.Class` decodes its fields schema and then builds the instance ({@link instanceOf}),
 * so the fast path does exactly that without the class's transformation and declaration steps; a failure is
 * decoded again with the full schema so the error reads the same.
 */
const decoderOf = <A>(schema: Schema.Schema<A, any>): ((data: unknown) => Either.Either<A, ParseResult.ParseError>) => {
  if (!isClassSchema(schema)) return decodeUnknownEither(schema)
  const full = Schema.decodeUnknownEither(schema)
  const fields = decodeUnknownEither(Schema.make<object, unknown, never>((schema.ast as AST.Transformation).from))
  const make = instanceOf(schema)
  return (data) => {
    const decoded = fields(data)
    return Either.isRight(decoded) ? Either.right(make(decoded.right)) : full(data)
  }
}

const inputOptions: AST.ParseOptions = { errors: "all", onExcessProperty: "error" }

const plans = new WeakMap<object, Plan<any, any>>()

const planOf = <In, Decoded, A, C extends PayPayError.ErrorCode>(
  endpoint: Endpoint<In, Decoded, A, C>
): Plan<Decoded, A> => {
  let plan: Plan<Decoded, A> | undefined = plans.get(endpoint)
  if (plan === undefined) {
    plan = {
      decodeInput: decodeUnknownEither(endpoint.input, inputOptions),
      decodeData: endpoint.response === undefined ? undefined : decoderOf(endpoint.response),
      documented: new Set<string>([...endpoint.codes, ...PayPayError.CommonCodes]),
      retryable: isRetryableFor(endpoint.safety),
      timeout: Duration.decode(endpoint.timeout),
      spanName: `PayPay.${endpoint.operation}`
    }
    plans.set(endpoint, plan)
  }
  return plan
}

/**
 * Validates the input, signs and sends the request, decodes the envelope, maps every failure to a typed
 * error, applies the timeout and the retry policy, and records a span named `PayPay.<operation>`.
 *
 * @internal
 */
export const execute = <In, Decoded, A, C extends PayPayError.ErrorCode>(
  endpoint: Endpoint<In, Decoded, A, C>,
  input: In
): Effect.Effect<A, PayPayError.EndpointError<C>, PayPayClient> => {
  const plan = planOf(endpoint)
  return Effect.withFiberRuntime<A, PayPayError.PayPayError>((fiber) => {
    const client = Context.unsafeGet(fiber.currentContext as Context.Context<PayPayClient>, PayPayClient)
    const decoded = plan.decodeInput(input)
    if (Either.isLeft(decoded)) {
      const error = new PayPayError.PayPayRequestError({
        operation: endpoint.operation,
        reason: "InvalidRequest",
        detail: ParseResult.TreeFormatter.formatErrorSync(decoded.left),
        outcomeUnknown: false
      })
      return Effect.withSpan(Effect.fail(error), plan.spanName, {
        kind: "client",
        captureStackTrace: false,
        attributes: { "paypay.operation": endpoint.operation, "paypay.api_name": endpoint.apiName }
      })
    }
    const services = fiber.getFiberRef(DefaultServices.currentServices)
    const clock = Context.get(services, Clock.Clock)
    return nonceWith(Context.get(services, Random.Random), (nonce) => {
      const epoch = epochOf(clock)
      const wire = endpoint.request(decoded.right, { now: epoch })
      const attributes = {
        "paypay.operation": endpoint.operation,
        "paypay.api_name": endpoint.apiName,
        "http.request.method": endpoint.method,
        "url.path": wire.path
      }
      return Effect.useSpan(plan.spanName, { kind: "client", captureStackTrace: false, attributes }, (span) =>
        new Call(endpoint, plan, client, clock, decoded.right, wire, span).run(0, nonce, epoch)
      )
    })
  }) as Effect.Effect<A, PayPayError.EndpointError<C>, PayPayClient>
}

/** One call of an endpoint: its request, its span, and its attempts. */
class Call<Decoded, A> {
  readonly write: boolean
  readonly body: string | undefined
  readonly path: string
  readonly timeout: Duration.Duration
  /** When the whole call (all attempts and backoffs) must be over, in the Effect clock's millis. */
  readonly deadlineAt: number | undefined
  private attemptTimeout: Duration.Duration
  private retryAfter: Duration.Duration | undefined = undefined
  private reconcileText: string | undefined | null = null

  constructor(
    readonly endpoint: Endpoint<any, Decoded, A, any>,
    readonly plan: Plan<Decoded, A>,
    readonly client: PayPayClient.Service,
    readonly clock: Clock.Clock,
    readonly decoded: Decoded,
    readonly wire: WireRequest,
    readonly span: Tracer.Span
  ) {
    const override = client.timeouts[endpoint.operation]
    this.write = endpoint.safety === "write"
    this.body = wire.body === undefined ? undefined : JSON.stringify(wire.body)
    this.path = wire.path + queryString(wire.query)
    this.timeout = override === undefined ? plan.timeout : Duration.decode(override)
    this.attemptTimeout = this.timeout
    this.deadlineAt =
      client.deadline === undefined ? undefined : clock.unsafeCurrentTimeMillis() + Duration.toMillis(client.deadline)
  }

  run(n: number, nonce: string, epoch: number): Effect.Effect<A, PayPayError.PayPayError> {
    return Effect.matchEffect(this.send(nonce, epoch), {
      onFailure: (failure) => this.recover(n, failure),
      onSuccess: (response) => {
        const result = this.settle(response)
        return Either.isRight(result) ? Effect.succeed(result.right) : this.recover(n, result.left)
      }
    })
  }

  /** The attempt's timeout: the operation's, cut short by what is left of the deadline. */
  private timeoutOfAttempt(): Duration.Duration {
    if (this.deadlineAt === undefined) return this.timeout
    const left = Math.max(1, this.deadlineAt - this.clock.unsafeCurrentTimeMillis())
    return left < Duration.toMillis(this.timeout) ? Duration.millis(left) : this.timeout
  }

  private send(nonce: string, epoch: number): Effect.Effect<TransportResponse, TransportFailure> {
    const { body, client, endpoint } = this
    this.retryAfter = undefined
    this.attemptTimeout = this.timeoutOfAttempt()
    const contentType = body === undefined ? undefined : CONTENT_TYPE
    const parts = { method: endpoint.method, path: this.wire.path, contentType, body }
    const headers: { [name: string]: string } = {}
    if (this.wire.headers !== undefined) {
      for (const [name, value] of Object.entries(this.wire.headers)) headers[name.toLowerCase()] = value
    }
    headers["authorization"] = PayPaySigner.header(client, parts, nonce, epoch)
    headers["accept"] = CONTENT_TYPE
    if (client.merchantId !== undefined) headers["x-assume-merchant"] = client.merchantId
    if (contentType !== undefined) headers["content-type"] = contentType
    return transportOf(client).send({
      method: endpoint.method,
      baseUrl: client.baseUrl,
      path: this.path,
      headers,
      body,
      timeout: this.attemptTimeout,
      span: this.span
    })
  }

  private recover(
    n: number,
    failure: PayPayError.PayPayError | TransportFailure
  ): Effect.Effect<A, PayPayError.PayPayError> {
    const error = failure._tag === "TransportFailure" ? this.transportError(n, failure) : failure
    const { retryAfter } = this
    const { retry } = this.client
    const giveUp =
      n >= retry.times ||
      !this.plan.retryable(error) ||
      (retryAfter !== undefined && Duration.greaterThan(retryAfter, MAX_RETRY_AFTER))
    const fail = Effect.withParentSpan(Effect.fail(error), this.span)
    if (giveUp) return fail
    return Effect.flatMap(backoff(retry, n, retryAfter), (delay) => {
      const at = this.clock.unsafeCurrentTimeMillis() + Duration.toMillis(delay)
      if (this.deadlineAt !== undefined && at >= this.deadlineAt) return fail
      return Effect.zipRight(
        Effect.sleep(delay),
        Effect.clockWith((clock) =>
          Effect.randomWith((random) => nonceWith(random, (nonce) => this.run(n + 1, nonce, epochOf(clock))))
        )
      )
    })
  }

  private reconcile(): string | undefined {
    if (this.reconcileText === null) this.reconcileText = this.endpoint.reconcile?.(this.decoded)
    return this.reconcileText
  }

  private transportError(n: number, failure: TransportFailure): PayPayError.PayPayError {
    const operation = this.endpoint.operation
    const sent = failure.reason === "Timeout" ? failure.sent : failure.reason !== "NotSent"
    const outcomeUnknown = this.write && sent
    const reconcile = outcomeUnknown ? this.reconcile() : undefined
    switch (failure.reason) {
      case "Timeout": {
        const within = Duration.format(this.attemptTimeout)
        const limit = Duration.lessThan(this.attemptTimeout, this.timeout)
          ? `the call's deadline of ${Duration.format(this.client.deadline ?? this.attemptTimeout)} ran out`
          : `the ${Duration.format(this.timeout)} timeout of ${operation} elapsed (per attempt)`
        const attempt = n === 0 ? "" : ` on attempt ${n + 1}`
        return sent
          ? new PayPayError.PayPayRequestError({
              operation,
              reason: "Timeout",
              detail: `no complete response within ${within}${attempt}: ${limit}`,
              outcomeUnknown,
              reconcile
            })
          : new PayPayError.PayPayRequestError({
              operation,
              reason: "NotSent",
              detail: `no connection within ${within}${attempt}, so nothing was sent: ${limit}`,
              outcomeUnknown: false
            })
      }
      case "NotSent":
      case "NoResponse":
        return new PayPayError.PayPayRequestError({
          operation,
          reason: failure.reason === "NotSent" ? "NotSent" : "Transport",
          detail: failure.reason === "NotSent" ? `not sent: ${failure.detail}` : failure.detail,
          outcomeUnknown,
          reconcile,
          cause: describeCause(failure.cause)
        })
      case "ResponseFailed":
        return new PayPayError.PayPayResponseError({
          operation,
          status: failure.status,
          reason: "Decode",
          detail: failure.detail,
          requestId: failure.requestId,
          outcomeUnknown,
          reconcile,
          cause: describeCause(failure.cause)
        })
    }
  }

  /** The call's outcome from a complete answer; a failure goes to {@link recover} like a transport failure. */
  private settle(response: TransportResponse): Either.Either<A, PayPayError.PayPayError> {
    const { status, text } = response
    const requestId = firstHeader(response.headers["x-request-id"])
    this.retryAfter = parseRetryAfter(firstHeader(response.headers["retry-after"]))
    let json: unknown
    try {
      json = text === "" ? undefined : JSON.parse(text)
    } catch (cause) {
      const reason = status >= 300 ? "UnexpectedStatus" : "Decode"
      return this.unusable(status, requestId, reason, `HTTP ${status}: body is not JSON`, cause)
    }
    const envelope = decodeEnvelope(json)
    if (Either.isLeft(envelope)) {
      const reason = status >= 300 ? "UnexpectedStatus" : "Decode"
      return this.unusable(status, requestId, reason, `HTTP ${status}: body is not a {resultInfo, data} envelope`)
    }
    const resultInfo = envelope.right.resultInfo
    this.span.attribute("http.response.status_code", status)
    this.span.attribute("paypay.result_code", resultInfo.code)
    this.span.attribute("paypay.request_id", requestId ?? "")
    if (status >= 200 && status < 300 && successCodes.has(resultInfo.code)) {
      if (this.plan.decodeData === undefined) return Either.right(undefined as A)
      const data = this.plan.decodeData(envelope.right.data)
      if (Either.isRight(data)) return Either.right(data.right)
      const detail = ParseResult.TreeFormatter.formatErrorSync(data.left)
      return this.unusable(status, requestId, "Decode", detail, data.left)
    }
    const { apiName, operation } = this.endpoint
    const write = this.write
    return Either.left(
      this.plan.documented.has(resultInfo.code)
        ? PayPayError.fromResultInfo({
            resultInfo,
            status,
            operation,
            apiName,
            requestId,
            write,
            reconcile: this.reconcile()
          })
        : new PayPayError.UnknownResultCode({
            code: resultInfo.code,
            codeId: resultInfo.codeId,
            resultMessage: resultInfo.message,
            status,
            operation,
            apiName,
            requestId,
            outcomeUnknown: write && status >= 500,
            reconcile: write && status >= 500 ? this.reconcile() : undefined
          })
    )
  }

  private unusable(
    status: number,
    requestId: string | undefined,
    reason: "Decode" | "UnexpectedStatus",
    detail: string,
    cause?: unknown
  ): Either.Either<never, PayPayError.PayPayError> {
    const outcomeUnknown = this.write && (status >= 500 || (status >= 200 && status < 300))
    return Either.left(
      new PayPayError.PayPayResponseError({
        operation: this.endpoint.operation,
        status,
        reason,
        detail,
        requestId,
        outcomeUnknown,
        reconcile: outcomeUnknown ? this.reconcile() : undefined,
        cause
      })
    )
  }
}

const backoff = (
  policy: PayPayClient.Service["retry"],
  n: number,
  retryAfter: Duration.Duration | undefined
): Effect.Effect<Duration.Duration> => {
  if (retryAfter !== undefined) return Effect.succeed(retryAfter)
  const exponential = Math.min(Duration.toMillis(policy.cap), Duration.toMillis(policy.base) * 2 ** n)
  return Effect.randomWith((random) =>
    Effect.map(random.nextRange(0.5, 1), (jitter) => Duration.millis(Math.round(exponential * jitter)))
  )
}
