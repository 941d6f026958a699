/**
 * How examples run: against an embedded in-process simulator by default (no setup), or against whatever
 * `PAYPAY_BASE_URL` and the `PAYPAY_*` credentials point at — a running simulator (`pnpm simulator`), or PayPay's
 * sandbox.
 */
import { NodeHttpClient, NodeRuntime } from "@effect/platform-node"
import { PayPayClient } from "@paypay-effect/sdk"
import * as InProcess from "@paypay-effect/simulator/InProcess"
import * as SimulatorConfig from "@paypay-effect/simulator/SimulatorConfig"
import { Console, Effect, Layer } from "effect"
import { layerHuman, layerSimulator, type Shopper } from "./Shopper.js"

/** The services every example needs. */
export type ExampleEnv = PayPayClient.PayPayClient | Shopper

/** A fresh embedded simulator with the SDK and the shopper wired to it. */
export const layerEmbedded = (): Layer.Layer<ExampleEnv> =>
  layerSimulator(InProcess.BASE_URL, SimulatorConfig.defaultMerchantId).pipe(Layer.provideMerge(InProcess.layerSdk()))

const isPayPay = (url: string | undefined) => url === undefined || /\.paypay\.ne\.jp/.test(url)

/** From the environment: a running simulator, or PayPay's sandbox when no simulator URL is given. */
export const layerFromEnv = (): Layer.Layer<ExampleEnv> => {
  const baseUrl = process.env.PAYPAY_BASE_URL
  const shopper = isPayPay(baseUrl) ? layerHuman : layerSimulator(baseUrl!, process.env.PAYPAY_MERCHANT_ID)
  return Layer.mergeAll(PayPayClient.layerFromEnv, shopper).pipe(Layer.provide(NodeHttpClient.layerUndici), Layer.orDie)
}

/** The embedded simulator unless `PAYPAY_BASE_URL` or `PAYPAY_API_KEY` is set. */
export const layer = (): Layer.Layer<ExampleEnv> =>
  process.env.PAYPAY_BASE_URL || process.env.PAYPAY_API_KEY ? layerFromEnv() : layerEmbedded()

/** Prints one step of a flow on its own line. */
export const step = (label: string, detail: string) => Console.log(`${label.padEnd(30)} ${detail}`)

/** A fresh id for this run (PayPay ids are per merchant and never reusable). */
export const uniqueId = (prefix: string) =>
  Effect.flatMap(Effect.random, (random) => random.nextIntBetween(0, 36 ** 6)).pipe(
    Effect.map((n) => `${prefix}-${n.toString(36).padStart(6, "0")}`)
  )

/** Runs an example program as a Node main. */
export const main = <E>(program: Effect.Effect<void, E, ExampleEnv>) =>
  program.pipe(Effect.provide(layer()), NodeRuntime.runMain)
