/**
 * The SDK's payment flows against the real simulator, including PayPay's "unknown outcome" case produced with
 * commit-then-fail faults.
 */
import { assert, describe, it } from "@effect/vitest"
import { Codes, Flows, Payments } from "@paypay-effect/sdk"
import { Effect } from "effect"
import * as ControlClient from "../src/Control/ControlClient.js"
import * as InProcess from "../src/InProcess.js"
import { newUser, yen } from "./helpers/e2e.js"

const control = ControlClient.make(InProcess.BASE_URL)

describe("Flows against the simulator", () => {
  it.live("awaitSettled sees the QR payment complete once the user pays", () =>
    Effect.gen(function* () {
      const sim = yield* control
      yield* Codes.create({ merchantPaymentId: "f-await", amount: yen(700) })
      const waiting = yield* Effect.fork(Flows.awaitSettled("f-await"))
      yield* Effect.sleep("250 millis")
      yield* sim.approve("f-await")
      const settled = yield* waiting.await.pipe(Effect.flatten)
      assert.strictEqual(settled.status, "COMPLETED")
    }).pipe(Effect.provide(InProcess.layerSdk()))
  )

  it.effect("createPaymentSafely: committed then 500 → Recovered with the real payment", () =>
    Effect.gen(function* () {
      const sim = yield* control
      const user = yield* newUser()
      yield* sim.addFault({ operation: "Payments.create", times: 1, action: { type: "commitThenFail" } })
      const outcome = yield* Flows.createPaymentSafely({
        merchantPaymentId: "f-native",
        userAuthorizationId: user.userAuthorizationId,
        amount: yen(1200)
      })
      assert.strictEqual(outcome._tag, "Recovered")
      if (outcome._tag === "Recovered") assert.strictEqual(outcome.payment.status, "COMPLETED")
    }).pipe(Effect.provide(InProcess.layerSdk()))
  )

  it.effect("createPaymentSafely: 500 without a commit → NotCreated, and the same id can be sent again", () =>
    Effect.gen(function* () {
      const sim = yield* control
      const user = yield* newUser()
      yield* sim.addFault({
        operation: "Payments.create",
        times: 1,
        action: { type: "respond", code: "INTERNAL_SERVER_ERROR" }
      })
      const params = { merchantPaymentId: "f-retry", userAuthorizationId: user.userAuthorizationId, amount: yen(300) }
      const outcome = yield* Flows.createPaymentSafely(params)
      assert.strictEqual(outcome._tag, "NotCreated")
      const again = yield* Flows.createPaymentSafely(params)
      assert.strictEqual(again._tag, "Created")
    }).pipe(Effect.provide(InProcess.layerSdk()))
  )

  it.effect("createCodeSafely: a code committed behind a timeout is cancelled (its URL was lost)", () =>
    Effect.gen(function* () {
      const sim = yield* control
      yield* sim.addFault({
        operation: "Codes.create",
        times: 1,
        action: { type: "commitThenFail", reply: "timeout" }
      })
      const outcome = yield* Flows.createCodeSafely({ merchantPaymentId: "f-code", amount: yen(500) })
      assert.strictEqual(outcome._tag, "Canceled")
      const late = yield* sim.approve("f-code")
      assert.strictEqual(late.status, "FAILED", "a user paying a cancelled code gets FAILED (reference §B.3)")
    }).pipe(Effect.provide(InProcess.layerSdk()))
  )

  it.effect("reversePayment cancels inside the window and refunds after it", () =>
    Effect.gen(function* () {
      const sim = yield* control
      const user = yield* newUser()
      const pay = (id: string) =>
        Payments.create(
          { merchantPaymentId: id, userAuthorizationId: user.userAuthorizationId, amount: yen(900) },
          { agreeSimilarTransaction: true }
        )
      yield* pay("f-rev-1")
      const early = yield* Flows.reversePayment("f-rev-1", { source: "native", merchantRefundId: "f-rev-1-r" })
      assert.strictEqual(early._tag, "Canceled")
      yield* pay("f-rev-2")
      yield* sim.advanceClock(2 * 24 * 3600)
      const late = yield* Flows.reversePayment("f-rev-2", { source: "native", merchantRefundId: "f-rev-2-r" })
      assert.strictEqual(late._tag, "Refunded")
      if (late._tag === "Refunded") assert.strictEqual(late.refund.amount.amount, 900)
    }).pipe(Effect.provide(InProcess.layerSdk()))
  )
})
