/**
 * The baseline: a bare `node:http` server doing by hand the essential work of the simulator's hot path (read the
 * raw body, verify OPA-Auth with node:crypto, parse the JSON, check the required fields) and answering canned
 * `{resultInfo,data}` envelopes for `POST /v2/codes` (201) and `GET /v2/codes/payments/{id}` (200). It keeps no
 * state. Runs in its own process, forked by `simulator.ts`.
 */
import { createHash, createHmac, randomUUID, timingSafeEqual } from "node:crypto"
import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { credentials, serveIpc } from "./shared.js"

const MAX_SKEW_SECONDS = 120

const envelope = (code: string, message: string, codeId: string, data: unknown) =>
  JSON.stringify({ resultInfo: { code, message, codeId }, data })

const created = envelope("SUCCESS", "Success", "08100001", {
  codeId: "04-bench0000000000a",
  url: "http://127.0.0.1:4010/qr/04-bench0000000000a",
  deeplink: "paypay://payment?link=http%3A%2F%2F127.0.0.1%3A4010%2Fqr%2F04-bench0000000000a",
  expiryDate: 1_900_000_000,
  merchantPaymentId: "bench-canned",
  amount: { amount: 100, currency: "JPY" },
  orderDescription: "bench",
  codeType: "ORDER_QR",
  requestedAt: 1_900_000_000,
  isAuthorization: false
})

const details = envelope("SUCCESS", "Success", "08100001", {
  paymentId: "04000000000000000000",
  status: "CREATED",
  acceptedAt: 0,
  refunds: { data: [] },
  merchantPaymentId: "bench-canned",
  amount: { amount: 100, currency: "JPY" },
  requestedAt: 1_900_000_000,
  orderDescription: "bench"
})

const failure = (code: string, codeId: string, detail: string) => envelope(code, detail, codeId, null)

const send = (res: ServerResponse, status: number, body: string) => {
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
    "x-request-id": randomUUID()
  })
  res.end(body)
}

const sameMac = (received: string, expected: string) => {
  const a = Buffer.from(received)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

/** OPA-Auth (§A.1–§A.3): `undefined` when the signature holds, else what is wrong. */
const verify = (req: IncomingMessage, path: string, body: Buffer): string | undefined => {
  const header = req.headers.authorization ?? ""
  if (!header.startsWith("hmac OPA-Auth:")) return "missing or malformed Authorization"
  const [, apiKey, mac, nonce, epoch, hash] = header.slice(5).split(":")
  if (apiKey !== credentials.apiKey || !mac || !nonce || !epoch || !hash) return "unknown key or malformed header"
  if (Math.abs(Date.now() / 1000 - Number(epoch)) > MAX_SKEW_SECONDS) return "epoch skew"
  const contentType = body.length === 0 ? "empty" : (req.headers["content-type"] ?? "")
  const expectedHash = body.length === 0 ? "empty" : createHash("md5").update(contentType).update(body).digest("base64")
  if (hash !== expectedHash) return "body hash"
  const signed = `${path}\n${req.method}\n${nonce}\n${epoch}\n${contentType}\n${expectedHash}`
  const expected = createHmac("sha256", credentials.apiSecret).update(signed).digest("base64")
  return sameMac(mac, expected) ? undefined : "mac"
}

const isObject = (u: unknown): u is Record<string, unknown> => typeof u === "object" && u !== null

/** The create-QR body's required fields (§B.2): `undefined` when present and well typed, else the field. */
const invalidField = (input: unknown): string | undefined => {
  if (!isObject(input)) return "body"
  const id = input["merchantPaymentId"]
  if (typeof id !== "string" || id.length === 0 || id.length > 64) return "merchantPaymentId"
  const amount = input["amount"]
  if (!isObject(amount) || !Number.isInteger(amount["amount"]) || amount["currency"] !== "JPY") return "amount"
  if (input["codeType"] !== "ORDER_QR") return "codeType"
  return undefined
}

const handle = (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
  const url = req.url ?? "/"
  const query = url.indexOf("?")
  const path = query === -1 ? url : url.slice(0, query)
  const authError = verify(req, path, body)
  if (authError !== undefined) return send(res, 401, failure("UNAUTHORIZED", "08100016", authError))
  if (req.method === "POST" && path === "/v2/codes") {
    let input: unknown
    try {
      input = JSON.parse(body.toString("utf8"))
    } catch {
      return send(res, 400, failure("INVALID_REQUEST_PARAMS", "08100006", "body: not valid JSON"))
    }
    const field = invalidField(input)
    if (field !== undefined) return send(res, 400, failure("INVALID_REQUEST_PARAMS", "08100006", field))
    return send(res, 201, created)
  }
  if (req.method === "GET" && path.startsWith("/v2/codes/payments/")) return send(res, 200, details)
  return send(res, 404, failure("RESOURCE_NOT_FOUND", "08100001", `${req.method} ${path}`))
}

const server = createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
  const chunks: Array<Buffer> = []
  req.on("data", (chunk: Buffer) => chunks.push(chunk))
  req.on("end", () => handle(req, res, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)))
})

server.listen(0, "127.0.0.1", () => serveIpc((server.address() as AddressInfo).port))
