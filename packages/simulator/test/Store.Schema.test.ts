/**
 * The store's schema (issue 12, findings 3 and 8): what queries filter and index on lives in real columns, so no
 * stored document can break another request and no request's cost grows with the store.
 *
 * - A maximal allowed document stored for one merchant changes nothing for it or for another merchant.
 * - A `--db` file written by schema version 1 (before the real columns) holding a document nested 1,000 deep, which
 *   made every native payment of its merchant fail with a storage error, is migrated and serves again.
 * - `EXPLAIN QUERY PLAN` of every statement that every route, the control API and the expiry sweep run: each
 *   reads through an index search on more than the merchant, never a scan of a table or of a merchant's rows
 *   (except the listings and resets named below, whose answer is the merchant's rows).
 */
import { assert, describe, it } from "@effect/vitest"
import Sqlite3 from "better-sqlite3"
import { Effect } from "effect"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import * as Simulator from "../src/Simulator.js"
import * as SimulatorConfig from "../src/SimulatorConfig.js"
import * as ControlClient from "../src/Control/ControlClient.js"
import * as InProcess from "../src/InProcess.js"
import * as Database from "../src/Store/Database.js"
import * as Sqlite from "../src/Store/Sqlite.js"
import { documented, handle, sweep } from "./helpers/sweep.js"
import { nestedObjectsJson, post } from "./helpers/wire.js"

const maximalMetadata = (): Record<string, unknown> => {
  const metadata: Record<string, unknown> = { order: { lines: { first: { note: "" } } }, tags: ["a", "b"] }
  const note = (metadata.order as any).lines.first
  const size = () => Buffer.byteLength(JSON.stringify(metadata))
  note.note = "x".repeat(4096 - size())
  return metadata
}

const maximal = {
  metadata: maximalMetadata(),
  orderDescription: "d".repeat(255),
  storeId: "s".repeat(255),
  terminalId: "t".repeat(255),
  orderItems: Array.from({ length: 100 }, (_, i) => ({
    name: `${i}`.padEnd(255, "n"),
    category: "c".repeat(255),
    productId: "p".repeat(255),
    quantity: 1,
    unitPrice: { amount: 1, currency: "JPY" }
  }))
}

/**
 * The route and result code of each call, ids normalised. Cashback details move from TRANSACTION_NOT_FOUND to
 * SUCCESS as simulated seconds pass (a sweep may cross a second), so that one call is left out.
 */
const codesOf = (calls: ReadonlyArray<{ readonly route: string; readonly code: string }>) =>
  calls
    .filter((call) => !call.route.startsWith("GET /v2/cashback/"))
    .map((call) => `${call.route.replace(/\/(a|b|a2|mig)-/, "/ID-").replace(/\/04-\w+$/, "/CODE")} ${call.code}`)

describe("store schema", () => {
  it.effect("the maximal metadata is exactly at the SDK's bounds", () =>
    Effect.sync(() => assert.strictEqual(Buffer.byteLength(JSON.stringify(maximal.metadata)), 4096))
  )

  it.live("a maximal allowed document stored for one merchant changes nothing for it or for another", () =>
    Effect.gen(function* () {
      const stored = yield* sweep("shop-a", "a", maximal)
      const first = stored.find((call) => call.route === "POST /v2/codes")
      assert.strictEqual(first?.code, "SUCCESS")
      assert.deepStrictEqual(first?.data.metadata, maximal.metadata)
      const again = yield* sweep("shop-a", "a2")
      const other = yield* sweep("shop-b", "b")
      for (const call of [...stored, ...again, ...other]) assert.isTrue(documented(call), JSON.stringify(call))
      assert.deepStrictEqual(codesOf(stored), codesOf(other))
      assert.deepStrictEqual(codesOf(again), codesOf(other))
      assert.include(codesOf(other), "POST /v2/payments SUCCESS")
      assert.include(codesOf(other), "POST /v2/refunds SUCCESS")
    }).pipe(Effect.provide(Simulator.layer({ anyMerchant: true })))
  )
})

/** The schema as version 1 wrote it (commit e7bbe46): no real columns, the held index over `json_extract`. */
const VERSION_1 = [
  "CREATE TABLE kv (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
  `CREATE TABLE payments (
    id INTEGER PRIMARY KEY, api_key TEXT NOT NULL, merchant_id TEXT NOT NULL, merchant_payment_id TEXT NOT NULL,
    payment_id TEXT NOT NULL, code_id TEXT, kind TEXT NOT NULL, status TEXT NOT NULL, doc TEXT NOT NULL,
    UNIQUE (api_key, merchant_id, merchant_payment_id))`,
  "CREATE UNIQUE INDEX payments_payment_id ON payments (payment_id)",
  "CREATE UNIQUE INDEX payments_code_id ON payments (code_id) WHERE code_id IS NOT NULL",
  `CREATE INDEX payments_held ON payments (json_extract(doc, '$.expiresAt'))
    WHERE status IN ('AUTHORIZED', 'REAUTHORIZING')`,
  `CREATE TABLE users (id INTEGER PRIMARY KEY, api_key TEXT NOT NULL, merchant_id TEXT NOT NULL,
    user_authorization_id TEXT NOT NULL, doc TEXT NOT NULL, UNIQUE (api_key, merchant_id, user_authorization_id))`
]

const API_KEY = SimulatorConfig.defaultCredential.apiKey
const MERCHANT = SimulatorConfig.defaultMerchantId

const legacyDatabase = (file: string) => {
  const db = new Sqlite3(file)
  for (const statement of VERSION_1) db.exec(statement)
  const now = Math.floor(Date.now() / 1000)
  const doc = (id: string, kind: string, status: string, extra: string) =>
    `{"paymentId":"${id}-pid","merchantPaymentId":"${id}","kind":"${kind}","status":"${status}",` +
    `"amount":{"amount":100,"currency":"JPY"},"requestedAt":${now},"cancelRequested":false,"refunds":[],` +
    `"captures":[]${extra}}`
  const insert = db.prepare(`INSERT INTO payments (api_key, merchant_id, merchant_payment_id, payment_id, code_id, kind,
    status, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
  insert.run(
    API_KEY,
    MERCHANT,
    "deep",
    "deep-pid",
    "04-deep",
    "code",
    "CREATED",
    doc(
      "deep",
      "code",
      "CREATED",
      `,"code":{"codeId":"04-deep","expiresAt":${now + 300},"deleted":false,"isAuthorization":false},"metadata":${nestedObjectsJson(1000)}`
    )
  )
  insert.run(
    API_KEY,
    MERCHANT,
    "earlier",
    "earlier-pid",
    null,
    "native",
    "COMPLETED",
    doc("earlier", "native", "COMPLETED", `,"acceptedAt":${now - 10},"userAuthorizationId":"legacy-user"`)
  )
  db.prepare("INSERT INTO users (api_key, merchant_id, user_authorization_id, doc) VALUES (?, ?, ?, ?)").run(
    API_KEY,
    MERCHANT,
    "legacy-user",
    JSON.stringify({
      userAuthorizationId: "legacy-user",
      balance: 10_000,
      scopes: ["direct_debit", "preauth_capture_native"],
      status: "ACTIVE",
      referenceIds: [],
      createdAt: now - 100
    })
  )
  db.close()
}

describe("schema migration of a --db file", () => {
  it.scopedLive("a version-1 file with a document nested 1,000 deep: migrated, and its merchant's payments work", () =>
    Effect.gen(function* () {
      const dir = mkdtempSync(join(tmpdir(), "paypay-sim-v1-"))
      yield* Effect.addFinalizer(() => Effect.sync(() => rmSync(dir, { recursive: true, force: true })))
      const file = join(dir, "sim.db")
      legacyDatabase(file)
      const { sweepCalls, similar } = yield* Effect.gen(function* () {
        const sweepCalls = yield* sweep(MERCHANT, "mig")
        const now = Math.floor(Date.now() / 1000)
        const similar = yield* sweepOne("earlier-again", now)
        return { sweepCalls, similar }
      }).pipe(Effect.provide(Simulator.layer({ database: file })))
      for (const call of sweepCalls) assert.isTrue(documented(call), JSON.stringify(call))
      assert.include(codesOf(sweepCalls), "POST /v2/payments SUCCESS")
      assert.strictEqual(similar, "SUSPECTED_DUPLICATE_PAYMENT")
      const db = new Sqlite3(file, { readonly: true })
      const row = db
        .prepare("SELECT user_authorization_id, amount, started_at FROM payments WHERE merchant_payment_id = 'earlier'")
        .get() as any
      const version = db.prepare("SELECT value FROM kv WHERE key = ?").get(Database.SCHEMA_VERSION_KEY) as any
      const indexes = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index'")
        .all()
        .map((r: any) => r.name)
      db.close()
      assert.deepStrictEqual([row.user_authorization_id, row.amount], ["legacy-user", 100])
      assert.strictEqual(version.value, String(Database.SCHEMA_VERSION))
      assert.notInclude(indexes, "payments_held")
      assert.include(indexes, "payments_held_until")
    })
  )
})

/** A native payment of the legacy user (same amount as its stored one): its code. */
const sweepOne = (merchantPaymentId: string, now: number) =>
  Effect.map(
    handle(
      post("/v2/payments", {
        merchantPaymentId,
        userAuthorizationId: "legacy-user",
        amount: { amount: 100, currency: "JPY" },
        requestedAt: now
      })
    ),
    (call) => call.code
  )

// =============================================================================
// Query plans
// =============================================================================

/** Every SQL text prepared while `effect` runs (better-sqlite3 prepares every statement the stores run). */
const recordingStatements = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.acquireUseRelease(
    Effect.sync(() => {
      const seen = new Set<string>()
      const prepare = Sqlite3.prototype.prepare
      Sqlite3.prototype.prepare = function (this: Sqlite3.Database, source: string) {
        seen.add(source)
        return prepare.call(this, source)
      } as typeof prepare
      return { seen, prepare }
    }),
    ({ seen }) => Effect.as(effect, seen),
    ({ prepare }) =>
      Effect.sync(() => {
        Sqlite3.prototype.prepare = prepare
      })
  )

/** The number of `?` parameters of a statement (none of ours has one inside a string literal). */
const parameters = (source: string) => (source.replace(/'[^']*'/g, "").match(/\?/g) ?? []).length

const UNPLANNED = /^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|CREATE|DROP|ALTER|PRAGMA)\b/i

/**
 * Statements whose answer is, by design, every row of a merchant: the control API's and dashboard's listings and
 * the resets. They may read all of one merchant's rows (through the tenant index), never a whole table. Anything
 * else that reads a merchant's rows without narrowing them by an index fails the test.
 */
const LISTINGS: ReadonlyArray<RegExp> = [
  /^DELETE FROM "?\w+"? WHERE api_key = \? AND merchant_id = \?$/,
  /^SELECT api_key, merchant_id, doc FROM payments WHERE api_key = \? AND merchant_id = \? ORDER BY id$/,
  /^SELECT doc FROM users WHERE api_key = \? AND merchant_id = \? ORDER BY id$/,
  /^SELECT \* FROM webhook_events WHERE api_key = \? AND merchant_id = \? ORDER BY id$/
]

/** Run once when the simulator starts, never by a request: the schema check, and the webhook settings and merchant registry it caches. */
const STARTUP: ReadonlyArray<RegExp> = [
  /FROM sqlite_master/,
  /^SELECT api_key, merchant_id, url, schedule FROM webhook_endpoints$/,
  /^SELECT api_key, merchant_id, doc FROM webhook_switches$/,
  /^SELECT api_key, doc FROM merchants$/
]

/** Tables with one row per merchant (keyed by `api_key, merchant_id`): a tenant lookup there is a single row. */
const PER_MERCHANT_TABLES: ReadonlyArray<string> = ["campaign_wallets", "webhook_endpoints", "webhook_switches"]

const squash = (source: string) => source.replace(/\s+/g, " ").trim()

interface Violation {
  readonly statement: string
  readonly plan: ReadonlyArray<string>
}

const TABLE_SCAN = /^SCAN (\w+)(?! USING)/
const MERCHANT_ONLY = /^SEARCH (\w+) USING (?:COVERING )?INDEX \S+ \(api_key=\? AND merchant_id=\?\)$/

const violations = (db: Sqlite.Db, statements: Iterable<string>): ReadonlyArray<Violation> => {
  const found: Array<Violation> = []
  for (const source of statements) {
    const statement = squash(source)
    if (UNPLANNED.test(source) || STARTUP.some((pattern) => pattern.test(statement))) continue
    const plan = db
      .all<{ readonly detail: string }>(`EXPLAIN QUERY PLAN ${source}`, ...Array(parameters(source)).fill(null))
      .map((row) => row.detail)
    const listing = LISTINGS.some((pattern) => pattern.test(statement))
    const bad = plan.some((detail) => {
      const scan = TABLE_SCAN.exec(detail)
      if (scan !== null) return scan[1] !== "CONSTANT"
      const merchantOnly = MERCHANT_ONLY.exec(detail)
      return merchantOnly !== null && !listing && !PER_MERCHANT_TABLES.includes(merchantOnly[1]!)
    })
    if (bad) found.push({ statement, plan })
  }
  return found
}

describe("query plans", () => {
  it.live("every statement a request runs is an index search, never a scan of a table or of a merchant's rows", () =>
    Effect.gen(function* () {
      const statements = yield* recordingStatements(
        Effect.gen(function* () {
          yield* sweep("plan-a", "pa")
          yield* sweep("plan-b", "pb")
          const control = yield* ControlClient.make(InProcess.BASE_URL)
          yield* control.payments
          yield* control.users
          yield* control.webhookEvents()
          yield* control.advanceClock(40 * 86_400)
          yield* sweep("plan-a", "pa2")
          yield* control.reset()
        }).pipe(Effect.provide(InProcess.layer({ anyMerchant: true })))
      )
      const found = yield* Effect.flatMap(Sqlite.Sqlite, (sqlite) =>
        sqlite.run((db) => violations(db, statements))
      ).pipe(Effect.provide(Database.layerMemory))
      assert.isAbove(statements.size, 40)
      assert.deepStrictEqual(found, [])
    })
  )
})
