/**
 * The merchant registry: which merchants each API key may act for (`X-ASSUME-MERCHANT` / `?assumeMerchant=`), with
 * their settings. It starts from `SimulatorConfig` (the credentials' `merchantIds`), grows at run time through the
 * control API (`POST /_simulator/merchants`) and keeps what was added in the database, so a dev server started
 * again on the same `--db` file remembers it. Every PayPay request checks its merchant, so reads are synchronous,
 * from memory; only additions touch SQL.
 *
 * @since 0.1.0
 */
import * as SqlClient from "@effect/sql/SqlClient"
import type { SqlError } from "@effect/sql/SqlError"
import * as Context from "effect/Context"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import { type Merchant, merchantsOf, SimulatorConfig } from "../SimulatorConfig.js"
import type { Tenant } from "./Database.js"

/**
 * The stored form of a {@link Merchant}.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const MerchantSchema = Schema.Struct({
  merchantId: Schema.String,
  onboardedBefore2025: Schema.optional(Schema.Boolean)
})

/**
 * A merchant can only be registered for an API key the simulator accepts.
 *
 * @since 0.1.0
 * @category Errors
 */
export class UnknownApiKey extends Data.TaggedError("UnknownApiKey")<{ readonly apiKey: string }> {}

/**
 * @since 0.1.0
 * @category Context
 */
export class Merchants extends Context.Tag("simulator/Merchants")<Merchants, Merchants.Service>() {}

/**
 * @since 0.1.0
 * @category Models
 */
export declare namespace Merchants {
  /**
   * @since 0.1.0
   * @category Models
   */
  export interface Service {
    /** Whether any merchant id is accepted, registered or not (`SimulatorConfig.anyMerchant`). */
    readonly anyMerchant: boolean
    /** The merchants registered for `apiKey`, in registration order. */
    readonly list: (apiKey: string) => ReadonlyArray<Merchant>
    /** The registered merchant `merchantId` of `apiKey`, if any. */
    readonly find: (apiKey: string, merchantId: string) => Merchant | undefined
    /** The settings that apply to a tenant: its registration, else the defaults (an open, `anyMerchant` tenant). */
    readonly settings: (tenant: Tenant) => Merchant
    /** Register a merchant for a configured API key, or replace its settings; kept in the database. */
    readonly add: (apiKey: string, merchant: Merchant) => Effect.Effect<Merchant, UnknownApiKey | SqlError>
  }
}

const MerchantJson = Schema.parseJson(MerchantSchema)

const compact = (merchant: Merchant): Merchant =>
  merchant.onboardedBefore2025 === undefined
    ? { merchantId: merchant.merchantId }
    : { merchantId: merchant.merchantId, onboardedBefore2025: merchant.onboardedBefore2025 }

/**
 * The registry over `SimulatorConfig` and the database's `merchants` table (created with the rest of the schema in `Database.ts`).
 *
 * @since 0.1.0
 * @category Constructors
 */
export const make: Effect.Effect<Merchants.Service, SqlError, SqlClient.SqlClient | SimulatorConfig> = Effect.gen(
  function* () {
    const sql = yield* SqlClient.SqlClient
    const config = yield* SimulatorConfig
    const byKey = new Map<string, Map<string, Merchant>>()
    const remember = (apiKey: string, merchant: Merchant) => {
      const merchants = byKey.get(apiKey) ?? new Map<string, Merchant>()
      merchants.set(merchant.merchantId, compact(merchant))
      byKey.set(apiKey, merchants)
    }
    for (const credential of config.credentials) {
      for (const merchant of merchantsOf(credential)) remember(credential.apiKey, merchant)
    }
    const rows = yield* sql<{ readonly api_key: string; readonly doc: string }>`SELECT api_key, doc FROM merchants`
    for (const row of rows) {
      if (!config.credentials.some((credential) => credential.apiKey === row.api_key)) continue
      remember(row.api_key, yield* Effect.orDie(Schema.decodeUnknown(MerchantJson)(row.doc)))
    }
    const find = (apiKey: string, merchantId: string) => byKey.get(apiKey)?.get(merchantId)
    return Merchants.of({
      anyMerchant: config.anyMerchant === true,
      list: (apiKey) => [...(byKey.get(apiKey)?.values() ?? [])],
      find,
      settings: (tenant) => find(tenant.apiKey, tenant.merchantId) ?? { merchantId: tenant.merchantId },
      add: (apiKey, merchant) =>
        Effect.gen(function* () {
          if (!config.credentials.some((credential) => credential.apiKey === apiKey)) {
            return yield* new UnknownApiKey({ apiKey })
          }
          const stored = compact(merchant)
          const doc = yield* Effect.orDie(Schema.encode(MerchantJson)(stored))
          yield* sql`INSERT INTO merchants (api_key, merchant_id, doc) VALUES (${apiKey}, ${stored.merchantId}, ${doc})
            ON CONFLICT (api_key, merchant_id) DO UPDATE SET doc = excluded.doc`
          remember(apiKey, stored)
          return stored
        })
    })
  }
)

/**
 * The registry; requires `SqlClient` (from `Database.layer`) and `SimulatorConfig`.
 *
 * @since 0.1.0
 * @category Layers
 */
export const layer: Layer.Layer<Merchants, SqlError, SqlClient.SqlClient | SimulatorConfig> = Layer.effect(
  Merchants,
  make
)
