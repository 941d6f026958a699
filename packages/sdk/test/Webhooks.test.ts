import { HttpApp, HttpServerRequest, type HttpServerResponse } from "@effect/platform"
import { assert, describe, it } from "@effect/vitest"
import { Deferred, Effect, Exit, FiberSet, Option, Ref, Schema } from "effect"
import { Webhooks } from "../src/index.js"
import { makeFake, ok } from "./utils/FakeHttp.js"

// ====== Samples, written from the field lists of reference §B.10 ======

const transaction = {
  notification_type: "Transaction",
  merchant_id: "245595859123478528",
  store_id: "store-1",
  pos_id: "",
  order_id: "04739000000000000001",
  merchant_order_id: "mp-1",
  authorized_at: "",
  expires_at: "",
  paid_at: "2024-05-01T12:00:03Z",
  order_amount: 1000,
  state: "COMPLETED"
}

const succeeded = {
  notification_type: "customer.authroization.succeeded",
  notification_id: "n-1",
  createdAt: "2024-05-01T12:00:00Z",
  referenceId: "ref-0001",
  nonce: "kikaku",
  scopes: "direct_debit,cashback",
  userAuthorizationId: "3678f635-77ed-4972-9aae-ff54208559e4",
  profileIdentifier: "*******0077",
  expiry: 1746100800
}

const failed = {
  notification_type: "customer.authroization.failed",
  notification_id: "n-2",
  createdAt: "2024-05-01T12:00:00Z",
  referenceId: "ref-0002",
  nonce: "kikaku",
  result: "declined",
  reason: "user declined"
}

const revoked = {
  notification_type: "customer.authroization.revoked",
  notification_id: "n-3",
  createdAt: "2024-05-02T08:00:00Z",
  userAuthorizationId: "ua-1",
  referenceId: "ref-0001"
}

const extended = {
  notification_type: "customer.authroization.extended",
  notification_id: "n-4",
  createdAt: "2024-05-03T08:00:00Z",
  scopes: ["direct_debit"],
  userAuthorizationId: "ua-1",
  expiry: 1777636800
}

const canceled = {
  notification_type: "customer.authroization.canceled",
  notification_id: "n-5",
  userAuthorizationId: "ua-1"
}

const reconFile = {
  notification_type: "file.created",
  notification_id: "n-6",
  fileType: "transaction",
  path: "https://files.paypay.test/recon/transaction_20240501.csv",
  requestedAt: "2024-05-02T01:30:00+09:00"
}

const decodeJson = (payload: unknown) => Webhooks.decode(JSON.stringify(payload))
const decodeFails = (body: unknown) => Effect.flip(Webhooks.decode(body))

// ====== decode ======

describe("Webhooks.decode", () => {
  it.effect("decodes a transaction event, ignoring extra fields", () =>
    Effect.gen(function* () {
      const event = yield* decodeJson({ ...transaction, extra_field: "x" })
      assert.instanceOf(event, Webhooks.TransactionEvent)
      assert.strictEqual(event._tag, "TransactionEvent")
      if (event._tag !== "TransactionEvent") return
      assert.strictEqual(event.merchantPaymentId, "mp-1")
      assert.strictEqual(event.order_id, "04739000000000000001")
      assert.strictEqual(event.order_amount, 1000)
      assert.strictEqual(event.paid_at, "2024-05-01T12:00:03Z")
      assert.strictEqual(event.state, "COMPLETED")
      assert.isFalse("extra_field" in event)
    })
  )

  it.effect("accepts every documented transaction state", () =>
    Effect.gen(function* () {
      for (const state of Webhooks.TransactionState.literals) {
        const event = yield* decodeJson({ ...transaction, state })
        assert.strictEqual(event._tag === "TransactionEvent" ? event.state : undefined, state)
      }
    })
  )

  it.effect("is liberal: numbers as strings, strings as numbers, nulls and missing optional fields", () =>
    Effect.gen(function* () {
      const event = yield* decodeJson({
        notification_type: "Transaction",
        merchant_id: 12345,
        merchant_order_id: "mp-2",
        order_amount: "2500",
        paid_at: null,
        state: "AUTHORIZED"
      })
      assert.deepStrictEqual(
        event,
        new Webhooks.TransactionEvent({
          notification_type: "Transaction",
          merchant_id: "12345",
          merchant_order_id: "mp-2",
          order_amount: 2500,
          state: "AUTHORIZED"
        })
      )
    })
  )

  it.effect("accepts bytes and already parsed JSON", () =>
    Effect.gen(function* () {
      const fromBytes = yield* Webhooks.decode(new TextEncoder().encode(JSON.stringify(transaction)))
      const fromValue = yield* Webhooks.decode(transaction)
      assert.deepStrictEqual(fromBytes, fromValue)
      assert.strictEqual(fromValue._tag, "TransactionEvent")
    })
  )

  it.effect("decodes customer authorization events in PayPay's spelling", () =>
    Effect.gen(function* () {
      const ok = yield* decodeJson(succeeded)
      assert.instanceOf(ok, Webhooks.CustomerAuthorizationSucceeded)
      if (ok._tag === "CustomerAuthorizationSucceeded") {
        assert.deepStrictEqual(ok.scopes, ["direct_debit", "cashback"])
        assert.strictEqual(ok.userAuthorizationId, succeeded.userAuthorizationId)
        assert.strictEqual(ok.expiry, 1746100800)
        assert.strictEqual(ok.notification_type, "customer.authroization.succeeded")
      }
      const ko = yield* decodeJson(failed)
      assert.instanceOf(ko, Webhooks.CustomerAuthorizationFailed)
      if (ko._tag === "CustomerAuthorizationFailed") assert.strictEqual(ko.result, "declined")
      const gone = yield* decodeJson(revoked)
      assert.instanceOf(gone, Webhooks.CustomerAuthorizationRevoked)
      if (gone._tag === "CustomerAuthorizationRevoked") assert.strictEqual(gone.userAuthorizationId, "ua-1")
      const longer = yield* decodeJson(extended)
      assert.instanceOf(longer, Webhooks.CustomerAuthorizationExtended)
      if (longer._tag === "CustomerAuthorizationExtended") {
        assert.deepStrictEqual(longer.scopes, ["direct_debit"])
        assert.strictEqual(longer.expiry, 1777636800)
      }
      const cancel = yield* decodeJson(canceled)
      assert.instanceOf(cancel, Webhooks.CustomerAuthorizationCanceled)
    })
  )

  it.effect("accepts the correctly spelled customer.authorization.* variant", () =>
    Effect.gen(function* () {
      for (const [payload, tag] of [
        [succeeded, "CustomerAuthorizationSucceeded"],
        [failed, "CustomerAuthorizationFailed"],
        [revoked, "CustomerAuthorizationRevoked"],
        [extended, "CustomerAuthorizationExtended"],
        [canceled, "CustomerAuthorizationCanceled"]
      ] as const) {
        const type = payload.notification_type.replace("authroization", "authorization")
        const event = yield* decodeJson({ ...payload, notification_type: type })
        assert.strictEqual(event._tag, tag)
        assert.strictEqual(event.notification_type, type)
      }
    })
  )

  it.effect("decodes the recon file event", () =>
    Effect.gen(function* () {
      const event = yield* decodeJson(reconFile)
      assert.deepStrictEqual(
        event,
        new Webhooks.ReconFileCreated({
          notification_type: "file.created",
          notification_id: "n-6",
          fileType: "transaction",
          path: reconFile.path,
          requestedAt: reconFile.requestedAt
        })
      )
    })
  )

  it.effect("keeps an unknown notification_type with its raw payload", () =>
    Effect.gen(function* () {
      const payload = { notification_type: "refund.completed", amount: 100, nested: { a: [1] } }
      const event = yield* decodeJson(payload)
      assert.instanceOf(event, Webhooks.UnknownWebhook)
      if (event._tag !== "UnknownWebhook") return
      assert.strictEqual(event.notification_type, "refund.completed")
      assert.deepStrictEqual(event.payload, payload)
    })
  )

  it.effect("fails with a typed, readable WebhookDecodeError", () =>
    Effect.gen(function* () {
      const json = yield* decodeFails("{not json")
      assert.strictEqual(json.reason, "MalformedJson")
      const bytes = yield* decodeFails(new Uint8Array([0xff, 0xfe, 0x7b]))
      assert.strictEqual(bytes.reason, "MalformedJson")
      assert.strictEqual((yield* decodeFails("[1,2]")).reason, "NotAnObject")
      assert.strictEqual((yield* decodeFails("null")).reason, "NotAnObject")
      assert.strictEqual((yield* decodeFails({ merchant_order_id: "mp-1" })).reason, "MissingType")
      const invalid = yield* decodeFails({ ...transaction, state: "PAID" })
      assert.strictEqual(invalid._tag, "WebhookDecodeError")
      assert.strictEqual(invalid.reason, "InvalidPayload")
      assert.strictEqual(invalid.notificationType, "Transaction")
      assert.include(invalid.message, "state")
      const missing = yield* decodeFails({ notification_type: "file.created" })
      assert.include(missing.detail, "path")
    })
  )
})

describe("Webhooks wire schemas", () => {
  it.effect("encode without _tag, as PayPay sends them", () =>
    Effect.gen(function* () {
      const event = yield* decodeJson(transaction)
      assert.instanceOf(event, Webhooks.TransactionEvent)
      const wire = yield* Schema.encode(Webhooks.TransactionEventFromWire)(event as Webhooks.TransactionEvent)
      assert.deepStrictEqual<unknown>(wire, transaction)
      const linked = yield* Schema.decodeUnknown(Webhooks.CustomerAuthorizationSucceededFromWire)(succeeded)
      const back = yield* Schema.encode(Webhooks.CustomerAuthorizationSucceededFromWire)(linked)
      assert.deepStrictEqual<unknown>(back, succeeded)
    })
  )
})

// ====== handler ======

const post = (body: string, init: { readonly remoteAddress?: string } = {}) => {
  const request = HttpServerRequest.fromWeb(
    new Request("http://merchant.test/paypay/webhooks", {
      method: "POST",
      body,
      headers: { "content-type": "application/json" }
    })
  )
  return init.remoteAddress === undefined ? request : request.modify({ remoteAddress: init.remoteAddress })
}

const serve = <E, R>(app: HttpApp.Default<E, R>, request: HttpServerRequest.HttpServerRequest) =>
  Effect.provideService(app, HttpServerRequest.HttpServerRequest, request)

const statusOf = (response: HttpServerResponse.HttpServerResponse) => response.status

describe("Webhooks.handler", () => {
  it.effect("answers 200 before a slow onEvent completes, then hands it the event", () =>
    Effect.gen(function* () {
      const gate = yield* Deferred.make<void>()
      const handled = yield* Deferred.make<Webhooks.WebhookEvent>()
      const app = Webhooks.handler((event) =>
        Deferred.await(gate).pipe(Effect.zipRight(Deferred.succeed(handled, event)))
      )
      const response = yield* serve(app, post(JSON.stringify(transaction)))
      assert.strictEqual(statusOf(response), 200)
      assert.isFalse(yield* Deferred.isDone(handled))
      yield* Deferred.succeed(gate, undefined)
      const event = yield* Deferred.await(handled)
      assert.strictEqual(event._tag, "TransactionEvent")
    })
  )

  it.effect("works as a web handler (HttpApp.toWebHandler)", () =>
    Effect.gen(function* () {
      const gate = yield* Deferred.make<void>()
      const handled = yield* Deferred.make<string>()
      const web = HttpApp.toWebHandler(
        Webhooks.handler((event) => Deferred.await(gate).pipe(Effect.zipRight(Deferred.succeed(handled, event._tag))))
      )
      const send = (body: string) =>
        Effect.promise(() => web(new Request("http://merchant.test/hook", { method: "POST", body })))
      const accepted = yield* send(JSON.stringify(reconFile))
      assert.strictEqual(accepted.status, 200)
      assert.isFalse(yield* Deferred.isDone(handled))
      const rejected = yield* send("garbage")
      assert.strictEqual(rejected.status, 400)
      assert.include(yield* Effect.promise(() => rejected.text()), "MalformedJson")
      yield* Deferred.succeed(gate, undefined)
      assert.strictEqual(yield* Deferred.await(handled), "ReconFileCreated")
    })
  )

  it.effect("answers 400 on garbage and never calls onEvent", () =>
    Effect.gen(function* () {
      const calls = yield* Ref.make(0)
      const app = Webhooks.handler(() => Ref.update(calls, (n) => n + 1), { mode: "await" })
      for (const body of ["garbage", "[]", "{}", JSON.stringify({ ...transaction, state: "PAID" })]) {
        const response = yield* serve(app, post(body))
        assert.strictEqual(statusOf(response), 400, body)
      }
      assert.strictEqual(yield* Ref.get(calls), 0)
    })
  )

  it.effect("acknowledges unknown notification types (200) and hands them over", () =>
    Effect.gen(function* () {
      const seen = yield* Ref.make<ReadonlyArray<string>>([])
      const app = Webhooks.handler((event) => Ref.update(seen, (all) => [...all, event._tag]), { mode: "await" })
      const response = yield* serve(app, post(JSON.stringify({ notification_type: "something.new" })))
      assert.strictEqual(statusOf(response), 200)
      assert.deepStrictEqual(yield* Ref.get(seen), ["UnknownWebhook"])
    })
  )

  it.effect("await mode runs onEvent inline and answers 500 when it fails", () =>
    Effect.gen(function* () {
      const order = yield* Ref.make<ReadonlyArray<string>>([])
      const app = Webhooks.handler(
        (event) =>
          Ref.update(order, (all) => [...all, "handled"]).pipe(
            Effect.zipRight(event._tag === "TransactionEvent" ? Effect.void : Effect.fail("boom"))
          ),
        { mode: "await" }
      )
      const okResponse = yield* serve(app, post(JSON.stringify(transaction)))
      yield* Ref.update(order, (all) => [...all, `answered ${okResponse.status}`])
      assert.deepStrictEqual(yield* Ref.get(order), ["handled", "answered 200"])
      const failing = yield* serve(app, post(JSON.stringify(revoked)))
      assert.strictEqual(statusOf(failing), 500)
    })
  )

  it.effect("refuses requests the allow hook rejects (403)", () =>
    Effect.gen(function* () {
      const calls = yield* Ref.make(0)
      const app = Webhooks.handler(() => Ref.update(calls, (n) => n + 1), {
        mode: "await",
        allow: (request) => Option.contains(request.remoteAddress, "203.0.113.10")
      })
      const allowed = yield* serve(app, post(JSON.stringify(transaction), { remoteAddress: "203.0.113.10" }))
      const refused = yield* serve(app, post(JSON.stringify(transaction), { remoteAddress: "198.51.100.7" }))
      assert.strictEqual(statusOf(allowed), 200)
      assert.strictEqual(statusOf(refused), 403)
      assert.strictEqual(yield* Ref.get(calls), 1)
    })
  )

  it.scoped("runs forked events in the given FiberSet, interrupted when its scope closes", () =>
    Effect.gen(function* () {
      const fibers = yield* FiberSet.make()
      const gate = yield* Deferred.make<void>()
      const app = Webhooks.handler(() => Deferred.await(gate), { fibers })
      const response = yield* serve(app, post(JSON.stringify(transaction)))
      assert.strictEqual(statusOf(response), 200)
      assert.strictEqual(yield* FiberSet.size(fibers), 1)
      yield* Deferred.succeed(gate, undefined)
      yield* FiberSet.awaitEmpty(fibers)
      assert.strictEqual(yield* FiberSet.size(fibers), 0)
    })
  )
})

// ====== confirm ======

const payment = (status: string) => ({
  paymentId: "04739000000000000001",
  status,
  acceptedAt: 10,
  merchantPaymentId: "mp-1",
  amount: { amount: 1000, currency: "JPY" },
  requestedAt: 5
})

const eventIn = (state: Webhooks.TransactionState) =>
  new Webhooks.TransactionEvent({ notification_type: "Transaction", merchant_order_id: "mp-1", state })

describe("Webhooks.confirm", () => {
  it.effect("returns the event and the payment when PayPay agrees (default source: code)", () =>
    Effect.gen(function* () {
      const { layer, requests } = yield* makeFake([ok(payment("COMPLETED"))], { retry: false })
      const event = eventIn("COMPLETED")
      const confirmed = yield* Webhooks.confirm(event).pipe(Effect.provide(layer))
      assert.strictEqual(confirmed.event, event)
      assert.strictEqual(confirmed.payment.status, "COMPLETED")
      const [request] = yield* Ref.get(requests)
      assert.strictEqual(request?.method, "GET")
      assert.strictEqual(request?.url.pathname, "/v2/codes/payments/mp-1")
    })
  )

  it.effect("accepts a payment that moved past the event, reading the chosen source", () =>
    Effect.gen(function* () {
      const { layer, requests } = yield* makeFake([ok(payment("COMPLETED"))], { retry: false })
      const confirmed = yield* Webhooks.confirm(eventIn("AUTHORIZED"), { source: "native" }).pipe(Effect.provide(layer))
      assert.strictEqual(confirmed.payment.status, "COMPLETED")
      assert.strictEqual((yield* Ref.get(requests))[0]?.url.pathname, "/v2/payments/mp-1")
    })
  )

  it.effect("reads pending payments from /v1/requestOrder", () =>
    Effect.gen(function* () {
      const { layer, requests } = yield* makeFake([ok(payment("CANCELED"))], { retry: false })
      yield* Webhooks.confirm(eventIn("CANCELED"), { source: "pending" }).pipe(Effect.provide(layer))
      assert.strictEqual((yield* Ref.get(requests))[0]?.url.pathname, "/v1/requestOrder/mp-1")
    })
  )

  it.effect("fails with WebhookMismatch when PayPay disagrees", () =>
    Effect.gen(function* () {
      const { layer } = yield* makeFake([ok(payment("CREATED"))], { retry: false })
      const event = eventIn("COMPLETED")
      const exit = yield* Webhooks.confirm(event).pipe(Effect.provide(layer), Effect.exit)
      assert.isTrue(Exit.isFailure(exit))
      const error = yield* Webhooks.confirm(event).pipe(Effect.provide(layer), Effect.flip)
      assert.strictEqual(error._tag, "WebhookMismatch")
      if (error._tag !== "WebhookMismatch") return
      assert.strictEqual(error.event, event)
      assert.strictEqual(error.payment.status, "CREATED")
      assert.include(error.message, "COMPLETED")
    })
  )

  it.effect("agrees: same status or forward on the success path only", () =>
    Effect.sync(() => {
      assert.isTrue(Webhooks.agrees("COMPLETED", "COMPLETED"))
      assert.isTrue(Webhooks.agrees("COMPLETED", "REFUNDED"))
      assert.isFalse(Webhooks.agrees("COMPLETED", "CREATED"))
      assert.isFalse(Webhooks.agrees("COMPLETED", "FAILED"))
      assert.isFalse(Webhooks.agrees("COMPLETED", "CANCELED"))
      assert.isTrue(Webhooks.agrees("AUTHORIZED", "COMPLETED"))
      assert.isFalse(Webhooks.agrees("AUTHORIZED", "CREATED"))
      assert.isFalse(Webhooks.agrees("CANCELED", "COMPLETED"))
      assert.isTrue(Webhooks.agrees("EXPIRED", "EXPIRED"))
      assert.isTrue(Webhooks.agrees("FAILED", "FAILED"))
      assert.isTrue(Webhooks.agrees("EXPIRED_USER_CONFIRMATION", "AUTHORIZED"))
      assert.isFalse(Webhooks.agrees("EXPIRED_USER_CONFIRMATION", "CREATED"))
    })
  )
})
