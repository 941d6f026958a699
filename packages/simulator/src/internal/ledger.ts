/**
 * The fidelity ledger's data (see `Fidelity.ts`). One entry per behaviour rule, grouped by area in the order
 * `docs/fidelity.md` shows them. Sources use the short names of the project's PayPay reference (§0): JAVA, PY,
 * NODE, PHP, GO-M (paypay/paypayopa-sdk-java, -python, -node, -php; mythrnr/paypayopa-sdk-go), FAQ nnnn
 * (integration.paypay.ne.jp articles), DOC-… (paypay.ne.jp/opa/doc pages); `python#50` is an issue of that SDK's
 * repository. Code that implements a rule names its id (`ledger: <id>`).
 *
 * @internal
 */

const entry = <const Id extends string>(rule: {
  readonly id: Id
  readonly area: string
  readonly rule: string
  readonly standing: "verified" | "conflicting" | "inferred"
  readonly sources: ReadonlyArray<string>
  readonly note?: string
}) => rule

/** @internal */
export const ledger = [
  // ====== Authentication ======
  entry({
    id: "auth.hmac",
    area: "Authentication",
    rule: "Requests are signed with OPA-Auth: HMAC-SHA256 (key: the API secret as-is) over path without query, METHOD, nonce, epoch, content type and body hash, each on its own line; the body hash is base64(MD5(content type + raw body)), and both are `empty` without a body. Any mismatch answers 401 UNAUTHORIZED (08100016), the message naming the part that did not match.",
    standing: "verified",
    sources: [
      "DOC-AUTH (algorithm and sample header)",
      "FAQ 11831606311951 (sample headers)",
      "PY client.py, NODE createAuthHeader, JAVA HmacAuth, PHP utility_hmac.php, GO-M signer.go",
      "reference §A.1–§A.3, §A.7 (vectors)"
    ]
  }),
  entry({
    id: "auth.raw-body",
    area: "Authentication",
    rule: "The signature is checked against the Content-Type header and the body bytes exactly as sent (never re-serialized), so every official SDK's content type (`application/json`, `…;charset=UTF-8`, `…;charset=UTF-8;`) and JSON spacing passes.",
    standing: "verified",
    sources: ["FAQ 11831606311951 (its vector only matches the pretty-printed body as sent)", "reference §A.2"]
  }),
  entry({
    id: "auth.epoch-skew",
    area: "Authentication",
    rule: "The epoch must be within ±120 s of real time (not the simulator's advanced clock).",
    standing: "verified",
    sources: ['DOC-AUTH: "Validated whether less than 2mins on server side"']
  }),
  entry({
    id: "auth.nonce",
    area: "Authentication",
    rule: "A nonce of any length is accepted.",
    standing: "verified",
    sources: [
      'DOC-AUTH: "String of any length, but recommended to use of length 8"',
      "reference §A.1 (SDK nonces of 6 to 36 characters)"
    ]
  }),
  entry({
    id: "auth.delete-body",
    area: "Authentication",
    rule: "A DELETE that carries a signed body (`{}`) is accepted like one without a body.",
    standing: "inferred",
    sources: ["PY Code.delete_qr_code / User.unlink_user_athorization send `{}` (reference §A.5)"],
    note: "No source shows PayPay's answer; PayPay's own Python SDK sends it, so the simulator must not refuse it."
  }),
  entry({
    id: "auth.merchant",
    area: "Authentication",
    rule: "A request must name a merchant registered for its API key (X-ASSUME-MERCHANT, or ?assumeMerchant= which wins); a missing, empty, placeholder or unknown merchant answers 401 UNAUTHORIZED (08100016) with a message naming the merchant sent and the registered ones. `--any-merchant` lifts the check (every merchant id, and none, is its own tenant).",
    standing: "verified",
    sources: [
      "paypayopa-sdk-java#78 (ASSUME_MERCHANT_ID placeholder → UNAUTHORIZED)",
      "paypayopa-sdk-node#130 (no merchant configured → 401 UNAUTHORIZED)",
      'DOC-pending_payments, DOC-continuous_payments: "Every time an API is called, the merchant identifier needs to be passed"',
      "reference §A.4, §F.1"
    ]
  }),
  entry({
    id: "auth.assume-merchant-query",
    area: "Authentication",
    rule: "When both are sent, ?assumeMerchant= wins over the X-ASSUME-MERCHANT header.",
    standing: "verified",
    sources: [
      'DOC-pending_payments: "If both are provided, the query string parameter would take precedence"',
      "reference §A.4"
    ]
  }),
  entry({
    id: "auth.trailing-slash",
    area: "Authentication",
    rule: "A path with a trailing slash is served as the path without it (`POST /v2/refunds/`).",
    standing: "inferred",
    sources: ["PY Payment.refund_payment posts to `/v2/refunds/` (reference §A.5)"],
    note: "PayPay's own Python SDK relies on it; no source shows PayPay's answer."
  }),
  // ====== Envelope and validation ======
  entry({
    id: "envelope.shape",
    area: "Envelope and validation",
    rule: "Every answer is `{ resultInfo: { code, message, codeId }, data }` with `data: null` on failures, the HTTP status of the code, and an X-REQUEST-ID header.",
    standing: "verified",
    sources: [
      "GO-M api_schema.go, JAVA ResultInfo.md, PY mocks",
      "DOC-get_public_key (X-REQUEST-ID)",
      "reference §B.1, §A.4"
    ]
  }),
  entry({
    id: "envelope.unknown-path",
    area: "Envelope and validation",
    rule: "An unknown method or path answers 404 RESOURCE_NOT_FOUND.",
    standing: "inferred",
    sources: [],
    note: "PayPay's answer to an unknown path is not documented; RESOURCE_NOT_FOUND is the catalog's generic not-found code."
  }),
  entry({
    id: "request.validation",
    area: "Envelope and validation",
    rule: "Request bodies are checked with the SDK's schemas (ids ≤ 64 characters, texts ≤ 255, amounts ≤ 11 digits, required fields): an absent required field answers 400 MISSING_REQUEST_PARAMS (08100024), any other invalid value or malformed JSON 400 INVALID_REQUEST_PARAMS (08100006); the message names the field.",
    standing: "verified",
    sources: [
      "reference §B.1–§B.9 (limits from the SDK READMEs and JAVA validators), §C.1 (codes)",
      "FAQ 8462794444559 (INVALID_REQUEST_PARAMS: invalid request parameter)"
    ]
  }),
  entry({
    id: "request.unknown-fields",
    area: "Envelope and validation",
    rule: "Unknown request fields are ignored.",
    standing: "inferred",
    sources: ['JAVA serializes amountDescription as "amountescription" (reference §B.3)'],
    note: "An official SDK sends a misspelt field; refusing unknown fields would fail its requests."
  }),
  entry({
    id: "request.unsupported-currency",
    area: "Envelope and validation",
    rule: "A money amount in another currency than JPY (e.g. USD) answers 400 INVALID_PARAMS (00200004).",
    standing: "verified",
    sources: [
      'JAVA DynamicQRCode.md / PreAuthCapture.md error handling: INVALID_PARAMS "… E.g. unsupported currency."',
      "JAVA docs/MoneyAmount.md (only JPY)"
    ]
  }),
  // ====== Dynamic QR codes ======
  entry({
    id: "code.create-status",
    area: "Dynamic QR codes",
    rule: "POST /v2/codes answers 201 SUCCESS.",
    standing: "conflicting",
    sources: [
      'PY/JAVA READMEs: "Did you get a HTTP 201 response"',
      'JAVA DynamicQRCode.md (201: "dynamic QR code was created")',
      "GO-M api_qrcode_inner_test.go (201)",
      'NODE README ("200 SUCCESS")'
    ],
    note: "Three sources say 201, the Node README's text says 200: the simulator answers 201."
  }),
  entry({
    id: "code.expiry",
    area: "Dynamic QR codes",
    rule: "A code expires 300 s after creation (`--code-lifetime`); an expired, unpaid code leaves the payment CREATED.",
    standing: "verified",
    sources: [
      "python#50, #61, #68 (expiryDate − requestedAt = 301 s in sandbox answers)",
      "FAQ 4414093922831, 5659790374543 (status stays CREATED)"
    ],
    note: "The lifetime is observed, not documented."
  }),
  entry({
    id: "code.duplicate",
    area: "Dynamic QR codes",
    rule: "A merchantPaymentId already used by the merchant (also after a cancel) answers 400 DUPLICATE_DYNAMIC_QR_REQUEST (01652073).",
    standing: "verified",
    sources: [
      "PY/NODE README and JAVA DynamicQRCode.md code tables",
      "FAQ 4414069180943 (a canceled id cannot be used again)",
      "reference §C.4"
    ]
  }),
  entry({
    id: "code.answer-shape",
    area: "Dynamic QR codes",
    rule: "Create-QR answers codeId (`04-…`), url, deeplink (`paypay://payment?link_key=<url-encoded url>`), expiryDate and the order's fields; order items carry `unit_price`.",
    standing: "verified",
    sources: [
      "python#50, #61, #68 (real sandbox answers)",
      "JAVA QRCodeResponse.md, MerchantOrderItemResponse.java (`unit_price`)",
      "GO-M MerchantOrderItemResponse"
    ]
  }),
  entry({
    id: "code.user-agent-echo",
    area: "Dynamic QR codes",
    rule: "Create-QR echoes the request's userAgent.",
    standing: "verified",
    sources: ["JAVA docs/QRCodeResponse.md (userAgent)"]
  }),
  entry({
    id: "code.preauth",
    area: "Dynamic QR codes",
    rule: "A code created with isAuthorization is AUTHORIZED when paid, until authorizationExpiry (default and maximum 30 days; later or past → 400 PRE_AUTH_CAPTURE_INVALID_EXPIRY_DATE 00400061).",
    standing: "verified",
    sources: ["JAVA DynamicQRCode.md, QRCode.md", "FAQ 4414061835535 (maximum 30 days)", "reference §B.2, §B.5"]
  }),
  entry({
    id: "code.get-not-found",
    area: "Dynamic QR codes",
    rule: "GET /v2/codes/payments/{id} for an unknown payment answers 400 DYNAMIC_QR_PAYMENT_NOT_FOUND (01652075).",
    standing: "conflicting",
    sources: ["PY/NODE README, JAVA DynamicQRCode.md tables (400)", "GO-M api_qrcode_inner_test.go (404)"],
    note: "The official SDKs' tables say 400, a third-party mock 404: the simulator answers 400."
  }),
  entry({
    id: "code.delete",
    area: "Dynamic QR codes",
    rule: "DELETE /v2/codes/{codeId} disables a CREATED code (the payment stays CREATED); a paid one answers 400 DYNAMIC_QR_ALREADY_PAID (01652074), an unknown or already deleted one 404 DYNAMIC_QR_NOT_FOUND (01652072).",
    standing: "verified",
    sources: ["PY/NODE README and JAVA code tables", "reference §B.2, §D"]
  }),
  entry({
    id: "code.read-on-payments-path",
    area: "Dynamic QR codes",
    rule: "A QR payment is not found on GET /v2/payments/{id}: 404 RESOURCE_NOT_FOUND (00200001).",
    standing: "verified",
    sources: ['python#50, #68 ("Order not found" for a code\'s merchantPaymentId)', "reference §F #1"]
  }),
  entry({
    id: "code.user-pays",
    area: "Dynamic QR codes",
    rule: "The simulated user (control API, hosted page) cannot pay an expired code (ORDER_EXPIRED 00200043), a deleted one (DYNAMIC_QR_NOT_FOUND) or a used one (DYNAMIC_QR_ALREADY_PAID).",
    standing: "inferred",
    sources: ["FAQ 5659790374543 (PayPay's app shows an error screen for an expired code)"],
    note: "PayPay's app shows an error screen, not a code; the control API needs an error, so these catalog codes name the situation."
  }),
  entry({
    id: "code.cancel-before-pay",
    area: "Dynamic QR codes",
    rule: "DELETE /v2/payments/{id} before the user pays is accepted; when the user then pays, the payment ends FAILED.",
    standing: "verified",
    sources: ["FAQ 4414069180943"]
  }),
  // ====== Payments (direct debit) ======
  entry({
    id: "payments.create-completed",
    area: "Payments (direct debit)",
    rule: "POST /v2/payments and /v1/subscription/payments answer the payment COMPLETED at once, the user debited.",
    standing: "conflicting",
    sources: [
      "NODE README sample and test/createPayment.test.ts (COMPLETED)",
      "PY tests/mocks/create_payment_response.json (CREATED)"
    ],
    note: "The Node sample reads like a real answer, the Python mock is a placeholder: the simulator completes the payment at once."
  }),
  entry({
    id: "payments.similar-transaction",
    area: "Payments (direct debit)",
    rule: "The same user paying the same amount again within 5 minutes (native payments and pre-authorizations) answers 400 SUSPECTED_DUPLICATE_PAYMENT (00200017), unless ?agreeSimilarTransaction=true.",
    standing: "verified",
    sources: [
      "JAVA PreAuthCapture.md (SUSPECTED_DUPLICATE_PAYMENT row)",
      "NODE README sample (00200017)",
      "reference §B.3, §C.4"
    ]
  }),
  entry({
    id: "payments.continuous-no-similar-check",
    area: "Payments (direct debit)",
    rule: "Continuous payments (/v1/subscription/payments) skip the 5-minute similar-transaction rule.",
    standing: "inferred",
    sources: ["reference §B.0 row 13 (no agreeSimilarTransaction parameter)"],
    note: "Recurring charges of one amount are the point of the call and it offers no way to agree to a similar one."
  }),
  entry({
    id: "payments.duplicate-merchant-payment-id",
    area: "Payments (direct debit)",
    rule: "A merchantPaymentId already used by the merchant answers 400 INVALID_PARAMS (00200004) on POST /v2/payments, /v1/subscription/payments and /v2/payments/preauthorize.",
    standing: "inferred",
    sources: ["FAQ 7215875261839 (PayPay checks uniqueness per merchant)"],
    note: "PayPay checks uniqueness but documents no code for these calls; INVALID_PARAMS is in their documented tables."
  }),
  entry({
    id: "payments.object-shape",
    area: "Payments (direct debit)",
    rule: "Payment objects answer refunds as {data: [...]}, captures as {data: [...]} (absent when none), acceptedAt 0 while unset, assumeMerchant, and order items with unitPrice (create-QR's answer alone says unit_price).",
    standing: "verified",
    sources: [
      "JAVA PaymentState / Payment / MerchantOrderItem (`unitPrice`)",
      "GO-M api_schema.go Payment, MerchantOrderItem (`unitPrice`)",
      "PY tests/mocks/get_payment_details.json, preauth_response.json (`unitPrice`)",
      "FAQ 4414093922831 (acceptedAt: 0)",
      "reference §B.4, §F.1"
    ]
  }),
  entry({
    id: "payments.no-sufficient-fund",
    area: "Payments (direct debit)",
    rule: "A user whose balance is below the amount answers 400 NO_SUFFICIENT_FUND; nothing is debited.",
    standing: "verified",
    sources: ["JAVA PreAuthCapture.md error table", "reference §C.1"]
  }),
  entry({
    id: "payments.payment-method",
    area: "Payments (direct debit)",
    rule: "A simulated user has one payment method, the PayPay balance (`WALLET`, listed by /v4/paymentMethods): another paymentMethodType answers UNSUPPORTED_PAYMENT_METHOD, an unknown paymentMethodId PAYMENT_METHOD_NOT_FOUND.",
    standing: "inferred",
    sources: ["JAVA PreAuthCapture.md (the two codes)", "JAVA PaymentMethodsResponse (the list's shape)"],
    note: "The codes are documented; a user with only the PayPay balance is the simulator's model."
  }),
  entry({
    id: "payments.get-not-found",
    area: "Payments (direct debit)",
    rule: "GET /v2/payments/{id} for an unknown payment answers 404 RESOURCE_NOT_FOUND (00200001).",
    standing: "verified",
    sources: ["python#50, #68", "reference §B.3"]
  }),
  entry({
    id: "payments.cancel-window",
    area: "Payments (direct debit)",
    rule: "DELETE /v2/payments/{id} reverses a COMPLETED payment until 00:14:59 JST the day after it; later it answers 400 ORDER_NOT_REVERSIBLE (00200044).",
    standing: "verified",
    sources: ['JAVA PaymentApi Javadoc, PY/NODE README ("until 00:14:59 AM the day after")', "reference §B.3, §C.3"]
  }),
  entry({
    id: "payments.cancel-states",
    area: "Payments (direct debit)",
    rule: "A canceled COMPLETED or AUTHORIZED payment becomes CANCELED and the user gets the money back; cancelling a CANCELED, FAILED or EXPIRED payment again is accepted unchanged; a refunded one answers ORDER_NOT_REVERSIBLE.",
    standing: "inferred",
    sources: ["reference §D, §H (status after a cancel is not stated)"],
    note: "Webhooks include CANCELED; the status after a cancel and the answer to repeated cancels are not documented."
  }),
  // ====== Refunds ======
  entry({
    id: "refund.window",
    area: "Refunds",
    rule: "A refund is accepted until 23:59:59 JST, 365 days after the payment date; later: 400 REFUND_WINDOW_EXCEED.",
    standing: "verified",
    sources: ["FAQ 4414068760463", "FAQ 5953150296463 (REFUND_WINDOW_EXCEED)"]
  }),
  entry({
    id: "refund.limit",
    area: "Refunds",
    rule: "At most 20 refunds per payment; the 21st answers REFUND_LIMIT_EXCEEDED.",
    standing: "conflicting",
    sources: [
      'FAQ 4414061741583 (up to 20, "may be subject to change")',
      "FAQ 5953150296463 (REFUND_LIMIT_EXCEEDED)",
      'PY/NODE/JAVA READMEs ("we only support 1 refund per order")'
    ],
    note: "The FAQ is newer and more specific than the READMEs: the simulator allows 20."
  }),
  entry({
    id: "refund.amount",
    area: "Refunds",
    rule: 'Refunds may not exceed what was paid in total: 400 INVALID_PARAMS (00200015 "Invalid refund amount").',
    standing: "verified",
    sources: [
      "FAQ 5953150296463 (INVALID_PARAMS for an amount larger than the refundable amount)",
      "PY/NODE README code table (00200015)"
    ]
  }),
  entry({
    id: "refund.not-refundable",
    area: "Refunds",
    rule: 'Only a COMPLETED payment (also partly refunded) can be refunded; otherwise 400 UNACCEPTABLE_OP (00200013 "Order cannot be refunded").',
    standing: "verified",
    sources: ["PY/NODE README and JAVA refund code tables (00200013)", "reference §B.6"]
  }),
  entry({
    id: "refund.settle",
    area: "Refunds",
    rule: "A refund is CREATED and becomes REFUNDED after a short delay (5 simulated seconds).",
    standing: "verified",
    sources: [
      "FAQ 4414054913423, 4414069478799 (CREATED, then REFUNDED by batch)",
      "paypayopa-sdk-php#394 (REFUND_FAILED retired)"
    ],
    note: "The delay is the simulator's choice."
  }),
  entry({
    id: "refund.payment-refunded",
    area: "Refunds",
    rule: "A payment whose settled refunds cover the whole paid amount becomes REFUNDED; a partly refunded one stays COMPLETED.",
    standing: "inferred",
    sources: ['reference §D, §H (REFUNDED = "Refund complete"; partial refunds not documented)'],
    note: "PayPay only says REFUNDED means the refund is complete."
  }),
  entry({
    id: "refund.merchant-payment-id",
    area: "Refunds",
    rule: "POST /v2/refunds whose paymentId is one of the merchant's merchantPaymentIds answers 500 INTERNAL_SERVER_ERROR (an unknown paymentId: 404 RESOURCE_NOT_FOUND 00200001).",
    standing: "verified",
    sources: [
      'FAQ 5953150296463 (INTERNAL_SERVER_ERROR: "Incorrectly setting merchantPaymentId for paymentId"; RESOURCE_NOT_FOUND: a paymentId that does not exist)'
    ]
  }),
  entry({
    id: "refund.id-reuse",
    area: "Refunds",
    rule: "The same merchantRefundId again on the same payment returns the first refund and moves no money, even with another amount or reason (then the request journal records a warning).",
    standing: "inferred",
    sources: ['FAQ 4414061741583 ("The refund may have been made with the same merchantRefundId")', "reference §C.4"],
    note: "The FAQ implies a repeated id makes no second refund but shows no answer; a merchantRefundId of another payment answers INVALID_PARAMS."
  }),
  entry({
    id: "refund.details-payment-id",
    area: "Refunds",
    rule: "GET /v2/refunds/{merchantRefundId} requires ?paymentId= for merchants onboarded since PayPay's 2025 change; a merchant registered with onboardedBefore2025 may omit it. A paymentId that is not the refund's answers NO_SUCH_REFUND_ORDER.",
    standing: "verified",
    sources: [
      "paypayopa-sdk-php#394 (PayPay's notice: paymentId required for new merchants, production 2025-07-01; existing merchants may keep the old request)"
    ]
  }),
  entry({
    id: "refund.details-payment-id-code",
    area: "Refunds",
    rule: "A new merchant's refund details without ?paymentId= answer 400 MISSING_REQUEST_PARAMS (08100024).",
    standing: "inferred",
    sources: ["paypayopa-sdk-php#394"],
    note: "PayPay's notice says the parameter is required but names no code; MISSING_REQUEST_PARAMS is the common code for a missing required parameter (reference §C.1)."
  }),
  entry({
    id: "refund.details-not-found",
    area: "Refunds",
    rule: "Refund details of an unknown merchantRefundId answer 404 NO_SUCH_REFUND_ORDER (00200018).",
    standing: "verified",
    sources: ["PY/NODE README code table", "reference §B.6"]
  }),
  // ====== Pre-authorization and capture ======
  entry({
    id: "preauth.authorize",
    area: "Pre-authorization and capture",
    rule: "POST /v2/payments/preauthorize holds the amount (AUTHORIZED) until expiresAt (default and maximum 30 days; later or past → 400 PRE_AUTH_CAPTURE_INVALID_EXPIRY_DATE 00400061).",
    standing: "verified",
    sources: [
      "JAVA PreAuthCapture.md",
      "FAQ 4414061835535 (maximum 30 days)",
      "PY tests/mocks/preauth_response.json (AUTHORIZED)"
    ]
  }),
  entry({
    id: "preauth.status",
    area: "Pre-authorization and capture",
    rule: "POST /v2/payments/preauthorize answers 200 SUCCESS.",
    standing: "conflicting",
    sources: [
      "NODE test/paymentPreauthorize.test.ts (200)",
      "GO-M api_payment_auth_inner_test.go (200)",
      'JAVA PreAuthCapture.md ("201 … (e.g. Create payment authorization) was created")'
    ],
    note: "JAVA's sentence is a template (PendingPayment.md repeats it word for word) while two SDKs' tests expect 200: the simulator answers 200. Clients should accept any 2xx."
  }),
  entry({
    id: "preauth.capture",
    area: "Pre-authorization and capture",
    rule: "A capture up to the authorized amount completes the payment (the rest is released); above it, 202 USER_CONFIRMATION_REQUIRED (08300103) and REAUTHORIZING until the user confirms (COMPLETED) or refuses (AUTHORIZED again, EXPIRED_USER_CONFIRMATION webhook).",
    standing: "verified",
    sources: [
      "PY/NODE README and JAVA capture tables (08300103)",
      "FAQ 4414061749775 (EXPIRED_USER_CONFIRMATION)",
      "reference §B.5, §D"
    ],
    note: "Going back to AUTHORIZED after a refusal is the simulator's reading of the EXPIRED_USER_CONFIRMATION event."
  }),
  entry({
    id: "preauth.capture-errors",
    area: "Pre-authorization and capture",
    rule: "Capture of a captured payment answers ALREADY_CAPTURED (00200039), of an expired one ORDER_EXPIRED (00200043), while waiting for the user REAUTHORIZATION_IN_PROGRESS (00200038), of any other status ORDER_NOT_CAPTURABLE (00200035).",
    standing: "verified",
    sources: ["PY/NODE README and JAVA capture tables", "reference §B.5"]
  }),
  entry({
    id: "capture.entry-shape",
    area: "Pre-authorization and capture",
    rule: "Entries of captures.data[] carry status USER_REQUESTED and the authorization's expiresAt, whether the capture completed or waits for the user.",
    standing: "conflicting",
    sources: [
      'JAVA docs/Capture.md: status "Status is always USER_REQUESTED." (its enum also lists COMPLETED)',
      "PY tests/mocks/preauth_response.json (captures.data[].status USER_REQUESTED, expiresAt present)",
      "GO-M api_schema.go Capture (expiresAt)"
    ],
    note: "JAVA's enum lists COMPLETED but its description says always USER_REQUESTED, and the only sample (PY mock) shows USER_REQUESTED: the simulator follows the description and the sample."
  }),
  entry({
    id: "preauth.revert",
    area: "Pre-authorization and capture",
    rule: "POST /v2/payments/preauthorize/revert releases an AUTHORIZED (or REAUTHORIZING) payment: CANCELED, data {status, acceptedAt, paymentId, requestedAt, reason}; any other status answers 400 ORDER_NOT_CANCELABLE (00200042).",
    standing: "verified",
    sources: [
      "JAVA RevertAuthResponseData, PY tests/mocks/revert_payment_response.json",
      "PY/NODE README revert table",
      "reference §B.5"
    ]
  }),
  entry({
    id: "preauth.revert-replay",
    area: "Pre-authorization and capture",
    rule: "The same merchantRevertId again on the canceled payment answers the same revert; an unknown paymentId answers 404 RESOURCE_NOT_FOUND.",
    standing: "inferred",
    sources: [],
    note: "Not documented; a replay that changes nothing is the safe reading for a client retrying a timed-out revert."
  }),
  entry({
    id: "preauth.expiry",
    area: "Pre-authorization and capture",
    rule: "An authorization past its expiresAt is EXPIRED and its money goes back to the user (EXPIRED webhook).",
    standing: "verified",
    sources: [
      "FAQ 4414061835535",
      'developers-faq status list (EXPIRED "When Pre-auth expires")',
      "FAQ 4414061749775 (EXPIRED webhook)"
    ]
  }),
  // ====== Pending payments ======
  entry({
    id: "pending.create",
    area: "Pending payments",
    rule: "POST /v1/requestOrder answers 201 SUCCESS with an echo of the request (order items with unitPrice); the order is CREATED and nothing is debited.",
    standing: "verified",
    sources: [
      "JAVA PendingPayment.md (|201| SUCCESS)",
      "GO-M api_req_order_inner_test.go (201)",
      "PY tests/mocks/request_order_response.json"
    ]
  }),
  entry({
    id: "pending.expiry-window",
    area: "Pending payments",
    rule: "expiryDate must be 10 minutes to 48 hours ahead (default 6 hours); the order is EXPIRED after it.",
    standing: "verified",
    sources: ["PHP CreatePendingPaymentPayload::setExpiryDate docblock", "reference §C.3"],
    note: "The PHP docblock is the only statement of these limits (its code is buggy)."
  }),
  entry({
    id: "pending.expiry-window-code",
    area: "Pending payments",
    rule: "An expiryDate outside 10 minutes – 48 hours answers 400 INVALID_PARAMS (00200004).",
    standing: "inferred",
    sources: ["JAVA PendingPayment.md (INVALID_PARAMS among create's codes)"],
    note: "The limits have no code of their own."
  }),
  entry({
    id: "pending.duplicate",
    area: "Pending payments",
    rule: "A merchantPaymentId already used answers 400 DUPLICATE_REQUEST_ORDER.",
    standing: "verified",
    sources: ["JAVA PendingPayment.md", "GO-M api_req_order_inner_test.go"]
  }),
  entry({
    id: "pending.suspected-duplicate-order",
    area: "Pending payments",
    rule: "SUSPECTED_DUPLICATE_ORDER is never answered by itself (use fault injection or the magic value SIMERR_SUSPECTED_DUPLICATE_ORDER to produce it).",
    standing: "inferred",
    sources: ['JAVA PendingPayment.md (400 SUSPECTED_DUPLICATE_ORDER "The same order is created multiple times")'],
    note: "The code is documented, the rule that triggers it is not; the simulator does not guess one."
  }),
  entry({
    id: "pending.details-expiry-date",
    area: "Pending payments",
    rule: "GET /v1/requestOrder/{merchantPaymentId} answers the payment object with the order's expiry as expiryDate (not expiresAt).",
    standing: "verified",
    sources: [
      "PY tests/mocks/get_request_order_response.json (expiryDate)",
      "GO-M api_req_order_inner_test.go Test_getRequestedPaymentDetails (expiryDate)"
    ]
  }),
  entry({
    id: "pending.get-not-found",
    area: "Pending payments",
    rule: "GET /v1/requestOrder/{merchantPaymentId} for an unknown order answers 400 REQUEST_ORDER_NOT_FOUND; cancel and refund of one answer 404.",
    standing: "verified",
    sources: [
      "JAVA PendingPayment.md (400 REQUEST_ORDER_NOT_FOUND on get; 404 on cancel and refund)",
      "reference §B.7"
    ],
    note: "The SDK's catalog gives the code its 404; the simulator answers 400 where JAVA's table for this call says so."
  }),
  entry({
    id: "pending.cancel",
    area: "Pending payments",
    rule: "DELETE /v1/requestOrder/{id} cancels a CREATED order (CANCELED; again: accepted unchanged); a paid, declined or expired one answers 409 INVALID_REQUEST_ORDER_STATE.",
    standing: "verified",
    sources: ["JAVA PendingPayment.md (cancel codes)", "reference §B.7"],
    note: "Accepting a second cancel is the simulator's choice (the SDK retries this call)."
  }),
  entry({
    id: "pending.answer",
    area: "Pending payments",
    rule: "The requested user pays (COMPLETED, debited) or declines (FAILED); only that user can pay it.",
    standing: "inferred",
    sources: ["JAVA PendingPayment.md (CREATED → COMPLETED)"],
    note: "FAILED for a declined request is not documented."
  }),
  // ====== User authorization ======
  entry({
    id: "user.checks",
    area: "User authorization",
    rule: "User-scoped calls check, in order: the userAuthorizationId is known (else 401 INVALID_USER_AUTHORIZATION_ID), not revoked, the user active (USER_STATE_IS_NOT_ACTIVE), not expired (EXPIRED_USER_AUTHORIZATION_ID), then the scope the call needs (401 OP_OUT_OF_SCOPE 08100023).",
    standing: "verified",
    sources: [
      "JAVA PreAuthCapture.md, PendingPayment.md error tables",
      "DOC-user_notification, DOC-pending_payments (common 401 codes)",
      "reference §B.8, §C.1"
    ],
    note: "The order of the checks is the simulator's."
  }),
  entry({
    id: "user.scopes",
    area: "User authorization",
    rule: "Each call needs the scope of its product: direct_debit (native payments), continuous_payments, pending_payments, cashback, get_balance (balances); a missing one answers 401 OP_OUT_OF_SCOPE (08100023).",
    standing: "verified",
    sources: [
      "DOC-continuous_payments, DOC-pending_payments, DOC-get_balance, DOC-cashback (scope per product)",
      "PY README claim table (direct_debit)",
      "reference §B.8, §B.9, §C.1"
    ]
  }),
  entry({
    id: "user.scopes-inferred",
    area: "User authorization",
    rule: "Pre-authorization needs preauth_capture_native and the masked profile user_profile.",
    standing: "inferred",
    sources: ["reference §B.8 (scope list)"],
    note: "Read from the scope names; no page read states which call needs them."
  }),
  entry({
    id: "user.revoked",
    area: "User authorization",
    rule: "An authorization the merchant unlinked (DELETE /v2/user/authorizations/{id}) is revoked: user-scoped calls answer 401 INVALID_USER_AUTHORIZATION_ID. USER_STATE_IS_NOT_ACTIVE is kept for a user whose own account is inactive.",
    standing: "verified",
    sources: [
      'JAVA docs/PreAuthCapture.md error table: INVALID_USER_AUTHORIZATION_ID "expired or revoked … go through the authorization flow again"',
      "reference §B.5, §F.1"
    ]
  }),
  entry({
    id: "user.auto-extend",
    area: "User authorization",
    rule: "An authorization is valid 365 days and is extended to 365 days from each payment made with it (native, continuous, pre-authorization, an accepted pending request), each granted cashback and each re-authorization (account link). The extension sends no webhook.",
    standing: "verified",
    sources: [
      'DOC-link_user_web: valid 365 days, "automatically extended each time you make a payment, grant a balance or re-authorize"',
      "reference §B.8, §C.3"
    ],
    note: "Whether PayPay sends customer.authroization.extended for an automatic extension is not documented; the simulator sends it only for a re-link."
  }),
  entry({
    id: "user.status",
    area: "User authorization",
    rule: "GET /v2/user/authorizations answers {userAuthorizationId, referenceIds, status ACTIVE|INACTIVE, scopes, expireAt, issuedAt}, also for a revoked authorization (INACTIVE).",
    standing: "inferred",
    sources: ["JAVA UserAuthorizationData, PY tests/mocks/get_user_auth_status.json (the shape)"],
    note: "The shape is documented; what PayPay answers for a revoked authorization is not."
  }),
  entry({
    id: "user.link-session",
    area: "User authorization",
    rule: "POST /v1/qr/sessions answers 201 SUCCESS with linkQRCodeURL; a WEB_LINK redirectUrl that is not an http(s) URL answers 400 EXPECTATION_FAILED (08100017).",
    standing: "verified",
    sources: [
      "GO-M api_user_inner_test.go Test_createAccountLinkQRCode (201)",
      "JAVA LinkQRCodeResponseData",
      "FAQ 8462794444559 (EXPECTATION_FAILED for a redirectUrl domain not applied for)"
    ],
    note: "PayPay also requires HTTPS and a registered domain; the simulator accepts any http(s) URL so local apps can link."
  }),
  entry({
    id: "user.link-answer",
    area: "User authorization",
    rule: "A session answered once cannot be answered again (EXPECTATION_FAILED); the answer redirects with a responseToken.",
    standing: "inferred",
    sources: ["PHP README (responseToken on the redirect)"],
    note: "Nothing documents a second answer to one account-link QR; the account-link failure code is used."
  }),
  entry({
    id: "user.response-token",
    area: "User authorization",
    rule: "The responseToken is an HS256 JWT over the base64-decoded API secret with aud = the API key, iss = paypay.ne.jp, valid 5 minutes.",
    standing: "conflicting",
    sources: [
      "PY decode_jwt, NODE validateJWT, JAVA JwtUtil, PHP decodeUserAuth (base64-decoded key)",
      "GO-M DecodeResponseToken (raw secret; aud = merchant id)",
      "python#56 (a real token: aud of API-key shape), python#83"
    ],
    note: "The four official SDKs and the one real token agree; the simulator follows them."
  }),
  entry({
    id: "user.masked-profile",
    area: "User authorization",
    rule: "GET /v2/user/profile/secure answers the phone number masked but for its last four digits.",
    standing: "verified",
    sources: ['python#56 (profileIdentifier "*******0077")', "JAVA MaskedUserProfileData"]
  }),
  entry({
    id: "user.legacy-authorization",
    area: "User authorization",
    rule: "GET /v2/user_authorization (the official Node SDK's legacy web-authorization call) verifies the requestToken or responseToken and answers what it means.",
    standing: "inferred",
    sources: ["NODE Authorization / AuthorizationResult (reference §B.0 row 30)"],
    note: "No SDK, page or issue shows PayPay's answer."
  }),
  // ====== Wallet ======
  entry({
    id: "wallet.check-balance",
    area: "Wallet",
    rule: "GET /v2/wallet/check_balance answers hasEnoughBalance = balance ≥ amount (scope get_balance).",
    standing: "verified",
    sources: ["JAVA WalletApi.md", "DOC-get_balance", "reference §B.8"]
  }),
  entry({
    id: "wallet.balance",
    area: "Wallet",
    rule: "GET /v6/wallet/balance answers the user's total balance with preference {useCashback: true, cashbackAutoInvestment: false}.",
    standing: "inferred",
    sources: ["GO-M GetUserWalletBalance (the shape)"],
    note: "The preference values are the simulator's."
  }),
  entry({
    id: "wallet.payment-methods",
    area: "Wallet",
    rule: "GET /v4/paymentMethods lists one available method, the PayPay balance (WALLET).",
    standing: "inferred",
    sources: ["JAVA getPaymentMethods, PaymentMethod (the shape)"],
    note: "A simulated user has only the balance."
  }),
  // ====== Cashback ======
  entry({
    id: "cashback.accepted",
    area: "Cashback",
    rule: "POST /v2/cashback and /v2/cashback_reversal answer 202 REQUEST_ACCEPTED (08100001) with no data; the details show TRANSACTION_NOT_FOUND for about a second, then ACCEPTED, then SUCCESS or FAILURE.",
    standing: "verified",
    sources: [
      "PY tests/mocks/give_cashback_response.json, NODE test/cashback.test.ts",
      "FAQ 4414063010831 (TRANSACTION_NOT_FOUND right after; wait about 1 s)",
      "FAQ 7215872881039 (SUCCESS, FAILURE, ACCEPTED)"
    ],
    note: "The 1 s and 2 s timings are the simulator's."
  }),
  entry({
    id: "cashback.campaign-wallet",
    area: "Cashback",
    rule: "A cashback the merchant's campaign wallet cannot cover is accepted and ends FAILURE; nothing moves.",
    standing: "inferred",
    sources: ["FAQ section Cashback (titles: insufficient merchant balance, failure notification)"],
    note: "Only the FAQ titles were read."
  }),
  entry({
    id: "cashback.id-reuse",
    area: "Cashback",
    rule: "The same merchantCashbackId again for the same user and amount is a replay (202, nothing new); for another user or amount it answers 400 VALIDATION_FAILED_EXCEPTION.",
    standing: "conflicting",
    sources: [
      "FAQ 4414063010831 (after TRANSACTION_NOT_FOUND, send the same merchantCashbackId again)",
      'FAQ 8462794444559 (VALIDATION_FAILED_EXCEPTION: "specify the same merchantCashbackId that you used once")'
    ],
    note: "One FAQ tells merchants to re-send the same id, the other lists reusing an id as an error: the simulator accepts an identical re-send and refuses an id reused for another cashback."
  }),
  entry({
    id: "cashback.reversal",
    area: "Cashback",
    rule: "A reversal takes back at most what the user still has of the cashback; an unknown or failed cashback, or more than is left, ends FAILURE.",
    standing: "verified",
    sources: ['FAQ "Can I cancel my cashback?" ("the amount that can be cancelled is within the user\'s balance")']
  }),
  entry({
    id: "cashback.reversal-id-reuse",
    area: "Cashback",
    rule: "The same merchantCashbackReversalId again is a replay (202, nothing new), even with another amount or cashback (then the request journal records a warning).",
    standing: "inferred",
    sources: ["FAQ 4414063010831 (re-send the same id)"],
    note: "The FAQ speaks of cashbacks; reversals are assumed to work alike."
  }),
  entry({
    id: "cashback.expected",
    area: "Cashback",
    rule: "POST /v1/payments/cashback/expected answers a campaign message for 1 % of the amount; requestId is required.",
    standing: "inferred",
    sources: ["GO-M ConsultExpectedCashbackInfo (the only source: it always sends requestId, possibly empty)"],
    note: "No PayPay page was found for this call."
  }),
  // ====== Top-up ======
  entry({
    id: "topup.create",
    area: "Top-up",
    rule: "POST /v1/code/topup answers 201 SUCCESS with the code (codeType TOPUP_QR), usable 300 s.",
    standing: "verified",
    sources: ["GO-M api_wallet_inner_test.go Test_createTopupQRCode (201)", "GO-M TopupQRCodeResponse"],
    note: "The 300 s lifetime copies payment codes'."
  }),
  entry({
    id: "topup.details-accepted-at",
    area: "Top-up",
    rule: "GET /v1/code/topup/{merchantTopUpId} answers acceptedAt, 0 until a user tops up.",
    standing: "verified",
    sources: ["GO-M TopupQRCodeDetailsResponse and Test_getTopupDetails (acceptedAt: 0)"]
  }),
  entry({
    id: "topup.codes",
    area: "Top-up",
    rule: "A used merchantTopUpId answers DUPLICATE_DYNAMIC_QR_REQUEST, an unknown one RESOURCE_NOT_FOUND, a top-up below minimumTopUpAmount INVALID_PARAMS.",
    standing: "inferred",
    sources: ["reference §B.0 row 25 (paths only)"],
    note: "The top-up API documents no codes; these are the dynamic-QR and common codes for the same situations."
  }),
  // ====== Webhooks ======
  entry({
    id: "webhook.events",
    area: "Webhooks",
    rule: "A transaction webhook is sent when a payment becomes COMPLETED, AUTHORIZED, CANCELED, EXPIRED or FAILED, and EXPIRED_USER_CONFIRMATION; none for refunds or refused requests.",
    standing: "verified",
    sources: ["FAQ 4414061749775", "FAQ 4414048508047 (failed settlements send none)", "reference §B.10"]
  }),
  entry({
    id: "webhook.retries",
    area: "Webhooks",
    rule: "Deliveries follow PayPay's two schedules: A = 2.0 s timeout, 3 retries 100 ms apart; B = 1.5 s timeout, 10 retries 500 ms apart.",
    standing: "verified",
    sources: ['FAQ 4414048508047, developers-faq "Is the webhook always delivered"']
  }),
  entry({
    id: "webhook.payload",
    area: "Webhooks",
    rule: "Transaction webhooks carry GO-M's fields (notification_type, merchant_id, order_id, merchant_order_id, state, paid_at, …) with times as ISO-8601 UTC strings.",
    standing: "inferred",
    sources: ["GO-M webhook.go WebhookTransaction (field names)"],
    note: "GO-M types the times as strings; their format is not documented."
  }),
  entry({
    id: "webhook.customer-events",
    area: "Webhooks",
    rule: "Customer webhooks are sent when an account link succeeds or fails, an authorization is revoked, or re-linked while active (extended).",
    standing: "verified",
    sources: [
      "account_link doc TOC (customer.authroization.succeeded|failed|revoked|extended|canceled)",
      "GO-M webhook.go structs"
    ]
  }),
  // ====== Simulator diagnostics ======
  entry({
    id: "journal.id-reuse",
    area: "Simulator diagnostics",
    rule: "When a request reuses an id with different content and PayPay would answer without complaint (refunds, cashback reversals), the request journal (`GET /_simulator/requests`, the dev server's log) records a warning.",
    standing: "inferred",
    sources: [],
    note: "Not a PayPay behaviour: PayPay answers silently; the simulator tells the developer."
  })
] as const
