/**
 * Wallet routes (reference §B.3, §B.8), serving the SDK's `Wallet` family: balance check (ledger:
 * wallet.check-balance), balance (ledger: wallet.balance) and payment methods (ledger: wallet.payment-methods) of a
 * linked user. Parameters come in the query string (unsigned, §A.3). Balance reads need the
 * `get_balance` scope (DOC-get_balance); the payment-method list needs none documented.
 *
 * @since 0.1.0
 */
import { CheckBalanceRequest, GetBalanceRequest, GetPaymentMethodsRequest } from "@paypay-effect/sdk/Wallet"
import * as Effect from "effect/Effect"
import * as DirectDebit from "../Domain/DirectDebit.js"
import { ok } from "../Envelope.js"
import * as Authorizations from "../Store/Authorizations.js"
import { mapFailures } from "./failures.js"
import * as Route from "./Route.js"

const decodeCheck = Route.decoder(CheckBalanceRequest)
const decodeBalance = Route.decoder(GetBalanceRequest)
const decodeMethods = Route.decoder(GetPaymentMethodsRequest)

/**
 * The query as an object for a request schema: only present parameters, `numeric` ones converted to numbers (a
 * non-number stays a string and fails validation as INVALID_REQUEST_PARAMS).
 *
 * @since 0.1.0
 * @category Utils
 */
export const queryObject = (
  context: Route.RouteContext,
  names: ReadonlyArray<string>,
  numeric: ReadonlyArray<string> = []
): Record<string, unknown> => {
  const result: Record<string, unknown> = {}
  for (const name of names) {
    const value = context.query.get(name)
    if (value === null || value === "") continue
    const number = Number(value)
    result[name] = numeric.includes(name) && Number.isFinite(number) ? number : value
  }
  return result
}

const checkBalance = Route.make("GET", "/v2/wallet/check_balance", "Wallet.checkBalance", (context) =>
  Effect.gen(function* () {
    const query = yield* decodeCheck(
      queryObject(context, ["userAuthorizationId", "amount", "currency", "productType"], ["amount"])
    )
    const user = yield* Authorizations.requireUser(context.tenant, query.userAuthorizationId, {
      scope: "get_balance"
    }).pipe(mapFailures("INVALID_USER_AUTHORIZATION_ID"))
    return ok({ hasEnoughBalance: user.balance >= query.amount })
  })
)

const getBalance = Route.make("GET", "/v6/wallet/balance", "Wallet.getBalance", (context) =>
  Effect.gen(function* () {
    const query = yield* decodeBalance(queryObject(context, ["userAuthorizationId", "currency", "productType"]))
    const user = yield* Authorizations.requireUser(context.tenant, query.userAuthorizationId, {
      scope: "get_balance"
    }).pipe(mapFailures("INVALID_USER_AUTHORIZATION_ID"))
    return ok({
      userAuthorizationId: user.userAuthorizationId,
      totalBalance: { amount: user.balance, currency: query.currency },
      preference: { useCashback: true, cashbackAutoInvestment: false }
    })
  })
)

const getPaymentMethods = Route.make("GET", "/v4/paymentMethods", "Wallet.getPaymentMethods", (context) =>
  Effect.gen(function* () {
    const query = yield* decodeMethods(queryObject(context, ["userAuthorizationId", "productType"]))
    const user = yield* Authorizations.requireUser(context.tenant, query.userAuthorizationId).pipe(
      mapFailures("INVALID_USER_AUTHORIZATION_ID")
    )
    const totalBalance = { amount: user.balance, currency: "JPY" }
    return ok({
      walletInfo: { userAuthorizationId: user.userAuthorizationId, totalBalance },
      paymentMethods: [
        {
          paymentMethodType: DirectDebit.WALLET_METHOD_TYPE,
          id: DirectDebit.walletMethodId(user.userAuthorizationId),
          issuerName: "PayPay",
          disabled: false,
          underMaintenance: false,
          authenticated: true,
          limited: false,
          paymentMethodStatus: "AVAILABLE"
        }
      ]
    })
  })
)

/**
 * @since 0.1.0
 * @category Routes
 */
export const routes = [checkBalance, getBalance, getPaymentMethods] as const
