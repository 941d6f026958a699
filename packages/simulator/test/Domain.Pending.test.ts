import { assert, describe, it } from "@effect/vitest"
import { Either } from "effect"
import * as P from "../src/Domain/Payment.js"
import * as Pending from "../src/Domain/Pending.js"

const T0 = 1_700_000_000
const jpy = (amount: number): P.MoneyAmount => ({ amount, currency: "JPY" })
const ok = <A>(e: Either.Either<A, P.Rejection>): A => {
  if (Either.isLeft(e)) throw new Error(`unexpected rejection ${e.left._tag}`)
  return e.right
}
const rejected = <A>(e: Either.Either<A, P.Rejection>): string => {
  if (Either.isRight(e)) throw new Error("expected a rejection")
  return e.left._tag
}
const input: Pending.CreatePendingInput = { merchantPaymentId: "ask", userAuthorizationId: "user-1", amount: jpy(800) }
const created = ok(Pending.create(input, { paymentId: "04-1", now: T0 }))

describe("Pending.create", () => {
  it("CREATED for the user, expiring after 6 hours by default", () => {
    assert.strictEqual(created.kind, "pending")
    assert.strictEqual(created.status, "CREATED")
    assert.strictEqual(created.userAuthorizationId, "user-1")
    assert.strictEqual(created.expiresAt, T0 + Pending.DEFAULT_LIFETIME_SECONDS)
    assert.strictEqual(
      ok(Pending.create({ ...input, expiryDate: null }, { paymentId: "x", now: T0 })).expiresAt,
      T0 + 21_600
    )
  })

  it.each([
    { offset: 600, ok: true },
    { offset: 48 * 3600, ok: true },
    { offset: 599, ok: false },
    { offset: 48 * 3600 + 1, ok: false }
  ])("expiryDate now + $offset s → allowed: $ok (10 min – 48 h)", ({ offset, ok: allowed }) => {
    const expiryDate = T0 + offset
    const result = Pending.create({ ...input, expiryDate }, { paymentId: "x", now: T0 })
    if (allowed) assert.strictEqual(ok(result).expiresAt, expiryDate)
    else assert.strictEqual(rejected(result), "InvalidPendingExpiry")
  })

  it("rejects a zero amount", () => {
    assert.strictEqual(
      rejected(Pending.create({ ...input, amount: jpy(0) }, { paymentId: "x", now: T0 })),
      "InvalidAmount"
    )
  })
})

describe("pending payments: accept (Payment.pay), decline, cancel, expiry", () => {
  it("the requested user accepts → COMPLETED; anyone else → WrongUser", () => {
    const paid = ok(P.pay(created, { now: T0 + 5, userAuthorizationId: "user-1" }))
    assert.strictEqual(paid.status, "COMPLETED")
    assert.strictEqual(paid.acceptedAt, T0 + 5)
    assert.strictEqual(rejected(P.pay(created, { now: T0 + 5, userAuthorizationId: "user-2" })), "WrongUser")
    assert.strictEqual(
      rejected(P.pay(paid, { now: T0 + 6, userAuthorizationId: "user-1" })),
      "InvalidRequestOrderState"
    )
  })

  it("decline → FAILED; cancel → CANCELED (idempotent); cancel after payment → InvalidRequestOrderState", () => {
    assert.strictEqual(ok(P.decline(created, { now: T0 })).status, "FAILED")
    const canceled = ok(Pending.cancel(created, { now: T0 + 1 }))
    assert.strictEqual(canceled.status, "CANCELED")
    assert.strictEqual(canceled.canceledAt, T0 + 1)
    assert.strictEqual(ok(Pending.cancel(canceled, { now: T0 + 2 })), canceled)
    const paid = ok(P.pay(created, { now: T0, userAuthorizationId: "user-1" }))
    assert.strictEqual(rejected(Pending.cancel(paid, { now: T0 })), "InvalidRequestOrderState")
    assert.strictEqual(
      rejected(P.pay(canceled, { now: T0 + 2, userAuthorizationId: "user-1" })),
      "InvalidRequestOrderState"
    )
  })

  it("at expiresAt it reads EXPIRED; accept, decline and cancel are refused; expire forces it", () => {
    const at = created.expiresAt!
    assert.strictEqual(P.settle(created, { now: at - 1 }), created)
    assert.strictEqual(P.settle(created, { now: at }).status, "EXPIRED")
    assert.strictEqual(rejected(P.pay(created, { now: at, userAuthorizationId: "user-1" })), "InvalidRequestOrderState")
    assert.strictEqual(rejected(P.decline(created, { now: at })), "InvalidRequestOrderState")
    assert.strictEqual(rejected(Pending.cancel(created, { now: at })), "InvalidRequestOrderState")
    const forced = ok(P.expire(created, { now: T0 + 60 }))
    assert.strictEqual(forced.status, "EXPIRED")
    assert.strictEqual(forced.expiresAt, T0 + 60)
  })

  it("a completed pending payment is refundable like any payment", () => {
    const paid = ok(P.pay(created, { now: T0, userAuthorizationId: "user-1" }))
    const [refunded] = ok(P.refund(paid, { now: T0 + 1, merchantRefundId: "r", amount: jpy(800) }))
    assert.strictEqual(P.settle(refunded, { now: T0 + 10 }).status, "REFUNDED")
  })
})
