/**
 * The clients compared by `sdk.ts`. Each makes the same signed `POST /v2/codes` call, trusts the bench's
 * self-signed certificate (TLS verification stays on everywhere), keeps connections alive, and rejects unless
 * the answer is a 201 with `resultInfo.code === "SUCCESS"`.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import paypay from "@paypayopa/paypayopa-sdk-node"
import { Effect, Layer, ManagedRuntime, Redacted } from "effect"
import { globalAgent } from "node:https"
import { Agent, request } from "undici"
import * as Codes from "../src/Codes.js"
import * as PayPayClient from "../src/PayPayClient.js"
import * as PayPaySigner from "../src/PayPaySigner.js"

/** Where the clients connect, with whom, and which certificate they trust. */
export interface Target {
  readonly port: number
  readonly cert: string
  readonly apiKey: string
  readonly apiSecret: string
  readonly merchantId: string
}

/** One way of making the call. */
export interface Client {
  readonly name: string
  readonly call: () => Promise<void>
  readonly close: () => Promise<void>
}

let counter = 0
const nextMerchantPaymentId = () => `bench-${process.pid}-${++counter}`
const amount = { amount: 100, currency: "JPY" } as const

const NONCE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
const nonce = () => {
  let out = ""
  for (let i = 0; i < 8; i++) out += NONCE_ALPHABET[Math.floor(Math.random() * NONCE_ALPHABET.length)]
  return out
}

const expectSuccess = (status: number, body: unknown) => {
  const code = (body as { resultInfo?: { code?: unknown } } | null)?.resultInfo?.code
  if (status !== 201 || code !== "SUCCESS") {
    throw new Error(`HTTP ${status} ${String(code)}: ${JSON.stringify(body).slice(0, 300)}`)
  }
}

const undiciAgent = (target: Target) => new Agent({ connect: { ca: target.cert } })

const effectHttpClient = (target: Target) =>
  NodeHttpClient.layerUndiciWithoutDispatcher.pipe(
    Layer.provide(
      Layer.scoped(
        NodeHttpClient.Dispatcher,
        Effect.acquireRelease(
          Effect.sync(() => undiciAgent(target)),
          (agent) => Effect.promise(() => agent.destroy())
        )
      )
    )
  )

const oursOptions = (target: Target) => ({
  apiKey: target.apiKey,
  apiSecret: Redacted.make(target.apiSecret),
  merchantId: target.merchantId,
  baseUrl: `https://127.0.0.1:${target.port}`,
  retry: false as const
})

const oursClient = (name: string, layer: Layer.Layer<PayPayClient.PayPayClient>): Client => {
  const runtime = ManagedRuntime.make(layer)
  return {
    name,
    call: async () => {
      await runtime.runPromise(
        Codes.create({ merchantPaymentId: nextMerchantPaymentId(), amount, codeType: "ORDER_QR" })
      )
    },
    close: () => runtime.dispose()
  }
}

/**
 * Our SDK: `Codes.create` through a ManagedRuntime over `PayPayClient.layerUndici` (undici's dispatcher
 * directly, no `HttpClient`), on a keep-alive Agent that trusts the bench certificate.
 */
export const ours = (target: Target): Client => {
  const agent = undiciAgent(target)
  const client = oursClient(
    "ours (Effect SDK, layerUndici)",
    PayPayClient.layerUndici({ ...oursOptions(target), dispatcher: agent })
  )
  return { ...client, close: () => client.close().then(() => agent.destroy()) }
}

/** Our SDK over `@effect/platform`'s `HttpClient` (`NodeHttpClient.layerUndici`'s client): the portable path. */
export const oursPlatform = (target: Target): Client =>
  oursClient(
    "ours (platform HttpClient)",
    PayPayClient.layer(oursOptions(target)).pipe(Layer.provide(effectHttpClient(target)))
  )

/**
 * The official `@paypayopa/paypayopa-sdk-node@2.2.0`. It calls `https.request` without an agent or CA option,
 * so the bench trusts its certificate through `https.globalAgent.options.ca` (Node 20's global agent keeps
 * connections alive); that keeps verification on, unlike `NODE_TLS_REJECT_UNAUTHORIZED=0`.
 */
export const official = (target: Target): Client => {
  globalAgent.options.ca = target.cert
  const sdk = new paypay.PayPayRestSDK()
  sdk.configure({
    clientId: target.apiKey,
    clientSecret: target.apiSecret,
    merchantId: target.merchantId,
    conf: new paypay.Conf({ hostName: "127.0.0.1", portNumber: target.port })
  })
  return {
    name: "official paypayopa-sdk-node",
    call: async () => {
      const result = await sdk.qrCodeCreate({
        merchantPaymentId: nextMerchantPaymentId(),
        amount,
        codeType: "ORDER_QR"
      })
      if ("ERROR" in result) throw new Error(`HTTP ${result.STATUS}: ${result.ERROR}`)
      expectSuccess(result.STATUS, result.BODY)
    },
    close: async () => {
      globalAgent.destroy()
    }
  }
}

const signed = (target: Target) => {
  const body = JSON.stringify({
    merchantPaymentId: nextMerchantPaymentId(),
    amount,
    codeType: "ORDER_QR",
    requestedAt: Math.floor(Date.now() / 1000)
  })
  const authorization = PayPaySigner.header(
    { apiKey: target.apiKey, apiSecret: target.apiSecret },
    { method: "POST", path: "/v2/codes", contentType: "application/json", body },
    nonce(),
    Math.floor(Date.now() / 1000)
  )
  return {
    body,
    headers: {
      authorization,
      "content-type": "application/json",
      accept: "application/json",
      "x-assume-merchant": target.merchantId
    }
  }
}

/** Bare `undici.request` on a keep-alive Agent, signed with `PayPaySigner.header`: the practical ceiling. */
export const bareUndici = (target: Target): Client => {
  const agent = undiciAgent(target)
  const url = `https://127.0.0.1:${target.port}/v2/codes`
  return {
    name: "bare undici.request",
    call: async () => {
      const { body, headers } = signed(target)
      const response = await request(url, { dispatcher: agent, method: "POST", headers, body })
      expectSuccess(response.statusCode, await response.body.json())
    },
    close: () => agent.destroy()
  }
}

/** Node's global `fetch` (its bundled undici) with an undici 7 Agent as dispatcher, for reference. */
export const bareFetch = (target: Target): Client => {
  const agent = undiciAgent(target)
  const url = `https://127.0.0.1:${target.port}/v2/codes`
  return {
    name: "bare fetch (reference)",
    call: async () => {
      const { body, headers } = signed(target)
      const init = { method: "POST", headers, body, dispatcher: agent }
      const response = await fetch(url, init as RequestInit)
      expectSuccess(response.status, await response.json())
    },
    close: () => agent.destroy()
  }
}

/**
 * Diagnostic, not in the default set: the same pre-signed request through `@effect/platform`'s `HttpClient`
 * over the same undici layer, without the SDK. It splits our overhead into platform and SDK parts.
 */
export const platform = (target: Target): Client => {
  const runtime = ManagedRuntime.make(effectHttpClient(target))
  const url = `https://127.0.0.1:${target.port}/v2/codes`
  const call = Effect.flatMap(HttpClient.HttpClient, (client) =>
    Effect.suspend(() => {
      const { body, headers } = signed(target)
      const request = HttpClientRequest.post(url).pipe(
        HttpClientRequest.setHeaders(headers),
        HttpClientRequest.bodyText(body, "application/json")
      )
      return Effect.flatMap(client.execute(request), (response) =>
        Effect.map(response.text, (text) => expectSuccess(response.status, JSON.parse(text)))
      )
    })
  )
  return {
    name: "platform HttpClient only (diagnostic)",
    call: () => runtime.runPromise(call),
    close: () => runtime.dispose()
  }
}

/**
 * Diagnostic, not in the default set: bare `undici.request` wrapped in `Effect.tryPromise` and run through a
 * runtime, i.e. the Effect runtime's own per-call cost without `@effect/platform` or the SDK.
 */
export const effectUndici = (target: Target): Client => {
  const agent = undiciAgent(target)
  const runtime = ManagedRuntime.make(Layer.empty)
  const url = `https://127.0.0.1:${target.port}/v2/codes`
  const call = Effect.suspend(() => {
    const { body, headers } = signed(target)
    return Effect.tryPromise(async (signal) => {
      const response = await request(url, { dispatcher: agent, method: "POST", headers, body, signal })
      expectSuccess(response.statusCode, await response.body.json())
    })
  })
  return {
    name: "Effect.tryPromise(undici) (diagnostic)",
    call: () => runtime.runPromise(call),
    close: async () => {
      await runtime.dispose()
      await agent.destroy()
    }
  }
}
