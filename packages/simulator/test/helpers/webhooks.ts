/**
 * Helpers of the webhook tests: a fake merchant receiver (an `HttpClient` for the delivery worker that records
 * every POST and answers as told), a simulator wired to it, and ways to wait for the background worker.
 */
import { HttpClient, HttpClientError, HttpClientResponse } from "@effect/platform"
import { Webhooks } from "@paypay-effect/sdk"
import { Chunk, Clock, Effect, Layer, Queue, Ref, TestClock } from "effect"
import * as InProcess from "../../src/InProcess.js"
import type * as Simulator from "../../src/Simulator.js"
import { Outbox } from "../../src/Webhooks/Outbox.js"
import { me } from "./e2e.js"

export const HOOK_URL = "http://merchant.test/paypay/webhooks"

/** How the receiver answers: 200, a refused connection, 500, or never. */
export type Mode = "up" | "down" | "error" | "hang"

export interface Received {
  readonly url: string
  readonly at: number
  readonly text: string
  readonly json: any
}

export interface Receiver {
  readonly layer: Layer.Layer<HttpClient.HttpClient>
  readonly posts: Effect.Effect<ReadonlyArray<Received>>
  readonly setMode: (mode: Mode) => Effect.Effect<void>
  /** Waits (real time) until at least `n` POSTs arrived; returns all of them. */
  readonly awaitPosts: (n: number) => Effect.Effect<ReadonlyArray<Received>>
}

const textOf = (body: unknown): string => {
  const b = body as { readonly _tag: string; readonly body?: unknown }
  if (b._tag === "Uint8Array") return new TextDecoder().decode(b.body as Uint8Array)
  if (b._tag === "Raw" && typeof b.body === "string") return b.body
  return ""
}

/** Real-time pause, independent of the TestClock. */
export const pause = (millis = 2) => Effect.promise(() => new Promise<void>((resolve) => setTimeout(resolve, millis)))

/** Re-runs `check` (real time) until `done` holds; fails the test after ~5 s. */
export const eventually = <A, E, R>(check: Effect.Effect<A, E, R>, done: (a: A) => boolean, what = "condition") =>
  Effect.gen(function* () {
    for (let i = 0; i < 2500; i++) {
      const value = yield* check
      if (done(value)) return value
      yield* pause()
    }
    return yield* Effect.dieMessage(`timed out waiting for ${what}`)
  })

export const makeReceiver = Effect.gen(function* () {
  const posts = yield* Ref.make<ReadonlyArray<Received>>([])
  const mode = yield* Ref.make<Mode>("up")
  const arrived = yield* Queue.unbounded<void>()
  const client = HttpClient.make((request, url) =>
    Effect.gen(function* () {
      const text = textOf(request.body)
      const at = yield* Clock.currentTimeMillis
      yield* Ref.update(posts, (all) => [...all, { url: url.toString(), at, text, json: JSON.parse(text) }])
      yield* Queue.offer(arrived, undefined)
      switch (yield* Ref.get(mode)) {
        case "down":
          return yield* new HttpClientError.RequestError({
            request,
            reason: "Transport",
            description: "connect ECONNREFUSED"
          })
        case "hang":
          return yield* Effect.never
        case "error":
          return HttpClientResponse.fromWeb(request, new Response("oops", { status: 500 }))
        case "up":
          return HttpClientResponse.fromWeb(request, new Response(null, { status: 200 }))
      }
    })
  )
  return {
    layer: Layer.succeed(HttpClient.HttpClient, client),
    posts: Ref.get(posts),
    setMode: (next: Mode) => Ref.set(mode, next),
    awaitPosts: (n: number) => eventually(Ref.get(posts), (all) => all.length >= n, `${n} webhook POSTs`)
  } satisfies Receiver
})

/** A fresh in-process simulator (SDK wired) whose webhooks go to `receiver` (default endpoint {@link HOOK_URL}). */
export const simulator = (receiver: Receiver, options: Simulator.Options = {}) =>
  InProcess.layerSdk({
    ...options,
    webhooks: { url: HOOK_URL, httpClient: receiver.layer, ...options.webhooks }
  })

/** The recorded events of the default tenant. */
export const events = Effect.flatMap(Outbox, (outbox) => outbox.events(me))

/** The delivery log of the default tenant. */
export const attempts = Effect.flatMap(Outbox, (outbox) => outbox.attempts(me))

/** Waits until the default tenant's events all satisfy `done` (and there are `count` of them). */
export const awaitEvents = (count: number, done: (status: string) => boolean = () => true) =>
  eventually(
    events,
    (all) => all.length === count && all.every((event) => done(event.status)),
    `${count} webhook events`
  )

/**
 * Moves the TestClock to `at` (epoch ms) one sleep at a time: waits until a fiber (the delivery worker, a delivery
 * timeout) sleeps, then jumps to its deadline, never past `at`.
 */
export const advanceTo = (at: number) =>
  Effect.gen(function* () {
    for (;;) {
      const now = yield* Clock.currentTimeMillis
      if (now >= at) return
      const sleeps = yield* eventually(
        TestClock.sleeps(),
        (all) => Chunk.some(all, (deadline) => deadline > now),
        `a sleep on the way to ${at}`
      )
      const next = Math.min(at, ...Chunk.toReadonlyArray(sleeps).filter((deadline) => deadline > now))
      yield* TestClock.setTime(next)
    }
  })

/** Decodes a received body with the SDK. */
export const decoded = (received: Received) => Webhooks.decode(received.text)
