/**
 * Merchant-initiated payments of a linked user, each in ONE SQL transaction: native payments, continuous payments,
 * pre-authorizations and pending payments (§B.3, §B.5, §B.7).
 *
 * Checks run in this order, and nothing is written unless all pass: the user (known, active, unexpired, with the
 * operation's scope), the request (amount, expiry, payment method), the `merchantPaymentId` (unused by the tenant,
 * §C.4), the similar-transaction rule (native and pre-auth only, unless `agreeSimilarTransaction`), then the
 * balance, which is debited (native, continuous) or held (pre-auth) before the payment is stored.
 *
 * @since 0.1.0
 */
import * as SqlClient from "@effect/sql/SqlClient"
import type { SqlError } from "@effect/sql/SqlError"
import * as Effect from "effect/Effect"
import type * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as DirectDebit from "../Domain/DirectDebit.js"
import * as Ids from "../Domain/Ids.js"
import type * as Payment from "../Domain/Payment.js"
import * as Pending from "../Domain/Pending.js"
import * as Preauth from "../Domain/Preauth.js"
import { Rejection } from "../Domain/Rejection.js"
import { SimClock } from "../SimClock.js"
import { requireUser } from "./Authorizations.js"
import type { Tenant } from "./Database.js"
import { DuplicatePayment, PaymentStore } from "./PaymentStore.js"
import * as UserStore from "./UserStore.js"

/**
 * What every debit needs.
 *
 * @since 0.1.0
 * @category Models
 */
export type Requirements = SqlClient.SqlClient | SimClock | PaymentStore | UserStore.UserStore

/**
 * How a debit fails: a rule (`Rejection`), a used `merchantPaymentId`, or storage.
 *
 * @since 0.1.0
 * @category Errors
 */
export type DebitError = Rejection | DuplicatePayment | SqlError

/**
 * Options of the calls that take PayPay's `agreeSimilarTransaction` query parameter (§B.3, §C.4).
 *
 * @since 0.1.0
 * @category Models
 */
export interface SimilarOptions {
  readonly agreeSimilarTransaction?: boolean | undefined
}

const open = (
  tenant: Tenant,
  input: DirectDebit.DebitInput,
  spec: {
    readonly scope: string
    readonly similarCheck: boolean
    readonly debit: boolean
    readonly build: (options: {
      readonly now: number
      readonly paymentId: string
    }) => Either.Either<Payment.Payment, Rejection>
  }
): Effect.Effect<Payment.Payment, DebitError, Requirements> =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const payments = yield* PaymentStore
    const users = yield* UserStore.UserStore
    return yield* sql.withTransaction(
      Effect.gen(function* () {
        const now = yield* Effect.flatMap(SimClock, (clock) => clock.nowSeconds)
        yield* requireUser(tenant, input.userAuthorizationId, { scope: spec.scope })
        const payment = yield* spec.build({ now, paymentId: yield* Ids.paymentId })
        const existing = yield* payments.get(tenant, input.merchantPaymentId)
        if (Option.isSome(existing)) {
          return yield* new DuplicatePayment({ merchantPaymentId: input.merchantPaymentId })
        }
        if (spec.similarCheck) {
          const earlier = yield* payments.recentByUser(tenant, input.userAuthorizationId, {
            amount: input.amount.amount,
            startedAfter: now - DirectDebit.SIMILAR_WINDOW_SECONDS
          })
          const similar = DirectDebit.findSimilar(earlier, {
            userAuthorizationId: input.userAuthorizationId,
            amount: input.amount.amount,
            now
          })
          if (Option.isSome(similar)) {
            return yield* Effect.fail(
              Rejection.SuspectedDuplicate({
                similarTo: similar.value.merchantPaymentId,
                windowSeconds: DirectDebit.SIMILAR_WINDOW_SECONDS
              })
            )
          }
        }
        if (spec.debit) {
          yield* users
            .update(tenant, input.userAuthorizationId, UserStore.debit(payment.amount.amount, now))
            .pipe(Effect.catchTag("UserNotFound", Effect.die))
        }
        return yield* payments.insert(tenant, payment).pipe(Effect.catchTag("DuplicateRefund", Effect.die))
      })
    )
  })

/**
 * `POST /v2/payments`: a native payment, `COMPLETED` and debited at once (scope `direct_debit`).
 *
 * @since 0.1.0
 * @category Transitions
 */
export const createNative = (
  tenant: Tenant,
  input: DirectDebit.DebitInput,
  options: SimilarOptions = {}
): Effect.Effect<Payment.Payment, DebitError, Requirements> =>
  open(tenant, input, {
    scope: "direct_debit",
    similarCheck: options.agreeSimilarTransaction !== true,
    debit: true,
    build: ({ now, paymentId }) => DirectDebit.createPayment(input, { kind: "native", paymentId, now })
  })

/**
 * `POST /v1/subscription/payments`: a continuous payment, `COMPLETED` and debited at once (scope
 * `continuous_payments`). Recurring charges of one amount are the point of this call, so the similar-transaction
 * rule does not apply (PayPay offers no `agreeSimilarTransaction` here; ledger: payments.continuous-no-similar-check).
 *
 * @since 0.1.0
 * @category Transitions
 */
export const createContinuous = (
  tenant: Tenant,
  input: DirectDebit.DebitInput
): Effect.Effect<Payment.Payment, DebitError, Requirements> =>
  open(tenant, input, {
    scope: "continuous_payments",
    similarCheck: false,
    debit: true,
    build: ({ now, paymentId }) => DirectDebit.createPayment(input, { kind: "continuous", paymentId, now })
  })

/**
 * `POST /v2/payments/preauthorize`: an authorization, `AUTHORIZED`, its amount held (scope
 * `preauth_capture_native`).
 *
 * @since 0.1.0
 * @category Transitions
 */
export const authorize = (
  tenant: Tenant,
  input: Preauth.AuthorizeInput,
  options: SimilarOptions = {}
): Effect.Effect<Payment.Payment, DebitError, Requirements> =>
  open(tenant, input, {
    scope: "preauth_capture_native", // ledger: user.scopes-inferred
    similarCheck: options.agreeSimilarTransaction !== true,
    debit: true,
    build: ({ now, paymentId }) => Preauth.authorize(input, { paymentId, now })
  })

/**
 * `POST /v1/requestOrder`: a pending payment, `CREATED`, nothing debited until the user accepts (scope
 * `pending_payments`). No rule produces SUSPECTED_DUPLICATE_ORDER (ledger: pending.suspected-duplicate-order).
 *
 * @since 0.1.0
 * @category Transitions
 */
export const createPending = (
  tenant: Tenant,
  input: Pending.CreatePendingInput
): Effect.Effect<Payment.Payment, DebitError, Requirements> =>
  open(tenant, input, {
    scope: "pending_payments",
    similarCheck: false,
    debit: false,
    build: ({ now, paymentId }) => Pending.create(input, { paymentId, now })
  })
