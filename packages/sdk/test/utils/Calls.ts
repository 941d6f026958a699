import { assert } from "@effect/vitest"
import { Effect, Ref } from "effect"
import { createHmac } from "node:crypto"
import type { PayPayClient } from "../../src/index.js"
import { credentials, failure, makeFake, ok, type Recorded, type Reply } from "./FakeHttp.js"

/** A successful 202 REQUEST_ACCEPTED answer (cashback), with `data` as PayPay sends it (`""` or `null`). */
export const accepted = (data: unknown = ""): Reply => ({
  status: 202,
  body: { resultInfo: { code: "REQUEST_ACCEPTED", message: "Request accepted", codeId: "08100001" }, data }
})

/** Runs `call` against one fake reply (no retries) and returns its result and the single request sent. */
export const send = <A, E>(call: Effect.Effect<A, E, PayPayClient.PayPayClient>, reply: Reply) =>
  Effect.gen(function* () {
    const { layer, requests } = yield* makeFake([reply], { retry: false })
    const result = yield* call.pipe(Effect.provide(layer))
    const all = yield* Ref.get(requests)
    assert.lengthOf(all, 1)
    const request = all[0]!
    return { result, request, body: request.body === undefined ? undefined : JSON.parse(request.body) }
  })

/** `send` with a SUCCESS envelope around `data`. */
export const succeed = <A, E>(call: Effect.Effect<A, E, PayPayClient.PayPayClient>, data: unknown, status = 200) =>
  send(call, ok(data, status))

/** Runs `call` against a PayPay error answer and returns the failure. */
export const failWith = <A, E>(
  call: Effect.Effect<A, E, PayPayClient.PayPayClient>,
  status: number,
  code: string,
  codeId?: string
) =>
  Effect.gen(function* () {
    const { layer } = yield* makeFake([failure(status, code, codeId)], { retry: false })
    return yield* call.pipe(Effect.flip, Effect.provide(layer))
  })

/** Asserts that `call` fails with InvalidRequest without sending anything; returns the error detail. */
export const rejectsInput = <A, E>(call: Effect.Effect<A, E, PayPayClient.PayPayClient>) =>
  Effect.gen(function* () {
    const { layer, requests } = yield* makeFake([ok(null)], { retry: false })
    const error = (yield* call.pipe(Effect.flip, Effect.provide(layer))) as { _tag: string; reason?: string }
    assert.strictEqual(error._tag, "PayPayRequestError")
    assert.strictEqual(error.reason, "InvalidRequest")
    assert.lengthOf(yield* Ref.get(requests), 0)
    return String((error as { detail?: string }).detail)
  })

/**
 * Recomputes the OPA-Auth MAC of a recorded request over `path` (independently of PayPaySigner, reference §A.3):
 * true when the request was signed over exactly that path.
 */
export const signedOver = (request: Recorded, path: string): boolean => {
  const [, apiKey, mac, nonce, epoch, hash] = request.headers["authorization"]!.replace(/^hmac /, "").split(":")
  assert.strictEqual(apiKey, credentials.apiKey)
  const contentType = request.body === undefined ? "empty" : request.headers["content-type"]!
  const data = [path, request.method, nonce, epoch, contentType, hash].join("\n")
  return createHmac("sha256", credentials.apiSecret).update(data, "utf8").digest("base64") === mac
}

/** Asserts the common request shape: method, path, query, and that only the path (never the query) is signed. */
export const assertShape = (
  request: Recorded,
  expected: { readonly method: string; readonly path: string; readonly query?: Record<string, string> }
) => {
  assert.strictEqual(request.method, expected.method)
  assert.strictEqual(request.url.pathname, expected.path)
  assert.deepStrictEqual(Object.fromEntries(request.url.searchParams), expected.query ?? {})
  assert.isTrue(signedOver(request, expected.path), "signed over the path without the query")
  if (request.url.search !== "") assert.isFalse(signedOver(request, expected.path + request.url.search))
  if (expected.method !== "POST") {
    assert.isUndefined(request.body)
    assert.isUndefined(request.headers["content-type"])
  } else {
    assert.strictEqual(request.headers["content-type"], "application/json")
  }
}
