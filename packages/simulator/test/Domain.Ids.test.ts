import { assert, describe, it } from "@effect/vitest"
import { Effect, Random } from "effect"
import * as Ids from "../src/Domain/Ids.js"

const cases = [
  { name: "paymentId", make: Ids.paymentId, shape: /^04\d{18}$/ },
  { name: "codeId", make: Ids.codeId, shape: /^04-[A-Za-z0-9]{16}$/ },
  {
    name: "userAuthorizationId",
    make: Ids.userAuthorizationId,
    shape: /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
  },
  {
    name: "requestId",
    make: Ids.requestId,
    shape: /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
  }
]

describe("Ids", () => {
  it.effect.each(cases)("$name has PayPay's shape and does not repeat", ({ make, shape }) =>
    Effect.gen(function* () {
      const ids = yield* Effect.replicateEffect(make, 200)
      for (const id of ids) assert.match(id, shape)
      assert.strictEqual(new Set(ids).size, ids.length)
    })
  )

  it.effect.each(cases)("$name is deterministic for a seeded Random", ({ make }) =>
    Effect.gen(function* () {
      const a = yield* Effect.withRandom(make, Random.make("seed"))
      const b = yield* Effect.withRandom(make, Random.make("seed"))
      const c = yield* Effect.withRandom(make, Random.make("other"))
      assert.strictEqual(a, b)
      assert.notStrictEqual(a, c)
    })
  )

  it.effect("codeId uses the whole alphabet", () =>
    Effect.gen(function* () {
      const chars = new Set((yield* Effect.replicateEffect(Ids.codeId, 300)).flatMap((id) => [...id.slice(3)]))
      assert.strictEqual(chars.size, 62)
    })
  )
})
