/**
 * What the simulated PayPay user (and the simulator operator) can do, one function per control-API endpoint: pay or
 * decline a QR code, accept or decline a pending payment, confirm or refuse a capture above the authorized amount,
 * let an authorization or a pending payment expire now, complete or decline an account link, top up through a
 * top-up code, set the merchant's campaign wallet, reset a tenant. Each is atomic and fails with a domain
 * `Rejection` (mapped to a PayPay code by `Domain/rejectionCodes.ts`) or a not-found error.
 *
 * @since 0.1.0
 */
import * as SqlClient from "@effect/sql/SqlClient"
import type { SqlError } from "@effect/sql/SqlError"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import type * as Payment from "../Domain/Payment.js"
import { Rejection } from "../Domain/Rejection.js"
import type * as Topup from "../Domain/Topup.js"
import type { SimClock } from "../SimClock.js"
import type { SimulatorConfig } from "../SimulatorConfig.js"
import * as AccountLinks from "./AccountLinks.js"
import * as Captures from "./Captures.js"
import * as Cashbacks from "./Cashbacks.js"
import { extraTenantTables, type Tenant } from "./Database.js"
import { PaymentNotFound, PaymentStore } from "./PaymentStore.js"
import * as PendingOrders from "./PendingOrders.js"
import * as Topups from "./Topups.js"
import { Transactions } from "./Transactions.js"
import * as UserStore from "./UserStore.js"

/**
 * The services every user action may need (all part of `Simulator.Services`).
 *
 * @since 0.1.0
 * @category Models
 */
export type Requirements =
  | SqlClient.SqlClient
  | SimClock
  | PaymentStore
  | UserStore.UserStore
  | Transactions
  | SimulatorConfig

/**
 * How a payment action fails.
 *
 * @since 0.1.0
 * @category Errors
 */
export type PaymentActionError = Rejection | PaymentNotFound | UserStore.UserNotFound | SqlError

const find = (tenant: Tenant, merchantPaymentId: string) =>
  Effect.flatMap(PaymentStore, (payments) => payments.get(tenant, merchantPaymentId)).pipe(
    Effect.flatMap(
      Option.match({
        onNone: () => Effect.fail(new PaymentNotFound({ lookup: "merchantPaymentId", id: merchantPaymentId })),
        onSome: Effect.succeed
      })
    )
  )

/**
 * "The user says yes" to whatever the payment waits for: a pending payment is accepted by its user, a capture
 * above the authorized amount is confirmed, a QR code is paid by `userAuthorizationId` (required for codes:
 * `UnknownUser` without it).
 *
 * @since 0.1.0
 * @category User actions
 */
export const approve = (
  tenant: Tenant,
  merchantPaymentId: string,
  userAuthorizationId?: string | undefined
): Effect.Effect<Payment.Payment, PaymentActionError, Requirements> =>
  Effect.flatMap(
    find(tenant, merchantPaymentId),
    (payment): Effect.Effect<Payment.Payment, PaymentActionError, Requirements> => {
      if (payment.kind === "pending") return PendingOrders.accept(tenant, merchantPaymentId)
      if (payment.status === "REAUTHORIZING") return Captures.confirmCapture(tenant, merchantPaymentId)
      if (userAuthorizationId === undefined) {
        return Effect.fail(Rejection.UnknownUser({ userAuthorizationId: "" }))
      }
      return Effect.flatMap(Transactions, (tx) => tx.pay(tenant, merchantPaymentId, userAuthorizationId))
    }
  )

/**
 * "The user says no": a pending payment is declined (`FAILED`), a capture above the authorized amount is refused
 * (`AUTHORIZED` again), a QR code is declined (`FAILED`).
 *
 * @since 0.1.0
 * @category User actions
 */
export const decline = (
  tenant: Tenant,
  merchantPaymentId: string
): Effect.Effect<Payment.Payment, PaymentActionError, Requirements> =>
  Effect.flatMap(
    find(tenant, merchantPaymentId),
    (payment): Effect.Effect<Payment.Payment, PaymentActionError, Requirements> => {
      if (payment.kind === "pending") return PendingOrders.decline(tenant, merchantPaymentId)
      if (payment.status === "REAUTHORIZING") return Captures.refuseCapture(tenant, merchantPaymentId)
      return Effect.flatMap(Transactions, (tx) => tx.decline(tenant, merchantPaymentId))
    }
  )

/**
 * The requested user accepts a pending payment (`COMPLETED`, debited).
 *
 * @since 0.1.0
 * @category User actions
 */
export const acceptPendingPayment = (
  tenant: Tenant,
  merchantPaymentId: string
): Effect.Effect<Payment.Payment, PaymentActionError, Requirements> => PendingOrders.accept(tenant, merchantPaymentId)

/**
 * The requested user declines a pending payment (`FAILED`).
 *
 * @since 0.1.0
 * @category User actions
 */
export const declinePendingPayment = (
  tenant: Tenant,
  merchantPaymentId: string
): Effect.Effect<Payment.Payment, PaymentActionError, Requirements> => PendingOrders.decline(tenant, merchantPaymentId)

/**
 * The user confirms a capture above the authorized amount (`COMPLETED`, the extra debited).
 *
 * @since 0.1.0
 * @category User actions
 */
export const confirmCapture = (
  tenant: Tenant,
  merchantPaymentId: string
): Effect.Effect<Payment.Payment, PaymentActionError, Requirements> =>
  Captures.confirmCapture(tenant, merchantPaymentId)

/**
 * The user refuses a capture above the authorized amount (`AUTHORIZED` again).
 *
 * @since 0.1.0
 * @category User actions
 */
export const refuseCapture = (
  tenant: Tenant,
  merchantPaymentId: string
): Effect.Effect<Payment.Payment, PaymentActionError, Requirements> => Captures.refuseCapture(tenant, merchantPaymentId)

/**
 * Expire now: an authorization becomes `EXPIRED` (held money released), a pending payment `EXPIRED`, a QR code
 * unusable (`Payment.expire`).
 *
 * @since 0.1.0
 * @category User actions
 */
export const expire = (
  tenant: Tenant,
  merchantPaymentId: string
): Effect.Effect<Payment.Payment, PaymentActionError, Requirements> =>
  Effect.flatMap(Transactions, (tx) => tx.expire(tenant, merchantPaymentId))

/**
 * The user consents on the account-link page: a test user is linked (created if `userAuthorizationId` is absent or
 * unknown, with `balance` if given) and PayPay's `responseToken` is returned with the redirect URL.
 *
 * @since 0.1.0
 * @category User actions
 */
export const completeAccountLink = (
  sessionId: string,
  options: { readonly userAuthorizationId?: string | undefined; readonly balance?: number | undefined } = {}
): Effect.Effect<AccountLinks.LinkResult, Rejection | SqlError, Requirements> => AccountLinks.answer(sessionId, options)

/**
 * The user declines on the account-link page: `responseToken` with `result: "declined"`.
 *
 * @since 0.1.0
 * @category User actions
 */
export const declineAccountLink = (
  sessionId: string
): Effect.Effect<AccountLinks.LinkResult, Rejection | SqlError, Requirements> =>
  AccountLinks.answer(sessionId, { decline: true })

/**
 * The user tops up `amount` JPY through a top-up QR code.
 *
 * @since 0.1.0
 * @category User actions
 */
export const topUp = (
  codeId: string,
  options: { readonly userAuthorizationId: string; readonly amount: number }
): Effect.Effect<{ readonly tenant: Tenant; readonly topup: Topup.Topup }, Rejection | SqlError, Requirements> =>
  Topups.topUp(codeId, options)

/**
 * The merchant's campaign wallet balance (cashback source).
 *
 * @since 0.1.0
 * @category Operator actions
 */
export const campaignBalance = (tenant: Tenant): Effect.Effect<number, SqlError, Requirements> =>
  Cashbacks.campaignBalance(tenant)

/**
 * Set the merchant's campaign wallet balance.
 *
 * @since 0.1.0
 * @category Operator actions
 */
export const setCampaignBalance = (tenant: Tenant, balance: number): Effect.Effect<void, SqlError, Requirements> =>
  Cashbacks.setCampaignBalance(tenant, balance)

/**
 * Delete a tenant's data — payments, refunds, users, account-link sessions, campaign wallet, cashbacks,
 * reversals, top-ups — or everyone's when `tenant` is omitted.
 *
 * @since 0.1.0
 * @category Operator actions
 */
export const reset = (tenant?: Tenant | undefined): Effect.Effect<void, SqlError, Requirements> =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const payments = yield* PaymentStore
    const users = yield* UserStore.UserStore
    yield* sql.withTransaction(
      Effect.gen(function* () {
        yield* payments.reset(tenant)
        yield* users.reset(tenant)
        yield* Effect.forEach(
          extraTenantTables,
          (table) =>
            tenant === undefined
              ? sql`DELETE FROM ${sql(table)}`
              : sql`DELETE FROM ${sql(table)} WHERE api_key = ${tenant.apiKey} AND merchant_id = ${tenant.merchantId}`,
          { discard: true }
        )
      })
    )
  })
