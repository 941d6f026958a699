import { assert, describe, it } from "@effect/vitest"
import { Either, Option } from "effect"
import * as DirectDebit from "../src/Domain/DirectDebit.js"
import type * as P from "../src/Domain/Payment.js"
import { rejectionCode } from "../src/Domain/rejectionCodes.js"

const T0 = 1_700_000_000
const jpy = (amount: number): P.MoneyAmount => ({ amount, currency: "JPY" })
const input: DirectDebit.DebitInput = {
  merchantPaymentId: "n-1",
  userAuthorizationId: "user-1",
  amount: jpy(500),
  orderDescription: "tea",
  metadata: { table: 3 }
}
const ok = <A>(e: Either.Either<A, P.Rejection>): A => {
  if (Either.isLeft(e)) throw new Error(`unexpected rejection ${e.left._tag}`)
  return e.right
}
const native = ok(DirectDebit.createPayment(input, { kind: "native", paymentId: "04-1", now: T0 }))

describe("DirectDebit.createPayment", () => {
  it("native and continuous payments are COMPLETED at once with the order fields", () => {
    assert.strictEqual(native.status, "COMPLETED")
    assert.strictEqual(native.kind, "native")
    assert.strictEqual(native.acceptedAt, T0)
    assert.strictEqual(native.requestedAt, T0)
    assert.strictEqual(native.userAuthorizationId, "user-1")
    assert.deepStrictEqual(native.metadata, { table: 3 })
    assert.isFalse("storeId" in native)
    const continuous = ok(
      DirectDebit.createPayment({ ...input, requestedAt: 5 }, { kind: "continuous", paymentId: "04-2", now: T0 })
    )
    assert.strictEqual(continuous.kind, "continuous")
    assert.strictEqual(continuous.requestedAt, 5)
  })

  it("rejects a non-positive amount and foreign payment methods", () => {
    const reject = (fields: Partial<DirectDebit.DebitInput>) => {
      const result = DirectDebit.createPayment({ ...input, ...fields }, { kind: "native", paymentId: "x", now: T0 })
      return Either.isLeft(result) ? result.left._tag : "ok"
    }
    assert.strictEqual(reject({ amount: jpy(0) }), "InvalidAmount")
    assert.strictEqual(reject({ paymentMethodType: "PAY_LATER_CC" }), "UnsupportedPaymentMethod")
    assert.strictEqual(reject({ paymentMethodId: "card-9" }), "PaymentMethodNotFound")
    assert.isTrue(
      Either.isRight(
        DirectDebit.createPayment(
          { ...input, paymentMethodType: "WALLET", paymentMethodId: DirectDebit.walletMethodId("user-1") },
          { kind: "native", paymentId: "x", now: T0 }
        )
      )
    )
  })
})

describe("DirectDebit.findSimilar", () => {
  const debit = { userAuthorizationId: "user-1", amount: 500, now: T0 + 299 }
  it("same user and amount within 5 minutes is similar", () => {
    assert.strictEqual(Option.getOrThrow(DirectDebit.findSimilar([native], debit)).merchantPaymentId, "n-1")
  })

  it.each([
    { name: "after 5 minutes", payments: [native], debit: { ...debit, now: T0 + 300 } },
    { name: "another amount", payments: [native], debit: { ...debit, amount: 501 } },
    { name: "another user", payments: [native], debit: { ...debit, userAuthorizationId: "user-2" } },
    { name: "a FAILED payment", payments: [{ ...native, status: "FAILED" as const }], debit },
    { name: "a continuous payment", payments: [{ ...native, kind: "continuous" as const }], debit },
    { name: "a QR payment", payments: [{ ...native, kind: "code" as const }], debit }
  ])("$name is not similar", ({ debit, payments }) => {
    assert.isTrue(Option.isNone(DirectDebit.findSimilar(payments, debit)))
  })

  it("a pre-authorization counts from authorizedAt; the rejection maps to 00200017", () => {
    const preauth: P.Payment = {
      ...native,
      kind: "preauth",
      status: "AUTHORIZED",
      acceptedAt: undefined,
      authorizedAt: T0
    }
    assert.isTrue(Option.isSome(DirectDebit.findSimilar([preauth], debit)))
    assert.deepStrictEqual(rejectionCode.SuspectedDuplicate, {
      code: "SUSPECTED_DUPLICATE_PAYMENT",
      codeId: "00200017",
      rule: "payments.similar-transaction"
    })
  })
})
