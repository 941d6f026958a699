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
import type { ServeError } from "@effect/platform/HttpServerError"
import * as Cause from "effect/Cause"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Runtime from "effect/Runtime"
import * as Stream from "effect/Stream"
import type * as Scope from "effect/Scope"
import type * as Http from "node:http"
import { createServer } from "node:http"
import * as ControlApp from "./Control/ControlApp.js"
import { PREFIX } from "./Control/ControlApi.js"
import { ApiFailure, renderFailure, type SimRequest, type SimResponse } from "./Envelope.js"
import * as Ids from "./Domain/Ids.js"
import * as Limits from "./Limits.js"
import type { Outcome } from "./Faults.js"
import * as PayPayApi from "./PayPayApi.js"
import type * as Simulator from "./Simulator.js"
import { SimulatorConfig } from "./SimulatorConfig.js"
import * as Cors from "./Web/Cors.js"
import * as WebApp from "./Web/WebApp.js"

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

const toResponse = (response: SimResponse, close = false) =>
  HttpServerResponse.text(response.body, {
    status: response.status,
    headers: close ? { ...response.headers, connection: "close" } : response.headers,
    contentType: response.headers["content-type"] ?? "application/json"
  })

/** The `Content-Length` a request declares (`0` without one). */
const declaredLength = (value: string | undefined): number => (value === undefined ? 0 : Number(value))

/**
 * The body bytes of a platform request, or `undefined` when there are more than `Limits.MAX_BODY_BYTES`: refused
 * unread when `Content-Length` says so, else read to the end while keeping no more than the limit (so the answer
 * can still be written on the connection).
 */
const bytesOf = (request: HttpServerRequest.HttpServerRequest): Effect.Effect<Uint8Array | undefined> => {
  if (declaredLength(request.headers["content-length"]) > Limits.MAX_BODY_BYTES) return Effect.succeed(undefined)
  const chunks: Array<Uint8Array> = []
  let total = 0
  return request.stream.pipe(
    Stream.runForEach((chunk) =>
      Effect.sync(() => {
        total += chunk.length
        if (total <= Limits.MAX_BODY_BYTES) chunks.push(chunk)
      })
    ),
    Effect.map(() => total),
    Effect.orElseSucceed(() => 0),
    Effect.map((read) => (read > Limits.MAX_BODY_BYTES ? undefined : Buffer.concat(chunks, read)))
  )
}

const internalError = (cause: Cause.Cause<unknown>) =>
  Effect.zipRight(
    Effect.logError("PayPay API request failed", cause),
    Effect.map(Ids.requestId, (requestId) =>
      renderFailure(
        new ApiFailure({ code: "INTERNAL_SERVER_ERROR", codeId: "08101000", detail: "simulator defect (logged)" }),
        requestId
      )
    )
  )

/**
 * The PayPay API as an `HttpApp`: reads the raw body bytes once (they are what the signature covers; over
 * `Limits.MAX_BODY_BYTES` they are refused with `413`) and answers with the handler's response, a defect with
 * `500 INTERNAL_SERVER_ERROR`, both in the envelope; a `Drop` fault destroys the connection without an answer.
 *
 * @since 0.1.0
 * @category Apps
 */
export const paypayApp: HttpApp.Default<never, Simulator.Services> = Effect.gen(function* () {
  const request = yield* HttpServerRequest.HttpServerRequest
  const url = new URL(request.url, "http://simulator")
  const body = yield* bytesOf(request)
  const outcome = yield* PayPayApi.handle(
    {
      method: request.method,
      path: url.pathname,
      query: url.searchParams,
      headers: request.headers,
      body: body ?? ""
    },
    { tooLarge: body === undefined }
  )
  if ("_tag" in outcome) {
    NodeHttpServerRequest.toServerResponse(request).destroy()
    return yield* Effect.interrupt
  }
  return toResponse(outcome, body === undefined)
}).pipe(
  Effect.catchAllCause((cause) =>
    Cause.isInterruptedOnly(cause) ? Effect.failCause(cause) : Effect.map(internalError(cause), (r) => toResponse(r))
  )
)

/**
 * The whole simulator as one `HttpApp`: mounts first (longest prefix wins), then the PayPay API; CORS around all
 * of it when `SimulatorConfig.corsOrigins` is set (`Web/Cors.ts`).
 *
 * @since 0.1.0
 * @category Apps
 */
export const app = (mounts: ReadonlyArray<Mount> = []): HttpApp.Default<never, Simulator.Services> => {
  const ordered = [...mounts].sort((a, b) => b.prefix.length - a.prefix.length)
  return Cors.middleware(
    Effect.flatMap(HttpServerRequest.HttpServerRequest, (request) => {
      const path = request.url.split("?")[0] ?? "/"
      const mount = ordered.find((m) => path === m.prefix || path.startsWith(`${m.prefix}/`))
      return mount === undefined ? paypayApp : mount.app
    })
  )
}

/**
 * The hosted pages (payment, account-link and authorization consent pages, dashboard: `Web/WebApp.ts`) as mounts.
 *
 * @since 0.1.0
 * @category Apps
 */
export const webMounts: ReadonlyArray<Mount> = WebApp.mounts

const PLAIN_URL = /^\/(?!\/)[\w\-.~!$&'()*+,;=:@%/]*(\?[\x21-\x22\x24-\x7e]*)?$/

/** Whether `new URL(url, base)` would give back `path` unchanged: no dot segments, nothing to percent-encode. */
const isPlain = (url: string, path: string) => PLAIN_URL.test(url) && !path.includes("/.") && !/%2e/i.test(path)

/**
 * Reads the raw body bytes of `request` and hands them to `use`, or `undefined` when there are more than
 * `Limits.MAX_BODY_BYTES` (then `use` runs at once: with a `Content-Length` over the limit nothing is read). A
 * connection that fails before the end gets no call.
 */
const readBody = (request: Http.IncomingMessage, use: (body: Uint8Array | undefined) => void) => {
  if (declaredLength(request.headers["content-length"]) > Limits.MAX_BODY_BYTES) return use(undefined)
  const chunks: Array<Buffer> = []
  let bytes = 0
  let done = false
  request.on("data", (chunk: Buffer) => {
    if (done) return
    bytes += chunk.length
    if (bytes > Limits.MAX_BODY_BYTES) {
      done = true
      chunks.length = 0
      use(undefined)
    } else {
      chunks.push(chunk)
    }
  })
  request.once("end", () => {
    if (done) return
    done = true
    use(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, bytes))
  })
  request.once("error", () => {
    done = true
  })
}

/**
 * node:http already lower-cases header names and joins repeated request headers with ", " (only `set-cookie` stays
 * an array, and no PayPay request carries one), so its object serves as `SimRequest.headers` without a copy.
 */
const headersOf = (request: Http.IncomingMessage): SimRequest["headers"] => request.headers as SimRequest["headers"]

const respond = (response: Http.ServerResponse, outcome: Outcome, close = false) => {
  if ("_tag" in outcome) {
    response.destroy()
    return
  }
  response.writeHead(outcome.status, {
    ...outcome.headers,
    "content-type": outcome.headers["content-type"] ?? "application/json",
    "content-length": Buffer.byteLength(outcome.body),
    ...(close ? { connection: "close" } : {})
  })
  response.end(outcome.body)
}

/**
 * Serves {@link app} on `node`, answering PayPay API requests straight off node:http: the raw body is read from
 * the `IncomingMessage` (it is what the signature covers), `PayPayApi.handle` runs on a runtime prepared once,
 * and the response is written directly, without the platform's per-request request/response objects, tracing
 * span and URL parsing. Mounted apps, `HEAD`, CORS requests (when `corsOrigins` is set) and URLs that
 * `new URL` would normalize go through the platform's handler of {@link app}, which the fast path takes over
 * as its fallback, so every answer is the one {@link app} gives. (If that handler cannot be found on `node`,
 * {@link app} is simply served as it is.)
 *
 * @since 0.1.0
 * @category Constructors
 */
export const serve = (
  node: Http.Server,
  mounts: ReadonlyArray<Mount> = []
): Effect.Effect<void, never, HttpServer.HttpServer | Simulator.Services | Scope.Scope> =>
  Effect.gen(function* () {
    const server = yield* HttpServer.HttpServer
    const before = node.listeners("request")
    yield* server.serve(app(mounts))
    const added = node.listeners("request").filter((listener) => !before.includes(listener))
    const fallback = added[0] as ((request: Http.IncomingMessage, response: Http.ServerResponse) => void) | undefined
    if (added.length !== 1 || fallback === undefined) return
    const runtime = yield* Effect.runtime<Simulator.Services>()
    const run = Runtime.runFork(runtime)
    const runCallback = Runtime.runCallback(runtime)
    const cors = (Context.get(runtime.context, SimulatorConfig).corsOrigins ?? []).length > 0
    const prefixes = mounts.map((mount) => mount.prefix)
    const mounted = (path: string) => prefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}/`))
    const onFailure = (response: Http.ServerResponse) => (cause: Cause.Cause<never>) =>
      Cause.isInterruptedOnly(cause)
        ? Effect.void
        : Effect.map(internalError(cause), (answer) => {
            if (response.headersSent) response.end()
            else respond(response, answer)
          })
    const listener = (request: Http.IncomingMessage, response: Http.ServerResponse) => {
      const url = request.url ?? "/"
      const query = url.indexOf("?")
      const path = query === -1 ? url : url.slice(0, query)
      const method = (request.method ?? "GET").toUpperCase()
      if (method === "HEAD" || (cors && request.headers.origin !== undefined) || mounted(path) || !isPlain(url, path)) {
        return fallback(request, response)
      }
      readBody(request, (body) => {
        const simRequest: SimRequest = {
          method,
          path,
          query: new URLSearchParams(query === -1 ? "" : url.slice(query)),
          headers: headersOf(request),
          body: body ?? ""
        }
        const tooLarge = body === undefined
        runCallback(PayPayApi.handle(simRequest, { tooLarge }), {
          onExit: (exit) => {
            if (Exit.isFailure(exit)) return run(onFailure(response)(exit.cause))
            try {
              respond(response, exit.value, tooLarge)
            } catch (defect) {
              run(onFailure(response)(Cause.die(defect)))
            }
          }
        })
      })
    }
    node.off("request", fallback)
    yield* Effect.acquireRelease(
      Effect.sync(() => node.on("request", listener)),
      () => Effect.sync(() => node.off("request", listener))
    )
  })

/**
 * Serves the simulator on a Node server (`createServer` from node:http or node:https) at `host:port`, with the
 * control API mounted at `/_simulator` unless `control` is `false`, and the hosted pages ({@link webMounts})
 * unless `web` is `false`; PayPay API requests take the fast path of {@link serve}.
 *
 * @since 0.1.0
 * @category Layers
 */
export const layer = (options: {
  readonly port: number
  readonly host?: string | undefined
  readonly mounts?: ReadonlyArray<Mount> | undefined
  readonly control?: boolean | undefined
  readonly web?: boolean | undefined
  readonly createServer?: (() => Http.Server) | undefined
}): Layer.Layer<HttpServer.HttpServer, ServeError, Simulator.Services> =>
  Layer.scoped(
    HttpServer.HttpServer,
    Effect.gen(function* () {
      const node = (options.createServer ?? (() => createServer()))()
      const server = yield* NodeHttpServer.make(() => node, { port: options.port, host: options.host ?? "127.0.0.1" })
      const control = options.control === false ? [] : [{ prefix: PREFIX, app: yield* ControlApp.make }]
      const mounts = [...(options.mounts ?? []), ...(options.web === false ? [] : webMounts), ...control]
      yield* serve(node, mounts).pipe(Effect.provideService(HttpServer.HttpServer, server))
      return server
    })
  ).pipe(Layer.provideMerge(NodeHttpServer.layerContext))
