import { assert, describe, it } from "@effect/vitest"
import { Effect, Ref, TestClock } from "effect"
import { Cashback, PayPayError } from "../src/index.js"
import { accepted, assertShape, failWith, rejectsInput, send, succeed } from "./utils/Calls.js"
import { failure, makeFake, ok } from "./utils/FakeHttp.js"
import { finished } from "./utils/Fibers.js"

const giveParams: Cashback.GiveCashbackParams = {
  merchantCashbackId: "cb-1",
  userAuthorizationId: "ua-1",
  amount: { amount: 100, currency: "JPY" },
  walletType: "PREPAID",
  expiryDate: "2030-12-31"
}
const reverseParams: Cashback.ReverseCashbackParams = {
  merchantCashbackReversalId: "cbr-1",
  merchantCashbackId: "cb-1",
  amount: { amount: 100, currency: "JPY" },
  reason: "order canceled"
}
const consultParams: Cashback.ConsultExpectedCashbackParams = {
  requestId: "req-1",
  merchantPaymentId: "mp-1",
  userAuthorizationId: "ua-1",
  amount: { amount: 1000, currency: "JPY" }
}

describe("Cashback", () => {
  it.effect("give posts /v2/cashback and succeeds with void on 202 REQUEST_ACCEPTED", () =>
    Effect.gen(function* () {
      const { body, request, result } = yield* send(Cashback.give(giveParams), accepted(""))
      assertShape(request, { method: "POST", path: "/v2/cashback" })
      assert.deepStrictEqual(body, { ...giveParams, requestedAt: 0 })
      assert.isUndefined(result)
      const withNull = yield* send(Cashback.give(giveParams), accepted(null))
      assert.isUndefined(withNull.result)
    })
  )

  it.effect("give maps user-authorization codes, is never re-sent blindly, and validates input", () =>
    Effect.gen(function* () {
      const error = yield* failWith(Cashback.give(giveParams), 401, "INVALID_USER_AUTHORIZATION_ID")
      assert.strictEqual(error._tag, "InvalidUserAuthorizationId")
      const { layer, requests } = yield* makeFake([failure(500, "INTERNAL_SERVER_ERROR", "08101000"), accepted()])
      const unknown = yield* Cashback.give(giveParams).pipe(Effect.flip, Effect.provide(layer))
      assert.isTrue(PayPayError.isOutcomeUnknown(unknown))
      assert.include(unknown.message, 'Cashback.get("cb-1")')
      assert.lengthOf(yield* Ref.get(requests), 1)
      const date = yield* rejectsInput(Cashback.give({ ...giveParams, expiryDate: "31/12/2030" }))
      assert.include(date, "expiryDate")
      yield* rejectsInput(Cashback.give({ ...giveParams, walletType: "POINTS" } as any))
    })
  )

  it.effect("get reads /v2/cashback/{merchantCashbackId}", () =>
    Effect.gen(function* () {
      const { request, result } = yield* succeed(Cashback.get("cb-1"), {
        status: "SUCCESS",
        acceptedAt: 1_609_129_521,
        merchantAlias: "282428786090074112",
        amount: { amount: 1000, currency: "JPY" },
        requestedAt: 0,
        metadata: {},
        cashbackId: "00202680885387092992",
        merchantCashbackId: "cb-1",
        userAuthorizationId: "ua-1",
        orderDescription: "Cashback descriptions.",
        walletType: "PREPAID"
      })
      assertShape(request, { method: "GET", path: "/v2/cashback/cb-1" })
      assert.instanceOf(result, Cashback.CashbackDetails)
      assert.strictEqual(result.status, "SUCCESS")
      const error = yield* failWith(Cashback.get("cb-1"), 404, "TRANSACTION_NOT_FOUND")
      assert.strictEqual(error._tag, "TransactionNotFound")
      yield* rejectsInput(Cashback.get(""))
    })
  )

  it.effect("reverse posts /v2/cashback_reversal and succeeds with void on 202", () =>
    Effect.gen(function* () {
      const { body, request, result } = yield* send(Cashback.reverse(reverseParams), accepted(null))
      assertShape(request, { method: "POST", path: "/v2/cashback_reversal" })
      assert.deepStrictEqual(body, { ...reverseParams, requestedAt: 0 })
      assert.isUndefined(result)
      const error = yield* failWith(Cashback.reverse(reverseParams), 401, "UNAUTHORIZED", "08100016")
      assert.strictEqual(error._tag, "Unauthorized")
      yield* rejectsInput(Cashback.reverse({ ...reverseParams, merchantCashbackId: "c".repeat(65) }))
    })
  )

  it.effect("getReversal reads /v2/cashback_reversal/{reversalId}/{cashbackId}", () =>
    Effect.gen(function* () {
      const ids = { merchantCashbackReversalId: "cbr-1", merchantCashbackId: "cb-1" }
      const { request, result } = yield* succeed(Cashback.getReversal(ids), {
        status: "SUCCESS",
        acceptedAt: 10,
        amount: { amount: 100, currency: "JPY" },
        requestedAt: 0,
        cashbackReversalId: "0020",
        ...ids
      })
      assertShape(request, { method: "GET", path: "/v2/cashback_reversal/cbr-1/cb-1" })
      assert.strictEqual(result.merchantCashbackReversalId, "cbr-1")
      const error = yield* failWith(Cashback.getReversal(ids), 404, "TRANSACTION_NOT_FOUND")
      assert.strictEqual(error._tag, "TransactionNotFound")
      yield* rejectsInput(Cashback.getReversal({ ...ids, merchantCashbackId: "" }))
    })
  )

  it.effect("consultExpected posts /v1/payments/cashback/expected with an optional Lang header", () =>
    Effect.gen(function* () {
      const { body, request, result } = yield* succeed(Cashback.consultExpected(consultParams, { lang: "EN" }), {
        campaignMessage: "Get 10% back"
      })
      assertShape(request, { method: "POST", path: "/v1/payments/cashback/expected" })
      assert.strictEqual(request.headers["lang"], "EN")
      assert.deepStrictEqual(body, { ...consultParams, requestedAt: 0 })
      assert.strictEqual(result.campaignMessage, "Get 10% back")
      const plain = yield* succeed(Cashback.consultExpected(consultParams), {})
      assert.isUndefined(plain.request.headers["lang"])
    })
  )

  it.effect("consultExpected is a read: retried on 5xx; maps common codes; validates input", () =>
    Effect.gen(function* () {
      const { layer, requests } = yield* makeFake([failure(500, "INTERNAL_SERVER_ERROR", "08101000"), ok({})], {
        retry: { base: "1 millis" }
      })
      const fiber = yield* Cashback.consultExpected(consultParams).pipe(Effect.provide(layer), Effect.fork)
      yield* TestClock.adjust("1 second")
      const result = yield* finished(fiber, "a read retried once after 1 ms of backoff")
      assert.instanceOf(result, Cashback.ExpectedCashback)
      assert.lengthOf(yield* Ref.get(requests), 2)
      const error = yield* failWith(Cashback.consultExpected(consultParams), 429, "RATE_LIMIT", "08100998")
      assert.strictEqual(error._tag, "RateLimit")
      yield* rejectsInput(Cashback.consultExpected(consultParams, { lang: "FR" } as any))
      yield* rejectsInput(Cashback.consultExpected({ ...consultParams, requestId: "" }))
    })
  )
})
