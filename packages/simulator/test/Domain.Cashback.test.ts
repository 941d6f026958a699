import { assert, describe, it } from "@effect/vitest"
import { Option } from "effect"
import * as Cashback from "../src/Domain/Cashback.js"

const T0 = 1_700_000_000
const jpy = (amount: number) => ({ amount, currency: "JPY" as const })
const giveInput: Cashback.GiveInput = {
  merchantCashbackId: "cb-1",
  userAuthorizationId: "user-1",
  amount: jpy(300),
  walletType: "PREPAID"
}
const given = Cashback.give(giveInput, { now: T0, cashbackId: "1", campaignBalance: 300 })
const reverseInput = (amount: number): Cashback.ReverseInput => ({
  merchantCashbackReversalId: "rv-1",
  merchantCashbackId: "cb-1",
  amount: jpy(amount)
})

describe("Cashback.give", () => {
  it("SUCCESS when the campaign covers it, FAILURE otherwise", () => {
    assert.strictEqual(given.outcome, "SUCCESS")
    assert.strictEqual(given.acceptedAt, T0)
    assert.strictEqual(given.requestedAt, T0)
    assert.strictEqual(given.reversed, 0)
    assert.isFalse("metadata" in given)
    assert.strictEqual(Cashback.give(giveInput, { now: T0, cashbackId: "2", campaignBalance: 299 }).outcome, "FAILURE")
    assert.strictEqual(
      Cashback.give({ ...giveInput, amount: jpy(0) }, { now: T0, cashbackId: "3", campaignBalance: 1000 }).outcome,
      "FAILURE"
    )
  })

  it("visibility: nothing for a second, ACCEPTED until settled, then the outcome", () => {
    assert.isTrue(Option.isNone(Cashback.visibleStatus(given, T0)))
    assert.deepStrictEqual(Cashback.visibleStatus(given, T0 + 1), Option.some("ACCEPTED"))
    assert.deepStrictEqual(Cashback.visibleStatus(given, T0 + 2), Option.some("SUCCESS"))
    assert.deepStrictEqual(
      Cashback.visibleStatus({ acceptedAt: T0, outcome: "FAILURE" }, T0 + 60),
      Option.some("FAILURE")
    )
  })
})

describe("Cashback.reverse", () => {
  const options = { now: T0 + 5, cashbackReversalId: "9", userBalance: 1000 }
  it("takes back the requested amount when the user has it", () => {
    const reversal = Cashback.reverse(given, reverseInput(200), options)
    assert.strictEqual(reversal.outcome, "SUCCESS")
    assert.deepStrictEqual(reversal.amount, jpy(200))
    assert.deepStrictEqual(reversal.requestedAmount, jpy(200))
  })

  it("takes back at most the user's balance", () => {
    const reversal = Cashback.reverse(given, reverseInput(300), { ...options, userBalance: 120 })
    assert.strictEqual(reversal.outcome, "SUCCESS")
    assert.deepStrictEqual(reversal.amount, jpy(120))
  })

  it.each([
    { name: "more than left", cashback: { ...given, reversed: 200 }, amount: 101, balance: 1000 },
    { name: "an unknown cashback", cashback: undefined, amount: 1, balance: 1000 },
    { name: "a failed cashback", cashback: { ...given, outcome: "FAILURE" as const }, amount: 1, balance: 1000 },
    { name: "a zero amount", cashback: given, amount: 0, balance: 1000 },
    { name: "a user with nothing left", cashback: given, amount: 10, balance: 0 }
  ])("FAILURE for $name, nothing taken", ({ amount, balance, cashback }) => {
    const reversal = Cashback.reverse(cashback, reverseInput(amount), { ...options, userBalance: balance })
    assert.strictEqual(reversal.outcome, "FAILURE")
    assert.strictEqual(reversal.amount.amount, 0)
  })
})

describe("Cashback.expectedCashback", () => {
  it("1 % rounded down, with a Japanese campaign message", () => {
    assert.strictEqual(Cashback.expectedCashback(1299), 12)
    assert.strictEqual(Cashback.expectedCashback(99), 0)
    assert.strictEqual(Cashback.expectedCashbackMessage(10_000), "PayPayポイント100円相当（1%）付与予定")
  })
})
