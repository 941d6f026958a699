/**
 * Cashback: give, get, reverse, get a reversal, consult the expected cashback of a payment.
 *
 * @since 0.1.0
 */
export * as Cashback from "./Cashback.js"

/**
 * Dynamic QR codes: create, get the payment made with a code, delete.
 *
 * @since 0.1.0
 */
export * as Codes from "./Codes.js"

/**
 * Payment flows: await a settled status, create safely on unknown outcomes, reverse (cancel or refund), link a user.
 *
 * @since 0.1.0
 */
export * as Flows from "./Flows.js"

/**
 * The web-authorization JWTs: sign a requestToken, build the authorization URL, verify a responseToken.
 *
 * @since 0.1.0
 */
export * as Jwt from "./Jwt.js"

/**
 * The client service: credentials, merchant, base URL, timeouts and retry policy.
 *
 * @since 0.1.0
 */
export * as PayPayClient from "./PayPayClient.js"

/**
 * The result-code catalog and one tagged error class per result code.
 *
 * @since 0.1.0
 */
export * as PayPayError from "./PayPayError.js"

/**
 * Wire schemas shared by every family.
 *
 * @since 0.1.0
 */
export * as PayPaySchema from "./PayPaySchema.js"

/**
 * OPA-Auth HMAC request signing and verification.
 *
 * @since 0.1.0
 */
export * as PayPaySigner from "./PayPaySigner.js"

/**
 * Payments: create (native and continuous), get details, cancel.
 *
 * @since 0.1.0
 */
export * as Payments from "./Payments.js"

/**
 * Pending payments (request money): create, get, cancel, refund, get a refund.
 *
 * @since 0.1.0
 */
export * as PendingPayments from "./PendingPayments.js"

/**
 * Pre-authorization: authorize, capture (with the user-confirmation outcome), revert.
 *
 * @since 0.1.0
 */
export * as Preauth from "./Preauth.js"

/**
 * Refunds: create, get.
 *
 * @since 0.1.0
 */
export * as Refunds from "./Refunds.js"

/**
 * Top-up QR codes: create, get, delete (paths only in the reference; permissive schemas).
 *
 * @since 0.1.0
 */
export * as Topup from "./Topup.js"

/**
 * How the request pipeline reaches PayPay: the `HttpClient` and undici transports, custom transports, and how
 * failures are classified (never sent / sent without an answer).
 *
 * @since 0.1.0
 */
export * as Transport from "./Transport.js"

/**
 * User authorization: account-link QR code, authorization status, unlink, masked profile.
 *
 * @since 0.1.0
 */
export * as Users from "./Users.js"

/**
 * An authorized user's wallet: check balance, get balance, payment methods.
 *
 * @since 0.1.0
 */
export * as Wallet from "./Wallet.js"

/**
 * Webhooks: PayPay's notification payloads as schemas, a decoder from a raw body to a typed event, a ready
 * handler for @effect/platform HTTP servers, and a `confirm` that re-queries the payment (reference §B.10).
 *
 * @since 0.1.0
 */
export * as Webhooks from "./Webhooks.js"
