/**
 * Raw HTTP over a real socket for the hostile-input and reliability tests: exact bytes in, status, headers and
 * text out, with OPA-Auth signing over the exact bytes sent (or over other bytes, to tamper).
 */
import * as PayPaySigner from "@paypay-effect/sdk/PayPaySigner"
import { Effect } from "effect"
import { request as httpRequest } from "node:http"
import * as SimulatorConfig from "../../src/SimulatorConfig.js"

export const MERCHANT = SimulatorConfig.defaultMerchantId
export const JSON_TYPE = "application/json"

export interface Raw {
  readonly method: string
  readonly path: string
  readonly headers?: Record<string, string> | undefined
  readonly body?: string | Uint8Array | undefined
}

export interface Answer {
  readonly status: number
  readonly headers: Record<string, string | Array<string> | undefined>
  readonly text: string
  /** The parsed body, `undefined` when it is not JSON. */
  readonly json: any
}

export const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** Sends `raw` to 127.0.0.1:`port` and reads the whole answer (a dropped connection is status 0). */
export const sendRaw = (port: number, raw: Raw): Promise<Answer> =>
  new Promise((resolve) => {
    const body = raw.body === undefined ? undefined : typeof raw.body === "string" ? Buffer.from(raw.body) : raw.body
    const req = httpRequest(
      {
        host: "127.0.0.1",
        port,
        method: raw.method,
        path: raw.path,
        headers: { ...raw.headers, ...(body === undefined ? {} : { "content-length": String(body.length) }) }
      },
      (res) => {
        const chunks: Array<Buffer> = []
        res.on("data", (chunk: Buffer) => chunks.push(chunk))
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8")
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: parseJson(text) })
        })
        res.on("error", () => resolve({ status: 0, headers: {}, text: "", json: undefined }))
      }
    )
    req.on("error", () => resolve({ status: 0, headers: {}, text: "", json: undefined }))
    if (body !== undefined) req.write(body)
    req.end()
  })

export const send = (port: number, raw: Raw) => Effect.promise(() => sendRaw(port, raw))

export const nowSeconds = () => Math.floor(Date.now() / 1000)

export interface Signing {
  readonly method: string
  readonly path: string
  readonly contentType?: string | undefined
  /** The bytes sent. */
  readonly body?: string | Uint8Array | undefined
  /** The bytes signed, when they differ from the bytes sent (tampering). */
  readonly signedBody?: string | Uint8Array | undefined
  readonly credential?: SimulatorConfig.Credential | undefined
  readonly merchant?: string | undefined
}

/** A request signed as PayPay's SDKs sign it, over `signedBody` (default: the bytes sent). */
export const signed = (signing: Signing): Raw => {
  const credential = signing.credential ?? SimulatorConfig.defaultCredential
  const authorization = PayPaySigner.header(
    credential,
    {
      method: signing.method,
      path: signing.path,
      contentType: signing.contentType,
      body: signing.signedBody ?? signing.body
    },
    "n0nce123",
    nowSeconds()
  )
  return {
    method: signing.method,
    path: signing.path,
    headers: {
      authorization,
      "x-assume-merchant": signing.merchant ?? MERCHANT,
      ...(signing.contentType === undefined ? {} : { "content-type": signing.contentType })
    },
    body: signing.body
  }
}

/** A signed JSON POST of `body` (a value, serialized compactly, or the exact text to send). */
export const post = (path: string, body: unknown, merchant?: string): Raw =>
  signed({
    method: "POST",
    path,
    contentType: JSON_TYPE,
    body: typeof body === "string" ? body : JSON.stringify(body),
    merchant
  })

/** `[[[…]]]` nested `depth` levels deep. */
export const nestedArrays = (depth: number): string => `${"[".repeat(depth)}${"]".repeat(depth)}`

/** `{"a":{"a":…{}}}` nested `depth` objects deep, as JSON text (built without recursion). */
export const nestedObjectsJson = (depth: number): string => `${'{"a":'.repeat(depth - 1)}{}${"}".repeat(depth - 1)}`

/** {@link nestedObjectsJson} as a value (shallow depths only: serializing it recurses). */
export const nestedObjects = (depth: number): unknown => JSON.parse(nestedObjectsJson(depth))

/** Whether an answer is a PayPay envelope: `{ resultInfo: { code, message, codeId } }`. */
export const isEnvelope = (answer: Answer): boolean =>
  typeof answer.json?.resultInfo?.code === "string" &&
  typeof answer.json.resultInfo.message === "string" &&
  typeof answer.json.resultInfo.codeId === "string"

/** Whether an answer is a control-API error: `{ error, message }`. */
export const isControlError = (answer: Answer): boolean =>
  typeof answer.json?.error === "string" && typeof answer.json.message === "string"

export const yen = (amount: number) => ({ amount, currency: "JPY" as const })

/**
 * The 13 PayPay POST endpoints, each with a valid body for the default tenant (`id` keeps merchant ids unique;
 * `user` is a test user of the tenant, `paymentId` a PayPay payment id of it, when the call needs one).
 */
export const postEndpoints = (
  id: string,
  user: string,
  paymentId = "unknown-payment"
): ReadonlyArray<readonly [path: string, body: Record<string, unknown>]> => {
  const requestedAt = nowSeconds()
  const debit = { userAuthorizationId: user, amount: yen(100), requestedAt }
  return [
    ["/v2/codes", { merchantPaymentId: `${id}-code`, amount: yen(100), codeType: "ORDER_QR", requestedAt }],
    ["/v2/payments", { merchantPaymentId: `${id}-pay`, ...debit }],
    ["/v1/subscription/payments", { merchantPaymentId: `${id}-sub`, ...debit, amount: yen(400) }],
    ["/v2/payments/preauthorize", { merchantPaymentId: `${id}-auth`, ...debit, amount: yen(200) }],
    [
      "/v2/payments/capture",
      {
        merchantPaymentId: `${id}-auth`,
        merchantCaptureId: `${id}-cap`,
        amount: yen(200),
        requestedAt,
        orderDescription: "c"
      }
    ],
    ["/v2/payments/preauthorize/revert", { merchantRevertId: `${id}-rev`, paymentId, requestedAt }],
    ["/v2/refunds", { merchantRefundId: `${id}-ref`, paymentId, amount: yen(1), requestedAt }],
    ["/v1/requestOrder", { merchantPaymentId: `${id}-req`, ...debit, amount: yen(300) }],
    [
      "/v1/qr/sessions",
      { scopes: ["direct_debit"], nonce: "n", redirectUrl: "https://merchant.test/back", referenceId: id }
    ],
    ["/v2/cashback", { merchantCashbackId: `${id}-cb`, userAuthorizationId: user, amount: yen(1), requestedAt }],
    [
      "/v2/cashback_reversal",
      { merchantCashbackReversalId: `${id}-cbr`, merchantCashbackId: `${id}-cb`, amount: yen(1), requestedAt }
    ],
    ["/v1/payments/cashback/expected", { requestId: `${id}-cx`, merchantPaymentId: `${id}-pay`, ...debit }],
    ["/v1/code/topup", { merchantTopUpId: `${id}-top`, userAuthorizationId: user, codeType: "TOPUP_QR", requestedAt }]
  ]
}
