/**
 * Conformance of the official Node SDK (harness: helpers/officialSdk.ts), pre-authorization and capture:
 * paymentPreauthorize (with and without `agreeSimilarTransaction`), paymentAuthCapture (within the authorization,
 * and above it: 202 USER_CONFIRMATION_REQUIRED until the user confirms through the control API), paymentAuthRevert.
 */
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { call, expectFailure, expectOk, start, yen } from "./helpers/officialSdk.js"

describe("official PayPay Node SDK ↔ simulator over TLS: pre-authorization and capture", () => {
  it.scopedLive("preauthorize → capture above the authorization: 202 USER_CONFIRMATION_REQUIRED → confirmed", () =>
    Effect.gen(function* () {
      const { control, sdk } = yield* start
      const { userAuthorizationId } = yield* control.createUser({ balance: 10_000 })
      const authorize = (merchantPaymentId: string, agree?: boolean) => {
        const payload = { merchantPaymentId, userAuthorizationId, amount: yen(2000), orderDescription: "hotel night" }
        return call(() =>
          agree === undefined ? sdk.paymentPreauthorize(payload) : sdk.paymentPreauthorize(payload, agree)
        )
      }

      const authorized = expectOk(yield* authorize("pre-1"))
      assert.strictEqual(authorized.status, "AUTHORIZED")
      assert.deepStrictEqual(authorized.amount, yen(2000))
      assert.isAbove(authorized.expiresAt, authorized.authorizedAt)
      expectFailure(yield* authorize("pre-2"), 400, "SUSPECTED_DUPLICATE_PAYMENT", "00200017")
      assert.strictEqual(expectOk(yield* authorize("pre-3", true)).status, "AUTHORIZED")

      const capture = (merchantCaptureId: string, amount: number) =>
        call(() =>
          sdk.paymentAuthCapture({
            merchantPaymentId: "pre-1",
            merchantCaptureId,
            amount: yen(amount),
            orderDescription: "hotel night + minibar"
          })
        )
      const waiting = yield* capture("cap-1", 2500)
      assert.isNull(expectOk(waiting, 202, "USER_CONFIRMATION_REQUIRED"))
      assert.strictEqual((waiting as { BODY: any }).BODY.resultInfo.codeId, "08300103")
      assert.strictEqual(expectOk(yield* call(() => sdk.getPaymentDetails(["pre-1"]))).status, "REAUTHORIZING")
      expectFailure(yield* capture("cap-2", 2100), 400, "REAUTHORIZATION_IN_PROGRESS", "00200038")

      const confirmed = yield* control.approve("pre-1")
      assert.strictEqual(confirmed.status, "COMPLETED")
      const payment = expectOk(yield* call(() => sdk.getPaymentDetails(["pre-1"])))
      assert.strictEqual(payment.status, "COMPLETED")
      assert.strictEqual(payment.captures.data[0].merchantCaptureId, "cap-1")
      assert.strictEqual(payment.captures.data[0].status, "USER_REQUESTED")
      assert.deepStrictEqual(payment.captures.data[0].amount, yen(2500))
      expectFailure(yield* capture("cap-3", 100), 400, "ALREADY_CAPTURED", "00200039")
    })
  )

  it.scopedLive("capture within the authorization completes; revert cancels; a captured order is not cancelable", () =>
    Effect.gen(function* () {
      const { control, sdk } = yield* start
      const { userAuthorizationId } = yield* control.createUser({ balance: 10_000 })
      const authorize = (merchantPaymentId: string, amount: number) =>
        call(() => sdk.paymentPreauthorize({ merchantPaymentId, userAuthorizationId, amount: yen(amount) }))
      const captured = expectOk(yield* authorize("pre-a", 1000))
      const held = expectOk(yield* authorize("pre-b", 700))

      const completed = expectOk(
        yield* call(() =>
          sdk.paymentAuthCapture({
            merchantPaymentId: "pre-a",
            merchantCaptureId: "cap-a",
            amount: yen(800),
            orderDescription: "partial"
          })
        )
      )
      assert.strictEqual(completed.status, "COMPLETED")
      assert.strictEqual(completed.paymentId, captured.paymentId)

      const revert = (merchantRevertId: string, paymentId: string) =>
        call(() => sdk.paymentAuthRevert({ merchantRevertId, paymentId, reason: "guest left early" }))
      const reverted = expectOk(yield* revert("rev-b", held.paymentId))
      assert.strictEqual(reverted.status, "CANCELED")
      assert.strictEqual(reverted.paymentId, held.paymentId)
      assert.strictEqual(reverted.reason, "guest left early")
      assert.strictEqual(expectOk(yield* call(() => sdk.getPaymentDetails(["pre-b"]))).status, "CANCELED")
      expectFailure(yield* revert("rev-a", captured.paymentId), 400, "ORDER_NOT_CANCELABLE", "00200042")

      const check = (amount: number) => call(() => sdk.checkUserWalletBalance([userAuthorizationId, amount, "JPY"]))
      assert.deepStrictEqual(expectOk(yield* check(9200)), { hasEnoughBalance: true }, "only the captured 800 left")
      assert.deepStrictEqual(expectOk(yield* check(9201)), { hasEnoughBalance: false })
    })
  )
})
