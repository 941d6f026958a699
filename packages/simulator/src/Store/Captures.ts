/**
 * Capture, confirmation and revert of authorizations, each in ONE SQL transaction with the money it moves
 * (§B.5, §D; rules in `Domain/Preauth.ts`). Works for `POST /v2/payments/preauthorize` authorizations and for QR
 * codes created with `isAuthorization` once paid.
 *
 * @since 0.1.0
 */
import * as SqlClient from "@effect/sql/SqlClient"
import type { SqlError } from "@effect/sql/SqlError"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import type * as Payment from "../Domain/Payment.js"
import * as Preauth from "../Domain/Preauth.js"
import type { Rejection } from "../Domain/Rejection.js"
import { SimClock } from "../SimClock.js"
import type { Tenant } from "./Database.js"
import { PaymentNotFound, PaymentStore } from "./PaymentStore.js"
import * as UserStore from "./UserStore.js"

/**
 * @since 0.1.0
 * @category Models
 */
export type Requirements = SqlClient.SqlClient | SimClock | PaymentStore | UserStore.UserStore

/**
 * @since 0.1.0
 * @category Errors
 */
export type CaptureError = Rejection | PaymentNotFound | SqlError

/**
 * `POST /v2/payments/capture` in domain terms.
 *
 * @since 0.1.0
 * @category Models
 */
export interface CaptureRequest extends Preauth.CaptureInput {
  readonly merchantPaymentId: string
}

const credit = (tenant: Tenant, userAuthorizationId: string | undefined, amount: number) =>
  Effect.flatMap(UserStore.UserStore, (users) =>
    userAuthorizationId === undefined || amount === 0
      ? Effect.void
      : users.update(tenant, userAuthorizationId, UserStore.credit(amount)).pipe(
          Effect.asVoid,
          Effect.catchTag("UserNotFound", () => Effect.void)
        )
  )

const atomically = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.flatMap(SqlClient.SqlClient, (sql) => sql.withTransaction(effect))

const nowSeconds = Effect.flatMap(SimClock, (clock) => clock.nowSeconds)

/**
 * Capture an authorization; a capture at most the authorized amount completes and releases the rest, a larger one
 * waits for the user (`ConfirmationRequired`, the route answers 202).
 *
 * @since 0.1.0
 * @category Transitions
 */
export const capture = (
  tenant: Tenant,
  request: CaptureRequest
): Effect.Effect<readonly [Payment.Payment, Preauth.CaptureOutcome], CaptureError, Requirements> =>
  atomically(
    Effect.gen(function* () {
      const now = yield* nowSeconds
      const payments = yield* PaymentStore
      const result = yield* payments
        .update(tenant, request.merchantPaymentId, (p) => Preauth.capture(p, request, { now }))
        .pipe(Effect.catchTag("DuplicateRefund", Effect.die))
      const [payment, outcome] = result
      if (outcome._tag === "Captured") yield* credit(tenant, payment.userAuthorizationId, outcome.released)
      return result
    })
  )

/**
 * The user confirms a capture above the authorized amount; the extra is debited (NO_SUFFICIENT_FUND or an
 * inactive user rolls everything back).
 *
 * @since 0.1.0
 * @category Transitions
 */
export const confirmCapture = (
  tenant: Tenant,
  merchantPaymentId: string
): Effect.Effect<Payment.Payment, CaptureError | UserStore.UserNotFound, Requirements> =>
  atomically(
    Effect.gen(function* () {
      const now = yield* nowSeconds
      const payments = yield* PaymentStore
      const users = yield* UserStore.UserStore
      const [payment, extra] = yield* payments
        .update(tenant, merchantPaymentId, (p) => Preauth.confirmCapture(p, { now }))
        .pipe(Effect.catchTag("DuplicateRefund", Effect.die))
      if (payment.userAuthorizationId !== undefined) {
        yield* users.update(tenant, payment.userAuthorizationId, UserStore.debit(extra))
      }
      return payment
    })
  )

/**
 * The user refuses a capture above the authorized amount; the payment is `AUTHORIZED` again.
 *
 * @since 0.1.0
 * @category Transitions
 */
export const refuseCapture = (
  tenant: Tenant,
  merchantPaymentId: string
): Effect.Effect<Payment.Payment, CaptureError, Requirements> =>
  Effect.flatMap(PaymentStore, (payments) =>
    payments
      .modify(tenant, merchantPaymentId, Preauth.refuseCapture)
      .pipe(Effect.catchTag("DuplicateRefund", Effect.die))
  )

/**
 * `POST /v2/payments/preauthorize/revert` in domain terms; `paymentId` is PayPay's id (§B.5).
 *
 * @since 0.1.0
 * @category Models
 */
export interface RevertRequest extends Preauth.RevertInput {
  readonly paymentId: string
}

/**
 * Revert an authorization by PayPay `paymentId`; the held amount goes back to the user (a replayed
 * `merchantRevertId` moves nothing). `PaymentNotFound` has `lookup: "paymentId"` for an unknown id.
 *
 * @since 0.1.0
 * @category Transitions
 */
export const revert = (
  tenant: Tenant,
  request: RevertRequest
): Effect.Effect<Payment.Payment, CaptureError, Requirements> =>
  atomically(
    Effect.gen(function* () {
      const now = yield* nowSeconds
      const payments = yield* PaymentStore
      const found = yield* payments.getByPaymentId(tenant, request.paymentId)
      if (Option.isNone(found)) return yield* new PaymentNotFound({ lookup: "paymentId", id: request.paymentId })
      const [payment, replayed] = yield* payments
        .update(tenant, found.value.merchantPaymentId, (p) => Preauth.revert(p, request, { now }))
        .pipe(Effect.catchTag("DuplicateRefund", Effect.die))
      if (!replayed) yield* credit(tenant, payment.userAuthorizationId, payment.amount.amount)
      return payment
    })
  )
