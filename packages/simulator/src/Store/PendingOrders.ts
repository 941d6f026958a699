/**
 * Pending payments after creation (§B.7): the merchant cancels; the simulated user accepts (debited in the same
 * transaction) or declines. Rules in `Domain/Pending.ts` and `Payment.pay` / `Payment.decline`. Every operation
 * answers `PaymentNotFound` for an id that is not a pending payment of the tenant.
 *
 * @since 0.1.0
 */
import type { SqlError } from "@effect/sql/SqlError"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import type * as Payment from "../Domain/Payment.js"
import * as Pending from "../Domain/Pending.js"
import type { Rejection } from "../Domain/Rejection.js"
import { SimClock } from "../SimClock.js"
import type { Tenant } from "./Database.js"
import { PaymentNotFound, PaymentStore } from "./PaymentStore.js"
import { Transactions } from "./Transactions.js"
import type * as UserStore from "./UserStore.js"

/**
 * The tenant's pending payment, or `PaymentNotFound` (also for payments of another kind).
 *
 * @since 0.1.0
 * @category Accessors
 */
export const get = (
  tenant: Tenant,
  merchantPaymentId: string
): Effect.Effect<Payment.Payment, PaymentNotFound | SqlError, PaymentStore> =>
  Effect.flatMap(PaymentStore, (payments) => payments.get(tenant, merchantPaymentId)).pipe(
    Effect.flatMap((found) =>
      Option.isSome(found) && found.value.kind === "pending"
        ? Effect.succeed(found.value)
        : Effect.fail(new PaymentNotFound({ lookup: "merchantPaymentId", id: merchantPaymentId }))
    )
  )

/**
 * `DELETE /v1/requestOrder/{merchantPaymentId}` (`Pending.cancel`).
 *
 * @since 0.1.0
 * @category Transitions
 */
export const cancel = (
  tenant: Tenant,
  merchantPaymentId: string
): Effect.Effect<Payment.Payment, Rejection | PaymentNotFound | SqlError, PaymentStore | SimClock> =>
  Effect.gen(function* () {
    yield* get(tenant, merchantPaymentId)
    const now = yield* Effect.flatMap(SimClock, (clock) => clock.nowSeconds)
    const payments = yield* PaymentStore
    return yield* payments
      .modify(tenant, merchantPaymentId, (p) => Pending.cancel(p, { now }))
      .pipe(Effect.catchTag("DuplicateRefund", Effect.die))
  })

/**
 * The requested user accepts and pays: `COMPLETED`, debited (NO_SUFFICIENT_FUND, an inactive user or an expired
 * order leave it unchanged).
 *
 * @since 0.1.0
 * @category Transitions
 */
export const accept = (
  tenant: Tenant,
  merchantPaymentId: string
): Effect.Effect<
  Payment.Payment,
  Rejection | PaymentNotFound | UserStore.UserNotFound | SqlError,
  PaymentStore | Transactions
> =>
  Effect.gen(function* () {
    const payment = yield* get(tenant, merchantPaymentId)
    const transactions = yield* Transactions
    return yield* transactions.pay(tenant, merchantPaymentId, payment.userAuthorizationId ?? "")
  })

/**
 * The requested user declines: `FAILED`, no money moves.
 *
 * @since 0.1.0
 * @category Transitions
 */
export const decline = (
  tenant: Tenant,
  merchantPaymentId: string
): Effect.Effect<Payment.Payment, Rejection | PaymentNotFound | SqlError, PaymentStore | Transactions> =>
  Effect.gen(function* () {
    yield* get(tenant, merchantPaymentId)
    const transactions = yield* Transactions
    return yield* transactions.decline(tenant, merchantPaymentId)
  })
