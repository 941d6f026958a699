/**
 * Wire schemas shared by every PayPay OPA family: money, ids, order items, timestamps, statuses, the
 * `{ resultInfo, data }` envelope and the payment / refund objects several endpoints return.
 *
 * Field names are PayPay's own (camelCase on the wire). Reading is tolerant where PayPay's answers are known to
 * vary: order items' price is read from `unitPrice` or `unit_price` into `unitPrice`, and optional lists and
 * objects sent empty (`refunds: {}`, `revert: {}`, as in PayPay's Python SDK mocks) read as empty or absent; unknown
 * fields are ignored (reference §B.1, §F.1).
 *
 * @since 0.1.0
 */
import type * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import type * as SchemaAST from "effect/SchemaAST"
import { withFastPath } from "./internal/decode.js"

// ====== Scalars ======

/**
 * The only currency PayPay enumerates (reference §B.1).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const Currency = Schema.Literal("JPY")

/**
 * A non-negative whole amount of yen, at most 11 digits (reference §B.1: "amount: integer <= 11 characters").
 *
 * @since 0.1.0
 * @category Schemas
 */
export const Amount = Schema.Int.pipe(
  Schema.greaterThanOrEqualTo(0),
  Schema.lessThanOrEqualTo(99_999_999_999),
  Schema.annotations({ identifier: "Amount" })
)

/**
 * `{ amount, currency }` (reference §B.1).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const MoneyAmount = Schema.Struct({ amount: Amount, currency: Currency }).annotations({
  identifier: "MoneyAmount"
})

/**
 * @since 0.1.0
 * @category Models
 */
export type MoneyAmount = typeof MoneyAmount.Type

/**
 * A merchant- or PayPay-issued id: 1 to 64 characters (reference §B.1; JAVA `@Size(max=64)`).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const Id64 = Schema.String.pipe(
  Schema.minLength(1),
  Schema.maxLength(64),
  Schema.annotations({ identifier: "Id64" })
)

/**
 * Free text of at most 255 characters (descriptions, store ids, reasons; reference §B.2).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const Text255 = Schema.String.pipe(Schema.maxLength(255), Schema.annotations({ identifier: "Text255" }))

/**
 * Unix time in whole seconds (reference §B.1: every OPA timestamp is epoch seconds).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const EpochSeconds = Schema.Int.pipe(
  Schema.greaterThanOrEqualTo(0),
  Schema.annotations({ identifier: "EpochSeconds" })
)

/**
 * The deepest `metadata` a request may carry: the object itself is level 1, so values may nest 4 levels below it.
 * PayPay documents no limit (reference §B.2 types `metadata` only as "object"); this bound is the SDK's and the
 * simulator's own, so that one stored document can never be too deep for anything that reads it.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const METADATA_MAX_DEPTH = 5

/**
 * The largest `metadata` a request may carry, as UTF-8 bytes of its JSON: 4 KiB (like {@link METADATA_MAX_DEPTH},
 * a bound of our own: PayPay documents none).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const METADATA_MAX_BYTES = 4096

/** Whether `value` nests objects or arrays deeper than `limit` (the top value is level 1). Iterative, so a deep or
 * cyclic value stops at the limit instead of overflowing the stack. */
const nestsDeeperThan = (value: unknown, limit: number): boolean => {
  const stack: Array<readonly [unknown, number]> = [[value, 1]]
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!
    if (typeof current !== "object" || current === null) continue
    if (depth > limit) return true
    for (const child of Array.isArray(current) ? current : Object.values(current)) stack.push([child, depth + 1])
  }
  return false
}

const utf8Length = (text: string): number => new TextEncoder().encode(text).byteLength

const metadataProblem = (metadata: { readonly [key: string]: unknown }): string | undefined => {
  if (nestsDeeperThan(metadata, METADATA_MAX_DEPTH)) {
    return `nests deeper than ${METADATA_MAX_DEPTH} levels`
  }
  let json: string | undefined
  try {
    json = JSON.stringify(metadata)
  } catch {
    return "is not JSON-serializable"
  }
  const bytes = json === undefined ? 0 : utf8Length(json)
  return bytes > METADATA_MAX_BYTES ? `is ${bytes} bytes of JSON, more than ${METADATA_MAX_BYTES}` : undefined
}

/**
 * Merchant-defined key/value data sent with a request: at most {@link METADATA_MAX_DEPTH} levels deep and
 * {@link METADATA_MAX_BYTES} bytes of JSON, so the SDK refuses before sending what the simulator would refuse.
 * Responses read it with {@link EchoedMetadata}, which has no bounds.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const Metadata = Schema.Record({ key: Schema.String, value: Schema.Unknown }).pipe(
  Schema.filter((metadata) => metadataProblem(metadata), { identifier: "Metadata" })
)

/**
 * Merchant-defined key/value data as PayPay echoes it back in a response: read as sent, without
 * {@link Metadata}'s bounds (the SDK is tolerant in what it reads).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const EchoedMetadata = Schema.Record({ key: Schema.String, value: Schema.Unknown })

/**
 * An optional response field that PayPay may also send as `null`.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const optionalNullable = <S extends Schema.Schema.Any>(schema: S) => Schema.optional(Schema.NullOr(schema))

/**
 * What an endpoint accepts when its wire body carries `requestedAt`: the body's fields with `requestedAt` optional
 * (the SDK fills it with the current epoch seconds), named `identifier`.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const requestedAtOptional = <Fields extends Schema.Struct.Fields>(fields: Fields, identifier: string) =>
  Schema.Struct({
    ...(fields as Omit<Fields, "requestedAt">),
    requestedAt: Schema.optional(EpochSeconds)
  }).annotations({ identifier })

// ====== Order items ======

/**
 * An order line in a request (`unitPrice`; reference §B.1, JAVA `MerchantOrderItem`).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const OrderItem = Schema.Struct({
  name: Text255,
  category: Schema.optional(Text255),
  quantity: Schema.Int.pipe(Schema.positive()),
  productId: Schema.optional(Text255),
  unitPrice: MoneyAmount
}).annotations({ identifier: "OrderItem" })

/**
 * @since 0.1.0
 * @category Models
 */
export type OrderItem = typeof OrderItem.Type

const OrderItemFields = {
  name: Schema.String,
  category: optionalNullable(Schema.String),
  quantity: Schema.Int,
  productId: optionalNullable(Schema.String)
}

/**
 * An order line in a response, with its price in `unitPrice` whichever way PayPay spelled it: create-QR answers with
 * `unit_price` (real sandbox responses, python#50/#61/#68), while payment objects are typed `unitPrice` (JAVA
 * `MerchantOrderItem`, GO-M, the Python mocks; reference §B.1, §F.1). A line with neither fails to decode.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const OrderItemResponse = Schema.transformOrFail(
  Schema.Struct({
    ...OrderItemFields,
    unitPrice: optionalNullable(MoneyAmount),
    unit_price: optionalNullable(MoneyAmount)
  }),
  Schema.Struct({ ...OrderItemFields, unitPrice: MoneyAmount }),
  {
    strict: true,
    decode: ({ unitPrice, unit_price, ...item }, _, ast, input) => {
      const price = unitPrice ?? unit_price
      return price === undefined || price === null
        ? ParseResult.fail(new ParseResult.Type(ast, input, "an order item needs unitPrice (or unit_price)"))
        : ParseResult.succeed({ ...item, unitPrice: price })
    },
    encode: (item) => ParseResult.succeed(item)
  }
).annotations({ identifier: "OrderItemResponse" })

/**
 * @since 0.1.0
 * @category Models
 */
export type OrderItemResponse = typeof OrderItemResponse.Type

/**
 * An optional list PayPay wraps as `{ data: [...] }`, read as empty when it comes as `{}` (PY mocks).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const DataList = <S extends Schema.Schema.Any>(item: S) =>
  optionalNullable(Schema.Struct({ data: Schema.optionalWith(Schema.Array(item), { default: () => [] }) }))

const EmptyObject = Schema.transformOrFail(Schema.Record({ key: Schema.String, value: Schema.Unknown }), Schema.Null, {
  strict: true,
  decode: (record, _, ast) =>
    Object.keys(record).length === 0
      ? ParseResult.succeed(null)
      : ParseResult.fail(new ParseResult.Type(ast, record, "expected the object or an empty object")),
  encode: () => ParseResult.succeed({})
})

/**
 * An optional object that PayPay may also send as `null` or empty (`{}`, PY mocks): both read as `null`.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const optionalObject = <A, I, R>(schema: Schema.Schema<A, I, R>) =>
  Schema.optional(Schema.Union(Schema.Null, schema, EmptyObject))

// ====== Statuses ======

/**
 * Payment status (reference §B.4, §D).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const PaymentStatus = Schema.Literal(
  "CREATED",
  "AUTHORIZED",
  "REAUTHORIZING",
  "COMPLETED",
  "REFUNDED",
  "FAILED",
  "CANCELED",
  "EXPIRED"
)

/**
 * @since 0.1.0
 * @category Models
 */
export type PaymentStatus = typeof PaymentStatus.Type

/**
 * Refund status. `REFUND_FAILED` was retired in 2025 but may still appear in old data (reference §B.4, §B.6).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const RefundStatus = Schema.Literal("CREATED", "REFUNDED", "REFUND_FAILED")

/**
 * Capture entry status (reference §B.4).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const CaptureStatus = Schema.Literal("USER_REQUESTED", "COMPLETED")

// ====== Envelope ======

/**
 * `resultInfo` of every OPA response (reference §B.1).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const ResultInfo = Schema.Struct({
  code: Schema.String,
  message: Schema.String,
  codeId: Schema.optional(Schema.String)
}).annotations({ identifier: "ResultInfo" })

/**
 * @since 0.1.0
 * @category Models
 */
export type ResultInfo = typeof ResultInfo.Type

/**
 * The `{ resultInfo, data }` envelope around a response's data. `data` may be missing, `null` or `""` when an
 * endpoint returns no data (reference §B.1).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const Envelope = <A, I, R>(data: Schema.Schema<A, I, R>) =>
  Schema.Struct({
    resultInfo: ResultInfo,
    data: Schema.optional(Schema.Union(data, Schema.Null, Schema.Literal("")))
  })

/**
 * The envelope of a response whose data is not read (errors, resultInfo-only endpoints).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const ErrorEnvelope = Schema.Struct({ resultInfo: ResultInfo, data: Schema.optional(Schema.Unknown) })

// ====== Refund and payment objects ======

/**
 * A refund (`data` of `POST /v2/refunds` and `GET /v2/refunds/{merchantRefundId}`; reference §B.6).
 *
 * @since 0.1.0
 * @category Schemas
 */
export class Refund extends Schema.Class<Refund>("Refund")({
  status: RefundStatus,
  acceptedAt: EpochSeconds,
  merchantRefundId: Schema.String,
  paymentId: Schema.String,
  amount: MoneyAmount,
  requestedAt: EpochSeconds,
  reason: optionalNullable(Schema.String),
  assumeMerchant: optionalNullable(Schema.String)
}) {}

/**
 * A capture entry of a pre-authorized payment (reference §B.4).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const Capture = Schema.Struct({
  acceptedAt: EpochSeconds,
  merchantCaptureId: Schema.String,
  amount: MoneyAmount,
  orderDescription: optionalNullable(Schema.String),
  requestedAt: EpochSeconds,
  expiresAt: optionalNullable(EpochSeconds),
  status: CaptureStatus
})

/**
 * The revert entry of a reverted pre-authorization (reference §B.4).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const Revert = Schema.Struct({
  acceptedAt: EpochSeconds,
  merchantRevertId: Schema.String,
  requestedAt: EpochSeconds,
  reason: optionalNullable(Schema.String)
})

/**
 * The payment object returned by get-details, create, capture and pre-authorize (reference §B.4). `refunds` and
 * `captures` sent as `{}` read as `{ data: [] }`, `revert: {}` as `null`.
 *
 * @since 0.1.0
 * @category Schemas
 */
export class Payment extends Schema.Class<Payment>("Payment")({
  paymentId: Schema.String,
  status: PaymentStatus,
  acceptedAt: optionalNullable(EpochSeconds),
  authorizedAt: optionalNullable(EpochSeconds),
  canceledAt: optionalNullable(EpochSeconds),
  expiresAt: optionalNullable(EpochSeconds),
  refunds: DataList(Refund),
  captures: DataList(Capture),
  revert: optionalObject(Revert),
  merchantPaymentId: Schema.String,
  userAuthorizationId: optionalNullable(Schema.String),
  amount: MoneyAmount,
  requestedAt: EpochSeconds,
  storeId: optionalNullable(Schema.String),
  terminalId: optionalNullable(Schema.String),
  orderReceiptNumber: optionalNullable(Schema.String),
  orderDescription: optionalNullable(Schema.String),
  orderItems: optionalNullable(Schema.Array(OrderItemResponse)),
  metadata: optionalNullable(EchoedMetadata),
  assumeMerchant: optionalNullable(Schema.String)
}) {}

/**
 * `Schema.decodeUnknownEither(schema, options)` with the SDK's compiled decoding for plain wire shapes (structs,
 * records, arrays, literals and refinements): the same value and, on failure, the same `ParseError`, for less work
 * on valid input. The SDK decodes with it; the simulator validates requests and its stored documents with it.
 *
 * @since 0.1.0
 * @category Decoding
 */
export const decodeUnknownEither = <A, I>(
  schema: Schema.Schema<A, I>,
  options?: SchemaAST.ParseOptions
): ((input: unknown) => Either.Either<A, ParseResult.ParseError>) =>
  withFastPath(schema.ast, options, Schema.decodeUnknownEither(schema, options))
