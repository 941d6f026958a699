/**
 * The simulator over HTTP: an `HttpApp` that sends `/_simulator/*` to the control API, other mounted prefixes
 * (hosted pages) to their apps, and everything else to the PayPay API handler, plus a layer that serves it on a
 * Node HTTP(S) server.
 *
 * @since 0.1.0
 */
import type * as HttpApp from "@effect/platform/HttpApp"
import * as HttpServer from "@effect/platform/HttpServer"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import * as NodeHttpServerRequest from "@effect/platform-node/NodeHttpServerRequest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as Http from "node:http"
import { createServer } from "node:http"
import * as ControlApp from "./Control/ControlApp.js"
import { PREFIX } from "./Control/ControlApi.js"
import type { SimResponse } from "./Envelope.js"
import * as PayPayApi from "./PayPayApi.js"
import type * as Simulator from "./Simulator.js"

/**
 * An app served under a path prefix (e.g. the control API under `/_simulator`).
 *
 * @since 0.1.0
 * @category Models
 */
export interface Mount {
  readonly prefix: string
  readonly app: HttpApp.Default<never, Simulator.Services>
}

const toResponse = (response: SimResponse) =>
  HttpServerResponse.text(response.body, {
    status: response.status,
    headers: response.headers,
    contentType: response.headers["content-type"] ?? "application/json"
  })

/**
 * The PayPay API as an `HttpApp`: reads the raw body once (it is what the signature covers) and answers with
 * the handler's response; a `Drop` fault destroys the connection without an answer.
 *
 * @since 0.1.0
 * @category Apps
 */
export const paypayApp: HttpApp.Default<never, Simulator.Services> = Effect.gen(function* () {
  const request = yield* HttpServerRequest.HttpServerRequest
  const url = new URL(request.url, "http://simulator")
  const body = yield* Effect.orElseSucceed(request.text, () => "")
  const outcome = yield* PayPayApi.handle({
    method: request.method,
    path: url.pathname,
    query: url.searchParams,
    headers: request.headers,
    body
  })
  if ("_tag" in outcome) {
    NodeHttpServerRequest.toServerResponse(request).destroy()
    return yield* Effect.interrupt
  }
  return toResponse(outcome)
})

/**
 * The whole simulator as one `HttpApp`: mounts first (longest prefix wins), then the PayPay API.
 *
 * @since 0.1.0
 * @category Apps
 */
export const app = (mounts: ReadonlyArray<Mount> = []): HttpApp.Default<never, Simulator.Services> => {
  const ordered = [...mounts].sort((a, b) => b.prefix.length - a.prefix.length)
  return Effect.flatMap(HttpServerRequest.HttpServerRequest, (request) => {
    const path = request.url.split("?")[0] ?? "/"
    const mount = ordered.find((m) => path === m.prefix || path.startsWith(`${m.prefix}/`))
    return mount === undefined ? paypayApp : mount.app
  })
}

/**
 * Serves the simulator on a Node server (`createServer` from node:http or node:https) at `host:port`, with the
 * control API mounted at `/_simulator` unless `control` is `false`.
 *
 * @since 0.1.0
 * @category Layers
 */
export const layer = (options: {
  readonly port: number
  readonly host?: string | undefined
  readonly mounts?: ReadonlyArray<Mount> | undefined
  readonly control?: boolean | undefined
  readonly createServer?: (() => Http.Server) | undefined
}): Layer.Layer<HttpServer.HttpServer, import("@effect/platform/HttpServerError").ServeError, Simulator.Services> =>
  Layer.unwrapScoped(
    Effect.map(
      options.control === false ? Effect.succeed([]) : Effect.map(ControlApp.make, (app) => [{ prefix: PREFIX, app }]),
      (control) => HttpServer.serve(app([...(options.mounts ?? []), ...control]))
    )
  ).pipe(
    Layer.provideMerge(
      NodeHttpServer.layer(options.createServer ?? (() => createServer()), {
        port: options.port,
        host: options.host ?? "127.0.0.1"
      })
    )
  )
