/**
 * The simulator's SQLite database (@effect/sql's `SqlClient` over better-sqlite3, `Store/Sqlite.ts`) and its schema.
 *
 * `":memory:"` by default (tests: every layer build is a fresh, empty database); a file with WAL journaling for the
 * dev server. The schema is created (`CREATE TABLE IF NOT EXISTS`) once, when the layer is built, so every store
 * that reads `SqlClient` from this layer finds its tables. All SQL of the simulator lives in `Store/`.
 *
 * @since 0.1.0
 */
import * as SqlClient from "@effect/sql/SqlClient"
import type { SqlError } from "@effect/sql/SqlError"
import * as Arr from "effect/Array"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as PaymentDoc from "./PaymentDoc.js"
import * as Sqlite from "./Sqlite.js"

/**
 * Who owns a row: the API key that signed the request plus the merchant (`X-ASSUME-MERCHANT` / `assumeMerchant`,
 * `""` when absent). Every store keys its rows by tenant, so merchants never see each other's data.
 *
 * @since 0.1.0
 * @category Models
 */
export interface Tenant {
  readonly apiKey: string
  readonly merchantId: string
}

/**
 * Build a {@link Tenant}; a missing merchant id becomes `""`.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const tenant = (apiKey: string, merchantId?: string | undefined): Tenant => ({
  apiKey,
  merchantId: merchantId ?? ""
})

/**
 * @since 0.1.0
 * @category Config
 */
export interface Options {
  /** SQLite file path, or `":memory:"` (the default). Files use the WAL journal mode. */
  readonly filename?: string | undefined
}

const statements: ReadonlyArray<string> = [
  `CREATE TABLE IF NOT EXISTS kv (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS payments (
    id INTEGER PRIMARY KEY,
    api_key TEXT NOT NULL,
    merchant_id TEXT NOT NULL,
    merchant_payment_id TEXT NOT NULL,
    payment_id TEXT NOT NULL,
    code_id TEXT,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    doc TEXT NOT NULL,
    user_authorization_id TEXT,
    amount INTEGER,
    started_at INTEGER,
    expires_at INTEGER,
    UNIQUE (api_key, merchant_id, merchant_payment_id)
  )`,
  "CREATE UNIQUE INDEX IF NOT EXISTS payments_payment_id ON payments (payment_id)",
  "CREATE UNIQUE INDEX IF NOT EXISTS payments_code_id ON payments (code_id) WHERE code_id IS NOT NULL",
  `CREATE TABLE IF NOT EXISTS refunds (
    api_key TEXT NOT NULL,
    merchant_id TEXT NOT NULL,
    merchant_refund_id TEXT NOT NULL,
    merchant_payment_id TEXT NOT NULL,
    PRIMARY KEY (api_key, merchant_id, merchant_refund_id)
  )`,
  `CREATE TABLE IF NOT EXISTS users (
    id INTEGER PRIMARY KEY,
    api_key TEXT NOT NULL,
    merchant_id TEXT NOT NULL,
    user_authorization_id TEXT NOT NULL,
    doc TEXT NOT NULL,
    UNIQUE (api_key, merchant_id, user_authorization_id)
  )`,
  "DROP INDEX IF EXISTS payments_status",
  "DROP INDEX IF EXISTS payments_held",
  `CREATE INDEX IF NOT EXISTS payments_held_until ON payments (expires_at)
    WHERE status IN ('AUTHORIZED', 'REAUTHORIZING')`,
  `CREATE INDEX IF NOT EXISTS payments_by_user
    ON payments (api_key, merchant_id, user_authorization_id, amount, started_at)`,
  `CREATE TABLE IF NOT EXISTS link_sessions (
    session_id TEXT PRIMARY KEY,
    api_key TEXT NOT NULL,
    merchant_id TEXT NOT NULL,
    doc TEXT NOT NULL
  )`,
  "CREATE INDEX IF NOT EXISTS link_sessions_tenant ON link_sessions (api_key, merchant_id)",
  `CREATE TABLE IF NOT EXISTS campaign_wallets (
    api_key TEXT NOT NULL,
    merchant_id TEXT NOT NULL,
    balance INTEGER NOT NULL,
    PRIMARY KEY (api_key, merchant_id)
  )`,
  `CREATE TABLE IF NOT EXISTS cashbacks (
    api_key TEXT NOT NULL,
    merchant_id TEXT NOT NULL,
    merchant_cashback_id TEXT NOT NULL,
    doc TEXT NOT NULL,
    PRIMARY KEY (api_key, merchant_id, merchant_cashback_id)
  )`,
  `CREATE TABLE IF NOT EXISTS cashback_reversals (
    api_key TEXT NOT NULL,
    merchant_id TEXT NOT NULL,
    merchant_cashback_reversal_id TEXT NOT NULL,
    doc TEXT NOT NULL,
    PRIMARY KEY (api_key, merchant_id, merchant_cashback_reversal_id)
  )`,
  `CREATE TABLE IF NOT EXISTS topups (
    api_key TEXT NOT NULL,
    merchant_id TEXT NOT NULL,
    merchant_topup_id TEXT NOT NULL,
    code_id TEXT NOT NULL UNIQUE,
    doc TEXT NOT NULL,
    PRIMARY KEY (api_key, merchant_id, merchant_topup_id)
  )`,
  `CREATE TABLE IF NOT EXISTS webhook_events (
    id INTEGER PRIMARY KEY,
    api_key TEXT NOT NULL,
    merchant_id TEXT NOT NULL,
    notification_type TEXT NOT NULL,
    subject TEXT NOT NULL,
    state TEXT,
    payload TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    copies INTEGER NOT NULL,
    reversed INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    next_attempt_at INTEGER NOT NULL
  )`,
  "CREATE INDEX IF NOT EXISTS webhook_events_due ON webhook_events (status, next_attempt_at)",
  "CREATE INDEX IF NOT EXISTS webhook_events_tenant ON webhook_events (api_key, merchant_id)",
  `CREATE TABLE IF NOT EXISTS webhook_attempts (
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL,
    api_key TEXT NOT NULL,
    merchant_id TEXT NOT NULL,
    attempt INTEGER NOT NULL,
    at INTEGER NOT NULL,
    url TEXT NOT NULL,
    status INTEGER,
    latency_ms INTEGER NOT NULL,
    error TEXT,
    outcome TEXT NOT NULL
  )`,
  "CREATE INDEX IF NOT EXISTS webhook_attempts_tenant ON webhook_attempts (api_key, merchant_id)",
  `CREATE TABLE IF NOT EXISTS webhook_endpoints (
    api_key TEXT NOT NULL,
    merchant_id TEXT NOT NULL,
    url TEXT NOT NULL,
    schedule TEXT NOT NULL,
    PRIMARY KEY (api_key, merchant_id)
  )`,
  `CREATE TABLE IF NOT EXISTS webhook_switches (
    api_key TEXT NOT NULL,
    merchant_id TEXT NOT NULL,
    doc TEXT NOT NULL,
    PRIMARY KEY (api_key, merchant_id)
  )`,
  `CREATE TABLE IF NOT EXISTS merchants (
    api_key TEXT NOT NULL,
    merchant_id TEXT NOT NULL,
    doc TEXT NOT NULL,
    PRIMARY KEY (api_key, merchant_id)
  )`
]

/**
 * Tables holding tenant data besides payments, refunds and users (which their stores reset themselves). Webhook
 * events and their delivery log are data; a tenant's webhook endpoint and switches are settings and survive a reset.
 *
 * @since 0.1.0
 * @category Models
 */
export const extraTenantTables: ReadonlyArray<string> = [
  "link_sessions",
  "campaign_wallets",
  "cashbacks",
  "cashback_reversals",
  "topups",
  "webhook_events",
  "webhook_attempts"
]

/**
 * The version of the schema this code writes, kept in the `kv` table under {@link SCHEMA_VERSION_KEY}. Version 1
 * is every database made before versions were recorded; version 2 keeps what queries filter and index on in real
 * columns of `payments` (`PaymentDoc.columns`) instead of in `json_extract` over the stored document.
 *
 * @since 0.1.0
 * @category Models
 */
export const SCHEMA_VERSION = 2

/**
 * @since 0.1.0
 * @category Models
 */
export const SCHEMA_VERSION_KEY = "schema_version"

const BACKFILL_BATCH = 1000

/**
 * Version 1 → 2: add the real columns of `payments` and fill them from each stored document, parsed by JavaScript
 * (whose parser has no depth limit), so a document SQLite's JSON functions cannot read is migrated like any other;
 * one that is not JSON at all keeps `NULL`s.
 */
const addPaymentColumns = (sql: SqlClient.SqlClient) =>
  Effect.gen(function* () {
    for (const column of ["user_authorization_id TEXT", "amount INTEGER", "started_at INTEGER", "expires_at INTEGER"]) {
      yield* sql.unsafe(`ALTER TABLE payments ADD COLUMN ${column}`)
    }
    let after = 0
    while (true) {
      const rows = yield* sql<{ readonly id: number; readonly doc: string }>`SELECT id, doc FROM payments
        WHERE id > ${after} ORDER BY id LIMIT ${BACKFILL_BATCH}`
      for (const row of rows) {
        const c = PaymentDoc.columns(parseOrEmpty(row.doc))
        yield* sql`UPDATE payments SET user_authorization_id = ${c.user_authorization_id}, amount = ${c.amount},
          started_at = ${c.started_at}, expires_at = ${c.expires_at} WHERE id = ${row.id}`
      }
      const last = rows[rows.length - 1]
      if (last === undefined || rows.length < BACKFILL_BATCH) break
      after = last.id
    }
  })

const parseOrEmpty = (doc: string): Record<string, unknown> => {
  try {
    const value: unknown = JSON.parse(doc)
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}

/** Migrations by the version they upgrade from. */
const migrations: ReadonlyArray<
  readonly [from: number, migrate: (sql: SqlClient.SqlClient) => Effect.Effect<void, SqlError>]
> = [[1, addPaymentColumns]]

/** The recorded version; a database with tables but no recorded version is version 1, an empty one current. */
const versionOf = (sql: SqlClient.SqlClient) =>
  Effect.gen(function* () {
    const recorded = yield* kvGet(SCHEMA_VERSION_KEY)
    if (Option.isSome(recorded)) return Number(recorded.value)
    const tables = yield* sql<{ readonly name: string }>`SELECT name FROM sqlite_master
      WHERE type = 'table' AND name = 'payments'`
    return tables.length === 0 ? SCHEMA_VERSION : 1
  }).pipe(Effect.provideService(SqlClient.SqlClient, sql))

/**
 * Create every table and index if missing, after upgrading an older database (a `--db` file written by an earlier
 * version) to {@link SCHEMA_VERSION}, all in one transaction. Idempotent.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const createSchema: Effect.Effect<void, SqlError, SqlClient.SqlClient> = Effect.flatMap(
  SqlClient.SqlClient,
  (sql) =>
    sql.withTransaction(
      Effect.gen(function* () {
        yield* sql.unsafe(statements[0]!)
        const version = yield* versionOf(sql)
        for (const [from, migrate] of migrations) {
          if (version <= from) yield* migrate(sql)
        }
        yield* Effect.forEach(statements, (statement) => sql.unsafe(statement), { discard: true })
        yield* kvSet(SCHEMA_VERSION_KEY, String(SCHEMA_VERSION)).pipe(Effect.provideService(SqlClient.SqlClient, sql))
      })
    )
)

/**
 * Read a value from the `kv` table (simulator settings such as the clock offset).
 *
 * @since 0.1.0
 * @category Utils
 */
export const kvGet = (key: string): Effect.Effect<Option.Option<string>, SqlError, SqlClient.SqlClient> =>
  Effect.flatMap(SqlClient.SqlClient, (sql) =>
    Effect.map(sql<{ readonly value: string }>`SELECT value FROM kv WHERE key = ${key}`, (rows) =>
      Option.map(Arr.head(rows), (row) => row.value)
    )
  )

/**
 * Insert or replace a value in the `kv` table.
 *
 * @since 0.1.0
 * @category Utils
 */
export const kvSet = (key: string, value: string): Effect.Effect<void, SqlError, SqlClient.SqlClient> =>
  Effect.flatMap(
    SqlClient.SqlClient,
    (sql) =>
      sql`INSERT INTO kv (key, value) VALUES (${key}, ${value})
        ON CONFLICT (key) DO UPDATE SET value = excluded.value`
  ).pipe(Effect.asVoid)

/**
 * The SQLite client with the simulator's schema in place.
 *
 * @since 0.1.0
 * @category Layers
 */
export const layer = (options: Options = {}): Layer.Layer<Sqlite.Sqlite | SqlClient.SqlClient, SqlError> =>
  Layer.effectDiscard(createSchema).pipe(Layer.provideMerge(Sqlite.layer({ filename: options.filename ?? ":memory:" })))

/**
 * A fresh in-memory database per layer build.
 *
 * @since 0.1.0
 * @category Layers
 */
export const layerMemory: Layer.Layer<Sqlite.Sqlite | SqlClient.SqlClient, SqlError> = layer()
