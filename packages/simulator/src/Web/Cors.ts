/**
 * CORS for browser frontends served from another origin, configured by `SimulatorConfig.corsOrigins` (CLI
 * `--cors-origin`): off when empty. For an allowed `Origin` (listed, or `*` for any), a preflight
 * (`OPTIONS` with `Access-Control-Request-Method`) is answered 204 with the allowed methods and the requested
 * headers, before authentication (PayPay API) or the control token; every other response gets
 * `Access-Control-Allow-Origin` and exposes `X-REQUEST-ID`.
 *
 * @since 0.1.0
 */
import type * as HttpApp from "@effect/platform/HttpApp"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Effect from "effect/Effect"
import { SimulatorConfig } from "../SimulatorConfig.js"

/**
 * Methods a preflight allows.
 *
 * @since 0.1.0
 * @category Constants
 */
export const ALLOWED_METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE"

/**
 * How long a browser may cache a preflight answer, in seconds.
 *
 * @since 0.1.0
 * @category Constants
 */
export const MAX_AGE_SECONDS = 600

/**
 * Whether `origin` is allowed by `origins` (`*` allows any).
 *
 * @since 0.1.0
 * @category Utils
 */
export const isAllowed = (origins: ReadonlyArray<string>, origin: string): boolean =>
  origins.includes("*") || origins.includes(origin.replace(/\/+$/, ""))

/**
 * Wrap an app with the configured CORS behaviour.
 *
 * @since 0.1.0
 * @category Middleware
 */
export const middleware = <E, R>(app: HttpApp.Default<E, R>): HttpApp.Default<E, R | SimulatorConfig> =>
  Effect.gen(function* () {
    const config = yield* SimulatorConfig
    const request = yield* HttpServerRequest.HttpServerRequest
    const origin = request.headers["origin"]
    const origins = config.corsOrigins ?? []
    if (origins.length === 0 || origin === undefined || !isAllowed(origins, origin)) return yield* app
    const headers = {
      "access-control-allow-origin": origin,
      "access-control-expose-headers": "X-REQUEST-ID",
      vary: "Origin"
    }
    const preflightMethod = request.headers["access-control-request-method"]
    if (request.method === "OPTIONS" && preflightMethod !== undefined) {
      return HttpServerResponse.empty({
        status: 204,
        headers: {
          ...headers,
          "access-control-allow-methods": ALLOWED_METHODS,
          "access-control-allow-headers": request.headers["access-control-request-headers"] ?? "",
          "access-control-max-age": String(MAX_AGE_SECONDS)
        }
      })
    }
    return HttpServerResponse.setHeaders(yield* app, headers)
  })
