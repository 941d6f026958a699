/**
 * The bench's PayPay stand-in: an HTTPS server in its own process (forked by `sdk.ts`) so it never shares an
 * event loop with the clients being measured. It answers `POST /v2/codes` with a canned 201 create-QR response
 * and checks the OPA-Auth signature of every `VERIFY_EVERY`-th request with `PayPaySigner.verify`, answering
 * 401 when it does not match, so a client that signs wrong shows up as errors.
 *
 * Protocol over IPC: the parent sends `{ type: "start", key, cert, apiKey, apiSecret }`, the server answers
 * `{ type: "listening", port }`; `{ type: "stats" }` is answered with a {@link ServerStats}.
 */
import { createServer, type ServerOptions } from "node:https"
import * as PayPaySigner from "../src/PayPaySigner.js"
import { created, envelope } from "./canned.js"

/** Sent by the parent to start the server. */
export interface StartMessage {
  readonly type: "start"
  readonly key: string
  readonly cert: string
  readonly apiKey: string
  readonly apiSecret: string
}

/** Counters since start, plus the server process's own CPU time. */
export interface ServerStats {
  readonly type: "stats"
  readonly requests: number
  readonly connections: number
  readonly verified: number
  readonly rejected: ReadonlyArray<string>
  readonly cpuMicros: number
}

const VERIFY_EVERY = 16

const notFound = envelope(404, "NOT_FOUND", "Only POST /v2/codes is served", "08100001")

const start = (options: StartMessage) => {
  let requests = 0
  let connections = 0
  let verified = 0
  const rejected: Array<string> = []
  const tls: ServerOptions = { key: options.key, cert: options.cert, keepAlive: true }
  const server = createServer(tls, (req, res) => {
    const sample = requests++ % VERIFY_EVERY === 0
    const chunks: Array<Buffer> = []
    if (sample) req.on("data", (chunk: Buffer) => chunks.push(chunk))
    else req.resume()
    req.on("end", () => {
      let reply = req.method === "POST" && req.url === "/v2/codes" ? created : notFound
      if (sample && reply === created) {
        const result = PayPaySigner.verify({
          authorization: req.headers.authorization,
          method: req.method ?? "",
          path: req.url ?? "",
          contentType: req.headers["content-type"],
          body: Buffer.concat(chunks),
          secretFor: (apiKey) => (apiKey === options.apiKey ? options.apiSecret : undefined),
          nowSeconds: Math.floor(Date.now() / 1000)
        })
        verified++
        if (result._tag === "Left") {
          if (rejected.length < 5) rejected.push(result.left.message)
          reply = envelope(401, "UNAUTHORIZED", result.left.message, "08100016")
        }
      }
      res.writeHead(reply.status, {
        "content-type": "application/json;charset=UTF-8",
        "content-length": reply.body.length
      })
      res.end(reply.body)
    })
  })
  server.keepAliveTimeout = 65_000
  server.on("secureConnection", () => connections++)
  server.listen(0, "127.0.0.1", () => {
    const address = server.address()
    process.send?.({ type: "listening", port: typeof address === "object" && address !== null ? address.port : 0 })
  })
  process.on("message", (message: { readonly type: string }) => {
    if (message.type !== "stats") return
    const cpu = process.cpuUsage()
    const stats: ServerStats = {
      type: "stats",
      requests,
      connections,
      verified,
      rejected,
      cpuMicros: cpu.user + cpu.system
    }
    process.send?.(stats)
  })
}

process.once("message", (message: StartMessage) => start(message))
process.on("disconnect", () => process.exit(0))
