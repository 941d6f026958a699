/**
 * Webhooks: PayPay's notification payloads as schemas, a decoder from a raw body to a typed event, a ready
 * handler for @effect/platform HTTP servers, and a `confirm` that re-queries the payment (reference §B.10).
 *
 * PayPay documents **no signature** on webhooks: anyone who knows the URL can post to it. Treat an event as a hint,
 * restrict the sender (IP allow-list, reference §F.12) and confirm a transaction event with {@link confirm} before
 * acting on it. Delivery is not guaranteed either (a 1.5–2 s response timeout, a few retries, nothing during
 * maintenance, nothing for refunds), so keep polling as the fallback (`Flows.awaitSettled`).
 * PayPay docs: https://www.paypay.ne.jp/opa/doc/v1.0/dynamicqrcode#tag/Webhook-Setup
 *
 * @since 0.1.0
 */
import type * as HttpApp from "@effect/platform/HttpApp"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as FiberSet from "effect/FiberSet"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as Flows from "./Flows.js"
import type { PaymentSource } from "./Flows.js"
import { optional, untagged, WireInt, WireScopes, WireString } from "./internal/webhookWire.js"
import type { PayPayClient } from "./PayPayClient.js"
import type { Payment, PaymentStatus } from "./PayPaySchema.js"

// ====== Transaction events ======

/**
 * The `state` of a transaction event: AUTHORIZED, EXPIRED and EXPIRED_USER_CONFIRMATION come from pre-auth
 * payments; FAILED is listed by secondary sources only (reference §B.10).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const TransactionState = Schema.Literal(
  "COMPLETED",
  "AUTHORIZED",
  "CANCELED",
  "EXPIRED",
  "FAILED",
  "EXPIRED_USER_CONFIRMATION"
)

/**
 * @since 0.1.0
 * @category Models
 */
export type TransactionState = typeof TransactionState.Type

/**
 * A payment changed status (`notification_type: "Transaction"`). Field names and types as GO-M's
 * `WebhookTransaction` (reference §B.10): `merchant_order_id` is your `merchantPaymentId`, `order_id` PayPay's
 * `paymentId`; the timestamps are strings. Only `merchant_order_id` and `state` are required.
 *
 * @since 0.1.0
 * @category Schemas
 */
export class TransactionEvent extends Schema.TaggedClass<TransactionEvent>()("TransactionEvent", {
  notification_type: Schema.Literal("Transaction"),
  merchant_id: optional(WireString),
  store_id: optional(WireString),
  pos_id: optional(WireString),
  order_id: optional(WireString),
  merchant_order_id: WireString,
  authorized_at: optional(WireString),
  expires_at: optional(WireString),
  paid_at: optional(WireString),
  order_amount: optional(WireInt),
  state: TransactionState
}) {
  /** The `merchantPaymentId` the payment was created with (`merchant_order_id` on the wire). */
  get merchantPaymentId(): string {
    return this.merchant_order_id
  }
}

/**
 * {@link TransactionEvent} as it is on the wire (no `_tag`).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const TransactionEventFromWire = untagged(TransactionEvent, "TransactionEvent")

// ====== Customer (user-authorization) events ======

/**
 * A user linked their account (`customer.authroization.succeeded`, PayPay's spelling; the correct spelling is
 * accepted too). Fields per GO-M (reference §B.10); `scopes` may arrive as a string or an array.
 *
 * @since 0.1.0
 * @category Schemas
 */
export class CustomerAuthorizationSucceeded extends Schema.TaggedClass<CustomerAuthorizationSucceeded>()(
  "CustomerAuthorizationSucceeded",
  {
    notification_type: Schema.Literal("customer.authroization.succeeded", "customer.authorization.succeeded"),
    notification_id: optional(WireString),
    createdAt: optional(WireString),
    referenceId: optional(WireString),
    nonce: optional(WireString),
    scopes: optional(WireScopes),
    userAuthorizationId: WireString,
    profileIdentifier: optional(WireString),
    expiry: optional(WireInt)
  }
) {}

/**
 * @since 0.1.0
 * @category Schemas
 */
export const CustomerAuthorizationSucceededFromWire = untagged(
  CustomerAuthorizationSucceeded,
  "CustomerAuthorizationSucceeded"
)

/**
 * An account link failed (`customer.authroization.failed`): `result` and `reason` say why (reference §B.10).
 *
 * @since 0.1.0
 * @category Schemas
 */
export class CustomerAuthorizationFailed extends Schema.TaggedClass<CustomerAuthorizationFailed>()(
  "CustomerAuthorizationFailed",
  {
    notification_type: Schema.Literal("customer.authroization.failed", "customer.authorization.failed"),
    notification_id: optional(WireString),
    createdAt: optional(WireString),
    referenceId: optional(WireString),
    nonce: optional(WireString),
    result: optional(WireString),
    reason: optional(WireString)
  }
) {}

/**
 * @since 0.1.0
 * @category Schemas
 */
export const CustomerAuthorizationFailedFromWire = untagged(CustomerAuthorizationFailed, "CustomerAuthorizationFailed")

/**
 * The user revoked the authorization (`customer.authroization.revoked`); stop using `userAuthorizationId`.
 *
 * @since 0.1.0
 * @category Schemas
 */
export class CustomerAuthorizationRevoked extends Schema.TaggedClass<CustomerAuthorizationRevoked>()(
  "CustomerAuthorizationRevoked",
  {
    notification_type: Schema.Literal("customer.authroization.revoked", "customer.authorization.revoked"),
    notification_id: optional(WireString),
    createdAt: optional(WireString),
    userAuthorizationId: WireString,
    referenceId: optional(WireString)
  }
) {}

/**
 * @since 0.1.0
 * @category Schemas
 */
export const CustomerAuthorizationRevokedFromWire = untagged(
  CustomerAuthorizationRevoked,
  "CustomerAuthorizationRevoked"
)

/**
 * The authorization was extended (`customer.authroization.extended`); `expiry` is the new end (reference §B.8:
 * authorizations last 365 days and are extended by use).
 *
 * @since 0.1.0
 * @category Schemas
 */
export class CustomerAuthorizationExtended extends Schema.TaggedClass<CustomerAuthorizationExtended>()(
  "CustomerAuthorizationExtended",
  {
    notification_type: Schema.Literal("customer.authroization.extended", "customer.authorization.extended"),
    notification_id: optional(WireString),
    createdAt: optional(WireString),
    scopes: optional(WireScopes),
    userAuthorizationId: WireString,
    expiry: optional(WireInt)
  }
) {}

/**
 * @since 0.1.0
 * @category Schemas
 */
export const CustomerAuthorizationExtendedFromWire = untagged(
  CustomerAuthorizationExtended,
  "CustomerAuthorizationExtended"
)

/**
 * `customer.authroization.canceled`: listed in the account-link docs' table of contents, but no field list was
 * found (reference §B.10), so every field is optional.
 *
 * @since 0.1.0
 * @category Schemas
 */
export class CustomerAuthorizationCanceled extends Schema.TaggedClass<CustomerAuthorizationCanceled>()(
  "CustomerAuthorizationCanceled",
  {
    notification_type: Schema.Literal("customer.authroization.canceled", "customer.authorization.canceled"),
    notification_id: optional(WireString),
    createdAt: optional(WireString),
    userAuthorizationId: optional(WireString),
    referenceId: optional(WireString),
    nonce: optional(WireString)
  }
) {}

/**
 * @since 0.1.0
 * @category Schemas
 */
export const CustomerAuthorizationCanceledFromWire = untagged(
  CustomerAuthorizationCanceled,
  "CustomerAuthorizationCanceled"
)

// ====== Recon file event ======

/**
 * A reconciliation file is ready (`file.created`): `transaction_*.csv` or `preauth_transaction_*.csv`, delivered
 * daily 1:30–10:00 JST. Fields per GO-M's `WebhookReconFile` (reference §B.10).
 *
 * @since 0.1.0
 * @category Schemas
 */
export class ReconFileCreated extends Schema.TaggedClass<ReconFileCreated>()("ReconFileCreated", {
  notification_type: Schema.Literal("file.created"),
  notification_id: optional(WireString),
  fileType: optional(WireString),
  path: WireString,
  requestedAt: optional(WireString)
}) {}

/**
 * @since 0.1.0
 * @category Schemas
 */
export const ReconFileCreatedFromWire = untagged(ReconFileCreated, "ReconFileCreated")

// ====== Unknown events and the union ======

/**
 * A notification whose `notification_type` this SDK does not know. The raw payload is kept so no event is lost.
 *
 * @since 0.1.0
 * @category Schemas
 */
export class UnknownWebhook extends Schema.TaggedClass<UnknownWebhook>()("UnknownWebhook", {
  notification_type: Schema.String,
  payload: Schema.Record({ key: Schema.String, value: Schema.Unknown })
}) {}

/**
 * Every decoded webhook, discriminated by `_tag` (added on decode, never on the wire).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const WebhookEvent = Schema.Union(
  TransactionEvent,
  CustomerAuthorizationSucceeded,
  CustomerAuthorizationFailed,
  CustomerAuthorizationRevoked,
  CustomerAuthorizationExtended,
  CustomerAuthorizationCanceled,
  ReconFileCreated,
  UnknownWebhook
)

/**
 * @since 0.1.0
 * @category Models
 */
export type WebhookEvent = typeof WebhookEvent.Type

// ====== Decoding ======

/**
 * A body that is not a webhook PayPay documents:
 * - `MalformedJson`: not JSON (or not UTF-8);
 * - `NotAnObject`: JSON, but not an object;
 * - `MissingType`: no string `notification_type`;
 * - `InvalidPayload`: a known `notification_type` whose fields do not match its schema.
 *
 * @since 0.1.0
 * @category Errors
 */
export class WebhookDecodeError extends Data.TaggedError("WebhookDecodeError")<{
  readonly reason: "MalformedJson" | "NotAnObject" | "MissingType" | "InvalidPayload"
  readonly detail: string
  readonly notificationType?: string | undefined
  readonly cause?: unknown
}> {
  override get message(): string {
    const type = this.notificationType === undefined ? "" : ` (${this.notificationType})`
    return `PayPay webhook rejected${type}: ${this.reason}: ${this.detail}`
  }
}

type KnownEvent = Exclude<WebhookEvent, UnknownWebhook>

const decoders: ReadonlyMap<string, (u: unknown) => Effect.Effect<KnownEvent, ParseResult.ParseError>> = new Map<
  string,
  (u: unknown) => Effect.Effect<KnownEvent, ParseResult.ParseError>
>([
  ["Transaction", Schema.decodeUnknown(TransactionEventFromWire)],
  ...(["authroization", "authorization"] as const).flatMap((spelling) => [
    [`customer.${spelling}.succeeded`, Schema.decodeUnknown(CustomerAuthorizationSucceededFromWire)] as const,
    [`customer.${spelling}.failed`, Schema.decodeUnknown(CustomerAuthorizationFailedFromWire)] as const,
    [`customer.${spelling}.revoked`, Schema.decodeUnknown(CustomerAuthorizationRevokedFromWire)] as const,
    [`customer.${spelling}.extended`, Schema.decodeUnknown(CustomerAuthorizationExtendedFromWire)] as const,
    [`customer.${spelling}.canceled`, Schema.decodeUnknown(CustomerAuthorizationCanceledFromWire)] as const
  ]),
  ["file.created", Schema.decodeUnknown(ReconFileCreatedFromWire)]
])

const utf8 = new TextDecoder("utf-8", { fatal: true })

const parseBody = (body: unknown): Either.Either<unknown, WebhookDecodeError> => {
  if (typeof body !== "string" && !(body instanceof Uint8Array) && !(body instanceof ArrayBuffer)) {
    return Either.right(body)
  }
  return Either.try({
    try: () => JSON.parse(typeof body === "string" ? body : utf8.decode(body)) as unknown,
    catch: (cause) => new WebhookDecodeError({ reason: "MalformedJson", detail: String(cause), cause })
  })
}

const kindOf = (u: unknown): string => (u === null ? "null" : Array.isArray(u) ? "an array" : typeof u)

const isRecord = (u: unknown): u is Readonly<Record<string, unknown>> =>
  typeof u === "object" && u !== null && !Array.isArray(u)

/**
 * Decodes a webhook body: the raw text or bytes as received, or an already parsed JSON value. A known
 * `notification_type` gives its typed event; an unknown one gives {@link UnknownWebhook} with the raw payload.
 * Extra fields are ignored, `null` counts as absent, and numbers or strings are accepted where PayPay's typing is
 * loose. Anything else fails with {@link WebhookDecodeError}.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const decode = (body: unknown): Effect.Effect<WebhookEvent, WebhookDecodeError> =>
  Effect.flatMap(parseBody(body), (json): Effect.Effect<WebhookEvent, WebhookDecodeError> => {
    if (!isRecord(json)) {
      return new WebhookDecodeError({ reason: "NotAnObject", detail: `expected a JSON object, got ${kindOf(json)}` })
    }
    const type = json["notification_type"]
    if (typeof type !== "string") {
      return new WebhookDecodeError({ reason: "MissingType", detail: "no string notification_type" })
    }
    const decoder = decoders.get(type)
    if (decoder === undefined) return Effect.succeed(new UnknownWebhook({ notification_type: type, payload: json }))
    return Effect.mapError(
      decoder(json),
      (error) =>
        new WebhookDecodeError({
          reason: "InvalidPayload",
          detail: ParseResult.TreeFormatter.formatErrorSync(error),
          notificationType: type,
          cause: error
        })
    )
  })

// ====== HTTP handler ======

/**
 * @since 0.1.0
 * @category Models
 */
export interface HandlerOptions {
  /**
   * `fork` (default): answer 200 at once and run `onEvent` in its own fiber, so slow code never makes PayPay time
   * out (1.5–2 s) and retry; failures are logged. `await`: run `onEvent` first and answer 500 when it fails, so
   * PayPay retries (within its few retries only).
   */
  readonly mode?: "fork" | "await" | undefined
  /**
   * Refuses (403) the requests it returns false for: PayPay signs nothing, so an IP allow-list over
   * `request.remoteAddress` (or a trusted forwarded-for header) is the documented protection (reference §B.10).
   */
  readonly allow?: ((request: HttpServerRequest.HttpServerRequest) => boolean) | undefined
  /**
   * In `fork` mode, the set the event fibers join: they are interrupted when its scope closes and
   * `FiberSet.awaitEmpty` drains them. Without it each event runs in a daemon fiber.
   */
  readonly fibers?: FiberSet.FiberSet<unknown, unknown> | undefined
}

const accepted = HttpServerResponse.empty({ status: 200 })

/**
 * An HTTP app (mount it on a POST route, or serve it) that receives PayPay webhooks: it reads the raw body,
 * decodes it with {@link decode}, answers 200 and hands the event to `onEvent`. A malformed body is logged and
 * answered 400; a request refused by `allow` is answered 403.
 *
 * PayPay documents no signature, so the event is only a claim: confirm transaction events with {@link confirm}
 * (or query the API) before shipping goods, and expect duplicates (retries) and gaps (no delivery guarantee).
 *
 * @since 0.1.0
 * @category Constructors
 */
export const handler = <E, R>(
  onEvent: (event: WebhookEvent) => Effect.Effect<void, E, R>,
  options: HandlerOptions = {}
): HttpApp.Default<never, R> =>
  Effect.gen(function* () {
    const request = yield* HttpServerRequest.HttpServerRequest
    if (options.allow !== undefined && !options.allow(request)) {
      yield* Effect.logWarning("PayPay webhook refused by the allow hook").pipe(
        Effect.annotateLogs("remoteAddress", request.remoteAddress)
      )
      return HttpServerResponse.empty({ status: 403 })
    }
    const decoded = yield* Effect.either(Effect.flatMap(request.text, decode))
    if (Either.isLeft(decoded)) {
      yield* Effect.logWarning("PayPay webhook rejected", decoded.left)
      return HttpServerResponse.text(decoded.left.message, { status: 400 })
    }
    const event = decoded.right
    const run = onEvent(event).pipe(
      Effect.withSpan("PayPay.Webhooks.handle", { attributes: { event: event._tag } }),
      Effect.annotateLogs("webhook", event._tag)
    )
    if (options.mode === "await") {
      return yield* Effect.matchCauseEffect(run, {
        onFailure: (cause) =>
          Effect.as(Effect.logError("PayPay webhook handler failed", cause), HttpServerResponse.empty({ status: 500 })),
        onSuccess: () => Effect.succeed(accepted)
      })
    }
    const supervised = Effect.catchAllCause(run, (cause) => Effect.logError("PayPay webhook handler failed", cause))
    yield* options.fibers === undefined ? Effect.forkDaemon(supervised) : FiberSet.run(options.fibers, supervised)
    return accepted
  })

// ====== Confirm ======

const agreeing: { readonly [S in TransactionState]: ReadonlyArray<PaymentStatus> } = {
  COMPLETED: ["COMPLETED", "REFUNDED"],
  AUTHORIZED: ["AUTHORIZED", "REAUTHORIZING", "COMPLETED", "REFUNDED"],
  CANCELED: ["CANCELED"],
  EXPIRED: ["EXPIRED"],
  FAILED: ["FAILED"],
  EXPIRED_USER_CONFIRMATION: ["AUTHORIZED", "EXPIRED", "CANCELED"]
}

/**
 * Whether a payment status agrees with a transaction event's state: the same status, or one reached from it on
 * the success path (AUTHORIZED → REAUTHORIZING → COMPLETED → REFUNDED; reference §D). CANCELED, EXPIRED and FAILED
 * agree only with themselves. EXPIRED_USER_CONFIRMATION (a capture the user did not confirm) agrees with a
 * payment still AUTHORIZED, or EXPIRED or CANCELED since; PayPay does not document the status it leaves
 * (inference).
 *
 * @since 0.1.0
 * @category Guards
 */
export const agrees = (state: TransactionState, status: PaymentStatus): boolean => agreeing[state].includes(status)

/**
 * The payment PayPay reports disagrees with the event: the event is forged, stale or out of order. `payment` is
 * the truth.
 *
 * @since 0.1.0
 * @category Errors
 */
export class WebhookMismatch extends Data.TaggedError("WebhookMismatch")<{
  readonly event: TransactionEvent
  readonly payment: Payment
}> {
  override get message(): string {
    return `webhook says ${this.event.merchant_order_id} is ${this.event.state}, PayPay says ${this.payment.status}`
  }
}

/**
 * A confirmed event and the payment as PayPay reports it now (use the payment, not the event, for amounts).
 *
 * @since 0.1.0
 * @category Models
 */
export interface Confirmation {
  readonly event: TransactionEvent
  readonly payment: Payment
}

/**
 * @since 0.1.0
 * @category Models
 */
export interface ConfirmOptions<S extends PaymentSource = PaymentSource> {
  /** Which read endpoint knows the payment (default `code`; see `Flows.PaymentSource`). */
  readonly source?: S | undefined
}

/**
 * Confirms a transaction event by querying the payment (`Codes.getPayment`, `Payments.get` or
 * `PendingPayments.get` by `source`): the documented answer to unsigned webhooks (reference §B.10, §F.12).
 * Succeeds when the status {@link agrees} with the event's state, else fails with {@link WebhookMismatch}.
 *
 * @since 0.1.0
 * @category Flows
 */
export const confirm = <S extends PaymentSource = "code">(
  event: TransactionEvent,
  options: ConfirmOptions<S> = {}
): Effect.Effect<Confirmation, WebhookMismatch | Flows.ReadError<S>, PayPayClient> =>
  Effect.flatMap(Flows.read((options.source ?? "code") as S, event.merchant_order_id), (payment) =>
    agrees(event.state, payment.status)
      ? Effect.succeed({ event, payment })
      : Effect.fail(new WebhookMismatch({ event, payment }))
  ).pipe(
    Effect.withSpan("PayPay.Webhooks.confirm", {
      attributes: { merchantPaymentId: event.merchant_order_id, state: event.state }
    })
  )
