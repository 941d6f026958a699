/**
 * Reliability: slow clients. While 100 slowloris connections trickle header lines that never end and 400
 * keep-alive connections sit idle after one request, the control API's health check and a signed PayPay request
 * still answer, each within a second.
 */
import { HttpServer } from "@effect/platform"
import { assert, layer } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { connect, type Socket } from "node:net"
import * as Server from "../../src/Server.js"
import * as Simulator from "../../src/Simulator.js"
import { isEnvelope, sendRaw, signed } from "../helpers/wire.js"
import { count, figures, print } from "./figures.js"

const SLOWLORIS = 100
const IDLE = 400
const PROBES = 10

const Live = Server.layer({ port: 0 }).pipe(Layer.provideMerge(Simulator.layer()))

const open = (port: number) =>
  new Promise<Socket>((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => resolve(socket))
    socket.on("error", reject)
  })

/** A connection that sends a request line and then one header every 200 ms, never ending the headers. */
const slowloris = async (port: number) => {
  const socket = await open(port)
  socket.on("error", () => {})
  socket.write("POST /v2/codes HTTP/1.1\r\nHost: 127.0.0.1\r\n")
  let n = 0
  const timer = setInterval(() => socket.write(`X-Slow-${n++}: ${"a".repeat(10)}\r\n`), 200)
  return { socket, stop: () => clearInterval(timer) }
}

/** A keep-alive connection left idle after one complete request. */
const idle = async (port: number) => {
  const socket = await open(port)
  socket.on("error", () => {})
  await new Promise<void>((resolve) => {
    socket.once("data", () => resolve())
    socket.write("GET /_simulator/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n")
  })
  return { socket, stop: () => {} }
}

const timed = async <A>(f: () => Promise<A>) => {
  const started = performance.now()
  const value = await f()
  return { value, millis: performance.now() - started }
}

layer(Live, { excludeTestServices: true })("reliability: slow clients", (it) => {
  it.effect(`${SLOWLORIS} slowloris and ${IDLE} idle keep-alive connections: health answers within a second`, () =>
    Effect.gen(function* () {
      const server = yield* HttpServer.HttpServer
      const port = server.address._tag === "TcpAddress" ? server.address.port : 0
      const f = figures()
      const { slowest, held } = yield* Effect.acquireUseRelease(
        Effect.promise(async () => {
          const slow = await Promise.all(Array.from({ length: SLOWLORIS }, () => slowloris(port)))
          const quiet = await Promise.all(Array.from({ length: IDLE }, () => idle(port)))
          return [...slow, ...quiet]
        }),
        (connections) =>
          Effect.promise(async () => {
            let slowest = 0
            for (let i = 0; i < PROBES; i++) {
              const health = await timed(() => sendRaw(port, { method: "GET", path: "/_simulator/health" }))
              const api = await timed(() => sendRaw(port, signed({ method: "GET", path: "/v2/codes/payments/none" })))
              slowest = Math.max(slowest, health.millis, api.millis)
              count(f, health.value.status, health.value.status === 200 && health.millis < 1000)
              count(f, api.value.status, isEnvelope(api.value) && api.value.status === 400 && api.millis < 1000)
              await new Promise((resolve) => setTimeout(resolve, 150))
            }
            return { slowest, held: connections.filter((c) => !c.socket.destroyed).length }
          }),
        (connections) =>
          Effect.sync(() => {
            for (const connection of connections) {
              connection.stop()
              connection.socket.destroy()
            }
          })
      )
      print(
        "slow clients",
        f,
        `${SLOWLORIS} slowloris + ${IDLE} idle connections held (${held} still open), slowest answer ${Math.round(slowest)} ms`
      )
      assert.strictEqual(f.crashes, 0)
      assert.isBelow(slowest, 1000)
    })
  )
})
