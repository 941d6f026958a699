import { assert, describe, it } from "@effect/vitest"
import { Effect, Either, Layer, Random, Ref, Schema, TestClock, Tracer } from "effect"
import { Codes, PayPayClient, PayPayError, PayPaySigner, Refunds } from "../src/index.js"
import { endpoint, execute } from "../src/internal/request.js"
import { credentials, failure, makeFake, ok } from "./utils/FakeHttp.js"
import { finished } from "./utils/Fibers.js"
import { qrWire } from "./utils/Fixtures.js"

const qr = qrWire()
const createParams: Codes.CreateQrCodeParams = { merchantPaymentId: "mp-1", amount: { amount: 100, currency: "JPY" } }

describe("request pipeline", () => {
  it.effect("signs the exact bytes it sends, with the merchant header", () =>
    Effect.gen(function* () {
      const { layer, requests } = yield* makeFake([ok(qr, 201)])
      yield* Codes.create(createParams).pipe(Effect.provide(layer))
      const [request] = yield* Ref.get(requests)
      assert.strictEqual(request!.headers["x-assume-merchant"], credentials.merchantId)
      assert.strictEqual(request!.headers["content-type"], "application/json")
      const verified = PayPaySigner.verify({
        authorization: request!.headers["authorization"],
        method: request!.method,
        path: request!.url.pathname + request!.url.search,
        contentType: request!.headers["content-type"],
        body: request!.body,
        secretFor: (key) => (key === credentials.apiKey ? credentials.apiSecret : undefined),
        nowSeconds: 0
      })
      assert.isTrue(Either.isRight(verified))
    })
  )

  it.effect("fails before any network call when the input is invalid, naming the field", () =>
    Effect.gen(function* () {
      const { layer, requests } = yield* makeFake([ok(qr, 201)])
      const error = yield* Codes.create({ ...createParams, merchantPaymentId: "x".repeat(65) }).pipe(
        Effect.flip,
        Effect.provide(layer)
      )
      assert.strictEqual(error._tag, "PayPayRequestError")
      if (error._tag !== "PayPayRequestError") return
      assert.strictEqual(error.reason, "InvalidRequest")
      assert.include(error.detail, "merchantPaymentId")
      const typo = yield* Codes.create({ ...createParams, amountDescription: "x" } as any).pipe(
        Effect.flip,
        Effect.provide(layer)
      )
      assert.include(String(typo), "amountDescription")
      assert.lengthOf(yield* Ref.get(requests), 0)
    })
  )

  it.effect("maps a documented code to its own tagged error, catchable by tag", () =>
    Effect.gen(function* () {
      const { layer } = yield* makeFake([failure(400, "DUPLICATE_DYNAMIC_QR_REQUEST", "01652073")])
      const caught = yield* Codes.create(createParams).pipe(
        Effect.catchTag("DuplicateDynamicQrRequest", (e) => Effect.succeed(`${e.code} ${e.codeId} ${e.requestId}`)),
        Effect.provide(layer)
      )
      assert.strictEqual(caught, "DUPLICATE_DYNAMIC_QR_REQUEST 01652073 req-123")
    })
  )

  it.effect("a known code that the endpoint does not document stays typed as UnknownResultCode", () =>
    Effect.gen(function* () {
      const { layer } = yield* makeFake([failure(400, "ORDER_NOT_REVERSIBLE", "00200044")])
      const error = yield* Codes.create(createParams).pipe(Effect.flip, Effect.provide(layer))
      assert.strictEqual(error._tag, "UnknownResultCode")
      assert.strictEqual((error as PayPayError.UnknownResultCode).code, "ORDER_NOT_REVERSIBLE")
    })
  )

  it.effect("every catalog code round-trips through the pipeline to its own class", () =>
    Effect.gen(function* () {
      const errorCodes = PayPayError.errorCodes
      const AnyCode = endpoint({
        operation: "Codes.getPayment",
        apiName: "v2_test",
        method: "GET",
        input: Schema.Unknown,
        request: () => ({ path: "/v2/test" }),
        response: undefined,
        timeout: "1 second",
        safety: "write",
        codes: errorCodes
      })
      for (const code of errorCodes) {
        const spec = PayPayError.ResultCodes[code]
        const { layer } = yield* makeFake([failure(spec.status, code, spec.codeIds[0] ?? "")], { retry: false })
        const error = yield* execute(AnyCode, createParams).pipe(Effect.flip, Effect.provide(layer))
        assert.strictEqual(error._tag, PayPayError.tagOf(code), code)
        assert.instanceOf(error, PayPayError.PayPayApiError)
      }
    })
  )

  it.effect("rate limits are retried with backoff and Retry-After is honoured", () =>
    Effect.gen(function* () {
      const { layer, requests } = yield* makeFake([
        failure(429, "RATE_LIMIT", "08100998", { "retry-after": "2" }),
        ok(qr, 201)
      ])
      const fiber = yield* Codes.create(createParams).pipe(Effect.provide(layer), Effect.fork)
      yield* TestClock.adjust("1900 millis")
      assert.lengthOf(yield* Ref.get(requests), 1)
      yield* TestClock.adjust("200 millis")
      const code = yield* finished(fiber, "the retry after Retry-After: 2")
      assert.strictEqual(code.codeId, qr.codeId)
      assert.lengthOf(yield* Ref.get(requests), 2)
      const [first, second] = yield* Ref.get(requests)
      assert.notStrictEqual(first!.headers["authorization"], second!.headers["authorization"])
    })
  )

  it.effect("a write with an unknown outcome is never re-sent and says how to reconcile", () =>
    Effect.gen(function* () {
      const { layer, requests } = yield* makeFake([failure(500, "INTERNAL_SERVER_ERROR", "08101000"), ok(qr, 201)])
      const error = yield* Codes.create(createParams).pipe(Effect.flip, Effect.provide(layer))
      assert.strictEqual(error._tag, "InternalServerError")
      assert.isTrue(PayPayError.isOutcomeUnknown(error))
      assert.include(error.message, 'Codes.getPayment("mp-1")')
      assert.lengthOf(yield* Ref.get(requests), 1)
    })
  )

  it.effect("reads are retried on 5xx and transport failures", () =>
    Effect.gen(function* () {
      const refund = {
        status: "CREATED",
        acceptedAt: 1,
        merchantRefundId: "r-1",
        paymentId: "p-1",
        amount: { amount: 10, currency: "JPY" },
        requestedAt: 1
      }
      const { layer, requests } = yield* makeFake(
        [failure(500, "INTERNAL_SERVER_ERROR", "08101000"), "transport-error", ok(refund)],
        { retry: { base: "1 millis" } }
      )
      const fiber = yield* Refunds.get("r-1", { paymentId: "p-1" }).pipe(Effect.provide(layer), Effect.fork)
      yield* TestClock.adjust("1 second")
      const result = yield* finished(fiber, "a read retried twice after 1 ms of backoff")
      assert.strictEqual(result.status, "CREATED")
      const all = yield* Ref.get(requests)
      assert.lengthOf(all, 3)
      assert.strictEqual(all[0]!.url.search, "?paymentId=p-1")
    })
  )

  it.effect("a write that times out fails as an unknown outcome after the endpoint's timeout", () =>
    Effect.gen(function* () {
      const { layer, requests } = yield* makeFake(["hang"])
      const fiber = yield* Codes.create(createParams).pipe(Effect.provide(layer), Effect.flip, Effect.fork)
      yield* TestClock.adjust("29 seconds")
      assert.isNull(fiber.unsafePoll())
      yield* TestClock.adjust("1 second")
      const error = yield* finished(fiber, "a write after its 30 s timeout, never retried")
      assert.strictEqual(error._tag, "PayPayRequestError")
      assert.isTrue(PayPayError.isOutcomeUnknown(error))
      assert.lengthOf(yield* Ref.get(requests), 1)
    })
  )

  it.effect("per-operation timeouts override the defaults", () =>
    Effect.gen(function* () {
      const { layer } = yield* makeFake(["hang"], { timeouts: { "Codes.getPayment": "2 seconds" } })
      const fiber = yield* Codes.getPayment("mp-1").pipe(Effect.provide(layer), Effect.flip, Effect.fork)
      yield* TestClock.adjust("60 seconds")
      const error = yield* finished(fiber, "a read with a 2 s timeout and 3 retries, after 60 s")
      assert.strictEqual(error._tag, "PayPayRequestError")
    })
  )

  it.effect("timeouts apply per attempt: a hanging read waits 4 × 15 s plus backoff under the default retries", () =>
    Effect.gen(function* () {
      const { layer, requests } = yield* makeFake(["hang"])
      const fiber = yield* Codes.getPayment("mp-1").pipe(Effect.provide(layer), Effect.flip, Effect.fork)
      yield* TestClock.adjust("59 seconds")
      assert.isNull(fiber.unsafePoll(), "still waiting after 59 s: four attempts of 15 s each")
      yield* TestClock.adjust("5 seconds")
      const error = yield* finished(fiber, "four 15 s attempts and at most 1.75 s of backoff, after 64 s")
      assert.strictEqual(error._tag, "PayPayRequestError")
      assert.lengthOf(yield* Ref.get(requests), 4)
    })
  )

  it.effect("a client deadline bounds the call across its retries", () =>
    Effect.gen(function* () {
      const { layer, requests } = yield* makeFake(["hang"], { deadline: "20 seconds" })
      const fiber = yield* Codes.getPayment("mp-1").pipe(Effect.provide(layer), Effect.flip, Effect.fork)
      yield* TestClock.adjust("19 seconds")
      assert.isNull(fiber.unsafePoll())
      yield* TestClock.adjust("1 second")
      const error = yield* finished(fiber, "the call with a 20 s deadline, at 20 s")
      assert.strictEqual(error._tag, "PayPayRequestError")
      if (error._tag !== "PayPayRequestError") return
      assert.strictEqual(error.reason, "Timeout")
      assert.include(error.detail, "deadline of 20s")
      assert.include(error.detail, "attempt 2")
      assert.lengthOf(yield* Ref.get(requests), 2)
    })
  )

  it.effect("withDeadline sets the deadline per call and overrides the client's", () =>
    Effect.gen(function* () {
      const { layer, requests } = yield* makeFake(["hang"], { deadline: "1 minute" })
      const fiber = yield* Codes.create(createParams).pipe(
        PayPayClient.withDeadline("5 seconds"),
        Effect.provide(layer),
        Effect.flip,
        Effect.fork
      )
      yield* TestClock.adjust("5 seconds")
      const error = yield* finished(fiber, "a create with a 5 s deadline, at 5 s")
      assert.strictEqual(error._tag, "PayPayRequestError")
      assert.isTrue(PayPayError.isOutcomeUnknown(error))
      assert.include(error.message, "deadline of 5s")
      assert.lengthOf(yield* Ref.get(requests), 1)
    })
  )

  it.effect("no retry starts once the deadline would pass during its backoff", () =>
    Effect.gen(function* () {
      const { layer, requests } = yield* makeFake([failure(429, "RATE_LIMIT", "08100998", { "retry-after": "30" })], {
        deadline: "10 seconds"
      })
      const error = yield* Codes.getPayment("mp-1").pipe(Effect.provide(layer), Effect.flip)
      assert.strictEqual(error._tag, "RateLimit")
      assert.lengthOf(yield* Ref.get(requests), 1)
    })
  )

  it.effect("a write that was never sent is retried like a read; one that broke after sending is not", () =>
    Effect.gen(function* () {
      const refused = yield* makeFake(["refused", ok(qr, 201)], { retry: { base: "1 millis" } })
      const fiber = yield* Codes.create(createParams).pipe(Effect.provide(refused.layer), Effect.fork)
      yield* TestClock.adjust("1 second")
      const code = yield* finished(fiber, "one retry after 1 ms of backoff")
      assert.strictEqual(code.codeId, qr.codeId)
      assert.lengthOf(yield* Ref.get(refused.requests), 2)

      const broken = yield* makeFake(["transport-error", ok(qr, 201)], { retry: { base: "1 millis" } })
      const error = yield* Codes.create(createParams).pipe(Effect.provide(broken.layer), Effect.flip)
      assert.strictEqual(error._tag, "PayPayRequestError")
      if (error._tag !== "PayPayRequestError") return
      assert.strictEqual(error.reason, "Transport")
      assert.isTrue(error.sent)
      assert.isTrue(error.outcomeUnknown)
      assert.lengthOf(yield* Ref.get(broken.requests), 1)
    })
  )

  it.effect("garbage and non-envelope bodies become PayPayResponseError", () =>
    Effect.gen(function* () {
      const { layer } = yield* makeFake([{ status: 502, raw: "<html>bad gateway</html>" }], { retry: false })
      const error = yield* Codes.create(createParams).pipe(Effect.flip, Effect.provide(layer))
      assert.strictEqual(error._tag, "PayPayResponseError")
      assert.isTrue(PayPayError.isOutcomeUnknown(error))
    })
  )

  it.effect("withMerchant switches X-ASSUME-MERCHANT for one effect", () =>
    Effect.gen(function* () {
      const { layer, requests } = yield* makeFake([ok(null)])
      yield* Codes.remove("04-x").pipe(PayPayClient.withMerchant("shop-2"), Effect.provide(layer))
      const [request] = yield* Ref.get(requests)
      assert.strictEqual(request!.headers["x-assume-merchant"], "shop-2")
      assert.isUndefined(request!.body)
    })
  )

  it.effect("the nonce is 8 chars of [A-Za-z0-9], deterministic under a seeded Random", () =>
    Effect.gen(function* () {
      const { layer, requests } = yield* makeFake([ok(qr, 201)])
      const call = Codes.create(createParams).pipe(Effect.provide(layer))
      yield* call.pipe(Effect.withRandom(Random.make(42)))
      yield* call.pipe(Effect.withRandom(Random.make(42)))
      yield* call.pipe(Effect.withRandom(Random.make(7)))
      const nonces = (yield* Ref.get(requests)).map(
        (request) => Either.getOrThrow(PayPaySigner.parse(request.headers["authorization"])).nonce
      )
      for (const nonce of nonces) assert.match(nonce, /^[A-Za-z0-9]{8}$/)
      assert.strictEqual(nonces[0], nonces[1])
      assert.notStrictEqual(nonces[0], nonces[2])
      const many = yield* Effect.forEach(Array.from({ length: 30 }), () => call)
      assert.lengthOf(many, 30)
      const all = (yield* Ref.get(requests)).map(
        (request) => Either.getOrThrow(PayPaySigner.parse(request.headers["authorization"])).nonce
      )
      assert.isAbove(new Set(all.slice(3)).size, 28)
    })
  )

  it.effect("by default the nonce comes from the cryptographic generator, not from Effect's Random", () =>
    Effect.gen(function* () {
      const { layer, requests } = yield* makeFake([ok(qr, 201)])
      const call = Codes.create(createParams).pipe(Effect.provide(layer))
      yield* Effect.forEach(Array.from({ length: 20 }), () => call)
      const nonces = (yield* Ref.get(requests)).map(
        (request) => Either.getOrThrow(PayPaySigner.parse(request.headers["authorization"])).nonce
      )
      for (const nonce of nonces) assert.match(nonce, /^[A-Za-z0-9]{8}$/)
      assert.strictEqual(new Set(nonces).size, 20)
      const seen = new Set<string>()
      const random = globalThis.crypto.getRandomValues
      globalThis.crypto.getRandomValues = <T extends ArrayBufferView | null>(array: T): T => {
        seen.add("called")
        return random.call(globalThis.crypto, array as any) as T
      }
      try {
        yield* Effect.forEach(Array.from({ length: 200 }), () => call)
      } finally {
        globalThis.crypto.getRandomValues = random
      }
      assert.isTrue(seen.has("called"), "200 nonces drew fresh bytes from crypto.getRandomValues")
    })
  )

  it.effect("the endpoint's span is the client span; the platform's http.client span is not recorded", () =>
    Effect.gen(function* () {
      const spans: Array<Tracer.Span> = []
      const base = Tracer.make({
        span: (name, parent, context, links, startTime, kind) => {
          const span = new NativeSpan(name, parent, context, links, startTime, kind)
          spans.push(span)
          return span
        },
        context: (f) => f()
      })
      const { layer } = yield* makeFake([ok(qr, 201)])
      yield* Codes.create(createParams).pipe(Effect.provide(Layer.merge(layer, Layer.setTracer(base))))
      assert.deepStrictEqual(
        spans.map((span) => span.name),
        ["PayPay.Codes.create"]
      )
      const [endpoint] = spans
      assert.strictEqual(endpoint!.kind, "client")
      assert.strictEqual(endpoint!.attributes.get("http.response.status_code"), 201)
      assert.strictEqual(endpoint!.attributes.get("url.path"), "/v2/codes")
    })
  )

  it.effect("no secret appears in errors, spans or span attributes", () =>
    Effect.gen(function* () {
      const spans: Array<Tracer.Span> = []
      const base = Tracer.make({
        span: (name, parent, context, links, startTime, kind) => {
          const span = new NativeSpan(name, parent, context, links, startTime, kind)
          spans.push(span)
          return span
        },
        context: (f) => f()
      })
      const { layer } = yield* makeFake([failure(401, "UNAUTHORIZED", "08100016")])
      const error = yield* Codes.create(createParams).pipe(
        Effect.flip,
        Effect.provide(Layer.merge(layer, Layer.setTracer(base)))
      )
      const texts = [String(error), error.message, JSON.stringify(error)]
      for (const span of spans) texts.push(span.name, JSON.stringify([...span.attributes]))
      assert.isTrue(spans.some((span) => span.name === "PayPay.Codes.create"))
      for (const text of texts) {
        assert.notInclude(text, credentials.apiSecret)
        assert.notInclude(text, "OPA-Auth")
      }
    })
  )
})

class NativeSpan implements Tracer.Span {
  readonly _tag = "Span"
  readonly spanId = Math.random().toString(16).slice(2)
  readonly traceId = "trace"
  readonly sampled = true
  status: Tracer.SpanStatus
  attributes = new Map<string, unknown>()
  events: Array<unknown> = []
  constructor(
    readonly name: string,
    readonly parent: Tracer.Span["parent"],
    readonly context: Tracer.Span["context"],
    readonly links: Tracer.Span["links"],
    startTime: bigint,
    readonly kind: Tracer.SpanKind
  ) {
    this.status = { _tag: "Started", startTime }
  }
  end(endTime: bigint, exit: any) {
    this.status = { _tag: "Ended", startTime: (this.status as any).startTime, endTime, exit }
  }
  attribute(key: string, value: unknown) {
    this.attributes.set(key, value)
  }
  event(name: string) {
    this.events.push(name)
  }
  addLinks() {}
}
