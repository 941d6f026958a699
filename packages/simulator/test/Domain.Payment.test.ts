import { assert, describe, it } from "@effect/vitest"
import { Either } from "effect"
import * as Jst from "../src/Domain/Jst.js"
import * as P from "../src/Domain/Payment.js"
import { forRejection, rejectionCode } from "../src/Domain/rejectionCodes.js"

const T0 = Jst.parse("2024-03-01T12:00:00")
const DAY = Jst.DAY_SECONDS
const jpy = (amount: number): P.MoneyAmount => ({ amount, currency: "JPY" })
const ok = <A>(e: Either.Either<A, P.Rejection>): A => {
  if (Either.isLeft(e)) throw new Error(`unexpected rejection ${e.left._tag}`)
  return e.right
}

const created = ok(
  P.createCode(
    { merchantPaymentId: "mp-1", amount: jpy(1000), orderDescription: "coffee" },
    { now: T0, paymentId: "04000000000000000001", codeId: "04-AAAAAAAAAAAAAAAA" }
  )
)
const preauthCode = ok(
  P.createCode(
    { merchantPaymentId: "mp-2", amount: jpy(1000), isAuthorization: true, authorizationExpiry: T0 + 7 * DAY },
    { now: T0, paymentId: "04000000000000000002", codeId: "04-BBBBBBBBBBBBBBBB" }
  )
)
const preauthNoExpiry: P.Payment = { ...preauthCode, code: { ...preauthCode.code!, authorizationExpiry: undefined } }
const PAID_AT = T0 + 10
const completed = ok(P.pay(created, { now: PAID_AT, userAuthorizationId: "user-1" }))
const authorized = ok(P.pay(preauthCode, { now: PAID_AT, userAuthorizationId: "user-1" }))
const deleted = ok(P.deleteCode(created))
const cancelRequested = ok(P.cancel(created, { now: T0 + 1 }))
const failed = ok(P.decline(created, { now: T0 + 1 }))
const canceled = ok(P.cancel(completed, { now: PAID_AT + 1 }))
const expiredAuth: P.Payment = { ...authorized, status: "EXPIRED" }
const reauthorizing: P.Payment = { ...authorized, status: "REAUTHORIZING" }
const native: P.Payment = { ...completed, kind: "native", code: undefined, status: "CREATED", acceptedAt: undefined }
const refundOf = (p: P.Payment, id: string, amount: number, now = PAID_AT + 60) =>
  ok(P.refund(p, { now, merchantRefundId: id, amount: jpy(amount) }))[0]
const partiallyRefunded = refundOf(completed, "r-1", 400)
const fullyRefunded = P.settle(refundOf(completed, "r-1", 1000), { now: PAID_AT + DAY })
const CODE_EXPIRES = T0 + P.DEFAULT_CODE_LIFETIME_SECONDS

type Expect =
  | { readonly status: P.PaymentStatus; readonly check?: (p: P.Payment) => void }
  | { readonly rejected: P.Rejection["_tag"] }

interface Case {
  readonly name: string
  readonly run: () => Either.Either<P.Payment, P.Rejection>
  readonly expect: Expect
}

const runCase = ({ expect, run }: Case) => {
  const result = run()
  if ("rejected" in expect) {
    assert.isTrue(Either.isLeft(result), "expected a rejection")
    if (Either.isLeft(result)) assert.strictEqual(result.left._tag, expect.rejected)
    return
  }
  const payment = ok(result)
  assert.strictEqual(payment.status, expect.status)
  expect.check?.(payment)
}

describe("Payment.createCode", () => {
  it.each<Case>([
    {
      name: "CREATED with a code that expires after the default 300 s",
      run: () => Either.right(created),
      expect: {
        status: "CREATED",
        check: (p) => {
          assert.strictEqual(p.kind, "code")
          assert.strictEqual(p.code?.expiresAt, T0 + 300)
          assert.strictEqual(p.requestedAt, T0)
          assert.isFalse(p.code?.deleted)
          assert.isFalse(p.code?.isAuthorization)
          assert.isFalse(p.cancelRequested)
          assert.deepStrictEqual(p.refunds, [])
          assert.strictEqual(p.orderDescription, "coffee")
        }
      }
    },
    {
      name: "custom lifetime and merchant requestedAt",
      run: () =>
        P.createCode(
          { merchantPaymentId: "m", amount: jpy(1), requestedAt: T0 - 5 },
          { now: T0, paymentId: "p", codeId: "c", lifetimeSeconds: 60 }
        ),
      expect: {
        status: "CREATED",
        check: (p) => {
          assert.strictEqual(p.code?.expiresAt, T0 + 60)
          assert.strictEqual(p.requestedAt, T0 - 5)
        }
      }
    },
    {
      name: "zero amount → InvalidAmount",
      run: () => P.createCode({ merchantPaymentId: "m", amount: jpy(0) }, { now: T0, paymentId: "p", codeId: "c" }),
      expect: { rejected: "InvalidAmount" }
    },
    {
      name: "fractional amount → InvalidAmount",
      run: () => P.createCode({ merchantPaymentId: "m", amount: jpy(1.5) }, { now: T0, paymentId: "p", codeId: "c" }),
      expect: { rejected: "InvalidAmount" }
    },
    {
      name: "authorizationExpiry in the past → InvalidAuthorizationExpiry",
      run: () =>
        P.createCode(
          { merchantPaymentId: "m", amount: jpy(1), isAuthorization: true, authorizationExpiry: T0 },
          { now: T0, paymentId: "p", codeId: "c" }
        ),
      expect: { rejected: "InvalidAuthorizationExpiry" }
    },
    {
      name: "authorizationExpiry beyond 30 days → InvalidAuthorizationExpiry",
      run: () =>
        P.createCode(
          { merchantPaymentId: "m", amount: jpy(1), isAuthorization: true, authorizationExpiry: T0 + 30 * DAY + 1 },
          { now: T0, paymentId: "p", codeId: "c" }
        ),
      expect: { rejected: "InvalidAuthorizationExpiry" }
    },
    {
      name: "authorizationExpiry exactly 30 days → accepted",
      run: () =>
        P.createCode(
          { merchantPaymentId: "m", amount: jpy(1), isAuthorization: true, authorizationExpiry: T0 + 30 * DAY },
          { now: T0, paymentId: "p", codeId: "c" }
        ),
      expect: { status: "CREATED", check: (p) => assert.strictEqual(p.code?.authorizationExpiry, T0 + 30 * DAY) }
    },
    {
      name: "authorizationExpiry is ignored without isAuthorization",
      run: () =>
        P.createCode(
          { merchantPaymentId: "m", amount: jpy(1), authorizationExpiry: T0 - 1 },
          { now: T0, paymentId: "p", codeId: "c" }
        ),
      expect: { status: "CREATED", check: (p) => assert.isUndefined(p.code?.authorizationExpiry) }
    }
  ])("$name", runCase)
})

describe("Payment.pay", () => {
  it.each<Case>([
    {
      name: "CREATED + active code → COMPLETED, acceptedAt = now",
      run: () => P.pay(created, { now: PAID_AT, userAuthorizationId: "user-1" }),
      expect: {
        status: "COMPLETED",
        check: (p) => {
          assert.strictEqual(p.acceptedAt, PAID_AT)
          assert.strictEqual(p.userAuthorizationId, "user-1")
        }
      }
    },
    {
      name: "one second before expiry → COMPLETED",
      run: () => P.pay(created, { now: CODE_EXPIRES - 1, userAuthorizationId: "u" }),
      expect: { status: "COMPLETED" }
    },
    {
      name: "at expiry → CodeExpired",
      run: () => P.pay(created, { now: CODE_EXPIRES, userAuthorizationId: "u" }),
      expect: { rejected: "CodeExpired" }
    },
    {
      name: "deleted code → CodeDeleted",
      run: () => P.pay(deleted, { now: PAID_AT, userAuthorizationId: "u" }),
      expect: { rejected: "CodeDeleted" }
    },
    {
      name: "COMPLETED → AlreadyPaid",
      run: () => P.pay(completed, { now: PAID_AT, userAuthorizationId: "u" }),
      expect: { rejected: "AlreadyPaid" }
    },
    {
      name: "FAILED → AlreadyPaid",
      run: () => P.pay(failed, { now: PAID_AT, userAuthorizationId: "u" }),
      expect: { rejected: "AlreadyPaid" }
    },
    {
      name: "merchant canceled before payment → FAILED",
      run: () => P.pay(cancelRequested, { now: PAID_AT, userAuthorizationId: "u" }),
      expect: { status: "FAILED", check: (p) => assert.isUndefined(p.acceptedAt) }
    },
    {
      name: "isAuthorization → AUTHORIZED until authorizationExpiry",
      run: () => P.pay(preauthCode, { now: PAID_AT, userAuthorizationId: "u" }),
      expect: {
        status: "AUTHORIZED",
        check: (p) => {
          assert.strictEqual(p.authorizedAt, PAID_AT)
          assert.strictEqual(p.expiresAt, T0 + 7 * DAY)
          assert.isUndefined(p.acceptedAt)
        }
      }
    },
    {
      name: "isAuthorization without expiry → AUTHORIZED for 30 days",
      run: () => P.pay(preauthNoExpiry, { now: PAID_AT, userAuthorizationId: "u" }),
      expect: { status: "AUTHORIZED", check: (p) => assert.strictEqual(p.expiresAt, PAID_AT + 30 * DAY) }
    },
    {
      name: "payment without a code (native, CREATED) → COMPLETED",
      run: () => P.pay(native, { now: PAID_AT, userAuthorizationId: "u" }),
      expect: { status: "COMPLETED" }
    }
  ])("$name", runCase)
})

describe("Payment.decline", () => {
  it.each<Case>([
    { name: "CREATED → FAILED", run: () => P.decline(created, { now: PAID_AT }), expect: { status: "FAILED" } },
    {
      name: "expired code → CodeExpired",
      run: () => P.decline(created, { now: CODE_EXPIRES }),
      expect: { rejected: "CodeExpired" }
    },
    {
      name: "COMPLETED → AlreadyPaid",
      run: () => P.decline(completed, { now: PAID_AT }),
      expect: { rejected: "AlreadyPaid" }
    }
  ])("$name", runCase)
})

describe("Payment.deleteCode", () => {
  it.each<Case>([
    {
      name: "CREATED → code deleted, status stays CREATED",
      run: () => P.deleteCode(created),
      expect: { status: "CREATED", check: (p) => assert.isTrue(p.code?.deleted) }
    },
    {
      name: "expired but unpaid → deleted",
      run: () => P.deleteCode(ok(P.expire(created, { now: T0 + 1 }))),
      expect: { status: "CREATED", check: (p) => assert.isTrue(p.code?.deleted) }
    },
    { name: "already deleted → CodeNotFound", run: () => P.deleteCode(deleted), expect: { rejected: "CodeNotFound" } },
    { name: "COMPLETED → AlreadyPaid", run: () => P.deleteCode(completed), expect: { rejected: "AlreadyPaid" } },
    { name: "AUTHORIZED → AlreadyPaid", run: () => P.deleteCode(authorized), expect: { rejected: "AlreadyPaid" } },
    { name: "FAILED → AlreadyPaid", run: () => P.deleteCode(failed), expect: { rejected: "AlreadyPaid" } },
    { name: "no code → CodeNotFound", run: () => P.deleteCode(native), expect: { rejected: "CodeNotFound" } }
  ])("$name", runCase)
})

describe("Payment.cancel", () => {
  const paidLate = ok(P.pay(created, { now: Jst.parse("2024-03-01T12:04:00"), userAuthorizationId: "u" }))
  it.each<Case>([
    {
      name: "CREATED → accepted, cancelRequested, still CREATED",
      run: () => P.cancel(created, { now: T0 + 1 }),
      expect: { status: "CREATED", check: (p) => assert.isTrue(p.cancelRequested) }
    },
    {
      name: "CREATED with cancel already requested → unchanged",
      run: () => P.cancel(cancelRequested, { now: T0 + 2 }),
      expect: { status: "CREATED", check: (p) => assert.strictEqual(p, cancelRequested) }
    },
    {
      name: "COMPLETED within the window → CANCELED, canceledAt = now",
      run: () => P.cancel(completed, { now: PAID_AT + 60 }),
      expect: { status: "CANCELED", check: (p) => assert.strictEqual(p.canceledAt, PAID_AT + 60) }
    },
    {
      name: "COMPLETED, cancel at 00:14:59 JST next day → CANCELED",
      run: () => P.cancel(paidLate, { now: Jst.parse("2024-03-02T00:14:59") }),
      expect: { status: "CANCELED" }
    },
    {
      name: "COMPLETED, cancel at 00:15:00 JST next day → NotReversible",
      run: () => P.cancel(paidLate, { now: Jst.parse("2024-03-02T00:15:00") }),
      expect: { rejected: "NotReversible" }
    },
    {
      name: "COMPLETED with a partial refund → NotReversible",
      run: () => P.cancel(partiallyRefunded, { now: PAID_AT + 120 }),
      expect: { rejected: "NotReversible" }
    },
    {
      name: "AUTHORIZED → CANCELED",
      run: () => P.cancel(authorized, { now: PAID_AT + 60 }),
      expect: { status: "CANCELED", check: (p) => assert.strictEqual(p.canceledAt, PAID_AT + 60) }
    },
    {
      name: "CANCELED → accepted, unchanged",
      run: () => P.cancel(canceled, { now: PAID_AT + 60 }),
      expect: { status: "CANCELED", check: (p) => assert.strictEqual(p, canceled) }
    },
    {
      name: "FAILED → accepted, unchanged",
      run: () => P.cancel(failed, { now: PAID_AT }),
      expect: { status: "FAILED", check: (p) => assert.strictEqual(p, failed) }
    },
    {
      name: "EXPIRED → accepted, unchanged",
      run: () => P.cancel(expiredAuth, { now: PAID_AT }),
      expect: { status: "EXPIRED" }
    },
    {
      name: "REFUNDED → NotReversible",
      run: () => P.cancel(fullyRefunded, { now: PAID_AT + DAY }),
      expect: { rejected: "NotReversible" }
    },
    {
      name: "REAUTHORIZING → NotReversible",
      run: () => P.cancel(reauthorizing, { now: PAID_AT }),
      expect: { rejected: "NotReversible" }
    }
  ])("$name", runCase)

  it("NotReversible carries the reason", () => {
    const late = P.cancel(paidLate, { now: Jst.parse("2024-03-02T00:15:00") })
    const refunded = P.cancel(partiallyRefunded, { now: PAID_AT })
    assert.deepStrictEqual(
      Either.isLeft(late) && late.left._tag === "NotReversible" ? late.left.reason : undefined,
      "WindowClosed"
    )
    assert.deepStrictEqual(
      Either.isLeft(refunded) && refunded.left._tag === "NotReversible" ? refunded.left.reason : undefined,
      "Refunded"
    )
  })
})

describe("Payment.refund", () => {
  const refund = (p: P.Payment, amount: number, id = "r-new", now = PAID_AT + 60) =>
    Either.map(P.refund(p, { now, merchantRefundId: id, amount: jpy(amount), reason: "why" }), ([payment]) => payment)
  const big = ok(P.pay({ ...created, amount: jpy(100_000) }, { now: PAID_AT, userAuthorizationId: "u" }))
  const nineteen = Array.from({ length: 19 }).reduce<P.Payment>((p, _, i) => refundOf(p, `r-${i}`, 1), big)
  const twenty = refundOf(nineteen, "r-19", 1)

  it.each<Case>([
    {
      name: "COMPLETED → new refund CREATED, payment stays COMPLETED",
      run: () => refund(completed, 400),
      expect: {
        status: "COMPLETED",
        check: (p) => {
          assert.strictEqual(p.refunds.length, 1)
          assert.deepStrictEqual(p.refunds[0], {
            merchantRefundId: "r-new",
            paymentId: completed.paymentId,
            amount: jpy(400),
            status: "CREATED",
            requestedAt: PAID_AT + 60,
            acceptedAt: PAID_AT + 60,
            reason: "why"
          })
        }
      }
    },
    {
      name: "partially refunded → second refund up to the rest",
      run: () => refund(partiallyRefunded, 600),
      expect: { status: "COMPLETED", check: (p) => assert.strictEqual(P.refundableAmount(p), 0) }
    },
    {
      name: "cumulative over the paid amount → RefundAmountExceeded",
      run: () => refund(partiallyRefunded, 601),
      expect: { rejected: "RefundAmountExceeded" }
    },
    {
      name: "more than paid → RefundAmountExceeded",
      run: () => refund(completed, 1001),
      expect: { rejected: "RefundAmountExceeded" }
    },
    { name: "zero → InvalidAmount", run: () => refund(completed, 0), expect: { rejected: "InvalidAmount" } },
    { name: "CREATED → NotRefundable", run: () => refund(created, 1), expect: { rejected: "NotRefundable" } },
    { name: "AUTHORIZED → NotRefundable", run: () => refund(authorized, 1), expect: { rejected: "NotRefundable" } },
    { name: "CANCELED → NotRefundable", run: () => refund(canceled, 1), expect: { rejected: "NotRefundable" } },
    { name: "REFUNDED → NotRefundable", run: () => refund(fullyRefunded, 1), expect: { rejected: "NotRefundable" } },
    {
      name: "20 refunds so far → RefundLimitExceeded",
      run: () => refund(twenty, 1),
      expect: { rejected: "RefundLimitExceeded" }
    },
    {
      name: "the 20th refund is accepted",
      run: () => refund(nineteen, 1, "r-19"),
      expect: { status: "COMPLETED", check: (p) => assert.strictEqual(p.refunds.length, 20) }
    },
    {
      name: "at the deadline (23:59:59 JST, +365 days) → accepted",
      run: () => refund(completed, 1, "r-new", Jst.refundDeadline(PAID_AT)),
      expect: { status: "COMPLETED" }
    },
    {
      name: "one second after the deadline → RefundWindowExceeded",
      run: () => refund(completed, 1, "r-new", Jst.refundDeadline(PAID_AT) + 1),
      expect: { rejected: "RefundWindowExceeded" }
    }
  ])("$name", runCase)

  it("the same merchantRefundId returns the existing refund, nothing changes", () => {
    const [payment, outcome] = ok(
      P.refund(partiallyRefunded, { now: PAID_AT + 120, merchantRefundId: "r-1", amount: jpy(999) })
    )
    assert.strictEqual(payment, partiallyRefunded)
    assert.isTrue(outcome.replayed)
    assert.strictEqual(outcome.refund.amount.amount, 400)
    const [, fresh] = ok(P.refund(completed, { now: PAID_AT + 120, merchantRefundId: "r-1", amount: jpy(1) }))
    assert.isFalse(fresh.replayed)
  })

  it("a replay is answered even after the payment became REFUNDED", () => {
    const [payment, outcome] = ok(
      P.refund(fullyRefunded, { now: PAID_AT + 2 * DAY, merchantRefundId: "r-1", amount: jpy(1000) })
    )
    assert.strictEqual(payment, fullyRefunded)
    assert.strictEqual(outcome.refund.status, "REFUNDED")
  })
})

describe("Payment.settle", () => {
  const refundedAt = PAID_AT + 60
  it.each([
    {
      name: "before the delay: refund stays CREATED",
      payment: partiallyRefunded,
      now: refundedAt + 4,
      refund: "CREATED",
      status: "COMPLETED"
    },
    {
      name: "after the delay: partial refund REFUNDED, payment COMPLETED",
      payment: partiallyRefunded,
      now: refundedAt + 5,
      refund: "REFUNDED",
      status: "COMPLETED"
    },
    {
      name: "full refund settled → payment REFUNDED",
      payment: refundOf(completed, "r-1", 1000),
      now: refundedAt + 5,
      refund: "REFUNDED",
      status: "REFUNDED"
    },
    {
      name: "full refund not yet settled → still COMPLETED",
      payment: refundOf(completed, "r-1", 1000),
      now: refundedAt,
      refund: "CREATED",
      status: "COMPLETED"
    }
  ] as const)("$name", ({ now, payment, refund, status }) => {
    const settled = P.settle(payment, { now })
    assert.strictEqual(settled.refunds[0]?.status, refund)
    assert.strictEqual(settled.status, status)
  })

  it("custom delay 0 settles immediately; no change returns the same object", () => {
    assert.strictEqual(
      P.settle(partiallyRefunded, { now: refundedAt, refundSettleSeconds: 0 }).refunds[0]?.status,
      "REFUNDED"
    )
    assert.strictEqual(P.settle(partiallyRefunded, { now: refundedAt }), partiallyRefunded)
    assert.strictEqual(P.settle(completed, { now: refundedAt + DAY }), completed)
    assert.strictEqual(P.settle(created, { now: refundedAt + DAY }), created)
  })

  it("several refunds that together cover the amount → REFUNDED", () => {
    const twoRefunds = refundOf(refundOf(completed, "a", 700, refundedAt), "b", 300, refundedAt + 10)
    assert.strictEqual(P.settle(twoRefunds, { now: refundedAt + 5 }).status, "COMPLETED")
    assert.strictEqual(P.settle(twoRefunds, { now: refundedAt + 15 }).status, "REFUNDED")
  })
})

describe("Payment.expire", () => {
  it.each<Case>([
    {
      name: "CREATED with an active code → code expires now, still CREATED",
      run: () => P.expire(created, { now: T0 + 1 }),
      expect: {
        status: "CREATED",
        check: (p) => {
          assert.strictEqual(p.code?.expiresAt, T0 + 1)
          assert.strictEqual(P.codeState(p, T0 + 1), "expired")
        }
      }
    },
    {
      name: "already expired code → unchanged",
      run: () => P.expire(created, { now: CODE_EXPIRES + 10 }),
      expect: { status: "CREATED", check: (p) => assert.strictEqual(p, created) }
    },
    { name: "AUTHORIZED → EXPIRED", run: () => P.expire(authorized, { now: PAID_AT }), expect: { status: "EXPIRED" } },
    {
      name: "COMPLETED → AlreadyPaid",
      run: () => P.expire(completed, { now: PAID_AT }),
      expect: { rejected: "AlreadyPaid" }
    },
    {
      name: "CREATED without code → CodeNotFound",
      run: () => P.expire(native, { now: PAID_AT }),
      expect: { rejected: "CodeNotFound" }
    }
  ])("$name", runCase)
})

describe("Payment.codeState", () => {
  it.each([
    { name: "active", payment: created, now: T0, state: "active" },
    { name: "active one second before expiry", payment: created, now: CODE_EXPIRES - 1, state: "active" },
    { name: "expired at expiresAt", payment: created, now: CODE_EXPIRES, state: "expired" },
    { name: "deleted", payment: deleted, now: T0, state: "deleted" },
    { name: "used (COMPLETED)", payment: completed, now: CODE_EXPIRES + 100, state: "used" },
    { name: "used (FAILED)", payment: failed, now: T0, state: "used" },
    { name: "none without a code", payment: native, now: T0, state: "none" }
  ] as const)("$name", ({ now, payment, state }) => {
    assert.strictEqual(P.codeState(payment, now), state)
  })
})

describe("rejectionCode", () => {
  it.each([
    { tag: "AlreadyPaid", code: "DYNAMIC_QR_ALREADY_PAID", codeId: "01652074" },
    { tag: "CodeNotFound", code: "DYNAMIC_QR_NOT_FOUND", codeId: "01652072" },
    { tag: "CodeDeleted", code: "DYNAMIC_QR_NOT_FOUND", codeId: "01652072" },
    { tag: "NotReversible", code: "ORDER_NOT_REVERSIBLE", codeId: "00200044" },
    { tag: "NotRefundable", code: "UNACCEPTABLE_OP", codeId: "00200013" },
    { tag: "RefundAmountExceeded", code: "INVALID_PARAMS", codeId: "00200015" },
    { tag: "RefundLimitExceeded", code: "REFUND_LIMIT_EXCEEDED", codeId: undefined },
    { tag: "RefundWindowExceeded", code: "REFUND_WINDOW_EXCEED", codeId: undefined },
    { tag: "NoSufficientFund", code: "NO_SUFFICIENT_FUND", codeId: undefined },
    { tag: "CodeExpired", code: "ORDER_EXPIRED", codeId: "00200043" }
  ] as const)("$tag → $code", ({ code, codeId, tag }) => {
    assert.strictEqual(rejectionCode[tag].code, code)
    assert.strictEqual(rejectionCode[tag].codeId, codeId)
  })

  it("forRejection looks up a value", () => {
    assert.strictEqual(forRejection(P.Rejection.RefundLimitExceeded({ limit: 20 })).code, "REFUND_LIMIT_EXCEEDED")
    assert.isTrue(Object.values(rejectionCode).every((ref) => /^[A-Z_]+$/.test(ref.code)))
  })
})
