/**
 * Reading what a page's form or URL sent: the `application/x-www-form-urlencoded` body of a POST, the query string
 * and the route's path parameters, each as a lookup that returns `undefined` for absent or empty values.
 *
 * @since 0.1.0
 */
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as UrlParams from "@effect/platform/UrlParams"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"

/**
 * A field lookup: the first value of `name`, `undefined` when absent or empty.
 *
 * @since 0.1.0
 * @category Models
 */
export type Fields = (name: string) => string | undefined

const lookup =
  (params: UrlParams.UrlParams): Fields =>
  (name) =>
    Option.getOrUndefined(Option.filter(UrlParams.getFirst(params, name), (value) => value !== ""))

/**
 * The POSTed form (an unreadable body counts as empty).
 *
 * @since 0.1.0
 * @category Accessors
 */
export const body: Effect.Effect<Fields, never, HttpServerRequest.HttpServerRequest> = Effect.flatMap(
  HttpServerRequest.HttpServerRequest,
  (request) =>
    Effect.map(
      Effect.orElseSucceed(request.urlParamsBody, () => UrlParams.empty),
      lookup
    )
)

/**
 * The query string.
 *
 * @since 0.1.0
 * @category Accessors
 */
export const query: Effect.Effect<Fields, never, HttpServerRequest.HttpServerRequest> = Effect.map(
  HttpServerRequest.HttpServerRequest,
  (request) => lookup(UrlParams.fromInput(new URL(request.url, "http://simulator").searchParams))
)

/**
 * A path parameter of the matched route (`""` when absent).
 *
 * @since 0.1.0
 * @category Accessors
 */
export const param = (name: string): Effect.Effect<string, never, HttpRouter.RouteContext> =>
  Effect.map(HttpRouter.params, (params) => params[name] ?? "")
