/**
 * Client-side checks of timestamps that PayPay only accepts within a window relative to "now" (pre-auth expiry
 * ≤ 30 days, pending-payment expiry 10 min – 48 h; reference §C.3). "Now" comes from Effect's `Clock`.
 *
 * @internal
 */
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as PayPayError from "../PayPayError.js"

/**
 * Fails with `PayPayRequestError { reason: "InvalidRequest" }`, before anything is sent, when `value` (epoch
 * seconds) is not between `now + min` and `now + max`, both inclusive. Values that are not numbers pass: the input
 * schema reports them.
 *
 * @internal
 */
export const checkWindow = (args: {
  readonly operation: string
  readonly field: string
  readonly value: unknown
  readonly min: Duration.DurationInput
  readonly max: Duration.DurationInput
}): Effect.Effect<void, PayPayError.PayPayRequestError> =>
  typeof args.value !== "number"
    ? Effect.void
    : Effect.flatMap(Clock.currentTimeMillis, (millis) => {
        const value = args.value as number
        const now = Math.floor(millis / 1000)
        const min = now + Math.floor(Duration.toSeconds(args.min))
        const max = now + Math.floor(Duration.toSeconds(args.max))
        if (value >= min && value <= max) return Effect.void
        return Effect.fail(
          new PayPayError.PayPayRequestError({
            operation: args.operation,
            reason: "InvalidRequest",
            detail:
              `${args.field} must be between now + ${Duration.format(args.min)} and now + ` +
              `${Duration.format(args.max)} (epoch seconds ${min}..${max}), got ${value}`,
            outcomeUnknown: false
          })
        )
      })
