/**
 * Webhooks over real HTTP: the delivery worker posts with undici to a merchant server built on the SDK's
 * `Webhooks.handler`; a server that answers 503 first is retried in real time; the dev server takes the default
 * endpoint from `--webhook-url` / `PAYPAY_SIM_WEBHOOK_URL` and prints it.
 */
import * as Command from "@effect/cli/Command"
import { type HttpApp, HttpServer, HttpServerResponse } from "@effect/platform"
import { NodeContext, NodeHttpServer } from "@effect/platform-node"
import { assert, describe, it } from "@effect/vitest"
import { Codes, Webhooks } from "@paypay-effect/sdk"
import { ConfigProvider, Context, Effect, Layer, Queue, Ref } from "effect"
import { createServer } from "node:http"
import * as Cli from "../src/Cli.js"
import * as ControlClient from "../src/Control/ControlClient.js"
import * as InProcess from "../src/InProcess.js"
import { yen } from "./helpers/e2e.js"

const control = ControlClient.make(InProcess.BASE_URL)

/** Serves `app` on 127.0.0.1 (free port) for the scope; returns the base URL. */
const serve = <E>(app: HttpApp.Default<E>) =>
  Effect.gen(function* () {
    const context = yield* Layer.build(NodeHttpServer.layer(createServer, { port: 0, host: "127.0.0.1" }))
    const server = Context.get(context, HttpServer.HttpServer)
    yield* server.serve(app)
    const address = server.address
    return `http://127.0.0.1:${address._tag === "TcpAddress" ? address.port : 0}`
  })

describe("webhooks over HTTP", () => {
  it.scopedLive("the merchant's Webhooks.handler receives the event, confirms it and the delivery is logged", () =>
    Effect.gen(function* () {
      const received = yield* Queue.unbounded<Webhooks.WebhookEvent>()
      const baseUrl = yield* serve(Webhooks.handler((event) => Queue.offer(received, event)))
      yield* Effect.gen(function* () {
        const api = yield* control
        yield* Codes.create({ merchantPaymentId: "order-1", amount: yen(990) })
        yield* api.approve("order-1")
        const event = yield* Queue.take(received)
        assert.strictEqual(event._tag, "TransactionEvent")
        if (event._tag !== "TransactionEvent") return
        assert.strictEqual(event.merchant_order_id, "order-1")
        assert.strictEqual(event.state, "COMPLETED")
        const { payment } = yield* Webhooks.confirm(event)
        assert.strictEqual(payment.amount.amount, 990)
        let log = yield* api.webhookDeliveries()
        for (let i = 0; i < 500 && log.length === 0; i++) {
          yield* Effect.sleep("10 millis")
          log = yield* api.webhookDeliveries()
        }
        const [attempt] = log
        assert.strictEqual(attempt?.status, 200)
        assert.strictEqual(attempt?.url, `${baseUrl}/paypay/webhooks`)
        assert.strictEqual(attempt?.outcome, "delivered")
        assert.isAtLeast(attempt?.latencyMillis ?? -1, 0)
      }).pipe(Effect.provide(InProcess.layerSdk({ webhooks: { url: `${baseUrl}/paypay/webhooks` } })))
    })
  )

  it.scopedLive("a 503 then 200: retried 100 ms later (schedule A, real time) and delivered", () =>
    Effect.gen(function* () {
      const hits = yield* Ref.make<ReadonlyArray<number>>([])
      const baseUrl = yield* serve(
        Effect.gen(function* () {
          const seen = yield* Ref.updateAndGet(hits, (all) => [...all, Date.now()])
          return HttpServerResponse.empty({ status: seen.length === 1 ? 503 : 204 })
        })
      )
      yield* Effect.gen(function* () {
        const api = yield* control
        yield* Codes.create({ merchantPaymentId: "order-1", amount: yen(100) })
        yield* api.approve("order-1")
        for (let i = 0; i < 500 && (yield* api.webhookEvents({ status: "delivered" })).length === 0; i++) {
          yield* Effect.sleep("10 millis")
        }
        const log = yield* api.webhookDeliveries()
        assert.deepStrictEqual(
          log.map((a) => [a.status, a.outcome]),
          [
            [503, "retry"],
            [204, "delivered"]
          ]
        )
        assert.isAtLeast(log[1]!.at - log[0]!.at, 100)
        const times = yield* Ref.get(hits)
        assert.isAtLeast(times[1]! - times[0]!, 100)
      }).pipe(Effect.provide(InProcess.layerSdk({ webhooks: { url: baseUrl } })))
    })
  )

  it.live("nothing listening: 4 refused attempts (ECONNREFUSED) over ~300 ms, then failed", () =>
    Effect.gen(function* () {
      const port = yield* Effect.promise(
        () =>
          new Promise<number>((resolve) => {
            const probe = createServer().listen(0, "127.0.0.1", () => {
              const address = probe.address()
              probe.close(() => resolve(typeof address === "object" && address !== null ? address.port : 9))
            })
          })
      )
      yield* Effect.gen(function* () {
        const api = yield* control
        yield* Codes.create({ merchantPaymentId: "order-1", amount: yen(100) })
        yield* api.approve("order-1")
        for (let i = 0; i < 500 && (yield* api.webhookEvents({ status: "failed" })).length === 0; i++) {
          yield* Effect.sleep("10 millis")
        }
        const log = yield* api.webhookDeliveries()
        assert.deepStrictEqual(
          log.map((a) => a.outcome),
          ["retry", "retry", "retry", "failed"]
        )
        assert.include(log[0]!.error, "ECONNREFUSED")
        assert.isAtLeast(log[3]!.at - log[0]!.at, 300)
      }).pipe(Effect.provide(InProcess.layerSdk({ webhooks: { url: `http://127.0.0.1:${port}/hooks` } })))
    })
  )

  it.effect("--webhook-url and PAYPAY_SIM_WEBHOOK_URL set the default endpoint", () =>
    Effect.gen(function* () {
      const parse = (args: ReadonlyArray<string>, env: ReadonlyArray<readonly [string, string]>) =>
        Effect.gen(function* () {
          const parsed = yield* Ref.make<Cli.Settings | undefined>(undefined)
          const run = Command.run(
            Cli.makeCommand((settings) => Ref.set(parsed, settings)),
            { name: "paypay-simulator", version: "0.1.0" }
          )
          yield* run(["node", "paypay-simulator", ...args]).pipe(
            Effect.withConfigProvider(ConfigProvider.fromMap(new Map(env))),
            Effect.provide(NodeContext.layer)
          )
          return yield* Ref.get(parsed)
        })
      assert.strictEqual((yield* parse(["--webhook-url", "http://a.test/h"], []))?.webhookUrl, "http://a.test/h")
      assert.strictEqual(
        (yield* parse([], [["PAYPAY_SIM_WEBHOOK_URL", "http://b.test/h"]]))?.webhookUrl,
        "http://b.test/h"
      )
      assert.strictEqual((yield* parse([], []))?.webhookUrl, undefined)
    })
  )

  it.scopedLive("the dev server prints the webhook endpoint and serves it on the control API", () =>
    Effect.gen(function* () {
      const lines: Array<string> = []
      const started = yield* Cli.start(
        { ...Cli.defaultSettings, port: 0, quiet: true, webhookUrl: "http://127.0.0.1:9/hooks" },
        { print: (line) => Effect.sync(() => void lines.push(line)) }
      )
      assert.include(lines.join("\n"), "Webhooks: POST to http://127.0.0.1:9/hooks (schedule A")
      const response = yield* Effect.promise(() => fetch(`${started.controlUrl}/webhooks/endpoint`))
      assert.deepStrictEqual(yield* Effect.promise(() => response.json()), {
        url: "http://127.0.0.1:9/hooks",
        schedule: "A",
        source: "default"
      })
    })
  )
})
