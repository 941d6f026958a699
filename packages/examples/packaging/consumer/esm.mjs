// Plain-Node ESM: creates a QR code on the in-process simulator, creates it again and catches the per-code error
// by its tag, and checks that `internal/*` stays private. Prints one JSON line.
import { Codes } from "@paypay-effect/sdk"
import { InProcess } from "@paypay-effect/simulator"
import { Effect } from "effect"

const order = {
  merchantPaymentId: "packaging-order-1",
  amount: { amount: 500, currency: "JPY" },
  orderDescription: "packaging test"
}

const program = Effect.gen(function* () {
  const code = yield* Codes.create(order)
  const again = yield* Codes.create(order).pipe(
    Effect.as("created twice"),
    Effect.catchTag("DuplicateDynamicQrRequest", (error) => Effect.succeed(`caught ${error._tag} (${error.code})`))
  )
  return { codeId: code.codeId, url: code.url, again }
})

const internal = await import("@paypay-effect/sdk/internal/request").then(
  () => "importable",
  (error) => error.code
)
const result = await Effect.runPromise(program.pipe(Effect.provide(InProcess.layerSdk())))
console.log(JSON.stringify({ ...result, internal }))
