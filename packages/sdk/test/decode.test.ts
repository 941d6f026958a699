import { assert, describe, it } from "@effect/vitest"
import { Arbitrary, Effect, Either, Equal, FastCheck, ParseResult, Schema } from "effect"
import { Codes, PayPaySchema, Users } from "../src/index.js"
import { withFastPath } from "../src/internal/decode.js"
import { exportedSchemas, isClass } from "./utils/Families.js"
import { makeFake, ok } from "./utils/FakeHttp.js"
import { qrWire } from "./utils/Fixtures.js"

const qr = qrWire()

const params = {
  merchantPaymentId: "mp-1",
  amount: { amount: 100, currency: "JPY" },
  codeType: "ORDER_QR",
  orderItems: [{ name: "tea", quantity: 2, unitPrice: { amount: 50, currency: "JPY" } }],
  metadata: { a: 1, b: { c: null } },
  redirectType: "WEB_LINK",
  isAuthorization: false
}

const strict = { errors: "all", onExcessProperty: "error" } as const

const cases: ReadonlyArray<{
  readonly name: string
  readonly schema: Schema.Schema<any, any>
  readonly options?: typeof strict
  readonly inputs: ReadonlyArray<unknown>
}> = [
  {
    name: "create-QR params, strict",
    schema: Codes.CreateQrCodeParams,
    options: strict,
    inputs: [
      params,
      { merchantPaymentId: "mp-1", amount: { amount: 100, currency: "JPY" } },
      { ...params, extra: 1 },
      { ...params, amount: { amount: 100, currency: "JPY", extra: true } },
      { ...params, amount: { amount: 1.5, currency: "JPY" } },
      { ...params, amount: { amount: -1, currency: "JPY" } },
      { ...params, merchantPaymentId: "" },
      { ...params, merchantPaymentId: "x".repeat(65) },
      { ...params, codeType: undefined },
      { ...params, codeType: "OTHER" },
      { ...params, orderItems: [{ name: "tea", quantity: 0, unitPrice: { amount: 50, currency: "JPY" } }] },
      { ...params, orderItems: "nope" },
      { ...params, metadata: [] },
      { ...params, redirectType: "NOPE" },
      { ...params, [Symbol.for("x")]: 1 },
      Object.defineProperty({ ...params }, "hidden", { value: 1, enumerable: false }),
      null,
      [],
      "params"
    ]
  },
  {
    name: "QR code fields",
    schema: Schema.Struct(Codes.QrCode.fields),
    inputs: [
      qr,
      { ...qr, extra: "ignored", orderDescription: null, orderItems: null, metadata: { k: "v" }, requestedAt: 5 },
      { ...qr, orderItems: [{ name: "tea", quantity: 1, unit_price: { amount: 1, currency: "JPY" }, category: null }] },
      { ...qr, orderItems: [{ name: "tea", quantity: 1, unitPrice: { amount: 1, currency: "JPY" } }] },
      {
        ...qr,
        orderItems: [{ name: "tea", quantity: 1, unitPrice: null, unit_price: { amount: 2, currency: "JPY" } }]
      },
      { ...qr, orderItems: [{ name: "tea", quantity: 1 }] },
      { ...qr, orderItems: [{ name: "tea", quantity: 1, unitPrice: { amount: -1, currency: "JPY" } }] },
      { ...qr, orderDescription: undefined },
      { ...qr, isAuthorization: "yes" },
      { ...qr, expiryDate: null },
      { ...qr, amount: { amount: 100 } },
      { ...qr, codeId: undefined }
    ]
  },
  {
    name: "envelope",
    schema: PayPaySchema.ErrorEnvelope,
    inputs: [
      { resultInfo: { code: "SUCCESS", message: "ok", codeId: "1" }, data: qr },
      { resultInfo: { code: "SUCCESS", message: "ok" } },
      { resultInfo: { code: "SUCCESS", message: "ok" }, data: null },
      { resultInfo: { code: 1, message: "ok" } },
      { resultInfo: null },
      {}
    ]
  },
  {
    name: "envelope of a struct",
    schema: PayPaySchema.Envelope(Schema.Struct({ id: Schema.String })),
    inputs: [
      { resultInfo: { code: "SUCCESS", message: "ok" }, data: { id: "a", more: 1 } },
      { resultInfo: { code: "SUCCESS", message: "ok" }, data: "" },
      { resultInfo: { code: "SUCCESS", message: "ok" }, data: null },
      { resultInfo: { code: "SUCCESS", message: "ok" }, data: { id: 1 } }
    ]
  },
  {
    name: "a transformation between plain shapes (number from string)",
    schema: Schema.NumberFromString,
    inputs: ["1", "1.5", "x", "", 1, null]
  },
  {
    name: "a union of a number and a string literal",
    schema: Schema.Union(Schema.Number, Schema.Literal("none")),
    inputs: [1, "none", "other", null]
  }
]

describe("compiled decoding", () => {
  for (const { name, schema, options, inputs } of cases) {
    it(`${name}: the same value or the same error as ParseResult`, () => {
      const full = ParseResult.decodeUnknownEither(schema, options)
      const fast = withFastPath(schema.ast, options, full)
      assert.notStrictEqual(fast, full)
      for (const input of inputs) {
        const expected = full(input)
        const actual = fast(input)
        assert.strictEqual(actual._tag, expected._tag)
        if (Either.isRight(expected) && Either.isRight(actual)) {
          assert.deepStrictEqual(actual.right, expected.right)
          assert.deepStrictEqual(Object.keys(actual.right ?? {}), Object.keys(expected.right ?? {}))
        } else if (Either.isLeft(expected) && Either.isLeft(actual)) {
          assert.strictEqual(
            ParseResult.TreeFormatter.formatIssueSync(actual.left),
            ParseResult.TreeFormatter.formatIssueSync(expected.left)
          )
        }
      }
    })
  }

  it("leaves classes, property-signature transformations, overlapping unions and the empty struct to ParseResult", () => {
    for (const schema of [
      Schema.Struct({}),
      PayPaySchema.Refund,
      Schema.Struct(PayPaySchema.Payment.fields),
      Schema.Struct({ a: Schema.optionalWith(Schema.String, { default: () => "" }) }),
      Schema.Union(Schema.Struct({ a: Schema.String }), Schema.Struct({ b: Schema.String })),
      Users.UserAuthorization
    ]) {
      const full = ParseResult.decodeUnknownEither(schema as Schema.Schema<unknown, unknown>)
      assert.strictEqual(withFastPath(schema.ast, undefined, full), full)
    }
  })

  it.effect("a response class is the instance the class's own decoding builds", () =>
    Effect.gen(function* () {
      const body = { ...qr, orderDescription: null, extra: "dropped" }
      const { layer } = yield* makeFake([ok(body, 201)])
      const code = yield* Codes.create({ merchantPaymentId: "mp-1", amount: { amount: 100, currency: "JPY" } }).pipe(
        Effect.provide(layer)
      )
      const expected = Schema.decodeUnknownSync(Codes.QrCode)(body)
      assert.instanceOf(code, Codes.QrCode)
      assert.deepStrictEqual(code, expected)
      assert.deepStrictEqual(Object.keys(code), Object.keys(expected))
      assert.strictEqual(Object.getPrototypeOf(code), Object.getPrototypeOf(expected))
      assert.strictEqual(
        Equal.equals(code, expected),
        Equal.equals(expected, Schema.decodeUnknownSync(Codes.QrCode)(body))
      )
    })
  )
})

/** Every exported schema of the families, as the plain struct its wire form decodes with (a class: its fields). */
const wireSchemas = exportedSchemas.map(
  ([name, schema]) => [name, isClass(schema) ? Schema.Struct(schema.fields as never) : schema] as const
)

const sameOutcome = (schema: Schema.Schema<any, any>, options: typeof strict | undefined, input: unknown) => {
  const full = ParseResult.decodeUnknownEither(schema, options)
  const expected = full(input)
  const actual = withFastPath(schema.ast, options, full)(input)
  assert.strictEqual(actual._tag, expected._tag)
  if (Either.isRight(expected) && Either.isRight(actual)) {
    assert.deepStrictEqual(actual.right, expected.right)
  }
}

describe("compiled decoding, every wire schema of the SDK", () => {
  it("has schemas to check", () => {
    assert.isAbove(wireSchemas.length, 40)
  })

  for (const [name, schema] of wireSchemas) {
    it(`${name}: generated wire values and arbitrary inputs decode exactly as ParseResult decodes them`, () => {
      const encoded = Schema.encodedSchema(schema)
      const valid = (() => {
        try {
          return Arbitrary.make(encoded)
        } catch {
          return undefined
        }
      })()
      for (const options of [undefined, strict]) {
        if (valid !== undefined) {
          FastCheck.assert(
            FastCheck.property(valid, (input) => sameOutcome(schema, options, input)),
            { numRuns: 40 }
          )
        }
        FastCheck.assert(
          FastCheck.property(FastCheck.anything(), (input) => sameOutcome(schema, options, input)),
          { numRuns: 40 }
        )
      }
    })
  }
})
