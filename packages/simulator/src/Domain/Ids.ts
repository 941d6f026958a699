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

const charsPerDraw = (size: number): number => Math.max(1, Math.floor(32 / Math.log2(size)))

/**
 * `length` characters drawn uniformly from `alphabet`. Each `Random.next` (53 random bits) yields as many
 * characters as fit in 32 bits, so an id costs a few draws rather than one per character.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const randomString = (alphabet: string, length: number): Effect.Effect<string> => {
  const size = alphabet.length
  const per = charsPerDraw(size)
  const range = size ** per
  return Effect.map(Effect.replicateEffect(Random.next, Math.ceil(length / per)), (draws) => {
    let out = ""
    for (const draw of draws) {
      let rest = Math.floor(draw * range)
      for (let i = 0; i < per && out.length < length; i++) {
        out += alphabet.charAt(rest % size)
        rest = Math.floor(rest / size)
      }
    }
    return out
  })
}

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
  randomString(HEX, 31),
  (h) =>
    `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(12, 15)}-${"89ab".charAt(HEX.indexOf(h.charAt(15)) & 3)}` +
    `${h.slice(16, 19)}-${h.slice(19)}`
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
