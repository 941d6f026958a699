/**
 * Conformance: PayPay's official Node SDK (@paypayopa/paypayopa-sdk-node 2.2.0), unchanged, against the dev
 * server over TLS (harness: helpers/officialSdk.ts). This file covers dynamic QR codes, refunds and authentication,
 * and checks that every public method of the SDK is called by one of the conformance files:
 *
 * - OfficialSdk.test.ts: qrCodeCreate, getCodePaymentDetails, qrCodeDelete, paymentRefund, getRefundDetails
 * - OfficialSdk.Payments.test.ts: createPayment, getPaymentDetails, paymentCancel, paymentSubscription,
 *   checkUserWalletBalance
 * - OfficialSdk.Preauth.test.ts: paymentPreauthorize, paymentAuthCapture, paymentAuthRevert
 * - OfficialSdk.PendingPayments.test.ts: createPendingPayment, getPendingPaymentDetails, cancelPendingOrder,
 *   refundPendingPayment
 * - OfficialSdk.Users.test.ts: accountLinkQRCodeCreate, validateJWT, getUserAuthorizationStatus, unlinkUser,
 *   authorization, authorizationResult
 * - OfficialSdk.Cashback.test.ts: cashBack, getCashBackDetails, reverseCashBack, getReverseCashBackDetails
 *
 * The package's default export (`QRCodeCreate`, `CheckCashBackDetails`, …) only forwards to a singleton of the same
 * class, so calling the class's methods covers it. No method needed faking: all 27 run against the simulator.
 */
import { assert, describe, it } from "@effect/vitest"
import PayPay from "@paypayopa/paypayopa-sdk-node"
import { Effect } from "effect"
import { readdirSync, readFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { call, expectFailure, expectOk, official, start, yen } from "./helpers/officialSdk.js"

const PRIVATE = ["configure", "createAuthHeader", "paypaySetupOptions", "getEndpoint", "invokeMethod"]

const OFFICIAL_METHODS = [
  "createPayment",
  "qrCodeCreate",
  "qrCodeDelete",
  "getCodePaymentDetails",
  "getPaymentDetails",
  "paymentCancel",
  "paymentAuthCapture",
  "paymentAuthRevert",
  "paymentRefund",
  "getRefundDetails",
  "checkUserWalletBalance",
  "authorization",
  "authorizationResult",
  "accountLinkQRCodeCreate",
  "validateJWT",
  "paymentPreauthorize",
  "paymentSubscription",
  "createPendingPayment",
  "getPendingPaymentDetails",
  "cancelPendingOrder",
  "refundPendingPayment",
  "getUserAuthorizationStatus",
  "unlinkUser",
  "cashBack",
  "getCashBackDetails",
  "reverseCashBack",
  "getReverseCashBackDetails"
]

describe("official PayPay Node SDK ↔ simulator over TLS: QR codes and refunds", () => {
  it("every public method of the official SDK is called by an OfficialSdk*.test.ts file", () => {
    const sdk = new PayPay.PayPayRestSDK() as unknown as Record<string, unknown>
    const methods = Object.keys(sdk).filter((name) => typeof sdk[name] === "function" && !PRIVATE.includes(name))
    assert.sameMembers(methods, OFFICIAL_METHODS)
    const dir = dirname(fileURLToPath(import.meta.url))
    const sources = readdirSync(dir)
      .filter((file) => file.startsWith("OfficialSdk") && file.endsWith(".test.ts"))
      .map((file) => readFileSync(join(dir, file), "utf8"))
      .join("\n")
    for (const method of methods) assert.include(sources, `sdk.${method}(`, `${method} is exercised`)
  })

  it.scopedLive(
    "QR checkout: create → approve (control API) → details → refund → refund details → delete refused",
    () =>
      Effect.gen(function* () {
        const { control, started, sdk } = yield* start
        assert.match(started.baseUrl, /^https:\/\/127\.0\.0\.1:\d+$/)
        assert.match(started.tls!.fingerprint256, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/)

        const payload = {
          merchantPaymentId: "official-1",
          amount: yen(1200),
          codeType: "ORDER_QR",
          orderDescription: "green tea",
          isAuthorization: false
        }
        const code = expectOk(yield* call(() => sdk.qrCodeCreate(payload)), 201)
        const codeId = code.codeId as string
        assert.match(codeId, /^04-/)
        assert.strictEqual(code.url, `${started.baseUrl}/pay/${codeId}`)
        assert.strictEqual(code.merchantPaymentId, "official-1")
        assert.deepStrictEqual(code.amount, yen(1200))
        assert.strictEqual(code.requestedAt, (payload as { requestedAt?: number }).requestedAt)
        expectFailure(
          yield* call(() => sdk.qrCodeCreate({ ...payload })),
          400,
          "DUPLICATE_DYNAMIC_QR_REQUEST",
          "01652073"
        )

        const unpaid = expectOk(yield* call(() => sdk.getCodePaymentDetails(["official-1"])))
        assert.strictEqual(unpaid.status, "CREATED")
        const approved = yield* control.approve("official-1")
        assert.strictEqual(approved.status, "COMPLETED")

        const payment = expectOk(yield* call(() => sdk.getCodePaymentDetails(["official-1"])))
        assert.strictEqual(payment.status, "COMPLETED")
        assert.strictEqual(payment.merchantPaymentId, "official-1")
        const paymentId = payment.paymentId as string

        const refund = expectOk(
          yield* call(() =>
            sdk.paymentRefund({
              merchantRefundId: "official-r1",
              paymentId,
              amount: yen(200),
              reason: "one cup spilled"
            })
          )
        )
        assert.strictEqual(refund.paymentId, paymentId)
        assert.strictEqual(refund.merchantRefundId, "official-r1")
        assert.oneOf(refund.status, ["CREATED", "REFUNDED"])
        expectFailure(
          yield* call(() =>
            sdk.paymentRefund({ merchantRefundId: "official-r2", paymentId, amount: yen(1001), reason: "too much" })
          ),
          400,
          "INVALID_PARAMS",
          "00200015"
        )

        const again = expectOk(yield* call(() => sdk.getRefundDetails(["official-r1"])))
        assert.strictEqual(again.merchantRefundId, "official-r1")
        assert.deepStrictEqual(again.amount, yen(200))
        expectFailure(yield* call(() => sdk.getRefundDetails(["no-such-refund"])), 404, "NO_SUCH_REFUND_ORDER")

        expectFailure(yield* call(() => sdk.qrCodeDelete([codeId])), 400, "DYNAMIC_QR_ALREADY_PAID", "01652074")
      })
  )

  it.scopedLive("a non-ASCII body: the official SDK signs the UTF-8 bytes it sends, and the simulator agrees", () =>
    Effect.gen(function* () {
      const { sdk } = yield* start
      const orderDescription = "緑茶 ☕ 😀 café"
      const code = expectOk(
        yield* call(() =>
          sdk.qrCodeCreate({
            merchantPaymentId: "official-utf8",
            amount: yen(10),
            codeType: "ORDER_QR",
            orderDescription
          })
        ),
        201
      )
      assert.strictEqual(code.orderDescription, orderDescription)
    })
  )

  it.scopedLive("a client with a wrong secret gets 401 UNAUTHORIZED naming the mac", () =>
    Effect.gen(function* () {
      const { started } = yield* start
      const result = yield* call(() => official(started.port, "not-the-secret").getCodePaymentDetails(["any"]))
      const info = expectFailure(result, 401, "UNAUTHORIZED", "08100016")
      assert.include(info.message, "mac")
    })
  )

  it.scopedLive("an unpaid code can be deleted once; then DYNAMIC_QR_NOT_FOUND; unknown payments are not found", () =>
    Effect.gen(function* () {
      const { sdk } = yield* start
      const created = expectOk(
        yield* call(() => sdk.qrCodeCreate({ merchantPaymentId: "official-2", amount: yen(10), codeType: "ORDER_QR" })),
        201
      )
      const codeId = created.codeId as string
      assert.isNull(expectOk(yield* call(() => sdk.qrCodeDelete([codeId]))))
      expectFailure(yield* call(() => sdk.qrCodeDelete([codeId])), 404, "DYNAMIC_QR_NOT_FOUND", "01652072")
      expectFailure(
        yield* call(() => sdk.getCodePaymentDetails(["no-such-payment"])),
        400,
        "DYNAMIC_QR_PAYMENT_NOT_FOUND",
        "01652075"
      )
    })
  )
})
