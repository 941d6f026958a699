/**
 * `pnpm demo`: the QR checkout end to end on the embedded simulator (or on `PAYPAY_BASE_URL`).
 */
import { Console, Effect } from "effect"
import { program } from "./checkout.js"
import { main } from "./Runtime.js"

main(
  Effect.gen(function* () {
    yield* Console.log("PayPay QR checkout on the embedded simulator\n")
    yield* program
    yield* Console.log("\ndone: created, paid, polled to COMPLETED, refunded")
  })
)
