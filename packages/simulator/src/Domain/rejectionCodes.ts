/**
 * Mapping from domain {@link Rejection} tags to PayPay result codes (§B.2, §B.3, §B.5, §B.6, §C.1).
 *
 * The HTTP edge looks up `code` (and `codeId` where PayPay documents one) here and takes the HTTP status and message
 * from the SDK's result-code catalog; `rule` names the ledger entry behind each answer, so an inferred one says
 * `[simulator, inferred]`.
 *
 * @since 0.1.0
 */
import type { RuleId } from "../Fidelity.js"
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
  /** The ledger rule that decides this answer (`Fidelity.ts`). */
  readonly rule: RuleId
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
 *   `AuthorizationRevoked` → `INVALID_USER_AUTHORIZATION_ID` ("expired or revoked … go through the authorization
 *   flow again", JAVA `docs/PreAuthCapture.md`; ledger: user.revoked), `UserAuthorizationExpired` →
 *   `EXPIRED_USER_AUTHORIZATION_ID`, `ScopeMissing` → `OP_OUT_OF_SCOPE` (08100023) (§B.5, §B.8, §C.1, §F.1).
 *   `WrongUser` (a pending payment accepted by someone else; control API only) → `INVALID_USER_AUTHORIZATION_ID`.
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
  CodeExpired: { code: "ORDER_EXPIRED", codeId: "00200043", rule: "code.user-pays" },
  CodeDeleted: { code: "DYNAMIC_QR_NOT_FOUND", codeId: "01652072", rule: "code.user-pays" },
  CodeNotFound: { code: "DYNAMIC_QR_NOT_FOUND", codeId: "01652072", rule: "code.delete" },
  AlreadyPaid: { code: "DYNAMIC_QR_ALREADY_PAID", codeId: "01652074", rule: "code.delete" },
  NoSufficientFund: { code: "NO_SUFFICIENT_FUND", rule: "payments.no-sufficient-fund" },
  NotReversible: { code: "ORDER_NOT_REVERSIBLE", codeId: "00200044", rule: "payments.cancel-window" },
  NotRefundable: { code: "UNACCEPTABLE_OP", codeId: "00200013", rule: "refund.not-refundable" },
  RefundAmountExceeded: { code: "INVALID_PARAMS", codeId: "00200015", rule: "refund.amount" },
  RefundLimitExceeded: { code: "REFUND_LIMIT_EXCEEDED", rule: "refund.limit" },
  RefundWindowExceeded: { code: "REFUND_WINDOW_EXCEED", rule: "refund.window" },
  InvalidAmount: { code: "INVALID_PARAMS", codeId: "00200004", rule: "request.validation" },
  UnknownUser: { code: "INVALID_USER_AUTHORIZATION_ID", rule: "user.checks" },
  UserNotActive: { code: "USER_STATE_IS_NOT_ACTIVE", rule: "user.checks" },
  AuthorizationRevoked: { code: "INVALID_USER_AUTHORIZATION_ID", rule: "user.revoked" },
  UserAuthorizationExpired: { code: "EXPIRED_USER_AUTHORIZATION_ID", rule: "user.checks" },
  ScopeMissing: { code: "OP_OUT_OF_SCOPE", codeId: "08100023", rule: "user.scopes" },
  WrongUser: { code: "INVALID_USER_AUTHORIZATION_ID", rule: "pending.answer" },
  SuspectedDuplicate: { code: "SUSPECTED_DUPLICATE_PAYMENT", codeId: "00200017", rule: "payments.similar-transaction" },
  UnsupportedPaymentMethod: { code: "UNSUPPORTED_PAYMENT_METHOD", rule: "payments.payment-method" },
  PaymentMethodNotFound: { code: "PAYMENT_METHOD_NOT_FOUND", rule: "payments.payment-method" },
  InvalidAuthorizationExpiry: {
    code: "PRE_AUTH_CAPTURE_INVALID_EXPIRY_DATE",
    codeId: "00400061",
    rule: "preauth.authorize"
  },
  NotCapturable: { code: "ORDER_NOT_CAPTURABLE", codeId: "00200035", rule: "preauth.capture-errors" },
  AlreadyCaptured: { code: "ALREADY_CAPTURED", codeId: "00200039", rule: "preauth.capture-errors" },
  OrderExpired: { code: "ORDER_EXPIRED", codeId: "00200043", rule: "preauth.capture-errors" },
  ReauthorizationInProgress: {
    code: "REAUTHORIZATION_IN_PROGRESS",
    codeId: "00200038",
    rule: "preauth.capture-errors"
  },
  NotCancelable: { code: "ORDER_NOT_CANCELABLE", codeId: "00200042", rule: "preauth.revert" },
  InvalidPendingExpiry: { code: "INVALID_PARAMS", codeId: "00200004", rule: "pending.expiry-window-code" },
  InvalidRequestOrderState: { code: "INVALID_REQUEST_ORDER_STATE", rule: "pending.cancel" },
  SessionNotFound: { code: "SESSION_NOT_FOUND", rule: "user.link-answer" },
  SessionClosed: { code: "EXPECTATION_FAILED", codeId: "08100017", rule: "user.link-answer" },
  TopupBelowMinimum: { code: "INVALID_PARAMS", codeId: "00200004", rule: "topup.codes" }
}

/**
 * The result code for one rejection value.
 *
 * @since 0.1.0
 * @category Result codes
 */
export const forRejection = (rejection: Rejection): ResultCodeRef => rejectionCode[rejection._tag]
