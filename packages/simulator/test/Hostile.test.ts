/**
 * Regression tests of the hostile-input findings (issue 12), over a real socket: the signature covers the body
 * bytes (1), nesting is bounded before anything recursive runs (2), one accepted request cannot break a merchant
 * (3), redirects are safe (4), the control API bounds its numbers and always answers `{error, message}` (5), it is
 * closed to other web pages (6), an oversized body is a 413 in the envelope (7), and a defect is a 500 in the
 * envelope. Each of these failed on main before the fix.
 */
import { FetchHttpClient, HttpServer } from "@effect/platform"
import { assert, describe, layer } from "@effect/vitest"
import { Codes, PayPayClient } from "@paypay-effect/sdk"
import { Effect, Either, Layer, Redacted } from "effect"
import { connect } from "node:net"
import * as Payment from "../src/Domain/Payment.js"
import * as Faults from "../src/Faults.js"
import * as Server from "../src/Server.js"
import * as Simulator from "../src/Simulator.js"
import * as SimulatorConfig from "../src/SimulatorConfig.js"
import * as AccountLinks from "../src/Store/AccountLinks.js"
import { tenant } from "../src/Store/Database.js"
import { PaymentStore } from "../src/Store/PaymentStore.js"
import { UserStore } from "../src/Store/UserStore.js"
import {
  type Answer,
  isControlError,
  isEnvelope,
  JSON_TYPE,
  MERCHANT,
  nestedArrays,
  nestedObjects,
  nestedObjectsJson,
  post,
  postEndpoints,
  send,
  signed,
  yen
} from "./helpers/wire.js"

const TestServer = Server.layer({ port: 0 }).pipe(
  Layer.provideMerge(Simulator.layer({ publicUrl: "http://pay.test:4010", allowedHosts: ["sim.internal"] }))
)

const port = Effect.map(HttpServer.HttpServer, (server) =>
  server.address._tag === "TcpAddress" ? server.address.port : 0
)

const call = (raw: Parameters<typeof send>[1]) => Effect.flatMap(port, (p) => send(p, raw))

const me = tenant(SimulatorConfig.defaultCredential.apiKey, MERCHANT)

const newUser = (id: string) => Effect.flatMap(UserStore, (users) => users.create(me, { userAuthorizationId: id }))

const assertEnvelope = (answer: Answer, status: number, code: string) => {
  assert.isTrue(isEnvelope(answer), `not an envelope: ${answer.status} ${answer.text.slice(0, 200)}`)
  assert.strictEqual(answer.status, status, answer.text.slice(0, 300))
  assert.strictEqual(answer.json.resultInfo.code, code, answer.text.slice(0, 300))
}

const codeBody = (merchantPaymentId: string, extra: Record<string, unknown> = {}) => ({
  merchantPaymentId,
  amount: yen(100),
  codeType: "ORDER_QR",
  requestedAt: Math.floor(Date.now() / 1000),
  ...extra
})

const REPLACEMENT = Buffer.from([0xef, 0xbf, 0xbd])

layer(TestServer, { excludeTestServices: true })("hostile input over a real socket", (it) => {
  describe("1. the signature covers the body bytes", () => {
    it.effect("a body signed with EF BF BD is refused when those bytes arrive as the single byte FF", () =>
      Effect.gen(function* () {
        const prefix = Buffer.from('{"merchantPaymentId":"h1-ff","amount":{"amount":100,"currency":"JPY"},')
        const suffix = Buffer.from(`"codeType":"ORDER_QR","orderDescription":"x"}`)
        const signedBytes = Buffer.concat([prefix, suffix.subarray(0, 40), REPLACEMENT, suffix.subarray(40)])
        const sentBytes = Buffer.concat([prefix, suffix.subarray(0, 40), Buffer.from([0xff]), suffix.subarray(40)])
        const answer = yield* call(
          signed({
            method: "POST",
            path: "/v2/codes",
            contentType: JSON_TYPE,
            body: sentBytes,
            signedBody: signedBytes
          })
        )
        assertEnvelope(answer, 401, "UNAUTHORIZED")
        assert.include(answer.json.resultInfo.message, "bodyHash")
      })
    )

    it.effect("invalid UTF-8 signed over its exact bytes passes the signature, then is a 400 naming the offset", () =>
      Effect.gen(function* () {
        const text = JSON.stringify(codeBody("h1-latin1", { orderDescription: "caf_" }))
        const bytes = Buffer.from(text)
        const offset = text.indexOf("caf_") + 3
        bytes[offset] = 0xe9
        const answer = yield* call(signed({ method: "POST", path: "/v2/codes", contentType: JSON_TYPE, body: bytes }))
        assertEnvelope(answer, 400, "INVALID_REQUEST_PARAMS")
        assert.include(answer.json.resultInfo.message, `offset ${offset}`)
      })
    )

    it.effect("our SDK signs the exact UTF-8 bytes it sends, over both of its transports", () =>
      Effect.gen(function* () {
        const baseUrl = `http://127.0.0.1:${yield* port}`
        const options = {
          apiKey: SimulatorConfig.defaultCredential.apiKey,
          apiSecret: Redacted.make(SimulatorConfig.defaultCredential.apiSecret),
          merchantId: MERCHANT,
          baseUrl
        }
        const description = '緑茶 ☕ 😀 café \u2028 "quoted"'
        for (const [name, client] of [
          ["HttpClient", PayPayClient.layer(options).pipe(Layer.provide(FetchHttpClient.layer))],
          ["undici", PayPayClient.layerUndici(options)]
        ] as const) {
          const code = yield* Codes.create({
            merchantPaymentId: `h1-sdk-${name}`,
            amount: yen(100),
            orderDescription: description
          }).pipe(Effect.provide(client))
          assert.strictEqual(code.orderDescription, description, name)
        }
      })
    )

    it.effect("a non-ASCII body signed over its UTF-8 bytes is accepted and stored exactly", () =>
      Effect.gen(function* () {
        const description = "お茶 ☕ 😀 café"
        const answer = yield* call(post("/v2/codes", codeBody("h1-utf8", { orderDescription: description })))
        assertEnvelope(answer, 201, "SUCCESS")
        assert.strictEqual(answer.json.data.orderDescription, description)
      })
    )
  })

  describe("2. nesting is bounded before anything recursive runs", () => {
    it.effect("5,000 nested arrays on every POST endpoint: 400 in the envelope, never a 500", () =>
      Effect.gen(function* () {
        for (const [path] of postEndpoints("h2", "nobody")) {
          const answer = yield* call(post(path, nestedArrays(5000)))
          assertEnvelope(answer, 400, "INVALID_REQUEST_PARAMS")
          assert.include(answer.json.resultInfo.message, "nested deeper than", path)
        }
      })
    )

    it.effect("metadata 10,000 objects deep: 400 in the envelope", () =>
      Effect.gen(function* () {
        const body = JSON.stringify(codeBody("h2-meta")).replace(/}$/, `,"metadata":${nestedObjectsJson(10_000)}}`)
        const answer = yield* call(post("/v2/codes", body))
        assertEnvelope(answer, 400, "INVALID_REQUEST_PARAMS")
      })
    )

    it.effect("the control API: 5,000 nested arrays → 400 {error, message}", () =>
      Effect.gen(function* () {
        const answer = yield* call({
          method: "POST",
          path: "/_simulator/users",
          headers: { "content-type": JSON_TYPE },
          body: nestedArrays(5000)
        })
        assert.strictEqual(answer.status, 400)
        assert.isTrue(isControlError(answer), answer.text)
        assert.strictEqual(answer.json.error, "InvalidJson")
      })
    )
  })

  describe("3. one accepted request cannot break a merchant", () => {
    it.effect("metadata nested 1,000 deep is refused; beyond the metadata bounds too; payments keep working", () =>
      Effect.gen(function* () {
        const deepBody = JSON.stringify(codeBody("h3-deep")).replace(/}$/, `,"metadata":${nestedObjectsJson(1000)}}`)
        const deep = yield* call(post("/v2/codes", deepBody))
        assertEnvelope(deep, 400, "INVALID_REQUEST_PARAMS")
        const six = yield* call(post("/v2/codes", codeBody("h3-six", { metadata: nestedObjects(6) })))
        assertEnvelope(six, 400, "INVALID_REQUEST_PARAMS")
        assert.include(six.json.resultInfo.message, "metadata: nests deeper than 5 levels")
        const big = yield* call(post("/v2/codes", codeBody("h3-big", { metadata: { note: "x".repeat(5000) } })))
        assertEnvelope(big, 400, "INVALID_REQUEST_PARAMS")
        assert.include(big.json.resultInfo.message, "metadata: is ")
        const five = yield* call(post("/v2/codes", codeBody("h3-five", { metadata: nestedObjects(5) })))
        assertEnvelope(five, 201, "SUCCESS")
        yield* newUser("h3-user")
        const payment = yield* call(
          post("/v2/payments", {
            merchantPaymentId: "h3-pay",
            userAuthorizationId: "h3-user",
            amount: yen(10),
            requestedAt: Math.floor(Date.now() / 1000)
          })
        )
        assertEnvelope(payment, 200, "SUCCESS")
      })
    )
  })

  describe("4. redirect targets are safe", () => {
    const hostile = [
      "javascript:alert(document.domain)",
      "JavaScript:alert(1)",
      " javascript:alert(1)",
      "java\tscript:alert(1)",
      "java\nscript:alert(1)",
      "\u0001javascript:alert(1)",
      "JAVASCRIPT:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "DATA:text/html;base64,PHNjcmlwdD4=",
      "vbscript:msgbox(1)",
      "file:///etc/passwd",
      " \tVbScript:msgbox(1)"
    ]

    it.effect(
      "POST /v2/codes refuses each of 12 hostile redirectUrls with INVALID_REQUEST_PARAMS naming the field",
      () =>
        Effect.gen(function* () {
          for (const [i, redirectUrl] of hostile.entries()) {
            for (const redirectType of ["WEB_LINK", "APP_DEEP_LINK"]) {
              const answer = yield* call(
                post("/v2/codes", codeBody(`h4-${redirectType}-${i}`, { redirectUrl, redirectType }))
              )
              assertEnvelope(answer, 400, "INVALID_REQUEST_PARAMS")
              assert.include(answer.json.resultInfo.message, "redirectUrl", JSON.stringify(redirectUrl))
            }
          }
        })
    )

    it.effect("WEB_LINK must be http(s); APP_DEEP_LINK may use an app scheme; the page redirects only there", () =>
      Effect.gen(function* () {
        const app = yield* call(
          post("/v2/codes", codeBody("h4-app", { redirectUrl: "myshop://orders/1", redirectType: "APP_DEEP_LINK" }))
        )
        assertEnvelope(app, 201, "SUCCESS")
        const web = yield* call(
          post("/v2/codes", codeBody("h4-web", { redirectUrl: "myshop://orders/1", redirectType: "WEB_LINK" }))
        )
        assertEnvelope(web, 400, "INVALID_REQUEST_PARAMS")
        yield* newUser("h4-user")
        const paid = yield* call({
          method: "POST",
          path: `/pay/${app.json.data.codeId}`,
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: "action=pay&user=h4-user"
        })
        assert.strictEqual(paid.status, 303)
        assert.strictEqual(paid.headers.location, "myshop://orders/1")
      })
    )

    it.effect("a stored code or session with a hostile redirectUrl (older data) never becomes a Location", () =>
      Effect.gen(function* () {
        const store = yield* PaymentStore
        const code = Payment.createCode(
          { merchantPaymentId: "h4-legacy", amount: yen(100), redirectUrl: " JavaScript:alert(1)" },
          {
            now: Math.floor(Date.now() / 1000),
            paymentId: "h4-legacy-pid",
            codeId: "04-h4legacy",
            lifetimeSeconds: 300
          }
        )
        assert.isTrue(Either.isRight(code))
        if (Either.isRight(code)) yield* store.insert(me, code.right)
        yield* newUser("h4-legacy-user")
        const paid = yield* call({
          method: "POST",
          path: "/pay/04-h4legacy",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: "action=pay&user=h4-legacy-user"
        })
        assert.strictEqual(paid.status, 303)
        assert.strictEqual(paid.headers.location, "/pay/04-h4legacy/result")
        const session = yield* AccountLinks.create(me, {
          scopes: ["direct_debit"],
          nonce: "n",
          redirectType: "APP_DEEP_LINK",
          redirectUrl: "javascript:alert(document.domain)",
          referenceId: "h4-legacy-ref"
        })
        const declined = yield* call({
          method: "POST",
          path: `/link/${session.sessionId}`,
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: "decision=decline"
        })
        assert.strictEqual(declined.status, 400)
        assert.isUndefined(declined.headers.location)
      })
    )

    it.effect("an account-link session with APP_DEEP_LINK javascript: is refused at create time", () =>
      Effect.gen(function* () {
        const answer = yield* call(
          post("/v1/qr/sessions", {
            scopes: ["direct_debit"],
            nonce: "n",
            redirectType: "APP_DEEP_LINK",
            redirectUrl: "JavaScript:alert(document.domain)",
            referenceId: "h4-ref"
          })
        )
        assertEnvelope(answer, 400, "INVALID_REQUEST_PARAMS")
        assert.include(answer.json.resultInfo.message, "redirectUrl")
      })
    )
  })

  describe("5. the control API takes no nonsense and always answers {error, message}", () => {
    it.effect("clock/advance: 1e30, 1e308, fractions and negatives → 400; 10 years is the most", () =>
      Effect.gen(function* () {
        for (const seconds of ["1e30", "1e308", "1.5", "-1", "315360001", '"60"', "null"]) {
          const answer = yield* call({
            method: "POST",
            path: "/_simulator/clock/advance",
            headers: { "content-type": JSON_TYPE },
            body: `{"seconds":${seconds}}`
          })
          assert.strictEqual(answer.status, 400, `${seconds}: ${answer.text}`)
          assert.isTrue(isControlError(answer), answer.text)
        }
        const ok = yield* call({
          method: "POST",
          path: "/_simulator/clock/advance",
          headers: { "content-type": JSON_TYPE },
          body: '{"seconds":0}'
        })
        assert.strictEqual(ok.status, 200)
      })
    )

    it.effect("invalid JSON on PUT /webhooks/endpoint → 400 {error, message}", () =>
      Effect.gen(function* () {
        const answer = yield* call({
          method: "PUT",
          path: "/_simulator/webhooks/endpoint",
          headers: { "content-type": JSON_TYPE },
          body: "{url:"
        })
        assert.strictEqual(answer.status, 400)
        assert.isTrue(isControlError(answer), answer.text)
        assert.strictEqual(answer.json.error, "InvalidJson")
      })
    )

    it.effect("balances above the amount limit and huge fault counts → 400 {error, message}", () =>
      Effect.gen(function* () {
        for (const [path, body] of [
          ["/_simulator/users", '{"balance":1e30}'],
          ["/_simulator/faults", '{"times":1e300,"action":{"type":"drop"}}'],
          ["/_simulator/faults", '{"action":{"type":"delay","millis":1e308}}']
        ] as const) {
          const answer = yield* call({ method: "POST", path, headers: { "content-type": JSON_TYPE }, body })
          assert.strictEqual(answer.status, 400, `${path} ${body}: ${answer.text}`)
          assert.isTrue(isControlError(answer), answer.text)
        }
      })
    )
  })

  describe("6. the control API is closed to other web pages", () => {
    it.effect("a cross-site text/plain or form POST is refused (415) and changes nothing", () =>
      Effect.gen(function* () {
        for (const contentType of [
          "text/plain",
          "application/x-www-form-urlencoded",
          "text/plain; x=application/json"
        ]) {
          const answer = yield* call({
            method: "POST",
            path: "/_simulator/reset?all=true",
            headers: { "content-type": contentType, origin: "https://evil.test" },
            body: "{}"
          })
          assert.strictEqual(answer.status, 415, contentType)
          assert.strictEqual(answer.json.error, "UnsupportedMediaType")
        }
        const none = yield* call({ method: "POST", path: "/_simulator/users", body: '{"userAuthorizationId":"csrf"}' })
        assert.strictEqual(none.status, 415)
        const users = yield* call({ method: "GET", path: "/_simulator/users" })
        assert.isFalse(
          (users.json as Array<{ userAuthorizationId: string }>).some((u) => u.userAuthorizationId === "csrf")
        )
      })
    )

    it.effect("a foreign Host (DNS rebinding) is refused on the control API and the pages; ours are answered", () =>
      Effect.gen(function* () {
        const p = yield* port
        for (const host of ["evil.test", `evil.test:${p}`, "127.0.0.1.evil.test", "localhost.evil.test"]) {
          const control = yield* call({ method: "GET", path: "/_simulator/health", headers: { host } })
          assert.strictEqual(control.status, 403, host)
          assert.strictEqual(control.json.error, "ForbiddenHost")
          const page = yield* call({ method: "GET", path: "/_dashboard", headers: { host } })
          assert.strictEqual(page.status, 403, host)
        }
        for (const host of [
          `127.0.0.1:${p}`,
          `localhost:${p}`,
          "LOCALHOST",
          "app.localhost",
          `[::1]:${p}`,
          "192.168.1.20",
          "pay.test:4010",
          "sim.internal"
        ]) {
          const control = yield* call({ method: "GET", path: "/_simulator/health", headers: { host } })
          assert.strictEqual(control.status, 200, host)
        }
        const api = yield* call({
          ...signed({ method: "GET", path: "/v2/codes/payments/none" }),
          headers: { ...signed({ method: "GET", path: "/v2/codes/payments/none" }).headers, host: "simulator" }
        })
        assertEnvelope(api, 400, "DYNAMIC_QR_PAYMENT_NOT_FOUND")
      })
    )
  })

  describe("7. oversized bodies are a 413 in the envelope", () => {
    it.effect("Content-Length over 10 MiB is refused unread", () =>
      Effect.gen(function* () {
        const p = yield* port
        const text = yield* Effect.promise(
          () =>
            new Promise<string>((resolve) => {
              const socket = connect(p, "127.0.0.1", () =>
                socket.write(
                  "POST /v2/codes HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" +
                    `Content-Length: ${10 * 1024 * 1024 + 1}\r\n\r\n{`
                )
              )
              let received = ""
              socket.setEncoding("utf8")
              socket.on("data", (chunk: string) => {
                received += chunk
              })
              socket.on("close", () => resolve(received))
              socket.on("error", () => resolve(received))
            })
        )
        assert.match(text, /^HTTP\/1\.1 413/)
        const body = JSON.parse(text.slice(text.indexOf("\r\n\r\n") + 4))
        assert.strictEqual(body.resultInfo.code, "INVALID_REQUEST_PARAMS")
      })
    )

    it.effect("a body that grows over 10 MiB while read (no Content-Length up front) is refused", () =>
      Effect.gen(function* () {
        const answer = yield* call({
          method: "POST",
          path: "/v2/codes",
          headers: { "content-type": JSON_TYPE },
          body: Buffer.alloc(10 * 1024 * 1024 + 10, 0x20)
        })
        assertEnvelope(answer, 413, "INVALID_REQUEST_PARAMS")
      })
    )
  })
})

const Defective = Server.layer({ port: 0 }).pipe(
  Layer.provideMerge(
    Simulator.layer(
      { corsOrigins: ["http://app.test"] },
      Layer.succeed(Faults.Faults, Faults.Faults.of({ around: () => Effect.dieMessage("simulated defect") }))
    )
  )
)

layer(Defective, { excludeTestServices: true })("a defect", (it) => {
  it.effect("is logged and answered 500 INTERNAL_SERVER_ERROR in the envelope, on both paths of the server", () =>
    Effect.gen(function* () {
      for (const origin of [undefined, "http://app.test"]) {
        const request = post("/v2/codes", codeBody("defect"))
        const answer = yield* call(
          origin === undefined ? request : { ...request, headers: { ...request.headers, origin } }
        )
        assertEnvelope(answer, 500, "INTERNAL_SERVER_ERROR")
        assert.strictEqual(answer.json.resultInfo.codeId, "08101000")
      }
    })
  )
})
