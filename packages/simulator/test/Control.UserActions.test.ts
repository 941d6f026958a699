import { assert, describe, it } from "@effect/vitest"
import { Cashback, Flows, PendingPayments, Preauth, Users } from "@paypay-effect/sdk"
import { Effect } from "effect"
import * as ControlClient from "../src/Control/ControlClient.js"
import * as InProcess from "../src/InProcess.js"
import { newUser, yen } from "./helpers/e2e.js"

const control = ControlClient.make(InProcess.BASE_URL)

describe("control API: user actions beyond QR codes", () => {
  it.effect("approve accepts a pending request and confirms a capture above the authorized amount", () =>
    Effect.gen(function* () {
      const sim = yield* control
      const user = yield* newUser()
      yield* PendingPayments.create({
        merchantPaymentId: "req-1",
        userAuthorizationId: user.userAuthorizationId,
        amount: yen(900)
      })
      const accepted = yield* sim.approve("req-1")
      assert.strictEqual(accepted.status, "COMPLETED")

      yield* Preauth.authorize({
        merchantPaymentId: "hold-1",
        userAuthorizationId: user.userAuthorizationId,
        amount: yen(1000)
      })
      const capture = yield* Preauth.capture({
        merchantPaymentId: "hold-1",
        merchantCaptureId: "cap-1",
        amount: yen(1200),
        orderDescription: "minibar"
      })
      assert.strictEqual(capture._tag, "UserConfirmationRequired")
      const confirmed = yield* sim.approve("hold-1")
      assert.strictEqual(confirmed.status, "COMPLETED")
    }).pipe(Effect.provide(InProcess.layerSdk()))
  )

  it.effect("expire ends a pre-authorization", () =>
    Effect.gen(function* () {
      const sim = yield* control
      const user = yield* newUser()
      yield* Preauth.authorize({
        merchantPaymentId: "hold-2",
        userAuthorizationId: user.userAuthorizationId,
        amount: yen(500)
      })
      yield* sim.expire("hold-2")
      const [payment] = (yield* sim.payments).filter((p) => p.merchantPaymentId === "hold-2")
      assert.strictEqual(payment?.status, "EXPIRED")
      const missing = yield* Effect.flip(sim.expire("nope"))
      assert.strictEqual(missing._tag, "PaymentNotFound")
    }).pipe(Effect.provide(InProcess.layerSdk()))
  )

  it.effect("approveLink and declineLink answer account-link sessions with PayPay-signed tokens", () =>
    Effect.gen(function* () {
      const sim = yield* control
      const session = (nonce: string) =>
        Users.createAccountLinkQrCode({
          scopes: ["direct_debit"],
          nonce,
          redirectUrl: "https://shop.example/linked",
          referenceId: "customer-1"
        }).pipe(Effect.map((qr) => qr.linkQRCodeURL.split("/").pop()!))
      const answer = yield* sim.approveLink(yield* session("n-1"), { balance: 5000 })
      assert.include(answer.redirectTo, "https://shop.example/linked?responseToken=")
      const linked = yield* Flows.finishUserLink(answer.responseToken, { nonce: "n-1" })
      assert.strictEqual(linked.userAuthorizationId, answer.userAuthorizationId)
      const status = yield* Users.getAuthorizationStatus(linked.userAuthorizationId)
      assert.strictEqual(status.status, "ACTIVE")
      const declined = yield* sim.declineLink(yield* session("n-2"))
      const refused = yield* Effect.flip(Flows.finishUserLink(declined.responseToken, { nonce: "n-2" }))
      assert.strictEqual(refused._tag, "UserLinkFailed")
      const again = yield* Effect.flip(sim.declineLink("no-such-session"))
      assert.strictEqual(again._tag, "PaymentRejected")
    }).pipe(Effect.provide(InProcess.layerSdk()))
  )

  it.effect("the campaign wallet can be set; a cashback above it fails", () =>
    Effect.gen(function* () {
      const sim = yield* control
      const user = yield* newUser()
      yield* sim.setCampaignBalance(100)
      assert.strictEqual(yield* sim.campaignBalance, 100)
      yield* Cashback.give({
        merchantCashbackId: "cb-1",
        userAuthorizationId: user.userAuthorizationId,
        amount: yen(500)
      })
      yield* sim.advanceClock(5)
      const details = yield* Cashback.get("cb-1")
      assert.notStrictEqual(details.status, "SUCCESS")
    }).pipe(Effect.provide(InProcess.layerSdk()))
  )
})
