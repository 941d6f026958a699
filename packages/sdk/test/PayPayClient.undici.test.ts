import { assert, describe, it } from "@effect/vitest"
import { Cause, ConfigProvider, Effect, Either, Exit, Fiber, Layer, Redacted } from "effect"
import type { ServerResponse } from "node:http"
import { Agent } from "undici"
import { Codes, PayPayClient, PayPayError, PayPaySigner } from "../src/index.js"
import { credentials } from "./utils/FakeHttp.js"
import { httpServer, recordingTracer } from "./utils/Sockets.js"
import { qrWire } from "./utils/Fixtures.js"

const qr = qrWire()
const createParams: Codes.CreateQrCodeParams = { merchantPaymentId: "mp-1", amount: { amount: 100, currency: "JPY" } }

const reply = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
  const text = JSON.stringify(body)
  response.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    ...headers
  })
  response.end(text)
}

const success = (data: unknown) => ({ resultInfo: { code: "SUCCESS", message: "Success", codeId: "08100001" }, data })
const failure = (code: string, codeId: string) => ({
  resultInfo: { code, message: `message of ${code}`, codeId },
  data: null
})

/** A real node:http server on 127.0.0.1 (port 0) that records every request and answers with `handle`. */
const serve = httpServer

const clientLayer = (port: number, options: Partial<PayPayClient.Options & PayPayClient.UndiciOptions> = {}) =>
  PayPayClient.layerUndici({
    apiKey: credentials.apiKey,
    apiSecret: Redacted.make(credentials.apiSecret),
    merchantId: credentials.merchantId,
    baseUrl: `http://127.0.0.1:${port}`,
    retry: false,
    ...options
  })

describe("PayPayClient.layerUndici", () => {
  it.scopedLive("sends a signed request and decodes the answer", () =>
    Effect.gen(function* () {
      const { port, seen } = yield* serve((_, res) => reply(res, 201, success(qr)))
      const code = yield* Codes.create(createParams).pipe(Effect.provide(clientLayer(port)))
      assert.instanceOf(code, Codes.QrCode)
      assert.strictEqual(code.codeId, qr.codeId)
      assert.lengthOf(seen, 1)
      const [request] = seen
      assert.strictEqual(request!.method, "POST")
      assert.strictEqual(request!.url, "/v2/codes")
      assert.strictEqual(request!.headers["x-assume-merchant"], credentials.merchantId)
      assert.strictEqual(request!.headers["content-type"], "application/json")
      assert.strictEqual(request!.headers["accept"], "application/json")
      const body = JSON.parse(request!.body)
      assert.strictEqual(body.codeType, "ORDER_QR")
      assert.strictEqual(body.merchantPaymentId, "mp-1")
      const verified = PayPaySigner.verify({
        authorization: request!.headers["authorization"],
        method: request!.method,
        path: request!.url,
        contentType: request!.headers["content-type"],
        body: request!.body,
        secretFor: (key) => (key === credentials.apiKey ? credentials.apiSecret : undefined),
        nowSeconds: Math.floor(Date.now() / 1000)
      })
      assert.isTrue(Either.isRight(verified))
      if (Either.isRight(verified)) assert.match(verified.right.nonce, /^[A-Za-z0-9]{8}$/)
    })
  )

  it.scopedLive("keeps the base URL's path prefix and sends the query string", () =>
    Effect.gen(function* () {
      const { port, seen } = yield* serve((_, res) => reply(res, 200, success({ ...qr, status: "CREATED" })))
      yield* Codes.getPayment("mp 1").pipe(
        Effect.ignore,
        Effect.provide(clientLayer(port, { baseUrl: `http://127.0.0.1:${port}/prefix/` }))
      )
      assert.strictEqual(seen[0]!.url, "/prefix/v2/codes/payments/mp%201")
      assert.strictEqual(seen[0]!.method, "GET")
      assert.strictEqual(seen[0]!.body, "")
    })
  )

  it.scopedLive("maps a documented error code to its own tagged error", () =>
    Effect.gen(function* () {
      const { port } = yield* serve((_, res) =>
        reply(res, 400, failure("DUPLICATE_DYNAMIC_QR_REQUEST", "01652073"), { "x-request-id": "req-9" })
      )
      const caught = yield* Codes.create(createParams).pipe(
        Effect.catchTag("DuplicateDynamicQrRequest", (e) => Effect.succeed(`${e.code} ${e.codeId} ${e.requestId}`)),
        Effect.provide(clientLayer(port))
      )
      assert.strictEqual(caught, "DUPLICATE_DYNAMIC_QR_REQUEST 01652073 req-9")
    })
  )

  it.scopedLive("a write that times out fails as an unknown outcome and is not re-sent", () =>
    Effect.gen(function* () {
      const { port, seen } = yield* serve(() => {})
      const started = Date.now()
      const error = yield* Codes.create(createParams).pipe(
        Effect.flip,
        Effect.provide(clientLayer(port, { timeouts: { "Codes.create": "200 millis" }, retry: { times: 3 } }))
      )
      const elapsed = Date.now() - started
      assert.strictEqual(error._tag, "PayPayRequestError")
      if (error._tag !== "PayPayRequestError") return
      assert.strictEqual(error.reason, "Timeout")
      assert.include(error.detail, "200ms")
      assert.isTrue(PayPayError.isOutcomeUnknown(error))
      assert.include(error.message, 'Codes.getPayment("mp-1")')
      assert.isAtLeast(elapsed, 190)
      assert.isBelow(elapsed, 5000)
      assert.lengthOf(seen, 1)
    })
  )

  it.scopedLive("a timeout longer than Node's timers allow is no deadline, not an instant one", () =>
    Effect.gen(function* () {
      const { port } = yield* serve((_, res) => setTimeout(() => reply(res, 201, success(qr)), 30))
      const code = yield* Codes.create(createParams).pipe(
        Effect.provide(clientLayer(port, { timeouts: { "Codes.create": "30 days" } }))
      )
      assert.strictEqual(code.codeId, qr.codeId)
    })
  )

  it.scopedLive(
    "a broken connection is a Transport error with an unknown outcome for a write; a refused one is NotSent",
    () =>
      Effect.gen(function* () {
        const { port, seen } = yield* serve((_, res, index) => {
          if (index === 0) res.socket?.destroy()
          else reply(res, 200, success({ ...qr, status: "CREATED" }))
        })
        const error = yield* Codes.create(createParams).pipe(Effect.flip, Effect.provide(clientLayer(port)))
        assert.strictEqual(error._tag, "PayPayRequestError")
        if (error._tag !== "PayPayRequestError") return
        assert.strictEqual(error.reason, "Transport")
        assert.isTrue(error.outcomeUnknown)
        assert.notInclude(error.message, credentials.apiSecret)
        assert.lengthOf(seen, 1)

        const refused = yield* Codes.getPayment("mp-1").pipe(
          Effect.flip,
          Effect.provide(clientLayer(1, { baseUrl: "http://127.0.0.1:1" }))
        )
        assert.strictEqual(refused._tag, "PayPayRequestError")
        if (refused._tag !== "PayPayRequestError") return
        assert.strictEqual(refused.reason, "NotSent")
        assert.isFalse(refused.outcomeUnknown)
      })
  )

  it.scopedLive("a read is retried after a transport failure", () =>
    Effect.gen(function* () {
      const { port, seen } = yield* serve((_, res, index) => {
        if (index === 0) res.socket?.destroy()
        else reply(res, 200, success({ ...qr, status: "CREATED", paymentId: "p-1" }))
      })
      yield* Codes.getPayment("mp-1").pipe(
        Effect.ignore,
        Effect.provide(clientLayer(port, { retry: { times: 2, base: "1 millis" } }))
      )
      assert.lengthOf(seen, 2)
    })
  )

  it.scopedLive("a body cut off after the headers is a Decode response error with the status", () =>
    Effect.gen(function* () {
      const { port } = yield* serve((_, res) => {
        res.writeHead(201, { "content-type": "application/json", "content-length": "500", "x-request-id": "req-7" })
        res.write('{"resultInfo":')
        setTimeout(() => res.socket?.destroy(), 20)
      })
      const error = yield* Codes.create(createParams).pipe(Effect.flip, Effect.provide(clientLayer(port)))
      assert.strictEqual(error._tag, "PayPayResponseError")
      if (error._tag !== "PayPayResponseError") return
      assert.strictEqual(error.reason, "Decode")
      assert.strictEqual(error.status, 201)
      assert.strictEqual(error.requestId, "req-7")
      assert.isTrue(error.outcomeUnknown)
    })
  )

  it.scopedLive("rate limits are retried after Retry-After with a fresh signature", () =>
    Effect.gen(function* () {
      const { port, seen } = yield* serve((_, res, index) => {
        if (index === 0) reply(res, 429, failure("RATE_LIMIT", "08100998"), { "retry-after": "1" })
        else reply(res, 201, success(qr))
      })
      const started = Date.now()
      const code = yield* Codes.create(createParams).pipe(Effect.provide(clientLayer(port, { retry: { times: 2 } })))
      const elapsed = Date.now() - started
      assert.strictEqual(code.codeId, qr.codeId)
      assert.lengthOf(seen, 2)
      assert.isAtLeast(elapsed, 950)
      assert.notStrictEqual(seen[0]!.headers["authorization"], seen[1]!.headers["authorization"])
      assert.strictEqual(seen[0]!.body, seen[1]!.body)
    })
  )

  it.scopedLive("interrupting the call aborts the request", () =>
    Effect.gen(function* () {
      let closed = false
      const { port, seen } = yield* serve((_, res) => {
        res.on("close", () => {
          closed = true
        })
      })
      const agent = new Agent()
      yield* Effect.addFinalizer(() => Effect.promise(() => agent.destroy()))
      const fiber = yield* Codes.create(createParams).pipe(
        Effect.provide(clientLayer(port, { dispatcher: agent })),
        Effect.fork
      )
      while (seen.length === 0) yield* Effect.sleep("5 millis")
      yield* Fiber.interrupt(fiber)
      for (let i = 0; i < 100 && !closed; i++) yield* Effect.sleep("5 millis")
      assert.isTrue(closed)
    })
  )

  it.scopedLive("records the span with request and response attributes", () =>
    Effect.gen(function* () {
      const { layer: tracing, spans } = yield* recordingTracer
      const { port } = yield* serve((_, res) => reply(res, 201, success(qr), { "x-request-id": "req-1" }))
      yield* Codes.create(createParams).pipe(Effect.provide(Layer.merge(clientLayer(port), tracing)))
      const span = spans.find((s) => s.name === "PayPay.Codes.create")
      assert.isDefined(span)
      const attributes = Object.fromEntries((span as unknown as { attributes: Map<string, unknown> }).attributes)
      assert.deepStrictEqual(attributes, {
        "paypay.operation": "Codes.create",
        "paypay.api_name": "v2_createDynamicQRCode",
        "http.request.method": "POST",
        "url.path": "/v2/codes",
        "http.response.status_code": 201,
        "paypay.result_code": "SUCCESS",
        "paypay.request_id": "req-1"
      })
      assert.strictEqual(span!.kind, "client")
      assert.strictEqual(span!.status._tag, "Ended")
    })
  )

  it.scopedLive("a failure carries the endpoint's span, also inside a caller's span", () =>
    Effect.gen(function* () {
      const { port } = yield* serve((_, res) => reply(res, 400, failure("DYNAMIC_QR_BAD_REQUEST", "00200002")))
      const exit = yield* Codes.create(createParams).pipe(
        Effect.provide(clientLayer(port)),
        Effect.withSpan("caller"),
        Effect.exit
      )
      assert.isTrue(Exit.isFailure(exit))
      if (Exit.isSuccess(exit)) return
      const rendered = Cause.pretty(exit.cause)
      assert.include(rendered, "at PayPay.Codes.create")
      assert.include(rendered, "DYNAMIC_QR_BAD_REQUEST")
    })
  )

  it.scopedLive("uses a given dispatcher and leaves it open", () =>
    Effect.gen(function* () {
      const { port } = yield* serve((_, res) => reply(res, 201, success(qr)))
      const agent = new Agent({ keepAliveTimeout: 1000 })
      yield* Effect.addFinalizer(() => Effect.promise(() => agent.close()))
      yield* Codes.create(createParams).pipe(Effect.provide(clientLayer(port, { dispatcher: agent })))
      assert.isFalse(agent.closed)
      assert.isFalse(agent.destroyed)
      yield* Codes.create(createParams).pipe(Effect.provide(clientLayer(port, { dispatcher: agent })))
    })
  )

  it.scopedLive("layerUndiciConfig reads its options from Config", () =>
    Effect.gen(function* () {
      const { port, seen } = yield* serve((_, res) => reply(res, 201, success(qr)))
      const provider = ConfigProvider.fromMap(
        new Map([
          ["PAYPAY_API_KEY", credentials.apiKey],
          ["PAYPAY_API_SECRET", credentials.apiSecret],
          ["PAYPAY_MERCHANT_ID", "from-env"],
          ["PAYPAY_BASE_URL", `http://127.0.0.1:${port}`]
        ]),
        { pathDelim: "_" }
      )
      yield* Codes.create(createParams).pipe(
        Effect.provide(PayPayClient.layerUndiciFromEnv),
        Effect.withConfigProvider(provider)
      )
      assert.strictEqual(seen[0]!.headers["x-assume-merchant"], "from-env")
    })
  )

  it.scopedLive("withMerchant switches X-ASSUME-MERCHANT on the undici path too", () =>
    Effect.gen(function* () {
      const { port, seen } = yield* serve((_, res) => reply(res, 200, success(null)))
      yield* Codes.remove("04-x").pipe(PayPayClient.withMerchant("shop-2"), Effect.provide(clientLayer(port)))
      assert.strictEqual(seen[0]!.headers["x-assume-merchant"], "shop-2")
      assert.strictEqual(seen[0]!.method, "DELETE")
      assert.isUndefined(seen[0]!.headers["content-type"])
    })
  )
})
