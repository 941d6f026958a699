import { HttpClient, HttpClientRequest, HttpServer } from "@effect/platform"
import { NodeHttpClient } from "@effect/platform-node"
import { assert, describe, it } from "@effect/vitest"
import { Codes, PayPayClient } from "@paypay-effect/sdk"
import { Effect, Layer, Redacted } from "effect"
import * as ControlClient from "../src/Control/ControlClient.js"
import { DEFAULT_USER_ID } from "../src/Control/PaymentHandlers.js"
import * as InProcess from "../src/InProcess.js"
import * as Server from "../src/Server.js"
import * as Simulator from "../src/Simulator.js"
import * as SimulatorConfig from "../src/SimulatorConfig.js"

const yen = (amount: number) => ({ amount, currency: "JPY" as const })
const control = ControlClient.make(InProcess.BASE_URL)

const raw = (
  method: "GET" | "POST" | "DELETE",
  path: string,
  body?: string,
  headers: Record<string, string> = {},
  contentType = "application/json"
) =>
  Effect.gen(function* () {
    const client = yield* HttpClient.HttpClient
    let request = HttpClientRequest.make(method)(`${InProcess.BASE_URL}${path}`).pipe(
      HttpClientRequest.setHeaders(headers)
    )
    if (body !== undefined) request = HttpClientRequest.bodyText(request, body, contentType)
    else if (method !== "GET") request = HttpClientRequest.setHeader(request, "content-type", contentType)
    const response = yield* client.execute(request)
    const text = yield* response.text
    return { status: response.status, json: text === "" ? undefined : (JSON.parse(text) as any) }
  })

describe("control API, in process", () => {
  it.effect("health answers ok with the simulated now", () =>
    Effect.gen(function* () {
      const api = yield* control
      const health = yield* api.health
      assert.strictEqual(health.status, "ok")
      const clock = yield* api.clock
      assert.strictEqual(health.now, clock.now)
      assert.strictEqual(clock.offsetSeconds, 0)
    }).pipe(Effect.provide(InProcess.layerSdk()))
  )

  it.effect("users: create (201), list, duplicate refused, bad balance → 400 naming the field", () =>
    Effect.gen(function* () {
      const api = yield* control
      const user = yield* api.createUser({ userAuthorizationId: "user-1", balance: 500 })
      assert.strictEqual(user.balance, 500)
      assert.strictEqual(user.status, "ACTIVE")
      const generated = yield* api.createUser()
      assert.notStrictEqual(generated.userAuthorizationId, "")
      const users = yield* api.users
      assert.deepStrictEqual(
        users.map((u) => u.userAuthorizationId),
        ["user-1", generated.userAuthorizationId]
      )
      const duplicate = yield* api.createUser({ userAuthorizationId: "user-1" }).pipe(Effect.flip)
      assert.strictEqual(duplicate._tag, "DuplicateUser")
      const created = yield* raw("POST", "/_simulator/users", JSON.stringify({ userAuthorizationId: "user-2" }))
      assert.strictEqual(created.status, 201)
      const bad = yield* raw("POST", "/_simulator/users", JSON.stringify({ balance: "lots" }))
      assert.strictEqual(bad.status, 400)
      assert.include(bad.json.message, "balance")
      const conflict = yield* raw("POST", "/_simulator/users", JSON.stringify({ userAuthorizationId: "user-2" }))
      assert.strictEqual(conflict.status, 409)
      assert.strictEqual(conflict.json.error, "DuplicateUser")
    }).pipe(Effect.provide(InProcess.layerSdk()))
  )

  it.effect("full QR checkout: create with the SDK, approve with the control client, read with the SDK", () =>
    Effect.gen(function* () {
      const api = yield* control
      yield* Codes.create({ merchantPaymentId: "order-1", amount: yen(1200), orderDescription: "tea" })
      const approved = yield* api.approve("order-1")
      assert.strictEqual(approved.status, "COMPLETED")
      assert.strictEqual(approved.userAuthorizationId, DEFAULT_USER_ID)
      const read = yield* Codes.getPayment("order-1")
      assert.deepStrictEqual(approved, read)
      const [user] = yield* api.users
      assert.strictEqual(user?.balance, 10_000_000 - 1200)
      const payments = yield* api.payments
      assert.deepStrictEqual(
        payments.map((p) => [p.merchantPaymentId, p.status]),
        [["order-1", "COMPLETED"]]
      )
      const again = yield* api.approve("order-1").pipe(Effect.flip)
      assert.strictEqual(again._tag, "PaymentRejected")
      if (again._tag === "PaymentRejected") {
        assert.strictEqual(again.error, "AlreadyPaid")
        assert.strictEqual(again.code, "DYNAMIC_QR_ALREADY_PAID")
      }
    }).pipe(Effect.provide(InProcess.layerSdk()))
  )

  it.effect("the approve answer is the PayPay API's payment JSON, byte for byte", () =>
    Effect.gen(function* () {
      yield* Codes.create({ merchantPaymentId: "same-json", amount: yen(10) })
      const approved = yield* raw("POST", "/_simulator/payments/same-json/approve")
      assert.strictEqual(approved.status, 200)
      const api = yield* control
      const [fromList] = (yield* raw("GET", "/_simulator/payments")).json
      assert.deepStrictEqual(approved.json.payment, fromList)
      assert.strictEqual((yield* api.payments)[0]?.status, "COMPLETED")
    }).pipe(Effect.provide(InProcess.layerSdk()))
  )

  it.effect("approve of an expired code (clock +301 s) → 409 CodeExpired, the payment stays CREATED", () =>
    Effect.gen(function* () {
      const api = yield* control
      yield* Codes.create({ merchantPaymentId: "late", amount: yen(100) })
      const clock = yield* api.advanceClock(301)
      assert.strictEqual(clock.offsetSeconds, 301)
      const error = yield* api.approve("late").pipe(Effect.flip)
      assert.strictEqual(error._tag, "PaymentRejected")
      if (error._tag === "PaymentRejected") {
        assert.strictEqual(error.error, "CodeExpired")
        assert.strictEqual(error.code, "ORDER_EXPIRED")
      }
      const payment = yield* Codes.getPayment("late")
      assert.strictEqual(payment.status, "CREATED")
      const wire = yield* raw("POST", "/_simulator/payments/late/approve", "{}")
      assert.strictEqual(wire.status, 409)
      assert.deepStrictEqual([wire.json.error, wire.json.code], ["CodeExpired", "ORDER_EXPIRED"])
    }).pipe(Effect.provide(InProcess.layerSdk()))
  )

  it.effect("approve: unknown payment → 404, unknown user → 404, poor user → NO_SUFFICIENT_FUND; decline", () =>
    Effect.gen(function* () {
      const api = yield* control
      const missing = yield* api.approve("nope").pipe(Effect.flip)
      assert.strictEqual(missing._tag, "PaymentNotFound")
      const wire = yield* raw("POST", "/_simulator/payments/nope/approve")
      assert.deepStrictEqual([wire.status, wire.json.error], [404, "PaymentNotFound"])
      yield* Codes.create({ merchantPaymentId: "p1", amount: yen(1000) })
      const noUser = yield* api.approve("p1", { userAuthorizationId: "ghost" }).pipe(Effect.flip)
      assert.strictEqual(noUser._tag, "UserNotFound")
      yield* api.createUser({ userAuthorizationId: "poor", balance: 999 })
      const poor = yield* api.approve("p1", { userAuthorizationId: "poor" }).pipe(Effect.flip)
      assert.strictEqual(poor._tag === "PaymentRejected" && poor.code, "NO_SUFFICIENT_FUND")
      assert.strictEqual((yield* Codes.getPayment("p1")).status, "CREATED")
      const declined = yield* api.decline("p1")
      assert.strictEqual(declined.status, "FAILED")
      const twice = yield* api.decline("p1").pipe(Effect.flip)
      assert.strictEqual(twice._tag, "PaymentRejected")
    }).pipe(Effect.provide(InProcess.layerSdk()))
  )

  it.effect("clock: get and advance; a negative advance is refused (client-side, and 400 naming `seconds`)", () =>
    Effect.gen(function* () {
      const api = yield* control
      const before = yield* api.clock
      const after = yield* api.advanceClock(3600)
      assert.strictEqual(after.now - before.now, 3600)
      assert.deepStrictEqual(yield* api.clock, after)
      const local = yield* api.advanceClock(-1).pipe(Effect.flip)
      assert.strictEqual(local._tag, "ParseError")
      const wire = yield* raw("POST", "/_simulator/clock/advance", JSON.stringify({ seconds: -1 }))
      assert.deepStrictEqual(
        [wire.status, wire.json.error, wire.json._tag],
        [400, "InvalidRequest", "HttpApiDecodeError"]
      )
      assert.include(wire.json.message, "seconds")
      assert.strictEqual((yield* api.clock).offsetSeconds, 3600)
    }).pipe(Effect.provide(InProcess.layerSdk()))
  )

  it.effect("faults: add (201), list, remove, clear; an unknown code is refused with 400", () =>
    Effect.gen(function* () {
      const api = yield* control
      const first = yield* api.addFault({ operation: "Codes.create", action: { type: "garble" } })
      assert.strictEqual(first.id, "fault-1")
      const second = yield* api.addFault({ path: "/v2/refunds*", times: 2, action: { type: "drop" } })
      assert.deepStrictEqual(
        (yield* api.faults).map((rule) => rule.id),
        [first.id, second.id]
      )
      yield* api.removeFault(first.id)
      assert.deepStrictEqual(yield* api.faults, [second])
      const gone = yield* api.removeFault(first.id).pipe(Effect.flip)
      assert.strictEqual(gone._tag, "FaultNotFound")
      yield* api.clearFaults
      assert.deepStrictEqual(yield* api.faults, [])
      const unknown = yield* raw(
        "POST",
        "/_simulator/faults",
        JSON.stringify({ action: { type: "respond", code: "NOT_A_CODE" } })
      )
      assert.strictEqual(unknown.status, 400)
      assert.include(unknown.json.message, "code")
      assert.include(unknown.json.message, "NOT_A_CODE")
      const created = yield* raw("POST", "/_simulator/faults", JSON.stringify({ action: { type: "drop" } }))
      assert.deepStrictEqual([created.status, created.json.id], [201, "fault-3"])
      assert.strictEqual((yield* raw("DELETE", "/_simulator/faults")).status, 204)
    }).pipe(Effect.provide(InProcess.layerSdk()))
  )

  it.effect("requests: the journal shows auth verdicts, including a failed signature", () =>
    Effect.gen(function* () {
      const api = yield* control
      yield* Codes.create({ merchantPaymentId: "journal-1", amount: yen(10) })
      const wrongSecret = PayPayClient.layer({
        apiKey: SimulatorConfig.defaultCredential.apiKey,
        apiSecret: Redacted.make("wrong"),
        merchantId: SimulatorConfig.defaultMerchantId,
        baseUrl: InProcess.BASE_URL
      })
      yield* Codes.getPayment("journal-1").pipe(Effect.provide(wrongSecret), Effect.flip)
      const entries = yield* api.requests()
      assert.deepStrictEqual(
        entries.map((entry) => [entry.operation, entry.status, entry.code]),
        [
          ["Codes.create", 201, "SUCCESS"],
          ["Codes.getPayment", 401, "UNAUTHORIZED"]
        ]
      )
      assert.strictEqual(entries[0]?.auth, "ok")
      assert.include(entries[1]?.auth, "mac")
      assert.deepStrictEqual(yield* api.requests({ merchantId: "someone-else" }), [])
    }).pipe(Effect.provide(InProcess.layerSdk()))
  )

  it.effect("merchants: registered per API key, added at run time (201), unknown API key → 404", () =>
    Effect.gen(function* () {
      const api = yield* control
      const before = yield* api.merchants
      assert.deepStrictEqual(before, {
        anyMerchant: false,
        merchants: [{ apiKey: SimulatorConfig.defaultCredential.apiKey, merchantId: SimulatorConfig.defaultMerchantId }]
      })
      const refused = yield* Codes.create({ merchantPaymentId: "m-1", amount: yen(10) }).pipe(
        PayPayClient.withMerchant("shop-new"),
        Effect.flip
      )
      assert.strictEqual(refused._tag, "Unauthorized")
      const added = yield* api.addMerchant({ merchantId: "shop-new", onboardedBefore2025: true })
      assert.deepStrictEqual(added, {
        apiKey: SimulatorConfig.defaultCredential.apiKey,
        merchantId: "shop-new",
        onboardedBefore2025: true
      })
      const code = yield* Codes.create({ merchantPaymentId: "m-1", amount: yen(10) }).pipe(
        PayPayClient.withMerchant("shop-new")
      )
      assert.strictEqual(code.merchantPaymentId, "m-1")
      assert.deepStrictEqual(
        (yield* api.merchants).merchants.map((merchant) => merchant.merchantId),
        [SimulatorConfig.defaultMerchantId, "shop-new"]
      )
      const unknown = yield* api.withTenant({ apiKey: "nobody" }).addMerchant({ merchantId: "x" }).pipe(Effect.flip)
      assert.strictEqual(unknown._tag, "UnknownApiKey")
      const wire = yield* raw("POST", "/_simulator/merchants", JSON.stringify({ merchantId: "" }))
      assert.strictEqual(wire.status, 400)
    }).pipe(Effect.provide(InProcess.layerSdk()))
  )

  it.effect("reset isolates tenants; reset?all=true clears everything", () =>
    Effect.gen(function* () {
      const shopA = (yield* control).withTenant({ merchantId: "shop-a" })
      const shopB = (yield* control).withTenant({ merchantId: "shop-b" })
      yield* shopA.addMerchant({ merchantId: "shop-a" })
      yield* shopB.addMerchant({ merchantId: "shop-b" })
      yield* Codes.create({ merchantPaymentId: "a-1", amount: yen(10) }).pipe(PayPayClient.withMerchant("shop-a"))
      yield* Codes.create({ merchantPaymentId: "b-1", amount: yen(10) }).pipe(PayPayClient.withMerchant("shop-b"))
      yield* shopA.createUser()
      yield* shopA.addFault({ merchantId: "shop-a", action: { type: "drop" } })
      yield* shopB.addFault({ merchantId: "shop-b", action: { type: "drop" } })
      yield* shopA.reset()
      assert.deepStrictEqual(yield* shopA.payments, [])
      assert.deepStrictEqual(yield* shopA.users, [])
      assert.deepStrictEqual(
        (yield* shopB.payments).map((p) => p.merchantPaymentId),
        ["b-1"]
      )
      assert.deepStrictEqual(
        (yield* shopB.faults).map((rule) => rule.merchantId),
        ["shop-b"]
      )
      yield* shopB.advanceClock(60)
      yield* shopB.reset({ all: true })
      assert.deepStrictEqual(yield* shopB.payments, [])
      assert.deepStrictEqual(yield* shopB.faults, [])
      assert.deepStrictEqual(yield* shopB.requests(), [])
      assert.strictEqual((yield* shopB.clock).offsetSeconds, 0)
      assert.strictEqual((yield* raw("POST", "/_simulator/reset?merchantId=shop-a")).status, 204)
    }).pipe(Effect.provide(InProcess.layerSdk()))
  )

  it.effect("a configured control token is enforced (Bearer or X-Simulator-Token)", () =>
    Effect.gen(function* () {
      const anonymous = yield* control
      const refused = yield* anonymous.health.pipe(Effect.flip)
      assert.strictEqual(refused._tag, "Unauthorized")
      const wire = yield* raw("GET", "/_simulator/health")
      assert.deepStrictEqual([wire.status, wire.json.error], [401, "Unauthorized"])
      const wrong = yield* ControlClient.make(InProcess.BASE_URL, { token: "nope" })
      assert.strictEqual((yield* wrong.health.pipe(Effect.flip))._tag, "Unauthorized")
      const trusted = yield* ControlClient.make(InProcess.BASE_URL, { token: "s3cret" })
      assert.strictEqual((yield* trusted.health).status, "ok")
      const header = yield* raw("GET", "/_simulator/health", undefined, { "x-simulator-token": "s3cret" })
      assert.strictEqual(header.status, 200)
      for (const given of ["", "s", "s3cre", "s3cret!", "S3CRET", "s3cret s3cret"]) {
        const viaHeader = yield* raw("GET", "/_simulator/health", undefined, { "x-simulator-token": given })
        assert.strictEqual(viaHeader.status, 401, JSON.stringify(given))
        const viaBearer = yield* raw("GET", "/_simulator/health", undefined, { authorization: `Bearer ${given}` })
        assert.strictEqual(viaBearer.status, 401, JSON.stringify(given))
      }
    }).pipe(Effect.provide(InProcess.layerSdk({ controlToken: "s3cret" })))
  )

  it.effect("malformed JSON → 400, an empty POST body is `{}`, a form post is refused (CSRF), unknown → 404", () =>
    Effect.gen(function* () {
      const form = "application/x-www-form-urlencoded"
      const curlStyle = yield* raw("POST", "/_simulator/clock/advance", JSON.stringify({ seconds: 5 }), {}, form)
      assert.deepStrictEqual([curlStyle.status, curlStyle.json.error], [415, "UnsupportedMediaType"])
      const json = yield* raw("POST", "/_simulator/clock/advance", JSON.stringify({ seconds: 5 }))
      assert.deepStrictEqual([json.status, json.json.offsetSeconds], [200, 5])
      const invalid = yield* raw("POST", "/_simulator/clock/advance", "{seconds:")
      assert.deepStrictEqual([invalid.status, invalid.json.error], [400, "InvalidJson"])
      const missing = yield* raw("POST", "/_simulator/clock/advance")
      assert.deepStrictEqual([missing.status, missing.json.error], [400, "InvalidRequest"])
      assert.strictEqual(missing.json.message, "seconds: is missing")
      const created = yield* raw("POST", "/_simulator/users")
      assert.strictEqual(created.status, 201)
      const unknown = yield* raw("GET", "/_simulator/nothing-here")
      assert.deepStrictEqual([unknown.status, unknown.json.error], [404, "NotFound"])
    }).pipe(Effect.provide(InProcess.layerSdk()))
  )
})

const SimulatorOnSocket = Server.layer({ port: 0 }).pipe(Layer.provideMerge(Simulator.layer()))

const OverSocket = Layer.unwrapEffect(
  HttpServer.addressFormattedWith((baseUrl) =>
    Effect.succeed(
      Layer.merge(
        PayPayClient.layer({
          apiKey: SimulatorConfig.defaultCredential.apiKey,
          apiSecret: Redacted.make(SimulatorConfig.defaultCredential.apiSecret),
          merchantId: SimulatorConfig.defaultMerchantId,
          baseUrl
        }),
        ControlClient.layer(baseUrl)
      )
    )
  )
).pipe(Layer.provide(NodeHttpClient.layerUndici), Layer.provideMerge(SimulatorOnSocket))

describe("control API over a real socket", () => {
  it.live("checkout approved with the control client; a dropped connection reaches the SDK", () =>
    Effect.gen(function* () {
      const api = yield* ControlClient.ControlClient
      assert.strictEqual((yield* api.health).status, "ok")
      yield* Codes.create({ merchantPaymentId: "sock-1", amount: yen(300) })
      const approved = yield* api.approve("sock-1")
      assert.strictEqual(approved.status, "COMPLETED")
      assert.deepStrictEqual(yield* Codes.getPayment("sock-1"), approved)
      yield* api.addFault({ operation: "Codes.create", times: 1, action: { type: "drop" } })
      const dropped = yield* Codes.create({ merchantPaymentId: "sock-2", amount: yen(300) }).pipe(Effect.flip)
      assert.strictEqual(dropped._tag, "PayPayRequestError")
      if (dropped._tag === "PayPayRequestError") {
        assert.strictEqual(dropped.reason, "Transport")
        assert.isTrue(dropped.outcomeUnknown)
      }
      const journal = yield* api.requests()
      assert.strictEqual(journal.at(-1)?.fault, "fault-1 drop")
      assert.strictEqual(journal.at(-1)?.code, "DROPPED")
    }).pipe(Effect.provide(OverSocket))
  )
})
