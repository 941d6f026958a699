/**
 * Wire fixtures shared by the SDK tests.
 */

/** A `POST /v2/codes` response's `data`, as PayPay sends it (§B.2). */
export const qrWire = (amount = 100) => ({
  codeId: "04-AbCdEf123456",
  url: "https://qr.test/x",
  deeplink: "paypay://payment?link_key=x",
  expiryDate: 300,
  merchantPaymentId: "mp-1",
  amount: { amount, currency: "JPY" },
  codeType: "ORDER_QR"
})
