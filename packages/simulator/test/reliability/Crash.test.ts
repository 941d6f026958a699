/**
 * Reliability: crash durability. The dev server runs as a real process (the `paypay-simulator` bin) on a `--db`
 * file; 200 concurrent writes are sent, and the process is killed with SIGKILL while they are in flight. After a
 * restart on the same file, every write that was acknowledged (201) before the kill must be there. Three rounds,
 * each restart also checking the rounds before it; after the third kill the file is checked in this process.
 */
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { type ChildProcess, spawn } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import * as Simulator from "../../src/Simulator.js"
import { handle } from "../helpers/sweep.js"
import { post, sendRaw, signed } from "../helpers/wire.js"
import { figures, print } from "./figures.js"

const BIN = fileURLToPath(new URL("../../bin/paypay-simulator.mjs", import.meta.url))
const ROUNDS = 3
const WRITES = 200
const KILL_AFTER_ACKS = 60

interface Running {
  readonly child: ChildProcess
  readonly port: number
  readonly exited: Promise<unknown>
}

const start = (db: string) =>
  Effect.promise(
    () =>
      new Promise<Running>((resolve, reject) => {
        const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("PAYPAY_")))
        const child = spawn(process.execPath, [BIN, "--port", "0", "--db", db, "--quiet"], {
          stdio: ["ignore", "pipe", "pipe"],
          env
        })
        const exited = new Promise((done) => child.once("exit", done))
        let output = ""
        const onData = (chunk: string) => {
          output += chunk
          const match = /export PAYPAY_BASE_URL=http:\/\/127\.0\.0\.1:(\d+)/.exec(output)
          if (match?.[1] !== undefined) resolve({ child, port: Number(match[1]), exited })
        }
        child.stdout!.setEncoding("utf8").on("data", onData)
        child.stderr!.setEncoding("utf8").on("data", onData)
        void exited.then(() => reject(new Error(`simulator exited before listening:\n${output}`)))
      })
  )

const createBody = (merchantPaymentId: string) => ({
  merchantPaymentId,
  amount: { amount: 100, currency: "JPY" },
  codeType: "ORDER_QR",
  requestedAt: Math.floor(Date.now() / 1000)
})

/** Sends {@link WRITES} concurrent creates and SIGKILLs the server once {@link KILL_AFTER_ACKS} are acknowledged. */
const writeAndKill = (running: Running, round: number) =>
  Effect.promise(async () => {
    const acknowledged: Array<string> = []
    let killed = false
    await Promise.all(
      Array.from({ length: WRITES }, async (_, i) => {
        const id = `crash-${round}-${i}`
        const answer = await sendRaw(running.port, post("/v2/codes", createBody(id)))
        if (answer.status === 201) acknowledged.push(id)
        if (!killed && acknowledged.length >= KILL_AFTER_ACKS) {
          killed = true
          running.child.kill("SIGKILL")
        }
      })
    )
    await running.exited
    return acknowledged
  })

const missing = (running: Running, ids: ReadonlyArray<string>) =>
  Effect.promise(async () => {
    const lost: Array<string> = []
    for (const id of ids) {
      const answer = await sendRaw(running.port, signed({ method: "GET", path: `/v2/codes/payments/${id}` }))
      if (answer.status !== 200) lost.push(id)
    }
    return lost
  })

/** The same check in this process, on the file the killed server left (the last restart needs no process). */
const missingInProcess = (ids: ReadonlyArray<string>) =>
  Effect.gen(function* () {
    const lost: Array<string> = []
    for (const id of ids) {
      const call = yield* handle(signed({ method: "GET", path: `/v2/codes/payments/${id}` }))
      if (call.status !== 200) lost.push(id)
    }
    return lost
  })

describe("reliability: crash durability", () => {
  it.scopedLive(
    `${ROUNDS} rounds of ${WRITES} concurrent writes and a SIGKILL: every acknowledged write survives the restart`,
    () =>
      Effect.gen(function* () {
        const dir = mkdtempSync(join(tmpdir(), "paypay-sim-crash-"))
        yield* Effect.addFinalizer(() => Effect.sync(() => rmSync(dir, { recursive: true, force: true })))
        const db = join(dir, "sim.db")
        const f = figures()
        const acknowledged: Array<string> = []
        for (let round = 1; round <= ROUNDS; round++) {
          const running = yield* start(db)
          const lost = yield* missing(running, acknowledged)
          f.lost += lost.length
          assert.deepStrictEqual(lost, [], `lost after restart ${round}`)
          const acked = yield* writeAndKill(running, round)
          f.tried += WRITES
          f.accepted += acked.length
          acknowledged.push(...acked)
        }
        const lost = yield* missingInProcess(acknowledged).pipe(Effect.provide(Simulator.layer({ database: db })))
        f.lost += lost.length
        print(
          "crash durability (SIGKILL under 200 concurrent writes)",
          f,
          `${ROUNDS} kills, ${acknowledged.length} acknowledged`
        )
        assert.deepStrictEqual(lost, [])
        assert.isAtLeast(acknowledged.length, ROUNDS * KILL_AFTER_ACKS)
      }),
    240_000
  )
})
