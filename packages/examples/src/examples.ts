/**
 * The catalog of runnable examples (`pnpm example <name>`); the test suite runs every one of them.
 */
import type { Effect } from "effect"
import * as checkout from "./checkout.js"
import * as errors from "./errors.js"
import * as multiMerchant from "./multi-merchant.js"
import * as refundsAndCancels from "./refunds-and-cancels.js"
import type { ExampleEnv } from "./Runtime.js"

export interface Example {
  readonly title: string
  readonly program: Effect.Effect<void, unknown, ExampleEnv>
}

export const examples: Readonly<Record<string, Example>> = {
  checkout: { title: "QR checkout for a web shop", program: checkout.program },
  "refunds-and-cancels": { title: "Cancel the same day, refund after the window", program: refundsAndCancels.program },
  errors: { title: "Handling PayPay's result codes with catchTag", program: errors.program },
  "multi-merchant": { title: "One API key, several shops", program: multiMerchant.program }
}
