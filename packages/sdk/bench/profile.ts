/**
 * Per-call client CPU of one bench client, for profiling (`node --cpu-prof --import tsx bench/profile.ts`).
 * Env: PROFILE_CLIENT (comma-separated, run in turn: `ours`, `ours-platform`, `official`, `undici`; default `ours`), PROFILE_SECONDS (default 5),
 * PROFILE_CONCURRENCY (default 64). Prints calls/s and client CPU µs per call.
 */
import { type ChildProcess, fork } from "node:child_process"
import { fileURLToPath } from "node:url"
import { generate } from "selfsigned"
import { bareUndici, type Client, official, ours, oursPlatform, type Target } from "./clients.js"
import { measure } from "./measure.js"
import type { StartMessage } from "./server.js"

const listening = (child: ChildProcess): Promise<number> =>
  new Promise((resolve) => {
    child.on("message", (message: { readonly type: string; readonly port?: number }) => {
      if (message.type === "listening") resolve(message.port ?? 0)
    })
  })

const main = async () => {
  const pems = await generate([{ name: "commonName", value: "127.0.0.1" }], {
    keyType: "ec",
    curve: "P-256",
    algorithm: "sha256",
    extensions: [{ name: "subjectAltName", altNames: [{ type: 7, ip: "127.0.0.1" }] }]
  })
  const server = import.meta.url.endsWith(".ts") ? "./server.ts" : "./server.js"
  const child = fork(fileURLToPath(new URL(server, import.meta.url)), [], {
    stdio: ["ignore", "inherit", "inherit", "ipc"]
  })
  const port = listening(child)
  const start: StartMessage = {
    type: "start",
    key: pems.private,
    cert: pems.cert,
    apiKey: "bench_api_key",
    apiSecret: "bench_api_secret_0123456789"
  }
  child.send(start)
  const target: Target = {
    port: await port,
    cert: pems.cert,
    apiKey: start.apiKey,
    apiSecret: start.apiSecret,
    merchantId: "bench_merchant"
  }
  const makers: Record<string, (target: Target) => Client> = {
    ours,
    "ours-platform": oursPlatform,
    official,
    undici: bareUndici
  }
  const concurrency = Number(process.env["PROFILE_CONCURRENCY"] ?? 64)
  for (const key of (process.env["PROFILE_CLIENT"] ?? "ours").split(",")) {
    const client = (makers[key] ?? ours)(target)
    await measure(client.call, 64, 1)
    const sample = await measure(client.call, concurrency, Number(process.env["PROFILE_SECONDS"] ?? 5))
    console.log(
      `${client.name} @${concurrency}: ${sample.rate.toFixed(0)} calls/s, ` +
        `${((sample.cpuPercent / 100 / sample.rate) * 1e6).toFixed(1)} CPU µs/call, ${sample.errors} errors`
    )
    await client.close()
  }
  child.disconnect()
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error)
    process.exit(1)
  }
)
