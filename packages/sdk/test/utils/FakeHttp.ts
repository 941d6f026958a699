import { HttpClient, HttpClientError, HttpClientResponse } from "@effect/platform"
import { Effect, Layer, Redacted, Ref } from "effect"
import { PayPayClient } from "../../src/index.js"

/** A request as the fake transport saw it. */
export interface Recorded {
  readonly method: string
  readonly url: URL
  readonly headers: Readonly<Record<string, string>>
  readonly body: string | undefined
}

/**
 * What the fake transport answers: a response, a broken connection after sending (`transport-error`), a refused
 * connection (`refused`: nothing sent), or no answer at all (`hang`).
 */
export type Reply =
  | {
      readonly status: number
      readonly body?: unknown
      readonly raw?: string
      readonly headers?: Record<string, string>
    }
  | "transport-error"
  | "refused"
  | "hang"

export const ok = (data: unknown, status = 200): Reply => ({
  status,
  body: { resultInfo: { code: "SUCCESS", message: "Success", codeId: "08100001" }, data }
})

export const failure = (
  status: number,
  code: string,
  codeId = "00000000",
  headers?: Record<string, string>
): Reply => ({
  status,
  body: { resultInfo: { code, message: `message of ${code}`, codeId }, data: null },
  headers: { "x-request-id": "req-123", ...headers }
})

export const credentials = {
  apiKey: "a_KEYEXAMPLE01",
  apiSecret: "SECRETEXAMPLE/abc+123=",
  merchantId: "123456789012345678"
} as const

/**
 * A recording HttpClient plus a PayPayClient over it. `replies` are answered in order; the last one repeats.
 */
export const makeFake = (replies: ReadonlyArray<Reply>, options: Partial<PayPayClient.Options> = {}) =>
  Effect.gen(function* () {
    const requests = yield* Ref.make<ReadonlyArray<Recorded>>([])
    const client = HttpClient.make((request, url) =>
      Effect.gen(function* () {
        const body = request.body._tag === "Uint8Array" ? new TextDecoder().decode(request.body.body) : undefined
        const seen = yield* Ref.updateAndGet(requests, (all) => [
          ...all,
          { method: request.method, url, headers: request.headers, body }
        ])
        const reply = replies[Math.min(seen.length - 1, replies.length - 1)]!
        if (reply === "hang") return yield* Effect.never
        if (reply === "transport-error") {
          return yield* new HttpClientError.RequestError({ request, reason: "Transport", description: "ECONNRESET" })
        }
        if (reply === "refused") {
          const cause = Object.assign(new Error(`connect ECONNREFUSED ${url.host}`), { code: "ECONNREFUSED" })
          return yield* new HttpClientError.RequestError({ request, reason: "Transport", cause })
        }
        const text = reply.raw ?? JSON.stringify(reply.body)
        return HttpClientResponse.fromWeb(
          request,
          new Response(text, { status: reply.status, headers: reply.headers ?? {} })
        )
      })
    )
    const layer = PayPayClient.layer({
      apiKey: credentials.apiKey,
      apiSecret: Redacted.make(credentials.apiSecret),
      merchantId: credentials.merchantId,
      baseUrl: "https://paypay.test",
      ...options
    }).pipe(Layer.provide(Layer.succeed(HttpClient.HttpClient, client)))
    return { requests, layer }
  })
