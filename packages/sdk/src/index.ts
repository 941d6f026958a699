/**
 * Dynamic QR codes: create, get the payment made with a code, delete.
 *
 * @since 0.1.0
 */
export * as Codes from "./Codes.js"

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
 * Payments: get details, cancel.
 *
 * @since 0.1.0
 */
export * as Payments from "./Payments.js"

/**
 * Refunds: create, get.
 *
 * @since 0.1.0
 */
export * as Refunds from "./Refunds.js"
