import { SqlClient } from "@effect/sql"
import { assert, describe, it } from "@effect/vitest"
import { Arbitrary, Effect, Either, Exit, FastCheck, Layer, Option, Schema, TestClock } from "effect"
import * as Ids from "../src/Domain/Ids.js"
import * as P from "../src/Domain/Payment.js"
import * as SimClock from "../src/SimClock.js"
import * as Database from "../src/Store/Database.js"
import { PaymentStore } from "../src/Store/PaymentStore.js"
import * as PaymentStoreModule from "../src/Store/PaymentStore.js"

const TestLayer = PaymentStoreModule.layer.pipe(
  Layer.provideMerge(SimClock.layerMemory),
  Layer.provideMerge(Database.layerMemory)
)

const alice = Database.tenant("key-a", "merchant-a")
const bob = Database.tenant("key-b", "merchant-b")
const aliceOtherMerchant = Database.tenant("key-a")
const jpy = (amount: number): P.MoneyAmount => ({ amount, currency: "JPY" })

const newCode = (merchantPaymentId: string, amount = 1000) =>
  Effect.gen(function* () {
    const now = yield* SimClock.nowSeconds
    const paymentId = yield* Ids.paymentId
    const codeId = yield* Ids.codeId
    return yield* P.createCode(
      { merchantPaymentId, amount: jpy(amount), metadata: { order: 7 } },
      { now, paymentId, codeId }
    )
  })

const completedPayment = (merchantPaymentId: string, amount = 1000) =>
  Effect.gen(function* () {
    const now = yield* SimClock.nowSeconds
    return yield* P.pay(yield* newCode(merchantPaymentId, amount), { now, userAuthorizationId: "user-1" })
  })

const refundWith = (merchantRefundId: string, amount: number) => (payment: P.Payment, now: number) =>
  P.refund(payment, { now, merchantRefundId, amount: jpy(amount) })

describe("PaymentStore", () => {
  it("stored documents need no decoding: decoding a written document gives what JSON.parse gives", () => {
    const encode = Schema.encodeSync(Schema.parseJson(P.Payment))
    const decode = Schema.decodeUnknownSync(Schema.parseJson(P.Payment))
    FastCheck.assert(
      FastCheck.property(Arbitrary.make(P.Payment), (payment) => {
        const doc = encode(payment)
        assert.deepStrictEqual(decode(doc), JSON.parse(doc))
      }),
      { numRuns: 200 }
    )
  })

  it.effect("insert then get round-trips the document", () =>
    Effect.gen(function* () {
      const store = yield* PaymentStore
      const payment = yield* newCode("mp-1")
      assert.deepStrictEqual(yield* store.insert(alice, payment), payment)
      assert.deepStrictEqual(yield* store.get(alice, "mp-1"), Option.some(payment))
      assert.deepStrictEqual(yield* store.getByCodeId(alice, payment.code!.codeId), Option.some(payment))
      assert.deepStrictEqual(yield* store.getByPaymentId(alice, payment.paymentId), Option.some(payment))
      assert.isTrue(Option.isNone(yield* store.get(alice, "missing")))
    }).pipe(Effect.provide(TestLayer))
  )

  it.effect("a duplicate merchantPaymentId fails with DuplicatePayment; other tenants are isolated", () =>
    Effect.gen(function* () {
      const store = yield* PaymentStore
      const first = yield* newCode("mp-1", 1000)
      yield* store.insert(alice, first)
      const duplicate = yield* Effect.flip(store.insert(alice, yield* newCode("mp-1", 2000)))
      assert.strictEqual(duplicate._tag, "DuplicatePayment")
      assert.deepStrictEqual(yield* store.get(alice, "mp-1"), Option.some(first))

      const bobs = yield* newCode("mp-1", 3000)
      yield* store.insert(bob, bobs)
      const otherMerchant = yield* newCode("mp-1", 4000)
      yield* store.insert(aliceOtherMerchant, otherMerchant)
      assert.strictEqual(Option.getOrThrow(yield* store.get(bob, "mp-1")).amount.amount, 3000)
      assert.strictEqual(Option.getOrThrow(yield* store.get(aliceOtherMerchant, "mp-1")).amount.amount, 4000)
      assert.isTrue(Option.isNone(yield* store.getByCodeId(bob, first.code!.codeId)))
      assert.isTrue(Option.isNone(yield* store.getByPaymentId(bob, first.paymentId)))
      assert.deepStrictEqual(
        (yield* store.list(alice)).map((p) => p.amount.amount),
        [1000]
      )
    }).pipe(Effect.provide(TestLayer))
  )

  it.effect("20 concurrent inserts of one merchantPaymentId: exactly one wins", () =>
    Effect.gen(function* () {
      const store = yield* PaymentStore
      const candidates = yield* Effect.forEach(Array.from({ length: 20 }), () => newCode("mp-race"))
      const results = yield* Effect.forEach(candidates, (p) => Effect.either(store.insert(alice, p)), {
        concurrency: "unbounded"
      })
      assert.strictEqual(results.filter(Either.isRight).length, 1)
      assert.isTrue(results.filter(Either.isLeft).every((r) => r.left._tag === "DuplicatePayment"))
      assert.strictEqual((yield* store.list(alice)).length, 1)
    }).pipe(Effect.provide(TestLayer))
  )

  it.effect("locateByCodeId / locateByPaymentId find the owning tenant", () =>
    Effect.gen(function* () {
      const store = yield* PaymentStore
      const payment = yield* newCode("mp-1")
      yield* store.insert(bob, payment)
      const byCode = Option.getOrThrow(yield* store.locateByCodeId(payment.code!.codeId))
      assert.deepStrictEqual(byCode.tenant, bob)
      assert.deepStrictEqual(byCode.payment, payment)
      const byId = Option.getOrThrow(yield* store.locateByPaymentId(payment.paymentId))
      assert.deepStrictEqual(byId.tenant, bob)
      assert.isTrue(Option.isNone(yield* store.locateByCodeId("04-nope")))
    }).pipe(Effect.provide(TestLayer))
  )

  it.effect("update writes the new document and returns the result", () =>
    Effect.gen(function* () {
      const store = yield* PaymentStore
      yield* store.insert(alice, yield* newCode("mp-1"))
      const now = yield* SimClock.nowSeconds
      const [paid, previous] = yield* store.update(alice, "mp-1", (p) =>
        Either.map(P.pay(p, { now, userAuthorizationId: "u" }), (next) => [next, p.status] as const)
      )
      assert.strictEqual(paid.status, "COMPLETED")
      assert.strictEqual(previous, "CREATED")
      assert.strictEqual(Option.getOrThrow(yield* store.get(alice, "mp-1")).status, "COMPLETED")
      const deleted = yield* store.modify(alice, "mp-1", P.deleteCode).pipe(Effect.flip)
      assert.strictEqual(deleted._tag, "AlreadyPaid")
    }).pipe(Effect.provide(TestLayer))
  )

  it.effect("update with Left writes nothing; unknown ids fail with PaymentNotFound", () =>
    Effect.gen(function* () {
      const store = yield* PaymentStore
      const payment = yield* newCode("mp-1")
      yield* store.insert(alice, payment)
      const rejected = yield* Effect.flip(
        store.modify(alice, "mp-1", (p) =>
          P.refund(p, {
            now: 0,
            merchantRefundId: "r",
            amount: jpy(1)
          }).pipe(Either.map(([next]) => next))
        )
      )
      assert.strictEqual(rejected._tag, "NotRefundable")
      assert.deepStrictEqual(yield* store.get(alice, "mp-1"), Option.some(payment))
      const missing = yield* Effect.flip(store.modify(alice, "nope", P.deleteCode))
      assert.strictEqual(missing._tag, "PaymentNotFound")
      if (missing._tag === "PaymentNotFound")
        assert.deepStrictEqual([missing.lookup, missing.id], ["merchantPaymentId", "nope"])
      const otherTenant = yield* Effect.flip(store.modify(bob, "mp-1", P.deleteCode))
      assert.strictEqual(otherTenant._tag, "PaymentNotFound")
    }).pipe(Effect.provide(TestLayer))
  )

  it.effect("a defect inside update rolls the transaction back", () =>
    Effect.gen(function* () {
      const store = yield* PaymentStore
      const payment = yield* newCode("mp-1")
      yield* store.insert(alice, payment)
      const exit = yield* Effect.exit(store.modify(alice, "mp-1", (p) => Either.right({ ...p, paymentId: "changed" })))
      assert.isTrue(Exit.isFailure(exit))
      assert.deepStrictEqual(yield* store.get(alice, "mp-1"), Option.some(payment))
    }).pipe(Effect.provide(TestLayer))
  )

  it.effect("reads apply settle at the simulated now (refund CREATED → REFUNDED, payment → REFUNDED)", () =>
    Effect.gen(function* () {
      const store = yield* PaymentStore
      yield* store.insert(alice, yield* completedPayment("mp-1"))
      const now = yield* SimClock.nowSeconds
      yield* store.update(alice, "mp-1", (p) => refundWith("r-1", 1000)(p, now))
      const before = Option.getOrThrow(yield* store.get(alice, "mp-1"))
      assert.strictEqual(before.refunds[0]?.status, "CREATED")
      assert.strictEqual(before.status, "COMPLETED")
      yield* TestClock.adjust("5 seconds")
      const after = Option.getOrThrow(yield* store.get(alice, "mp-1"))
      assert.strictEqual(after.refunds[0]?.status, "REFUNDED")
      assert.strictEqual(after.status, "REFUNDED")
      assert.strictEqual((yield* store.list(alice))[0]?.status, "REFUNDED")
      const found = Option.getOrThrow(yield* store.findRefund(alice, "r-1"))
      assert.strictEqual(found.refund.status, "REFUNDED")
    }).pipe(Effect.provide(TestLayer))
  )

  it.effect("layerWith sets the refund settlement delay", () =>
    Effect.gen(function* () {
      const store = yield* PaymentStore
      yield* store.insert(alice, yield* completedPayment("mp-1"))
      const now = yield* SimClock.nowSeconds
      yield* store.update(alice, "mp-1", (p) => refundWith("r-1", 10)(p, now))
      yield* TestClock.adjust("59 seconds")
      assert.strictEqual(Option.getOrThrow(yield* store.get(alice, "mp-1")).refunds[0]?.status, "CREATED")
      yield* TestClock.adjust("1 second")
      assert.strictEqual(Option.getOrThrow(yield* store.get(alice, "mp-1")).refunds[0]?.status, "REFUNDED")
    }).pipe(
      Effect.provide(
        PaymentStoreModule.layerWith({ refundSettleSeconds: 60 }).pipe(
          Layer.provideMerge(SimClock.layerMemory),
          Layer.provideMerge(Database.layerMemory)
        )
      )
    )
  )

  it.effect("codes expire by derivation, with no timer", () =>
    Effect.gen(function* () {
      const store = yield* PaymentStore
      const payment = yield* newCode("mp-1")
      yield* store.insert(alice, payment)
      yield* TestClock.adjust("299 seconds")
      assert.strictEqual(
        P.codeState(Option.getOrThrow(yield* store.get(alice, "mp-1")), yield* SimClock.nowSeconds),
        "active"
      )
      yield* TestClock.adjust("1 second")
      const stored = Option.getOrThrow(yield* store.get(alice, "mp-1"))
      assert.strictEqual(P.codeState(stored, yield* SimClock.nowSeconds), "expired")
      assert.strictEqual(stored.status, "CREATED")
    }).pipe(Effect.provide(TestLayer))
  )

  it.effect("findRefund returns the refund with its payment, per tenant", () =>
    Effect.gen(function* () {
      const store = yield* PaymentStore
      yield* store.insert(alice, yield* completedPayment("mp-1"))
      const now = yield* SimClock.nowSeconds
      yield* store.update(alice, "mp-1", (p) => refundWith("r-1", 100)(p, now))
      yield* store.update(alice, "mp-1", (p) => refundWith("r-2", 200)(p, now))
      const found = Option.getOrThrow(yield* store.findRefund(alice, "r-2"))
      assert.strictEqual(found.refund.amount.amount, 200)
      assert.strictEqual(found.payment.merchantPaymentId, "mp-1")
      assert.strictEqual(found.payment.refunds.length, 2)
      assert.isTrue(Option.isNone(yield* store.findRefund(bob, "r-2")))
      assert.isTrue(Option.isNone(yield* store.findRefund(alice, "r-3")))
    }).pipe(Effect.provide(TestLayer))
  )

  it.effect("a merchantRefundId already used on another payment fails with DuplicateRefund and rolls back", () =>
    Effect.gen(function* () {
      const store = yield* PaymentStore
      yield* store.insert(alice, yield* completedPayment("mp-1"))
      yield* store.insert(alice, yield* completedPayment("mp-2"))
      yield* store.insert(bob, yield* completedPayment("mp-1"))
      const now = yield* SimClock.nowSeconds
      yield* store.update(alice, "mp-1", (p) => refundWith("r-1", 100)(p, now))
      const error = yield* Effect.flip(store.update(alice, "mp-2", (p) => refundWith("r-1", 100)(p, now)))
      assert.strictEqual(error._tag, "DuplicateRefund")
      if (error._tag === "DuplicateRefund") {
        assert.strictEqual(error.merchantRefundId, "r-1")
        assert.strictEqual(error.merchantPaymentId, "mp-1")
      }
      assert.deepStrictEqual(Option.getOrThrow(yield* store.get(alice, "mp-2")).refunds, [])
      yield* store.update(bob, "mp-1", (p) => refundWith("r-1", 100)(p, now))
      assert.strictEqual(Option.getOrThrow(yield* store.findRefund(bob, "r-1")).payment.refunds.length, 1)
    }).pipe(Effect.provide(TestLayer))
  )

  // `withMaxOpsBeforeYield(16)` makes the fibers interleave mid-request: a plain read-then-write (get, then
  // update with a precomputed document) accepts all 20 refunds under this setting and loses 17 of them.
  it.effect("20 concurrent refunds on one payment never exceed the paid amount", () =>
    Effect.gen(function* () {
      const store = yield* PaymentStore
      yield* store.insert(alice, yield* completedPayment("mp-1", 1000))
      const now = yield* SimClock.nowSeconds
      const results = yield* Effect.forEach(
        Array.from({ length: 20 }, (_, i) => `r-${i}`),
        (id) => Effect.either(store.update(alice, "mp-1", (p) => refundWith(id, 300)(p, now))),
        { concurrency: "unbounded" }
      ).pipe(Effect.withMaxOpsBeforeYield(16))
      const accepted = results.filter(Either.isRight)
      const rejected = results.filter(Either.isLeft)
      assert.strictEqual(accepted.length, 3)
      assert.strictEqual(rejected.length, 17)
      assert.isTrue(rejected.every((r) => r.left._tag === "RefundAmountExceeded"))
      const stored = Option.getOrThrow(yield* store.get(alice, "mp-1"))
      assert.strictEqual(stored.refunds.length, 3)
      assert.strictEqual(P.refundedAmount(stored), 900)
      assert.deepStrictEqual(
        stored.refunds.map((r) => r.merchantRefundId).sort(),
        accepted.map((r) => r.right[1].refund.merchantRefundId).sort()
      )
      const sql = yield* SqlClient.SqlClient
      const indexed = yield* sql<{ n: number }>`SELECT count(*) AS n FROM refunds`
      assert.strictEqual(indexed[0]?.n, 3)
    }).pipe(Effect.provide(TestLayer))
  )

  it.effect("list is per tenant in insertion order; reset(tenant) and reset()", () =>
    Effect.gen(function* () {
      const store = yield* PaymentStore
      for (const id of ["mp-3", "mp-1", "mp-2"]) yield* store.insert(alice, yield* newCode(id))
      yield* store.insert(bob, yield* completedPayment("mp-9"))
      const now = yield* SimClock.nowSeconds
      yield* store.update(bob, "mp-9", (p) => refundWith("r-9", 1)(p, now))
      assert.deepStrictEqual(
        (yield* store.list(alice)).map((p) => p.merchantPaymentId),
        ["mp-3", "mp-1", "mp-2"]
      )
      yield* store.reset(alice)
      assert.deepStrictEqual(yield* store.list(alice), [])
      assert.strictEqual((yield* store.list(bob)).length, 1)
      assert.isTrue(Option.isSome(yield* store.findRefund(bob, "r-9")))
      yield* store.insert(alice, yield* newCode("mp-1"))
      yield* store.reset()
      assert.deepStrictEqual(yield* store.list(alice), [])
      assert.deepStrictEqual(yield* store.list(bob), [])
      assert.isTrue(Option.isNone(yield* store.findRefund(bob, "r-9")))
    }).pipe(Effect.provide(TestLayer))
  )
})
