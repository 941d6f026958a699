/**
 * Real sockets on 127.0.0.1 for transport tests: an HTTP server that records requests and answers by script, a
 * server that accepts connections and never answers, a port nothing listens on, and PayPay clients over each
 * transport the SDK supports, counting the attempts they send.
 */
import { FetchHttpClient, HttpClient } from "@effect/platform"
import { NodeHttpClient } from "@effect/platform-node"
import { Effect, Layer, Redacted, Tracer } from "effect"
import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import { createServer as createNetServer, type Socket } from "node:net"
import { Agent, type Dispatcher } from "undici"
import { PayPayClient } from "../../src/index.js"
import { credentials } from "./FakeHttp.js"

/** A request as the server saw it. */
export interface Seen {
  readonly method: string
  readonly url: string
  readonly headers: IncomingMessage["headers"]
  readonly body: string
}

const portOf = (address: ReturnType<ReturnType<typeof createServer>["address"]>) =>
  typeof address === "object" && address !== null ? address.port : 0

/** An HTTP server answering with `handle` (given the request's index too); `seen` grows with every request. */
export const httpServer = (handle: (request: Seen, response: ServerResponse, index: number) => void) =>
  Effect.acquireRelease(
    Effect.async<{ readonly port: number; readonly seen: Array<Seen>; readonly close: () => void }>((resume) => {
      const seen: Array<Seen> = []
      const server = createServer((req, res) => {
        const chunks: Array<Buffer> = []
        req.on("data", (chunk: Buffer) => chunks.push(chunk))
        req.on("end", () => {
          const request = {
            method: req.method ?? "",
            url: req.url ?? "",
            headers: req.headers,
            body: Buffer.concat(chunks).toString("utf8")
          }
          seen.push(request)
          handle(request, res, seen.length - 1)
        })
      })
      server.listen(0, "127.0.0.1", () =>
        resume(
          Effect.succeed({
            port: portOf(server.address()),
            seen,
            close: () => {
              server.closeAllConnections()
              server.close()
            }
          })
        )
      )
    }),
    ({ close }) => Effect.sync(close)
  )

/** A tracer that records every span the given tracer makes, in `spans`. */
export const recordingTracer = Effect.map(Effect.tracer, (tracer) => {
  const spans: Array<Tracer.Span> = []
  const recording = Tracer.make({
    span: (...args) => {
      const span = tracer.span(...args)
      spans.push(span)
      return span
    },
    context: (f) => f()
  })
  return { spans, layer: Layer.setTracer(recording) }
})

/** A TCP server that accepts every connection, reads what arrives (`received`) and never answers. */
export const hangingServer = Effect.acquireRelease(
  Effect.async<{ readonly port: number; readonly received: () => string; readonly close: () => void }>((resume) => {
    const sockets = new Set<Socket>()
    let received = ""
    const server = createNetServer((socket) => {
      sockets.add(socket)
      socket.setEncoding("utf8")
      socket.on("data", (chunk: string) => {
        received += chunk
      })
      socket.on("close", () => sockets.delete(socket))
      socket.on("error", () => {})
    })
    server.listen(0, "127.0.0.1", () =>
      resume(
        Effect.succeed({
          port: portOf(server.address()),
          received: () => received,
          close: () => {
            for (const socket of sockets) socket.destroy()
            server.close()
          }
        })
      )
    )
  }),
  ({ close }) => Effect.sync(close)
)

/** A port on 127.0.0.1 that was free a moment ago and has no listener. */
export const closedPort = Effect.async<number>((resume) => {
  const server = createNetServer()
  server.listen(0, "127.0.0.1", () => {
    const port = portOf(server.address())
    server.close(() => resume(Effect.succeed(port)))
  })
})

/** The transports under test. */
export const transports = ["undici", "HttpClient undici", "HttpClient fetch", "HttpClient node:http"] as const

export type TransportName = (typeof transports)[number]

class CountingAgent extends Agent {
  constructor(readonly methods: Array<string>) {
    super()
  }
  override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    this.methods.push(options.method)
    return super.dispatch(options, handler)
  }
}

const httpClients: { readonly [K in Exclude<TransportName, "undici">]: Layer.Layer<HttpClient.HttpClient> } = {
  "HttpClient undici": NodeHttpClient.layerUndici,
  "HttpClient fetch": FetchHttpClient.layer,
  "HttpClient node:http": NodeHttpClient.layer
}

/**
 * A PayPay client for `port` over `transport`, and the method of every attempt it sends (one entry per attempt,
 * also for attempts that never reached the server).
 */
export const clientOver = (
  transport: TransportName,
  port: number,
  options: Partial<PayPayClient.Options> = {}
): Effect.Effect<
  { readonly layer: Layer.Layer<PayPayClient.PayPayClient>; readonly attempts: Array<string> },
  never,
  import("effect/Scope").Scope
> =>
  Effect.gen(function* () {
    const attempts: Array<string> = []
    const clientOptions: PayPayClient.Options = {
      apiKey: credentials.apiKey,
      apiSecret: Redacted.make(credentials.apiSecret),
      merchantId: credentials.merchantId,
      baseUrl: `http://127.0.0.1:${port}`,
      ...options
    }
    if (transport === "undici") {
      const agent = new CountingAgent(attempts)
      yield* Effect.addFinalizer(() => Effect.promise(() => agent.destroy()))
      return { layer: PayPayClient.layerUndici({ ...clientOptions, dispatcher: agent }), attempts }
    }
    const counting = Layer.effect(
      HttpClient.HttpClient,
      Effect.map(HttpClient.HttpClient, (client) =>
        HttpClient.tapRequest(client, (request) => Effect.sync(() => attempts.push(request.method)))
      )
    ).pipe(Layer.provide(httpClients[transport]))
    return { layer: PayPayClient.layer(clientOptions).pipe(Layer.provide(counting)), attempts }
  })
