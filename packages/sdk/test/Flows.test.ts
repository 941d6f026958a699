import { assert, describe, it } from "@effect/vitest"
import { Effect, Ref, Schedule, TestClock } from "effect"
import * as Jose from "jose"
import { Flows } from "../src/index.js"
import { credentials, failure, makeFake, ok } from "./utils/FakeHttp.js"
import { finished } from "./utils/Fibers.js"
import { qrWire } from "./utils/Fixtures.js"

const payment = (status: string, extra: object = {}) => ({
  paymentId: "04739000000000000001",
  status,
  acceptedAt: 10,
  merchantPaymentId: "mp-1",
  amount: { amount: 1000, currency: "JPY" },
  requestedAt: 5,
  ...extra
})
const qr = qrWire(1000)
const createParams = {
  merchantPaymentId: "mp-1",
  userAuthorizationId: "ua-1",
  amount: { amount: 1000, currency: "JPY" as const }
}
const ise = failure(500, "INTERNAL_SERVER_ERROR", "08101000")

describe("Flows.awaitSettled", () => {
  it.effect("polls until the payment settles", () =>
    Effect.gen(function* () {
      const { layer, requests } = yield* makeFake([
        ok(payment("CREATED")),
        ok(payment("CREATED")),
        ok(payment("COMPLETED"))
      ])
      const fiber = yield* Flows.awaitSettled("mp-1", { schedule: Schedule.spaced("1 second") }).pipe(
        Effect.provide(layer),
        Effect.fork
      )
      yield* TestClock.adjust("2 seconds")
      const settled = yield* finished(fiber, "polling at 1 s, settled on the third read")
      assert.strictEqual(settled.status, "COMPLETED")
      const all = yield* Ref.get(requests)
      assert.lengthOf(all, 3)
      assert.strictEqual(all[0]!.url.pathname, "/v2/codes/payments/mp-1")
    })
  )

  it.effect("keeps polling through the transient REAUTHORIZING until the capture completes", () =>
    Effect.gen(function* () {
      assert.isFalse(Flows.isSettled("REAUTHORIZING"))
      assert.isFalse(Flows.isSettled("CREATED"))
      assert.isTrue(Flows.isSettled("AUTHORIZED"))
      const { layer, requests } = yield* makeFake([
        ok(payment("REAUTHORIZING")),
        ok(payment("REAUTHORIZING")),
        ok(payment("COMPLETED"))
      ])
      const fiber = yield* Flows.awaitSettled("mp-1", { source: "native", schedule: Schedule.spaced("1 second") }).pipe(
        Effect.provide(layer),
        Effect.fork
      )
      yield* TestClock.adjust("2 seconds")
      const settled = yield* finished(fiber, "polling at 1 s, COMPLETED on the third read")
      assert.strictEqual(settled.status, "COMPLETED")
      assert.lengthOf(yield* Ref.get(requests), 3)
    })
  )

  it.effect("fails with AwaitTimeout carrying the last status after the deadline", () =>
    Effect.gen(function* () {
      const { layer } = yield* makeFake([ok(payment("CREATED"))])
      const fiber = yield* Flows.awaitSettled("mp-1", { source: "native", deadline: "10 seconds" }).pipe(
        Effect.provide(layer),
        Effect.flip,
        Effect.fork
      )
      yield* TestClock.adjust("11 seconds")
      const error = yield* finished(fiber, "awaitSettled with a 10 s deadline")
      assert.strictEqual(error._tag, "AwaitTimeout")
      if (error._tag === "AwaitTimeout") assert.strictEqual(error.lastStatus, "CREATED")
    })
  )
})

describe("Flows.createPaymentSafely", () => {
  const run = (replies: Parameters<typeof makeFake>[0]) =>
    Effect.gen(function* () {
      const { layer, requests } = yield* makeFake(replies, { retry: false })
      const outcome = yield* Flows.createPaymentSafely(createParams).pipe(Effect.provide(layer))
      const calls = (yield* Ref.get(requests)).map((r) => `${r.method} ${r.url.pathname}`)
      return { outcome, calls }
    })

  it.effect("Created when PayPay answers", () =>
    Effect.gen(function* () {
      const { outcome } = yield* run([ok(payment("COMPLETED"))])
      assert.strictEqual(outcome._tag, "Created")
    })
  )

  it.effect("Recovered when the outcome was unknown and the query finds the payment", () =>
    Effect.gen(function* () {
      const { calls, outcome } = yield* run([ise, ok(payment("COMPLETED"))])
      assert.strictEqual(outcome._tag, "Recovered")
      assert.deepStrictEqual(calls, ["POST /v2/payments", "GET /v2/payments/mp-1"])
    })
  )

  it.effect("NotCreated (not Recovered) when the query finds the payment FAILED", () =>
    Effect.gen(function* () {
      const { calls, outcome } = yield* run([ise, ok(payment("FAILED"))])
      assert.strictEqual(outcome._tag, "NotCreated")
      assert.deepStrictEqual(calls, ["POST /v2/payments", "GET /v2/payments/mp-1"])
    })
  )

  it.effect("NotCreated when the query says PayPay has no such payment", () =>
    Effect.gen(function* () {
      const { outcome } = yield* run([ise, failure(404, "RESOURCE_NOT_FOUND", "00200001")])
      assert.strictEqual(outcome._tag, "NotCreated")
    })
  )

  it.effect("Canceled when the query cannot tell either", () =>
    Effect.gen(function* () {
      const { calls, outcome } = yield* run([ise, ise, ok(null)])
      assert.strictEqual(outcome._tag, "Canceled")
      assert.deepStrictEqual(calls, ["POST /v2/payments", "GET /v2/payments/mp-1", "DELETE /v2/payments/mp-1"])
    })
  )

  it.effect("a connection that broke after sending is reconciled like any unknown outcome", () =>
    Effect.gen(function* () {
      const { calls, outcome } = yield* run(["transport-error", ok(payment("COMPLETED"))])
      assert.strictEqual(outcome._tag, "Recovered")
      assert.deepStrictEqual(calls, ["POST /v2/payments", "GET /v2/payments/mp-1"])
    })
  )

  it.effect("a request that was never sent is retried, then fails as NotSent without any query or cancel", () =>
    Effect.gen(function* () {
      const { layer, requests } = yield* makeFake(["refused"], { retry: { times: 2, base: "10 millis" } })
      const fiber = yield* Flows.createPaymentSafely(createParams).pipe(Effect.provide(layer), Effect.flip, Effect.fork)
      yield* TestClock.adjust("1 second")
      const error = yield* finished(fiber, "two retries 10–40 ms apart")
      assert.strictEqual(error._tag, "PayPayRequestError")
      if (error._tag !== "PayPayRequestError") return
      assert.strictEqual(error.reason, "NotSent")
      assert.isFalse(error.outcomeUnknown)
      assert.include(error.detail, "ECONNREFUSED")
      const calls = (yield* Ref.get(requests)).map((r) => `${r.method} ${r.url.pathname}`)
      assert.deepStrictEqual(calls, ["POST /v2/payments", "POST /v2/payments", "POST /v2/payments"])
    })
  )

  it.effect("known failures stay typed errors", () =>
    Effect.gen(function* () {
      const { layer } = yield* makeFake([failure(400, "NO_SUFFICIENT_FUND")])
      const error = yield* Flows.createPaymentSafely(createParams).pipe(Effect.provide(layer), Effect.flip)
      assert.strictEqual(error._tag, "NoSufficientFund")
    })
  )
})

describe("Flows.createCodeSafely", () => {
  it.effect("a timed-out create whose code exists unpaid is cancelled", () =>
    Effect.gen(function* () {
      const { layer, requests } = yield* makeFake(["hang", ok(payment("CREATED")), ok(null)], { retry: false })
      const fiber = yield* Flows.createCodeSafely({ merchantPaymentId: "mp-1", amount: qr.amount as any }).pipe(
        Effect.provide(layer),
        Effect.fork
      )
      yield* TestClock.adjust("31 seconds")
      const outcome = yield* finished(fiber, "createCodeSafely after a 30 s timeout")
      assert.strictEqual(outcome._tag, "Canceled")
      const calls = (yield* Ref.get(requests)).map((r) => `${r.method} ${r.url.pathname}`)
      assert.deepStrictEqual(calls, ["POST /v2/codes", "GET /v2/codes/payments/mp-1", "DELETE /v2/payments/mp-1"])
    })
  )

  it.effect("a code whose payment the query finds FAILED is NotCreated", () =>
    Effect.gen(function* () {
      const { layer, requests } = yield* makeFake([ise, ok(payment("FAILED"))], { retry: false })
      const outcome = yield* Flows.createCodeSafely({ merchantPaymentId: "mp-1", amount: qr.amount as any }).pipe(
        Effect.provide(layer)
      )
      assert.strictEqual(outcome._tag, "NotCreated")
      const calls = (yield* Ref.get(requests)).map((r) => `${r.method} ${r.url.pathname}`)
      assert.deepStrictEqual(calls, ["POST /v2/codes", "GET /v2/codes/payments/mp-1"])
    })
  )

  it.effect("an already paid code is Recovered", () =>
    Effect.gen(function* () {
      const { layer } = yield* makeFake([ise, ok(payment("COMPLETED"))], { retry: false })
      const outcome = yield* Flows.createCodeSafely({ merchantPaymentId: "mp-1", amount: qr.amount as any }).pipe(
        Effect.provide(layer)
      )
      assert.strictEqual(outcome._tag, "Recovered")
    })
  )
})

describe("Flows.reversePayment", () => {
  it.effect("cancels inside the cancel window", () =>
    Effect.gen(function* () {
      const { layer } = yield* makeFake([ok(null)])
      const reversal = yield* Flows.reversePayment("mp-1", { merchantRefundId: "r-1" }).pipe(Effect.provide(layer))
      assert.strictEqual(reversal._tag, "Canceled")
    })
  )

  it.effect("refunds what is left once PayPay says ORDER_NOT_REVERSIBLE", () =>
    Effect.gen(function* () {
      const refunded = {
        status: "REFUNDED",
        acceptedAt: 11,
        merchantRefundId: "r-0",
        paymentId: "04739000000000000001",
        amount: { amount: 200, currency: "JPY" },
        requestedAt: 11
      }
      const { layer, requests } = yield* makeFake([
        failure(400, "ORDER_NOT_REVERSIBLE", "00200044"),
        ok(payment("COMPLETED", { refunds: { data: [refunded] } })),
        ok({ ...refunded, status: "CREATED", merchantRefundId: "r-1", amount: { amount: 800, currency: "JPY" } })
      ])
      const reversal = yield* Flows.reversePayment("mp-1", { merchantRefundId: "r-1" }).pipe(Effect.provide(layer))
      assert.strictEqual(reversal._tag, "Refunded")
      const last = (yield* Ref.get(requests))[2]!
      assert.strictEqual(JSON.parse(last.body!).amount.amount, 800)
    })
  )
})

describe("Flows user link", () => {
  const key = new Uint8Array(Buffer.from(credentials.apiSecret, "base64"))
  const responseToken = (claims: Record<string, unknown>) =>
    Effect.promise(() =>
      new Jose.SignJWT({ aud: credentials.apiKey, iss: "paypay.ne.jp", exp: 600, ...claims })
        .setProtectedHeader({ alg: "HS256", typ: "JWT" })
        .sign(key)
    )

  it.effect("start builds the authorization URL; finish verifies the token and keeps the user id", () =>
    Effect.gen(function* () {
      const { layer } = yield* makeFake([ok(null)])
      const { nonce, url } = yield* Flows.startUserLink({
        iss: "shop",
        scope: "direct_debit",
        redirectUrl: "https://shop.test/linked",
        referenceId: "customer-7"
      }).pipe(Effect.provide(layer))
      assert.match(nonce, /^[0-9a-f]{32}$/)
      const other = yield* Flows.startUserLink({
        iss: "shop",
        scope: "direct_debit",
        redirectUrl: "https://x.test",
        referenceId: "c"
      }).pipe(Effect.provide(layer))
      assert.notStrictEqual(other.nonce, nonce)
      const parsed = new URL(url)
      assert.strictEqual(parsed.pathname, "/app/opa/user_authorization")
      assert.strictEqual(parsed.searchParams.get("apiKey"), credentials.apiKey)
      const token = yield* responseToken({
        result: "succeeded",
        nonce,
        userAuthorizationId: "ua-9",
        referenceId: "customer-7"
      })
      const linked = yield* Flows.finishUserLink(token, { nonce }).pipe(Effect.provide(layer))
      assert.deepStrictEqual(linked, { userAuthorizationId: "ua-9", referenceId: "customer-7" })
      const declined = yield* responseToken({ result: "declined", nonce })
      const error = yield* Flows.finishUserLink(declined, { nonce }).pipe(Effect.provide(layer), Effect.flip)
      assert.strictEqual(error._tag, "UserLinkFailed")
      const replay = yield* Flows.finishUserLink(token, { nonce: "other" }).pipe(Effect.provide(layer), Effect.flip)
      assert.strictEqual(replay._tag, "JwtError")
    })
  )
})
