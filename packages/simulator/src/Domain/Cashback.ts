/**
 * Cashback (PayPay Points) as pure rules (§B.9).
 *
 * Giving and reversing are asynchronous at PayPay: the call answers 202 REQUEST_ACCEPTED, the details endpoint
 * answers TRANSACTION_NOT_FOUND for about a second, then shows `ACCEPTED`, then `SUCCESS` or `FAILURE` (FAQ
 * 4414063010831, 7215872881039; ledger: cashback.accepted). The simulator decides the outcome when the request is accepted and only delays
 * its visibility, derived from simulated time ({@link visibleStatus}); money moves at acceptance, in the same
 * transaction.
 *
 * - The merchant's campaign wallet pays the cashback. When it is short, the request is still accepted and the
 *   cashback ends `FAILURE` with no money moved: PayPay documents a failure notification for "merchant's insufficient
 *   balance" rather than a synchronous code (FAQ section Cashback; ledger: cashback.campaign-wallet).
 * - A reversal takes back at most what the user still has (FAQ "Can I cancel my cashback?": "the amount that can be
 *   cancelled is within the user's balance"); more than the cashback's unreversed amount, or a failed or unknown
 *   cashback, ends `FAILURE` (ledger: cashback.reversal).
 * - The same `merchantCashbackId` again, for the same user and amount, is a replay: 202, nothing new (FAQ
 *   4414063010831 advises re-sending the same request); for another user or amount it is refused with
 *   VALIDATION_FAILED_EXCEPTION (FAQ 8462794444559; ledger: cashback.id-reuse). The same
 *   `merchantCashbackReversalId` again is a replay whatever it carries; a different amount is journaled as a
 *   warning (ledger: cashback.reversal-id-reuse).
 *
 * @since 0.1.0
 */
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import { type MoneyAmount, MoneyAmount as MoneyAmountSchema } from "./Payment.js"

/**
 * Starting balance of a merchant's campaign wallet when none was set: 1,000,000 JPY.
 *
 * @since 0.1.0
 * @category Models
 */
export const DEFAULT_CAMPAIGN_BALANCE = 1_000_000

/**
 * Seconds after acceptance during which the details endpoint answers TRANSACTION_NOT_FOUND (FAQ: "about 1 second").
 *
 * @since 0.1.0
 * @category Models
 */
export const INVISIBLE_SECONDS = 1

/**
 * Seconds after acceptance at which the outcome (`SUCCESS` / `FAILURE`) shows; `ACCEPTED` before.
 *
 * @since 0.1.0
 * @category Models
 */
export const SETTLE_SECONDS = 2

/**
 * Rate of the simulated campaign behind `POST /v1/payments/cashback/expected`: 1 % of the amount, rounded down
 * (ledger: cashback.expected).
 *
 * @since 0.1.0
 * @category Models
 */
export const EXPECTED_RATE_PERCENT = 1

/**
 * @since 0.1.0
 * @category Schemas
 */
export const Outcome = Schema.Literal("SUCCESS", "FAILURE")

/**
 * @since 0.1.0
 * @category Models
 */
export type Outcome = typeof Outcome.Type

/**
 * A cashback as stored. `reversed` is the amount taken back so far.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const Cashback = Schema.Struct({
  merchantCashbackId: Schema.String,
  cashbackId: Schema.String,
  userAuthorizationId: Schema.String,
  amount: MoneyAmountSchema,
  requestedAt: Schema.Finite,
  acceptedAt: Schema.Finite,
  orderDescription: Schema.optional(Schema.String),
  walletType: Schema.optional(Schema.String),
  expiryDate: Schema.optional(Schema.String),
  metadata: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.Unknown })),
  outcome: Outcome,
  reversed: Schema.Finite
})

/**
 * @since 0.1.0
 * @category Models
 */
export type Cashback = typeof Cashback.Type

/**
 * A cashback reversal as stored; `amount` is what was actually taken back.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const Reversal = Schema.Struct({
  merchantCashbackReversalId: Schema.String,
  merchantCashbackId: Schema.String,
  cashbackReversalId: Schema.String,
  amount: MoneyAmountSchema,
  requestedAmount: MoneyAmountSchema,
  requestedAt: Schema.Finite,
  acceptedAt: Schema.Finite,
  reason: Schema.optional(Schema.String),
  metadata: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.Unknown })),
  outcome: Outcome
})

/**
 * @since 0.1.0
 * @category Models
 */
export type Reversal = typeof Reversal.Type

/**
 * What the details endpoints show at `now`: nothing (TRANSACTION_NOT_FOUND) during the first second, `ACCEPTED`
 * until {@link SETTLE_SECONDS}, then the outcome.
 *
 * @since 0.1.0
 * @category Utils
 */
export const visibleStatus = (
  record: { readonly acceptedAt: number; readonly outcome: Outcome },
  now: number
): Option.Option<"ACCEPTED" | Outcome> => {
  const age = now - record.acceptedAt
  if (age < INVISIBLE_SECONDS) return Option.none()
  return Option.some(age < SETTLE_SECONDS ? "ACCEPTED" : record.outcome)
}

/**
 * `POST /v2/cashback` in domain terms (§B.9).
 *
 * @since 0.1.0
 * @category Models
 */
export interface GiveInput {
  readonly merchantCashbackId: string
  readonly userAuthorizationId: string
  readonly amount: MoneyAmount
  readonly requestedAt?: number | undefined
  readonly orderDescription?: string | undefined
  readonly walletType?: string | undefined
  readonly expiryDate?: string | undefined
  readonly metadata?: { readonly [key: string]: unknown } | undefined
}

const compact = <A extends object>(record: A): A =>
  Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as A

/**
 * Accept a cashback: `SUCCESS` when the campaign wallet covers a positive amount (the caller moves `amount` from
 * the campaign to the user), else `FAILURE` (nothing moves).
 *
 * @since 0.1.0
 * @category Transitions
 */
export const give = (
  input: GiveInput,
  options: { readonly now: number; readonly cashbackId: string; readonly campaignBalance: number }
): Cashback => {
  const amount = input.amount.amount
  const ok = Number.isSafeInteger(amount) && amount > 0 && options.campaignBalance >= amount
  return compact<Cashback>({
    merchantCashbackId: input.merchantCashbackId,
    cashbackId: options.cashbackId,
    userAuthorizationId: input.userAuthorizationId,
    amount: input.amount,
    requestedAt: input.requestedAt ?? options.now,
    acceptedAt: options.now,
    orderDescription: input.orderDescription,
    walletType: input.walletType,
    expiryDate: input.expiryDate,
    metadata: input.metadata,
    outcome: ok ? "SUCCESS" : "FAILURE",
    reversed: 0
  })
}

/**
 * Whether a give request repeats the cashback already recorded under its `merchantCashbackId` (same user, same
 * amount): a replay, not another cashback (ledger: cashback.id-reuse).
 *
 * @since 0.1.0
 * @category Guards
 */
export const isSameGive = (cashback: Cashback, input: GiveInput): boolean =>
  cashback.userAuthorizationId === input.userAuthorizationId && cashback.amount.amount === input.amount.amount

/**
 * `POST /v2/cashback_reversal` in domain terms (§B.9).
 *
 * @since 0.1.0
 * @category Models
 */
export interface ReverseInput {
  readonly merchantCashbackReversalId: string
  readonly merchantCashbackId: string
  readonly amount: MoneyAmount
  readonly requestedAt?: number | undefined
  readonly reason?: string | undefined
  readonly metadata?: { readonly [key: string]: unknown } | undefined
}

/**
 * What differs between a reversal request and the reversal already recorded under its id (ledger:
 * cashback.reversal-id-reuse), or `undefined` when it repeats it.
 *
 * @since 0.1.0
 * @category Utils
 */
export const reversalDifference = (reversal: Reversal, input: ReverseInput): string | undefined => {
  if (reversal.merchantCashbackId !== input.merchantCashbackId) {
    return `merchantCashbackId ${input.merchantCashbackId} (recorded: ${reversal.merchantCashbackId})`
  }
  if (reversal.requestedAmount.amount !== input.amount.amount) {
    return `amount ${input.amount.amount} (recorded: ${reversal.requestedAmount.amount})`
  }
  return undefined
}

/**
 * Accept a reversal of `cashback` (absent when the merchant's id is unknown). `SUCCESS` takes back
 * `min(requested, userBalance)` (the caller moves it from the user to the campaign, and adds it to the cashback's
 * `reversed`); `FAILURE` when the cashback is unknown or failed, the amount is not positive or exceeds what is left
 * to reverse, or the user has nothing left.
 *
 * @since 0.1.0
 * @category Transitions
 */
export const reverse = (
  cashback: Cashback | undefined,
  input: ReverseInput,
  options: { readonly now: number; readonly cashbackReversalId: string; readonly userBalance: number }
): Reversal => {
  const requested = input.amount.amount
  const reversible =
    cashback === undefined || cashback.outcome !== "SUCCESS" ? 0 : cashback.amount.amount - cashback.reversed
  const valid = Number.isSafeInteger(requested) && requested > 0 && requested <= reversible
  const taken = valid ? Math.max(0, Math.min(requested, options.userBalance)) : 0
  return compact<Reversal>({
    merchantCashbackReversalId: input.merchantCashbackReversalId,
    merchantCashbackId: input.merchantCashbackId,
    cashbackReversalId: options.cashbackReversalId,
    amount: { amount: taken, currency: input.amount.currency },
    requestedAmount: input.amount,
    requestedAt: input.requestedAt ?? options.now,
    acceptedAt: options.now,
    reason: input.reason,
    metadata: input.metadata,
    outcome: taken > 0 ? "SUCCESS" : "FAILURE"
  })
}

/**
 * The cashback the simulated campaign promises for a payment: {@link EXPECTED_RATE_PERCENT} % of the amount,
 * rounded down.
 *
 * @since 0.1.0
 * @category Utils
 */
export const expectedCashback = (amount: number): number =>
  Math.max(0, Math.floor((amount * EXPECTED_RATE_PERCENT) / 100))

/**
 * The `campaignMessage` of `POST /v1/payments/cashback/expected`, in PayPay's default language (Japanese, §A.4).
 *
 * @since 0.1.0
 * @category Utils
 */
export const expectedCashbackMessage = (amount: number): string =>
  `PayPayポイント${expectedCashback(amount)}円相当（${EXPECTED_RATE_PERCENT}%）付与予定`
