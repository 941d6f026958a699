/**
 * Direct debit with an account link: the user links their PayPay account once (account-link QR → consent →
 * `responseToken`), the merchant keeps the `userAuthorizationId`, checks the balance and charges it — creating the
 * payment safely, so an unknown outcome is reconciled instead of charged twice.
 */
import { Flows, Payments, Users, Wallet } from "@paypay-effect/sdk"
import { Effect } from "effect"
import { step, uniqueId } from "./Runtime.js"
import { Shopper } from "./Shopper.js"

export const program = Effect.gen(function* () {
  const shopper = yield* Shopper
  const nonce = yield* uniqueId("nonce")
  const qr = yield* Users.createAccountLinkQrCode({
    scopes: ["direct_debit", "get_balance"],
    nonce,
    redirectUrl: "https://shop.example/paypay/linked",
    referenceId: "customer-1001"
  })
  yield* step("1. account-link QR", qr.linkQRCodeURL)
  const responseToken = yield* shopper.allowLink(qr.linkQRCodeURL)
  const { userAuthorizationId } = yield* Flows.finishUserLink(responseToken, { nonce })
  yield* step("2. user linked", `userAuthorizationId ${userAuthorizationId} (token verified)`)

  const balance = yield* Wallet.checkBalance({ userAuthorizationId, amount: 2500 })
  yield* step("3. balance check", `hasEnoughBalance ${balance.hasEnoughBalance}`)

  const orderId = yield* uniqueId("subscription")
  const outcome = yield* Flows.createPaymentSafely({
    merchantPaymentId: orderId,
    userAuthorizationId,
    amount: { amount: 2500, currency: "JPY" },
    orderDescription: "Monthly plan"
  })
  if (outcome._tag === "Created") yield* step("4. charged", `${orderId}  status ${outcome.value.status}`)
  else yield* step("4. charge reconciled", outcome._tag)

  const again = yield* Payments.create({
    merchantPaymentId: `${orderId}-again`,
    userAuthorizationId,
    amount: { amount: 2500, currency: "JPY" }
  }).pipe(
    Effect.as("charged twice?!"),
    Effect.catchTag("SuspectedDuplicatePayment", (e) => Effect.succeed(`${e.code}: same user and amount within 5 min`))
  )
  yield* step("5. same amount again", again)

  const status = yield* Users.getAuthorizationStatus(userAuthorizationId)
  yield* step("6. authorization", `${status.status}  scopes ${(status.scopes ?? []).join(",")}`)
  yield* Users.unlink(userAuthorizationId)
  const after = yield* Users.getAuthorizationStatus(userAuthorizationId)
  yield* step("7. unlinked", `status ${after.status}`)
})
