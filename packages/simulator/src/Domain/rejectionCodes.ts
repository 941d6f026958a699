/**
 * Mapping from domain {@link Rejection} tags to PayPay result codes (§B.2, §B.3, §B.5, §B.6, §C.1).
 *
 * The HTTP edge looks up `code` (and `codeId` where PayPay documents one) here and takes the HTTP status and message
 * from the SDK's result-code catalog.
 *
 * @since 0.1.0
 */
import type { Rejection } from "./Rejection.js"

/**
 * A PayPay result code, optionally pinned to the documented `codeId` variant.
 *
 * @since 0.1.0
 * @category Result codes
 */
export interface ResultCodeRef {
  readonly code: string
  readonly codeId?: string
}

/**
 * PayPay result code for every rejection.
 *
 * - `CodeExpired` → `ORDER_EXPIRED` (00200043). PayPay documents no code for paying an expired dynamic QR (its app
 *   shows an error screen, §C.3); this is the catalog's "already expired" order code, so that the control API can
 *   answer with an error.
 * - `CodeDeleted` / `CodeNotFound` → `DYNAMIC_QR_NOT_FOUND` (01652072): a deleted code is gone (§B.2).
 * - `AlreadyPaid` → `DYNAMIC_QR_ALREADY_PAID` (01652074, §B.2).
 * - `NotReversible` → `ORDER_NOT_REVERSIBLE` (00200044, §B.3).
 * - `NotRefundable` → `UNACCEPTABLE_OP` (00200013 "Order cannot be refunded", §B.6).
 * - `RefundAmountExceeded` → `INVALID_PARAMS` (00200015 "Invalid refund amount", §B.6, §C.3).
 * - `RefundLimitExceeded` → `REFUND_LIMIT_EXCEEDED`, `RefundWindowExceeded` → `REFUND_WINDOW_EXCEED` (§B.6; no codeId).
 * - `NoSufficientFund` → `NO_SUFFICIENT_FUND` (§B.5, §C.1).
 * - `InvalidAmount` → `INVALID_PARAMS` (00200004 "Invalid parameters received").
 * - `UnknownUser` → `INVALID_USER_AUTHORIZATION_ID`, `UserNotActive` → `USER_STATE_IS_NOT_ACTIVE`,
 *   `UserAuthorizationExpired` → `EXPIRED_USER_AUTHORIZATION_ID`, `ScopeMissing` → `OP_OUT_OF_SCOPE` (08100023)
 *   (§B.5, §B.8, §C.1). `WrongUser` (a pending payment accepted by someone else; control API only) →
 *   `INVALID_USER_AUTHORIZATION_ID`.
 * - `SuspectedDuplicate` → `SUSPECTED_DUPLICATE_PAYMENT` (00200017, §B.3, §C.4).
 * - `UnsupportedPaymentMethod` → `UNSUPPORTED_PAYMENT_METHOD`, `PaymentMethodNotFound` → `PAYMENT_METHOD_NOT_FOUND`
 *   (§B.5).
 * - `InvalidAuthorizationExpiry` → `PRE_AUTH_CAPTURE_INVALID_EXPIRY_DATE` (00400061, §B.2, §B.5).
 * - `NotCapturable` → `ORDER_NOT_CAPTURABLE` (00200035), `AlreadyCaptured` → `ALREADY_CAPTURED` (00200039),
 *   `OrderExpired` → `ORDER_EXPIRED` (00200043), `ReauthorizationInProgress` → `REAUTHORIZATION_IN_PROGRESS`
 *   (00200038), `NotCancelable` → `ORDER_NOT_CANCELABLE` (00200042) (§B.5).
 * - `InvalidPendingExpiry` → `INVALID_PARAMS` (00200004): the 10 min – 48 h rule has no code of its own (§C.3).
 * - `InvalidRequestOrderState` → `INVALID_REQUEST_ORDER_STATE` (§B.7).
 * - `SessionNotFound` → `SESSION_NOT_FOUND` (§B.8 FAQ title); `SessionClosed` → `EXPECTATION_FAILED` (08100017):
 *   PayPay documents nothing for a second consent on one account-link QR; the account-link failure code is used.
 * - `TopupBelowMinimum` → `INVALID_PARAMS` (00200004); the top-up API documents no codes (§B.0 row 25).
 *
 * @since 0.1.0
 * @category Result codes
 */
export const rejectionCode: { readonly [K in Rejection["_tag"]]: ResultCodeRef } = {
  CodeExpired: { code: "ORDER_EXPIRED", codeId: "00200043" },
  CodeDeleted: { code: "DYNAMIC_QR_NOT_FOUND", codeId: "01652072" },
  CodeNotFound: { code: "DYNAMIC_QR_NOT_FOUND", codeId: "01652072" },
  AlreadyPaid: { code: "DYNAMIC_QR_ALREADY_PAID", codeId: "01652074" },
  NoSufficientFund: { code: "NO_SUFFICIENT_FUND" },
  NotReversible: { code: "ORDER_NOT_REVERSIBLE", codeId: "00200044" },
  NotRefundable: { code: "UNACCEPTABLE_OP", codeId: "00200013" },
  RefundAmountExceeded: { code: "INVALID_PARAMS", codeId: "00200015" },
  RefundLimitExceeded: { code: "REFUND_LIMIT_EXCEEDED" },
  RefundWindowExceeded: { code: "REFUND_WINDOW_EXCEED" },
  InvalidAmount: { code: "INVALID_PARAMS", codeId: "00200004" },
  UnknownUser: { code: "INVALID_USER_AUTHORIZATION_ID" },
  UserNotActive: { code: "USER_STATE_IS_NOT_ACTIVE" },
  UserAuthorizationExpired: { code: "EXPIRED_USER_AUTHORIZATION_ID" },
  ScopeMissing: { code: "OP_OUT_OF_SCOPE", codeId: "08100023" },
  WrongUser: { code: "INVALID_USER_AUTHORIZATION_ID" },
  SuspectedDuplicate: { code: "SUSPECTED_DUPLICATE_PAYMENT", codeId: "00200017" },
  UnsupportedPaymentMethod: { code: "UNSUPPORTED_PAYMENT_METHOD" },
  PaymentMethodNotFound: { code: "PAYMENT_METHOD_NOT_FOUND" },
  InvalidAuthorizationExpiry: { code: "PRE_AUTH_CAPTURE_INVALID_EXPIRY_DATE", codeId: "00400061" },
  NotCapturable: { code: "ORDER_NOT_CAPTURABLE", codeId: "00200035" },
  AlreadyCaptured: { code: "ALREADY_CAPTURED", codeId: "00200039" },
  OrderExpired: { code: "ORDER_EXPIRED", codeId: "00200043" },
  ReauthorizationInProgress: { code: "REAUTHORIZATION_IN_PROGRESS", codeId: "00200038" },
  NotCancelable: { code: "ORDER_NOT_CANCELABLE", codeId: "00200042" },
  InvalidPendingExpiry: { code: "INVALID_PARAMS", codeId: "00200004" },
  InvalidRequestOrderState: { code: "INVALID_REQUEST_ORDER_STATE" },
  SessionNotFound: { code: "SESSION_NOT_FOUND" },
  SessionClosed: { code: "EXPECTATION_FAILED", codeId: "08100017" },
  TopupBelowMinimum: { code: "INVALID_PARAMS", codeId: "00200004" }
}

/**
 * The result code for one rejection value.
 *
 * @since 0.1.0
 * @category Result codes
 */
export const forRejection = (rejection: Rejection): ResultCodeRef => rejectionCode[rejection._tag]
