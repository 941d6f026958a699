import { assert, describe, it } from "@effect/vitest"
import { Effect, Either, Layer, Option } from "effect"
import * as Ids from "../src/Domain/Ids.js"
import * as Jst from "../src/Domain/Jst.js"
import * as P from "../src/Domain/Payment.js"
import * as SimClock from "../src/SimClock.js"
import * as Database from "../src/Store/Database.js"
import * as PaymentStore from "../src/Store/PaymentStore.js"
import * as Transactions from "../src/Store/Transactions.js"
import * as UserStore from "../src/Store/UserStore.js"

const TestLayer = Transactions.layer.pipe(
  Layer.provideMerge(Layer.mergeAll(PaymentStore.layer, UserStore.layer)),
  Layer.provideMerge(SimClock.layerMemory),
  Layer.provideMerge(Database.layerMemory)
)

const shop = Database.tenant("key", "merchant")
const jpy = (amount: number): P.MoneyAmount => ({ amount, currency: "JPY" })

const setup = (options: { readonly amount?: number; readonly balance?: number; readonly isAuthorization?: boolean }) =>
  Effect.gen(function* () {
    const clock = yield* SimClock.SimClock
    yield* clock.set(Jst.parse("2024-03-01T12:00:00") * 1000)
    const payments = yield* PaymentStore.PaymentStore
    const users = yield* UserStore.UserStore
    const now = yield* clock.nowSeconds
    const payment = yield* P.createCode(
      { merchantPaymentId: "mp-1", amount: jpy(options.amount ?? 1000), isAuthorization: options.isAuthorization },
      { now, paymentId: yield* Ids.paymentId, codeId: yield* Ids.codeId }
    )
    yield* payments.insert(shop, payment)
    yield* users.create(shop, { userAuthorizationId: "user-1", balance: options.balance ?? 5000 })
    return { clock, payments, users, tx: yield* Transactions.Transactions, payment }
  })

const balance = Effect.flatMap(UserStore.UserStore, (users) => users.get(shop, "user-1")).pipe(
  Effect.map((user) => Option.getOrThrow(user).balance)
)
const status = Effect.flatMap(PaymentStore.PaymentStore, (payments) => payments.get(shop, "mp-1")).pipe(
  Effect.map((payment) => Option.getOrThrow(payment).status)
)

describe("Transactions", () => {
  it.effect("pay completes the payment and debits the user", () =>
    Effect.gen(function* () {
      const { tx } = yield* setup({})
      const paid = yield* tx.pay(shop, "mp-1", "user-1")
      assert.strictEqual(paid.status, "COMPLETED")
      assert.strictEqual(paid.userAuthorizationId, "user-1")
      assert.strictEqual(yield* balance, 4000)
      assert.strictEqual(yield* status, "COMPLETED")
    }).pipe(Effect.provide(TestLayer))
  )

  it.effect("insufficient funds roll the payment back to CREATED", () =>
    Effect.gen(function* () {
      const { tx } = yield* setup({ amount: 6000 })
      const error = yield* Effect.flip(tx.pay(shop, "mp-1", "user-1"))
      assert.strictEqual(error._tag, "NoSufficientFund")
      assert.strictEqual(yield* status, "CREATED")
      assert.strictEqual(yield* balance, 5000)
    }).pipe(Effect.provide(TestLayer))
  )

  it.effect("an inactive or unknown user cannot pay; nothing is written", () =>
    Effect.gen(function* () {
      const { tx, users } = yield* setup({})
      const unknown = yield* Effect.flip(tx.pay(shop, "mp-1", "nobody"))
      assert.strictEqual(unknown._tag, "UserNotFound")
      yield* users.update(shop, "user-1", (u) => Either.right([{ ...u, status: "INACTIVE" as const }, undefined]))
      const inactive = yield* Effect.flip(tx.pay(shop, "mp-1", "user-1"))
      assert.strictEqual(inactive._tag, "UserNotActive")
      assert.strictEqual(yield* status, "CREATED")
    }).pipe(Effect.provide(TestLayer))
  )

  it.effect("two users racing for one code: one pays, one gets AlreadyPaid", () =>
    Effect.gen(function* () {
      const { tx, users } = yield* setup({})
      yield* users.create(shop, { userAuthorizationId: "user-2", balance: 5000 })
      const results = yield* Effect.all(
        [Effect.either(tx.pay(shop, "mp-1", "user-1")), Effect.either(tx.pay(shop, "mp-1", "user-2"))],
        { concurrency: "unbounded" }
      ).pipe(Effect.withMaxOpsBeforeYield(16))
      assert.strictEqual(results.filter(Either.isRight).length, 1)
      const loser = results.find(Either.isLeft)
      assert.strictEqual(loser?.left._tag, "AlreadyPaid")
      const balances = yield* Effect.forEach(["user-1", "user-2"], (id) => users.get(shop, id))
      assert.strictEqual(
        balances.reduce((sum, u) => sum + Option.getOrThrow(u).balance, 0),
        9000
      )
    }).pipe(Effect.provide(TestLayer))
  )

  it.effect("a cancel before payment makes the payment FAILED without moving money", () =>
    Effect.gen(function* () {
      const { tx } = yield* setup({})
      const accepted = yield* tx.cancel(shop, "mp-1")
      assert.strictEqual(accepted.status, "CREATED")
      assert.isTrue(accepted.cancelRequested)
      const failed = yield* tx.pay(shop, "mp-1", "user-1")
      assert.strictEqual(failed.status, "FAILED")
      assert.strictEqual(yield* balance, 5000)
    }).pipe(Effect.provide(TestLayer))
  )

  it.effect("expired code: pay is rejected and the payment stays CREATED", () =>
    Effect.gen(function* () {
      const { clock, tx } = yield* setup({})
      yield* clock.advance(300)
      const error = yield* Effect.flip(tx.pay(shop, "mp-1", "user-1"))
      assert.strictEqual(error._tag, "CodeExpired")
      assert.strictEqual(yield* status, "CREATED")
      assert.strictEqual(yield* balance, 5000)
    }).pipe(Effect.provide(TestLayer))
  )

  it.effect("decline fails the payment; no money moves", () =>
    Effect.gen(function* () {
      const { tx } = yield* setup({})
      assert.strictEqual((yield* tx.decline(shop, "mp-1")).status, "FAILED")
      assert.strictEqual(yield* balance, 5000)
    }).pipe(Effect.provide(TestLayer))
  )

  it.effect("cancel within the JST window refunds the user; after 00:15 it is NotReversible", () =>
    Effect.gen(function* () {
      const { clock, tx } = yield* setup({})
      yield* tx.pay(shop, "mp-1", "user-1")
      yield* clock.set(Jst.parse("2024-03-02T00:15:00") * 1000)
      const late = yield* Effect.flip(tx.cancel(shop, "mp-1"))
      assert.strictEqual(late._tag, "NotReversible")
      assert.strictEqual(yield* balance, 4000)
      yield* clock.set(Jst.parse("2024-03-02T00:14:59") * 1000)
      const canceled = yield* tx.cancel(shop, "mp-1")
      assert.strictEqual(canceled.status, "CANCELED")
      assert.strictEqual(yield* balance, 5000)
      yield* tx.cancel(shop, "mp-1")
      assert.strictEqual(yield* balance, 5000)
    }).pipe(Effect.provide(TestLayer))
  )

  it.effect("refund credits the user once; a replayed merchantRefundId moves nothing", () =>
    Effect.gen(function* () {
      const { payment, tx } = yield* setup({})
      yield* tx.pay(shop, "mp-1", "user-1")
      const input = { paymentId: payment.paymentId, merchantRefundId: "r-1", amount: jpy(300), reason: "damaged" }
      const [, first] = yield* tx.refund(shop, input)
      assert.isFalse(first.replayed)
      assert.strictEqual(first.refund.status, "CREATED")
      assert.strictEqual(first.refund.reason, "damaged")
      assert.strictEqual(yield* balance, 4300)
      const [, again] = yield* tx.refund(shop, input)
      assert.isTrue(again.replayed)
      assert.strictEqual(yield* balance, 4300)
      const tooMuch = yield* Effect.flip(tx.refund(shop, { ...input, merchantRefundId: "r-2", amount: jpy(701) }))
      assert.strictEqual(tooMuch._tag, "RefundAmountExceeded")
      assert.strictEqual(yield* balance, 4300)
      const unknown = yield* Effect.flip(tx.refund(shop, { ...input, paymentId: "04000000000000000000" }))
      assert.strictEqual(unknown._tag, "PaymentNotFound")
    }).pipe(Effect.provide(TestLayer))
  )

  it.effect("20 concurrent refunds credit exactly what was accepted", () =>
    Effect.gen(function* () {
      const { payment, tx } = yield* setup({})
      yield* tx.pay(shop, "mp-1", "user-1")
      const results = yield* Effect.forEach(
        Array.from({ length: 20 }, (_, i) => `r-${i}`),
        (merchantRefundId) =>
          Effect.either(tx.refund(shop, { paymentId: payment.paymentId, merchantRefundId, amount: jpy(300) })),
        { concurrency: "unbounded" }
      ).pipe(Effect.withMaxOpsBeforeYield(16))
      assert.strictEqual(results.filter(Either.isRight).length, 3)
      assert.strictEqual(yield* balance, 4900)
    }).pipe(Effect.provide(TestLayer))
  )

  it.effect("an authorization holds the money; expire releases it", () =>
    Effect.gen(function* () {
      const { tx } = yield* setup({ isAuthorization: true })
      const authorized = yield* tx.pay(shop, "mp-1", "user-1")
      assert.strictEqual(authorized.status, "AUTHORIZED")
      assert.strictEqual(yield* balance, 4000)
      assert.strictEqual((yield* tx.expire(shop, "mp-1")).status, "EXPIRED")
      assert.strictEqual(yield* balance, 5000)
    }).pipe(Effect.provide(TestLayer))
  )

  it.effect("atomically rolls back every store change on failure", () =>
    Effect.gen(function* () {
      const { tx, users } = yield* setup({})
      const result = yield* Effect.flip(
        tx.atomically(
          Effect.gen(function* () {
            yield* tx.pay(shop, "mp-1", "user-1")
            yield* users.update(shop, "user-1", UserStore.credit(1))
            return yield* Effect.fail("boom" as const)
          })
        )
      )
      assert.strictEqual(result, "boom")
      assert.strictEqual(yield* status, "CREATED")
      assert.strictEqual(yield* balance, 5000)
    }).pipe(Effect.provide(TestLayer))
  )
})
