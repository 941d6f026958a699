/**
 * Reliability: property-based fuzzing (fast-check) of every PayPay POST endpoint and of the control API, in
 * process and over a real socket. Whatever the body — arbitrary JSON, a valid body with one field replaced by
 * hostile strings, wrong types or huge numbers, deep nesting, raw bytes — every answer carries its envelope
 * (`{resultInfo}` or `{error, message}`) with a documented code, nothing answers 5xx, and the server is healthy
 * afterwards. Random seeds: a failure prints its seed and shrunk counterexample.
 */
import { HttpServer } from "@effect/platform"
import { fc } from "@fast-check/vitest"
import { assert, layer } from "@effect/vitest"
import { ResultCodes } from "@paypay-effect/sdk/PayPayError"
import { Effect, Layer, Runtime } from "effect"
import * as Server from "../../src/Server.js"
import * as Simulator from "../../src/Simulator.js"
import * as SimulatorConfig from "../../src/SimulatorConfig.js"
import { tenant } from "../../src/Store/Database.js"
import { UserStore } from "../../src/Store/UserStore.js"
import { documented, handle } from "../helpers/sweep.js"
import {
  isControlError,
  isEnvelope,
  JSON_TYPE,
  MERCHANT,
  nestedArrays,
  post,
  postEndpoints,
  sendRaw,
  signed
} from "../helpers/wire.js"
import { count, figures, print } from "./figures.js"

const hostileString = fc.oneof(
  fc.constantFrom(
    "",
    "\u0000",
    "\ud800",
    "\uffff",
    "💥".repeat(500),
    "a".repeat(70_000),
    "'; DROP TABLE payments; --",
    "<script>alert(1)</script>",
    "javascript:alert(1)",
    "%s%n%x",
    "__proto__",
    "constructor",
    "../../etc/passwd",
    "SIMERR_NOT_A_CODE"
  ),
  fc.string({ unit: "binary", maxLength: 300 })
)

const hugeNumber = fc.oneof(
  fc.constantFrom(1e308, -1e308, 5e-324, -0, 2 ** 53 + 1, 99_999_999_999, 100_000_000_000, 1e30, 0.5),
  fc.double({ noNaN: true })
)

const anyValue = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  { weight: 2, arbitrary: hostileString },
  { weight: 2, arbitrary: hugeNumber },
  { weight: 1, arbitrary: fc.constantFrom(null, true, [], {}, [[[]]], { amount: "100", currency: "JPY" }) }
)

/** `valid` with its merchant-chosen ids made unique, so that a sample is not refused only as a duplicate. */
const fresh = (valid: Record<string, unknown>) =>
  fc
    .uuid()
    .map((uuid) =>
      Object.fromEntries(
        Object.entries(valid).map(([key, value]) => [key, /^merchant\w*Id$/.test(key) ? `${key}-${uuid}` : value])
      )
    )

const generic = fc.oneof(
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 5 }).map((value) => JSON.stringify(value)) },
  { weight: 1, arbitrary: fc.integer({ min: 20, max: 4000 }).map(nestedArrays) },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }) }
)

/** A body text for an endpoint whose valid body is `valid`. */
const bodyFor = (valid: Record<string, unknown>) => {
  const keys = Object.keys(valid)
  if (keys.length === 0) return generic
  const key = fc.constantFrom(...keys)
  return fc.oneof(
    {
      weight: 2,
      arbitrary: fc
        .tuple(fresh(valid), fc.string(), anyValue)
        .map(([body, k, v]) => JSON.stringify({ ...body, [`x${k}`]: v }))
    },
    {
      weight: 4,
      arbitrary: fc.tuple(fresh(valid), key, anyValue).map(([body, k, v]) => JSON.stringify({ ...body, [k]: v }))
    },
    {
      weight: 1,
      arbitrary: fc.tuple(fresh(valid), key).map(([body, k]) => JSON.stringify({ ...body, [k]: undefined }))
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fresh(valid), key, fc.integer({ min: 2, max: 2000 }))
        .map(([body, k, depth]) =>
          JSON.stringify({ ...body, [k]: "\u0000" }).replace(
            '"\\u0000"',
            `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`
          )
        )
    },
    { weight: 2, arbitrary: generic }
  )
}

const rawBytes = fc.uint8Array({ maxLength: 400 })

/** Runs per endpoint are multiplied by `PAYPAY_SIM_FUZZ_SCALE` (default 1, kept small for CI). */
const SCALE = Math.max(1, Number(process.env.PAYPAY_SIM_FUZZ_SCALE ?? 1))
const runs = (n: number) => ({ numRuns: n * SCALE })

const Live = Server.layer({ port: 0 }).pipe(Layer.provideMerge(Simulator.layer()))

const port = Effect.map(HttpServer.HttpServer, (server) =>
  server.address._tag === "TcpAddress" ? server.address.port : 0
)

const me = tenant(SimulatorConfig.defaultCredential.apiKey, MERCHANT)

const prepare = Effect.gen(function* () {
  const user = `fuzz-user-${Math.random().toString(36).slice(2)}`
  yield* Effect.flatMap(UserStore, (users) => users.create(me, { userAuthorizationId: user, balance: 10_000_000 }))
  return user
})

const paypayAnswerOk = (status: number, text: string) => {
  try {
    const json = JSON.parse(text) as { resultInfo?: { code?: string; message?: string; codeId?: string } }
    const info = json.resultInfo
    return (
      status > 0 &&
      status < 500 &&
      typeof info?.message === "string" &&
      typeof info.codeId === "string" &&
      typeof info.code === "string" &&
      info.code in ResultCodes
    )
  } catch {
    return false
  }
}

const healthy = (p: number) =>
  Effect.promise(async () => {
    const health = await sendRaw(p, { method: "GET", path: "/_simulator/health" })
    const created = await sendRaw(
      p,
      post("/v2/codes", {
        merchantPaymentId: `after-${Math.random()}`,
        amount: { amount: 1, currency: "JPY" },
        codeType: "ORDER_QR",
        requestedAt: Math.floor(Date.now() / 1000)
      })
    )
    return health.status === 200 && created.status === 201 && isEnvelope(created)
  })

layer(Live, { excludeTestServices: true })("reliability: fuzzing", (it) => {
  it.effect("in process: 13 POST endpoints × arbitrary bodies → an envelope with a documented code, never 5xx", () =>
    Effect.gen(function* () {
      const runtime = yield* Effect.runtime<Simulator.Services>()
      const user = yield* prepare
      const f = figures()
      for (const [path, valid] of postEndpoints("fz", user)) {
        yield* Effect.promise(() =>
          fc.assert(
            fc.asyncProperty(bodyFor(valid), async (body) => {
              const call = await Runtime.runPromise(runtime)(handle(post(path, body)))
              return count(f, call.status, documented(call))
            }),
            runs(40)
          )
        )
      }
      print("fuzz, in process, PayPay POST endpoints", f)
      assert.strictEqual(f.crashes, 0)
      assert.isTrue(yield* healthy(yield* port))
    })
  )

  it.effect("over a socket: JSON and raw bytes on every POST endpoint, then the server is healthy", () =>
    Effect.gen(function* () {
      const p = yield* port
      const user = yield* prepare
      const f = figures()
      for (const [path, valid] of postEndpoints("fs", user)) {
        yield* Effect.promise(() =>
          fc.assert(
            fc.asyncProperty(fc.oneof(bodyFor(valid), rawBytes), async (body) => {
              const answer = await sendRaw(p, signed({ method: "POST", path, contentType: JSON_TYPE, body }))
              return count(f, answer.status, paypayAnswerOk(answer.status, answer.text))
            }),
            runs(12)
          )
        )
      }
      print("fuzz, over a socket, PayPay POST endpoints", f)
      assert.strictEqual(f.crashes, 0)
      assert.isTrue(yield* healthy(p))
    })
  )
})

const CONTROL: ReadonlyArray<readonly [method: string, path: string, valid: Record<string, unknown>]> = [
  ["POST", "/_simulator/users", { userAuthorizationId: "fuzz-u", balance: 100, scopes: ["direct_debit"] }],
  ["POST", "/_simulator/clock/advance", { seconds: 1 }],
  [
    "POST",
    "/_simulator/faults",
    { operation: "Nothing.matches", times: 1, action: { type: "respond", code: "RATE_LIMIT" } }
  ],
  ["POST", "/_simulator/payments/fuzz-none/approve", { userAuthorizationId: "fuzz-u" }],
  ["POST", "/_simulator/payments/fuzz-none/decline", {}],
  ["POST", "/_simulator/payments/fuzz-none/expire", {}],
  ["POST", "/_simulator/links/fuzz-none/approve", { balance: 10 }],
  ["PUT", "/_simulator/cashback/balance", { balance: 1000 }],
  ["PUT", "/_simulator/webhooks/endpoint?merchantId=fuzz-merchant", { url: "http://127.0.0.1:9/hooks", schedule: "A" }],
  ["PUT", "/_simulator/webhooks/switches?merchantId=fuzz-merchant", { drop: true, delayMillis: 0 }],
  ["POST", "/_simulator/webhooks/events/1/redeliver", {}]
]

const CONTROL_STATUSES = [200, 201, 204, 400, 401, 403, 404, 409, 413, 415]

layer(Live, { excludeTestServices: true })("reliability: fuzzing the control API", (it) => {
  it.effect("arbitrary bodies on every state-changing endpoint → {error, message} on errors, never 5xx", () =>
    Effect.gen(function* () {
      const p = yield* port
      const f = figures()
      for (const [method, path, valid] of CONTROL) {
        yield* Effect.promise(() =>
          fc.assert(
            fc.asyncProperty(fc.oneof(bodyFor(valid), rawBytes), fc.boolean(), async (body, json) => {
              const answer = await sendRaw(p, {
                method,
                path,
                headers: { "content-type": json ? JSON_TYPE : "text/plain" },
                body
              })
              const ok = CONTROL_STATUSES.includes(answer.status) && (answer.status < 400 || isControlError(answer))
              return count(f, answer.status, ok)
            }),
            runs(15)
          )
        )
      }
      print("fuzz, over a socket, control API", f)
      assert.strictEqual(f.crashes, 0)
      const reset = { headers: { "content-type": JSON_TYPE } }
      yield* Effect.promise(() => sendRaw(p, { method: "DELETE", path: "/_simulator/faults", ...reset }))
      yield* Effect.promise(() => sendRaw(p, { method: "POST", path: "/_simulator/reset?all=true", ...reset }))
      assert.isTrue(yield* healthy(p))
    })
  )
})
