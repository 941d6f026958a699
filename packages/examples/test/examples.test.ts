/**
 * Every example runs here, each against a fresh embedded simulator, so none of them can rot; the printed steps
 * are checked.
 */
import { assert, describe, it } from "@effect/vitest"
import { Console, Effect } from "effect"
import { examples } from "../src/examples.js"
import { layerEmbedded } from "../src/Runtime.js"

const expected: Record<string, ReadonlyArray<string>> = {
  checkout: ["status CREATED", "status COMPLETED", "740 JPY  status CREATED", "status REFUNDED"],
  "refunds-and-cancels": ["Canceled  status CANCELED", "3000 JPY  status CREATED"],
  errors: [
    "DUPLICATE_DYNAMIC_QR_REQUEST (01652073)",
    "PRE_AUTH_CAPTURE_UNSUPPORTED_MERCHANT",
    "queried and Canceled",
    "INVALID_PARAMS (00200015)",
    "DynamicQrPaymentNotFound"
  ],
  "direct-debit": [
    "(token verified)",
    "hasEnoughBalance true",
    "status COMPLETED",
    "SUSPECTED_DUPLICATE_PAYMENT",
    "status INACTIVE"
  ],
  hotel: [
    "20000 JPY  status AUTHORIZED",
    "18400 JPY  status COMPLETED",
    "UserConfirmationRequired",
    "34000 JPY  status COMPLETED",
    "status CANCELED"
  ],
  "request-money": ["status COMPLETED", "200 JPY  status CREATED", "status CANCELED"],
  cashback: ["(202 REQUEST_ACCEPTED)", "status SUCCESS", "100 JPY  status SUCCESS"],
  "multi-merchant": ["800 JPY  status COMPLETED", "1200 JPY  status COMPLETED", "not visible to shop-nagoya"],
  webhooks: [
    "state COMPLETED",
    "status COMPLETED  shipped 1x",
    "COMPLETED twice, ignored once  shipped 1x",
    "falling back to polling",
    "delivered 2, dropped 1"
  ]
}

const captured = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.gen(function* () {
    const lines: Array<string> = []
    const current = yield* Console.consoleWith(Effect.succeed)
    yield* Effect.withConsole(effect, {
      ...current,
      log: (...args: ReadonlyArray<unknown>) => Effect.sync(() => void lines.push(args.join(" ")))
    })
    return lines
  })

describe("examples", () => {
  it("every example has expectations here", () => {
    assert.deepStrictEqual(Object.keys(examples).sort(), Object.keys(expected).sort())
  })

  for (const [name, example] of Object.entries(examples)) {
    it.live(name, () =>
      Effect.gen(function* () {
        const lines = yield* captured(example.program.pipe(Effect.provide(layerEmbedded())))
        const output = lines.join("\n")
        for (const text of expected[name] ?? []) assert.include(output, text, `${name} prints "${text}"`)
      })
    )
  }
})
