import { assert, describe, it } from "@effect/vitest"
import { Context, Effect, Layer } from "effect"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import * as Simulator from "../src/Simulator.js"
import * as SimulatorConfig from "../src/SimulatorConfig.js"
import { tenant } from "../src/Store/Database.js"
import { Merchants } from "../src/Store/Merchants.js"

const registryOf = (options: Simulator.Options) =>
  Effect.map(Layer.build(Simulator.layer(options)), (context) => Context.get(context, Merchants))

const ids = (merchants: Context.Tag.Service<Merchants>, apiKey: string) =>
  merchants.list(apiKey).map((merchant) => merchant.merchantId)

describe("merchant registry", () => {
  it.scoped("starts from the credentials (the default merchant when none are listed), with settings", () =>
    Effect.gen(function* () {
      const merchants = yield* registryOf({
        credentials: [
          SimulatorConfig.defaultCredential,
          { apiKey: "k2", apiSecret: "s2", merchantIds: ["a", { merchantId: "b", onboardedBefore2025: true }] },
          { apiKey: "k3", apiSecret: "s3" }
        ]
      })
      assert.isFalse(merchants.anyMerchant)
      assert.deepStrictEqual(ids(merchants, "sim_api_key"), ["sim_merchant"])
      assert.deepStrictEqual(ids(merchants, "k2"), ["a", "b"])
      assert.deepStrictEqual(ids(merchants, "k3"), [SimulatorConfig.defaultMerchantId])
      assert.isUndefined(merchants.find("k2", "sim_merchant"))
      assert.isTrue(merchants.settings(tenant("k2", "b")).onboardedBefore2025)
      assert.deepStrictEqual(merchants.settings(tenant("k2", "unregistered")), { merchantId: "unregistered" })
      const unknown = yield* Effect.flip(merchants.add("nobody", { merchantId: "x" }))
      assert.strictEqual(unknown._tag, "UnknownApiKey")
    })
  )

  it.scoped("merchants added at run time are kept in the database and found again after a restart", () =>
    Effect.gen(function* () {
      const dir = mkdtempSync(join(tmpdir(), "paypay-merchants-"))
      yield* Effect.addFinalizer(() => Effect.sync(() => rmSync(dir, { recursive: true, force: true })))
      const database = join(dir, "sim.db")
      yield* Effect.scoped(
        Effect.gen(function* () {
          const merchants = yield* registryOf({ database })
          yield* merchants.add("sim_api_key", { merchantId: "shop-2" })
          yield* merchants.add("sim_api_key", { merchantId: "sim_merchant", onboardedBefore2025: true })
        })
      )
      const again = yield* registryOf({ database })
      assert.deepStrictEqual(ids(again, "sim_api_key"), ["sim_merchant", "shop-2"])
      assert.isTrue(again.find("sim_api_key", "sim_merchant")?.onboardedBefore2025)
      const otherKey = yield* registryOf({ database, credentials: [{ apiKey: "k2", apiSecret: "s2" }] })
      assert.deepStrictEqual(ids(otherKey, "k2"), ["sim_merchant"])
      assert.deepStrictEqual(ids(otherKey, "sim_api_key"), [])
    })
  )
})
