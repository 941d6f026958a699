/**
 * Dynamic QR code routes (reference §B.2), serving the SDK's `Codes` family: create (201, ledger:
 * code.create-status; the code expires after `codeLifetimeSeconds`, ledger: code.expiry; a used merchantPaymentId
 * answers DUPLICATE_DYNAMIC_QR_REQUEST, ledger: code.duplicate; `isAuthorization`, ledger: code.preauth), read the
 * payment (unknown: DYNAMIC_QR_PAYMENT_NOT_FOUND, ledger: code.get-not-found) and delete the code.
 *
 * @since 0.1.0
 */
import { CreateQrCodeRequest } from "@paypay-effect/sdk/Codes"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Ids from "../Domain/Ids.js"
import * as Payment from "../Domain/Payment.js"
import { fail, ok } from "../Envelope.js"
import { SimClock } from "../SimClock.js"
import { SimulatorConfig } from "../SimulatorConfig.js"
import { PaymentStore } from "../Store/PaymentStore.js"
import { mapFailures, rejected } from "./failures.js"
import * as Route from "./Route.js"
import * as Wire from "./Wire.js"

const decodeCreate = Route.decoder(CreateQrCodeRequest)

const create = Route.make("POST", "/v2/codes", "Codes.create", (context) =>
  Effect.gen(function* () {
    const input = yield* decodeCreate(context.body)
    yield* Route.checkRedirect(input)
    const config = yield* SimulatorConfig
    const store = yield* PaymentStore
    const now = yield* SimClock.pipe(Effect.flatMap((clock) => clock.nowSeconds))
    const created = Payment.createCode(input, {
      now,
      paymentId: yield* Ids.paymentId,
      codeId: yield* Ids.codeId,
      lifetimeSeconds: config.codeLifetimeSeconds
    })
    if (Either.isLeft(created)) return yield* Effect.fail(rejected(created.left))
    const payment = yield* store.insert(context.tenant, created.right).pipe(
      Effect.catchTag("DuplicatePayment", () =>
        fail("DUPLICATE_DYNAMIC_QR_REQUEST", { detail: `merchantPaymentId ${input.merchantPaymentId} exists` })
      ),
      mapFailures("DYNAMIC_QR_BAD_REQUEST")
    )
    return ok(Wire.qrCode(payment, config.publicUrl), 201)
  })
)

const getPayment = Route.make("GET", "/v2/codes/payments/:merchantPaymentId", "Codes.getPayment", (context) =>
  Effect.gen(function* () {
    const store = yield* PaymentStore
    const found = yield* store
      .get(context.tenant, context.params.merchantPaymentId!)
      .pipe(mapFailures("DYNAMIC_QR_PAYMENT_NOT_FOUND"))
    if (Option.isNone(found) || found.value.code === undefined) return yield* fail("DYNAMIC_QR_PAYMENT_NOT_FOUND")
    return ok(Wire.payment(found.value, context.tenant.merchantId))
  })
)

const remove = Route.make("DELETE", "/v2/codes/:codeId", "Codes.remove", (context) =>
  Effect.gen(function* () {
    const store = yield* PaymentStore
    const found = yield* store
      .getByCodeId(context.tenant, context.params.codeId!)
      .pipe(mapFailures("DYNAMIC_QR_NOT_FOUND"))
    if (Option.isNone(found)) return yield* fail("DYNAMIC_QR_NOT_FOUND")
    yield* store
      .modify(context.tenant, found.value.merchantPaymentId, Payment.deleteCode)
      .pipe(mapFailures("DYNAMIC_QR_NOT_FOUND"))
    return ok(null)
  })
)

/**
 * @since 0.1.0
 * @category Routes
 */
export const routes = [create, getPayment, remove] as const
