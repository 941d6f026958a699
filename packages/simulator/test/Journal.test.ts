import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import * as Journal from "../src/Journal.js"

const entry = (n: number, merchantId = "m"): Journal.Entry => ({
  at: n,
  requestId: `r-${n}`,
  method: "GET",
  path: "/v2/codes/payments/x",
  operation: "Codes.getPayment",
  apiKey: "k",
  merchantId,
  auth: "ok",
  status: 200,
  code: "SUCCESS",
  fault: undefined,
  millis: 0
})

const ats = (entries: ReadonlyArray<Journal.Entry>) => entries.map((e) => e.at)

describe("Journal", () => {
  it.effect("keeps the last `capacity` entries, oldest first", () =>
    Effect.gen(function* () {
      const journal = yield* Journal.make(3)
      assert.deepStrictEqual(yield* journal.list(), [])
      yield* journal.record(entry(1))
      yield* journal.record(entry(2))
      assert.deepStrictEqual(ats(yield* journal.list()), [1, 2])
      for (const n of [3, 4, 5, 6, 7]) yield* journal.record(entry(n))
      assert.deepStrictEqual(ats(yield* journal.list()), [5, 6, 7])
    })
  )

  it.effect("filters by merchant and clears", () =>
    Effect.gen(function* () {
      const journal = yield* Journal.make(4)
      for (const n of [1, 2, 3, 4, 5]) yield* journal.record(entry(n, n % 2 === 0 ? "even" : "odd"))
      assert.deepStrictEqual(ats(yield* journal.list({ merchantId: "odd" })), [3, 5])
      assert.deepStrictEqual(ats(yield* journal.list({ merchantId: "even" })), [2, 4])
      yield* journal.clear
      assert.deepStrictEqual(yield* journal.list(), [])
      yield* journal.record(entry(9))
      assert.deepStrictEqual(ats(yield* journal.list()), [9])
    })
  )

  it.effect("the default layer keeps CAPACITY entries; a listed array is a copy", () =>
    Effect.gen(function* () {
      const journal = yield* Journal.Journal
      for (let n = 1; n <= Journal.CAPACITY + 7; n++) yield* journal.record(entry(n))
      const listed = yield* journal.list()
      assert.strictEqual(listed.length, Journal.CAPACITY)
      assert.strictEqual(listed[0]?.at, 8)
      assert.strictEqual(listed.at(-1)?.at, Journal.CAPACITY + 7)
      yield* journal.record(entry(0))
      assert.strictEqual(listed.length, Journal.CAPACITY)
      assert.strictEqual(listed.at(-1)?.at, Journal.CAPACITY + 7)
    }).pipe(Effect.provide(Journal.layer))
  )
})
