/**
 * The catalog of runnable examples (`pnpm example <name>`); the test suite runs every one of them.
 */
import type { Effect } from "effect"
import * as cashback from "./cashback.js"
import * as checkout from "./checkout.js"
import * as directDebit from "./direct-debit.js"
import * as errors from "./errors.js"
import * as hotel from "./hotel.js"
import * as multiMerchant from "./multi-merchant.js"
import * as refundsAndCancels from "./refunds-and-cancels.js"
import * as requestMoney from "./request-money.js"
import * as webhooks from "./webhooks.js"
import type { ExampleEnv } from "./Runtime.js"

export interface Example {
  readonly title: string
  readonly program: Effect.Effect<void, unknown, ExampleEnv>
}

export const examples: Readonly<Record<string, Example>> = {
  checkout: { title: "QR checkout for a web shop", program: checkout.program },
  "refunds-and-cancels": { title: "Cancel the same day, refund after the window", program: refundsAndCancels.program },
  errors: { title: "Handling PayPay's result codes with catchTag", program: errors.program },
  "direct-debit": { title: "Direct debit with an account link", program: directDebit.program },
  hotel: { title: "Pre-authorization and capture at a hotel", program: hotel.program },
  "request-money": { title: "A pending payment request", program: requestMoney.program },
  cashback: { title: "A cashback campaign", program: cashback.program },
  "multi-merchant": { title: "One API key, several shops", program: multiMerchant.program },
  webhooks: { title: "Webhooks, confirmed and deduplicated, with a polling fallback", program: webhooks.program }
}
