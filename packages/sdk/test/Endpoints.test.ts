import { assert, describe, it } from "@effect/vitest"
import { Effect, Ref } from "effect"
import { Codes, Payments, Refunds } from "../src/index.js"
import { makeFake, ok } from "./utils/FakeHttp.js"

const payment = {
  paymentId: "04739000000000000001",
  status: "COMPLETED",
  acceptedAt: 10,
  merchantPaymentId: "mp-1",
  amount: { amount: 100, currency: "JPY" },
  requestedAt: 5,
  orderItems: [{ name: "tea", quantity: 2, unit_price: { amount: 50, currency: "JPY" } }],
  refunds: { data: [] }
}
const refund = {
  status: "CREATED",
  acceptedAt: 11,
  merchantRefundId: "r-1",
  paymentId: "04739000000000000001",
  amount: { amount: 40, currency: "JPY" },
  requestedAt: 11
}

const shape = <A, E>(call: Effect.Effect<A, E, any>, data: unknown, status = 200) =>
  Effect.gen(function* () {
    const { layer, requests } = yield* makeFake([ok(data, status)])
    const result = yield* (call as Effect.Effect<A, E, never>).pipe(Effect.provide(layer))
    const [request] = yield* Ref.get(requests)
    return { result, request: request!, body: request!.body === undefined ? undefined : JSON.parse(request!.body) }
  })

describe("endpoint request shapes", () => {
  it.effect("Codes.create posts /v2/codes with ORDER_QR and requestedAt filled from the clock", () =>
    Effect.gen(function* () {
      const { body, request, result } = yield* shape(
        Codes.create({
          merchantPaymentId: "mp-1",
          amount: { amount: 100, currency: "JPY" },
          orderItems: [{ name: "tea", quantity: 2, unitPrice: { amount: 50, currency: "JPY" } }],
          isAuthorization: false,
          redirectUrl: "https://shop.test/done",
          redirectType: "WEB_LINK"
        }),
        {
          codeId: "04-AbCdEf123456",
          url: "https://qr.test/x",
          deeplink: "paypay://payment?link_key=x",
          expiryDate: 300,
          merchantPaymentId: "mp-1",
          amount: { amount: 100, currency: "JPY" },
          orderItems: [{ name: "tea", quantity: 2, unit_price: { amount: 50, currency: "JPY" } }],
          codeType: "ORDER_QR"
        },
        201
      )
      assert.strictEqual(request.method, "POST")
      assert.strictEqual(request.url.href, "https://paypay.test/v2/codes")
      assert.deepStrictEqual(body, {
        merchantPaymentId: "mp-1",
        amount: { amount: 100, currency: "JPY" },
        orderItems: [{ name: "tea", quantity: 2, unitPrice: { amount: 50, currency: "JPY" } }],
        isAuthorization: false,
        redirectUrl: "https://shop.test/done",
        redirectType: "WEB_LINK",
        codeType: "ORDER_QR",
        requestedAt: 0
      })
      assert.strictEqual(result.orderItems?.[0]?.unitPrice.amount, 50)
    })
  )

  it.effect("Codes.getPayment reads /v2/codes/payments/{id} without a body", () =>
    Effect.gen(function* () {
      const { body, request, result } = yield* shape(Codes.getPayment("mp 1/2"), payment)
      assert.strictEqual(request.method, "GET")
      assert.strictEqual(request.url.pathname, "/v2/codes/payments/mp%201%2F2")
      assert.isUndefined(body)
      assert.isUndefined(request.headers["content-type"])
      assert.strictEqual(result.status, "COMPLETED")
    })
  )

  it.effect("Codes.remove deletes /v2/codes/{codeId} without a body", () =>
    Effect.gen(function* () {
      const { body, request } = yield* shape(Codes.remove("04-AbCdEf123456"), null)
      assert.strictEqual(request.method, "DELETE")
      assert.strictEqual(request.url.pathname, "/v2/codes/04-AbCdEf123456")
      assert.isUndefined(body)
    })
  )

  it.effect("Payments.get and Payments.cancel use /v2/payments/{id}", () =>
    Effect.gen(function* () {
      const get = yield* shape(Payments.get("mp-1"), payment)
      assert.strictEqual(get.request.method, "GET")
      assert.strictEqual(get.request.url.pathname, "/v2/payments/mp-1")
      const cancel = yield* shape(Payments.cancel("mp-1"), null)
      assert.strictEqual(cancel.request.method, "DELETE")
      assert.strictEqual(cancel.request.url.pathname, "/v2/payments/mp-1")
      assert.isUndefined(cancel.body)
    })
  )

  it.effect("Refunds.create posts /v2/refunds with the PayPay paymentId", () =>
    Effect.gen(function* () {
      const { body, request, result } = yield* shape(
        Refunds.create({
          merchantRefundId: "r-1",
          paymentId: "04739000000000000001",
          amount: { amount: 40, currency: "JPY" },
          reason: "damaged"
        }),
        refund
      )
      assert.strictEqual(request.method, "POST")
      assert.strictEqual(request.url.pathname, "/v2/refunds")
      assert.deepStrictEqual(body, {
        merchantRefundId: "r-1",
        paymentId: "04739000000000000001",
        amount: { amount: 40, currency: "JPY" },
        reason: "damaged",
        requestedAt: 0
      })
      assert.strictEqual(result.status, "CREATED")
    })
  )

  it.effect("Refunds.get sends the optional paymentId query (2025 change) outside the signed path", () =>
    Effect.gen(function* () {
      const withId = yield* shape(Refunds.get("r-1", { paymentId: "04739000000000000001" }), refund)
      assert.strictEqual(withId.request.url.pathname, "/v2/refunds/r-1")
      assert.strictEqual(withId.request.url.searchParams.get("paymentId"), "04739000000000000001")
      const without = yield* shape(Refunds.get("r-1"), refund)
      assert.strictEqual(without.request.url.search, "")
    })
  )
})
