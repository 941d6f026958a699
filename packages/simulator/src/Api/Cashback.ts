/**
 * Cashback routes (reference §B.9), serving the SDK's `Cashback` family: give and reverse (202
 * REQUEST_ACCEPTED, processed "later"), their details (TRANSACTION_NOT_FOUND until visible) and the expected
 * cashback of a payment. Rules in `Domain/Cashback.ts`; the merchant's campaign wallet is set through the control
 * API (`Store/UserActions.setCampaignBalance`).
 *
 * @since 0.1.0
 */
import {
  ConsultExpectedCashbackRequest,
  GiveCashbackRequest,
  ReverseCashbackRequest
} from "@paypay-effect/sdk/Cashback"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Cashback from "../Domain/Cashback.js"
import { accepted, fail, ok, withWarning } from "../Envelope.js"
import { SimClock } from "../SimClock.js"
import * as Authorizations from "../Store/Authorizations.js"
import * as Cashbacks from "../Store/Cashbacks.js"
import type { Tenant } from "../Store/Database.js"
import { mapFailures } from "./failures.js"
import * as Route from "./Route.js"

const decodeGive = Route.decoder(GiveCashbackRequest)
const decodeReverse = Route.decoder(ReverseCashbackRequest)
// requestId is required, as GO-M always sends one (ledger: cashback.expected)
const decodeConsult = Route.decoder(ConsultExpectedCashbackRequest)

const merchantAlias = (tenant: Tenant) => (tenant.merchantId === "" ? "simulator" : tenant.merchantId)

/**
 * The `data` of `GET /v2/cashback/{merchantCashbackId}` with the status visible now (§B.9).
 *
 * @since 0.1.0
 * @category Wire
 */
export const cashbackDetails = (cashback: Cashback.Cashback, status: string, tenant: Tenant) => ({
  status,
  acceptedAt: cashback.acceptedAt,
  merchantAlias: merchantAlias(tenant),
  amount: cashback.amount,
  requestedAt: cashback.requestedAt,
  metadata: cashback.metadata,
  cashbackId: cashback.cashbackId,
  merchantCashbackId: cashback.merchantCashbackId,
  userAuthorizationId: cashback.userAuthorizationId,
  orderDescription: cashback.orderDescription,
  walletType: cashback.walletType
})

/**
 * The `data` of `GET /v2/cashback_reversal/{merchantCashbackReversalId}/{merchantCashbackId}` (§B.9); `amount` is
 * what was actually taken back.
 *
 * @since 0.1.0
 * @category Wire
 */
export const reversalDetails = (reversal: Cashback.Reversal, status: string, tenant: Tenant) => ({
  status,
  acceptedAt: reversal.acceptedAt,
  merchantAlias: merchantAlias(tenant),
  amount: reversal.amount,
  requestedAt: reversal.requestedAt,
  metadata: reversal.metadata,
  cashbackReversalId: reversal.cashbackReversalId,
  merchantCashbackReversalId: reversal.merchantCashbackReversalId,
  merchantCashbackId: reversal.merchantCashbackId
})

const nowSeconds = Effect.flatMap(SimClock, (clock) => clock.nowSeconds)

const give = Route.make("POST", "/v2/cashback", "Cashback.give", (context) =>
  Effect.gen(function* () {
    const input = yield* decodeGive(context.body)
    yield* Cashbacks.give(context.tenant, input).pipe(
      Effect.catchTag("CashbackIdReused", (error) =>
        fail("VALIDATION_FAILED_EXCEPTION", {
          detail: `merchantCashbackId ${error.merchantCashbackId} was used for another cashback (user or amount differ)`,
          rule: "cashback.id-reuse"
        })
      ),
      mapFailures("TRANSACTION_NOT_FOUND")
    )
    return accepted()
  })
)

const get = Route.make("GET", "/v2/cashback/:merchantCashbackId", "Cashback.get", (context) =>
  Effect.gen(function* () {
    const found = yield* Cashbacks.get(context.tenant, context.params.merchantCashbackId!).pipe(
      mapFailures("TRANSACTION_NOT_FOUND")
    )
    const now = yield* nowSeconds
    const status = Option.flatMap(found, (cashback) => Cashback.visibleStatus(cashback, now))
    if (Option.isNone(found) || Option.isNone(status)) return yield* fail("TRANSACTION_NOT_FOUND")
    return ok(cashbackDetails(found.value, status.value, context.tenant))
  })
)

const reverse = Route.make("POST", "/v2/cashback_reversal", "Cashback.reverse", (context) =>
  Effect.gen(function* () {
    const input = yield* decodeReverse(context.body)
    const { reversal, replayed } = yield* Cashbacks.reverse(context.tenant, input).pipe(
      mapFailures("TRANSACTION_NOT_FOUND")
    )
    const difference = replayed ? Cashback.reversalDifference(reversal, input) : undefined
    return difference === undefined
      ? accepted()
      : withWarning(
          accepted(),
          `merchantCashbackReversalId ${input.merchantCashbackReversalId} reused with a different ${difference}: ` +
            "answered as the first request",
          "cashback.reversal-id-reuse"
        )
  })
)

const getReversal = Route.make(
  "GET",
  "/v2/cashback_reversal/:merchantCashbackReversalId/:merchantCashbackId",
  "Cashback.getReversal",
  (context) =>
    Effect.gen(function* () {
      const found = yield* Cashbacks.getReversal(
        context.tenant,
        context.params.merchantCashbackReversalId!,
        context.params.merchantCashbackId!
      ).pipe(mapFailures("TRANSACTION_NOT_FOUND"))
      const now = yield* nowSeconds
      const status = Option.flatMap(found, (reversal) => Cashback.visibleStatus(reversal, now))
      if (Option.isNone(found) || Option.isNone(status)) return yield* fail("TRANSACTION_NOT_FOUND")
      return ok(reversalDetails(found.value, status.value, context.tenant))
    })
)

const consultExpected = Route.make("POST", "/v1/payments/cashback/expected", "Cashback.consultExpected", (context) =>
  Effect.gen(function* () {
    const input = yield* decodeConsult(context.body)
    yield* Authorizations.requireUser(context.tenant, input.userAuthorizationId).pipe(
      mapFailures("INVALID_USER_AUTHORIZATION_ID")
    )
    return ok({ campaignMessage: Cashback.expectedCashbackMessage(input.amount.amount) })
  })
)

/**
 * @since 0.1.0
 * @category Routes
 */
export const routes = [give, get, reverse, getReversal, consultExpected] as const
