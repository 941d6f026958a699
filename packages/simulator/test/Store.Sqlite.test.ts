import { SqlClient } from "@effect/sql"
import { assert, describe, it } from "@effect/vitest"
import { Deferred, Effect, Either, Fiber, Option } from "effect"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import * as Sqlite from "../src/Store/Sqlite.js"

const memory = Sqlite.layer({ filename: ":memory:" })

const setup = Effect.flatMap(SqlClient.SqlClient, (sql) =>
  sql`CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)`.pipe(Effect.asVoid)
)

const count = Effect.flatMap(Sqlite.Sqlite, (sqlite) =>
  sqlite.run((db) => db.get<{ readonly n: number }>("SELECT count(*) AS n FROM items")?.n ?? -1)
)

describe("Store/Sqlite", () => {
  it.effect("run: synchronous prepared statements over the SqlClient's database", () =>
    Effect.gen(function* () {
      yield* setup
      const sqlite = yield* Sqlite.Sqlite
      const sql = yield* SqlClient.SqlClient
      const changed = yield* sqlite.run((db) => db.run("INSERT INTO items (name) VALUES (?), (?)", "a", "b"))
      assert.strictEqual(changed, 2)
      const viaSql = yield* sql<{ readonly name: string }>`SELECT name FROM items ORDER BY id`
      assert.deepStrictEqual(
        viaSql.map((row) => row.name),
        ["a", "b"]
      )
      const rows = yield* sqlite.run((db) => db.all<{ readonly name: string }>("SELECT name FROM items ORDER BY id"))
      assert.deepStrictEqual(
        rows.map((row) => row.name),
        ["a", "b"]
      )
      assert.isUndefined(yield* sqlite.run((db) => db.get("SELECT 1 FROM items WHERE name = ?", "zzz")))
    }).pipe(Effect.provide(memory))
  )

  it.effect("run: a failing statement is a SqlError, not a defect", () =>
    Effect.gen(function* () {
      yield* setup
      const sqlite = yield* Sqlite.Sqlite
      yield* sqlite.run((db) => db.run("INSERT INTO items (name) VALUES (?)", "a"))
      const duplicate = yield* Effect.either(sqlite.run((db) => db.run("INSERT INTO items (name) VALUES (?)", "a")))
      assert.isTrue(Either.isLeft(duplicate))
      if (Either.isLeft(duplicate)) assert.strictEqual(duplicate.left._tag, "SqlError")
      const syntax = yield* Effect.either(sqlite.run((db) => db.get("SELEC nonsense")))
      assert.isTrue(Either.isLeft(syntax))
    }).pipe(Effect.provide(memory))
  )

  it.effect("db.atomic: writes stand or fall together", () =>
    Effect.gen(function* () {
      yield* setup
      const sqlite = yield* Sqlite.Sqlite
      const failed = yield* Effect.either(
        sqlite.run((db) =>
          db.atomic(() => {
            db.run("INSERT INTO items (name) VALUES (?)", "x")
            db.run("INSERT INTO items (name) VALUES (?)", "x")
          })
        )
      )
      assert.isTrue(Either.isLeft(failed))
      assert.strictEqual(yield* count, 0)
    }).pipe(Effect.provide(memory))
  )

  it.effect("run joins its own fiber's SqlClient transaction (rolled back with it)", () =>
    Effect.gen(function* () {
      yield* setup
      const sql = yield* SqlClient.SqlClient
      const sqlite = yield* Sqlite.Sqlite
      const result = yield* Effect.either(
        sql.withTransaction(
          Effect.gen(function* () {
            yield* sqlite.run((db) => db.run("INSERT INTO items (name) VALUES (?)", "inside"))
            assert.strictEqual(yield* count, 1)
            return yield* Effect.fail("abort" as const)
          })
        )
      )
      assert.deepStrictEqual(result, Either.left("abort"))
      assert.strictEqual(yield* count, 0)
    }).pipe(Effect.provide(memory))
  )

  it.effect("run waits while another fiber's transaction is open, then sees its commit", () =>
    Effect.gen(function* () {
      yield* setup
      const sql = yield* SqlClient.SqlClient
      const inserted = yield* Deferred.make<void>()
      const proceed = yield* Deferred.make<void>()
      const writer = yield* Effect.fork(
        sql.withTransaction(
          Effect.gen(function* () {
            yield* sql`INSERT INTO items (name) VALUES ('pending')`
            yield* Deferred.succeed(inserted, undefined)
            yield* Deferred.await(proceed)
          })
        )
      )
      yield* Deferred.await(inserted)
      const reader = yield* Effect.fork(count)
      yield* Effect.repeatN(Effect.yieldNow(), 20)
      assert.isTrue(Option.isNone(yield* Fiber.poll(reader)), "the read must wait for the open transaction")
      yield* Deferred.succeed(proceed, undefined)
      yield* Fiber.join(writer)
      assert.strictEqual(yield* Fiber.join(reader), 1)
    }).pipe(Effect.provide(memory))
  )

  it.effect("a plain SqlClient statement also waits for another fiber's transaction", () =>
    Effect.gen(function* () {
      yield* setup
      const sql = yield* SqlClient.SqlClient
      const opened = yield* Deferred.make<void>()
      const proceed = yield* Deferred.make<void>()
      const writer = yield* Effect.fork(
        sql.withTransaction(
          Effect.zipRight(
            sql`INSERT INTO items (name) VALUES ('t')`,
            Effect.zipRight(Deferred.succeed(opened, undefined), Deferred.await(proceed))
          )
        )
      )
      yield* Deferred.await(opened)
      const reader = yield* Effect.fork(sql<{ readonly n: number }>`SELECT count(*) AS n FROM items`)
      yield* Effect.repeatN(Effect.yieldNow(), 20)
      assert.isTrue(Option.isNone(yield* Fiber.poll(reader)))
      yield* Deferred.succeed(proceed, undefined)
      yield* Fiber.join(writer)
      assert.strictEqual((yield* Fiber.join(reader))[0]?.n, 1)
    }).pipe(Effect.provide(memory))
  )

  it.effect("a file database uses the WAL journal and keeps its rows across connections", () =>
    Effect.gen(function* () {
      const dir = mkdtempSync(join(tmpdir(), "sim-sqlite-"))
      const filename = join(dir, "test.db")
      const journal = yield* Effect.gen(function* () {
        yield* setup
        yield* Effect.flatMap(Sqlite.Sqlite, (sqlite) =>
          sqlite.run((db) => db.run("INSERT INTO items (name) VALUES (?)", "kept"))
        )
        return yield* Effect.flatMap(Sqlite.Sqlite, (sqlite) =>
          sqlite.run((db) => db.get<{ readonly journal_mode: string }>("PRAGMA journal_mode")?.journal_mode)
        )
      }).pipe(Effect.provide(Sqlite.layer({ filename })))
      assert.strictEqual(journal, "wal")
      const reopened = yield* count.pipe(Effect.provide(Sqlite.layer({ filename })))
      assert.strictEqual(reopened, 1)
      rmSync(dir, { recursive: true, force: true })
    })
  )
})
