/**
 * Payment routes (reference §B.3), serving the SDK's `Payments` family.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { fail, ok } from "../Envelope.js"
import { PaymentStore } from "../Store/PaymentStore.js"
import { Transactions } from "../Store/Transactions.js"
import { mapFailures } from "./failures.js"
import * as Route from "./Route.js"
import * as Wire from "./Wire.js"

const get = Route.make("GET", "/v2/payments/:merchantPaymentId", "Payments.get", (context) =>
  Effect.gen(function* () {
    const store = yield* PaymentStore
    const found = yield* store
      .get(context.tenant, context.params.merchantPaymentId!)
      .pipe(mapFailures("RESOURCE_NOT_FOUND"))
    // A QR payment is not visible on this path: real PayPay answers RESOURCE_NOT_FOUND (reference §B.2, §F.1).
    if (Option.isNone(found) || found.value.kind === "code") {
      return yield* fail("RESOURCE_NOT_FOUND", { detail: "QR code payments are read with GET /v2/codes/payments/{id}" })
    }
    return ok(Wire.payment(found.value, context.tenant.merchantId))
  })
)

const cancel = Route.make("DELETE", "/v2/payments/:merchantPaymentId", "Payments.cancel", (context) =>
  Effect.gen(function* () {
    const transactions = yield* Transactions
    yield* transactions
      .cancel(context.tenant, context.params.merchantPaymentId!)
      .pipe(mapFailures("RESOURCE_NOT_FOUND"))
    return ok(null)
  })
)

/**
 * @since 0.1.0
 * @category Routes
 */
export const routes = [get, cancel] as const
