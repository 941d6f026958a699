import { assert, describe, it } from "@effect/vitest"
import { Effect, Ref } from "effect"
import { Payments, PayPayError } from "../src/index.js"
import { assertShape, failWith, rejectsInput, succeed } from "./utils/Calls.js"
import { failure, makeFake, ok } from "./utils/FakeHttp.js"

const payment = {
  paymentId: "04739000000000000001",
  status: "COMPLETED",
  acceptedAt: 10,
  merchantPaymentId: "mp-1",
  userAuthorizationId: "ua-1",
  amount: { amount: 500, currency: "JPY" },
  requestedAt: 0
}
const params: Payments.CreatePaymentParams = {
  merchantPaymentId: "mp-1",
  userAuthorizationId: "ua-1",
  amount: { amount: 500, currency: "JPY" },
  orderDescription: "tea",
  productType: "PAY_LATER_REPAYMENT"
}

describe("Payments", () => {
  it.effect("create posts /v2/payments with requestedAt filled and no query unless asked", () =>
    Effect.gen(function* () {
      const { body, request, result } = yield* succeed(Payments.create(params), payment)
      assertShape(request, { method: "POST", path: "/v2/payments" })
      assert.deepStrictEqual(body, { ...params, requestedAt: 0 })
      assert.strictEqual(result.status, "COMPLETED")
    })
  )

  it.effect("create sends agreeSimilarTransaction as an unsigned query parameter", () =>
    Effect.gen(function* () {
      const agree = yield* succeed(Payments.create(params, { agreeSimilarTransaction: true }), payment)
      assertShape(agree.request, { method: "POST", path: "/v2/payments", query: { agreeSimilarTransaction: "true" } })
      assert.notProperty(agree.body, "agreeSimilarTransaction")
      const refuse = yield* succeed(Payments.create(params, { agreeSimilarTransaction: false }), payment)
      assert.strictEqual(refuse.request.url.search, "?agreeSimilarTransaction=false")
    })
  )

  it.effect("create keeps a caller's requestedAt", () =>
    Effect.gen(function* () {
      const { body } = yield* succeed(Payments.create({ ...params, requestedAt: 1_700_000_000 }), payment)
      assert.strictEqual(body.requestedAt, 1_700_000_000)
    })
  )

  it.effect("create maps its documented codes to tagged errors", () =>
    Effect.gen(function* () {
      const duplicate = yield* failWith(Payments.create(params), 400, "SUSPECTED_DUPLICATE_PAYMENT", "00200017")
      assert.strictEqual(duplicate._tag, "SuspectedDuplicatePayment")
      const funds = yield* failWith(Payments.create(params), 400, "NO_SUFFICIENT_FUND")
      assert.strictEqual(funds._tag, "NoSufficientFund")
      const method = yield* failWith(Payments.create(params), 404, "NO_VALID_PAYMENT_METHOD")
      assert.strictEqual(method._tag, "NoValidPaymentMethod")
      const caught = yield* Payments.create(params).pipe(
        Effect.catchTag("ExpiredUserAuthorizationId", (e) => Effect.succeed(e.code)),
        Effect.provide((yield* makeFake([failure(401, "EXPIRED_USER_AUTHORIZATION_ID")])).layer)
      )
      assert.strictEqual(caught, "EXPIRED_USER_AUTHORIZATION_ID")
    })
  )

  it.effect("create with an unknown outcome is not re-sent and says to query then cancel", () =>
    Effect.gen(function* () {
      const { layer, requests } = yield* makeFake([failure(500, "INTERNAL_SERVER_ERROR", "08101000"), ok(payment)])
      const error = yield* Payments.create(params).pipe(Effect.flip, Effect.provide(layer))
      assert.isTrue(PayPayError.isOutcomeUnknown(error))
      assert.include(error.message, 'Payments.get("mp-1")')
      assert.include(error.message, "Payments.cancel")
      assert.lengthOf(yield* Ref.get(requests), 1)
      const failed = yield* failWith(Payments.create(params), 500, "TRANSACTION_FAILED", "00200002")
      assert.strictEqual(failed._tag, "TransactionFailed")
      assert.isFalse(PayPayError.isOutcomeUnknown(failed))
    })
  )

  it.effect("create rejects invalid input before sending", () =>
    Effect.gen(function* () {
      const missing = yield* rejectsInput(Payments.create({ ...params, userAuthorizationId: "" }))
      assert.include(missing, "userAuthorizationId")
      const typo = yield* rejectsInput(Payments.create({ ...params, amountDescriptoin: "x" } as any))
      assert.include(typo, "amountDescriptoin")
      yield* rejectsInput(Payments.create({ ...params, productType: "GOLD" } as any))
      yield* rejectsInput(Payments.create({ ...params, amount: { amount: 1.5, currency: "JPY" } }))
    })
  )

  it.effect("createContinuous posts /v1/subscription/payments", () =>
    Effect.gen(function* () {
      const continuous = {
        merchantPaymentId: "mp-2",
        userAuthorizationId: "ua-1",
        amount: { amount: 980, currency: "JPY" as const },
        orderItems: [{ name: "plan", quantity: 1, unitPrice: { amount: 980, currency: "JPY" as const } }]
      }
      const { body, request, result } = yield* succeed(Payments.createContinuous(continuous), {
        ...payment,
        merchantPaymentId: "mp-2",
        status: "CREATED"
      })
      assertShape(request, { method: "POST", path: "/v1/subscription/payments" })
      assert.deepStrictEqual(body, { ...continuous, requestedAt: 0 })
      assert.strictEqual(result.status, "CREATED")
      const error = yield* failWith(Payments.createContinuous(continuous), 401, "INVALID_USER_AUTHORIZATION_ID")
      assert.strictEqual(error._tag, "InvalidUserAuthorizationId")
      const rejected = yield* rejectsInput(Payments.createContinuous({ ...continuous, productType: "x" } as any))
      assert.include(rejected, "productType")
    })
  )

  it.effect("get and cancel map their documented codes", () =>
    Effect.gen(function* () {
      const notFound = yield* failWith(Payments.get("mp-1"), 404, "RESOURCE_NOT_FOUND", "00200001")
      assert.strictEqual(notFound._tag, "ResourceNotFound")
      const late = yield* failWith(Payments.cancel("mp-1"), 400, "ORDER_NOT_REVERSIBLE", "00200044")
      assert.strictEqual(late._tag, "OrderNotReversible")
      yield* rejectsInput(Payments.get("x".repeat(65)))
    })
  )
})
