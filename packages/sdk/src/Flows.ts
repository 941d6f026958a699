/**
 * Payment flows: the protocol PayPay documents around its calls, as Effects with typed results (reference §C.2,
 * §C.3, §E). Poll a payment until it settles; create a payment or a QR code safely when the outcome is unknown
 * (query, then cancel); reverse a payment (cancel inside the cancel window, refund after it); link a user
 * (authorization request, verified `responseToken`).
 *
 * @since 0.1.0
 */
import * as Data from "effect/Data"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Ref from "effect/Ref"
import * as Schedule from "effect/Schedule"
import * as Codes from "./Codes.js"
import { HEX, randomString } from "./internal/random.js"
import * as Jwt from "./Jwt.js"
import { BaseUrls, PayPayClient } from "./PayPayClient.js"
import * as PayPayError from "./PayPayError.js"
import type { Payment, Refund } from "./PayPaySchema.js"
import * as Payments from "./Payments.js"
import * as PendingPayments from "./PendingPayments.js"
import * as Refunds from "./Refunds.js"

// ====== Error types ======

/**
 * The error channel of an SDK function, e.g. `ErrorOf<typeof Codes.getPayment>`.
 *
 * @since 0.1.0
 * @category Models
 */
export type ErrorOf<F> = F extends (...args: ReadonlyArray<any>) => Effect.Effect<any, infer E, any> ? E : never

/**
 * What reading a payment from `source` can fail with: the errors of `Codes.getPayment` (`code`), `Payments.get`
 * (`native`) or `PendingPayments.get` (`pending`).
 *
 * @since 0.1.0
 * @category Errors
 */
export type ReadError<S extends PaymentSource = PaymentSource> = {
  readonly code: ErrorOf<typeof Codes.getPayment>
  readonly native: ErrorOf<typeof Payments.get>
  readonly pending: ErrorOf<typeof PendingPayments.get>
}[S]

/**
 * What cancelling a payment can fail with (`Payments.cancel`).
 *
 * @since 0.1.0
 * @category Errors
 */
export type CancelError = ErrorOf<typeof Payments.cancel>

/**
 * What settling an unknown outcome can fail with: only the cancel that PayPay prescribes when the query cannot tell
 * (ORDER_NOT_REVERSIBLE among them); failures of the query are handled, and a cancel that finds no payment means
 * `NotCreated`.
 *
 * @since 0.1.0
 * @category Errors
 */
export type ReconcileError = Exclude<CancelError, PayPayError.ResourceNotFound>

/**
 * The errors of {@link createPaymentSafely}: a create that failed for a known reason or was never sent (nothing
 * to reconcile), or the reconciliation's cancel.
 *
 * @since 0.1.0
 * @category Errors
 */
export type CreatePaymentSafelyError = ErrorOf<typeof Payments.create> | ReconcileError

/**
 * The errors of {@link createCodeSafely} (see {@link CreatePaymentSafelyError}).
 *
 * @since 0.1.0
 * @category Errors
 */
export type CreateCodeSafelyError = ErrorOf<typeof Codes.create> | ReconcileError

/**
 * The errors of {@link reversePayment}: the cancel's (except ORDER_NOT_REVERSIBLE, which turns into a refund),
 * reading the payment from `source`, and the refund's.
 *
 * @since 0.1.0
 * @category Errors
 */
export type ReverseError<S extends PaymentSource = "code"> =
  | Exclude<CancelError, PayPayError.OrderNotReversible>
  | ReadError<S>
  | ErrorOf<typeof Refunds.create>

// ====== Await a final status ======

/**
 * Where a payment is read: `code` for QR / web payments (`/v2/codes/payments`), `native` for direct debit,
 * continuous and pre-auth (`/v2/payments`), `pending` for request-money orders (`/v1/requestOrder`).
 *
 * @since 0.1.0
 * @category Models
 */
export type PaymentSource = "code" | "native" | "pending"

/**
 * Whether a status is final for polling: anything but CREATED and the transient REAUTHORIZING.
 *
 * @since 0.1.0
 * @category Guards
 */
export const isSettled = (status: Payment["status"]): boolean => status !== "CREATED" && status !== "REAUTHORIZING"

/**
 * The payment did not settle before the deadline.
 *
 * @since 0.1.0
 * @category Errors
 */
export class AwaitTimeout extends Data.TaggedError("AwaitTimeout")<{
  readonly merchantPaymentId: string
  readonly lastStatus: string | undefined
  readonly waited: Duration.Duration
}> {
  override get message() {
    return `payment ${this.merchantPaymentId} still ${this.lastStatus ?? "unknown"} after ${Duration.format(this.waited)}`
  }
}

/**
 * @since 0.1.0
 * @category Models
 */
export interface AwaitOptions<S extends PaymentSource = PaymentSource> {
  /** Which read endpoint to poll (default `code`). */
  readonly source?: S | undefined
  /** Poll schedule; default every 4 s against PayPay (its READMEs say 4–5 s) and every 100 ms elsewhere. */
  readonly schedule?: Schedule.Schedule<unknown, unknown> | undefined
  /** Give up after this long (default 6 minutes: a QR code lives about 5). */
  readonly deadline?: Duration.DurationInput | undefined
}

const isPayPayHost = (baseUrl: string) => Object.values(BaseUrls).includes(baseUrl) || baseUrl.endsWith(".paypay.ne.jp")

/**
 * Reads a payment from the endpoint that knows it: `Codes.getPayment`, `Payments.get` or `PendingPayments.get`.
 *
 * @since 0.1.0
 * @category Flows
 */
export const read = <S extends PaymentSource>(
  source: S,
  merchantPaymentId: string
): Effect.Effect<Payment, ReadError<S>, PayPayClient> => {
  const reading: Effect.Effect<Payment, ReadError, PayPayClient> =
    source === "native"
      ? Payments.get(merchantPaymentId)
      : source === "pending"
        ? PendingPayments.get(merchantPaymentId)
        : Codes.getPayment(merchantPaymentId)
  return reading as Effect.Effect<Payment, ReadError<S>, PayPayClient>
}

/**
 * Polls a payment until its status is settled (COMPLETED, AUTHORIZED, FAILED, CANCELED, EXPIRED, REFUNDED; it
 * keeps polling through CREATED and the transient REAUTHORIZING). Transient read failures are retried by the
 * client; the deadline fails with {@link AwaitTimeout}. The error type is that of the read endpoint of `source`.
 *
 * @since 0.1.0
 * @category Flows
 */
export const awaitSettled = <S extends PaymentSource = "code">(
  merchantPaymentId: string,
  options: AwaitOptions<S> = {}
): Effect.Effect<Payment, AwaitTimeout | ReadError<S>, PayPayClient> =>
  Effect.gen(function* () {
    const client = yield* PayPayClient
    const deadline = Duration.decode(options.deadline ?? "6 minutes")
    const schedule =
      options.schedule ?? (isPayPayHost(client.baseUrl) ? Schedule.spaced("4 seconds") : Schedule.spaced("100 millis"))
    const last = yield* Ref.make<string | undefined>(undefined)
    const poll = read((options.source ?? "code") as S, merchantPaymentId).pipe(
      Effect.tap((payment) => Ref.set(last, payment.status))
    )
    const policy = Schedule.passthrough(
      Schedule.intersect(
        schedule,
        Schedule.recurWhile<Payment>((payment) => !isSettled(payment.status))
      )
    )
    return yield* Effect.repeat(poll, policy).pipe(
      Effect.timeoutFail({
        duration: deadline,
        onTimeout: () => new AwaitTimeout({ merchantPaymentId, lastStatus: undefined, waited: deadline })
      }),
      Effect.catchTag("AwaitTimeout", (timeout) =>
        Effect.flatMap(Ref.get(last), (lastStatus) => Effect.fail(new AwaitTimeout({ ...timeout, lastStatus })))
      )
    )
  }).pipe(Effect.withSpan("PayPay.Flows.awaitSettled", { attributes: { merchantPaymentId } }))

// ====== Create safely ======

/**
 * What a safe create did:
 * - `Created`: PayPay answered normally.
 * - `Recovered`: the outcome was unknown; the query found the payment, here it is.
 * - `NotCreated`: the outcome was unknown; PayPay has no such payment, so the same request may be sent again.
 * - `Canceled`: the outcome stayed unknown (or the payment could not be used), so it was cancelled; start again
 *   with a NEW merchantPaymentId (a cancelled id cannot be reused, reference §C.4).
 *
 * @since 0.1.0
 * @category Models
 */
export type SafeOutcome<A> = Data.TaggedEnum<{
  Created: { readonly value: A }
  Recovered: { readonly payment: Payment; readonly cause: PayPayError.PayPayError }
  NotCreated: { readonly cause: PayPayError.PayPayError }
  Canceled: { readonly cause: PayPayError.PayPayError }
}>

const isNotFound = PayPayError.isCode("RESOURCE_NOT_FOUND", "DYNAMIC_QR_PAYMENT_NOT_FOUND")

interface SafeOutcomeDefinition extends Data.TaggedEnum.WithGenerics<1> {
  readonly taggedEnum: SafeOutcome<this["A"]>
}

/**
 * Constructors and `$match` for {@link SafeOutcome}.
 *
 * @since 0.1.0
 * @category Models
 */
export const SafeOutcome = Data.taggedEnum<SafeOutcomeDefinition>()

/**
 * PayPay's procedure for an unknown outcome (reference §C.2): query; a FAILED or missing payment was not created
 * (the same request may be sent again), a usable one is recovered, and one that cannot be used — or a query that
 * cannot tell — is cancelled (a cancel that finds no payment means it was not created either). Only the cancel's
 * failures remain.
 */
const reconcile = <A>(
  source: PaymentSource,
  merchantPaymentId: string,
  cause: PayPayError.PayPayError,
  usable: (payment: Payment) => boolean
): Effect.Effect<SafeOutcome<A>, ReconcileError, PayPayClient> => {
  const notCreated: Effect.Effect<SafeOutcome<A>> = Effect.succeed(SafeOutcome.NotCreated({ cause }))
  const cancel: Effect.Effect<SafeOutcome<A>, ReconcileError, PayPayClient> = Payments.cancel(merchantPaymentId).pipe(
    Effect.as(SafeOutcome.Canceled({ cause })),
    Effect.catchTag("ResourceNotFound", () => notCreated)
  )
  return Effect.matchEffect(read(source, merchantPaymentId), {
    onFailure: (error) => (isNotFound(error) ? notCreated : cancel),
    onSuccess: (payment): Effect.Effect<SafeOutcome<A>, ReconcileError, PayPayClient> => {
      if (payment.status === "FAILED") return notCreated
      if (usable(payment)) return Effect.succeed(SafeOutcome.Recovered({ payment, cause }))
      return cancel
    }
  })
}

/**
 * Creates a direct-debit payment; when the outcome is unknown (a timeout or broken connection after sending, 5xx,
 * INTERNAL_SERVER_ERROR) it follows PayPay's guidance: query by merchantPaymentId, and cancel when the status still
 * cannot be told (reference §C.2). Known failures (e.g. NO_SUFFICIENT_FUND) and requests that were never sent
 * (`PayPayRequestError` `NotSent`, already retried by the client) stay in the error channel: there is nothing to
 * reconcile.
 *
 * @since 0.1.0
 * @category Flows
 */
export const createPaymentSafely = (
  params: Payments.CreatePaymentParams,
  options?: Payments.CreateOptions
): Effect.Effect<SafeOutcome<Payment>, CreatePaymentSafelyError, PayPayClient> =>
  Payments.create(params, options).pipe(
    Effect.map((value) => SafeOutcome.Created({ value })),
    Effect.catchIf(PayPayError.isOutcomeUnknown, (cause) =>
      reconcile<Payment>(
        "native",
        params.merchantPaymentId,
        cause as PayPayError.PayPayError,
        (p) => p.status !== "CREATED"
      )
    )
  )

/**
 * Creates a QR code; when the outcome is unknown it queries the code's payment. A code that exists but whose
 * URL was lost cannot be shown to the user, so it is cancelled (`Canceled`: create a new code with a new
 * merchantPaymentId) unless the user already paid it (`Recovered`).
 *
 * @since 0.1.0
 * @category Flows
 */
export const createCodeSafely = (
  params: Codes.CreateQrCodeParams
): Effect.Effect<SafeOutcome<Codes.QrCode>, CreateCodeSafelyError, PayPayClient> =>
  Codes.create(params).pipe(
    Effect.map((value) => SafeOutcome.Created({ value })),
    Effect.catchIf(PayPayError.isOutcomeUnknown, (cause) =>
      reconcile<Codes.QrCode>(
        "code",
        params.merchantPaymentId,
        cause as PayPayError.PayPayError,
        (p) => p.status !== "CREATED"
      )
    )
  )

// ====== Reverse ======

/**
 * How a payment was reversed.
 *
 * @since 0.1.0
 * @category Models
 */
export type Reversal = Data.TaggedEnum<{
  Canceled: {}
  Refunded: { readonly refund: Refund }
}>

/**
 * @since 0.1.0
 * @category Models
 */
export const Reversal = Data.taggedEnum<Reversal>()

/**
 * Gives a payment's money back: cancel while PayPay allows it (until 00:14:59 JST the next day), refund once it
 * answers ORDER_NOT_REVERSIBLE (reference §B.3, §C.3). The refund covers what is still refundable unless
 * `amount` is given.
 *
 * @since 0.1.0
 * @category Flows
 */
export const reversePayment = <S extends PaymentSource = "code">(
  merchantPaymentId: string,
  options: {
    readonly merchantRefundId: string
    readonly source?: S | undefined
    readonly amount?: number | undefined
    readonly reason?: string | undefined
  }
): Effect.Effect<Reversal, ReverseError<S>, PayPayClient> =>
  Payments.cancel(merchantPaymentId).pipe(
    Effect.as(Reversal.Canceled()),
    Effect.catchTag("OrderNotReversible", () =>
      Effect.gen(function* () {
        const payment = yield* read((options.source ?? "code") as S, merchantPaymentId)
        const refunded = (payment.refunds?.data ?? []).reduce((sum, r) => sum + r.amount.amount, 0)
        const refund = yield* Refunds.create({
          merchantRefundId: options.merchantRefundId,
          paymentId: payment.paymentId,
          amount: { amount: options.amount ?? payment.amount.amount - refunded, currency: "JPY" },
          ...(options.reason === undefined ? {} : { reason: options.reason })
        })
        return Reversal.Refunded({ refund })
      })
    )
  )

// ====== Link a user ======

/**
 * The user declined the link, or PayPay answered `bad_request`.
 *
 * @since 0.1.0
 * @category Errors
 */
export class UserLinkFailed extends Data.TaggedError("UserLinkFailed")<{
  readonly result: "declined" | "bad_request"
  readonly referenceId: string | undefined
}> {}

/**
 * Starts a web account link: a fresh nonce (128 bits from the platform's cryptographic generator, unless one is
 * given), a signed `requestToken` and the authorization page URL to send the user to (reference §E.1). Keep the
 * nonce (e.g. in the session) for {@link finishUserLink}.
 *
 * @since 0.1.0
 * @category Flows
 */
export const startUserLink = (
  params: Omit<Jwt.RequestTokenParams, "nonce"> & { readonly nonce?: string | undefined },
  options?: { readonly authorizationBaseUrl?: string | undefined }
): Effect.Effect<{ readonly url: string; readonly nonce: string }, Jwt.JwtError, PayPayClient> =>
  Effect.gen(function* () {
    const nonce = params.nonce ?? (yield* randomNonce)
    const url = yield* Jwt.authorizationUrl({ ...params, nonce }, { baseUrl: options?.authorizationBaseUrl })
    return { url, nonce }
  })

const randomNonce = Effect.sync(() => randomString(32, HEX))

/**
 * Finishes a link: verifies the `responseToken` PayPay redirected back with (signature, expiry, audience,
 * issuer, nonce) and returns the `userAuthorizationId` to keep for user-scoped calls.
 *
 * @since 0.1.0
 * @category Flows
 */
export const finishUserLink = (
  responseToken: string,
  expected: { readonly nonce: string }
): Effect.Effect<
  { readonly userAuthorizationId: string; readonly referenceId: string | undefined },
  Jwt.JwtError | UserLinkFailed,
  PayPayClient
> =>
  Effect.flatMap(Jwt.verifyResponseToken(responseToken, expected), (token) =>
    token.result === "succeeded" && token.userAuthorizationId != null
      ? Effect.succeed({ userAuthorizationId: token.userAuthorizationId, referenceId: token.referenceId ?? undefined })
      : Effect.fail(
          new UserLinkFailed({
            result: token.result === "succeeded" ? "bad_request" : token.result,
            referenceId: token.referenceId ?? undefined
          })
        )
  )
