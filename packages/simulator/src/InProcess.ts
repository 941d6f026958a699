/**
 * In-process mode: an `HttpClient` served directly by the simulator's handler — no socket, fresh isolated
 * state — so a test suite runs the real SDK against the real simulator in milliseconds. Requests under
 * `/_simulator` reach the control API, so `Control/ControlClient.ts` works in process too.
 *
 * @since 0.1.0
 */
import type * as HttpBody from "@effect/platform/HttpBody"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as PayPayClient from "@paypay-effect/sdk/PayPayClient"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import type * as Scope from "effect/Scope"
import * as ControlApp from "./Control/ControlApp.js"
import type { SimRequest } from "./Envelope.js"
import * as PayPayApi from "./PayPayApi.js"
import * as Simulator from "./Simulator.js"
import * as SimulatorConfig from "./SimulatorConfig.js"

/**
 * The base URL the in-process client answers on (any URL works; this one documents intent).
 *
 * @since 0.1.0
 * @category Config
 */
export const BASE_URL = "http://simulator.local"

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
 * An `HttpClient` whose requests are handled by the simulator in the current context: `/_simulator/*` by the
 * control API, everything else by the PayPay API.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const makeHttpClient: Effect.Effect<HttpClient.HttpClient, never, Simulator.Services | Scope.Scope> = Effect.gen(
  function* () {
    const context = yield* Effect.context<Simulator.Services>()
    const control = ControlApp.handleWeb(yield* ControlApp.make)
    return HttpClient.make((request, url) => {
      if (ControlApp.owns(url.pathname)) {
        return Effect.map(control(toWebRequest(request, url, bodyText(request.body))), (response) =>
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
            ? Effect.fail(
                new HttpClientError.RequestError({ request, reason: "Transport", description: "connection dropped" })
              )
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

/**
 * A fresh simulator plus an `HttpClient` served by it.
 *
 * @since 0.1.0
 * @category Layers
 */
export const layer = (
  options: Simulator.Options = {}
): Layer.Layer<HttpClient.HttpClient | Simulator.Services, never> =>
  Layer.scoped(HttpClient.HttpClient, makeHttpClient).pipe(Layer.provideMerge(Simulator.layer(options)), Layer.orDie)

/**
 * A fresh simulator plus an SDK client wired to it with the simulator's default credentials (or the first
 * configured ones) and merchant.
 *
 * @since 0.1.0
 * @category Layers
 */
export const layerSdk = (
  options: Simulator.Options & { readonly merchantId?: string | undefined } = {}
): Layer.Layer<PayPayClient.PayPayClient | HttpClient.HttpClient | Simulator.Services, never> => {
  const { merchantId, ...simulator } = options
  const credential = simulator.credentials?.[0] ?? SimulatorConfig.defaultCredential
  return PayPayClient.layer({
    apiKey: credential.apiKey,
    apiSecret: Redacted.make(credential.apiSecret),
    merchantId: merchantId ?? SimulatorConfig.defaultMerchantId,
    baseUrl: BASE_URL
  }).pipe(Layer.provideMerge(layer(simulator)))
}
