/**
 * Money-moving operations: a payment transition plus the matching user-balance change, in ONE SQL transaction.
 *
 * If either half fails (a `Rejection`, a missing user, an insufficient balance) nothing is written. Time comes from
 * `SimClock` (epoch seconds). Balance rules:
 *
 * - pay: `COMPLETED`/`AUTHORIZED` debits the amount; `FAILED` (the merchant had canceled) moves nothing; the user
 *   must exist and be `ACTIVE` in every case. Paying a pending request (made with the user's authorization) extends
 *   the authorization (ledger: user.auto-extend).
 * - cancel / expire: a `COMPLETED`, `AUTHORIZED` or `REAUTHORIZING` payment that becomes `CANCELED`/`EXPIRED`
 *   credits back what it still holds (the paid or held amount minus refunds).
 * - refund: a new refund credits its amount immediately (the wire status still goes `CREATED` → `REFUNDED`); a
 *   replayed `merchantRefundId` moves nothing.
 *
 * Credits to a user that no longer exists are skipped.
 *
 * @since 0.1.0
 */
import * as SqlClient from "@effect/sql/SqlClient"
import type { SqlError } from "@effect/sql/SqlError"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Payment from "../Domain/Payment.js"
import { SimClock } from "../SimClock.js"
import type { Tenant } from "./Database.js"
import { PaymentNotFound, PaymentStore } from "./PaymentStore.js"
import type { DuplicateRefund } from "./PaymentStore.js"
import * as UserStore from "./UserStore.js"

/**
 * The `POST /v2/refunds` request in domain terms (§B.6). `paymentId` is PayPay's id, not the merchant's.
 *
 * @since 0.1.0
 * @category Models
 */
export interface RefundInput {
  readonly paymentId: string
  readonly merchantRefundId: string
  readonly amount: Payment.MoneyAmount
  readonly reason?: string | undefined
  readonly requestedAt?: number | undefined
}

/**
 * @since 0.1.0
 * @category Context
 */
export class Transactions extends Context.Tag("simulator/Transactions")<Transactions, Transactions.Service>() {}

/**
 * @since 0.1.0
 * @category Models
 */
export declare namespace Transactions {
  /**
   * @since 0.1.0
   * @category Models
   */
  export interface Service {
    /** Run `effect` in one SQL transaction; store operations inside join it. */
    readonly atomically: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E | SqlError, R>
    /** The user pays (`Payment.pay`) and is debited. */
    readonly pay: (
      tenant: Tenant,
      merchantPaymentId: string,
      userAuthorizationId: string
    ) => Effect.Effect<Payment.Payment, Payment.Rejection | PaymentNotFound | UserStore.UserNotFound | SqlError>
    /** The user declines (`Payment.decline`); no money moves. */
    readonly decline: (
      tenant: Tenant,
      merchantPaymentId: string
    ) => Effect.Effect<Payment.Payment, Payment.Rejection | PaymentNotFound | SqlError>
    /** `DELETE /v2/payments/{id}` (`Payment.cancel`); credits the user when paid money is reversed. */
    readonly cancel: (
      tenant: Tenant,
      merchantPaymentId: string
    ) => Effect.Effect<Payment.Payment, Payment.Rejection | PaymentNotFound | SqlError>
    /** Control-API expiry (`Payment.expire`); credits the user when an authorization is released. */
    readonly expire: (
      tenant: Tenant,
      merchantPaymentId: string
    ) => Effect.Effect<Payment.Payment, Payment.Rejection | PaymentNotFound | SqlError>
    /**
     * `POST /v2/refunds` (`Payment.refund`); credits the user for a new refund. `PaymentNotFound` has
     * `lookup: "paymentId"` when `paymentId` is unknown to the tenant.
     */
    readonly refund: (
      tenant: Tenant,
      input: RefundInput
    ) => Effect.Effect<
      readonly [Payment.Payment, Payment.RefundOutcome],
      Payment.Rejection | PaymentNotFound | DuplicateRefund | SqlError
    >
  }
}

/**
 * @since 0.1.0
 * @category Constructors
 */
export const make: Effect.Effect<
  Transactions.Service,
  never,
  SqlClient.SqlClient | SimClock | PaymentStore | UserStore.UserStore
> = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  const clock = yield* SimClock
  const payments = yield* PaymentStore
  const users = yield* UserStore.UserStore

  const creditIfPresent = (tenant: Tenant, userAuthorizationId: string | undefined, amount: number) =>
    userAuthorizationId === undefined || amount === 0
      ? Effect.void
      : users.update(tenant, userAuthorizationId, UserStore.credit(amount)).pipe(
          Effect.asVoid,
          Effect.catchTag("UserNotFound", () => Effect.void)
        )

  const reverse = (
    tenant: Tenant,
    merchantPaymentId: string,
    transition: (
      payment: Payment.Payment,
      options: { readonly now: number }
    ) => Either.Either<Payment.Payment, Payment.Rejection>
  ) =>
    sql.withTransaction(
      Effect.gen(function* () {
        const now = yield* clock.nowSeconds
        const [after, before] = yield* payments
          .update(tenant, merchantPaymentId, (payment) =>
            Either.map(transition(payment, { now }), (next) => [next, payment] as const)
          )
          .pipe(Effect.catchTag("DuplicateRefund", Effect.die))
        if (Payment.holdsMoney(before.status) && !Payment.holdsMoney(after.status)) {
          yield* creditIfPresent(tenant, after.userAuthorizationId, Payment.refundableAmount(after))
        }
        return after
      })
    )

  const pay = (tenant: Tenant, merchantPaymentId: string, userAuthorizationId: string) =>
    sql.withTransaction(
      Effect.gen(function* () {
        const now = yield* clock.nowSeconds
        const payment = yield* payments
          .modify(tenant, merchantPaymentId, (p) => Payment.pay(p, { now, userAuthorizationId }))
          .pipe(Effect.catchTag("DuplicateRefund", Effect.die))
        const amount = Payment.holdsMoney(payment.status) ? payment.amount.amount : 0
        const withAuthorization = payment.kind === "pending" && amount > 0
        yield* users.update(tenant, userAuthorizationId, UserStore.debit(amount, withAuthorization ? now : undefined))
        return payment
      })
    )

  const decline = (tenant: Tenant, merchantPaymentId: string) =>
    Effect.flatMap(clock.nowSeconds, (now) =>
      payments
        .modify(tenant, merchantPaymentId, (p) => Payment.decline(p, { now }))
        .pipe(Effect.catchTag("DuplicateRefund", Effect.die))
    )

  const refund = (tenant: Tenant, input: RefundInput) =>
    sql.withTransaction(
      Effect.gen(function* () {
        const now = yield* clock.nowSeconds
        const found = yield* payments.getByPaymentId(tenant, input.paymentId)
        if (Option.isNone(found)) return yield* new PaymentNotFound({ lookup: "paymentId", id: input.paymentId })
        const result = yield* payments.update(tenant, found.value.merchantPaymentId, (p) =>
          Payment.refund(p, {
            now,
            merchantRefundId: input.merchantRefundId,
            amount: input.amount,
            reason: input.reason,
            requestedAt: input.requestedAt
          })
        )
        const [payment, outcome] = result
        if (!outcome.replayed) {
          yield* creditIfPresent(tenant, payment.userAuthorizationId, outcome.refund.amount.amount)
        }
        return result
      })
    )

  return Transactions.of({
    atomically: sql.withTransaction,
    pay,
    decline,
    cancel: (tenant, merchantPaymentId) => reverse(tenant, merchantPaymentId, Payment.cancel),
    expire: (tenant, merchantPaymentId) => reverse(tenant, merchantPaymentId, Payment.expire),
    refund
  })
})

/**
 * Requires `SqlClient`, `SimClock`, `PaymentStore` and `UserStore`.
 *
 * @since 0.1.0
 * @category Layers
 */
export const layer: Layer.Layer<
  Transactions,
  never,
  SqlClient.SqlClient | SimClock | PaymentStore | UserStore.UserStore
> = Layer.effect(Transactions, make)
