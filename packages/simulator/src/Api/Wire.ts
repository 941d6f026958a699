/**
 * Domain records → PayPay's response shapes (reference §B.2, §B.4, §B.6): `refunds: { data }`, `unit_price` in
 * order items, `acceptedAt: 0` while unset (FAQ sample). A test decodes every shape with the SDK's schemas so the
 * two sides cannot drift.
 *
 * @since 0.1.0
 */
import type * as Payment from "../Domain/Payment.js"

const orderItems = (items: Payment.Payment["orderItems"]) =>
  items?.map(({ unitPrice, ...item }) => ({ ...item, unit_price: unitPrice }))

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
  captures: p.captures.length === 0 ? undefined : { data: p.captures },
  revert: p.revert,
  merchantPaymentId: p.merchantPaymentId,
  userAuthorizationId: p.userAuthorizationId,
  amount: p.amount,
  requestedAt: p.requestedAt,
  storeId: p.storeId,
  terminalId: p.terminalId,
  orderReceiptNumber: p.orderReceiptNumber,
  orderDescription: p.orderDescription,
  orderItems: orderItems(p.orderItems),
  metadata: p.metadata,
  assumeMerchant: merchantId === "" ? undefined : merchantId
})

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
    orderItems: orderItems(p.orderItems),
    metadata: p.metadata,
    codeType: "ORDER_QR",
    storeInfo: p.storeInfo,
    storeId: p.storeId,
    terminalId: p.terminalId,
    requestedAt: p.requestedAt,
    redirectUrl: code.redirectUrl,
    redirectType: code.redirectType,
    isAuthorization: code.isAuthorization,
    authorizationExpiry: code.authorizationExpiry
  }
}
