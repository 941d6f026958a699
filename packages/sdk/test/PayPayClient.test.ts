import { assert, describe, it } from "@effect/vitest"
import { Cause, ConfigProvider, Effect, Exit, Layer, Redacted } from "effect"
import { Codes, PayPayClient, type Transport } from "../src/index.js"
import { credentials, makeFake, ok } from "./utils/FakeHttp.js"
import { qrWire } from "./utils/Fixtures.js"

const fromEnv = (entries: ReadonlyArray<readonly [string, string]>) =>
  Layer.build(PayPayClient.layerUndiciFromEnv).pipe(
    Effect.scoped,
    Effect.withConfigProvider(ConfigProvider.fromMap(new Map(entries), { pathDelim: "_" })),
    Effect.exit
  )

describe("PayPayClient", () => {
  it.effect("a missing setting is named as the environment variable to set, the secret included", () =>
    Effect.gen(function* () {
      const exit = yield* fromEnv([["PAYPAY_API_KEY", "k"]])
      assert.isTrue(Exit.isFailure(exit))
      if (Exit.isSuccess(exit)) return
      const text = Cause.pretty(exit.cause)
      assert.include(text, "the environment variable PAYPAY_API_SECRET is not set")
      assert.notInclude(text, "<redacted>")
      const none = yield* fromEnv([])
      assert.isTrue(Exit.isFailure(none))
      if (Exit.isFailure(none)) {
        const all = Cause.pretty(none.cause)
        assert.include(all, "PAYPAY_API_KEY is not set")
        assert.include(all, "PAYPAY_API_SECRET is not set")
      }
      const ok = yield* fromEnv([
        ["PAYPAY_API_KEY", "k"],
        ["PAYPAY_API_SECRET", "s"]
      ])
      assert.isTrue(Exit.isSuccess(ok))
    })
  )

  it.effect("an unknown operation in timeouts is refused when the client is built", () =>
    Effect.gen(function* () {
      const { layer } = yield* makeFake([ok(null)], { timeouts: { "Codes.craete": "1 second" } as never })
      const exit = yield* Effect.exit(Codes.remove("04-x").pipe(Effect.provide(layer)))
      assert.isTrue(Exit.isFailure(exit) && Cause.isDie(exit.cause))
      if (Exit.isFailure(exit)) assert.include(Cause.pretty(exit.cause), 'unknown operation "Codes.craete"')
    })
  )

  it.effect("operations lists every endpoint of the SDK", () =>
    Effect.promise(async () => {
      const { readdirSync, readFileSync } = await import("node:fs")
      const dir = new URL("../src/", import.meta.url)
      const found = new Set<string>()
      for (const file of readdirSync(dir).filter((name) => name.endsWith(".ts"))) {
        for (const match of readFileSync(new URL(file, dir), "utf8").matchAll(/operation: "([A-Za-z]+\.[A-Za-z]+)"/g)) {
          found.add(match[1]!)
        }
      }
      for (const match of readFileSync(new URL("internal/refunds.ts", dir), "utf8").matchAll(
        /operation: "([A-Za-z]+\.[A-Za-z]+)"/g
      )) {
        found.add(match[1]!)
      }
      assert.deepStrictEqual([...found].sort(), [...PayPayClient.operations].sort())
    })
  )

  it.effect("layerTransport runs the whole pipeline over a custom transport, which the service does not expose", () =>
    Effect.gen(function* () {
      const seen: Array<Transport.TransportRequest> = []
      const transport: Transport.Transport = {
        send: (request) =>
          Effect.sync(() => {
            seen.push(request)
            return {
              status: 201,
              headers: { "x-request-id": "r-1" },
              text: JSON.stringify({
                resultInfo: { code: "SUCCESS", message: "Success", codeId: "08100001" },
                data: qrWire()
              })
            }
          })
      }
      const layer = PayPayClient.layerTransport(
        { apiKey: credentials.apiKey, apiSecret: Redacted.make(credentials.apiSecret), baseUrl: "http://sim.test/" },
        transport
      )
      const code = yield* Codes.create({ merchantPaymentId: "mp-1", amount: { amount: 100, currency: "JPY" } }).pipe(
        Effect.provide(layer)
      )
      assert.instanceOf(code, Codes.QrCode)
      assert.strictEqual(seen[0]!.path, "/v2/codes")
      assert.strictEqual(seen[0]!.baseUrl, "http://sim.test")
      assert.match(seen[0]!.headers["authorization"]!, /^hmac OPA-Auth:/)
      const service = yield* PayPayClient.PayPayClient.pipe(Effect.provide(layer))
      assert.notProperty(service, "transport")
      assert.notInclude(JSON.stringify(service), "send")
      assert.isUndefined(service.httpClient)
    })
  )
})
