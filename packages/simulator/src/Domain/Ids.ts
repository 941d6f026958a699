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

const charsPerWord = (size: number): number => Math.max(1, Math.floor(32 / Math.log2(size)))

const BIT_32 = 2 ** 32
const BIT_21 = 2 ** 21

/** MurmurHash3's 32-bit finalizer: every input bit reaches every output bit. */
const fmix32 = (input: number): number => {
  let h = input ^ (input >>> 16)
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  return (h ^ (h >>> 16)) >>> 0
}

/** Word `index` (32 bits) of the stream keyed by one draw: its high 32 and low 21 bits feed the mix. */
const word = (high: number, low: number, index: number): number =>
  fmix32(high ^ fmix32((low + Math.imul(index + 1, 0x9e3779b9)) >>> 0))

/**
 * `length` characters from `alphabet`, derived from ONE `Random.next` draw (53 random bits): the draw keys a stream
 * of 32-bit words (MurmurHash3's finalizer over the draw and a counter), and each word yields as many characters as
 * fit in 32 bits. One effect per id keeps ids cheap on the request path; distinct draws give distinct ids unless two
 * 53-bit draws collide.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const randomString = (alphabet: string, length: number): Effect.Effect<string> => {
  const size = alphabet.length
  const per = charsPerWord(size)
  const range = size ** per
  const words = Math.ceil(length / per)
  return Effect.map(Random.next, (draw) => {
    const high = Math.floor(draw * BIT_32) >>> 0
    const low = Math.floor(draw * BIT_32 * BIT_21) % BIT_21
    let out = ""
    for (let w = 0; w < words; w++) {
      let rest = Math.floor((word(high, low, w) / BIT_32) * range)
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
