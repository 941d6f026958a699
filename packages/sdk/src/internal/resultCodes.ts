/**
 * The PayPay result-code catalog: data only, re-exported as `PayPayError.ResultCodes`.
 *
 * Every code of §B and §C of the PayPay reference is here. Conventions:
 * - `codeIds[0]` is the default codeId (the one the simulator answers with); `[]` when no source gives one.
 * - `message` is PayPay's text for the default codeId; `messages` holds the texts of other codeIds that differ.
 * - A comment marks every status or message that no source states verbatim (inferred, never an invented codeId).
 *
 * @internal
 */
import type { ResultCodeSpec } from "../PayPayError.js"

/** @internal */
export const catalog = {
  // ====== Common codes (§C.1) ======
  SUCCESS: {
    status: 200,
    codeIds: ["08100001"],
    message: "Success",
    retry: "final",
    kind: "success",
    description: "The request succeeded and `data` holds the result (§C.1)."
  },
  REQUEST_ACCEPTED: {
    status: 202,
    codeIds: ["08100001"],
    message: "Request accepted",
    retry: "final",
    kind: "success",
    description:
      "Accepted for asynchronous processing (cashback, reversal); query the details endpoint for the result (§B.9)."
  },
  INVALID_REQUEST_PARAMS: {
    status: 400,
    codeIds: ["08100006"],
    message: "Invalid request params",
    retry: "final",
    kind: "error",
    description: "A request parameter has an invalid format or value; fix the request before sending it again (§C.1)."
  },
  MISSING_REQUEST_PARAMS: {
    status: 400,
    codeIds: ["08100024"],
    message: "The set parameter is invalid",
    retry: "final",
    kind: "error",
    description: "A required request parameter is missing or invalid; fix the request (§C.1)."
  },
  UNAUTHORIZED: {
    status: 401,
    codeIds: ["08100016"],
    message: "Unauthorized request",
    retry: "final",
    kind: "error",
    description:
      "No valid API key and secret: check key, secret, HMAC signature, clock skew (±2 min) and X-ASSUME-MERCHANT (§A, §F)."
  },
  OP_OUT_OF_SCOPE: {
    status: 401,
    codeIds: ["08100023"],
    message: "The operation is not permitted",
    retry: "final",
    kind: "error",
    description: "The merchant contract or the user authorization lacks the scope this operation needs (§C.1, §B.8)."
  },
  OPA_CLIENT_NOT_FOUND: {
    status: 404,
    codeIds: ["08100007"],
    message: "OPA Client not found",
    retry: "final",
    kind: "error",
    description: "PayPay does not know this API client; check the credentials and the environment's base URL (§C.1)."
  },
  RATE_LIMIT: {
    status: 429,
    codeIds: ["08100998"],
    message: "Too many requests",
    retry: "retryable",
    kind: "error",
    description: "Too many requests: slow down with backoff, or ask PayPay to raise the limit (§C.2)."
  },
  SERVICE_ERROR: {
    status: 500,
    codeIds: ["08100026"],
    // message not documented (§C.1 leaves it blank)
    message: "Service error",
    retry: "unknownOutcome",
    kind: "error",
    description: "PayPay-side failure: treat the payment status as unknown and query it before any new attempt (§C.2)."
  },
  INTERNAL_SERVER_ERROR: {
    status: 500,
    codeIds: ["08101000", "00200034"],
    message: "Something went wrong on PayPay service side",
    messages: { "00200034": "Request timed out" },
    retry: "unknownOutcome",
    kind: "error",
    description: "PayPay may or may not have done it: treat as unknown payment status, query (or cancel) first (§C.2)."
  },
  MAINTENANCE_MODE: {
    status: 503,
    codeIds: ["08100999"],
    message: "Sorry, we are down for scheduled maintenance",
    retry: "retryable",
    kind: "error",
    description: "PayPay is in scheduled maintenance; retry later (§C.1)."
  },
  SERVICE_UNDER_MAINTENANCE: {
    status: 503,
    codeIds: [],
    // message not documented (DOC-get_public_key names the code only)
    message: "Service under maintenance",
    retry: "retryable",
    kind: "error",
    description: "The service is under maintenance; retry later (§C.1, DOC-get_public_key)."
  },
  KID_NOT_FOUND: {
    status: 400,
    codeIds: [],
    // message not documented (DOC-get_public_key names the code only)
    message: "Kid not found",
    retry: "final",
    kind: "error",
    description: "The JWT key id (kid) is unknown to PayPay's public-key endpoint (§C.1, DOC-get_public_key)."
  },
  UNACCEPTABLE_OP: {
    status: 400,
    codeIds: ["00200013", "00200014", "00400035"],
    message: "Order cannot be refunded",
    messages: {
      "00200014": "Multiple refund not allowed",
      "00400035": "Total transaction limit exceeds merchant limit"
    },
    retry: "final",
    kind: "error",
    description:
      "Not allowed in the order's state or limits: not refundable, multiple refunds, limit exceeded (§B.5, §B.6)."
  },
  INVALID_PARAMS: {
    status: 400,
    codeIds: ["00200004", "00200015"],
    message: "Invalid parameters received",
    messages: { "00200015": "Invalid refund amount" },
    retry: "final",
    kind: "error",
    description: "Invalid parameters, e.g. a refund above the refundable amount (§B.5, §B.6, §C.3)."
  },
  NO_SUFFICIENT_FUND: {
    status: 400,
    codeIds: [],
    message: "The user's balance is insufficient to make payment",
    retry: "final",
    kind: "error",
    description: "The user's balance is too low for this payment (§B.5, §C.1)."
  },
  INVALID_USER_AUTHORIZATION_ID: {
    status: 401,
    codeIds: [],
    // message not documented verbatim (§B.5 paraphrases: "expired or revoked")
    message: "Invalid user authorization ID",
    retry: "final",
    kind: "error",
    description:
      "The userAuthorizationId is unknown, expired or revoked; redo the user authorization flow (§B.5, §B.8)."
  },
  EXPIRED_USER_AUTHORIZATION_ID: {
    status: 401,
    codeIds: [],
    message: "The user authorization ID expired",
    retry: "final",
    kind: "error",
    description: "The user authorization expired; ask the user to authorize again (§B.5, §B.8)."
  },
  USER_STATE_IS_NOT_ACTIVE: {
    status: 401,
    codeIds: [],
    message: "Inactive user",
    retry: "final",
    kind: "error",
    description: "The user's PayPay account is not active (§B.5, §B.8)."
  },
  CANCELED_USER: {
    status: 400,
    codeIds: ["01103027"],
    message: "Canceled user",
    retry: "final",
    kind: "error",
    description: "The user has canceled their PayPay membership; nothing can be done for this user (§B.5, §B.6)."
  },
  RESOURCE_NOT_FOUND: {
    status: 404,
    codeIds: ["00200001"],
    message: "Order not found",
    retry: "final",
    kind: "error",
    description:
      "No such order: QR-code payments are read via /v2/codes/payments, refunds need PayPay's paymentId (§B.2, §B.6, §F)."
  },

  // ====== Dynamic QR codes (§B.2) ======
  DUPLICATE_DYNAMIC_QR_REQUEST: {
    status: 400,
    codeIds: ["01652073"],
    message: "Duplicate Dynamic QR request error",
    retry: "final",
    kind: "error",
    description:
      "A code already exists for this merchantPaymentId; create it with a new merchantPaymentId (§B.2, §C.4)."
  },
  DYNAMIC_QR_BAD_REQUEST: {
    status: 400,
    codeIds: ["01650000"],
    message: "Dynamic QR bad request error",
    retry: "final",
    kind: "error",
    description: "PayPay rejected the dynamic QR request as malformed; fix the request (§B.2)."
  },
  DYNAMIC_QR_PAYMENT_NOT_FOUND: {
    status: 400,
    codeIds: ["01652075"],
    message: "Dynamic QR payment not found",
    retry: "final",
    kind: "error",
    description: "No payment is known for this merchantPaymentId on the code endpoints (§B.2)."
  },
  DYNAMIC_QR_ALREADY_PAID: {
    status: 400,
    codeIds: ["01652074"],
    message: "Dynamic QR already paid",
    retry: "final",
    kind: "error",
    description: "The code was already paid, so it cannot be deleted; cancel or refund the payment instead (§B.2, §D)."
  },
  DYNAMIC_QR_NOT_FOUND: {
    status: 404,
    codeIds: ["01652072"],
    message: "Dynamic qr code not found",
    retry: "final",
    kind: "error",
    description: "No dynamic QR code has this codeId (§B.2)."
  },
  PRE_AUTH_CAPTURE_UNSUPPORTED_MERCHANT: {
    status: 400,
    codeIds: ["00400060"],
    message: "Merchant do not support Pre-Auth-Capture",
    retry: "final",
    kind: "error",
    description: "The merchant has no pre-auth & capture contract; create a normal payment instead (§B.2, §B.5)."
  },
  PRE_AUTH_CAPTURE_INVALID_EXPIRY_DATE: {
    status: 400,
    codeIds: ["00400061"],
    message: "Provided Expiry Date is above the allowed limit of Max allowed expiry days",
    retry: "final",
    kind: "error",
    description: "The authorization expiry exceeds the merchant's allowed expiry (at most 30 days) (§B.2, §B.5, §C.3)."
  },

  // ====== Native payments and cancel (§B.3) ======
  SUSPECTED_DUPLICATE_PAYMENT: {
    status: 400,
    codeIds: ["00200017"],
    message: "Order is rejected since similar order has been already accepted",
    retry: "final",
    kind: "error",
    description:
      "Same user and amount within 5 minutes; resend with agreeSimilarTransaction=true if intended (§B.3, §C.4)."
  },
  ORDER_NOT_REVERSIBLE: {
    status: 400,
    codeIds: ["00200044"],
    message: "Order cannot be reversed",
    retry: "final",
    kind: "error",
    description: "The payment cannot be canceled (window ends 00:14:59 the next day); refund it instead (§B.3, §C.3)."
  },

  // ====== Pre-auth, capture and revert (§B.5) ======
  UNSUPPORTED_PAYMENT_METHOD: {
    status: 400,
    codeIds: [],
    message: "Payment method is not supported",
    retry: "final",
    kind: "error",
    description: "The chosen payment method cannot be used for this payment (§B.5)."
  },
  NO_VALID_PAYMENT_METHOD: {
    status: 404,
    codeIds: [],
    message: "No available payment method",
    retry: "final",
    kind: "error",
    description: "The user has no payment method usable for this payment (§B.5)."
  },
  PAYMENT_METHOD_NOT_FOUND: {
    status: 404,
    codeIds: [],
    message: "Payment method not found",
    retry: "final",
    kind: "error",
    description: "The paymentMethodId is unknown; list the user's methods again (§B.3, §B.5)."
  },
  TRANSACTION_FAILED: {
    status: 500,
    codeIds: ["00200002", "00200003", "00800017"],
    // message of 00200002/00200003 not documented; 00800017 is "Balance exceeded" (§B.6)
    message: "Transaction failed",
    messages: { "00800017": "Balance exceeded" },
    retry: "final",
    kind: "error",
    description:
      "PayPay failed the transaction (it did not happen); a NEW transaction may be made after a backoff (§C.2)."
  },
  USER_CONFIRMATION_REQUIRED: {
    status: 202,
    codeIds: ["08300103"],
    message: "User confirmation required as requested amount is above allowed limit",
    retry: "final",
    kind: "error",
    description:
      "Capture above the authorized amount waits for the user's approval; watch the payment status (§B.5, §D)."
  },
  ALREADY_CAPTURED: {
    status: 400,
    codeIds: ["00200039"],
    message: "Cannot capture already captured acquiring order",
    retry: "final",
    kind: "error",
    description: "The authorization was already captured (§B.5)."
  },
  HIGHER_CAPTURE_NOT_PERMITTED: {
    status: 400,
    codeIds: ["00400062"],
    message: "Merchant not allowed to capture higher amount",
    retry: "final",
    kind: "error",
    description: "The merchant may not capture more than was authorized (§B.5)."
  },
  ORDER_EXPIRED: {
    status: 400,
    codeIds: ["00200043"],
    message: "Order cannot be captured or updated as it has already expired",
    retry: "final",
    kind: "error",
    description: "The authorization expired before the capture (§B.5, §D)."
  },
  ORDER_NOT_CAPTURABLE: {
    status: 400,
    codeIds: ["00200035"],
    // message not documented (§B.5 leaves it blank)
    message: "Order is not capturable",
    retry: "final",
    kind: "error",
    description: "The order is not in a capturable state (not AUTHORIZED) (§B.5, §D)."
  },
  REAUTHORIZATION_IN_PROGRESS: {
    status: 400,
    codeIds: ["00200038"],
    message: "Order is being reauthorized",
    retry: "final",
    kind: "error",
    description: "A reauthorization of this order is running; query the payment before acting again (§B.5)."
  },
  TOO_CLOSE_TO_EXPIRY: {
    status: 400,
    codeIds: ["00400064"],
    message: "Order cannot be reauthorized as request is too close to expiry time",
    retry: "final",
    kind: "error",
    description: "The authorization is too close to its expiry to be reauthorized (§B.5)."
  },
  ORDER_NOT_CANCELABLE: {
    status: 400,
    codeIds: ["00200042"],
    message: "Order is not cancelable",
    retry: "final",
    kind: "error",
    description: "The authorization cannot be reverted in its current state (§B.5)."
  },

  // ====== Refunds (§B.6, §C.3) ======
  NO_SUCH_REFUND_ORDER: {
    status: 404,
    codeIds: ["00200018"],
    message: "Refund not found",
    retry: "final",
    kind: "error",
    description: "No refund has this merchantRefundId (§B.6)."
  },
  REFUND_LIMIT_EXCEEDED: {
    status: 400, // status not documented (FAQ 5953150296463 names the code only); 400 like the other refund rejections
    codeIds: [],
    message: "Maximum number of refunds exceeded",
    retry: "final",
    kind: "error",
    description: "The payment already has the maximum number of refunds (20) (§B.6, §C.3)."
  },
  REFUND_WINDOW_EXCEED: {
    status: 400, // status not documented (FAQ 5953150296463 names the code only); 400 like the other refund rejections
    codeIds: [],
    message: "Exceeded refund period",
    retry: "final",
    kind: "error",
    description: "The refund window (until 23:59:59, 365 days after payment) has passed (§B.6, §C.3)."
  },

  // ====== Pending payments (§B.7) ======
  DUPLICATE_REQUEST_ORDER: {
    status: 400,
    codeIds: [],
    message: "Request order with same payment ID exists",
    retry: "final",
    kind: "error",
    description: "A pending payment already exists for this merchantPaymentId (§B.7, §C.4)."
  },
  SUSPECTED_DUPLICATE_ORDER: {
    status: 400,
    codeIds: [],
    message: "The same order is created multiple times",
    retry: "final",
    kind: "error",
    description: "The same pending order was requested repeatedly (§B.7, §C.4)."
  },
  REQUEST_ORDER_NOT_FOUND: {
    // JAVA PendingPayment.md says 400 on GET but 404 on cancel and refund; 404 is the specific one (§B.6, §B.7)
    status: 404,
    codeIds: [],
    // message not documented verbatim (JAVA's message columns are swapped, §B.7)
    message: "Request order not found",
    retry: "final",
    kind: "error",
    description: "No pending payment has this merchantPaymentId (§B.7)."
  },
  INVALID_REQUEST_ORDER_STATE: {
    status: 409,
    codeIds: [],
    // message not documented verbatim (JAVA's message columns are swapped, §B.7)
    message: "Invalid request order state",
    retry: "final",
    kind: "error",
    description: "The pending payment's state forbids this operation (e.g. cancel after payment) (§B.6, §B.7)."
  },

  // ====== Account link (§B.8) ======
  EXPECTATION_FAILED: {
    status: 400, // not in the reference; FAQ 8462794444559 (error test cases) lists it as 400
    codeIds: ["08100017"],
    // message not documented (FAQ titles name the code only)
    message: "Expectation failed",
    retry: "final",
    kind: "error",
    description: "Account link rejected: a scope outside the contract or an unregistered redirectUrl domain (§B.8)."
  },
  SESSION_NOT_FOUND: {
    status: 404, // status not documented (FAQ title only)
    codeIds: [],
    message: "Session not found",
    retry: "final",
    kind: "error",
    description: "The account-link QR session is unknown or gone when fetching its status (§B.8)."
  },

  // ====== Cashback (§B.9) ======
  VALIDATION_FAILED_EXCEPTION: {
    status: 400, // FAQ 8462794444559 (Give Cashback to User error test cases)
    codeIds: [],
    // message not documented (the FAQ names the code only)
    message: "Validation failed",
    retry: "final",
    kind: "error",
    description:
      "Give Cashback with a merchantCashbackId already used for another cashback; use a new id (FAQ 8462794444559)."
  },
  TRANSACTION_NOT_FOUND: {
    status: 404, // status not documented (FAQ title only)
    codeIds: [],
    message: "Transaction not found",
    retry: "final",
    kind: "error",
    description: "Cashback not found (yet): check again after about 1 s; it is processed asynchronously (§B.9)."
  }
} as const satisfies Record<string, ResultCodeSpec>
