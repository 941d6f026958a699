/**
 * The simulated PayPay user, for examples: pays or declines what the merchant asked for. Against the embedded
 * simulator it acts through the simulator's own services; against PayPay's sandbox a real person pays in the
 * app, so it only prints what to do.
 */
import * as SimulatorConfig from "@paypay-effect/simulator/SimulatorConfig"
import { tenant } from "@paypay-effect/simulator/Store/Database"
import { Transactions } from "@paypay-effect/simulator/Store/Transactions"
import { UserStore } from "@paypay-effect/simulator/Store/UserStore"
import { SimClock } from "@paypay-effect/simulator/SimClock"
import { Console, Context, Effect, Layer } from "effect"

export class Shopper extends Context.Tag("examples/Shopper")<
  Shopper,
  {
    /** A linked test user with a balance (the sandbox needs a real test account instead). */
    readonly userAuthorizationId: Effect.Effect<string>
    /** The user pays a QR code / accepts a request. */
    readonly pay: (merchantPaymentId: string) => Effect.Effect<void>
    /** Moves the simulator's clock (no-op against PayPay). */
    readonly advanceClock: (seconds: number) => Effect.Effect<void>
  }
>() {}

const me = tenant(SimulatorConfig.defaultCredential.apiKey, SimulatorConfig.defaultMerchantId)

/** The shopper inside the embedded simulator. */
export const layerEmbedded = Layer.effect(
  Shopper,
  Effect.gen(function* () {
    const users = yield* UserStore
    const transactions = yield* Transactions
    const clock = yield* SimClock
    const user = yield* Effect.orDie(users.create(me, { balance: 50_000 }))
    return Shopper.of({
      userAuthorizationId: Effect.succeed(user.userAuthorizationId),
      pay: (merchantPaymentId) =>
        Effect.orDie(Effect.asVoid(transactions.pay(me, merchantPaymentId, user.userAuthorizationId))),
      advanceClock: (seconds) => Effect.orDie(clock.advance(seconds))
    })
  })
)

/** A real person in PayPay's sandbox app. */
export const layerHuman = Layer.succeed(
  Shopper,
  Shopper.of({
    userAuthorizationId: Effect.dieMessage("set PAYPAY_USER_AUTHORIZATION_ID to a linked sandbox user"),
    pay: (merchantPaymentId) => Console.log(`  → pay ${merchantPaymentId} in the PayPay sandbox app now`),
    advanceClock: () => Effect.void
  })
)
