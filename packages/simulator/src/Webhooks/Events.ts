/**
 * Which state changes produce a webhook, and its body, encoded through the SDK's wire schemas so the field names
 * are PayPay's (`notification_type`, `merchant_order_id`, `order_id`, `state`, `paid_at`, …; reference §B.10).
 *
 * Transaction events: a payment that becomes COMPLETED, AUTHORIZED, CANCELED, EXPIRED or FAILED, and
 * EXPIRED_USER_CONFIRMATION when the user lets a capture above the authorized amount lapse (REAUTHORIZING →
 * AUTHORIZED). Refunds send nothing (FAQ 4414061749775; ledger: webhook.events). Customer events: an account link succeeded or failed, an
 * authorization was revoked (unlink) or extended (a re-link of an active authorization; ledger:
 * webhook.customer-events).
 *
 * Timestamps are the simulated times, as ISO-8601 UTC strings (`""` when unset); GO-M types them as strings, their
 * format is an inference (ledger: webhook.payload).
 *
 * @since 0.1.0
 */
import * as Webhooks from "@paypay-effect/sdk/Webhooks"
import * as Schema from "effect/Schema"
import * as Payment from "../Domain/Payment.js"
import * as UserAuth from "../Domain/UserAuth.js"
import type { Tenant } from "../Store/Database.js"

/**
 * An event before it is recorded: what the control API lists (`notificationType`, `subject`, `state`) and the
 * wire body.
 *
 * @since 0.1.0
 * @category Models
 */
export interface Draft {
  readonly notificationType: string
  readonly subject: string
  readonly state?: string | undefined
  readonly payload: unknown
}

/**
 * The transaction event a status change produces, if any.
 *
 * @since 0.1.0
 * @category Transitions
 */
export const transactionState = (
  before: Payment.PaymentStatus | undefined,
  after: Payment.PaymentStatus
): Webhooks.TransactionState | undefined => {
  if (before === after) return undefined
  switch (after) {
    case "COMPLETED":
    case "CANCELED":
    case "EXPIRED":
    case "FAILED":
      return after
    case "AUTHORIZED":
      return before === "REAUTHORIZING" ? "EXPIRED_USER_CONFIRMATION" : "AUTHORIZED"
    default:
      return undefined
  }
}

/**
 * Epoch seconds as PayPay-style ISO-8601 UTC (`2024-05-01T12:00:03Z`); `""` when absent.
 *
 * @since 0.1.0
 * @category Utils
 */
export const isoSeconds = (epochSeconds: number | undefined): string =>
  epochSeconds === undefined || epochSeconds === 0 ? "" : `${new Date(epochSeconds * 1000).toISOString().slice(0, 19)}Z`

const encodeTransaction = Schema.encodeSync(Webhooks.TransactionEventFromWire)

/**
 * The `Transaction` webhook for a payment that changed status, or `undefined` when the change sends none.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const transaction = (
  tenant: Tenant,
  before: Payment.PaymentStatus | undefined,
  after: Payment.Payment
): Draft | undefined => {
  const state = transactionState(before, after.status)
  if (state === undefined) return undefined
  const event = new Webhooks.TransactionEvent({
    notification_type: "Transaction",
    merchant_id: tenant.merchantId,
    store_id: after.storeId ?? "",
    pos_id: after.terminalId ?? "",
    order_id: after.paymentId,
    merchant_order_id: after.merchantPaymentId,
    authorized_at: isoSeconds(after.authorizedAt),
    expires_at: isoSeconds(after.expiresAt),
    paid_at: state === "COMPLETED" ? isoSeconds(after.acceptedAt) : "",
    order_amount: state === "COMPLETED" ? Payment.paidAmount(after) : after.amount.amount,
    state
  })
  return {
    notificationType: "Transaction",
    subject: after.merchantPaymentId,
    state,
    payload: encodeTransaction(event)
  }
}

/**
 * What happened to a user authorization.
 *
 * @since 0.1.0
 * @category Models
 */
export type CustomerChange =
  | {
      readonly _tag: "Succeeded"
      readonly session: UserAuth.LinkSession
      readonly user: UserAuth.LinkedUser
    }
  | { readonly _tag: "Failed"; readonly session: UserAuth.LinkSession; readonly reason: string }
  | { readonly _tag: "Revoked"; readonly user: UserAuth.LinkedUser }
  | { readonly _tag: "Extended"; readonly user: UserAuth.LinkedUser }

/**
 * PayPay's spelling of the customer notification types (`authroization`, reference §B.10).
 *
 * @since 0.1.0
 * @category Constants
 */
export const CUSTOMER_PREFIX = "customer.authroization"

const encodeSucceeded = Schema.encodeSync(Webhooks.CustomerAuthorizationSucceededFromWire)
const encodeFailed = Schema.encodeSync(Webhooks.CustomerAuthorizationFailedFromWire)
const encodeRevoked = Schema.encodeSync(Webhooks.CustomerAuthorizationRevokedFromWire)
const encodeExtended = Schema.encodeSync(Webhooks.CustomerAuthorizationExtendedFromWire)

const lastReference = (user: UserAuth.LinkedUser): string => user.referenceIds[user.referenceIds.length - 1] ?? ""

/**
 * The customer webhook of a user-authorization change (fields per GO-M, reference §B.10).
 *
 * @since 0.1.0
 * @category Constructors
 */
export const customer = (
  change: CustomerChange,
  options: { readonly now: number; readonly notificationId: string }
): Draft => {
  const common = { notification_id: options.notificationId, createdAt: isoSeconds(options.now) }
  switch (change._tag) {
    case "Succeeded": {
      const { session, user } = change
      const type = `${CUSTOMER_PREFIX}.succeeded` as const
      return {
        notificationType: type,
        subject: user.userAuthorizationId,
        payload: encodeSucceeded(
          new Webhooks.CustomerAuthorizationSucceeded({
            notification_type: type,
            ...common,
            referenceId: session.referenceId,
            nonce: session.nonce,
            scopes: user.scopes,
            userAuthorizationId: user.userAuthorizationId,
            profileIdentifier: UserAuth.maskPhone(UserAuth.phoneNumberOf(user)),
            expiry: UserAuth.expireAtOf(user)
          })
        )
      }
    }
    case "Failed": {
      const type = `${CUSTOMER_PREFIX}.failed` as const
      return {
        notificationType: type,
        subject: change.session.referenceId,
        payload: encodeFailed(
          new Webhooks.CustomerAuthorizationFailed({
            notification_type: type,
            ...common,
            referenceId: change.session.referenceId,
            nonce: change.session.nonce,
            result: "declined",
            reason: change.reason
          })
        )
      }
    }
    case "Revoked": {
      const type = `${CUSTOMER_PREFIX}.revoked` as const
      return {
        notificationType: type,
        subject: change.user.userAuthorizationId,
        payload: encodeRevoked(
          new Webhooks.CustomerAuthorizationRevoked({
            notification_type: type,
            ...common,
            userAuthorizationId: change.user.userAuthorizationId,
            referenceId: lastReference(change.user)
          })
        )
      }
    }
    case "Extended": {
      const type = `${CUSTOMER_PREFIX}.extended` as const
      return {
        notificationType: type,
        subject: change.user.userAuthorizationId,
        payload: encodeExtended(
          new Webhooks.CustomerAuthorizationExtended({
            notification_type: type,
            ...common,
            scopes: change.user.scopes,
            userAuthorizationId: change.user.userAuthorizationId,
            expiry: UserAuth.expireAtOf(change.user)
          })
        )
      }
    }
  }
}
