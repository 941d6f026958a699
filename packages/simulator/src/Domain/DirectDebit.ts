/**
 * Merchant-initiated debits of a linked user, as pure rules: native payments (`POST /v2/payments`), continuous
 * payments (`POST /v1/subscription/payments`) and the rules they share with pre-authorizations — the 5-minute
 * similar-transaction check and the payment-method check (§B.3, §B.5, §C.4).
 *
 * @since 0.1.0
 */
import * as Arr from "effect/Array"
import * as Either from "effect/Either"
import type * as Option from "effect/Option"
import { isValidAmount, type MoneyAmount, type OrderItem, type Payment, type PaymentKind } from "./Payment.js"
import { Rejection } from "./Rejection.js"

/**
 * Window of the similar-transaction check: same user, same amount within 5 minutes (§B.3, §C.4).
 *
 * @since 0.1.0
 * @category Models
 */
export const SIMILAR_WINDOW_SECONDS = 300

/**
 * `paymentMethodType` of the PayPay balance, the one payment method a simulated user has (§B.3).
 *
 * @since 0.1.0
 * @category Models
 */
export const WALLET_METHOD_TYPE = "WALLET"

/**
 * The id of a user's PayPay-balance payment method, as listed by `GET /v4/paymentMethods`.
 *
 * @since 0.1.0
 * @category Utils
 */
export const walletMethodId = (userAuthorizationId: string): string => `wallet-${userAuthorizationId}`.slice(0, 64)

/**
 * The body of a direct debit (native, continuous, pre-authorization) in domain terms (§B.3, §B.5).
 *
 * @since 0.1.0
 * @category Models
 */
export interface DebitInput {
  readonly merchantPaymentId: string
  readonly userAuthorizationId: string
  readonly amount: MoneyAmount
  readonly requestedAt?: number | undefined
  readonly storeId?: string | undefined
  readonly terminalId?: string | undefined
  readonly orderReceiptNumber?: string | undefined
  readonly orderDescription?: string | undefined
  readonly orderItems?: ReadonlyArray<OrderItem> | undefined
  readonly metadata?: { readonly [key: string]: unknown } | undefined
  readonly paymentMethodType?: string | undefined
  readonly paymentMethodId?: string | undefined
}

/**
 * Payments counted by the similar-transaction check: native payments and pre-authorizations (the two calls that
 * take `agreeSimilarTransaction`, §B.0 rows 4 and 9).
 *
 * @since 0.1.0
 * @category Models
 */
export const SIMILAR_KINDS: ReadonlyArray<PaymentKind> = ["native", "preauth"]

/**
 * The earlier payment that makes a new debit "similar" (§C.4): same user, same amount, a native payment or
 * pre-authorization that was accepted (any status but `FAILED`) less than 5 minutes before `now`.
 *
 * @since 0.1.0
 * @category Utils
 */
export const findSimilar = (
  candidates: ReadonlyArray<Payment>,
  debit: { readonly userAuthorizationId: string; readonly amount: number; readonly now: number }
): Option.Option<Payment> =>
  Arr.findFirst(candidates, (p) => {
    const startedAt = p.authorizedAt ?? p.acceptedAt
    return (
      SIMILAR_KINDS.includes(p.kind) &&
      p.userAuthorizationId === debit.userAuthorizationId &&
      p.amount.amount === debit.amount &&
      p.status !== "FAILED" &&
      startedAt !== undefined &&
      debit.now - startedAt < SIMILAR_WINDOW_SECONDS
    )
  })

/**
 * The payment-method fields of a debit: absent, or the user's PayPay balance (`WALLET`, its id from
 * `/v4/paymentMethods`).
 *
 * Rejections: `UnsupportedPaymentMethod`, `PaymentMethodNotFound`.
 *
 * @since 0.1.0
 * @category Guards
 */
export const checkPaymentMethod = (input: DebitInput): Either.Either<void, Rejection> => {
  const { paymentMethodId, paymentMethodType } = input
  if (paymentMethodType !== undefined && paymentMethodType !== WALLET_METHOD_TYPE) {
    return Either.left(Rejection.UnsupportedPaymentMethod({ paymentMethodType }))
  }
  if (paymentMethodId !== undefined && paymentMethodId !== walletMethodId(input.userAuthorizationId)) {
    return Either.left(Rejection.PaymentMethodNotFound({ paymentMethodId }))
  }
  return Either.void
}

const compact = <A extends object>(record: A): A =>
  Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as A

/**
 * The stored document of a new debit in `status`, with the order fields of the request.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const newDebit = (
  input: DebitInput,
  options: { readonly kind: PaymentKind; readonly paymentId: string; readonly now: number }
): Payment =>
  compact<Payment>({
    paymentId: options.paymentId,
    merchantPaymentId: input.merchantPaymentId,
    kind: options.kind,
    status: "CREATED",
    amount: input.amount,
    requestedAt: input.requestedAt ?? options.now,
    userAuthorizationId: input.userAuthorizationId,
    orderDescription: input.orderDescription,
    orderItems: input.orderItems,
    metadata: input.metadata,
    storeId: input.storeId,
    terminalId: input.terminalId,
    orderReceiptNumber: input.orderReceiptNumber,
    cancelRequested: false,
    refunds: [],
    captures: []
  })

/**
 * A native (`"native"`) or continuous (`"continuous"`) payment: `COMPLETED` at once with `acceptedAt = now`
 * (§B.3; NODE README sample; ledger: payments.create-completed). The caller debits the user.
 *
 * Rejections: `InvalidAmount`, `UnsupportedPaymentMethod`, `PaymentMethodNotFound`.
 *
 * @since 0.1.0
 * @category Transitions
 */
export const createPayment = (
  input: DebitInput,
  options: { readonly kind: "native" | "continuous"; readonly paymentId: string; readonly now: number }
): Either.Either<Payment, Rejection> => {
  if (!isValidAmount(input.amount.amount)) return Either.left(Rejection.InvalidAmount({ amount: input.amount.amount }))
  return Either.map(
    checkPaymentMethod(input),
    (): Payment => ({ ...newDebit(input, options), status: "COMPLETED", acceptedAt: options.now })
  )
}
