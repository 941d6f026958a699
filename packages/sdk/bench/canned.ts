/**
 * The canned PayPay answers of the SDK bench (the HTTPS bench server and the network-free pipeline bench).
 */

/** A `{resultInfo, data?}` envelope with its HTTP status, serialized once. */
export const envelope = (status: number, code: string, message: string, codeId: string, data?: unknown) => ({
  status,
  body: Buffer.from(JSON.stringify({ resultInfo: { code, message, codeId }, ...(data === undefined ? {} : { data }) }))
})

/** The 201 answer to `POST /v2/codes` (§B.2). */
export const created = envelope(201, "SUCCESS", "Success", "08100001", {
  codeId: "04-bench0000000000",
  url: "https://qr-stg.sandbox.paypay.ne.jp/28180104bench0000000000",
  deeplink: "paypay://payment?link=https%3A%2F%2Fqr-stg.sandbox.paypay.ne.jp%2F28180104bench0000000000",
  expiryDate: 1_900_000_000,
  merchantPaymentId: "bench-merchant-payment-id",
  amount: { amount: 100, currency: "JPY" },
  codeType: "ORDER_QR"
})
