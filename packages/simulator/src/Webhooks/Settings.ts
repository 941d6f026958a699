/**
 * Per-tenant webhook settings — the endpoint (URL and retry schedule) and the delivery switches — persisted in
 * SQLite and cached in memory, so recording an event inside a state change costs no extra query. The
 * simulator-wide default endpoint (`--webhook-url`) applies to every tenant without its own; it is not persisted.
 *
 * @since 0.1.0
 */
import type * as SqlClient from "@effect/sql/SqlClient"
import type { SqlError } from "@effect/sql/SqlError"
import * as Effect from "effect/Effect"
import * as Ref from "effect/Ref"
import * as Schema from "effect/Schema"
import * as SynchronizedRef from "effect/SynchronizedRef"
import type { Tenant } from "../Store/Database.js"
import {
  DEFAULT_SCHEDULE,
  type Endpoint,
  type ScheduleName,
  schedules,
  noSwitches,
  type Switches,
  type SwitchesPatch,
  Switches as SwitchesSchema
} from "./Models.js"

/**
 * A resolved endpoint: where to POST and with which schedule.
 *
 * @since 0.1.0
 * @category Models
 */
export interface Target {
  readonly url: string
  readonly schedule: ScheduleName
}

/**
 * The simulator-wide default endpoint.
 *
 * @since 0.1.0
 * @category Models
 */
export interface Defaults {
  readonly url?: string | undefined
  readonly schedule?: ScheduleName | undefined
}

/**
 * @since 0.1.0
 * @category Models
 */
export interface Settings {
  readonly target: (tenant: Tenant) => Effect.Effect<Target | undefined>
  readonly endpoint: (tenant: Tenant) => Effect.Effect<Endpoint>
  readonly setEndpoint: (tenant: Tenant, target: Target) => Effect.Effect<Endpoint, SqlError>
  /** `false` when the tenant had no endpoint of its own. */
  readonly removeEndpoint: (tenant: Tenant) => Effect.Effect<boolean, SqlError>
  readonly switches: (tenant: Tenant) => Effect.Effect<Switches>
  readonly setSwitches: (tenant: Tenant, patch: SwitchesPatch) => Effect.Effect<Switches, SqlError>
  /** Whether any tenant could receive webhooks (a default or at least one tenant endpoint). */
  readonly anyEndpoint: Effect.Effect<boolean>
}

const keyOf = (tenant: Tenant) => `${tenant.apiKey}\u0000${tenant.merchantId}`

const SwitchesJson = Schema.parseJson(SwitchesSchema)

const isSchedule = (name: string): name is ScheduleName => Object.hasOwn(schedules, name)

/**
 * Loads the persisted settings.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const make = (sql: SqlClient.SqlClient, defaults: Defaults): Effect.Effect<Settings, SqlError> =>
  Effect.gen(function* () {
    const endpointRows = yield* sql<{
      readonly api_key: string
      readonly merchant_id: string
      readonly url: string
      readonly schedule: string
    }>`SELECT api_key, merchant_id, url, schedule FROM webhook_endpoints`
    const switchRows = yield* sql<{
      readonly api_key: string
      readonly merchant_id: string
      readonly doc: string
    }>`SELECT api_key, merchant_id, doc FROM webhook_switches`
    const endpoints = yield* Ref.make(
      new Map<string, Target>(
        endpointRows.map((row) => [
          keyOf({ apiKey: row.api_key, merchantId: row.merchant_id }),
          { url: row.url, schedule: isSchedule(row.schedule) ? row.schedule : DEFAULT_SCHEDULE }
        ])
      )
    )
    const switched = new Map<string, Switches>()
    for (const row of switchRows) {
      const decoded = Schema.decodeUnknownOption(SwitchesJson)(row.doc)
      if (decoded._tag === "Some")
        switched.set(keyOf({ apiKey: row.api_key, merchantId: row.merchant_id }), decoded.value)
    }
    const switches = yield* SynchronizedRef.make(switched)
    const fallback: Target | undefined =
      defaults.url === undefined || defaults.url === ""
        ? undefined
        : { url: defaults.url, schedule: defaults.schedule ?? DEFAULT_SCHEDULE }

    const target = (tenant: Tenant) => Effect.map(Ref.get(endpoints), (all) => all.get(keyOf(tenant)) ?? fallback)

    const endpoint = (tenant: Tenant) =>
      Effect.map(Ref.get(endpoints), (all): Endpoint => {
        const own = all.get(keyOf(tenant))
        if (own !== undefined) return { ...own, source: "tenant" }
        if (fallback !== undefined) return { ...fallback, source: "default" }
        return { schedule: DEFAULT_SCHEDULE, source: "none" }
      })

    const setEndpoint = (tenant: Tenant, next: Target) =>
      Effect.gen(function* () {
        yield* sql`INSERT INTO webhook_endpoints (api_key, merchant_id, url, schedule)
          VALUES (${tenant.apiKey}, ${tenant.merchantId}, ${next.url}, ${next.schedule})
          ON CONFLICT (api_key, merchant_id) DO UPDATE SET url = excluded.url, schedule = excluded.schedule`
        yield* Ref.update(endpoints, (all) => new Map(all).set(keyOf(tenant), next))
        return yield* endpoint(tenant)
      })

    const removeEndpoint = (tenant: Tenant) =>
      Effect.gen(function* () {
        yield* sql`DELETE FROM webhook_endpoints WHERE api_key = ${tenant.apiKey} AND merchant_id = ${tenant.merchantId}`
        return yield* Ref.modify(endpoints, (all) => {
          const rest = new Map(all)
          return [rest.delete(keyOf(tenant)), rest] as const
        })
      })

    const current = (tenant: Tenant) =>
      Effect.map(SynchronizedRef.get(switches), (all) => all.get(keyOf(tenant)) ?? noSwitches)

    const setSwitches = (tenant: Tenant, patch: SwitchesPatch) =>
      SynchronizedRef.modifyEffect(switches, (all) =>
        Effect.gen(function* () {
          const next: Switches = { ...(all.get(keyOf(tenant)) ?? noSwitches), ...patch }
          const doc = yield* Effect.orDie(Schema.encode(SwitchesJson)(next))
          yield* sql`INSERT INTO webhook_switches (api_key, merchant_id, doc)
            VALUES (${tenant.apiKey}, ${tenant.merchantId}, ${doc})
            ON CONFLICT (api_key, merchant_id) DO UPDATE SET doc = excluded.doc`
          return [next, new Map(all).set(keyOf(tenant), next)] as const
        })
      )

    return {
      target,
      endpoint,
      setEndpoint,
      removeEndpoint,
      switches: current,
      setSwitches,
      anyEndpoint: Effect.map(Ref.get(endpoints), (all) => fallback !== undefined || all.size > 0)
    }
  })
