import { assert, describe, it } from "@effect/vitest"
import { Either } from "effect"
import type * as P from "../src/Domain/Payment.js"
import * as Topup from "../src/Domain/Topup.js"

const T0 = 1_700_000_000
const created = Topup.create(
  { merchantTopUpId: "top-1", minimumTopUpAmount: { amount: 1000, currency: "JPY" } },
  { now: T0, codeId: "04-x", topUpId: "7" }
)
const tag = <A>(e: Either.Either<A, P.Rejection>) => (Either.isLeft(e) ? e.left._tag : "ok")
const topUp = (topup: Topup.Topup, amount = 1000, now = T0 + 1, userAuthorizationId = "user-1") =>
  Topup.topUp(topup, { now, userAuthorizationId, amount })

describe("Topup", () => {
  it("create: CREATED, usable for 300 s by default", () => {
    assert.strictEqual(created.status, "CREATED")
    assert.strictEqual(created.expiresAt, T0 + 300)
    assert.strictEqual(
      Topup.create({ merchantTopUpId: "t" }, { now: T0, codeId: "c", topUpId: "1", lifetimeSeconds: 60 }).expiresAt,
      T0 + 60
    )
  })

  it("topUp: COMPLETED with the amount and the payer", () => {
    const done = Either.getOrThrow(topUp(created, 1500))
    assert.strictEqual(done.status, "COMPLETED")
    assert.deepStrictEqual(done.amount, { amount: 1500, currency: "JPY" })
    assert.strictEqual(done.acceptedAt, T0 + 1)
    assert.strictEqual(done.paidBy, "user-1")
    assert.strictEqual(tag(topUp(done)), "AlreadyPaid")
    assert.strictEqual(tag(Topup.remove(done)), "AlreadyPaid")
  })

  it.each([
    { name: "below the minimum", run: () => topUp(created, 999), expected: "TopupBelowMinimum" },
    { name: "a zero amount", run: () => topUp(created, 0), expected: "InvalidAmount" },
    { name: "an expired code", run: () => topUp(created, 1000, T0 + 300), expected: "CodeExpired" },
    { name: "a deleted code", run: () => topUp(Either.getOrThrow(Topup.remove(created))), expected: "CodeDeleted" },
    {
      name: "another user than the code's",
      run: () => topUp({ ...created, userAuthorizationId: "user-2" }),
      expected: "WrongUser"
    }
  ])("topUp refuses $name", ({ expected, run }) => {
    assert.strictEqual(tag(run()), expected)
  })

  it("remove once; a second remove → CodeNotFound", () => {
    const removed = Either.getOrThrow(Topup.remove(created))
    assert.isTrue(removed.deleted)
    assert.strictEqual(tag(Topup.remove(removed)), "CodeNotFound")
  })
})
