/**
 * Where the simulator used to disagree with PayPay (issue 13, items 1–10; docs/fidelity.md), one test per fixed
 * divergence: through the SDK against the in-process simulator, and through the raw HTTP API of a simulator on a
 * socket, signed requests built by hand.
 */
import { HttpServer } from "@effect/platform"
import { assert, describe, it, layer } from "@effect/vitest"
import {
  Cashback,
  Codes,
  PayPayClient,
  PayPayError,
  Payments,
  PendingPayments,
  Preauth,
  Refunds,
  Topup,
  Users
} from "@paypay-effect/sdk"
import * as PayPaySigner from "@paypay-effect/sdk/PayPaySigner"
import { Effect, Layer } from "effect"
import * as ControlClient from "../src/Control/ControlClient.js"
import * as InProcess from "../src/InProcess.js"
import { Journal } from "../src/Journal.js"
import * as Server from "../src/Server.js"
import * as Simulator from "../src/Simulator.js"
import * as SimulatorConfig from "../src/SimulatorConfig.js"
import * as UserActions from "../src/Store/UserActions.js"
import { advance, assertSecondsAfter, failsWith, newUser, sdk, simNow, yen } from "./helpers/e2e.js"

const DAY = 86_400
const { apiKey, apiSecret } = SimulatorConfig.defaultCredential
const control = ControlClient.make(InProcess.BASE_URL)

/** The message of a failed SDK call (`PayPayApiError`'s resultInfo.message). */
const messageOf = (error: unknown): string =>
  typeof error === "object" && error !== null && "resultInfo" in error
    ? String((error as { readonly resultInfo: { readonly message: string } }).resultInfo.message)
    : String(error)

// ====== Raw HTTP against a simulator on a socket ======

interface Answer {
  readonly status: number
  readonly json: { readonly resultInfo: { code: string; message: string; codeId: string }; readonly data: any }
}

const raw = (
  method: "GET" | "POST" | "DELETE",
  path: string,
  options: { readonly body?: unknown; readonly merchantId?: string | null; readonly query?: string } = {}
) =>
  Effect.flatMap(HttpServer.addressFormattedWith(Effect.succeed), (base) =>
    Effect.promise(async (): Promise<Answer> => {
      const body = options.body === undefined ? undefined : JSON.stringify(options.body)
      const contentType = body === undefined ? undefined : "application/json"
      const authorization = PayPaySigner.header(
        { apiKey, apiSecret },
        { method, path, contentType, body },
        "raw-http",
        Math.floor(Date.now() / 1000)
      )
      const merchantId = options.merchantId === undefined ? SimulatorConfig.defaultMerchantId : options.merchantId
      const response = await fetch(`${base}${path}${options.query ?? ""}`, {
        method,
        headers: {
          authorization,
          ...(merchantId === null ? {} : { "x-assume-merchant": merchantId }),
          ...(contentType === undefined ? {} : { "content-type": contentType })
        },
        ...(body === undefined ? {} : { body })
      })
      return { status: response.status, json: (await response.json()) as Answer["json"] }
    })
  )

/** An unsigned control-API call (users, clock, merchants). */
const controlCall = (method: "GET" | "POST", path: string, body?: unknown) =>
  Effect.flatMap(HttpServer.addressFormattedWith(Effect.succeed), (base) =>
    Effect.promise(async () => {
      const response = await fetch(`${base}/_simulator${path}`, {
        method,
        headers: { "content-type": "application/json" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) })
      })
      return { status: response.status, json: (await response.json().catch(() => undefined)) as any }
    })
  )

const createUser = (userAuthorizationId: string, balance = 100_000) =>
  controlCall("POST", "/users", { userAuthorizationId, balance })

const pay = (merchantPaymentId: string, userAuthorizationId: string, amount: number) =>
  raw("POST", "/v2/payments", {
    body: { merchantPaymentId, userAuthorizationId, amount: yen(amount), requestedAt: Math.floor(Date.now() / 1000) }
  })

const OnSocket = Server.layer({ port: 0 }).pipe(Layer.provideMerge(Simulator.layer()))

layer(OnSocket, { excludeTestServices: true })("raw HTTP: where the simulator now answers as PayPay", (it) => {
  it.effect(
    "1. a missing, empty, placeholder or unknown merchant is 401 UNAUTHORIZED naming it and the registered ones",
    () =>
      Effect.gen(function* () {
        for (const merchantId of [null, "", "ASSUME_MERCHANT_ID", "someone-else"]) {
          const answer = yield* raw("GET", "/v2/codes/payments/x", { merchantId })
          assert.strictEqual(answer.status, 401, String(merchantId))
          assert.strictEqual(answer.json.resultInfo.code, "UNAUTHORIZED")
          assert.strictEqual(answer.json.resultInfo.codeId, "08100016")
          assert.include(answer.json.resultInfo.message, "registered for sim_api_key: sim_merchant")
          if (merchantId !== null) assert.include(answer.json.resultInfo.message, JSON.stringify(merchantId))
        }
        const ok = yield* raw("GET", "/v2/codes/payments/x")
        assert.strictEqual(ok.json.resultInfo.code, "DYNAMIC_QR_PAYMENT_NOT_FOUND")
      })
  )

  it.effect("2. a payment by an unlinked (revoked) user is 401 INVALID_USER_AUTHORIZATION_ID", () =>
    Effect.gen(function* () {
      yield* createUser("raw-revoked")
      assert.strictEqual((yield* raw("DELETE", "/v2/user/authorizations/raw-revoked")).status, 200)
      const answer = yield* pay("raw-revoked-1", "raw-revoked", 100)
      assert.strictEqual(answer.status, 401)
      assert.strictEqual(answer.json.resultInfo.code, "INVALID_USER_AUTHORIZATION_ID")
    })
  )

  it.effect("3. a payment extends the authorization: paying on day 200 keeps it valid on day 366", () =>
    Effect.gen(function* () {
      yield* createUser("raw-extend")
      yield* controlCall("POST", "/clock/advance", { seconds: 200 * DAY })
      assert.strictEqual((yield* pay("raw-extend-1", "raw-extend", 101)).json.resultInfo.code, "SUCCESS")
      yield* controlCall("POST", "/clock/advance", { seconds: 166 * DAY })
      const later = yield* pay("raw-extend-2", "raw-extend", 102)
      assert.strictEqual(later.json.resultInfo.code, "SUCCESS", later.json.resultInfo.message)
      const status = yield* raw("GET", "/v2/user/authorizations", { query: "?userAuthorizationId=raw-extend" })
      assert.isAbove(status.json.data.expireAt, status.json.data.issuedAt + 500 * DAY)
    })
  )

  it.effect("4. a refund with the merchantPaymentId as paymentId is 500 INTERNAL_SERVER_ERROR; an unknown id 404", () =>
    Effect.gen(function* () {
      yield* createUser("raw-refund")
      const paid = yield* pay("raw-refund-1", "raw-refund", 300)
      const refund = (paymentId: string) =>
        raw("POST", "/v2/refunds", {
          body: { merchantRefundId: `r-${paymentId}`, paymentId, amount: yen(100), requestedAt: 1 }
        })
      const wrong = yield* refund("raw-refund-1")
      assert.strictEqual(wrong.status, 500)
      assert.strictEqual(wrong.json.resultInfo.code, "INTERNAL_SERVER_ERROR")
      assert.include(wrong.json.resultInfo.message, paid.json.data.paymentId)
      assert.strictEqual((yield* refund("no-such-payment")).status, 404)
      assert.strictEqual((yield* refund(paid.json.data.paymentId)).json.resultInfo.code, "SUCCESS")
    })
  )

  it.effect("5. capture entries are USER_REQUESTED and carry the authorization's expiresAt", () =>
    Effect.gen(function* () {
      yield* createUser("raw-capture")
      const auth = yield* raw("POST", "/v2/payments/preauthorize", {
        body: { merchantPaymentId: "raw-auth-1", userAuthorizationId: "raw-capture", amount: yen(500), requestedAt: 1 }
      })
      const captured = yield* raw("POST", "/v2/payments/capture", {
        body: {
          merchantPaymentId: "raw-auth-1",
          merchantCaptureId: "raw-cap-1",
          amount: yen(400),
          orderDescription: "shipped",
          requestedAt: 1
        }
      })
      assert.strictEqual(captured.json.data.status, "COMPLETED")
      const entry = captured.json.data.captures.data[0]
      assert.strictEqual(entry.status, "USER_REQUESTED")
      assert.strictEqual(entry.expiresAt, auth.json.data.expiresAt)
    })
  )

  it.effect("6. pending order details say expiryDate; an unknown order is 400 REQUEST_ORDER_NOT_FOUND", () =>
    Effect.gen(function* () {
      yield* createUser("raw-pending")
      const created = yield* raw("POST", "/v1/requestOrder", {
        body: { merchantPaymentId: "raw-req-1", userAuthorizationId: "raw-pending", amount: yen(700), requestedAt: 1 }
      })
      const details = yield* raw("GET", "/v1/requestOrder/raw-req-1")
      assert.strictEqual(details.json.data.expiryDate, created.json.data.expiryDate)
      assert.isFalse("expiresAt" in details.json.data)
      const unknown = yield* raw("GET", "/v1/requestOrder/raw-req-404")
      assert.deepStrictEqual([unknown.status, unknown.json.resultInfo.code], [400, "REQUEST_ORDER_NOT_FOUND"])
      const cancel = yield* raw("DELETE", "/v1/requestOrder/raw-req-404")
      assert.strictEqual(cancel.status, 404)
    })
  )

  it.effect("7. refund details need ?paymentId= unless the merchant was onboarded before 2025", () =>
    Effect.gen(function* () {
      yield* createUser("raw-details")
      const paid = yield* pay("raw-details-1", "raw-details", 900)
      const paymentId = paid.json.data.paymentId as string
      yield* raw("POST", "/v2/refunds", {
        body: { merchantRefundId: "raw-details-r", paymentId, amount: yen(100), requestedAt: 1 }
      })
      const without = yield* raw("GET", "/v2/refunds/raw-details-r")
      assert.deepStrictEqual([without.status, without.json.resultInfo.code], [400, "MISSING_REQUEST_PARAMS"])
      assert.include(without.json.resultInfo.message, "[simulator, inferred]")
      assert.include(without.json.resultInfo.message, "docs/fidelity.md#refund-details-payment-id-code")
      const withId = yield* raw("GET", "/v2/refunds/raw-details-r", { query: `?paymentId=${paymentId}` })
      assert.strictEqual(withId.json.resultInfo.code, "SUCCESS")
      yield* controlCall("POST", "/merchants", { merchantId: "sim_merchant", onboardedBefore2025: true })
      const legacy = yield* raw("GET", "/v2/refunds/raw-details-r")
      assert.strictEqual(legacy.json.resultInfo.code, "SUCCESS")
      yield* controlCall("POST", "/merchants", { merchantId: "sim_merchant" })
    })
  )

  it.effect("8. an unsupported currency is 400 INVALID_PARAMS (00200004)", () =>
    Effect.gen(function* () {
      const answer = yield* raw("POST", "/v2/codes", {
        body: { merchantPaymentId: "raw-usd", amount: { amount: 100, currency: "USD" }, codeType: "ORDER_QR" }
      })
      assert.deepStrictEqual(
        [answer.status, answer.json.resultInfo.code, answer.json.resultInfo.codeId],
        [400, "INVALID_PARAMS", "00200004"]
      )
      assert.include(answer.json.resultInfo.message, "amount.currency")
    })
  )

  it.effect("9. payment objects spell order items' price unitPrice; create-QR's answer unit_price", () =>
    Effect.gen(function* () {
      yield* createUser("raw-items")
      const item = { name: "tea", quantity: 2, unitPrice: yen(150) }
      const code = yield* raw("POST", "/v2/codes", {
        body: { merchantPaymentId: "raw-items-qr", amount: yen(300), codeType: "ORDER_QR", orderItems: [item] }
      })
      assert.deepStrictEqual(code.json.data.orderItems[0].unit_price, yen(150))
      yield* raw("POST", "/v2/payments", {
        body: {
          merchantPaymentId: "raw-items-1",
          userAuthorizationId: "raw-items",
          amount: yen(300),
          orderItems: [item],
          requestedAt: 1
        }
      })
      const details = yield* raw("GET", "/v2/payments/raw-items-1")
      assert.deepStrictEqual(details.json.data.orderItems, [item])
    })
  )

  it.effect("10. decided: cashback id reuse, top-up acceptedAt, userAgent echo, inferred codes marked", () =>
    Effect.gen(function* () {
      yield* createUser("raw-cashback")
      const give = (amount: number) =>
        raw("POST", "/v2/cashback", {
          body: {
            merchantCashbackId: "raw-cb-1",
            userAuthorizationId: "raw-cashback",
            amount: yen(amount),
            requestedAt: 1
          }
        })
      assert.strictEqual((yield* give(10)).status, 202)
      assert.strictEqual((yield* give(10)).status, 202)
      const reused = yield* give(11)
      assert.deepStrictEqual([reused.status, reused.json.resultInfo.code], [400, "VALIDATION_FAILED_EXCEPTION"])
      const topup = yield* raw("POST", "/v1/code/topup", {
        body: { merchantTopUpId: "raw-top-1", codeType: "TOPUP_QR", requestedAt: 1 }
      })
      assert.strictEqual(topup.status, 201)
      assert.strictEqual((yield* raw("GET", "/v1/code/topup/raw-top-1")).json.data.acceptedAt, 0)
      const code = yield* raw("POST", "/v2/codes", {
        body: { merchantPaymentId: "raw-ua", amount: yen(1), codeType: "ORDER_QR", userAgent: "Mozilla/5.0 test" }
      })
      assert.strictEqual(code.json.data.userAgent, "Mozilla/5.0 test")
      yield* createUser("raw-dup")
      yield* pay("raw-dup-1", "raw-dup", 5)
      const duplicate = yield* pay("raw-dup-1", "raw-dup", 6)
      assert.strictEqual(duplicate.json.resultInfo.code, "INVALID_PARAMS")
      assert.include(duplicate.json.resultInfo.message, "[simulator, inferred]")
      assert.include(duplicate.json.resultInfo.message, "docs/fidelity.md#payments-duplicate-merchant-payment-id")
    })
  )
})

// ====== The SDK against the in-process simulator ======

describe("SDK: where the simulator now answers as PayPay", () => {
  it.effect("1. a placeholder merchant is refused with Unauthorized naming it; a registered one is served", () =>
    Effect.gen(function* () {
      const error = yield* Codes.create({ merchantPaymentId: "m-1", amount: yen(1) }).pipe(
        PayPayClient.withMerchant("ASSUME_MERCHANT_ID"),
        Effect.flip
      )
      assert.strictEqual(error._tag, "Unauthorized")
      assert.include(messageOf(error), '"ASSUME_MERCHANT_ID" is not registered')
      assert.include(messageOf(error), "sim_merchant")
      yield* (yield* control).addMerchant({ merchantId: "ASSUME_MERCHANT_ID" })
      const code = yield* Codes.create({ merchantPaymentId: "m-1", amount: yen(1) }).pipe(
        PayPayClient.withMerchant("ASSUME_MERCHANT_ID")
      )
      assert.strictEqual(code.merchantPaymentId, "m-1")
    }).pipe(Effect.provide(sdk()))
  )

  it.effect("2. a revoked user's payment fails with InvalidUserAuthorizationId, not UserStateIsNotActive", () =>
    Effect.gen(function* () {
      const user = yield* newUser()
      yield* Users.unlink(user.userAuthorizationId)
      const error = yield* Payments.create({
        merchantPaymentId: "p-1",
        userAuthorizationId: user.userAuthorizationId,
        amount: yen(100)
      }).pipe(Effect.flip)
      assert.strictEqual(error._tag, "InvalidUserAuthorizationId")
      const inactive = yield* newUser({ status: "INACTIVE" })
      assert.strictEqual(
        yield* failsWith(
          Payments.create({
            merchantPaymentId: "p-2",
            userAuthorizationId: inactive.userAuthorizationId,
            amount: yen(1)
          })
        ),
        "USER_STATE_IS_NOT_ACTIVE"
      )
    }).pipe(Effect.provide(sdk()))
  )

  it.effect("3. payments, cashback and re-links extend the authorization (day 200 payment → valid on day 366)", () =>
    Effect.gen(function* () {
      const user = yield* newUser()
      const id = user.userAuthorizationId
      yield* advance(200 * DAY)
      yield* Payments.create({ merchantPaymentId: "p-200", userAuthorizationId: id, amount: yen(100) })
      yield* advance(166 * DAY)
      const paidSince = yield* simNow
      const later = yield* Payments.create({ merchantPaymentId: "p-366", userAuthorizationId: id, amount: yen(101) })
      assert.strictEqual(later.status, "COMPLETED")
      const status = yield* Users.getAuthorizationStatus(id)
      yield* assertSecondsAfter(status.expireAt, paidSince, 365 * DAY)
      yield* advance(300 * DAY)
      const cashbackSince = yield* simNow
      yield* Cashback.give({ merchantCashbackId: "cb-1", userAuthorizationId: id, amount: yen(5) })
      yield* assertSecondsAfter((yield* Users.getAuthorizationStatus(id)).expireAt, cashbackSince, 365 * DAY)
    }).pipe(Effect.provide(sdk()))
  )

  it.effect("4. a refund with the merchantPaymentId as paymentId fails with InternalServerError, outcome unknown", () =>
    Effect.gen(function* () {
      const user = yield* newUser()
      yield* Payments.create({
        merchantPaymentId: "p-1",
        userAuthorizationId: user.userAuthorizationId,
        amount: yen(50)
      })
      const error = yield* Refunds.create({ merchantRefundId: "r-1", paymentId: "p-1", amount: yen(10) }).pipe(
        Effect.flip
      )
      assert.strictEqual(error._tag, "InternalServerError")
      assert.isTrue(PayPayError.isOutcomeUnknown(error))
      assert.include(messageOf(error), "FAQ 5953150296463")
    }).pipe(Effect.provide(sdk()))
  )

  it.effect("5. capture entries read USER_REQUESTED with the authorization's expiresAt", () =>
    Effect.gen(function* () {
      const user = yield* newUser()
      const auth = yield* Preauth.authorize({
        merchantPaymentId: "a-1",
        userAuthorizationId: user.userAuthorizationId,
        amount: yen(500)
      })
      const result = yield* Preauth.capture({
        merchantPaymentId: "a-1",
        merchantCaptureId: "c-1",
        amount: yen(500),
        orderDescription: "shipped"
      })
      assert.strictEqual(result._tag, "Captured")
      if (result._tag !== "Captured") return
      const entry = result.payment.captures?.data[0]
      assert.strictEqual(entry?.status, "USER_REQUESTED")
      assert.strictEqual(entry?.expiresAt, auth.expiresAt)
    }).pipe(Effect.provide(sdk()))
  )

  it.effect("6. a pending order's expiryDate reaches expiresAt; an unknown one is RequestOrderNotFound (400)", () =>
    Effect.gen(function* () {
      const user = yield* newUser()
      const expiryDate = (yield* simNow) + 3600
      yield* PendingPayments.create({
        merchantPaymentId: "req-1",
        userAuthorizationId: user.userAuthorizationId,
        amount: yen(700),
        expiryDate
      })
      assert.strictEqual((yield* PendingPayments.get("req-1")).expiresAt, expiryDate)
      const unknown = yield* PendingPayments.get("req-404").pipe(Effect.flip)
      assert.strictEqual(unknown._tag, "RequestOrderNotFound")
      assert.strictEqual("status" in unknown ? unknown.status : 0, 400)
    }).pipe(Effect.provide(sdk()))
  )

  it.effect("7. Refunds.get without paymentId fails for a new merchant, works with it or for an older merchant", () =>
    Effect.gen(function* () {
      const user = yield* newUser()
      const paid = yield* Payments.create({
        merchantPaymentId: "p-1",
        userAuthorizationId: user.userAuthorizationId,
        amount: yen(80)
      })
      yield* Refunds.create({ merchantRefundId: "r-1", paymentId: paid.paymentId, amount: yen(10) })
      const missing = yield* Refunds.get("r-1").pipe(Effect.flip)
      assert.strictEqual(missing._tag, "MissingRequestParams")
      assert.include(messageOf(missing), "[simulator, inferred]")
      assert.strictEqual((yield* Refunds.get("r-1", { paymentId: paid.paymentId })).merchantRefundId, "r-1")
      yield* (yield* control).addMerchant({ merchantId: SimulatorConfig.defaultMerchantId, onboardedBefore2025: true })
      assert.strictEqual((yield* Refunds.get("r-1")).merchantRefundId, "r-1")
    }).pipe(Effect.provide(sdk()))
  )

  it.effect("8. the SDK refuses an unsupported currency before sending (the simulator would say INVALID_PARAMS)", () =>
    Effect.gen(function* () {
      const error = yield* Codes.create({
        merchantPaymentId: "usd",
        amount: { amount: 1, currency: "USD" as "JPY" }
      }).pipe(Effect.flip)
      assert.strictEqual(error._tag, "PayPayRequestError")
      assert.deepStrictEqual(yield* (yield* control).requests(), [])
    }).pipe(Effect.provide(sdk()))
  )

  it.effect(
    "9. order items decode into unitPrice from create-QR's unit_price and from payment objects' unitPrice",
    () =>
      Effect.gen(function* () {
        const user = yield* newUser()
        const orderItems = [{ name: "tea", quantity: 2, unitPrice: yen(150) }]
        const code = yield* Codes.create({ merchantPaymentId: "q-1", amount: yen(300), orderItems })
        assert.deepStrictEqual(code.orderItems?.[0]?.unitPrice, yen(150))
        yield* Payments.create({
          merchantPaymentId: "p-1",
          userAuthorizationId: user.userAuthorizationId,
          amount: yen(300),
          orderItems
        })
        assert.deepStrictEqual((yield* Payments.get("p-1")).orderItems?.[0]?.unitPrice, yen(150))
      }).pipe(Effect.provide(sdk()))
  )

  it.effect("10. decided: cashback id reuse, top-up acceptedAt, userAgent echo, refund id reuse journaled", () =>
    Effect.gen(function* () {
      const user = yield* newUser()
      const id = user.userAuthorizationId
      yield* Cashback.give({ merchantCashbackId: "cb-1", userAuthorizationId: id, amount: yen(10) })
      yield* Cashback.give({ merchantCashbackId: "cb-1", userAuthorizationId: id, amount: yen(10) })
      const reused = yield* Cashback.give({
        merchantCashbackId: "cb-1",
        userAuthorizationId: id,
        amount: yen(11)
      }).pipe(Effect.flip)
      assert.strictEqual(reused._tag, "ValidationFailedException")
      yield* Topup.createQrCode({ merchantTopUpId: "t-1" })
      assert.strictEqual((yield* Topup.get("t-1")).acceptedAt, 0)
      const code = yield* Codes.create({ merchantPaymentId: "q-ua", amount: yen(1), userAgent: "Mozilla/5.0 test" })
      assert.strictEqual(code.userAgent, "Mozilla/5.0 test")
      const paid = yield* Payments.create({ merchantPaymentId: "p-r", userAuthorizationId: id, amount: yen(90) })
      yield* Refunds.create({ merchantRefundId: "r-1", paymentId: paid.paymentId, amount: yen(10) })
      const replay = yield* Refunds.create({ merchantRefundId: "r-1", paymentId: paid.paymentId, amount: yen(20) })
      assert.strictEqual(replay.amount.amount, 10)
      const entries = yield* Effect.flatMap(Journal, (journal) => journal.list())
      const warned = entries.filter((entry) => entry.warning !== undefined)
      assert.strictEqual(warned.length, 1)
      assert.include(warned[0]!.warning, "merchantRefundId r-1 reused with a different amount 20 (recorded: 10)")
      assert.include(warned[0]!.warning, "[simulator, inferred]")
      assert.include(warned[0]!.warning, "docs/fidelity.md#refund-id-reuse")
      const link = yield* Users.createAccountLinkQrCode({
        scopes: ["direct_debit"],
        nonce: "n",
        redirectUrl: "https://merchant.test/cb",
        referenceId: "ref"
      })
      yield* advance(10 * DAY)
      const relinkSince = yield* simNow
      yield* UserActions.completeAccountLink(link.linkQRCodeURL.split("/").pop()!, { userAuthorizationId: id })
      yield* assertSecondsAfter((yield* Users.getAuthorizationStatus(id)).expireAt, relinkSince, 365 * DAY)
    }).pipe(Effect.provide(sdk()))
  )
})
