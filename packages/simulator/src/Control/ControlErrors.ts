/**
 * Errors of the control API. On the wire each is `{ "error": <name>, "message": …, … }` with its HTTP status
 * (no `_tag`); the typed client decodes them back into these tagged classes, so `Effect.catchTag` works.
 *
 * @since 0.1.0
 */
import * as HttpApiSchema from "@effect/platform/HttpApiSchema"
import * as Schema from "effect/Schema"

const errorName = <const Name extends string>(name: Name) =>
  Schema.Literal(name).pipe(
    Schema.propertySignature,
    Schema.withConstructorDefault(() => name)
  )

/**
 * A control token is configured and the request did not carry it (`Authorization: Bearer …` or
 * `X-Simulator-Token`).
 *
 * @since 0.1.0
 * @category Errors
 */
export class Unauthorized extends Schema.TaggedError<Unauthorized>()("Unauthorized", {
  error: errorName("Unauthorized"),
  message: Schema.String
}) {}

/**
 * The tenant has no payment with this `merchantPaymentId`.
 *
 * @since 0.1.0
 * @category Errors
 */
export class PaymentNotFound extends Schema.TaggedError<PaymentNotFound>()("PaymentNotFound", {
  error: errorName("PaymentNotFound"),
  merchantPaymentId: Schema.String,
  message: Schema.String
}) {}

/**
 * The tenant has no test user with this `userAuthorizationId`.
 *
 * @since 0.1.0
 * @category Errors
 */
export class UserNotFound extends Schema.TaggedError<UserNotFound>()("UserNotFound", {
  error: errorName("UserNotFound"),
  userAuthorizationId: Schema.String,
  message: Schema.String
}) {}

/**
 * The tenant already has a test user with this `userAuthorizationId`.
 *
 * @since 0.1.0
 * @category Errors
 */
export class DuplicateUser extends Schema.TaggedError<DuplicateUser>()("DuplicateUser", {
  error: errorName("DuplicateUser"),
  userAuthorizationId: Schema.String,
  message: Schema.String
}) {}

/**
 * No fault rule has this id.
 *
 * @since 0.1.0
 * @category Errors
 */
export class FaultNotFound extends Schema.TaggedError<FaultNotFound>()("FaultNotFound", {
  error: errorName("FaultNotFound"),
  id: Schema.String,
  message: Schema.String
}) {}

/**
 * The payment refused the transition (expired code, already paid, insufficient funds, inactive user …): `error`
 * is the domain rejection (`CodeExpired`), `code` the PayPay result code the API would answer with.
 *
 * @since 0.1.0
 * @category Errors
 */
export class PaymentRejected extends Schema.TaggedError<PaymentRejected>()("PaymentRejected", {
  error: Schema.String,
  code: Schema.String,
  message: Schema.String
}) {}

/**
 * The tenant has no webhook event with this id.
 *
 * @since 0.1.0
 * @category Errors
 */
export class WebhookEventNotFound extends Schema.TaggedError<WebhookEventNotFound>()("WebhookEventNotFound", {
  error: errorName("WebhookEventNotFound"),
  id: Schema.Number,
  message: Schema.String
}) {}

/**
 * No configured credential has this API key, so no merchant can be registered for it.
 *
 * @since 0.1.0
 * @category Errors
 */
export class UnknownApiKey extends Schema.TaggedError<UnknownApiKey>()("UnknownApiKey", {
  error: errorName("UnknownApiKey"),
  apiKey: Schema.String,
  message: Schema.String
}) {}

const onWire = <A, I extends { readonly _tag: string }>(
  self: Schema.Schema<A, I>,
  tag: I["_tag"],
  status: number
): Schema.Schema<A, Omit<I, "_tag">> =>
  Schema.transform(Schema.encodedSchema(self).pipe(Schema.omit("_tag")) as Schema.Schema<Omit<I, "_tag">>, self, {
    strict: false,
    decode: (wire) => ({ ...wire, _tag: tag }),
    encode: ({ _tag, ...wire }) => wire
  }).annotations(HttpApiSchema.annotations({ status }))

/**
 * The wire schemas of the errors (no `_tag`, with their statuses), for `HttpApiEndpoint.addError`.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const Wire = {
  Unauthorized: onWire(Unauthorized, "Unauthorized", 401),
  PaymentNotFound: onWire(PaymentNotFound, "PaymentNotFound", 404),
  UserNotFound: onWire(UserNotFound, "UserNotFound", 404),
  DuplicateUser: onWire(DuplicateUser, "DuplicateUser", 409),
  FaultNotFound: onWire(FaultNotFound, "FaultNotFound", 404),
  PaymentRejected: onWire(PaymentRejected, "PaymentRejected", 409),
  WebhookEventNotFound: onWire(WebhookEventNotFound, "WebhookEventNotFound", 404),
  UnknownApiKey: onWire(UnknownApiKey, "UnknownApiKey", 404)
}
