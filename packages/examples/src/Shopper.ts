/**
 * The PayPay user in the examples. Against a simulator (embedded or running) it acts through the simulator's
 * control API — pays, declines, moves the clock; against PayPay's sandbox a real person uses the app, so it only
 * prints what to do.
 */
import type { HttpClient } from "@effect/platform"
import * as ControlClient from "@paypay-effect/simulator/Control/ControlClient"
import { Console, Context, Effect, Layer, Option } from "effect"

export class Shopper extends Context.Tag("examples/Shopper")<
  Shopper,
  {
    /** A linked test user with the given balance (the sandbox needs a real test account instead). */
    readonly newUser: (balance?: number) => Effect.Effect<string>
    /** The user pays a QR code or accepts a request, for the client's merchant or another one. */
    readonly pay: (
      merchantPaymentId: string,
      options?: { readonly merchantId?: string; readonly userAuthorizationId?: string }
    ) => Effect.Effect<void>
    /** The user opens an account-link QR code (`linkQRCodeURL`) and allows it; PayPay redirects with this token. */
    readonly allowLink: (linkQRCodeURL: string) => Effect.Effect<string>
    /** Moves the simulator's clock (no-op against PayPay). */
    readonly advanceClock: (seconds: number) => Effect.Effect<void>
    /** The simulator's control API, when there is one. */
    readonly control: Option.Option<ControlClient.Service>
  }
>() {}

/** The shopper as a simulator's control API (`baseUrl` is the simulator's). */
export const layerSimulator = (
  baseUrl: string,
  merchantId: string | undefined
): Layer.Layer<Shopper, never, HttpClient.HttpClient> =>
  Layer.effect(
    Shopper,
    Effect.map(ControlClient.make(baseUrl, { merchantId }), (control) =>
      Shopper.of({
        newUser: (balance) =>
          control.createUser(balance === undefined ? {} : { balance }).pipe(
            Effect.map((user) => user.userAuthorizationId),
            Effect.orDie
          ),
        pay: (merchantPaymentId, options) =>
          (options?.merchantId === undefined ? control : control.withTenant({ merchantId: options.merchantId }))
            .approve(merchantPaymentId, { userAuthorizationId: options?.userAuthorizationId })
            .pipe(Effect.asVoid, Effect.orDie),
        allowLink: (linkQRCodeURL) =>
          control.approveLink(new URL(linkQRCodeURL).pathname.split("/").pop() ?? "").pipe(
            Effect.map((answer) => answer.responseToken),
            Effect.orDie
          ),
        advanceClock: (seconds) => Effect.orDie(Effect.asVoid(control.advanceClock(seconds))),
        control: Option.some(control)
      })
    )
  )

/** A real person in PayPay's sandbox app. */
export const layerHuman: Layer.Layer<Shopper> = Layer.succeed(
  Shopper,
  Shopper.of({
    newUser: () =>
      process.env.PAYPAY_USER_AUTHORIZATION_ID
        ? Effect.succeed(process.env.PAYPAY_USER_AUTHORIZATION_ID)
        : Effect.dieMessage("set PAYPAY_USER_AUTHORIZATION_ID to a linked sandbox user"),
    pay: (merchantPaymentId) => Console.log(`  → pay ${merchantPaymentId} in the PayPay sandbox app now`),
    allowLink: (linkQRCodeURL) =>
      Effect.zipRight(
        Console.log(`  → scan ${linkQRCodeURL} with the PayPay sandbox app and allow it`),
        Effect.dieMessage("the responseToken arrives at your redirectUrl; pass it to Flows.finishUserLink")
      ),
    advanceClock: () => Effect.void,
    control: Option.none()
  })
)
