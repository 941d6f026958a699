import { assert, describe, it } from "@effect/vitest"
import { Codes, PayPayClient } from "@paypay-effect/sdk"
import { Effect, Fiber, Option, Random, TestClock } from "effect"
import * as ControlClient from "../src/Control/ControlClient.js"
import * as InProcess from "../src/InProcess.js"
import * as SimulatorConfig from "../src/SimulatorConfig.js"

const yen = (amount: number) => ({ amount, currency: "JPY" as const })
const control = ControlClient.make(InProcess.BASE_URL)
const createCode = (merchantPaymentId: string) => Codes.create({ merchantPaymentId, amount: yen(100) })

describe("fault rules", () => {
  it.effect("respond: the SDK gets the catalog error (catchTag), nothing is stored; status can be overridden", () =>
    Effect.gen(function* () {
      const api = yield* control
      yield* api.addFault({ operation: "Codes.create", action: { type: "respond", code: "DYNAMIC_QR_BAD_REQUEST" } })
      const recovered = yield* createCode("r-1").pipe(
        Effect.as("created"),
        Effect.catchTag("DynamicQrBadRequest", (error) => Effect.succeed(`${error.code} ${error.status}`))
      )
      assert.strictEqual(recovered, "DYNAMIC_QR_BAD_REQUEST 400")
      const missing = yield* Codes.getPayment("r-1").pipe(Effect.flip)
      assert.strictEqual(missing._tag, "DynamicQrPaymentNotFound")
      yield* api.clearFaults
      yield* api.addFault({
        operation: "Codes.getPayment",
        action: { type: "respond", code: "UNAUTHORIZED", status: 403 }
      })
      const forbidden = yield* Codes.getPayment("r-1").pipe(Effect.flip)
      assert.strictEqual(forbidden._tag, "Unauthorized")
      if (forbidden._tag === "Unauthorized") assert.strictEqual(forbidden.status, 403)
    }).pipe(Effect.provide(InProcess.layerSdk()))
  )

  it.effect("delay: the answer waits on the Effect clock (TestClock drives it)", () =>
    Effect.gen(function* () {
      const api = yield* control
      yield* createCode("d-1")
      yield* api.addFault({ operation: "Codes.getPayment", action: { type: "delay", millis: 2000 } })
      const fiber = yield* Effect.fork(Codes.getPayment("d-1"))
      yield* TestClock.adjust("1999 millis")
      assert.isTrue(Option.isNone(yield* Fiber.poll(fiber)))
      yield* TestClock.adjust("1 millis")
      const payment = yield* Fiber.join(fiber)
      assert.strictEqual(payment.merchantPaymentId, "d-1")
      const [entry] = (yield* api.requests()).filter((e) => e.operation === "Codes.getPayment")
      assert.strictEqual(entry?.fault, "fault-1 delay 2000ms")
      assert.isAtLeast(entry?.millis ?? 0, 2000)
    }).pipe(Effect.provide(InProcess.layerSdk()))
  )

  it.effect("drop: the SDK gets a Transport PayPayRequestError with an unknown outcome; nothing is stored", () =>
    Effect.gen(function* () {
      const api = yield* control
      yield* api.addFault({ operation: "Codes.create", action: { type: "drop" } })
      const error = yield* createCode("x-1").pipe(Effect.flip)
      assert.strictEqual(error._tag, "PayPayRequestError")
      if (error._tag === "PayPayRequestError") {
        assert.strictEqual(error.reason, "Transport")
        assert.isTrue(error.outcomeUnknown)
      }
      assert.strictEqual((yield* Codes.getPayment("x-1").pipe(Effect.flip))._tag, "DynamicQrPaymentNotFound")
      const [entry] = yield* api.requests()
      assert.deepStrictEqual([entry?.code, entry?.fault], ["DROPPED", "fault-1 drop"])
    }).pipe(Effect.provide(InProcess.layerSdk()))
  )

  it.effect("garble: a 200 with invalid JSON becomes a PayPayResponseError", () =>
    Effect.gen(function* () {
      const api = yield* control
      yield* api.addFault({ operation: "Codes.create", action: { type: "garble" } })
      const error = yield* createCode("g-1").pipe(Effect.flip)
      assert.strictEqual(error._tag, "PayPayResponseError")
      if (error._tag === "PayPayResponseError") {
        assert.strictEqual(error.reason, "Decode")
        assert.strictEqual(error.status, 200)
      }
    }).pipe(Effect.provide(InProcess.layerSdk()))
  )

  it.effect("commitThenFail: Codes.create commits, the SDK gets an outcome-unknown InternalServerError", () =>
    Effect.gen(function* () {
      const api = yield* control
      yield* api.addFault({ operation: "Codes.create", times: 1, action: { type: "commitThenFail" } })
      const error = yield* createCode("c-1").pipe(Effect.flip)
      assert.strictEqual(error._tag, "InternalServerError")
      if (error._tag === "InternalServerError") {
        assert.isTrue(error.outcomeUnknown)
        assert.strictEqual(error.codeId, "08101000")
      }
      const payment = yield* Codes.getPayment("c-1")
      assert.strictEqual(payment.status, "CREATED")
      const retry = yield* createCode("c-1").pipe(Effect.flip)
      assert.strictEqual(retry._tag, "DuplicateDynamicQrRequest")
    }).pipe(Effect.provide(InProcess.layerSdk()))
  )

  it.effect("commitThenFail with reply timeout: committed, and the connection is dropped", () =>
    Effect.gen(function* () {
      const api = yield* control
      yield* api.addFault({ operation: "Codes.create", action: { type: "commitThenFail", reply: "timeout" } })
      const error = yield* createCode("t-1").pipe(Effect.flip)
      assert.isTrue(error._tag === "PayPayRequestError" && error.reason === "Transport" && error.outcomeUnknown)
      assert.strictEqual((yield* Codes.getPayment("t-1")).status, "CREATED")
    }).pipe(Effect.provide(InProcess.layerSdk()))
  )

  it.effect("times: the rule fires n times, counts down, then disappears", () =>
    Effect.gen(function* () {
      const api = yield* control
      yield* api.addFault({
        operation: "Codes.create",
        times: 2,
        action: { type: "respond", code: "DYNAMIC_QR_BAD_REQUEST" }
      })
      assert.strictEqual((yield* createCode("n-1").pipe(Effect.flip))._tag, "DynamicQrBadRequest")
      assert.strictEqual((yield* api.faults)[0]?.times, 1)
      assert.strictEqual((yield* createCode("n-1").pipe(Effect.flip))._tag, "DynamicQrBadRequest")
      assert.deepStrictEqual(yield* api.faults, [])
      assert.strictEqual((yield* createCode("n-1")).merchantPaymentId, "n-1")
    }).pipe(Effect.provide(InProcess.layerSdk()))
  )

  const pattern = (seed: string, probability: number) =>
    Effect.gen(function* () {
      const api = yield* control
      yield* api.addFault({
        operation: "Codes.create",
        probability,
        action: { type: "respond", code: "DYNAMIC_QR_BAD_REQUEST" }
      })
      return yield* Effect.forEach(
        Array.from({ length: 20 }, (_, i) => `p-${i}`),
        (id) => Effect.match(createCode(id), { onFailure: () => true, onSuccess: () => false })
      )
    }).pipe(Effect.provide(InProcess.layerSdk()), Effect.withRandom(Random.make(seed)))

  it.effect("probability: drawn from the Random the simulator was built with, so a seed makes it reproducible", () =>
    Effect.gen(function* () {
      const first = yield* pattern("seed-42", 0.5)
      const second = yield* pattern("seed-42", 0.5)
      assert.deepStrictEqual(first, second)
      const failures = first.filter(Boolean).length
      assert.isAbove(failures, 0)
      assert.isBelow(failures, 20)
      assert.isFalse((yield* pattern("seed-42", 0)).some(Boolean))
      assert.isTrue((yield* pattern("seed-42", 1)).every(Boolean))
    })
  )

  it.effect("matching: path prefix, method and merchant; the first matching rule wins (FIFO)", () =>
    Effect.gen(function* () {
      const api = yield* control
      yield* createCode("m-1")
      yield* api.addFault({
        path: "/v2/codes/payments/*",
        method: "get",
        action: { type: "respond", code: "DYNAMIC_QR_BAD_REQUEST" }
      })
      yield* api.addFault({ path: "/v2/codes/payments/*", action: { type: "respond", code: "UNAUTHORIZED" } })
      yield* api.addFault({ merchantId: "shop-b", action: { type: "respond", code: "OPA_CLIENT_NOT_FOUND" } })
      assert.strictEqual((yield* Codes.getPayment("m-1").pipe(Effect.flip))._tag, "DynamicQrBadRequest")
      assert.strictEqual((yield* createCode("m-2")).merchantPaymentId, "m-2")
      const other = yield* createCode("m-3").pipe(PayPayClient.withMerchant("shop-b"), Effect.flip)
      assert.strictEqual(other._tag, "OpaClientNotFound")
      const faults = (yield* api.requests({ merchantId: "sim_merchant" })).map((entry) => entry.fault)
      assert.deepStrictEqual(faults, [undefined, "fault-1 respond DYNAMIC_QR_BAD_REQUEST", undefined])
    }).pipe(
      Effect.provide(
        InProcess.layerSdk({
          credentials: [
            { ...SimulatorConfig.defaultCredential, merchantIds: [SimulatorConfig.defaultMerchantId, "shop-b"] }
          ]
        })
      )
    )
  )
})
