import { assert, describe, it } from "@effect/vitest"
import { Effect, Either, Layer, Option, Random, TestClock } from "effect"
import * as SimClock from "../src/SimClock.js"
import * as Database from "../src/Store/Database.js"
import * as UserStore from "../src/Store/UserStore.js"

const TestLayer = UserStore.layer.pipe(
  Layer.provideMerge(SimClock.layerMemory),
  Layer.provideMerge(Database.layerMemory)
)

const alice = Database.tenant("key-a", "merchant-a")
const bob = Database.tenant("key-b")
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe("UserStore", () => {
  it.effect("create applies the defaults", () =>
    Effect.gen(function* () {
      const users = yield* UserStore.UserStore
      yield* TestClock.adjust("90 seconds")
      const user = yield* users.create(alice)
      assert.match(user.userAuthorizationId, UUID_V4)
      assert.strictEqual(user.balance, 100_000)
      assert.deepStrictEqual(user.scopes, UserStore.ALL_SCOPES)
      assert.strictEqual(user.status, "ACTIVE")
      assert.deepStrictEqual(user.referenceIds, [])
      assert.strictEqual(user.createdAt, 90)
      assert.deepStrictEqual(yield* users.get(alice, user.userAuthorizationId), Option.some(user))
    }).pipe(Effect.provide(TestLayer))
  )

  it.effect("create takes explicit values; generated ids are deterministic under a seeded Random", () =>
    Effect.gen(function* () {
      const users = yield* UserStore.UserStore
      const explicit = yield* users.create(alice, {
        userAuthorizationId: "user-1",
        balance: 500,
        scopes: ["direct_debit"],
        status: "INACTIVE",
        referenceIds: ["ref-1"]
      })
      assert.deepStrictEqual(explicit, {
        userAuthorizationId: "user-1",
        balance: 500,
        scopes: ["direct_debit"],
        status: "INACTIVE",
        referenceIds: ["ref-1"],
        createdAt: 0
      })
      const a = yield* Effect.withRandom(users.create(alice), Random.make(42))
      const b = yield* Effect.withRandom(users.create(bob), Random.make(42))
      assert.strictEqual(a.userAuthorizationId, b.userAuthorizationId)
    }).pipe(Effect.provide(TestLayer))
  )

  it.effect("duplicate ids fail with DuplicateUser within a tenant only", () =>
    Effect.gen(function* () {
      const users = yield* UserStore.UserStore
      yield* users.create(alice, { userAuthorizationId: "user-1", balance: 1 })
      const error = yield* Effect.flip(users.create(alice, { userAuthorizationId: "user-1", balance: 2 }))
      assert.strictEqual(error._tag, "DuplicateUser")
      yield* users.create(bob, { userAuthorizationId: "user-1", balance: 3 })
      assert.strictEqual(Option.getOrThrow(yield* users.get(alice, "user-1")).balance, 1)
      assert.strictEqual(Option.getOrThrow(yield* users.get(bob, "user-1")).balance, 3)
      assert.isTrue(Option.isNone(yield* users.get(Database.tenant("key-a"), "user-1")))
    }).pipe(Effect.provide(TestLayer))
  )

  it.effect("update with debit / credit; rejections write nothing", () =>
    Effect.gen(function* () {
      const users = yield* UserStore.UserStore
      yield* users.create(alice, { userAuthorizationId: "user-1", balance: 1000 })
      const [debited] = yield* users.update(alice, "user-1", UserStore.debit(400))
      assert.strictEqual(debited.balance, 600)
      const poor = yield* Effect.flip(users.update(alice, "user-1", UserStore.debit(601)))
      assert.strictEqual(poor._tag, "NoSufficientFund")
      const [credited] = yield* users.update(alice, "user-1", UserStore.credit(50))
      assert.strictEqual(credited.balance, 650)
      yield* users.update(alice, "user-1", (u) => Either.right([{ ...u, status: "INACTIVE" as const }, undefined]))
      const inactive = yield* Effect.flip(users.update(alice, "user-1", UserStore.debit(1)))
      assert.strictEqual(inactive._tag, "UserNotActive")
      const [refunded] = yield* users.update(alice, "user-1", UserStore.credit(1))
      assert.strictEqual(refunded.balance, 651)
      assert.strictEqual(Option.getOrThrow(yield* users.get(alice, "user-1")).balance, 651)
      const missing = yield* Effect.flip(users.update(bob, "user-1", UserStore.credit(1)))
      assert.strictEqual(missing._tag, "UserNotFound")
    }).pipe(Effect.provide(TestLayer))
  )

  it.effect("20 concurrent debits never overdraw", () =>
    Effect.gen(function* () {
      const users = yield* UserStore.UserStore
      yield* users.create(alice, { userAuthorizationId: "user-1", balance: 100_000 })
      const results = yield* Effect.all(
        Array.from({ length: 20 }, () => Effect.either(users.update(alice, "user-1", UserStore.debit(15_000)))),
        { concurrency: "unbounded" }
      ).pipe(Effect.withMaxOpsBeforeYield(16))
      assert.strictEqual(results.filter(Either.isRight).length, 6)
      assert.strictEqual(Option.getOrThrow(yield* users.get(alice, "user-1")).balance, 10_000)
    }).pipe(Effect.provide(TestLayer))
  )

  it.effect("list per tenant in creation order; reset(tenant) and reset()", () =>
    Effect.gen(function* () {
      const users = yield* UserStore.UserStore
      for (const id of ["u-2", "u-1", "u-3"]) yield* users.create(alice, { userAuthorizationId: id })
      yield* users.create(bob, { userAuthorizationId: "u-9" })
      assert.deepStrictEqual(
        (yield* users.list(alice)).map((u) => u.userAuthorizationId),
        ["u-2", "u-1", "u-3"]
      )
      yield* users.reset(alice)
      assert.deepStrictEqual(yield* users.list(alice), [])
      assert.strictEqual((yield* users.list(bob)).length, 1)
      yield* users.reset()
      assert.deepStrictEqual(yield* users.list(bob), [])
    }).pipe(Effect.provide(TestLayer))
  )
})
