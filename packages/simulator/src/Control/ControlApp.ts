/**
 * The control API as one `HttpApp` over the simulator's services, as mounted at `/_simulator` by `Server.layer`
 * and by the in-process client: the `HttpApi` handlers behind the checks of `Control/Guard.ts`.
 *
 * @since 0.1.0
 */
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import type * as HttpApp from "@effect/platform/HttpApp"
import * as HttpServer from "@effect/platform/HttpServer"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as Scope from "effect/Scope"
import type * as Simulator from "../Simulator.js"
import { SimulatorConfig } from "../SimulatorConfig.js"
import { ControlApi, PREFIX } from "./ControlApi.js"
import * as FaultHandlers from "./FaultHandlers.js"
import { guard } from "./Guard.js"
import * as MerchantHandlers from "./MerchantHandlers.js"
import * as PaymentHandlers from "./PaymentHandlers.js"
import * as SystemHandlers from "./SystemHandlers.js"
import * as UserActionHandlers from "./UserActionHandlers.js"
import * as UserHandlers from "./UserHandlers.js"
import * as WebhookHandlers from "./WebhookHandlers.js"

/**
 * Whether a request path belongs to the control API.
 *
 * @since 0.1.0
 * @category Routing
 */
export const owns = (path: string): boolean => path === PREFIX || path.startsWith(`${PREFIX}/`)

const ApiLive = HttpApiBuilder.api(ControlApi).pipe(
  Layer.provide(
    Layer.mergeAll(
      SystemHandlers.layer,
      MerchantHandlers.layer,
      UserHandlers.layer,
      PaymentHandlers.layer,
      FaultHandlers.layer,
      WebhookHandlers.layer,
      UserActionHandlers.layer
    )
  )
)

/**
 * Builds the control API over the simulator in context.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const make: Effect.Effect<HttpApp.Default<never, never>, never, Simulator.Services | Scope.Scope> = Effect.gen(
  function* () {
    const config = yield* SimulatorConfig
    const context = yield* Layer.build(
      Layer.mergeAll(ApiLive, HttpApiBuilder.Router.Live, HttpApiBuilder.Middleware.layer, HttpServer.layerContext)
    )
    const api = yield* Effect.provide(HttpApiBuilder.httpApp, context)
    return guard(
      { token: config.controlToken, hosts: { publicUrl: config.publicUrl, allowedHosts: config.allowedHosts } },
      Effect.provide(api, context)
    )
  }
)

/**
 * Answers a web `Request` with an app that needs nothing more (the control API, or the whole simulator app with its
 * context provided): how the in-process `HttpClient` serves what is not the PayPay API.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const handleWeb =
  (app: HttpApp.Default<never, never>) =>
  (request: Request): Effect.Effect<Response> =>
    app.pipe(
      Effect.provideService(HttpServerRequest.HttpServerRequest, HttpServerRequest.fromWeb(request)),
      Effect.scoped,
      Effect.map((response) => HttpServerResponse.toWeb(response))
    )
