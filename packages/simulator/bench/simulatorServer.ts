/**
 * The simulator as the bench serves it: `Server.layer({ port: 0 })` over `Simulator.layer()` (in-memory SQLite, or
 * the file named by `BENCH_DB` for `--scale`; default credentials, control API mounted, no request logging), in its
 * own process, forked by `simulator.ts` and `scale.ts`.
 */
import * as HttpServer from "@effect/platform/HttpServer"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Server from "../src/Server.js"
import * as Simulator from "../src/Simulator.js"
import { serveIpc } from "./shared.js"

const program = Effect.gen(function* () {
  const server = yield* HttpServer.HttpServer
  if (server.address._tag !== "TcpAddress") return yield* Effect.dieMessage("expected a TCP address")
  serveIpc(server.address.port)
  return yield* Effect.never
})

const database = process.env["BENCH_DB"] === "" ? undefined : process.env["BENCH_DB"]

program.pipe(
  Effect.provide(Server.layer({ port: 0 }).pipe(Layer.provide(Simulator.layer({ database })))),
  NodeRuntime.runMain
)
