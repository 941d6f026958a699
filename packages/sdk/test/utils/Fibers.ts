import { assert } from "@effect/vitest"
import { Effect, Fiber, Option } from "effect"

/**
 * The outcome of a forked fiber that must be over by now (typically right after `TestClock.adjust`): if it is still
 * running, it is interrupted and the test fails at once with `what`, instead of hanging until vitest's timeout.
 */
export const finished = <A, E>(fiber: Fiber.Fiber<A, E>, what: string): Effect.Effect<A, E> =>
  Effect.gen(function* () {
    for (let i = 0; i < 100; i++) {
      const exit = yield* Fiber.poll(fiber)
      if (Option.isSome(exit)) return yield* exit.value
      yield* Effect.yieldNow()
    }
    yield* Fiber.interrupt(fiber)
    return assert.fail(`${what}: still running`)
  })
