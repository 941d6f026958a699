/**
 * A small consumer app, type-checked (never run) against the installed tarballs under several compiler settings
 * by `test/Packaging.test.ts`: the barrels, subpath modules, the simulator's root entry, a per-code error
 * caught by tag, and every requirement provided.
 */
import { Codes, PayPayClient, PayPayError, PayPaySigner } from "@paypay-effect/sdk"
import * as Payments from "@paypay-effect/sdk/Payments"
import { ControlClient, InProcess, Server, Simulator, SimulatorConfig } from "@paypay-effect/simulator"
import * as Faults from "@paypay-effect/simulator/Faults"
import { Effect, Layer, Redacted } from "effect"

const order = (merchantPaymentId: string): Codes.CreateQrCodeParams => ({
  merchantPaymentId,
  amount: { amount: 1200, currency: "JPY" },
  orderDescription: "consumer app"
})

export const checkout = (merchantPaymentId: string) =>
  Effect.gen(function* () {
    const code = yield* Codes.create(order(merchantPaymentId))
    const control = yield* ControlClient.make(InProcess.BASE_URL)
    yield* control.approve(merchantPaymentId)
    const payment = yield* Payments.get(merchantPaymentId)
    const duplicate: string = yield* Codes.create(order(merchantPaymentId)).pipe(
      Effect.as("created twice"),
      Effect.catchTag("DuplicateDynamicQrRequest", (error) => Effect.succeed(`${error._tag}: ${error.code}`))
    )
    return { url: code.url, status: payment.status, duplicate }
  })

/** Everything the program needs is provided: nothing left in the requirements channel. */
const runnable: Effect.Effect<
  { readonly url: string; readonly status: string; readonly duplicate: string },
  unknown,
  never
> = checkout("order-1").pipe(Effect.provide(InProcess.layerSdk({ codeLifetimeSeconds: 600 })))

/** Errors stay typed: an SDK error is matched by its result code. */
export const isRateLimited = (error: PayPayError.PayPayError): boolean => PayPayError.isCode("RATE_LIMIT")(error)

export const main = (): Promise<unknown> => Effect.runPromise(Effect.either(runnable))

export const server = Server.layer({ port: 0 }).pipe(
  Layer.provideMerge(Simulator.layer({ credentials: [SimulatorConfig.defaultCredential] }))
)

export const client = PayPayClient.layer({
  apiKey: "key",
  apiSecret: Redacted.make("secret"),
  merchantId: SimulatorConfig.defaultMerchantId,
  baseUrl: "http://127.0.0.1:4010"
})

export const header: string = PayPaySigner.header({ apiKey: "k", apiSecret: "s" }, { method: "GET", path: "/" }, "n", 1)
export const faults: typeof Faults.layerRules = Faults.layerRules
