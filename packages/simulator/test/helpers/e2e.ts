/**
 * Shared helpers of the end-to-end tests: the SDK against a fresh in-process simulator (`InProcess.layerSdk`),
 * acting as the default tenant, with the simulated user and clock reached directly in process.
 */
import { assert } from "@effect/vitest"
import { Effect, Option } from "effect"
import * as InProcess from "../../src/InProcess.js"
import { SimClock } from "../../src/SimClock.js"
import * as SimulatorConfig from "../../src/SimulatorConfig.js"
import { tenant } from "../../src/Store/Database.js"
import { type CreateUserInput, UserStore } from "../../src/Store/UserStore.js"

/** The tenant the SDK of `InProcess.layerSdk()` acts for. */
export const me = tenant(SimulatorConfig.defaultCredential.apiKey, SimulatorConfig.defaultMerchantId)

export const yen = (amount: number) => ({ amount, currency: "JPY" as const })

/** A fresh simulator with the SDK wired to it. */
export const sdk = () => InProcess.layerSdk()

/** A test user of {@link me}. */
export const newUser = (input: CreateUserInput = {}) => Effect.flatMap(UserStore, (users) => users.create(me, input))

export const balanceOf = (userAuthorizationId: string) =>
  Effect.flatMap(UserStore, (users) => users.get(me, userAuthorizationId)).pipe(
    Effect.map((user) => Option.getOrThrow(user).balance)
  )

/** Move simulated time (not the SDK's clock). */
export const advance = (seconds: number) => Effect.flatMap(SimClock, (clock) => clock.advance(seconds))

export const simNow = Effect.flatMap(SimClock, (clock) => clock.nowSeconds)

/**
 * Asserts `actual` is `offset` seconds after the simulated time of an event that happened between `since` (read
 * before the event) and now: the simulated clock runs in real time, so a second may tick between the event and a
 * later read of the clock.
 */
export const assertSecondsAfter = (actual: number | null | undefined, since: number, offset: number) =>
  Effect.map(simNow, (now) => {
    assert.isNumber(actual)
    assert.isAtLeast(actual!, since + offset)
    assert.isAtMost(actual!, now + offset)
  })

/** The PayPay result code of an SDK failure (typed or `UnknownResultCode`), else its tag. */
export const codeOf = (error: { readonly _tag: string }): string =>
  "code" in error && typeof error.code === "string" ? error.code : error._tag

/** Run an effect expected to fail and return the failure's PayPay result code. */
export const failsWith = <A, E extends { readonly _tag: string }, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.map(Effect.flip(effect), codeOf)
