/**
 * No error, log line or span carries the `Authorization` header or the secret, on any transport: every error kind
 * is produced against real sockets, then serialised with `JSON.stringify`, `util.inspect` and `Cause.pretty`, and
 * every log line and span (with its attributes and events) is searched for the header values the server received.
 */
import { assert, describe, it } from "@effect/vitest"
import { Cause, Effect, Exit, Layer, Logger, LogLevel } from "effect"
import { inspect } from "node:util"
import { Codes, Payments } from "../src/index.js"
import { credentials } from "./utils/FakeHttp.js"
import { qrWire } from "./utils/Fixtures.js"
import { closedPort, clientOver, hangingServer, httpServer, recordingTracer, transports } from "./utils/Sockets.js"

const envelope = (code: string, data: unknown = null) =>
  JSON.stringify({ resultInfo: { code, message: `message of ${code}`, codeId: "08100001" }, data })

/** Answers by merchantPaymentId, so each call below meets one kind of failure. */
const scripted = httpServer((request, response) => {
  const id = request.url.split("/").pop() ?? ""
  const send = (status: number, body: string, type = "application/json") => {
    response.writeHead(status, { "content-type": type, "x-request-id": "req-1" })
    response.end(body)
  }
  switch (id) {
    case "reset":
      return response.socket?.destroy()
    case "garbled":
      return send(200, '{"resultInfo":{"code":"SUCCESS"')
    case "cut": {
      response.writeHead(200, { "content-type": "application/json", "content-length": "999" })
      response.write('{"resultInfo":')
      return setTimeout(() => response.socket?.destroy(), 10)
    }
    case "bad-gateway":
      return send(502, "<html>bad gateway</html>", "text/html")
    case "unauthorized":
      return send(401, envelope("UNAUTHORIZED"))
    case "unknown":
      return send(400, envelope("SOMETHING_NEW"))
    case "shape":
      return send(200, envelope("SUCCESS", { unexpected: true }))
    default:
      return send(201, envelope("SUCCESS", qrWire()))
  }
})

const failures = ["reset", "garbled", "cut", "bad-gateway", "unauthorized", "unknown", "shape"] as const

describe.each(transports)("no secret leaks over %s", (transport) => {
  it.scopedLive("every error kind, log line and span", () =>
    Effect.gen(function* () {
      const texts: Array<string> = []
      const logger = Logger.make((options) => {
        texts.push(inspect(options, { depth: null }))
      })
      const { layer: tracing, spans } = yield* recordingTracer
      const observed = Layer.mergeAll(
        tracing,
        Logger.replace(Logger.defaultLogger, logger),
        Logger.minimumLogLevel(LogLevel.All)
      )
      const record = <A, E>(call: Effect.Effect<A, E>) =>
        Effect.gen(function* () {
          const exit = yield* Effect.exit(call.pipe(Effect.tapErrorCause((cause) => Effect.logDebug("failed", cause))))
          assert.isTrue(Exit.isFailure(exit))
          if (Exit.isSuccess(exit)) return
          const error = Cause.squash(exit.cause)
          texts.push(JSON.stringify(error), inspect(error, { depth: null, showHidden: true }), String(error))
          texts.push(Cause.pretty(exit.cause), JSON.stringify(exit))
        })

      const server = yield* scripted
      const scriptedClient = yield* clientOver(transport, server.port, { retry: false })
      for (const id of failures) {
        yield* record(Codes.getPayment(id).pipe(Effect.provide(Layer.merge(scriptedClient.layer, observed))))
      }
      yield* record(
        Payments.create({
          merchantPaymentId: "x".repeat(99),
          userAuthorizationId: "u",
          amount: { amount: 1, currency: "JPY" }
        }).pipe(Effect.provide(Layer.merge(scriptedClient.layer, observed)))
      )
      const port = yield* closedPort
      const refused = yield* clientOver(transport, port, { retry: false })
      yield* record(Codes.getPayment("refused").pipe(Effect.provide(Layer.merge(refused.layer, observed))))
      const hanging = yield* hangingServer
      const hung = yield* clientOver(transport, hanging.port, {
        retry: false,
        timeouts: { "Codes.getPayment": "100 millis" }
      })
      yield* record(Codes.getPayment("hang").pipe(Effect.provide(Layer.merge(hung.layer, observed))))

      for (const span of spans) texts.push(inspect(span, { depth: 6 }))
      const secrets = [
        credentials.apiSecret,
        "OPA-Auth",
        ...server.seen.map((request) => String(request.headers.authorization))
      ]
      assert.isAtLeast(server.seen.length, failures.length)
      assert.include(hanging.received(), "OPA-Auth", "the hanging server did receive the header")
      assert.isAtLeast(spans.length, failures.length + 3)
      assert.isAtLeast(texts.length, 5 * (failures.length + 3))
      for (const text of texts) {
        for (const secret of secrets) {
          const at = text.indexOf(secret)
          if (at >= 0) assert.fail(`leaked ${JSON.stringify(secret)} in …${text.slice(Math.max(0, at - 400), at + 80)}`)
        }
      }
    })
  )
})
