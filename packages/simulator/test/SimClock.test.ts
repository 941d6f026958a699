import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { SqlClient } from "@effect/sql"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer, TestClock } from "effect"
import * as SimClock from "../src/SimClock.js"
import * as Database from "../src/Store/Database.js"

const tempDir = Effect.acquireRelease(
  Effect.sync(() => mkdtempSync(join(tmpdir(), "simclock-"))),
  (dir) => Effect.sync(() => rmSync(dir, { recursive: true, force: true }))
)

const fileClock = (filename: string) => SimClock.layer.pipe(Layer.provideMerge(Database.layer({ filename })))

describe("SimClock", () => {
  it.effect("follows Effect's Clock plus the offset (TestClock)", () =>
    Effect.gen(function* () {
      const clock = yield* SimClock.SimClock
      assert.strictEqual(yield* clock.now, 0)
      yield* clock.advance(60)
      assert.strictEqual(yield* clock.now, 60_000)
      assert.strictEqual(yield* clock.offset, 60_000)
      yield* TestClock.adjust("5 seconds")
      assert.strictEqual(yield* clock.now, 65_000)
      assert.strictEqual(yield* clock.nowSeconds, 65)
      yield* clock.advance(0.5)
      assert.strictEqual(yield* clock.now, 65_500)
      assert.strictEqual(yield* SimClock.nowSeconds, 65)
      yield* clock.advance(-65.5)
      assert.strictEqual(yield* SimClock.now, 0)
    }).pipe(Effect.provide(SimClock.layerMemory))
  )

  it.effect("set pins now to an instant; reset returns to Effect's clock", () =>
    Effect.gen(function* () {
      const clock = yield* SimClock.SimClock
      yield* TestClock.adjust("10 seconds")
      yield* clock.set(1_709_262_000_000)
      assert.strictEqual(yield* clock.now, 1_709_262_000_000)
      assert.strictEqual(yield* clock.offset, 1_709_262_000_000 - 10_000)
      yield* TestClock.adjust("1 second")
      assert.strictEqual(yield* clock.now, 1_709_262_001_000)
      yield* clock.reset
      assert.strictEqual(yield* clock.now, 11_000)
    }).pipe(Effect.provide(SimClock.layerMemory))
  )

  it.effect("concurrent advances are all applied", () =>
    Effect.gen(function* () {
      const clock = yield* SimClock.SimClock
      yield* Effect.all(
        Array.from({ length: 50 }, () => clock.advance(1)),
        { concurrency: "unbounded" }
      )
      assert.strictEqual(yield* clock.offset, 50_000)
    }).pipe(Effect.provide(SimClock.layerMemory))
  )

  it.scoped("the offset survives re-opening a file database (WAL)", () =>
    Effect.gen(function* () {
      const filename = join(yield* tempDir, "sim.db")
      yield* Effect.gen(function* () {
        const clock = yield* SimClock.SimClock
        assert.strictEqual(yield* clock.offset, 0)
        yield* clock.advance(3600)
        yield* clock.advance(60)
        const sql = yield* SqlClient.SqlClient
        const [mode] = yield* sql<{ journal_mode: string }>`PRAGMA journal_mode`
        assert.strictEqual(mode?.journal_mode, "wal")
      }).pipe(Effect.provide(fileClock(filename)))
      yield* Effect.gen(function* () {
        const clock = yield* SimClock.SimClock
        assert.strictEqual(yield* clock.offset, 3_660_000)
        assert.strictEqual(yield* clock.now, 3_660_000)
        yield* clock.reset
      }).pipe(Effect.provide(fileClock(filename)))
      const offset = yield* Effect.provide(SimClock.SimClock.pipe(Effect.flatMap((c) => c.offset)), fileClock(filename))
      assert.strictEqual(offset, 0)
    })
  )

  it.effect("a memory database starts from offset 0 each time", () =>
    Effect.gen(function* () {
      const clock = yield* SimClock.SimClock
      assert.strictEqual(yield* clock.offset, 0)
    }).pipe(Effect.provide(fileClock(":memory:")))
  )
})
