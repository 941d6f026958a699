/**
 * Shared harness of the conformance files `OfficialSdk*.test.ts`: PayPay's official Node SDK
 * (`@paypayopa/paypayopa-sdk-node@2.2.0`), unchanged, against the dev server started in process over TLS, with the
 * simulated user and clock driven through the typed control client over HTTPS.
 *
 * The SDK speaks HTTPS only through node:https's global agent and takes no CA option, so {@link start} adds the
 * simulator's self-signed certificate to `https.globalAgent.options.ca` for the test's scope (vitest isolates test
 * files) — verification stays on, NODE_TLS_REJECT_UNAUTHORIZED is not touched.
 *
 * The SDK resolves `{ STATUS, BODY }` for every HTTP answer (it never rejects) and prints "This link should help you
 * to troubleshoot the error: …" for every non-2xx one.
 */
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { assert } from "@effect/vitest"
import PayPay from "@paypayopa/paypayopa-sdk-node"
import { Effect } from "effect"
import * as https from "node:https"
import * as Cli from "../../src/Cli.js"
import * as ControlClient from "../../src/Control/ControlClient.js"
import * as SimulatorConfig from "../../src/SimulatorConfig.js"

export type Sdk = InstanceType<typeof PayPay.PayPayRestSDK>

export type Result = Awaited<ReturnType<Sdk["qrCodeCreate"]>>

export interface Envelope {
  readonly resultInfo: { readonly code: string; readonly message: string; readonly codeId: string }
  readonly data: any
}

export const apiKey = SimulatorConfig.defaultCredential.apiKey
export const secret = SimulatorConfig.defaultCredential.apiSecret

export const yen = (amount: number) => ({ amount, currency: "JPY" })

/** The parsed PayPay envelope of an SDK result. */
export const envelope = (result: Result): Envelope => {
  if (!("BODY" in result) || result.BODY === null) throw new Error(`no body: ${JSON.stringify(result)}`)
  return result.BODY as unknown as Envelope
}

/** An official SDK call as an Effect. */
export const call = (f: () => Promise<Result>) => Effect.promise(f)

/** Asserts a success (HTTP status and result code) and returns `data`. */
export const expectOk = (result: Result, status = 200, code = "SUCCESS"): any => {
  const body = envelope(result)
  assert.strictEqual(result.STATUS, status, JSON.stringify(body.resultInfo))
  assert.strictEqual(body.resultInfo.code, code)
  return body.data
}

/** Asserts a failure (HTTP status, result code and, when given, codeId) and returns its `resultInfo`. */
export const expectFailure = (result: Result, status: number, code: string, codeId?: string) => {
  const body = envelope(result)
  assert.strictEqual(body.resultInfo.code, code, JSON.stringify(body.resultInfo))
  assert.strictEqual(result.STATUS, status)
  if (codeId !== undefined) assert.strictEqual(body.resultInfo.codeId, codeId)
  assert.isNull(body.data)
  return body.resultInfo
}

/** The official SDK configured for the simulator on 127.0.0.1:`port` as the default tenant. */
export const official = (port: number, clientSecret: string = secret): Sdk => {
  const sdk = new PayPay.PayPayRestSDK()
  sdk.configure({
    clientId: apiKey,
    clientSecret,
    merchantId: SimulatorConfig.defaultMerchantId,
    conf: new PayPay.Conf({ hostName: "127.0.0.1", portNumber: port })
  })
  return sdk
}

const trustCertificate = (cert: string) =>
  Effect.acquireRelease(
    Effect.sync(() => {
      const previous = https.globalAgent.options.ca
      https.globalAgent.options.ca = cert
      return previous
    }),
    (previous) =>
      Effect.sync(() => {
        https.globalAgent.options.ca = previous
      })
  )

/** A running simulator over TLS, the official SDK pointed at it and a control client trusting its certificate. */
export interface Harness {
  readonly started: Cli.Started
  readonly cert: string
  readonly sdk: Sdk
  readonly control: ControlClient.Service
}

/**
 * Starts a fresh simulator (in-memory, TLS, port 0) for the current scope. The SDK acts for the default merchant,
 * registered for the default key; it cannot send `?paymentId=` on refund details (no official SDK does yet,
 * reference §B.6), so that merchant is registered as onboarded before PayPay's 2025 change, as its users must be.
 */
export const start = Effect.gen(function* () {
  const started = yield* Cli.start(
    { ...Cli.defaultSettings, port: 0, tls: true, quiet: true },
    { print: () => Effect.void }
  )
  const cert = started.tls!.cert
  yield* trustCertificate(cert)
  const agent = yield* NodeHttpClient.makeAgent({ ca: cert })
  const control = yield* ControlClient.make(started.baseUrl).pipe(
    Effect.provide(NodeHttpClient.layerWithoutAgent),
    Effect.provideService(NodeHttpClient.HttpAgent, agent)
  )
  yield* control.addMerchant({ merchantId: SimulatorConfig.defaultMerchantId, onboardedBefore2025: true })
  return { started, cert, sdk: official(started.port), control } satisfies Harness
})

/**
 * Sleeps until just after the next whole second of real time, so that the next few calls see the same simulated
 * epoch second (the simulated clock is real time plus whole seconds advanced).
 */
export const startOfSecond = Effect.suspend(() => Effect.sleep(1020 - (Date.now() % 1000)))

/** A raw HTTPS request trusting `ca` (for the hosted pages), without following redirects. */
export const fetchPage = (
  url: string,
  ca: string,
  options: { readonly method?: string; readonly form?: Record<string, string> } = {}
) =>
  Effect.async<{ readonly status: number; readonly location: string | undefined; readonly text: string }>((resume) => {
    const payload = options.form === undefined ? undefined : new URLSearchParams(options.form).toString()
    const req = https.request(
      url,
      {
        method: options.method ?? "GET",
        ca,
        headers:
          payload === undefined
            ? {}
            : {
                "Content-Type": "application/x-www-form-urlencoded",
                "Content-Length": String(Buffer.byteLength(payload))
              }
      },
      (res) => {
        let text = ""
        res.setEncoding("utf8")
        res.on("data", (chunk: string) => {
          text += chunk
        })
        res.on("end", () =>
          resume(Effect.succeed({ status: res.statusCode ?? 0, location: res.headers.location, text }))
        )
      }
    )
    req.on("error", (error) => resume(Effect.die(error)))
    req.end(payload)
  })
