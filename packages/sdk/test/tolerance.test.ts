/**
 * Tolerant reading: a payment that succeeded must never surface as a decode failure because PayPay's answer spells
 * a field differently, leaves an optional out, sends an empty object where a list is optional, or carries fields the
 * SDK does not know (reference §B.1, §F.1). For every response schema, values generated from the schema are
 * encoded to their wire form, then mutated the way PayPay's answers are known to vary; each variant must decode,
 * with the SDK's compiled decoding and with `ParseResult` alike, to the same data as the original.
 */
import { assert, describe, it } from "@effect/vitest"
import { Arbitrary, Either, FastCheck, ParseResult, Schema } from "effect"
import { exportedSchemas, families, isClass } from "./utils/Families.js"

const { Cashback, Codes, PayPaySchema, PendingPayments, Preauth, Topup, Users, Wallet } = families

const responses: ReadonlyArray<readonly [string, Schema.Schema<any, any>]> = [
  ["Cashback.CashbackDetails", Cashback.CashbackDetails],
  ["Cashback.CashbackReversalDetails", Cashback.CashbackReversalDetails],
  ["Cashback.ExpectedCashback", Cashback.ExpectedCashback],
  ["Codes.QrCode", Codes.QrCode],
  ["PayPaySchema.Payment", PayPaySchema.Payment],
  ["PayPaySchema.Refund", PayPaySchema.Refund],
  ["PendingPayments.PendingPayment", PendingPayments.PendingPayment],
  ["PendingPayments.PendingOrderDetails", PendingPayments.PendingOrderDetails],
  ["Preauth.RevertedAuthorization", Preauth.RevertedAuthorization],
  ["Topup.TopupQrCode", Topup.TopupQrCode],
  ["Topup.TopupDetails", Topup.TopupDetails],
  ["Users.AccountLinkQrCode", Users.AccountLinkQrCode],
  ["Users.UserAuthorization", Users.UserAuthorization],
  ["Users.MaskedUserProfile", Users.MaskedUserProfile],
  ["Wallet.BalanceCheck", Wallet.BalanceCheck],
  ["Wallet.WalletBalance", Wallet.WalletBalance],
  ["Wallet.PaymentMethods", Wallet.PaymentMethods]
]

const EXTRA = "x-unknown-field"

type Json = null | boolean | number | string | ReadonlyArray<Json> | { readonly [key: string]: Json }

const isObject = (value: Json): value is { readonly [key: string]: Json } =>
  typeof value === "object" && value !== null && !Array.isArray(value)

const deep = (value: Json, f: (object: { readonly [key: string]: Json }) => { readonly [key: string]: Json }): Json => {
  if (Array.isArray(value)) return value.map((item) => deep(item, f))
  if (!isObject(value)) return value
  return f(Object.fromEntries(Object.entries(value).map(([key, item]) => [key, deep(item, f)])))
}

/** The variants of a wire value that PayPay's answers are known to take (some only for one endpoint's answer). */
const variants: ReadonlyArray<readonly [string, (wire: Json, top: boolean) => Json, string?]> = [
  ["unknown fields everywhere", (wire) => deep(wire, (object) => ({ ...object, [EXTRA]: { nested: [1, "two"] } }))],
  [
    "unit_price for unitPrice",
    (wire) =>
      deep(wire, (object) => {
        if (!("unitPrice" in object)) return object
        const { unitPrice, ...rest } = object
        return { ...rest, unit_price: unitPrice! }
      })
  ],
  [
    "optionals sent as null left out",
    (wire) => deep(wire, (object) => Object.fromEntries(Object.entries(object).filter(([, item]) => item !== null)))
  ],
  [
    "empty objects for empty lists and an absent revert",
    (wire) =>
      deep(wire, (object) => {
        if (!("paymentId" in object && "merchantPaymentId" in object && "status" in object)) return object
        const out: Record<string, Json> = { ...object }
        for (const key of ["refunds", "captures"]) {
          const list = object[key]
          if (
            list === undefined ||
            list === null ||
            (isObject(list) && (list.data as ReadonlyArray<Json>).length === 0)
          ) {
            out[key] = {}
          }
        }
        if ((object.revert ?? null) === null) out.revert = {}
        return out
      })
  ],
  [
    "expiryDate for expiresAt (pending order details)",
    (wire, top) => {
      if (!top || !isObject(wire) || !("expiresAt" in wire)) return wire
      const { expiresAt, ...rest } = wire
      return { ...rest, expiryDate: expiresAt! }
    },
    "PendingPayments.PendingOrderDetails"
  ]
]

/** The decoded data as plain JSON, with what the variants may legitimately change normalised away. */
const normalise = (value: unknown): Json =>
  deep(JSON.parse(JSON.stringify(value)) as Json, (object) => {
    const out: Record<string, Json> = {}
    for (const [key, item] of Object.entries(object)) {
      if (key === EXTRA || item === null) continue
      if (
        (key === "refunds" || key === "captures") &&
        isObject(item) &&
        (item.data as ReadonlyArray<Json>).length === 0
      ) {
        continue
      }
      out[key] = item
    }
    return out
  })

const fieldsOf = (schema: Schema.Schema<any, any>) => (isClass(schema) ? Schema.Struct(schema.fields as never) : schema)

const decoders = (schema: Schema.Schema<any, any>) => ({
  full: Schema.decodeUnknownEither(schema),
  compiled: PayPaySchema.decodeUnknownEither(fieldsOf(schema))
})

const decodedOrFail = (label: string, decode: (input: unknown) => Either.Either<unknown, ParseResult.ParseError>) => {
  return (input: unknown) => {
    const result = decode(input)
    if (Either.isLeft(result)) {
      assert.fail(`${label}: ${ParseResult.TreeFormatter.formatErrorSync(result.left)}\n${JSON.stringify(input)}`)
    }
    return (result as Either.Right<unknown, unknown>).right
  }
}

describe("tolerant reading of every response schema", () => {
  it("covers every response class of the API families", () => {
    const listed = new Set(responses.map(([, schema]) => schema))
    for (const [name, schema] of exportedSchemas) {
      if (isClass(schema)) assert.isTrue(listed.has(schema), `${name} is not in the list`)
    }
  })

  for (const [name, schema] of responses) {
    it(`${name}: every PayPay-shaped variant decodes, with both decoders, to the same data`, () => {
      const encode = Schema.encodeSync(schema)
      const { full, compiled } = decoders(schema)
      const applicable = variants.filter(([, , only]) => only === undefined || only === name)
      const viaFull = decodedOrFail(`${name} (ParseResult)`, full)
      const viaCompiled = decodedOrFail(`${name} (compiled)`, compiled)
      FastCheck.assert(
        FastCheck.property(Arbitrary.make(schema), (value) => {
          const wire = JSON.parse(JSON.stringify(encode(value))) as Json
          const expected = normalise(viaFull(wire))
          for (const [variant, mutate] of applicable) {
            const input = mutate(wire, true)
            assert.deepStrictEqual(normalise(viaFull(input)), expected, `${variant} (ParseResult)`)
            assert.deepStrictEqual(normalise(viaCompiled(input)), expected, `${variant} (compiled)`)
          }
          const all = applicable.reduce((acc, [, mutate]) => mutate(acc, true), wire)
          assert.deepStrictEqual(normalise(viaFull(all)), expected, "all variants at once")
          assert.deepStrictEqual(normalise(viaCompiled(all)), expected, "all variants at once (compiled)")
        }),
        { numRuns: 30 }
      )
    })
  }

  it("the Python SDK's mocks decode (empty refunds/captures/revert, expiresAt: null, unitPrice items)", () => {
    const mock = {
      paymentId: "string",
      status: "CREATED",
      acceptedAt: 0,
      refunds: {},
      captures: {},
      revert: {},
      merchantPaymentId: "cb31bcc0",
      userAuthorizationId: "string",
      amount: { amount: 1, currency: "JPY" },
      requestedAt: 0,
      expiresAt: null,
      canceledAt: null,
      orderItems: [
        {
          name: "string",
          category: "string",
          quantity: 1,
          productId: "string",
          unitPrice: { amount: 0, currency: "JPY" }
        }
      ],
      metadata: {}
    }
    const payment = Schema.decodeUnknownSync(PayPaySchema.Payment)(mock)
    assert.deepStrictEqual(payment.refunds, { data: [] })
    assert.deepStrictEqual(payment.captures, { data: [] })
    assert.isNull(payment.revert)
    assert.strictEqual(payment.orderItems?.[0]?.unitPrice.amount, 0)
    const pending = Schema.decodeUnknownSync(PendingPayments.PendingOrderDetails)({
      ...mock,
      expiryDate: 1_700_000_600
    })
    assert.instanceOf(pending, PayPaySchema.Payment)
    assert.strictEqual(pending.expiresAt, 1_700_000_600)
  })

  it("what is not a spelling variant still fails: an order item without a price, a partial revert", () => {
    const base = {
      paymentId: "p",
      status: "COMPLETED",
      merchantPaymentId: "m",
      amount: { amount: 1, currency: "JPY" },
      requestedAt: 0
    }
    for (const bad of [
      { ...base, orderItems: [{ name: "tea", quantity: 1 }] },
      { ...base, revert: { acceptedAt: 1 } },
      { ...base, refunds: { data: "none" } }
    ]) {
      assert.isTrue(Either.isLeft(ParseResult.decodeUnknownEither(PayPaySchema.Payment)(bad)), JSON.stringify(bad))
    }
  })
})
