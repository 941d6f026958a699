/**
 * Domain records → PayPay's response shapes (reference §B.2, §B.4, §B.6): `refunds: { data }`, order items with
 * `unit_price` in create-QR's answer and `unitPrice` in payment objects, `acceptedAt: 0` while unset (FAQ sample).
 * A test decodes every shape with the SDK's schemas so the two sides cannot drift.
 *
 * @since 0.1.0
 */
import type * as Payment from "../Domain/Payment.js"

/** Create-QR's order items: `unit_price` (real sandbox answers, python#50/#61/#68; ledger: code.answer-shape). */
const qrOrderItems = (items: Payment.Payment["orderItems"]) =>
  items?.map(({ unitPrice, ...item }) => ({ ...item, unit_price: unitPrice }))

/**
 * Capture entries as PayPay shows them: status always `USER_REQUESTED`, with the authorization's `expiresAt`
 * (ledger: capture.entry-shape).
 */
const captures = (p: Payment.Payment) =>
  p.captures.map(({ status: _status, expiresAt, ...capture }) => ({
    ...capture,
    expiresAt: expiresAt ?? p.expiresAt,
    status: "USER_REQUESTED" as const
  }))

/**
 * A refund as PayPay returns it.
 *
 * @since 0.1.0
 * @category Wire
 */
export const refund = (refund: Payment.Refund, merchantId: string) => ({
  status: refund.status,
  acceptedAt: refund.acceptedAt,
  merchantRefundId: refund.merchantRefundId,
  paymentId: refund.paymentId,
  amount: refund.amount,
  requestedAt: refund.requestedAt,
  reason: refund.reason,
  assumeMerchant: merchantId === "" ? undefined : merchantId
})

/**
 * The payment object (reference §B.4).
 *
 * @since 0.1.0
 * @category Wire
 */
export const payment = (p: Payment.Payment, merchantId: string) => ({
  paymentId: p.paymentId,
  status: p.status,
  acceptedAt: p.acceptedAt ?? 0,
  authorizedAt: p.authorizedAt,
  canceledAt: p.canceledAt,
  expiresAt: p.expiresAt,
  refunds: { data: p.refunds.map((r) => refund(r, merchantId)) },
  captures: p.captures.length === 0 ? undefined : { data: captures(p) },
  revert: p.revert,
  merchantPaymentId: p.merchantPaymentId,
  userAuthorizationId: p.userAuthorizationId,
  amount: p.amount,
  requestedAt: p.requestedAt,
  storeId: p.storeId,
  terminalId: p.terminalId,
  orderReceiptNumber: p.orderReceiptNumber,
  orderDescription: p.orderDescription,
  // payment objects spell it `unitPrice` (JAVA MerchantOrderItem, GO-M, PY mocks; ledger: payments.object-shape)
  orderItems: p.orderItems,
  metadata: p.metadata,
  assumeMerchant: merchantId === "" ? undefined : merchantId
})

/**
 * The payment object of a pending order (`GET /v1/requestOrder/{id}`): the order's expiry is `expiryDate`, in the
 * place of `expiresAt` (ledger: pending.details-expiry-date).
 *
 * @since 0.1.0
 * @category Wire
 */
export const pendingOrder = (p: Payment.Payment, merchantId: string) =>
  Object.fromEntries(
    Object.entries(payment(p, merchantId)).map(([key, value]) =>
      key === "expiresAt" ? ["expiryDate", value ?? null] : [key, value]
    )
  )

/**
 * The hosted payment page of a code, and PayPay's deeplink form wrapping it (reference §B.2, §E.4).
 *
 * @since 0.1.0
 * @category Wire
 */
export const codeUrls = (publicUrl: string, codeId: string) => {
  const url = `${publicUrl.replace(/\/+$/, "")}/pay/${encodeURIComponent(codeId)}`
  return { url, deeplink: `paypay://payment?link_key=${encodeURIComponent(url)}` }
}

/**
 * The `data` of `POST /v2/codes` (reference §B.2).
 *
 * @since 0.1.0
 * @category Wire
 */
export const qrCode = (p: Payment.Payment, publicUrl: string) => {
  const code = p.code!
  return {
    codeId: code.codeId,
    ...codeUrls(publicUrl, code.codeId),
    expiryDate: code.expiresAt,
    merchantPaymentId: p.merchantPaymentId,
    amount: p.amount,
    orderDescription: p.orderDescription,
    orderItems: qrOrderItems(p.orderItems),
    metadata: p.metadata,
    codeType: "ORDER_QR",
    storeInfo: p.storeInfo,
    storeId: p.storeId,
    terminalId: p.terminalId,
    requestedAt: p.requestedAt,
    redirectUrl: code.redirectUrl,
    redirectType: code.redirectType,
    isAuthorization: code.isAuthorization,
    authorizationExpiry: code.authorizationExpiry,
    // echoed as sent (JAVA docs/QRCodeResponse.md lists userAgent; ledger: code.user-agent-echo)
    userAgent: code.userAgent
  }
}
