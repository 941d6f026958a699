/**
 * In-process mode: the real SDK against a fresh simulator in the same process, without a socket — for test suites.
 *
 * - The SDK's requests take a transport of their own ({@link makeTransport}): the signed request is handed to the
 *   simulator's PayPay handler as it is (method, path, headers, the exact body bytes that were signed), without
 *   building an HTTP request or response; the simulator verifies the signature exactly as it does over a socket.
 * - Everything else (the control API under `/_simulator`, the hosted pages) is served by an `HttpClient`
 *   ({@link makeHttpClient}), which also answers PayPay API requests for other clients.
 * - {@link layerTest} gives a test the SDK client and the control client of one fresh simulator.
 *
 * URLs the simulator hands out (a QR code's `url`, an account-link or top-up page) start with {@link BASE_URL}
 * unless `publicUrl` is given: no socket serves them, the in-process `HttpClient` does.
 *
 * @since 0.1.0
 */
import type * as HttpBody from "@effect/platform/HttpBody"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as PayPayClient from "@paypay-effect/sdk/PayPayClient"
import * as Transport from "@paypay-effect/sdk/Transport"
import * as Cause from "effect/Cause"
import type * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Runtime from "effect/Runtime"
import type * as Scope from "effect/Scope"
import * as ControlApp from "./Control/ControlApp.js"
import { PREFIX } from "./Control/ControlApi.js"
import * as ControlClient from "./Control/ControlClient.js"
import type { SimRequest } from "./Envelope.js"
import type { Outcome } from "./Faults.js"
import * as PayPayApi from "./PayPayApi.js"
import * as Server from "./Server.js"
import * as Simulator from "./Simulator.js"
import * as SimulatorConfig from "./SimulatorConfig.js"

/**
 * The base URL of the in-process simulator: the SDK client's `baseUrl`, and the default `publicUrl` of the URLs it
 * hands out. Nothing listens on it; the in-process `HttpClient` answers it.
 *
 * @since 0.1.0
 * @category Config
 */
export const BASE_URL = "http://simulator.local"

/**
 * Options of the in-process layers: the simulator's, the merchant the SDK client acts for, and the SDK client's
 * own settings (retry policy, timeouts, deadline).
 *
 * @since 0.1.0
 * @category Models
 */
export interface Options extends Simulator.Options {
  /** The SDK client's merchant (`X-ASSUME-MERCHANT`); default `sim_merchant`. */
  readonly merchantId?: string | undefined
  /** The SDK client's settings besides credentials and base URL. */
  readonly client?: Omit<PayPayClient.Options, "apiKey" | "apiSecret" | "baseUrl"> | undefined
}

const withPublicUrl = (options: Simulator.Options): Simulator.Options => ({
  ...options,
  publicUrl: options.publicUrl ?? BASE_URL
})

// ====== SDK transport ======

const DROPPED = "the simulator dropped the connection without answering (fault injection)"

const toTransportResponse = (
  outcome: Outcome
): Effect.Effect<Transport.TransportResponse, Transport.TransportFailure> =>
  "_tag" in outcome
    ? Effect.fail(Transport.noResponse(DROPPED, undefined))
    : Effect.succeed({ status: outcome.status, headers: outcome.headers, text: outcome.body })

/**
 * An SDK transport served by the simulator in the current context: each request goes to `PayPayApi.handle` as
 * the SDK signed it — no URL, header or body objects are built, and the body is the very string that was signed
 * and hashed, so authentication runs the same checks as over HTTP. The handler runs on the simulator's runtime,
 * synchronously when it can (no store of the simulator waits): only a handler that suspends (a `delay` fault, say)
 * is awaited, under the attempt's timeout, by Effect's clock (so `TestClock` drives it); like a server, the handler
 * then finishes its work even when the client gave up. A `drop` fault is a `NoResponse` failure (sent, no answer).
 *
 * @since 0.1.0
 * @category Constructors
 */
export const makeTransport: Effect.Effect<Transport.Transport, never, Simulator.Services> = Effect.map(
  Effect.runtime<Simulator.Services>(),
  (runtime) => {
    const run = Runtime.runSyncExit(runtime)
    return {
      send: (request) =>
        Effect.suspend(() => {
          const query = request.path.indexOf("?")
          const exit = run(
            PayPayApi.handle({
              method: request.method,
              path: query === -1 ? request.path : request.path.slice(0, query),
              query: new URLSearchParams(query === -1 ? "" : request.path.slice(query)),
              headers: request.headers,
              body: request.body ?? ""
            })
          )
          if (Exit.isSuccess(exit)) return toTransportResponse(exit.value)
          const pending = Cause.dieOption(exit.cause).pipe(Option.filter(Runtime.isAsyncFiberException))
          if (Option.isNone(pending)) return Effect.failCause(exit.cause)
          return Fiber.join(pending.value.fiber as Fiber.RuntimeFiber<Outcome>).pipe(
            Effect.flatMap(toTransportResponse),
            Effect.timeoutFail({ duration: request.timeout, onTimeout: () => Transport.timedOut(true) })
          )
        })
    }
  }
)

// ====== HttpClient ======

const bodyText = (body: HttpBody.HttpBody): string => {
  switch (body._tag) {
    case "Uint8Array":
      return new TextDecoder().decode(body.body)
    case "Raw":
      return typeof body.body === "string" ? body.body : ""
    default:
      return ""
  }
}

const toWebRequest = (request: HttpClientRequest.HttpClientRequest, url: URL, body: string): Request => {
  const hasBody = body !== "" && request.method !== "GET" && request.method !== "HEAD"
  const contentType = "contentType" in request.body ? request.body.contentType : undefined
  return new Request(url, {
    method: request.method,
    headers:
      hasBody && contentType !== undefined ? { ...request.headers, "content-type": contentType } : request.headers,
    body: hasBody ? body : null
  })
}

/**
 * An `HttpClient` served by the simulator in the current context: `/_simulator/*` by the control API, the hosted
 * pages (`/pay/…`, `/link/…`, `/topup/…`, `/_dashboard`) by their apps, everything else by the PayPay API. Any
 * host works; URLs the simulator hands out use {@link BASE_URL}.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const makeHttpClient: Effect.Effect<HttpClient.HttpClient, never, Simulator.Services | Scope.Scope> = Effect.gen(
  function* () {
    const context: Context.Context<Simulator.Services> = yield* Effect.context<Simulator.Services>()
    const control = yield* ControlApp.make
    const mounts: ReadonlyArray<Server.Mount> = [{ prefix: PREFIX, app: control }, ...Server.webMounts]
    const web = ControlApp.handleWeb(Effect.provide(Server.app(mounts), context))
    const prefixes = mounts.map((mount) => mount.prefix)
    const mounted = (path: string) => prefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}/`))
    return HttpClient.make((request, url) => {
      if (mounted(url.pathname)) {
        return Effect.map(web(toWebRequest(request, url, bodyText(request.body))), (response) =>
          HttpClientResponse.fromWeb(request, response)
        )
      }
      const simRequest: SimRequest = {
        method: request.method,
        path: url.pathname,
        query: url.searchParams,
        headers: request.headers,
        body: request.body._tag === "Uint8Array" ? request.body.body : bodyText(request.body)
      }
      return PayPayApi.handle(simRequest).pipe(
        Effect.provide(context),
        Effect.flatMap((outcome) =>
          "_tag" in outcome
            ? Effect.fail(new HttpClientError.RequestError({ request, reason: "Transport", description: DROPPED }))
            : Effect.succeed(
                HttpClientResponse.fromWeb(
                  request,
                  new Response(outcome.body, { status: outcome.status, headers: outcome.headers })
                )
              )
        )
      )
    })
  }
)

// ====== Layers ======

/**
 * A fresh simulator plus an `HttpClient` served by it. URLs it hands out start with {@link BASE_URL} unless
 * `publicUrl` is given.
 *
 * @since 0.1.0
 * @category Layers
 */
export const layer = (
  options: Simulator.Options = {}
): Layer.Layer<HttpClient.HttpClient | Simulator.Services, never> =>
  Layer.scoped(HttpClient.HttpClient, makeHttpClient).pipe(
    Layer.provideMerge(Simulator.layer(withPublicUrl(options))),
    Layer.orDie
  )

/**
 * The client's merchant and credential, and the simulator's options with that merchant registered for the
 * credential when it does not list it, so the client is accepted (ledger: auth.merchant).
 */
const resolveOptions = (options: Options) => {
  const { client: _client, merchantId = SimulatorConfig.defaultMerchantId, ...simulator } = options
  const [first = SimulatorConfig.defaultCredential, ...others] = simulator.credentials ?? []
  const registered = SimulatorConfig.merchantsOf(first).some((merchant) => merchant.merchantId === merchantId)
  const credential = registered
    ? first
    : { ...first, merchantIds: [...(first.merchantIds ?? [SimulatorConfig.defaultMerchantId]), merchantId] }
  return { merchantId, credential, simulator: { ...simulator, credentials: [credential, ...others] } }
}

const clientOptions = (options: Options): PayPayClient.Options => {
  const { credential, merchantId } = resolveOptions(options)
  return {
    ...options.client,
    apiKey: credential.apiKey,
    apiSecret: Redacted.make(credential.apiSecret),
    merchantId,
    baseUrl: BASE_URL
  }
}

const simulatorOptions = (options: Options): Simulator.Options => resolveOptions(options).simulator

/**
 * An SDK client over the in-process transport of the simulator in context ({@link makeTransport}), with the
 * simulator's default credentials (or the first configured ones) and merchant.
 *
 * @since 0.1.0
 * @category Layers
 */
export const layerClient = (options: Options = {}): Layer.Layer<PayPayClient.PayPayClient, never, Simulator.Services> =>
  Layer.effect(
    PayPayClient.PayPayClient,
    Effect.flatMap(makeTransport, (transport) => PayPayClient.makeWithTransport(clientOptions(options), transport))
  )

/**
 * A fresh simulator, an SDK client wired to it in process ({@link layerClient}) and its `HttpClient`
 * ({@link layer}); the simulator's services stay reachable for tests that set state up directly.
 *
 * @since 0.1.0
 * @category Layers
 */
export const layerSdk = (
  options: Options = {}
): Layer.Layer<PayPayClient.PayPayClient | HttpClient.HttpClient | Simulator.Services, never> =>
  layerClient(options).pipe(Layer.provideMerge(layer(simulatorOptions(options))))

/**
 * What a test gets from {@link layerTest}: the SDK client and the control client of the same fresh simulator.
 *
 * @since 0.1.0
 * @category Models
 */
export type TestServices = PayPayClient.PayPayClient | ControlClient.ControlClient

/**
 * One fresh simulator per build, with the SDK client (`PayPayClient`, in process) and the control client
 * (`ControlClient`, acting for the same merchant) wired to it: provide it to the code under test and drive the user,
 * the clock and faults from the test. Nothing else leaks into the test's context (no `HttpClient`, no SQL client).
 *
 * ```ts
 * it.effect("checkout", () =>
 *   Effect.gen(function* () {
 *     const control = yield* ControlClient.ControlClient
 *     yield* Codes.create({ merchantPaymentId: "o-1", amount: { amount: 500, currency: "JPY" } })
 *     yield* control.approve("o-1")
 *     const paid = yield* Codes.getPayment("o-1")
 *   }).pipe(Effect.provide(InProcess.layerTest())))
 * ```
 *
 * @since 0.1.0
 * @category Layers
 */
export const layerTest = (options: Options = {}): Layer.Layer<TestServices> => {
  const client = clientOptions(options)
  const control = Layer.effect(
    ControlClient.ControlClient,
    ControlClient.make(BASE_URL, { merchantId: client.merchantId, apiKey: client.apiKey })
  )
  return Layer.mergeAll(layerClient(options), control).pipe(Layer.provide(layer(simulatorOptions(options))))
}
