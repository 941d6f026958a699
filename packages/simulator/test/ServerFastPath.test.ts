import { HttpServer } from "@effect/platform"
import { assert, layer } from "@effect/vitest"
import * as PayPaySigner from "@paypay-effect/sdk/PayPaySigner"
import { Effect, Layer } from "effect"
import { Journal } from "../src/Journal.js"
import * as Server from "../src/Server.js"
import * as Simulator from "../src/Simulator.js"
import * as SimulatorConfig from "../src/SimulatorConfig.js"

const { apiKey, apiSecret } = SimulatorConfig.defaultCredential

interface Answer {
  readonly status: number
  readonly headers: Headers
  readonly body: string
  readonly bytes: number
}

const signed = (method: string, signedPath: string, body?: string) => {
  const contentType = body === undefined ? undefined : "application/json"
  const authorization = PayPaySigner.header(
    { apiKey, apiSecret },
    { method, path: signedPath, contentType, body },
    "fastpath",
    Math.floor(Date.now() / 1000)
  )
  return {
    method,
    headers: {
      authorization,
      "x-assume-merchant": SimulatorConfig.defaultMerchantId,
      ...(contentType === undefined ? {} : { "content-type": contentType })
    },
    ...(body === undefined ? {} : { body })
  }
}

const send = (path: string, init: RequestInit & { readonly headers?: Record<string, string> }) =>
  Effect.flatMap(HttpServer.addressFormattedWith(Effect.succeed), (base) =>
    Effect.promise(async (): Promise<Answer> => {
      const response = await fetch(`${base}${path}`, init)
      const bytes = new Uint8Array(await response.arrayBuffer())
      return {
        status: response.status,
        headers: response.headers,
        body: new TextDecoder().decode(bytes),
        bytes: bytes.length
      }
    })
  )

const createBody = (merchantPaymentId: string) =>
  JSON.stringify({ merchantPaymentId, amount: { amount: 100, currency: "JPY" }, codeType: "ORDER_QR" })

const code = (answer: Answer) => (JSON.parse(answer.body) as { resultInfo: { code: string } }).resultInfo.code

const SimulatorOnSocket = Server.layer({ port: 0 }).pipe(
  Layer.provideMerge(
    Simulator.layer({
      credentials: [
        { ...SimulatorConfig.defaultCredential, merchantIds: [SimulatorConfig.defaultMerchantId, "fast-shop"] }
      ]
    })
  )
)

layer(SimulatorOnSocket, { excludeTestServices: true })("Server: PayPay API requests on the fast path", (it) => {
  it.effect("answers with the envelope, X-REQUEST-ID and an exact Content-Length; assumeMerchant from the query", () =>
    Effect.gen(function* () {
      const created = yield* send("/v2/codes?assumeMerchant=fast-shop", signed("POST", "/v2/codes", createBody("fp-1")))
      assert.strictEqual(created.status, 201)
      assert.strictEqual(code(created), "SUCCESS")
      assert.strictEqual(created.headers.get("content-type"), "application/json")
      assert.strictEqual(created.headers.get("content-length"), String(created.bytes))
      assert.match(
        created.headers.get("x-request-id") ?? "",
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
      )
      const path = "/v2/codes/payments/fp-1"
      const mine = yield* send(path, {
        ...signed("GET", path),
        headers: { ...signed("GET", path).headers, "x-assume-merchant": "fast-shop" }
      })
      assert.strictEqual(mine.status, 200)
      const other = yield* send(path, signed("GET", path))
      assert.strictEqual(code(other), "DYNAMIC_QR_PAYMENT_NOT_FOUND")
      const entries = yield* Effect.flatMap(Journal, (journal) => journal.list({ merchantId: "fast-shop" }))
      assert.deepStrictEqual(
        entries.map((entry) => [
          entry.operation,
          entry.status,
          entry.requestId === created.headers.get("x-request-id")
        ]),
        [
          ["Codes.create", 201, true],
          ["Codes.getPayment", 200, false]
        ]
      )
    })
  )

  it.effect("a URL that `new URL` would normalize is answered for its normalized path, as before", () =>
    Effect.gen(function* () {
      yield* send("/v2/codes", signed("POST", "/v2/codes", createBody("fp-dot")))
      const answer = yield* send("/v2/./codes/payments/fp-dot", signed("GET", "/v2/codes/payments/fp-dot"))
      assert.strictEqual(answer.status, 200)
      assert.strictEqual(code(answer), "SUCCESS")
    })
  )

  it.effect("HEAD gets the status without a body; a malformed JSON body gets INVALID_REQUEST_PARAMS", () =>
    Effect.gen(function* () {
      const head = yield* send("/v2/codes/payments/x", { method: "HEAD" })
      assert.strictEqual(head.status, 401)
      assert.strictEqual(head.bytes, 0)
      const malformed = yield* send("/v2/codes", signed("POST", "/v2/codes", "{not json"))
      assert.strictEqual(malformed.status, 400)
      assert.strictEqual(code(malformed), "INVALID_REQUEST_PARAMS")
    })
  )

  it.effect("a drop fault closes the connection without an answer; the next request is served", () =>
    Effect.gen(function* () {
      const dropped = yield* send("/v2/codes", signed("POST", "/v2/codes", createBody("SIMERR_DROP"))).pipe(
        Effect.sandbox,
        Effect.flip
      )
      assert.isDefined(dropped)
      const after = yield* send("/v2/codes", signed("POST", "/v2/codes", createBody("fp-after-drop")))
      assert.strictEqual(after.status, 201)
    })
  )
})
