/**
 * Identifier generators for the simulator, shaped like PayPay's (§B.2, §B.6).
 *
 * Every generator is an `Effect` over Effect's `Random` service, so tests get deterministic ids with
 * `Effect.withRandom(Random.make(seed))`.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Random from "effect/Random"

const DIGITS = "0123456789"
const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
const HEX = "0123456789abcdef"

/**
 * `length` characters drawn uniformly from `alphabet`.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const randomString = (alphabet: string, length: number): Effect.Effect<string> =>
  Effect.map(Effect.all(Array.from({ length }, () => Random.nextIntBetween(0, alphabet.length))), (indexes) =>
    indexes.map((i) => alphabet.charAt(i)).join("")
  )

/**
 * A PayPay `paymentId`: 20 digits starting with `04`, like `"04739000000000000000"` (§B.6).
 *
 * @since 0.1.0
 * @category Constructors
 */
export const paymentId: Effect.Effect<string> = Effect.map(randomString(DIGITS, 18), (digits) => `04${digits}`)

/**
 * A dynamic QR `codeId`: `"04-"` plus 16 characters of `[A-Za-z0-9]`, like `"04-jT9F6LVcDfx5fMbj"` (§B.2).
 *
 * @since 0.1.0
 * @category Constructors
 */
export const codeId: Effect.Effect<string> = Effect.map(randomString(ALPHANUMERIC, 16), (chars) => `04-${chars}`)

/**
 * A random UUID in version-4 shape (`xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx`).
 *
 * @since 0.1.0
 * @category Constructors
 */
export const uuid: Effect.Effect<string> = Effect.map(
  Effect.all([
    randomString(HEX, 8),
    randomString(HEX, 4),
    randomString(HEX, 3),
    randomString("89ab", 1),
    randomString(HEX, 15)
  ]),
  ([a, b, c, variant, d]) => `${a}-${b}-4${c}-${variant}${d.slice(0, 3)}-${d.slice(3)}`
)

/**
 * A simulated `userAuthorizationId` for a test user (UUID v4 shape).
 *
 * @since 0.1.0
 * @category Constructors
 */
export const userAuthorizationId: Effect.Effect<string> = uuid

/**
 * A request id for logs and error messages (UUID v4 shape).
 *
 * @since 0.1.0
 * @category Constructors
 */
export const requestId: Effect.Effect<string> = uuid

/**
 * An account-link session id (UUID v4 shape); it is the last path segment of `linkQRCodeURL`.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const sessionId: Effect.Effect<string> = uuid

/**
 * A PayPay-side id of a cashback, cashback reversal or top-up: 20 digits (the reference shows none; shaped like
 * `paymentId`).
 *
 * @since 0.1.0
 * @category Constructors
 */
export const transactionId: Effect.Effect<string> = randomString(DIGITS, 20)
