import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import { Effect, ManagedRuntime, Layer } from "effect"
const body = "{}"
const fake = HttpClient.make((request) => Effect.sync(() => HttpClientResponse.fromWeb(request, new Response(body, { status: 201 }))))
const rt = ManagedRuntime.make(Layer.empty)
const mode = process.env.MODE
const e = mode === "text" ? Effect.flatMap(fake.post("https://127.0.0.1:1/v2/codes"), (r) => r.text) : mode === "status" ? Effect.map(fake.post("https://127.0.0.1:1/v2/codes"), (r) => r.status) : Effect.promise(() => new Response(body, { status: 201 }).text())
for (let i = 0; i < 3000; i++) await rt.runPromise(e)
const t = performance.now()
for (let i = 0; i < 30000; i++) await rt.runPromise(e)
console.log(mode, (((performance.now() - t) * 1000) / 30000).toFixed(1), "us/call")
