import { HttpServer } from "@effect/platform"
import { assert, describe, layer } from "@effect/vitest"
import { ResultCodes } from "@paypay-effect/sdk/PayPayError"
import * as PayPaySigner from "@paypay-effect/sdk/PayPaySigner"
import { Effect, Layer } from "effect"
import { request as httpRequest } from "node:http"
import * as Server from "../src/Server.js"
import * as Simulator from "../src/Simulator.js"
import * as SimulatorConfig from "../src/SimulatorConfig.js"
import { tenant } from "../src/Store/Database.js"
import { Transactions } from "../src/Store/Transactions.js"
import { UserStore } from "../src/Store/UserStore.js"

const main = SimulatorConfig.defaultCredential
const restricted: SimulatorConfig.Credential = {
  apiKey: "restricted_key",
  apiSecret: "restricted",
  merchantIds: ["m1"]
}
const MERCHANT = SimulatorConfig.defaultMerchantId

const TestServer = Server.layer({ port: 0 }).pipe(
  Layer.provideMerge(Simulator.layer({ credentials: [main, restricted] }))
)

interface Raw {
  readonly method: string
  readonly path: string
  readonly headers?: Record<string, string>
  readonly body?: string
}

interface Answer {
  readonly status: number
  readonly code: string
  readonly codeId: string
  readonly message: string
  readonly data: unknown
}

const answerOf = (status: number, text: string): Answer => {
  try {
    const json = JSON.parse(text) as { resultInfo: { code: string; codeId: string; message: string }; data: unknown }
    return { status, ...json.resultInfo, data: json.data }
  } catch {
    return { status, code: "NOT_JSON", codeId: "", message: text, data: undefined }
  }
}

const send = (raw: Raw) =>
  Effect.flatMap(HttpServer.HttpServer, (server) =>
    Effect.async<Answer>((resume) => {
      const port = server.address._tag === "TcpAddress" ? server.address.port : 0
      const req = httpRequest(
        {
          host: "127.0.0.1",
          port,
          method: raw.method,
          path: raw.path,
          headers: {
            ...raw.headers,
            ...(raw.body === undefined ? {} : { "Content-Length": String(Buffer.byteLength(raw.body)) })
          }
        },
        (res) => {
          let text = ""
          res.setEncoding("utf8")
          res.on("data", (chunk: string) => {
            text += chunk
          })
          res.on("end", () => resume(Effect.succeed(answerOf(res.statusCode ?? 0, text))))
        }
      )
      req.on("error", (error) => resume(Effect.die(error)))
      if (raw.body !== undefined) req.write(raw.body)
      req.end()
    })
  )

const now = () => Math.floor(Date.now() / 1000)

interface Signed {
  readonly method: string
  readonly path: string
  readonly contentType?: string
  readonly body?: string
  readonly credential?: SimulatorConfig.Credential
  readonly nonce?: string
  readonly epoch?: number
}

const authorization = (signed: Signed) =>
  PayPaySigner.header(
    signed.credential ?? main,
    { method: signed.method, path: signed.path, contentType: signed.contentType, body: signed.body },
    signed.nonce ?? "n0nce123",
    signed.epoch ?? now()
  )

const signedRequest = (signed: Signed, merchant: string | undefined = MERCHANT): Raw => ({
  method: signed.method,
  path: signed.path,
  headers: {
    Authorization: authorization(signed),
    ...(merchant === undefined ? {} : { "X-ASSUME-MERCHANT": merchant }),
    ...(signed.contentType === undefined ? {} : { "Content-Type": signed.contentType })
  },
  ...(signed.body === undefined ? {} : { body: signed.body })
})

const JSON_TYPE = "application/json"

const createBody = (merchantPaymentId: string, amount = 100) =>
  JSON.stringify({ merchantPaymentId, amount: { amount, currency: "JPY" }, codeType: "ORDER_QR" })

const createCode = (merchantPaymentId: string) =>
  send(
    signedRequest({ method: "POST", path: "/v2/codes", contentType: JSON_TYPE, body: createBody(merchantPaymentId) })
  )

const assertUnauthorized = (answer: Answer, part: string) => {
  assert.strictEqual(answer.status, 401)
  assert.strictEqual(answer.code, "UNAUTHORIZED")
  assert.strictEqual(answer.codeId, "08100016")
  assert.include(answer.message, `[simulator] ${part}:`)
}

const assertDocumented400 = (answer: Answer, code: string, field?: string) => {
  assert.strictEqual(answer.status, 400)
  assert.strictEqual(answer.code, code)
  assert.isTrue(answer.code in ResultCodes)
  if (field !== undefined) assert.include(answer.message, field)
}

const me = tenant(main.apiKey, MERCHANT)

const userPays = (merchantPaymentId: string) =>
  Effect.gen(function* () {
    const user = yield* UserStore.pipe(Effect.flatMap((users) => users.create(me, {})))
    return yield* Transactions.pipe(Effect.flatMap((tx) => tx.pay(me, merchantPaymentId, user.userAuthorizationId)))
  })

layer(TestServer, { excludeTestServices: true })("tampering over a real socket", (it) => {
  describe("each signed part altered after signing → 401 UNAUTHORIZED naming the part", () => {
    it.effect("path: trailing slash added", () =>
      Effect.gen(function* () {
        const signed = signedRequest({ method: "GET", path: "/v2/codes/payments/t-path/" })
        const answer = yield* send({ ...signed, path: "/v2/codes/payments/t-path" })
        assertUnauthorized(answer, "path")
        assert.include(answer.message, `"/v2/codes/payments/t-path/"`)
      })
    )

    it.effect("path: percent-encoding changed", () =>
      Effect.gen(function* () {
        const signed = signedRequest({ method: "GET", path: "/v2/codes/payments/a b" })
        const answer = yield* send({ ...signed, path: "/v2/codes/payments/a%20b" })
        assertUnauthorized(answer, "path")
      })
    )

    it.effect("path: another resource (not recoverable, so the mac is named with the signed layout)", () =>
      Effect.gen(function* () {
        const signed = signedRequest({ method: "GET", path: "/v2/codes/payments/mine" })
        const answer = yield* send({ ...signed, path: "/v2/codes/payments/yours" })
        assertUnauthorized(answer, "mac")
        assert.include(answer.message, "path (no query)")
      })
    )

    it.effect("method", () =>
      Effect.gen(function* () {
        const signed = signedRequest({ method: "GET", path: "/v2/codes/04-method" })
        const answer = yield* send({ ...signed, method: "DELETE" })
        assertUnauthorized(answer, "method")
        assert.include(answer.message, `"GET"`)
      })
    )

    it.effect("nonce (only inside the MAC, so the mac is named)", () =>
      Effect.gen(function* () {
        const header = authorization({ method: "GET", path: "/v2/codes/payments/t-nonce", nonce: "original" })
        const answer = yield* send({
          method: "GET",
          path: "/v2/codes/payments/t-nonce",
          headers: { Authorization: header.replace(":original:", ":tampered:"), "X-ASSUME-MERCHANT": MERCHANT }
        })
        assertUnauthorized(answer, "mac")
        assert.include(answer.message, "nonce")
      })
    )

    it.effect("epoch: more than 120 s of skew", () =>
      Effect.gen(function* () {
        const stale = yield* send(signedRequest({ method: "GET", path: "/v2/codes/payments/t-e", epoch: now() - 200 }))
        assertUnauthorized(stale, "epoch")
        assert.include(stale.message, "allowed: 120s")
        const millis = yield* send(signedRequest({ method: "GET", path: "/v2/codes/payments/t-e", epoch: Date.now() }))
        assertUnauthorized(millis, "epoch")
        assert.include(millis.message, "not milliseconds")
      })
    )

    it.effect("epoch changed in the header within the allowed skew (the mac is named)", () =>
      Effect.gen(function* () {
        const epoch = now()
        const header = authorization({ method: "GET", path: "/v2/codes/payments/t-e2", epoch })
        const answer = yield* send({
          method: "GET",
          path: "/v2/codes/payments/t-e2",
          headers: { Authorization: header.replace(`:${epoch}:`, `:${epoch - 5}:`), "X-ASSUME-MERCHANT": MERCHANT }
        })
        assertUnauthorized(answer, "mac")
      })
    )

    it.effect("content type", () =>
      Effect.gen(function* () {
        const signed = signedRequest({
          method: "POST",
          path: "/v2/codes",
          contentType: "application/json;charset=UTF-8",
          body: createBody("t-ct")
        })
        const answer = yield* send({ ...signed, headers: { ...signed.headers, "Content-Type": JSON_TYPE } })
        assertUnauthorized(answer, "contentType")
        assert.include(answer.message, "application/json;charset=UTF-8")
      })
    )

    it.effect("body", () =>
      Effect.gen(function* () {
        const signed = signedRequest({
          method: "POST",
          path: "/v2/codes",
          contentType: JSON_TYPE,
          body: createBody("t-b")
        })
        const answer = yield* send({ ...signed, body: createBody("t-b", 1_000_000) })
        assertUnauthorized(answer, "bodyHash")
      })
    )

    it.effect("mac: a proper prefix of the right MAC (every length), an empty-looking one, an extension", () =>
      Effect.gen(function* () {
        const path = "/v2/codes/payments/t-prefix"
        const header = authorization({ method: "GET", path })
        const mac = header.split(":")[2]!
        const withMac = (value: string) => header.replace(`:${mac}:`, `:${value}:`)
        for (const candidate of [mac.slice(0, 1), mac.slice(0, 8), mac.slice(0, 43), mac.slice(0, -1), `${mac}=`]) {
          const answer = yield* send({
            method: "GET",
            path,
            headers: { Authorization: withMac(candidate), "X-ASSUME-MERCHANT": MERCHANT }
          })
          assertUnauthorized(answer, "mac")
          assert.notInclude(answer.message, mac)
        }
        const right = yield* send({
          method: "GET",
          path,
          headers: { Authorization: header, "X-ASSUME-MERCHANT": MERCHANT }
        })
        assert.strictEqual(right.code, "DYNAMIC_QR_PAYMENT_NOT_FOUND")
      })
    )

    it.effect("unknown API key", () =>
      Effect.gen(function* () {
        const answer = yield* send(
          signedRequest({
            method: "GET",
            path: "/v2/codes/payments/x",
            credential: { apiKey: "nobody", apiSecret: "s" }
          })
        )
        assertUnauthorized(answer, "key")
        assert.include(answer.message, `"nobody"`)
      })
    )

    it.effect("wrong secret", () =>
      Effect.gen(function* () {
        const answer = yield* send(
          signedRequest({
            method: "GET",
            path: "/v2/codes/payments/x",
            credential: { apiKey: main.apiKey, apiSecret: "not-the-secret" }
          })
        )
        assertUnauthorized(answer, "mac")
        assert.include(answer.message, "API secret")
      })
    )

    it.effect("unknown merchant for a key limited to merchantIds", () =>
      Effect.gen(function* () {
        const answer = yield* send(
          signedRequest({ method: "GET", path: "/v2/codes/payments/x", credential: restricted }, "m2")
        )
        assertUnauthorized(answer, "merchant")
        assert.include(answer.message, `"m2"`)
        const none = yield* send(
          signedRequest({ method: "GET", path: "/v2/codes/payments/x", credential: restricted }, undefined)
        )
        assertUnauthorized(none, "merchant")
      })
    )

    it.effect("no or malformed Authorization header", () =>
      Effect.gen(function* () {
        const missing = yield* send({ method: "GET", path: "/v2/codes/payments/x" })
        assertUnauthorized(missing, "missing")
        const malformed = yield* send({
          method: "GET",
          path: "/v2/codes/payments/x",
          headers: { Authorization: "hmac OPA-Auth:only:three" }
        })
        assertUnauthorized(malformed, "malformed")
      })
    )
  })

  describe("what other PayPay SDKs send is accepted", () => {
    it.effect("Python: application/json;charset=UTF-8 with `, `/`: ` JSON spacing", () =>
      Effect.gen(function* () {
        const body =
          '{"merchantPaymentId": "py-1", "amount": {"amount": 100, "currency": "JPY"}, "codeType": "ORDER_QR"}'
        const answer = yield* send(
          signedRequest({ method: "POST", path: "/v2/codes", contentType: "application/json;charset=UTF-8", body })
        )
        assert.strictEqual(answer.status, 201)
        assert.strictEqual(answer.code, "SUCCESS")
      })
    )

    it.effect("Content-Type application/json;charset=UTF-8; (trailing semicolon)", () =>
      Effect.gen(function* () {
        const answer = yield* send(
          signedRequest({
            method: "POST",
            path: "/v2/codes",
            contentType: "application/json;charset=UTF-8;",
            body: createBody("py-2")
          })
        )
        assert.strictEqual(answer.status, 201)
      })
    )

    it.effect("DELETE with a signed `{}` body", () =>
      Effect.gen(function* () {
        const created = yield* createCode("del-1")
        const codeId = (created.data as { codeId: string }).codeId
        const answer = yield* send(
          signedRequest({ method: "DELETE", path: `/v2/codes/${codeId}`, contentType: JSON_TYPE, body: "{}" })
        )
        assert.strictEqual(answer.status, 200)
        assert.strictEqual(answer.code, "SUCCESS")
      })
    )

    it.effect("GET with a Content-Type header but no body, signed `empty`", () =>
      Effect.gen(function* () {
        yield* createCode("get-ct")
        const signed = signedRequest({ method: "GET", path: "/v2/codes/payments/get-ct" })
        const answer = yield* send({ ...signed, headers: { ...signed.headers, "Content-Type": JSON_TYPE } })
        assert.strictEqual(answer.status, 200)
        assert.strictEqual((answer.data as { status: string }).status, "CREATED")
      })
    )

    it.effect("?assumeMerchant= wins over X-ASSUME-MERCHANT", () =>
      Effect.gen(function* () {
        const path = "/v2/codes/payments/nothing?assumeMerchant=m1"
        const allowed = yield* send(signedRequest({ method: "GET", path, credential: restricted }, "m2"))
        assert.strictEqual(allowed.status, ResultCodes.DYNAMIC_QR_PAYMENT_NOT_FOUND.status)
        assert.strictEqual(allowed.code, "DYNAMIC_QR_PAYMENT_NOT_FOUND")
        const refused = yield* send(
          signedRequest(
            { method: "GET", path: "/v2/codes/payments/nothing?assumeMerchant=m2", credential: restricted },
            "m1"
          )
        )
        assertUnauthorized(refused, "merchant")
      })
    )

    it.effect("POST /v2/refunds/ with a trailing slash", () =>
      Effect.gen(function* () {
        yield* createCode("slash-1")
        const paid = yield* userPays("slash-1")
        const body = JSON.stringify({
          merchantRefundId: "slash-r1",
          paymentId: paid.paymentId,
          amount: { amount: 40, currency: "JPY" },
          requestedAt: now()
        })
        const answer = yield* send(
          signedRequest({ method: "POST", path: "/v2/refunds/", contentType: JSON_TYPE, body })
        )
        assert.strictEqual(answer.status, 200)
        assert.strictEqual((answer.data as { merchantRefundId: string }).merchantRefundId, "slash-r1")
      })
    )
  })

  describe("bad input → 400 with a documented code, never a 500", () => {
    const post = (body: string) =>
      send(signedRequest({ method: "POST", path: "/v2/codes", contentType: JSON_TYPE, body }))

    it.effect("malformed JSON", () =>
      Effect.gen(function* () {
        assertDocumented400(yield* post('{"merchantPaymentId": '), "INVALID_REQUEST_PARAMS", "not valid JSON")
      })
    )

    it.effect("wrong types name the field", () =>
      Effect.gen(function* () {
        const answer = yield* post(
          JSON.stringify({ merchantPaymentId: "wt", amount: { amount: "100", currency: "JPY" } })
        )
        assertDocumented400(answer, "INVALID_REQUEST_PARAMS", "amount.amount")
        for (const body of ["[]", "null", "42", '"text"']) {
          const odd = yield* post(body)
          assert.strictEqual(odd.status, 400, body)
          assert.oneOf(odd.code, ["INVALID_REQUEST_PARAMS", "MISSING_REQUEST_PARAMS"])
        }
      })
    )

    it.effect("a missing field names it", () =>
      Effect.gen(function* () {
        const answer = yield* post(JSON.stringify({ amount: { amount: 100, currency: "JPY" } }))
        assertDocumented400(answer, "MISSING_REQUEST_PARAMS", "merchantPaymentId")
      })
    )

    it.effect("oversize ids", () =>
      Effect.gen(function* () {
        const body = yield* post(createBody("x".repeat(65)))
        assertDocumented400(body, "INVALID_REQUEST_PARAMS", "merchantPaymentId")
        const inPath = yield* send(signedRequest({ method: "GET", path: `/v2/codes/payments/${"y".repeat(5000)}` }))
        assert.isBelow(inPath.status, 500)
        assert.isTrue(inPath.code in ResultCodes)
        const refund = yield* send(signedRequest({ method: "GET", path: `/v2/refunds/${"z".repeat(5000)}` }))
        assert.isBelow(refund.status, 500)
        assert.isTrue(refund.code in ResultCodes)
      })
    )

    it.effect("refund with a string amount names the field", () =>
      Effect.gen(function* () {
        const body = JSON.stringify({ merchantRefundId: "r", paymentId: "p", amount: { amount: "1", currency: "JPY" } })
        const answer = yield* send(signedRequest({ method: "POST", path: "/v2/refunds", contentType: JSON_TYPE, body }))
        assert.strictEqual(answer.status, 400)
        assert.include(answer.message, "amount")
      })
    )
  })
})
