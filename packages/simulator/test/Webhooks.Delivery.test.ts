/**
 * Webhook delivery: PayPay's retry schedules driven by the TestClock, failure, redelivery through the control API,
 * the switches (drop, duplicate, delay, reorder, maintenance) and a restart with deliveries pending.
 */
import { assert, describe, it } from "@effect/vitest"
import { Codes } from "@paypay-effect/sdk"
import { Effect, TestClock } from "effect"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import * as ControlClient from "../src/Control/ControlClient.js"
import * as InProcess from "../src/InProcess.js"
import { yen } from "./helpers/e2e.js"
import {
  advanceTo,
  attempts,
  awaitEvents,
  eventually,
  events,
  makeReceiver,
  pause,
  simulator
} from "./helpers/webhooks.js"

const control = ControlClient.make(InProcess.BASE_URL)

const pay = (merchantPaymentId: string) =>
  Effect.gen(function* () {
    const api = yield* control
    yield* Codes.create({ merchantPaymentId, amount: yen(100) })
    yield* api.approve(merchantPaymentId)
  })

const awaitAttempts = (n: number) => eventually(attempts, (all) => all.length >= n, `${n} delivery attempts`)

describe("webhook delivery", () => {
  it.effect("receiver down, schedule A: 1 attempt + 3 retries 100 ms apart, then failed; no more after", () =>
    Effect.gen(function* () {
      const receiver = yield* makeReceiver
      yield* receiver.setMode("down")
      yield* Effect.gen(function* () {
        yield* pay("order-1")
        yield* awaitAttempts(1)
        for (const n of [2, 3, 4]) {
          yield* advanceTo((n - 1) * 100)
          yield* awaitAttempts(n)
        }
        const [event] = yield* awaitEvents(1, (status) => status === "failed")
        assert.strictEqual(event!.attempts, 4)
        const log = yield* attempts
        assert.deepStrictEqual(
          log.map((a) => [a.attempt, a.at, a.outcome]),
          [
            [1, 0, "retry"],
            [2, 100, "retry"],
            [3, 200, "retry"],
            [4, 300, "failed"]
          ]
        )
        assert.include(log[0]!.error, "ECONNREFUSED")
        assert.strictEqual(log[0]!.status, undefined)
        yield* TestClock.adjust("10 seconds")
        yield* pause(20)
        assert.strictEqual((yield* receiver.posts).length, 4)
      }).pipe(Effect.provide(simulator(receiver)))
    })
  )

  it.effect("schedule A, receiver never answers: each attempt gives up after 2.0 s", () =>
    Effect.gen(function* () {
      const receiver = yield* makeReceiver
      yield* receiver.setMode("hang")
      yield* Effect.gen(function* () {
        yield* pay("order-1")
        yield* receiver.awaitPosts(1)
        yield* advanceTo(2_000)
        yield* awaitAttempts(1)
        yield* advanceTo(2_100)
        yield* receiver.awaitPosts(2)
        const [first] = yield* attempts
        assert.deepStrictEqual(
          [first!.at, first!.latencyMillis, first!.error, first!.outcome],
          [0, 2_000, "no answer within 2000 ms", "retry"]
        )
        assert.strictEqual((yield* receiver.posts)[1]!.at, 2_100)
      }).pipe(Effect.provide(simulator(receiver)))
    })
  )

  it.effect("schedule B, receiver never answers: 1.5 s timeout, 10 retries 500 ms apart, then failed", () =>
    Effect.gen(function* () {
      const receiver = yield* makeReceiver
      yield* receiver.setMode("hang")
      yield* Effect.gen(function* () {
        const api = yield* control
        yield* api.setWebhookEndpoint("http://slow.test/hooks", { schedule: "B" })
        yield* pay("order-1")
        for (let n = 1; n <= 11; n++) {
          const start = (n - 1) * 2_000
          yield* receiver.awaitPosts(n)
          yield* advanceTo(start + 1_500)
          yield* awaitAttempts(n)
          if (n < 11) yield* advanceTo(start + 2_000)
        }
        yield* awaitEvents(1, (status) => status === "failed")
        const log = yield* attempts
        assert.strictEqual(log.length, 11)
        assert.deepStrictEqual(
          log.map((a) => a.at),
          Array.from({ length: 11 }, (_, i) => i * 2_000)
        )
        assert.isTrue(log.every((a) => a.latencyMillis === 1_500 && a.error === "no answer within 1500 ms"))
        assert.deepStrictEqual(
          log.map((a) => a.outcome),
          [...Array.from({ length: 10 }, () => "retry"), "failed"]
        )
      }).pipe(Effect.provide(simulator(receiver)))
    })
  )

  it.effect("an error status is retried; the receiver back → redeliver one event, then all failed ones", () =>
    Effect.gen(function* () {
      const receiver = yield* makeReceiver
      yield* receiver.setMode("error")
      yield* Effect.gen(function* () {
        const api = yield* control
        yield* pay("order-1")
        yield* pay("order-2")
        yield* pay("order-3")
        yield* awaitAttempts(3)
        for (const at of [100, 200, 300]) yield* advanceTo(at)
        const failed = yield* awaitEvents(3, (status) => status === "failed")
        assert.strictEqual((yield* attempts)[0]!.status, 500)
        assert.strictEqual((yield* attempts)[0]!.error, "HTTP 500")
        yield* receiver.setMode("up")
        const again = yield* api.redeliverWebhook(failed[0]!.id)
        assert.strictEqual(again.status, "pending")
        yield* eventually(api.webhookEvents({ status: "delivered" }), (all) => all.length === 1, "one redelivered")
        assert.strictEqual(yield* api.redeliverFailedWebhooks, 2)
        yield* awaitEvents(3, (status) => status === "delivered")
        const log = yield* api.webhookDeliveries({ eventId: failed[0]!.id })
        assert.deepStrictEqual(
          log.map((a) => [a.attempt, a.outcome]),
          [
            [1, "retry"],
            [2, "retry"],
            [3, "retry"],
            [4, "failed"],
            [1, "delivered"]
          ]
        )
        const missing = yield* Effect.flip(api.redeliverWebhook(9999))
        assert.strictEqual(missing._tag, "WebhookEventNotFound")
      }).pipe(Effect.provide(simulator(receiver)))
    })
  )

  it.effect("drop: recorded as dropped, never posted; duplicate: posted twice with the same body", () =>
    Effect.gen(function* () {
      const receiver = yield* makeReceiver
      yield* Effect.gen(function* () {
        const api = yield* control
        yield* api.setWebhookSwitches({ drop: true })
        yield* pay("lost")
        yield* api.setWebhookSwitches({ drop: false, duplicate: true })
        yield* pay("twice")
        const posts = yield* receiver.awaitPosts(2)
        assert.strictEqual(posts[0]!.text, posts[1]!.text)
        assert.strictEqual(posts[0]!.json.merchant_order_id, "twice")
        const all = yield* awaitEvents(2, (status) => status !== "pending")
        assert.deepStrictEqual(
          all.map((e) => [e.subject, e.status, e.copies]),
          [
            ["lost", "dropped", 1],
            ["twice", "delivered", 2]
          ]
        )
        assert.deepStrictEqual(
          (yield* attempts).map((a) => a.outcome),
          ["delivered", "duplicate"]
        )
        assert.deepStrictEqual(yield* api.webhookSwitches, {
          drop: false,
          duplicate: true,
          delayMillis: 0,
          reorder: false,
          maintenance: false
        })
        yield* api.redeliverWebhook(all[0]!.id)
        const redelivered = yield* receiver.awaitPosts(3)
        assert.strictEqual(redelivered[2]!.json.merchant_order_id, "lost")
      }).pipe(Effect.provide(simulator(receiver)))
    })
  )

  it.effect("maintenance: no webhooks, events recorded as skipped", () =>
    Effect.gen(function* () {
      const receiver = yield* makeReceiver
      yield* Effect.gen(function* () {
        const api = yield* control
        yield* api.setWebhookSwitches({ maintenance: true })
        yield* pay("during")
        yield* api.setWebhookSwitches({ maintenance: false })
        yield* pay("after")
        yield* receiver.awaitPosts(1)
        const all = yield* awaitEvents(2, (status) => status !== "pending")
        assert.deepStrictEqual(
          all.map((e) => [e.subject, e.status]),
          [
            ["during", "skipped"],
            ["after", "delivered"]
          ]
        )
        assert.strictEqual((yield* receiver.posts).length, 1)
        assert.strictEqual((yield* api.webhookEvents({ status: "skipped" })).length, 1)
      }).pipe(Effect.provide(simulator(receiver)))
    })
  )

  it.effect("delay: the first attempt waits delayMillis", () =>
    Effect.gen(function* () {
      const receiver = yield* makeReceiver
      yield* Effect.gen(function* () {
        const api = yield* control
        yield* api.setWebhookSwitches({ delayMillis: 5_000 })
        yield* pay("late")
        yield* pause(20)
        assert.strictEqual((yield* receiver.posts).length, 0)
        yield* advanceTo(5_000)
        const [post] = yield* receiver.awaitPosts(1)
        assert.strictEqual(post!.at, 5_000)
      }).pipe(Effect.provide(simulator(receiver)))
    })
  )

  it.effect("reorder: events recorded within the window go out as one batch, newest first", () =>
    Effect.gen(function* () {
      const receiver = yield* makeReceiver
      yield* Effect.gen(function* () {
        const api = yield* control
        yield* api.setWebhookSwitches({ reorder: true })
        yield* pay("first")
        yield* pay("second")
        yield* pay("third")
        yield* pause(20)
        assert.strictEqual((yield* receiver.posts).length, 0)
        yield* advanceTo(250)
        const posts = yield* receiver.awaitPosts(3)
        assert.deepStrictEqual(
          posts.map((p) => p.json.merchant_order_id),
          ["third", "second", "first"]
        )
      }).pipe(Effect.provide(simulator(receiver)))
    })
  )

  it.effect("restart with deliveries pending: everything is delivered by the next simulator on the same file", () =>
    Effect.gen(function* () {
      const dir = mkdtempSync(join(tmpdir(), "paypay-webhooks-"))
      yield* Effect.addFinalizer(() => Effect.sync(() => rmSync(dir, { recursive: true, force: true })))
      const database = join(dir, "sim.db")
      const down = yield* makeReceiver
      yield* down.setMode("down")
      yield* Effect.gen(function* () {
        yield* pay("order-1")
        yield* pay("order-2")
        yield* awaitAttempts(2)
        const pending = yield* events
        assert.deepStrictEqual(
          pending.map((e) => e.status),
          ["pending", "pending"]
        )
      }).pipe(Effect.provide(simulator(down, { database })))
      const up = yield* makeReceiver
      yield* Effect.gen(function* () {
        yield* advanceTo(100)
        const posts = yield* up.awaitPosts(2)
        assert.deepStrictEqual(
          posts.map((p) => p.json.merchant_order_id),
          ["order-1", "order-2"]
        )
        const delivered = yield* awaitEvents(2, (status) => status === "delivered")
        assert.deepStrictEqual(
          delivered.map((e) => e.attempts),
          [2, 2]
        )
      }).pipe(Effect.provide(simulator(up, { database })))
    }).pipe(Effect.scoped)
  )
})
