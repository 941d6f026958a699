/**
 * The simulator's payment model and its pure state machine (§B.2, §B.3, §B.4, §B.6, §C.3, §D).
 *
 * Everything here is pure: no services, no I/O, no wall clock. Transitions never write `undefined` into a field, so
 * a document survives a JSON round trip unchanged. Every transition takes `now` as a parameter and
 * returns `Either<Payment, Rejection>` (or `Either<readonly [Payment, Result], Rejection>`).
 *
 * **Time unit:** every instant (`now`, `requestedAt`, `acceptedAt`, `expiresAt`, …) is an integer epoch in
 * **seconds**, exactly as on PayPay's wire (§B.1). Convert the simulator clock with `SimClock.nowSeconds`.
 *
 * Expiry is derived, never driven by timers: {@link codeState} tells whether a code is usable at `now`, and
 * {@link settle} applies the time-based progressions (refund settlement) whenever a payment is read.
 *
 * @since 0.1.0
 */
import * as PayPaySchema from "@paypay-effect/sdk/PayPaySchema"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as Jst from "./Jst.js"
import { Rejection } from "./Rejection.js"

// =============================================================================
// Models
// =============================================================================

/**
 * Payment status values (§B.4, §D).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const PaymentStatus = PayPaySchema.PaymentStatus

/**
 * @since 0.1.0
 * @category Models
 */
export type PaymentStatus = typeof PaymentStatus.Type

/**
 * How the payment was started: dynamic QR code (`POST /v2/codes`), native direct debit (`POST /v2/payments`),
 * pre-authorization, pending "request money" order, or continuous payment.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const PaymentKind = Schema.Literal("code", "native", "preauth", "pending", "continuous")

/**
 * @since 0.1.0
 * @category Models
 */
export type PaymentKind = typeof PaymentKind.Type

/**
 * `{ amount, currency: "JPY" }` (§B.1).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const MoneyAmount = Schema.Struct({
  amount: Schema.Finite,
  currency: Schema.Literal("JPY")
})

/**
 * @since 0.1.0
 * @category Models
 */
export type MoneyAmount = typeof MoneyAmount.Type

/**
 * An order item in the request shape (`unitPrice`; responses spell it `unit_price`, §B.1).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const OrderItem = Schema.Struct({
  name: Schema.String,
  category: Schema.optional(Schema.String),
  quantity: Schema.Finite,
  productId: Schema.optional(Schema.String),
  unitPrice: MoneyAmount
})

/**
 * @since 0.1.0
 * @category Models
 */
export type OrderItem = typeof OrderItem.Type

/**
 * Dynamic QR code data attached to a `"code"` payment (§B.2).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const CodeInfo = Schema.Struct({
  codeId: Schema.String,
  expiresAt: Schema.Finite,
  deleted: Schema.Boolean,
  isAuthorization: Schema.Boolean,
  authorizationExpiry: Schema.optional(Schema.Finite),
  redirectUrl: Schema.optional(Schema.String),
  redirectType: Schema.optional(Schema.String),
  userAgent: Schema.optional(Schema.String)
})

/**
 * @since 0.1.0
 * @category Models
 */
export type CodeInfo = typeof CodeInfo.Type

/**
 * Refund status: `CREATED` until PayPay's batch settles it, then `REFUNDED` (§B.6, §C.3). `REFUND_FAILED` is retired.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const RefundStatus = Schema.Literal("CREATED", "REFUNDED")

/**
 * @since 0.1.0
 * @category Models
 */
export type RefundStatus = typeof RefundStatus.Type

/**
 * One refund of a payment (§B.4 `refunds.data[]`, §B.6).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const Refund = Schema.Struct({
  merchantRefundId: Schema.String,
  paymentId: Schema.String,
  amount: MoneyAmount,
  status: RefundStatus,
  requestedAt: Schema.Finite,
  acceptedAt: Schema.Finite,
  reason: Schema.optional(Schema.String)
})

/**
 * @since 0.1.0
 * @category Models
 */
export type Refund = typeof Refund.Type

/**
 * One capture of a pre-authorized payment (§B.4 `captures.data[]`, §B.5).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const Capture = Schema.Struct({
  merchantCaptureId: Schema.String,
  amount: MoneyAmount,
  orderDescription: Schema.optional(Schema.String),
  requestedAt: Schema.Finite,
  acceptedAt: Schema.Finite,
  expiresAt: Schema.optional(Schema.Finite),
  status: Schema.Literal("USER_REQUESTED", "COMPLETED")
})

/**
 * @since 0.1.0
 * @category Models
 */
export type Capture = typeof Capture.Type

/**
 * The revert of a pre-authorization (§B.4 `revert`, §B.5).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const Revert = Schema.Struct({
  merchantRevertId: Schema.String,
  requestedAt: Schema.Finite,
  acceptedAt: Schema.Finite,
  reason: Schema.optional(Schema.String)
})

/**
 * @since 0.1.0
 * @category Models
 */
export type Revert = typeof Revert.Type

/**
 * The stored payment document. Field names follow the wire payment object (§B.4); the HTTP layer maps it to the
 * response shape (`refunds: { data }`, `unit_price`, `0`/`null` for unset timestamps, …).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const Payment = Schema.Struct({
  paymentId: Schema.String,
  merchantPaymentId: Schema.String,
  kind: PaymentKind,
  status: PaymentStatus,
  amount: MoneyAmount,
  requestedAt: Schema.Finite,
  acceptedAt: Schema.optional(Schema.Finite),
  authorizedAt: Schema.optional(Schema.Finite),
  canceledAt: Schema.optional(Schema.Finite),
  expiresAt: Schema.optional(Schema.Finite),
  userAuthorizationId: Schema.optional(Schema.String),
  code: Schema.optional(CodeInfo),
  orderDescription: Schema.optional(Schema.String),
  orderItems: Schema.optional(Schema.Array(OrderItem)),
  metadata: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.Unknown })),
  storeInfo: Schema.optional(Schema.String),
  storeId: Schema.optional(Schema.String),
  terminalId: Schema.optional(Schema.String),
  orderReceiptNumber: Schema.optional(Schema.String),
  cancelRequested: Schema.Boolean,
  refunds: Schema.Array(Refund),
  captures: Schema.Array(Capture),
  revert: Schema.optional(Revert)
})

/**
 * @since 0.1.0
 * @category Models
 */
export type Payment = typeof Payment.Type

/**
 * Derived state of a payment's QR code at an instant (see {@link codeState}).
 *
 * @since 0.1.0
 * @category Models
 */
export type CodeState = "active" | "expired" | "deleted" | "used" | "none"

// =============================================================================
// Rejections
// =============================================================================

/**
 * Why a transition was refused (defined in `Domain/Rejection.ts`, re-exported here).
 *
 * @since 0.1.0
 * @category Errors
 */
export { Rejection } from "./Rejection.js"

// =============================================================================
// Constants
// =============================================================================

/**
 * Default lifetime of a dynamic QR code: about 300 s observed in the sandbox (§B.2).
 *
 * @since 0.1.0
 * @category Models
 */
export const DEFAULT_CODE_LIFETIME_SECONDS = 300

/**
 * Default delay before a `CREATED` refund becomes `REFUNDED` in {@link settle}.
 *
 * @since 0.1.0
 * @category Models
 */
export const DEFAULT_REFUND_SETTLE_SECONDS = 5

/**
 * Maximum number of refunds per payment (§C.3, "may be subject to change").
 *
 * @since 0.1.0
 * @category Models
 */
export const MAX_REFUNDS = 20

/**
 * Maximum validity of a pre-authorization: 30 days (§B.5, §C.3).
 *
 * @since 0.1.0
 * @category Models
 */
export const MAX_AUTHORIZATION_SECONDS = 30 * Jst.DAY_SECONDS

// =============================================================================
// Derived state
// =============================================================================

/**
 * State of the payment's QR code at `now`: `"used"` once the payment left `CREATED`, `"deleted"` after
 * `DELETE /v2/codes`, `"expired"` when `now >= code.expiresAt`, `"none"` for payments without a code.
 *
 * @since 0.1.0
 * @category Utils
 */
export const codeState = (payment: Payment, now: number): CodeState => {
  if (payment.code === undefined) return "none"
  if (payment.status !== "CREATED") return "used"
  if (payment.code.deleted) return "deleted"
  if (now >= payment.code.expiresAt) return "expired"
  return "active"
}

/**
 * Sum of all refund amounts (settled or not).
 *
 * @since 0.1.0
 * @category Utils
 */
export const refundedAmount = (payment: Payment): number =>
  payment.refunds.reduce((total, refund) => total + refund.amount.amount, 0)

/**
 * The amount the user actually paid: the completed capture's amount for a captured pre-authorization (partial or
 * above the authorized amount, §B.5), else the payment's amount.
 *
 * @since 0.1.0
 * @category Utils
 */
export const paidAmount = (payment: Payment): number => {
  const captured = payment.captures.filter((capture) => capture.status === "COMPLETED")
  return captured.length === 0
    ? payment.amount.amount
    : captured.reduce((total, capture) => total + capture.amount.amount, 0)
}

/**
 * Amount that can still be refunded.
 *
 * @since 0.1.0
 * @category Utils
 */
export const refundableAmount = (payment: Payment): number => paidAmount(payment) - refundedAmount(payment)

/**
 * Whether the user's money is taken or held in this status: paid (`COMPLETED`) or blocked by an authorization
 * (`AUTHORIZED`, and `REAUTHORIZING` while a capture waits for the user, §D).
 *
 * @since 0.1.0
 * @category Guards
 */
export const holdsMoney = (status: PaymentStatus): boolean =>
  status === "COMPLETED" || status === "AUTHORIZED" || status === "REAUTHORIZING"

/**
 * Whether an authorization (`AUTHORIZED` or `REAUTHORIZING`) has reached its `expiresAt` at `now` (§C.3, §D).
 *
 * @since 0.1.0
 * @category Guards
 */
export const isAuthorizationExpired = (payment: Payment, now: number): boolean =>
  (payment.status === "AUTHORIZED" || payment.status === "REAUTHORIZING") &&
  payment.expiresAt !== undefined &&
  now >= payment.expiresAt

/**
 * Whether a pending payment (request money) is still `CREATED` at or after its `expiresAt` (§B.7, §C.3).
 *
 * @since 0.1.0
 * @category Guards
 */
export const isPendingExpired = (payment: Payment, now: number): boolean =>
  payment.kind === "pending" &&
  payment.status === "CREATED" &&
  payment.expiresAt !== undefined &&
  now >= payment.expiresAt

/**
 * Whether `amount` is a positive safe integer (JPY has no minor unit).
 *
 * @since 0.1.0
 * @category Guards
 */
export const isValidAmount = (amount: number): boolean => Number.isSafeInteger(amount) && amount > 0

// =============================================================================
// Transitions
// =============================================================================

const compact = <A extends object>(record: A): A => {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(record)) if (value !== undefined) out[key] = value
  return out as A
}

/**
 * The merchant's `POST /v2/codes` request, in domain terms (§B.2).
 *
 * @since 0.1.0
 * @category Models
 */
export interface CreateCodeInput {
  readonly merchantPaymentId: string
  readonly amount: MoneyAmount
  readonly requestedAt?: number | undefined
  readonly orderDescription?: string | undefined
  readonly orderItems?: ReadonlyArray<OrderItem> | undefined
  readonly metadata?: { readonly [key: string]: unknown } | undefined
  readonly storeInfo?: string | undefined
  readonly storeId?: string | undefined
  readonly terminalId?: string | undefined
  readonly isAuthorization?: boolean | undefined
  readonly authorizationExpiry?: number | undefined
  readonly redirectUrl?: string | undefined
  readonly redirectType?: string | undefined
  readonly userAgent?: string | undefined
}

/**
 * Create a dynamic QR payment in `CREATED`; the code expires `lifetimeSeconds` (default 300) after `now`.
 *
 * Rejections: `InvalidAmount`, `InvalidAuthorizationExpiry` (only when `isAuthorization`).
 *
 * @since 0.1.0
 * @category Transitions
 */
export const createCode = (
  input: CreateCodeInput,
  options: {
    readonly now: number
    readonly paymentId: string
    readonly codeId: string
    readonly lifetimeSeconds?: number | undefined
  }
): Either.Either<Payment, Rejection> => {
  const { now } = options
  if (!isValidAmount(input.amount.amount)) return Either.left(Rejection.InvalidAmount({ amount: input.amount.amount }))
  const isAuthorization = input.isAuthorization ?? false
  const expiry = input.authorizationExpiry
  if (isAuthorization && expiry !== undefined && (expiry <= now || expiry > now + MAX_AUTHORIZATION_SECONDS)) {
    return Either.left(
      Rejection.InvalidAuthorizationExpiry({ authorizationExpiry: expiry, max: now + MAX_AUTHORIZATION_SECONDS })
    )
  }
  return Either.right(
    compact<Payment>({
      paymentId: options.paymentId,
      merchantPaymentId: input.merchantPaymentId,
      kind: "code",
      status: "CREATED",
      amount: input.amount,
      requestedAt: input.requestedAt ?? now,
      code: compact<CodeInfo>({
        codeId: options.codeId,
        expiresAt: now + (options.lifetimeSeconds ?? DEFAULT_CODE_LIFETIME_SECONDS),
        deleted: false,
        isAuthorization,
        authorizationExpiry: isAuthorization ? expiry : undefined,
        redirectUrl: input.redirectUrl,
        redirectType: input.redirectType,
        userAgent: input.userAgent
      }),
      orderDescription: input.orderDescription,
      orderItems: input.orderItems,
      metadata: input.metadata,
      storeInfo: input.storeInfo,
      storeId: input.storeId,
      terminalId: input.terminalId,
      cancelRequested: false,
      refunds: [],
      captures: []
    })
  )
}

const checkUsable = (payment: Payment, now: number): Either.Either<Payment, Rejection> => {
  if (payment.kind === "pending") {
    const status = isPendingExpired(payment, now) ? "EXPIRED" : payment.status
    return status === "CREATED" ? Either.right(payment) : Either.left(Rejection.InvalidRequestOrderState({ status }))
  }
  if (payment.status !== "CREATED") return Either.left(Rejection.AlreadyPaid({ status: payment.status }))
  const code = payment.code
  if (code !== undefined) {
    if (code.deleted) return Either.left(Rejection.CodeDeleted({ codeId: code.codeId }))
    if (now >= code.expiresAt) {
      return Either.left(Rejection.CodeExpired({ codeId: code.codeId, expiresAt: code.expiresAt }))
    }
  }
  return Either.right(payment)
}

/**
 * The user pays in the app: `CREATED` → `COMPLETED` (`acceptedAt = now`), or `AUTHORIZED` when the code was
 * created with `isAuthorization` (`authorizedAt = now`, `expiresAt = authorizationExpiry`, default 30 days).
 * If the merchant canceled before the user paid, the payment becomes `FAILED` instead (§B.3, FAQ 4414069180943).
 *
 * A pending payment (request money, §B.7) is accepted the same way, but only by the user it was requested from
 * (`WrongUser`) and only while `CREATED` and unexpired (`InvalidRequestOrderState`).
 *
 * Rejections: `AlreadyPaid` (not `CREATED`), `CodeDeleted`, `CodeExpired` (the payment stays `CREATED`, §C.3).
 * Balance and user status are checked by the caller (`NoSufficientFund`, `UserNotActive`).
 *
 * @since 0.1.0
 * @category Transitions
 */
export const pay = (
  payment: Payment,
  options: { readonly now: number; readonly userAuthorizationId: string }
): Either.Either<Payment, Rejection> =>
  Either.flatMap(checkUsable(payment, options.now), (p): Either.Either<Payment, Rejection> => {
    const { now, userAuthorizationId } = options
    if (p.kind === "pending" && p.userAuthorizationId !== undefined && p.userAuthorizationId !== userAuthorizationId) {
      return Either.left(Rejection.WrongUser({ expected: p.userAuthorizationId, actual: userAuthorizationId }))
    }
    return Either.right(payOk(p, now, userAuthorizationId))
  })

const payOk = (p: Payment, now: number, userAuthorizationId: string): Payment => {
  if (p.cancelRequested) return { ...p, status: "FAILED", userAuthorizationId }
  if (p.code?.isAuthorization === true) {
    return {
      ...p,
      status: "AUTHORIZED",
      userAuthorizationId,
      authorizedAt: now,
      expiresAt: p.code.authorizationExpiry ?? now + MAX_AUTHORIZATION_SECONDS
    }
  }
  return { ...p, status: "COMPLETED", userAuthorizationId, acceptedAt: now }
}

/**
 * The user declines in the app: `CREATED` → `FAILED`. Same rejections as {@link pay}.
 *
 * @since 0.1.0
 * @category Transitions
 */
export const decline = (payment: Payment, options: { readonly now: number }): Either.Either<Payment, Rejection> =>
  Either.map(checkUsable(payment, options.now), (p): Payment => ({ ...p, status: "FAILED" }))

/**
 * `DELETE /v2/codes/{codeId}` (§B.2): marks the code deleted; the payment stays `CREATED`.
 *
 * Rejections: `CodeNotFound` (no code, or already deleted → DYNAMIC_QR_NOT_FOUND), `AlreadyPaid` (the payment left
 * `CREATED` → DYNAMIC_QR_ALREADY_PAID).
 *
 * @since 0.1.0
 * @category Transitions
 */
export const deleteCode = (payment: Payment): Either.Either<Payment, Rejection> => {
  const code = payment.code
  if (code === undefined) return Either.left(Rejection.CodeNotFound({ merchantPaymentId: payment.merchantPaymentId }))
  if (payment.status !== "CREATED") return Either.left(Rejection.AlreadyPaid({ status: payment.status }))
  if (code.deleted) return Either.left(Rejection.CodeNotFound({ merchantPaymentId: payment.merchantPaymentId }))
  return Either.right({ ...payment, code: { ...code, deleted: true } })
}

/**
 * `DELETE /v2/payments/{merchantPaymentId}` (§B.3, §D; ledger: payments.cancel-window, payments.cancel-states,
 * code.cancel-before-pay):
 *
 * - `COMPLETED`, no refunds, `now` ≤ 00:14:59 JST the day after `acceptedAt` → `CANCELED` (`canceledAt = now`);
 *   the caller returns the money to the user.
 * - `COMPLETED` after the window → `NotReversible("WindowClosed")`; with refunds → `NotReversible("Refunded")`.
 * - `CREATED` → accepted, `cancelRequested = true`; a later {@link pay} ends in `FAILED`.
 * - `AUTHORIZED` → `CANCELED`.
 * - `CANCELED`, `FAILED`, `EXPIRED` → accepted, unchanged (idempotent; no money is held).
 * - `REFUNDED`, `REAUTHORIZING` → `NotReversible`.
 *
 * @since 0.1.0
 * @category Transitions
 */
export const cancel = (payment: Payment, options: { readonly now: number }): Either.Either<Payment, Rejection> => {
  const { now } = options
  switch (payment.status) {
    case "CREATED":
      return Either.right(payment.cancelRequested ? payment : { ...payment, cancelRequested: true })
    case "COMPLETED": {
      if (payment.refunds.length > 0) {
        return Either.left(Rejection.NotReversible({ status: payment.status, reason: "Refunded" }))
      }
      if (!Jst.isWithinCancelWindow(payment.acceptedAt ?? payment.requestedAt, now)) {
        return Either.left(Rejection.NotReversible({ status: payment.status, reason: "WindowClosed" }))
      }
      return Either.right({ ...payment, status: "CANCELED", canceledAt: now })
    }
    case "AUTHORIZED":
      return Either.right({ ...payment, status: "CANCELED", canceledAt: now })
    case "CANCELED":
    case "FAILED":
    case "EXPIRED":
      return Either.right(payment)
    case "REFUNDED":
      return Either.left(Rejection.NotReversible({ status: payment.status, reason: "Refunded" }))
    case "REAUTHORIZING":
      return Either.left(Rejection.NotReversible({ status: payment.status, reason: "InvalidStatus" }))
  }
}

/**
 * Result of {@link refund}: the refund and whether it was a replay of an existing `merchantRefundId`.
 *
 * @since 0.1.0
 * @category Models
 */
export interface RefundOutcome {
  readonly refund: Refund
  /** `true` when `merchantRefundId` already existed: no new refund, no money movement (§C.4, inference). */
  readonly replayed: boolean
}

/**
 * `POST /v2/refunds` (§B.6, §C.3). Checks, in order:
 *
 * 1. the same `merchantRefundId` again → returns the existing refund (`replayed: true`), nothing changes;
 * 2. status must be `COMPLETED` (a partially refunded payment stays `COMPLETED`) → else `NotRefundable`;
 * 3. `now` ≤ 23:59:59 JST 365 days after `acceptedAt` → else `RefundWindowExceeded`;
 * 4. fewer than 20 refunds so far → else `RefundLimitExceeded`;
 * 5. amount is a positive integer → else `InvalidAmount`;
 * 6. cumulative refunds ≤ paid amount → else `RefundAmountExceeded`.
 *
 * The new refund is `CREATED` with `acceptedAt = now`; {@link settle} later turns it `REFUNDED`.
 *
 * @since 0.1.0
 * @category Transitions
 */
export const refund = (
  payment: Payment,
  options: {
    readonly now: number
    readonly merchantRefundId: string
    readonly amount: MoneyAmount
    readonly reason?: string | undefined
    readonly requestedAt?: number | undefined
  }
): Either.Either<readonly [Payment, RefundOutcome], Rejection> => {
  const { amount, merchantRefundId, now } = options
  const existing = payment.refunds.find((r) => r.merchantRefundId === merchantRefundId)
  if (existing !== undefined) return Either.right([payment, { refund: existing, replayed: true }])
  if (payment.status !== "COMPLETED") return Either.left(Rejection.NotRefundable({ status: payment.status }))
  const deadline = Jst.refundDeadline(payment.acceptedAt ?? payment.requestedAt)
  if (now > deadline) return Either.left(Rejection.RefundWindowExceeded({ deadline }))
  if (payment.refunds.length >= MAX_REFUNDS) return Either.left(Rejection.RefundLimitExceeded({ limit: MAX_REFUNDS }))
  if (!isValidAmount(amount.amount)) return Either.left(Rejection.InvalidAmount({ amount: amount.amount }))
  const refundable = refundableAmount(payment)
  if (amount.amount > refundable) {
    return Either.left(Rejection.RefundAmountExceeded({ refundable, requested: amount.amount }))
  }
  const created = compact<Refund>({
    merchantRefundId,
    paymentId: payment.paymentId,
    amount,
    status: "CREATED",
    requestedAt: options.requestedAt ?? now,
    acceptedAt: now,
    reason: options.reason
  })
  return Either.right([
    { ...payment, refunds: [...payment.refunds, created] },
    { refund: created, replayed: false }
  ])
}

/**
 * Control-API "expire" (not a PayPay endpoint): forces a `CREATED` code to expire now (the payment stays
 * `CREATED`, §C.3), ends an `AUTHORIZED` (or `REAUTHORIZING`) pre-authorization as `EXPIRED` (§D; the caller
 * releases the held money), or ends a `CREATED` pending payment as `EXPIRED` (§B.7).
 * An already expired or deleted code is returned unchanged.
 *
 * Rejections: `AlreadyPaid` for any other status, `CodeNotFound` for a `CREATED` payment without a code.
 *
 * @since 0.1.0
 * @category Transitions
 */
export const expire = (payment: Payment, options: { readonly now: number }): Either.Either<Payment, Rejection> => {
  const { now } = options
  if (payment.status === "AUTHORIZED" || payment.status === "REAUTHORIZING") {
    return Either.right({ ...payment, status: "EXPIRED" })
  }
  if (payment.kind === "pending" && payment.status === "CREATED") {
    return Either.right({ ...payment, status: "EXPIRED", expiresAt: Math.min(payment.expiresAt ?? now, now) })
  }
  if (payment.status !== "CREATED") return Either.left(Rejection.AlreadyPaid({ status: payment.status }))
  const code = payment.code
  if (code === undefined) return Either.left(Rejection.CodeNotFound({ merchantPaymentId: payment.merchantPaymentId }))
  if (code.deleted || code.expiresAt <= now) return Either.right(payment)
  return Either.right({ ...payment, code: { ...code, expiresAt: now } })
}

/**
 * Lazy time-based progression, applied whenever a payment is read (no background timers):
 *
 * - each `CREATED` refund whose `acceptedAt + refundSettleSeconds <= now` becomes `REFUNDED` (§C.3: "final status
 *   will always be REFUNDED"; ledger: refund.settle);
 * - a `COMPLETED` payment whose settled refunds cover the whole paid amount becomes `REFUNDED`. **Inference** (§D,
 *   §H): PayPay only says REFUNDED = "Refund complete"; partial refunds keep the payment `COMPLETED` here (ledger:
 *   refund.payment-refunded);
 * - an `AUTHORIZED` or `REAUTHORIZING` authorization at or after its `expiresAt` becomes `EXPIRED` (§C.3, §D; the
 *   store releases the held money in the same transaction, see `Store/Expiry.ts`; ledger: preauth.expiry);
 * - a `CREATED` pending payment at or after its `expiresAt` becomes `EXPIRED` (§B.7, §C.3).
 *
 * Returns the same object when nothing changed.
 *
 * @since 0.1.0
 * @category Transitions
 */
export const settle = (
  payment: Payment,
  options: { readonly now: number; readonly refundSettleSeconds?: number | undefined }
): Payment => {
  const { now } = options
  if (isAuthorizationExpired(payment, now) || isPendingExpired(payment, now)) {
    return { ...payment, status: "EXPIRED" }
  }
  const delay = options.refundSettleSeconds ?? DEFAULT_REFUND_SETTLE_SECONDS
  let changed = false
  const refunds = payment.refunds.map((r): Refund => {
    if (r.status !== "CREATED" || r.acceptedAt + delay > now) return r
    changed = true
    return { ...r, status: "REFUNDED" }
  })
  const settled = refunds.reduce((total, r) => (r.status === "REFUNDED" ? total + r.amount.amount : total), 0)
  const status: PaymentStatus =
    payment.status === "COMPLETED" && settled >= paidAmount(payment) ? "REFUNDED" : payment.status
  if (!changed && status === payment.status) return payment
  return { ...payment, status, refunds }
}
