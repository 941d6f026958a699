import { assert, describe, it } from "@effect/vitest"
import { Effect, TestClock } from "effect"
import { Preauth } from "../src/index.js"
import { assertShape, failWith, rejectsInput, send, succeed } from "./utils/Calls.js"
import { failure } from "./utils/FakeHttp.js"

const NOW = 1_700_000_000
const DAY = 86_400

const authorized = {
  paymentId: "04739000000000000002",
  status: "AUTHORIZED",
  acceptedAt: NOW,
  merchantPaymentId: "mp-1",
  userAuthorizationId: "ua-1",
  amount: { amount: 1000, currency: "JPY" },
  requestedAt: NOW,
  expiresAt: NOW + 7 * DAY
}
const authorizeParams: Preauth.AuthorizePaymentParams = {
  merchantPaymentId: "mp-1",
  userAuthorizationId: "ua-1",
  amount: { amount: 1000, currency: "JPY" },
  expiresAt: NOW + 7 * DAY
}
const captureParams: Preauth.CapturePaymentParams = {
  merchantPaymentId: "mp-1",
  amount: { amount: 1200, currency: "JPY" },
  merchantCaptureId: "cap-1",
  orderDescription: "taxi ride"
}

const atNow = TestClock.setTime(NOW * 1000)

describe("Preauth", () => {
  it.effect("authorize posts /v2/payments/preauthorize with requestedAt from the clock", () =>
    Effect.gen(function* () {
      yield* atNow
      const { body, request, result } = yield* succeed(Preauth.authorize(authorizeParams), authorized)
      assertShape(request, { method: "POST", path: "/v2/payments/preauthorize" })
      assert.deepStrictEqual(body, { ...authorizeParams, requestedAt: NOW })
      assert.strictEqual(result.status, "AUTHORIZED")
    })
  )

  it.effect("authorize sends agreeSimilarTransaction outside the signed path", () =>
    Effect.gen(function* () {
      yield* atNow
      const { request } = yield* succeed(
        Preauth.authorize(authorizeParams, { agreeSimilarTransaction: true }),
        authorized
      )
      assertShape(request, {
        method: "POST",
        path: "/v2/payments/preauthorize",
        query: { agreeSimilarTransaction: "true" }
      })
    })
  )

  it.effect("authorize checks expiresAt against the clock: after now, at most 30 days ahead", () =>
    Effect.gen(function* () {
      yield* atNow
      const far = yield* rejectsInput(Preauth.authorize({ ...authorizeParams, expiresAt: NOW + 30 * DAY + 1 }))
      assert.include(far, "expiresAt")
      yield* rejectsInput(Preauth.authorize({ ...authorizeParams, expiresAt: NOW }))
      yield* rejectsInput(Preauth.authorize({ ...authorizeParams, expiresAt: NOW - 60 }))
      const edge = yield* succeed(Preauth.authorize({ ...authorizeParams, expiresAt: NOW + 30 * DAY }), authorized)
      assert.strictEqual(edge.body.expiresAt, NOW + 30 * DAY)
      const { expiresAt: _, ...withoutExpiry } = authorizeParams
      const open = yield* succeed(Preauth.authorize(withoutExpiry), authorized)
      assert.notProperty(open.body, "expiresAt")
    })
  )

  it.effect("authorize maps its documented codes and rejects bad input", () =>
    Effect.gen(function* () {
      yield* atNow
      const merchant = yield* failWith(
        Preauth.authorize(authorizeParams),
        400,
        "PRE_AUTH_CAPTURE_UNSUPPORTED_MERCHANT",
        "00400060"
      )
      assert.strictEqual(merchant._tag, "PreAuthCaptureUnsupportedMerchant")
      const expiry = yield* failWith(
        Preauth.authorize(authorizeParams),
        400,
        "PRE_AUTH_CAPTURE_INVALID_EXPIRY_DATE",
        "00400061"
      )
      assert.strictEqual(expiry._tag, "PreAuthCaptureInvalidExpiryDate")
      yield* rejectsInput(Preauth.authorize({ ...authorizeParams, merchantPaymentId: "" }))
    })
  )

  it.effect("capture posts /v2/payments/capture and returns Captured", () =>
    Effect.gen(function* () {
      const { body, request, result } = yield* succeed(Preauth.capture(captureParams), {
        ...authorized,
        status: "COMPLETED"
      })
      assertShape(request, { method: "POST", path: "/v2/payments/capture" })
      assert.deepStrictEqual(body, { ...captureParams, requestedAt: 0 })
      assert.isTrue(Preauth.CaptureResult.$is("Captured")(result))
      if (result._tag === "Captured") assert.strictEqual(result.payment.status, "COMPLETED")
    })
  )

  it.effect("capture turns 202 USER_CONFIRMATION_REQUIRED into a UserConfirmationRequired result", () =>
    Effect.gen(function* () {
      const { result } = yield* send(
        Preauth.capture(captureParams),
        failure(202, "USER_CONFIRMATION_REQUIRED", "08300103")
      )
      assert.strictEqual(result._tag, "UserConfirmationRequired")
      if (result._tag !== "UserConfirmationRequired") return
      assert.strictEqual(result.merchantPaymentId, "mp-1")
      assert.strictEqual(result.merchantCaptureId, "cap-1")
      assert.strictEqual(result.codeId, "08300103")
      assert.strictEqual(result.requestId, "req-123")
      const text = Preauth.CaptureResult.$match(result, {
        Captured: () => "captured",
        UserConfirmationRequired: (r) => `waiting for ${r.merchantCaptureId}`
      })
      assert.strictEqual(text, "waiting for cap-1")
    })
  )

  it.effect("capture maps its documented failures and requires orderDescription", () =>
    Effect.gen(function* () {
      const twice = yield* failWith(Preauth.capture(captureParams), 400, "ALREADY_CAPTURED", "00200039")
      assert.strictEqual(twice._tag, "AlreadyCaptured")
      const expired = yield* failWith(Preauth.capture(captureParams), 400, "ORDER_EXPIRED", "00200043")
      assert.strictEqual(expired._tag, "OrderExpired")
      const { orderDescription: _, ...withoutDescription } = captureParams
      const detail = yield* rejectsInput(Preauth.capture(withoutDescription as any))
      assert.include(detail, "orderDescription")
    })
  )

  it.effect("revert posts /v2/payments/preauthorize/revert and decodes the CANCELED data", () =>
    Effect.gen(function* () {
      const params = { merchantRevertId: "rev-1", paymentId: "04739000000000000002", reason: "out of stock" }
      const { body, request, result } = yield* succeed(Preauth.revert(params), {
        status: "CANCELED",
        acceptedAt: 5,
        paymentId: "04739000000000000002",
        requestedAt: 0,
        reason: "out of stock"
      })
      assertShape(request, { method: "POST", path: "/v2/payments/preauthorize/revert" })
      assert.deepStrictEqual(body, { ...params, requestedAt: 0 })
      assert.instanceOf(result, Preauth.RevertedAuthorization)
      assert.strictEqual(result.status, "CANCELED")
      const error = yield* failWith(Preauth.revert(params), 400, "ORDER_NOT_CANCELABLE", "00200042")
      assert.strictEqual(error._tag, "OrderNotCancelable")
      yield* rejectsInput(Preauth.revert({ ...params, reason: "x".repeat(256) }))
    })
  )
})
