import { assert, describe, it } from "@effect/vitest"
import { Either } from "effect"
import * as Jst from "../src/Domain/Jst.js"
import * as P from "../src/Domain/Payment.js"
import * as Preauth from "../src/Domain/Preauth.js"

const T0 = Jst.parse("2024-03-01T12:00:00")
const DAY = Jst.DAY_SECONDS
const jpy = (amount: number): P.MoneyAmount => ({ amount, currency: "JPY" })
const ok = <A>(e: Either.Either<A, P.Rejection>): A => {
  if (Either.isLeft(e)) throw new Error(`unexpected rejection ${e.left._tag}`)
  return e.right
}
const rejected = <A>(e: Either.Either<A, P.Rejection>): string => {
  if (Either.isRight(e)) throw new Error("expected a rejection")
  return e.left._tag
}

const input = { merchantPaymentId: "auth-1", userAuthorizationId: "user-1", amount: jpy(4000) }
const authorized = ok(Preauth.authorize({ ...input, expiresAt: T0 + DAY }, { paymentId: "04-1", now: T0 }))
const captureOf = (amount: number, id = "cap-1") => ({
  merchantCaptureId: id,
  amount: jpy(amount),
  orderDescription: "d"
})
const [waiting] = ok(Preauth.capture(authorized, captureOf(5000), { now: T0 + 10 }))

describe("Preauth.authorize", () => {
  it("AUTHORIZED now, expiresAt as given or 30 days ahead", () => {
    assert.strictEqual(authorized.kind, "preauth")
    assert.strictEqual(authorized.status, "AUTHORIZED")
    assert.strictEqual(authorized.authorizedAt, T0)
    assert.strictEqual(authorized.expiresAt, T0 + DAY)
    assert.isUndefined(authorized.acceptedAt)
    const defaulted = ok(Preauth.authorize(input, { paymentId: "04-2", now: T0 }))
    assert.strictEqual(defaulted.expiresAt, T0 + P.MAX_AUTHORIZATION_SECONDS)
  })

  it.each([
    { name: "expiresAt now", expiresAt: T0, tag: "InvalidAuthorizationExpiry" },
    { name: "expiresAt past 30 days", expiresAt: T0 + 30 * DAY + 1, tag: "InvalidAuthorizationExpiry" }
  ])("$name → $tag", ({ expiresAt, tag }) => {
    assert.strictEqual(rejected(Preauth.authorize({ ...input, expiresAt }, { paymentId: "x", now: T0 })), tag)
  })

  it("exactly 30 days is allowed; zero amount and foreign payment methods are not", () => {
    assert.isTrue(
      Either.isRight(Preauth.authorize({ ...input, expiresAt: T0 + 30 * DAY }, { paymentId: "x", now: T0 }))
    )
    assert.strictEqual(
      rejected(Preauth.authorize({ ...input, amount: jpy(0) }, { paymentId: "x", now: T0 })),
      "InvalidAmount"
    )
    assert.strictEqual(
      rejected(Preauth.authorize({ ...input, paymentMethodType: "CARD" }, { paymentId: "x", now: T0 })),
      "UnsupportedPaymentMethod"
    )
  })
})

describe("Preauth.capture", () => {
  it("full capture → COMPLETED, nothing released", () => {
    const [payment, outcome] = ok(Preauth.capture(authorized, captureOf(4000), { now: T0 + 5 }))
    assert.strictEqual(payment.status, "COMPLETED")
    assert.strictEqual(payment.acceptedAt, T0 + 5)
    assert.deepStrictEqual(outcome, { _tag: "Captured", released: 0 })
    assert.strictEqual(P.paidAmount(payment), 4000)
  })

  it("partial capture → COMPLETED, the rest released; refunds limited to the captured amount", () => {
    const [payment, outcome] = ok(Preauth.capture(authorized, captureOf(2500), { now: T0 + 5 }))
    assert.deepStrictEqual(outcome, { _tag: "Captured", released: 1500 })
    assert.deepStrictEqual(payment.captures[0], {
      merchantCaptureId: "cap-1",
      amount: jpy(2500),
      requestedAt: T0 + 5,
      acceptedAt: T0 + 5,
      status: "COMPLETED",
      orderDescription: "d",
      expiresAt: authorized.expiresAt
    })
    assert.strictEqual(P.refundableAmount(payment), 2500)
    assert.strictEqual(
      rejected(P.refund(payment, { now: T0 + 6, merchantRefundId: "r", amount: jpy(2501) })),
      "RefundAmountExceeded"
    )
  })

  it("above the authorized amount → REAUTHORIZING with a USER_REQUESTED capture that lapses with the authorization", () => {
    assert.strictEqual(waiting.status, "REAUTHORIZING")
    assert.strictEqual(waiting.captures[0]?.status, "USER_REQUESTED")
    assert.strictEqual(waiting.captures[0]?.expiresAt, T0 + DAY)
    assert.deepStrictEqual(ok(Preauth.capture(authorized, captureOf(5000), { now: T0 }))[1], {
      _tag: "ConfirmationRequired"
    })
  })

  it.each([
    { name: "REAUTHORIZING", payment: () => waiting, tag: "ReauthorizationInProgress" },
    { name: "EXPIRED", payment: () => ({ ...authorized, status: "EXPIRED" as const }), tag: "OrderExpired" },
    { name: "CANCELED", payment: () => ({ ...authorized, status: "CANCELED" as const }), tag: "NotCapturable" },
    {
      name: "captured",
      payment: () => ok(Preauth.capture(authorized, captureOf(10), { now: T0 }))[0],
      tag: "AlreadyCaptured"
    },
    { name: "a zero amount", payment: () => authorized, tag: "InvalidAmount", amount: 0 }
  ])("$name → $tag", ({ amount, payment, tag }) => {
    assert.strictEqual(rejected(Preauth.capture(payment(), captureOf(amount ?? 100, "cap-2"), { now: T0 + 20 })), tag)
  })
})

describe("Preauth.confirmCapture / refuseCapture", () => {
  it("confirm → COMPLETED, the extra to debit; the paid amount is the capture", () => {
    const [payment, extra] = ok(Preauth.confirmCapture(waiting, { now: T0 + 30 }))
    assert.strictEqual(payment.status, "COMPLETED")
    assert.strictEqual(payment.acceptedAt, T0 + 30)
    assert.strictEqual(payment.captures[0]?.status, "COMPLETED")
    assert.strictEqual(payment.captures[0]?.acceptedAt, T0 + 30)
    assert.strictEqual(extra, 1000)
    assert.strictEqual(P.paidAmount(payment), 5000)
  })

  it("refuse → AUTHORIZED without the request", () => {
    const payment = ok(Preauth.refuseCapture(waiting))
    assert.strictEqual(payment.status, "AUTHORIZED")
    assert.deepStrictEqual(payment.captures, [])
  })

  it("nothing to confirm or refuse → NotCapturable", () => {
    assert.strictEqual(rejected(Preauth.confirmCapture(authorized, { now: T0 })), "NotCapturable")
    assert.strictEqual(rejected(Preauth.refuseCapture(authorized)), "NotCapturable")
  })
})

describe("Preauth.revert", () => {
  it("AUTHORIZED or REAUTHORIZING → CANCELED with the revert entry; the same id again is a replay", () => {
    const [canceled, replayed] = ok(
      Preauth.revert(authorized, { merchantRevertId: "rv", reason: "r" }, { now: T0 + 9 })
    )
    assert.isFalse(replayed)
    assert.strictEqual(canceled.status, "CANCELED")
    assert.strictEqual(canceled.canceledAt, T0 + 9)
    assert.deepStrictEqual(canceled.revert, {
      merchantRevertId: "rv",
      requestedAt: T0 + 9,
      acceptedAt: T0 + 9,
      reason: "r"
    })
    assert.deepStrictEqual(ok(Preauth.revert(canceled, { merchantRevertId: "rv" }, { now: T0 + 10 })), [canceled, true])
    assert.strictEqual(ok(Preauth.revert(waiting, { merchantRevertId: "rv" }, { now: T0 }))[0].status, "CANCELED")
    assert.strictEqual(rejected(Preauth.revert(canceled, { merchantRevertId: "rv-2" }, { now: T0 })), "NotCancelable")
  })

  it("captured or expired → NotCancelable", () => {
    const captured = ok(Preauth.capture(authorized, captureOf(10), { now: T0 }))[0]
    assert.strictEqual(rejected(Preauth.revert(captured, { merchantRevertId: "rv" }, { now: T0 })), "NotCancelable")
    const expired = P.settle(authorized, { now: T0 + DAY })
    assert.strictEqual(
      rejected(Preauth.revert(expired, { merchantRevertId: "rv" }, { now: T0 + DAY })),
      "NotCancelable"
    )
  })
})

describe("Payment.settle and expire for authorizations", () => {
  it("AUTHORIZED and REAUTHORIZING read EXPIRED from expiresAt on, not before", () => {
    assert.strictEqual(P.settle(authorized, { now: T0 + DAY - 1 }), authorized)
    assert.strictEqual(P.settle(authorized, { now: T0 + DAY }).status, "EXPIRED")
    assert.strictEqual(P.settle(waiting, { now: T0 + DAY }).status, "EXPIRED")
    assert.isTrue(P.isAuthorizationExpired(waiting, T0 + DAY))
    assert.isFalse(P.isAuthorizationExpired({ ...authorized, status: "COMPLETED" }, T0 + DAY))
  })

  it("expire ends REAUTHORIZING as EXPIRED; holdsMoney covers the three money-holding statuses", () => {
    assert.strictEqual(ok(P.expire(waiting, { now: T0 })).status, "EXPIRED")
    assert.deepStrictEqual(P.PaymentStatus.literals.filter(P.holdsMoney), ["AUTHORIZED", "REAUTHORIZING", "COMPLETED"])
  })
})
