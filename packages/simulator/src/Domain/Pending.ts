/**
 * Pending payments ("request money", `POST /v1/requestOrder`) as pure transitions (§B.7, §C.3, §D).
 *
 * ```
 * create ──→ CREATED ──user accepts (Payment.pay)──→ COMPLETED (debited)
 *               ├──user declines (Payment.decline)──→ FAILED
 *               ├──DELETE /v1/requestOrder/{id}──→ CANCELED
 *               └──expiresAt reached──→ EXPIRED (Payment.settle)
 * ```
 *
 * No money moves before the user accepts. A completed pending payment is refunded with `POST /v2/refunds` like any
 * payment.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import { type DebitInput, newDebit } from "./DirectDebit.js"
import { isPendingExpired, isValidAmount, type Payment } from "./Payment.js"
import { Rejection } from "./Rejection.js"

/**
 * Default lifetime of a pending payment: 6 hours (§C.3, PHP docblock; ledger: pending.expiry-window).
 *
 * @since 0.1.0
 * @category Models
 */
export const DEFAULT_LIFETIME_SECONDS = 6 * 60 * 60

/**
 * Shortest allowed lifetime: 10 minutes (§C.3).
 *
 * @since 0.1.0
 * @category Models
 */
export const MIN_LIFETIME_SECONDS = 10 * 60

/**
 * Longest allowed lifetime: 48 hours (§C.3).
 *
 * @since 0.1.0
 * @category Models
 */
export const MAX_LIFETIME_SECONDS = 48 * 60 * 60

/**
 * `POST /v1/requestOrder` in domain terms (§B.7): a debit plus its optional `expiryDate` (epoch seconds or null).
 *
 * @since 0.1.0
 * @category Models
 */
export interface CreatePendingInput extends DebitInput {
  readonly expiryDate?: number | null | undefined
}

/**
 * A new pending payment: `CREATED`, `expiresAt = expiryDate` or now + 6 hours.
 *
 * Rejections: `InvalidAmount`, `InvalidPendingExpiry` (`expiryDate` less than 10 minutes or more than 48 hours
 * ahead).
 *
 * @since 0.1.0
 * @category Transitions
 */
export const create = (
  input: CreatePendingInput,
  options: { readonly paymentId: string; readonly now: number }
): Either.Either<Payment, Rejection> => {
  const { now } = options
  if (!isValidAmount(input.amount.amount)) return Either.left(Rejection.InvalidAmount({ amount: input.amount.amount }))
  const min = now + MIN_LIFETIME_SECONDS
  const max = now + MAX_LIFETIME_SECONDS
  const expiryDate = input.expiryDate ?? undefined
  if (expiryDate !== undefined && (expiryDate < min || expiryDate > max)) {
    return Either.left(Rejection.InvalidPendingExpiry({ expiryDate, min, max }))
  }
  return Either.right({
    ...newDebit(input, { kind: "pending", paymentId: options.paymentId, now }),
    expiresAt: expiryDate ?? now + DEFAULT_LIFETIME_SECONDS
  })
}

/**
 * `DELETE /v1/requestOrder/{merchantPaymentId}`: `CREATED` (unexpired) → `CANCELED` (`canceledAt = now`).
 * Cancelling a `CANCELED` order again changes nothing (the SDK retries this call as idempotent).
 *
 * Rejections: `InvalidRequestOrderState` for any other status (paid, declined, expired).
 *
 * @since 0.1.0
 * @category Transitions
 */
export const cancel = (payment: Payment, options: { readonly now: number }): Either.Either<Payment, Rejection> => {
  if (payment.status === "CANCELED") return Either.right(payment)
  const status = isPendingExpired(payment, options.now) ? "EXPIRED" : payment.status
  if (status !== "CREATED") return Either.left(Rejection.InvalidRequestOrderState({ status }))
  return Either.right({ ...payment, status: "CANCELED", canceledAt: options.now })
}
