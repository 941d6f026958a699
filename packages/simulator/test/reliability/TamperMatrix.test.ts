/**
 * Reliability: the tamper matrix. Each signed part of a request — method, path, a body byte, content type, epoch,
 * nonce, API key, MAC and the body-hash field — is altered after signing, on each HTTP method (GET, POST, DELETE
 * without a body, DELETE with the Python SDK's signed `{}` body), over a real socket. Every mutant is refused with
 * 401 UNAUTHORIZED whose diagnostic names the part, and never contains the MAC that would have been right.
 */
import { HttpServer } from "@effect/platform"
import { assert, layer } from "@effect/vitest"
import * as PayPaySigner from "@paypay-effect/sdk/PayPaySigner"
import { Effect, Layer } from "effect"
import { createHmac } from "node:crypto"
import * as Server from "../../src/Server.js"
import * as Simulator from "../../src/Simulator.js"
import * as SimulatorConfig from "../../src/SimulatorConfig.js"
import { JSON_TYPE, MERCHANT, nowSeconds, type Raw, sendRaw } from "../helpers/wire.js"
import { count, figures, print } from "./figures.js"

const credential = SimulatorConfig.defaultCredential

interface Base {
  readonly method: string
  readonly path: string
  readonly contentType?: string | undefined
  readonly body?: string | undefined
}

const BASES: ReadonlyArray<Base> = [
  { method: "GET", path: "/v2/codes/payments/tm-get" },
  {
    method: "POST",
    path: "/v2/codes",
    contentType: JSON_TYPE,
    body: JSON.stringify({ merchantPaymentId: "tm-post", amount: { amount: 1, currency: "JPY" }, codeType: "ORDER_QR" })
  },
  { method: "DELETE", path: "/v2/payments/tm-delete" },
  { method: "DELETE", path: "/v2/codes/04-tm-delete", contentType: "application/json;charset=UTF-8", body: "{}" }
]

interface Parts {
  readonly method: string
  readonly path: string
  readonly contentType: string | undefined
  readonly body: string | undefined
  readonly header: string
}

const sign = (base: Base, epoch = nowSeconds(), nonce = "tmn0nce1"): Parts => ({
  method: base.method,
  path: base.path,
  contentType: base.contentType,
  body: base.body,
  header: PayPaySigner.header(
    credential,
    { method: base.method, path: base.path, contentType: base.contentType, body: base.body },
    nonce,
    epoch
  )
})

const field = (header: string, index: number) => header.slice("hmac ".length).split(":")[index]!

const withField = (header: string, index: number, value: string) => {
  const fields = header.slice("hmac ".length).split(":")
  fields[index] = value
  return `hmac ${fields.join(":")}`
}

/** A GET or DELETE whose client signed its Content-Type instead of `empty` (a classic client bug). */
const signedWithContentType = (base: Base): Parts => {
  const epoch = String(nowSeconds())
  const signedText = [base.path, base.method, "tmn0nce1", epoch, JSON_TYPE, "empty"].join("\n")
  const mac = createHmac("sha256", credential.apiSecret).update(signedText).digest("base64")
  return {
    ...sign(base),
    contentType: JSON_TYPE,
    header: `hmac OPA-Auth:${credential.apiKey}:${mac}:tmn0nce1:${epoch}:empty`
  }
}

const flipByte = (text: string) => {
  const at = Math.floor(text.length / 2)
  return `${text.slice(0, at)}${text[at] === "1" ? "2" : "1"}${text.slice(at + 1)}`
}

/** Every mutation of a base request, with the part its diagnostic must name. */
const mutations = (base: Base): ReadonlyArray<readonly [name: string, part: string, parts: Parts]> => {
  const right = sign(base)
  const hasBody = base.body !== undefined
  const mac = field(right.header, 2)
  return [
    ["method", "method", { ...right, method: base.method === "GET" ? "DELETE" : "GET" }],
    ["path (trailing slash)", "path", { ...right, path: `${base.path}/` }],
    ["path (another resource)", "mac", { ...right, path: `${base.path}x` }],
    ...(hasBody
      ? ([
          ["a body byte", "bodyHash", { ...right, body: flipByte(base.body!) }],
          [
            "content type",
            "contentType",
            { ...right, contentType: base.contentType === JSON_TYPE ? "application/json;charset=UTF-8" : JSON_TYPE }
          ]
        ] as const)
      : ([["content type (signed instead of empty)", "contentType", signedWithContentType(base)]] as const)),
    ["epoch (out of skew)", "epoch", sign(base, nowSeconds() - 600)],
    ["epoch (in skew, header only)", "mac", { ...right, header: withField(right.header, 4, String(nowSeconds() - 3)) }],
    ["nonce", "mac", { ...right, header: withField(right.header, 3, "other123") }],
    ["API key", "key", { ...right, header: withField(right.header, 1, "unknown_key") }],
    [
      "MAC (one character)",
      "mac",
      { ...right, header: withField(right.header, 2, `${mac.slice(0, 5)}${mac[5] === "A" ? "B" : "A"}${mac.slice(6)}`) }
    ],
    ["MAC (a proper prefix)", "mac", { ...right, header: withField(right.header, 2, mac.slice(0, 20)) }],
    [
      "body hash field",
      "bodyHash",
      { ...right, header: withField(right.header, 5, hasBody ? "AAAAAAAAAAAAAAAAAAAAAA==" : "x") }
    ]
  ]
}

const toRaw = (parts: Parts): Raw => ({
  method: parts.method,
  path: parts.path,
  headers: {
    authorization: parts.header,
    "x-assume-merchant": MERCHANT,
    ...(parts.contentType === undefined ? {} : { "content-type": parts.contentType })
  },
  body: parts.body
})

const Live = Server.layer({ port: 0 }).pipe(Layer.provideMerge(Simulator.layer()))

layer(Live, { excludeTestServices: true })("reliability: tamper matrix", (it) => {
  it.effect("every signed part altered on every method → 401 naming the part, never the right MAC", () =>
    Effect.gen(function* () {
      const server = yield* HttpServer.HttpServer
      const port = server.address._tag === "TcpAddress" ? server.address.port : 0
      const f = figures()
      for (const base of BASES) {
        const right = sign(base)
        const control = yield* Effect.promise(() => sendRaw(port, toRaw(right)))
        assert.notStrictEqual(control.status, 401, `${base.method} ${base.path} unaltered: ${control.text}`)
        for (const [name, part, parts] of mutations(base)) {
          const answer = yield* Effect.promise(() => sendRaw(port, toRaw(parts)))
          const label = `${base.method} ${base.path}${base.body === undefined ? "" : " (with body)"}: ${name}`
          const message: string = answer.json?.resultInfo?.message ?? ""
          const ok =
            answer.status === 401 &&
            answer.json?.resultInfo?.code === "UNAUTHORIZED" &&
            message.includes(`[simulator] ${part}:`) &&
            !message.includes(field(right.header, 2)) &&
            !message.includes(field(sign(base, Number(field(parts.header, 4)), field(parts.header, 3)).header, 2))
          count(f, answer.status, true)
          assert.isTrue(ok, `${label} → ${answer.status} ${message}`)
        }
      }
      print(
        "tamper matrix, over a socket",
        f,
        `every signed part of ${BASES.length} requests (GET, POST, DELETE ±body)`
      )
      assert.strictEqual(f.accepted, 0)
    })
  )
})
