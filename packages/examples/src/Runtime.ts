/**
 * How examples run: against an embedded in-process simulator by default (no setup), or against whatever
 * `PAYPAY_BASE_URL` and the `PAYPAY_*` credentials point at (a running simulator, or PayPay's sandbox).
 */
import { NodeHttpClient, NodeRuntime } from "@effect/platform-node"
import type { PayPayClient } from "@paypay-effect/sdk"
import { PayPayClient as Client } from "@paypay-effect/sdk"
import * as InProcess from "@paypay-effect/simulator/InProcess"
import { Console, Effect, Layer } from "effect"
import { type Shopper, layerEmbedded, layerHuman } from "./Shopper.js"

/** The services every example needs. */
export type ExampleEnv = PayPayClient.PayPayClient | Shopper

/** The embedded simulator with the SDK and the shopper wired to it. */
export const layerEmbeddedSimulator: Layer.Layer<ExampleEnv> = layerEmbedded.pipe(
  Layer.provideMerge(InProcess.layerSdk()),
  Layer.orDie
)

/** From the environment: a remote simulator or PayPay's sandbox. */
export const layerFromEnv: Layer.Layer<ExampleEnv> = Layer.mergeAll(
  Client.layerFromEnv.pipe(Layer.provide(NodeHttpClient.layerUndici)),
  layerHuman
).pipe(Layer.orDie)

/** Picks the embedded simulator unless `PAYPAY_BASE_URL` or `PAYPAY_API_KEY` is set. */
export const layer: Layer.Layer<ExampleEnv> =
  process.env.PAYPAY_BASE_URL || process.env.PAYPAY_API_KEY ? layerFromEnv : layerEmbeddedSimulator

/** Prints one step of a flow on its own line. */
export const step = (label: string, detail: string) => Console.log(`${label.padEnd(28)} ${detail}`)

/** Runs an example program as a Node main. */
export const main = <E>(program: Effect.Effect<void, E, ExampleEnv>) =>
  program.pipe(Effect.provide(layer), NodeRuntime.runMain)
