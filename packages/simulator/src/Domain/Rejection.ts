/**
 * Why a simulated PayPay transition was refused: one tagged union for every family, so the HTTP edge maps any of
 * them with one table (`Domain/rejectionCodes.ts`) and the control API can report them uniformly.
 *
 * Pure data, no services. Grouped by family; the reference section of each rule is noted on its tag.
 *
 * @since 0.1.0
 */
import * as Data from "effect/Data"

/**
 * Payment status values as they appear in rejections (same literals as `Payment.PaymentStatus`).
 *
 * @since 0.1.0
 * @category Models
 */
export type Status =
  | "CREATED"
  | "AUTHORIZED"
  | "REAUTHORIZING"
  | "COMPLETED"
  | "REFUNDED"
  | "FAILED"
  | "CANCELED"
  | "EXPIRED"

/**
 * @since 0.1.0
 * @category Errors
 */
export type Rejection = Data.TaggedEnum<{
  // ====== Dynamic QR and refunds (§B.2, §B.3, §B.6, §C.3) ======
  /** The code's `expiryDate` has passed; the payment itself stays `CREATED` (§C.3). */
  CodeExpired: { readonly codeId: string; readonly expiresAt: number }
  /** The merchant deleted the code (`DELETE /v2/codes/{codeId}`). */
  CodeDeleted: { readonly codeId: string }
  /** Deleting a code that is already deleted, or a payment without a code. */
  CodeNotFound: { readonly merchantPaymentId: string }
  /** The payment is no longer `CREATED` (paid, declined, failed, …). */
  AlreadyPaid: { readonly status: Status }
  /** The paying user's balance is below the amount. */
  NoSufficientFund: { readonly balance: number; readonly required: number }
  /** Cancel refused: window closed, already refunded, or a state that cannot be reversed (§B.3). */
  NotReversible: { readonly status: Status; readonly reason: "WindowClosed" | "Refunded" | "InvalidStatus" }
  /** Refund of a payment that is not `COMPLETED` (§B.6). */
  NotRefundable: { readonly status: Status }
  /** Cumulative refunds would exceed the paid amount (§C.3, inference). */
  RefundAmountExceeded: { readonly refundable: number; readonly requested: number }
  /** More than 20 refunds on one payment (§C.3). */
  RefundLimitExceeded: { readonly limit: number }
  /** Refund after 23:59:59 JST 365 days after the payment date (§C.3). */
  RefundWindowExceeded: { readonly deadline: number }
  /** Amount is not a positive safe integer. */
  InvalidAmount: { readonly amount: number }

  // ====== User authorization (§B.5, §B.8, §C.1) ======
  /** No user with this `userAuthorizationId` in the tenant. */
  UnknownUser: { readonly userAuthorizationId: string }
  /** The user's own account is not active (`INACTIVE` without a revocation). */
  UserNotActive: { readonly userAuthorizationId: string }
  /** The merchant unlinked (revoked) the authorization: the user must go through the authorization flow again. */
  AuthorizationRevoked: { readonly userAuthorizationId: string; readonly revokedAt: number }
  /** The authorization's `expireAt` (issuedAt + 365 days) has passed (§C.3). */
  UserAuthorizationExpired: { readonly userAuthorizationId: string; readonly expireAt: number }
  /** The user did not grant the scope the operation needs (§B.3, §B.7, §B.8, §B.9). */
  ScopeMissing: { readonly userAuthorizationId: string; readonly scope: string }
  /** A pending payment paid by another user than the one it was requested from. */
  WrongUser: { readonly expected: string; readonly actual: string }

  // ====== Direct debit (§B.3, §C.4) ======
  /** Same user, same amount within 5 minutes, without `agreeSimilarTransaction=true` (§C.4). */
  SuspectedDuplicate: { readonly similarTo: string; readonly windowSeconds: number }
  /** `paymentMethodType` other than the PayPay balance (§B.3). */
  UnsupportedPaymentMethod: { readonly paymentMethodType: string }
  /** `paymentMethodId` that is not one of the user's methods (§B.3). */
  PaymentMethodNotFound: { readonly paymentMethodId: string }

  // ====== Pre-authorization and capture (§B.5, §D) ======
  /** `expiresAt` / `authorizationExpiry` in the past or beyond the 30-day maximum (§B.5, §C.3). */
  InvalidAuthorizationExpiry: { readonly authorizationExpiry: number; readonly max: number }
  /** Capture of a payment that is not `AUTHORIZED` (nor already captured or expired). */
  NotCapturable: { readonly status: Status }
  /** The authorization was already captured. */
  AlreadyCaptured: { readonly merchantCaptureId: string }
  /** The authorization expired (`expiresAt` passed) before the capture. */
  OrderExpired: { readonly expiresAt: number }
  /** A capture above the authorized amount is waiting for the user's confirmation. */
  ReauthorizationInProgress: { readonly merchantCaptureId: string }
  /** Revert of a payment that is not `AUTHORIZED` (§B.5). */
  NotCancelable: { readonly status: Status }

  // ====== Pending payments (§B.7, §C.3) ======
  /** `expiryDate` outside 10 minutes – 48 hours from now (§C.3, PHP docblock). */
  InvalidPendingExpiry: { readonly expiryDate: number; readonly min: number; readonly max: number }
  /** The pending payment is not in a state that allows the operation (§B.7). */
  InvalidRequestOrderState: { readonly status: Status }

  // ====== Account link (§B.8, §E) ======
  /** No account-link session with this id. */
  SessionNotFound: { readonly sessionId: string }
  /** The account-link session was already completed or declined. */
  SessionClosed: { readonly sessionId: string; readonly status: string }

  // ====== Top-up (§B.0 row 25) ======
  /** A top-up below the code's `minimumTopUpAmount`. */
  TopupBelowMinimum: { readonly minimum: number; readonly amount: number }
}>

/**
 * Constructors, guards and `$match` for {@link Rejection}.
 *
 * @since 0.1.0
 * @category Errors
 */
export const Rejection = Data.taggedEnum<Rejection>()
