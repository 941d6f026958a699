/**
 * Mapping from domain {@link Rejection} tags to PayPay result codes (§B.2, §B.3, §B.5, §B.6, §C.1).
 *
 * The HTTP edge looks up `code` (and `codeId` where PayPay documents one) here and takes the HTTP status and message
 * from the SDK's result-code catalog.
 *
 * @since 0.1.0
 */
import type { Rejection } from "./Payment.js"

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
 * - `NoSufficientFund` → `NO_SUFFICIENT_FUND`, `UserNotActive` → `USER_STATE_IS_NOT_ACTIVE` (§B.5, §C.1).
 * - `InvalidAmount` → `INVALID_PARAMS` (00200004 "Invalid parameters received").
 * - `InvalidAuthorizationExpiry` → `PRE_AUTH_CAPTURE_INVALID_EXPIRY_DATE` (00400061, §B.2).
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
  UserNotActive: { code: "USER_STATE_IS_NOT_ACTIVE" },
  NotReversible: { code: "ORDER_NOT_REVERSIBLE", codeId: "00200044" },
  NotRefundable: { code: "UNACCEPTABLE_OP", codeId: "00200013" },
  RefundAmountExceeded: { code: "INVALID_PARAMS", codeId: "00200015" },
  RefundLimitExceeded: { code: "REFUND_LIMIT_EXCEEDED" },
  RefundWindowExceeded: { code: "REFUND_WINDOW_EXCEED" },
  InvalidAmount: { code: "INVALID_PARAMS", codeId: "00200004" },
  InvalidAuthorizationExpiry: { code: "PRE_AUTH_CAPTURE_INVALID_EXPIRY_DATE", codeId: "00400061" }
}

/**
 * The result code for one rejection value.
 *
 * @since 0.1.0
 * @category Result codes
 */
export const forRejection = (rejection: Rejection): ResultCodeRef => rejectionCode[rejection._tag]
