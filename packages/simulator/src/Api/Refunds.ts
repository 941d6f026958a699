/**
 * Refund routes (reference §B.6), serving the SDK's `Refunds` family.
 *
 * @since 0.1.0
 */
import { RefundPaymentRequest } from "@paypay-effect/sdk/Refunds"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { fail, ok } from "../Envelope.js"
import { PaymentStore } from "../Store/PaymentStore.js"
import { Transactions } from "../Store/Transactions.js"
import { mapFailures } from "./failures.js"
import * as Route from "./Route.js"
import * as Wire from "./Wire.js"

const decodeCreate = Route.decoder(RefundPaymentRequest)

const create = Route.make("POST", "/v2/refunds", "Refunds.create", (context) =>
  Effect.gen(function* () {
    const input = yield* decodeCreate(context.body)
    const transactions = yield* Transactions
    const [, outcome] = yield* transactions.refund(context.tenant, input).pipe(
      Effect.catchTag("DuplicateRefund", () =>
        fail("INVALID_PARAMS", { detail: `merchantRefundId ${input.merchantRefundId} belongs to another payment` })
      ),
      mapFailures("RESOURCE_NOT_FOUND", "00200001")
    )
    return ok(Wire.refund(outcome.refund, context.tenant.merchantId))
  })
)

const get = Route.make("GET", "/v2/refunds/:merchantRefundId", "Refunds.get", (context) =>
  Effect.gen(function* () {
    const store = yield* PaymentStore
    const found = yield* store
      .findRefund(context.tenant, context.params.merchantRefundId!)
      .pipe(mapFailures("NO_SUCH_REFUND_ORDER"))
    const paymentId = context.query.get("paymentId")
    if (Option.isNone(found) || (paymentId !== null && found.value.refund.paymentId !== paymentId)) {
      return yield* fail("NO_SUCH_REFUND_ORDER")
    }
    return ok(Wire.refund(found.value.refund, context.tenant.merchantId))
  })
)

/**
 * @since 0.1.0
 * @category Routes
 */
export const routes = [create, get] as const
