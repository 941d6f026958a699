/**
 * Pending payment ("request money") routes (reference §B.7), serving the SDK's `PendingPayments` family. Refunds of
 * pending payments use `POST /v2/refunds` (`Api/Refunds.ts`). The user's answer comes through the control API
 * (`Store/UserActions.ts`).
 *
 * @since 0.1.0
 */
import { CreatePendingPaymentRequest } from "@paypay-effect/sdk/PendingPayments"
import * as Effect from "effect/Effect"
import type * as Payment from "../Domain/Payment.js"
import { fail, ok } from "../Envelope.js"
import * as Debits from "../Store/Debits.js"
import * as PendingOrders from "../Store/PendingOrders.js"
import { mapFailures } from "./failures.js"
import * as Route from "./Route.js"
import * as Wire from "./Wire.js"

const decodeCreate = Route.decoder(CreatePendingPaymentRequest)

/**
 * The `data` of `POST /v1/requestOrder` (201, ledger: pending.create): an echo of the request with the applied
 * `expiryDate` (order items keep the request's `unitPrice`, as in PayPay's mock, §B.7).
 *
 * @since 0.1.0
 * @category Wire
 */
export const pendingPayment = (payment: Payment.Payment) => ({
  merchantPaymentId: payment.merchantPaymentId,
  userAuthorizationId: payment.userAuthorizationId,
  amount: payment.amount,
  requestedAt: payment.requestedAt,
  expiryDate: payment.expiresAt,
  storeId: payment.storeId,
  terminalId: payment.terminalId,
  orderReceiptNumber: payment.orderReceiptNumber,
  orderDescription: payment.orderDescription,
  orderItems: payment.orderItems,
  metadata: payment.metadata
})

const create = Route.make("POST", "/v1/requestOrder", "PendingPayments.create", (context) =>
  Effect.gen(function* () {
    const input = yield* decodeCreate(context.body)
    const payment = yield* Debits.createPending(context.tenant, input).pipe(
      Effect.catchTag("DuplicatePayment", (error) =>
        fail("DUPLICATE_REQUEST_ORDER", {
          detail: `merchantPaymentId ${error.merchantPaymentId} exists`,
          rule: "pending.duplicate"
        })
      ),
      mapFailures("REQUEST_ORDER_NOT_FOUND")
    )
    return ok(pendingPayment(payment), 201)
  })
)

const get = Route.make("GET", "/v1/requestOrder/:merchantPaymentId", "PendingPayments.get", (context) =>
  Effect.gen(function* () {
    const payment = yield* PendingOrders.get(context.tenant, context.params.merchantPaymentId!).pipe(
      Effect.catchTag("PaymentNotFound", () =>
        fail("REQUEST_ORDER_NOT_FOUND", { status: 400, rule: "pending.get-not-found" })
      ),
      mapFailures("REQUEST_ORDER_NOT_FOUND")
    )
    return ok(Wire.pendingOrder(payment, context.tenant.merchantId))
  })
)

const cancel = Route.make("DELETE", "/v1/requestOrder/:merchantPaymentId", "PendingPayments.cancel", (context) =>
  Effect.gen(function* () {
    yield* PendingOrders.cancel(context.tenant, context.params.merchantPaymentId!).pipe(
      mapFailures("REQUEST_ORDER_NOT_FOUND")
    )
    return ok(null)
  })
)

/**
 * @since 0.1.0
 * @category Routes
 */
export const routes = [create, get, cancel] as const
