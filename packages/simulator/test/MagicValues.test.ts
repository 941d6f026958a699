import { assert, describe, it } from "@effect/vitest"
import { Codes, Refunds } from "@paypay-effect/sdk"
import { Effect, Fiber, Option, TestClock } from "effect"
import * as ControlClient from "../src/Control/ControlClient.js"
import type { TextRequest } from "../src/Envelope.js"
import * as InProcess from "../src/InProcess.js"
import * as MagicValues from "../src/MagicValues.js"

const yen = (amount: number) => ({ amount, currency: "JPY" as const })
const control = ControlClient.make(InProcess.BASE_URL)
const createCode = (merchantPaymentId: string, orderDescription?: string) =>
  Codes.create({ merchantPaymentId, amount: yen(100), ...(orderDescription === undefined ? {} : { orderDescription }) })
const stored = Effect.flatMap(control, (api) => api.payments).pipe(
  Effect.map((payments) => payments.map((p) => p.merchantPaymentId))
)

const request = (path: string, body: unknown = undefined): TextRequest => ({
  method: "POST",
  path,
  query: new URLSearchParams(),
  headers: {},
  body: body === undefined ? "" : JSON.stringify(body)
})

describe("MagicValues.parse", () => {
  it.effect.each(MagicValues.codes)("SIMERR_%s_order42 answers that code", (code) =>
    Effect.sync(() => {
      const trigger = MagicValues.parse(`SIMERR_${code}_order42`)
      assert.deepStrictEqual(trigger?.action, { type: "respond", code })
    })
  )

  it.effect("keywords, delays, unknown magic values and ordinary ids", () =>
    Effect.sync(() => {
      assert.deepStrictEqual(MagicValues.parse("SIMERR_COMMIT_THEN_FAIL_1")?.action, {
        type: "commitThenFail",
        reply: "error"
      })
      assert.deepStrictEqual(MagicValues.parse("SIMERR_COMMIT_THEN_TIMEOUT")?.action, {
        type: "commitThenFail",
        reply: "timeout"
      })
      assert.deepStrictEqual(MagicValues.parse("SIMERR_DROP-x")?.action, { type: "drop" })
      assert.deepStrictEqual(MagicValues.parse("SIMERR_GARBLE")?.action, { type: "garble" })
      assert.deepStrictEqual(MagicValues.parse("SIMERR_DELAY_1500_o")?.action, { type: "delay", millis: 1500 })
      assert.deepStrictEqual(MagicValues.parse("SIMERR_DELAY_99999999")?.action, { type: "delay", millis: 600_000 })
      const unknown = MagicValues.parse("SIMERR_BOGUS")
      assert.deepStrictEqual(unknown?.action, { type: "respond", code: "INVALID_REQUEST_PARAMS" })
      assert.include(unknown?.detail, "unknown magic value SIMERR_BOGUS")
      assert.isUndefined(MagicValues.parse("order-SIMERR_DROP"))
      assert.isUndefined(MagicValues.parse("simerr_DROP"))
    })
  )
})

describe("MagicValues.find", () => {
  it.effect.each(MagicValues.FIELDS)("reads the body field %s", (field) =>
    Effect.sync(() => {
      const trigger = MagicValues.find(request("/v2/anything", { [field]: "SIMERR_DROP_1", other: "SIMERR_GARBLE" }))
      assert.deepStrictEqual(trigger?.action, { type: "drop" })
    })
  )

  it.effect("reads path segments first (percent-decoded), ignores other fields and non-JSON bodies", () =>
    Effect.sync(() => {
      const both = request("/v2/codes/payments/SIMERR_GARBLE%2Fx", { merchantPaymentId: "SIMERR_DROP" })
      assert.deepStrictEqual(MagicValues.find(both)?.action, { type: "garble" })
      assert.isUndefined(MagicValues.find(request("/v2/codes", { storeInfo: "SIMERR_DROP" })))
      assert.isUndefined(MagicValues.find({ ...request("/v2/codes"), body: "SIMERR_DROP{" }))
      assert.isUndefined(MagicValues.find(request("/v2/codes", { merchantPaymentId: "order-1" })))
      assert.isUndefined(MagicValues.find(request("/v2/codes/payments/SIMERR_COMMIT_THEN_FAIL_1")))
      const read = request("/v2/refunds/SIMERR_COMMIT_THEN_TIMEOUT_1/SIMERR_DROP")
      assert.deepStrictEqual(MagicValues.find(read)?.action, { type: "drop" })
    })
  )
})

describe("magic values end to end (SDK ↔ simulator in process)", () => {
  it.effect("SIMERR_<CODE> in merchantPaymentId: the code, and nothing is stored", () =>
    Effect.gen(function* () {
      const error = yield* createCode("SIMERR_DYNAMIC_QR_BAD_REQUEST_order42").pipe(Effect.flip)
      assert.strictEqual(error._tag, "DynamicQrBadRequest")
      if (error._tag === "DynamicQrBadRequest") assert.include(error.resultMessage, "magic value")
      assert.deepStrictEqual(yield* stored, [])
      const [entry] = yield* Effect.flatMap(control, (api) => api.requests())
      assert.strictEqual(entry?.fault, "magic SIMERR_DYNAMIC_QR_BAD_REQUEST_order42")
    }).pipe(Effect.provide(InProcess.layerSdk()))
  )

  it.effect("SIMERR_<CODE> in the path (GET /v2/codes/payments/{id})", () =>
    Effect.gen(function* () {
      const error = yield* Codes.getPayment("SIMERR_OPA_CLIENT_NOT_FOUND").pipe(Effect.flip)
      assert.strictEqual(error._tag, "OpaClientNotFound")
    }).pipe(Effect.provide(InProcess.layerSdk()))
  )

  it.effect("SIMERR_<CODE> in orderDescription (a code the endpoint does not document)", () =>
    Effect.gen(function* () {
      const error = yield* createCode("o-1", "SIMERR_NO_SUFFICIENT_FUND please").pipe(Effect.flip)
      assert.strictEqual(error._tag, "UnknownResultCode")
      if (error._tag === "UnknownResultCode") assert.strictEqual(error.code, "NO_SUFFICIENT_FUND")
      assert.deepStrictEqual(yield* stored, [])
    }).pipe(Effect.provide(InProcess.layerSdk()))
  )

  it.effect("SIMERR_<CODE> in merchantRefundId: the refund is refused, the payment keeps its money", () =>
    Effect.gen(function* () {
      yield* createCode("paid-1")
      const payment = yield* Effect.flatMap(control, (api) => api.approve("paid-1"))
      const error = yield* Refunds.create({
        merchantRefundId: "SIMERR_REFUND_WINDOW_EXCEED_r1",
        paymentId: payment.paymentId,
        amount: yen(100)
      }).pipe(Effect.flip)
      assert.strictEqual(error._tag, "RefundWindowExceed")
      assert.deepStrictEqual((yield* Codes.getPayment("paid-1")).refunds?.data, [])
    }).pipe(Effect.provide(InProcess.layerSdk()))
  )

  it.effect(
    "SIMERR_COMMIT_THEN_FAIL: the code is created, the SDK gets an outcome-unknown 500; reading it back works",
    () =>
      Effect.gen(function* () {
        const error = yield* createCode("SIMERR_COMMIT_THEN_FAIL_1").pipe(Effect.flip)
        assert.isTrue(error._tag === "InternalServerError" && error.outcomeUnknown)
        assert.strictEqual((yield* Codes.getPayment("SIMERR_COMMIT_THEN_FAIL_1")).status, "CREATED")
      }).pipe(Effect.provide(InProcess.layerSdk()))
  )

  it.effect("SIMERR_COMMIT_THEN_TIMEOUT: the code is created, the connection is dropped", () =>
    Effect.gen(function* () {
      const error = yield* createCode("SIMERR_COMMIT_THEN_TIMEOUT_1").pipe(Effect.flip)
      assert.isTrue(error._tag === "PayPayRequestError" && error.reason === "Transport")
      assert.deepStrictEqual(yield* stored, ["SIMERR_COMMIT_THEN_TIMEOUT_1"])
    }).pipe(Effect.provide(InProcess.layerSdk()))
  )

  it.effect("SIMERR_DROP: no answer, nothing stored", () =>
    Effect.gen(function* () {
      const error = yield* createCode("SIMERR_DROP_1").pipe(Effect.flip)
      assert.isTrue(error._tag === "PayPayRequestError" && error.reason === "Transport")
      assert.deepStrictEqual(yield* stored, [])
    }).pipe(Effect.provide(InProcess.layerSdk()))
  )

  it.effect("SIMERR_GARBLE: a 200 that is not JSON", () =>
    Effect.gen(function* () {
      const error = yield* createCode("SIMERR_GARBLE_1").pipe(Effect.flip)
      assert.isTrue(error._tag === "PayPayResponseError" && error.reason === "Decode" && error.status === 200)
    }).pipe(Effect.provide(InProcess.layerSdk()))
  )

  it.effect("SIMERR_DELAY_<millis>: waits on the clock, then answers normally", () =>
    Effect.gen(function* () {
      const fiber = yield* Effect.fork(createCode("SIMERR_DELAY_1500_order"))
      yield* TestClock.adjust("1499 millis")
      assert.isTrue(Option.isNone(yield* Fiber.poll(fiber)))
      yield* TestClock.adjust("1 millis")
      const code = yield* Fiber.join(fiber)
      assert.strictEqual(code.merchantPaymentId, "SIMERR_DELAY_1500_order")
      assert.deepStrictEqual(yield* stored, ["SIMERR_DELAY_1500_order"])
    }).pipe(Effect.provide(InProcess.layerSdk()))
  )

  it.effect("an unknown SIMERR_ value: 400 INVALID_REQUEST_PARAMS naming it", () =>
    Effect.gen(function* () {
      const error = yield* createCode("SIMERR_NO_SUCH_THING").pipe(Effect.flip)
      assert.strictEqual(error._tag, "InvalidRequestParams")
      if (error._tag === "InvalidRequestParams") assert.include(error.resultMessage, "unknown magic value")
      assert.deepStrictEqual(yield* stored, [])
    }).pipe(Effect.provide(InProcess.layerSdk()))
  )
})
