/**
 * "Not sent" versus "sent, no answer" on every transport, against real sockets: a closed port (nothing sent, safe
 * to retry even for a write), a server that accepts and then hangs (sent: the outcome of a write is unknown), and
 * a server that resets the connection after reading the request.
 */
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { Codes, Flows, PayPayError } from "../src/index.js"
import { closedPort, clientOver, hangingServer, httpServer, transports } from "./utils/Sockets.js"

const createParams: Codes.CreateQrCodeParams = { merchantPaymentId: "mp-1", amount: { amount: 100, currency: "JPY" } }
const paymentParams = {
  merchantPaymentId: "mp-1",
  userAuthorizationId: "ua-1",
  amount: { amount: 100, currency: "JPY" as const }
}

const requestError = (error: { readonly _tag: string }): PayPayError.PayPayRequestError => {
  assert.strictEqual(error._tag, "PayPayRequestError", String(error))
  return error as PayPayError.PayPayRequestError
}

describe.each(transports)("transport %s", (transport) => {
  it.scopedLive("a closed port: NotSent, no unknown outcome, and even a write is retried", () =>
    Effect.gen(function* () {
      const port = yield* closedPort
      const { attempts, layer } = yield* clientOver(transport, port, { retry: { times: 2, base: "1 millis" } })
      const error = requestError(yield* Codes.create(createParams).pipe(Effect.flip, Effect.provide(layer)))
      assert.strictEqual(error.reason, "NotSent")
      assert.isFalse(error.outcomeUnknown)
      assert.isFalse(error.sent)
      assert.isTrue(PayPayError.isRetryable(error))
      assert.include(error.detail, "ECONNREFUSED")
      assert.notInclude(error.message, "Outcome unknown")
      assert.deepStrictEqual(attempts, ["POST", "POST", "POST"])
    })
  )

  it.scopedLive("a server that accepts and hangs: a write times out with an unknown outcome and is not re-sent", () =>
    Effect.gen(function* () {
      const server = yield* hangingServer
      const { attempts, layer } = yield* clientOver(transport, server.port, {
        timeouts: { "Codes.create": "200 millis" },
        retry: { times: 2, base: "1 millis" }
      })
      const error = requestError(yield* Codes.create(createParams).pipe(Effect.flip, Effect.provide(layer)))
      assert.strictEqual(error.reason, "Timeout")
      assert.isTrue(error.outcomeUnknown)
      assert.include(error.message, "Outcome unknown")
      assert.include(error.message, 'Codes.getPayment("mp-1")')
      assert.deepStrictEqual(attempts, ["POST"])
      assert.include(server.received(), "POST /v2/codes")
    })
  )

  it.scopedLive("a server that accepts and hangs: a read is retried, each attempt with its own timeout", () =>
    Effect.gen(function* () {
      const server = yield* hangingServer
      const { attempts, layer } = yield* clientOver(transport, server.port, {
        timeouts: { "Codes.getPayment": "150 millis" },
        retry: { times: 1, base: "1 millis" }
      })
      const error = requestError(yield* Codes.getPayment("mp-1").pipe(Effect.flip, Effect.provide(layer)))
      assert.strictEqual(error.reason, "Timeout")
      assert.isFalse(error.outcomeUnknown)
      assert.deepStrictEqual(attempts, ["GET", "GET"])
    })
  )

  it.scopedLive("a deadline bounds the attempts of a hanging read", () =>
    Effect.gen(function* () {
      const server = yield* hangingServer
      const { attempts, layer } = yield* clientOver(transport, server.port, {
        timeouts: { "Codes.getPayment": "200 millis" },
        retry: { times: 10, base: "1 millis" },
        deadline: "500 millis"
      })
      const started = Date.now()
      const error = requestError(yield* Codes.getPayment("mp-1").pipe(Effect.flip, Effect.provide(layer)))
      const elapsed = Date.now() - started
      assert.strictEqual(error.reason, "Timeout")
      assert.include(error.detail, "deadline")
      assert.isAtMost(attempts.length, 3)
      assert.isAtLeast(elapsed, 450)
      assert.isBelow(elapsed, 3000)
    })
  )

  it.scopedLive("a connection reset after the request: Transport, sent, unknown outcome for a write", () =>
    Effect.gen(function* () {
      const server = yield* httpServer((_, response) => response.socket?.destroy())
      const { attempts, layer } = yield* clientOver(transport, server.port, { retry: { times: 2, base: "1 millis" } })
      const error = requestError(yield* Codes.create(createParams).pipe(Effect.flip, Effect.provide(layer)))
      assert.strictEqual(error.reason, "Transport")
      assert.isTrue(error.sent)
      assert.isTrue(error.outcomeUnknown)
      assert.deepStrictEqual(attempts, ["POST"])
      assert.lengthOf(server.seen, 1)
    })
  )

  it.scopedLive("createPaymentSafely: a refused connection is not reconciled; a hang is (query, then cancel)", () =>
    Effect.gen(function* () {
      const port = yield* closedPort
      const refused = yield* clientOver(transport, port, { retry: false })
      const notSent = requestError(
        yield* Flows.createPaymentSafely(paymentParams).pipe(Effect.flip, Effect.provide(refused.layer))
      )
      assert.strictEqual(notSent.reason, "NotSent")
      assert.deepStrictEqual(refused.attempts, ["POST"])

      const server = yield* hangingServer
      const hung = yield* clientOver(transport, server.port, {
        retry: false,
        timeouts: { "Payments.create": "150 millis", "Payments.get": "150 millis", "Payments.cancel": "150 millis" }
      })
      const error = requestError(
        yield* Flows.createPaymentSafely(paymentParams).pipe(Effect.flip, Effect.provide(hung.layer))
      )
      assert.strictEqual(error.reason, "Timeout")
      assert.strictEqual(error.operation, "Payments.cancel")
      assert.deepStrictEqual(hung.attempts, ["POST", "GET", "DELETE"])
    })
  )
})
