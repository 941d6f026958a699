/**
 * Pre-authorization and capture as pure transitions (§B.5, §D).
 *
 * ```
 * authorize ──→ AUTHORIZED ──capture ≤ authorized──→ COMPLETED (capture COMPLETED; the rest is released)
 *                   │  └──capture > authorized──→ REAUTHORIZING (capture USER_REQUESTED, 202)
 *                   │                              ├─ user confirms → COMPLETED (the extra is debited)
 *                   │                              └─ user refuses  → AUTHORIZED (the request is dropped)
 *                   ├──revert──→ CANCELED (released)
 *                   └──expiresAt reached──→ EXPIRED (released; `Payment.settle`)
 * ```
 *
 * QR codes created with `isAuthorization` enter the same machine once the user pays (`Payment.pay` → AUTHORIZED).
 * Money is held by debiting the user at authorization; every transition reports what to release or take so the
 * store moves it in the same transaction.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import { type DebitInput, checkPaymentMethod, newDebit } from "./DirectDebit.js"
import {
  type Capture,
  isValidAmount,
  MAX_AUTHORIZATION_SECONDS,
  type MoneyAmount,
  type Payment,
  type Revert
} from "./Payment.js"
import { Rejection } from "./Rejection.js"

/**
 * `POST /v2/payments/preauthorize` in domain terms: a debit plus its `expiresAt` (§B.5).
 *
 * @since 0.1.0
 * @category Models
 */
export interface AuthorizeInput extends DebitInput {
  readonly expiresAt?: number | undefined
}

/**
 * A new authorization: `AUTHORIZED`, `authorizedAt = now`, `expiresAt` as given or 30 days ahead (§C.3). The caller
 * holds the amount (debits the user).
 *
 * Rejections: `InvalidAmount`, `InvalidAuthorizationExpiry` (`expiresAt` not after now, or more than 30 days ahead),
 * `UnsupportedPaymentMethod`, `PaymentMethodNotFound`.
 *
 * @since 0.1.0
 * @category Transitions
 */
export const authorize = (
  input: AuthorizeInput,
  options: { readonly paymentId: string; readonly now: number }
): Either.Either<Payment, Rejection> => {
  const { now } = options
  if (!isValidAmount(input.amount.amount)) return Either.left(Rejection.InvalidAmount({ amount: input.amount.amount }))
  const max = now + MAX_AUTHORIZATION_SECONDS
  const expiresAt = input.expiresAt ?? max
  if (expiresAt <= now || expiresAt > max) {
    return Either.left(Rejection.InvalidAuthorizationExpiry({ authorizationExpiry: expiresAt, max }))
  }
  return Either.map(
    checkPaymentMethod(input),
    (): Payment => ({
      ...newDebit(input, { kind: "preauth", paymentId: options.paymentId, now }),
      status: "AUTHORIZED",
      authorizedAt: now,
      expiresAt
    })
  )
}

/**
 * `POST /v2/payments/capture` in domain terms (§B.5).
 *
 * @since 0.1.0
 * @category Models
 */
export interface CaptureInput {
  readonly merchantCaptureId: string
  readonly amount: MoneyAmount
  readonly orderDescription?: string | undefined
  readonly requestedAt?: number | undefined
}

/**
 * What a capture did with the held money: `Captured` (release `released` yen back to the user) or
 * `ConfirmationRequired` (202 USER_CONFIRMATION_REQUIRED; nothing moves until the user answers).
 *
 * @since 0.1.0
 * @category Models
 */
export type CaptureOutcome =
  | { readonly _tag: "Captured"; readonly released: number }
  | { readonly _tag: "ConfirmationRequired" }

const captureEntry = (input: CaptureInput, now: number, status: Capture["status"], expiresAt?: number): Capture => {
  const entry: Capture = {
    merchantCaptureId: input.merchantCaptureId,
    amount: input.amount,
    requestedAt: input.requestedAt ?? now,
    acceptedAt: now,
    status
  }
  return {
    ...entry,
    ...(input.orderDescription === undefined ? {} : { orderDescription: input.orderDescription }),
    ...(expiresAt === undefined ? {} : { expiresAt })
  }
}

/**
 * Capture an authorization (the payment as settled at `now`):
 *
 * - `EXPIRED` → `OrderExpired`; captured already → `AlreadyCaptured`; waiting for the user → `ReauthorizationInProgress`;
 *   any other status but `AUTHORIZED` → `NotCapturable`; a non-positive amount → `InvalidAmount`;
 * - amount ≤ authorized → `COMPLETED` (`acceptedAt = now`) with one `COMPLETED` capture; the difference is released;
 *   every capture entry keeps the authorization's `expiresAt` (PayPay shows it, ledger: capture.entry-shape);
 * - amount > authorized → `REAUTHORIZING` with one `USER_REQUESTED` capture whose `expiresAt` is the authorization's:
 *   the user must confirm before the authorization expires (§B.5 202 USER_CONFIRMATION_REQUIRED, §D).
 *
 * @since 0.1.0
 * @category Transitions
 */
export const capture = (
  payment: Payment,
  input: CaptureInput,
  options: { readonly now: number }
): Either.Either<readonly [Payment, CaptureOutcome], Rejection> => {
  const { now } = options
  const done = payment.captures.find((c) => c.status === "COMPLETED")
  if (done !== undefined) return Either.left(Rejection.AlreadyCaptured({ merchantCaptureId: done.merchantCaptureId }))
  switch (payment.status) {
    case "EXPIRED":
      return Either.left(Rejection.OrderExpired({ expiresAt: payment.expiresAt ?? now }))
    case "REAUTHORIZING": {
      const waiting = payment.captures.find((c) => c.status === "USER_REQUESTED")
      return Either.left(Rejection.ReauthorizationInProgress({ merchantCaptureId: waiting?.merchantCaptureId ?? "" }))
    }
    case "AUTHORIZED":
      break
    default:
      return Either.left(Rejection.NotCapturable({ status: payment.status }))
  }
  if (!isValidAmount(input.amount.amount)) return Either.left(Rejection.InvalidAmount({ amount: input.amount.amount }))
  const held = payment.amount.amount
  if (input.amount.amount <= held) {
    return Either.right([
      {
        ...payment,
        status: "COMPLETED",
        acceptedAt: now,
        captures: [captureEntry(input, now, "COMPLETED", payment.expiresAt)]
      },
      { _tag: "Captured", released: held - input.amount.amount }
    ])
  }
  return Either.right([
    {
      ...payment,
      status: "REAUTHORIZING",
      captures: [...payment.captures, captureEntry(input, now, "USER_REQUESTED", payment.expiresAt)]
    },
    { _tag: "ConfirmationRequired" }
  ])
}

/**
 * The user confirms a capture above the authorized amount: `REAUTHORIZING` → `COMPLETED`, the capture becomes
 * `COMPLETED` (`acceptedAt = now`). Returns the extra amount the caller debits from the user.
 *
 * Rejections: `NotCapturable` when no confirmation is pending (`EXPIRED` once the authorization lapsed).
 *
 * @since 0.1.0
 * @category Transitions
 */
export const confirmCapture = (
  payment: Payment,
  options: { readonly now: number }
): Either.Either<readonly [Payment, number], Rejection> => {
  const waiting = payment.captures.find((c) => c.status === "USER_REQUESTED")
  if (payment.status !== "REAUTHORIZING" || waiting === undefined) {
    return Either.left(Rejection.NotCapturable({ status: payment.status }))
  }
  const confirmed: Capture = { ...waiting, status: "COMPLETED", acceptedAt: options.now }
  return Either.right([
    {
      ...payment,
      status: "COMPLETED",
      acceptedAt: options.now,
      captures: payment.captures.map((c) => (c === waiting ? confirmed : c))
    },
    waiting.amount.amount - payment.amount.amount
  ])
}

/**
 * The user refuses a capture above the authorized amount (PayPay's EXPIRED_USER_CONFIRMATION event, §D):
 * `REAUTHORIZING` → `AUTHORIZED`, the request is dropped; the merchant may capture at most the authorized amount
 * or revert. No money moves.
 *
 * Rejections: `NotCapturable` when no confirmation is pending.
 *
 * @since 0.1.0
 * @category Transitions
 */
export const refuseCapture = (payment: Payment): Either.Either<Payment, Rejection> =>
  payment.status !== "REAUTHORIZING"
    ? Either.left(Rejection.NotCapturable({ status: payment.status }))
    : Either.right({
        ...payment,
        status: "AUTHORIZED",
        captures: payment.captures.filter((c) => c.status !== "USER_REQUESTED")
      })

/**
 * `POST /v2/payments/preauthorize/revert` in domain terms (§B.5).
 *
 * @since 0.1.0
 * @category Models
 */
export interface RevertInput {
  readonly merchantRevertId: string
  readonly reason?: string | undefined
  readonly requestedAt?: number | undefined
}

/**
 * Release an authorization: `AUTHORIZED` or `REAUTHORIZING` → `CANCELED` (`canceledAt = now`, `revert` recorded);
 * the caller releases the held amount. The same `merchantRevertId` again on the `CANCELED` payment is a replay
 * (`true`, nothing moves).
 *
 * Rejections: `NotCancelable` for any other status (captured, expired, …).
 *
 * @since 0.1.0
 * @category Transitions
 */
export const revert = (
  payment: Payment,
  input: RevertInput,
  options: { readonly now: number }
): Either.Either<readonly [Payment, boolean], Rejection> => {
  if (payment.status === "CANCELED" && payment.revert?.merchantRevertId === input.merchantRevertId) {
    return Either.right([payment, true])
  }
  if (payment.status !== "AUTHORIZED" && payment.status !== "REAUTHORIZING") {
    return Either.left(Rejection.NotCancelable({ status: payment.status }))
  }
  const entry: Revert = {
    merchantRevertId: input.merchantRevertId,
    requestedAt: input.requestedAt ?? options.now,
    acceptedAt: options.now,
    ...(input.reason === undefined ? {} : { reason: input.reason })
  }
  return Either.right([{ ...payment, status: "CANCELED", canceledAt: options.now, revert: entry }, false])
}
