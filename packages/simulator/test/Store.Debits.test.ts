import { assert, describe, it } from "@effect/vitest"
import { Effect, Either, Layer, Option, TestClock } from "effect"
import * as SimClock from "../src/SimClock.js"
import * as Captures from "../src/Store/Captures.js"
import * as Database from "../src/Store/Database.js"
import * as Debits from "../src/Store/Debits.js"
import { releaseExpired } from "../src/Store/Expiry.js"
import * as PaymentStore from "../src/Store/PaymentStore.js"
import * as Transactions from "../src/Store/Transactions.js"
import * as UserStore from "../src/Store/UserStore.js"

const TestLayer = Transactions.layer.pipe(
  Layer.provideMerge(Layer.mergeAll(PaymentStore.layer, UserStore.layer)),
  Layer.provideMerge(SimClock.layerMemory),
  Layer.provideMerge(Database.layerMemory)
)

const shop = Database.tenant("key", "merchant")
const jpy = (amount: number) => ({ amount, currency: "JPY" as const })
const balance = (id = "user-1") =>
  Effect.flatMap(UserStore.UserStore, (users) => users.get(shop, id)).pipe(
    Effect.map((user) => Option.getOrThrow(user).balance)
  )
const status = (merchantPaymentId: string) =>
  Effect.flatMap(PaymentStore.PaymentStore, (payments) => payments.get(shop, merchantPaymentId)).pipe(
    Effect.map((payment) => Option.getOrThrow(payment).status)
  )
const user = (balance = 10_000) =>
  Effect.flatMap(UserStore.UserStore, (users) => users.create(shop, { userAuthorizationId: "user-1", balance }))

describe("Store Debits, Captures and Expiry", () => {
  it.effect("two concurrent native payments of one amount: one completes, one is a suspected duplicate", () =>
    Effect.gen(function* () {
      yield* user()
      const pay = (merchantPaymentId: string) =>
        Effect.either(Debits.createNative(shop, { merchantPaymentId, userAuthorizationId: "user-1", amount: jpy(700) }))
      const results = yield* Effect.all([pay("a"), pay("b")], { concurrency: "unbounded" }).pipe(
        Effect.withMaxOpsBeforeYield(16)
      )
      assert.strictEqual(results.filter(Either.isRight).length, 1)
      assert.strictEqual(results.find(Either.isLeft)?.left._tag, "SuspectedDuplicate")
      assert.strictEqual(yield* balance(), 9300)
    }).pipe(Effect.provide(TestLayer))
  )

  it.effect(
    "the similar-transaction rule is per merchant: the same user and amount on another merchant of the key",
    () =>
      Effect.gen(function* () {
        const other = Database.tenant("key", "merchant-2")
        const otherKey = Database.tenant("key-2", "merchant")
        for (const owner of [shop, other, otherKey]) {
          yield* Effect.flatMap(UserStore.UserStore, (users) => users.create(owner, { userAuthorizationId: "user-1" }))
        }
        const pay = (owner: Database.Tenant, merchantPaymentId: string) =>
          Effect.either(
            Debits.createNative(owner, { merchantPaymentId, userAuthorizationId: "user-1", amount: jpy(700) })
          )
        assert.isTrue(Either.isRight(yield* pay(shop, "first")))
        assert.isTrue(Either.isRight(yield* pay(other, "on-another-merchant")))
        assert.isTrue(Either.isRight(yield* pay(otherKey, "on-another-key")))
        const again = yield* pay(shop, "again")
        assert.strictEqual(Either.isLeft(again) ? again.left._tag : "Right", "SuspectedDuplicate")
        const otherAmount = yield* Effect.either(
          Debits.createNative(shop, {
            merchantPaymentId: "other-amount",
            userAuthorizationId: "user-1",
            amount: jpy(701)
          })
        )
        assert.isTrue(Either.isRight(otherAmount))
        yield* TestClock.adjust("301 seconds")
        assert.isTrue(Either.isRight(yield* pay(shop, "after-the-window")))
      }).pipe(Effect.provide(TestLayer))
  )

  it.effect("a refused debit writes nothing: no payment, no balance change", () =>
    Effect.gen(function* () {
      yield* user(100)
      const error = yield* Effect.flip(
        Debits.authorize(shop, { merchantPaymentId: "big", userAuthorizationId: "user-1", amount: jpy(101) })
      )
      assert.strictEqual(error._tag, "NoSufficientFund")
      const stored = yield* Effect.flatMap(PaymentStore.PaymentStore, (payments) => payments.get(shop, "big"))
      assert.isTrue(Option.isNone(stored))
      assert.strictEqual(yield* balance(), 100)
    }).pipe(Effect.provide(TestLayer))
  )

  it.effect("expiry releases the hold exactly once, whoever reads first; the status column follows", () =>
    Effect.gen(function* () {
      yield* user()
      const clock = yield* SimClock.SimClock
      const now = yield* clock.nowSeconds
      yield* Debits.authorize(shop, {
        merchantPaymentId: "hold",
        userAuthorizationId: "user-1",
        amount: jpy(4000),
        expiresAt: now + 10
      })
      assert.strictEqual(yield* balance(), 6000)
      yield* clock.advance(10)
      yield* Effect.all([releaseExpired, releaseExpired, balance(), status("hold")], { concurrency: "unbounded" })
      assert.strictEqual(yield* balance(), 10_000)
      assert.strictEqual(yield* status("hold"), "EXPIRED")
      const tx = yield* Transactions.Transactions
      yield* tx.expire(shop, "hold").pipe(Effect.ignore)
      assert.strictEqual(yield* balance(), 10_000)
    }).pipe(Effect.provide(TestLayer))
  )

  it.effect("an expired hold of a deleted user is ended without a credit", () =>
    Effect.gen(function* () {
      yield* user()
      const clock = yield* SimClock.SimClock
      const now = yield* clock.nowSeconds
      yield* Debits.authorize(shop, {
        merchantPaymentId: "h",
        userAuthorizationId: "user-1",
        amount: jpy(1),
        expiresAt: now + 1
      })
      yield* Effect.flatMap(UserStore.UserStore, (users) => users.reset(shop))
      yield* clock.advance(1)
      assert.strictEqual(yield* status("h"), "EXPIRED")
    }).pipe(Effect.provide(TestLayer))
  )

  it.effect("capture, confirmation and revert move exactly the money they report", () =>
    Effect.gen(function* () {
      yield* user()
      yield* Debits.authorize(shop, { merchantPaymentId: "p", userAuthorizationId: "user-1", amount: jpy(3000) })
      const [, outcome] = yield* Captures.capture(shop, {
        merchantPaymentId: "p",
        merchantCaptureId: "c",
        amount: jpy(3500)
      })
      assert.strictEqual(outcome._tag, "ConfirmationRequired")
      assert.strictEqual(yield* balance(), 7000)
      yield* Captures.confirmCapture(shop, "p")
      assert.strictEqual(yield* balance(), 6500)
      yield* Debits.authorize(shop, { merchantPaymentId: "q", userAuthorizationId: "user-1", amount: jpy(1000) })
      const stored = yield* Effect.flatMap(PaymentStore.PaymentStore, (payments) => payments.get(shop, "q"))
      yield* Captures.revert(shop, { merchantRevertId: "rv", paymentId: Option.getOrThrow(stored).paymentId })
      yield* Captures.revert(shop, { merchantRevertId: "rv", paymentId: Option.getOrThrow(stored).paymentId })
      assert.strictEqual(yield* balance(), 6500)
      const tx = yield* Transactions.Transactions
      yield* tx.cancel(shop, "p")
      assert.strictEqual(yield* balance(), 10_000)
    }).pipe(Effect.provide(TestLayer))
  )
})
