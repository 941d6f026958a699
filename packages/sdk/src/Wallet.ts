/**
 * An authorized user's wallet (reference §B.3, §B.8): whether the balance covers an amount, the balance itself and
 * the user's payment methods. Needs the user's `get_balance` scope. Every parameter travels in the query string,
 * which is not signed (§A.3).
 *
 * @since 0.1.0
 */
import type * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { endpoint, execute } from "./internal/request.js"
import type { PayPayClient } from "./PayPayClient.js"
import type { EndpointError } from "./PayPayError.js"
import { ProductType } from "./Payments.js"
import { Amount, Currency, Id64, MoneyAmount, optionalNullable } from "./PayPaySchema.js"

// ====== Schemas ======

/**
 * The query of `GET /v2/wallet/check_balance` (reference §B.8).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const CheckBalanceRequest = Schema.Struct({
  userAuthorizationId: Id64,
  amount: Amount,
  currency: Currency,
  productType: Schema.optional(ProductType)
}).annotations({ identifier: "CheckBalanceRequest" })

/**
 * What {@link checkBalance} accepts: the query, with `currency` defaulting to `JPY` (the only currency).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const CheckBalanceParams = Schema.Struct({
  ...CheckBalanceRequest.fields,
  currency: Schema.optional(Currency)
}).annotations({ identifier: "CheckBalanceParams" })

/**
 * @since 0.1.0
 * @category Models
 */
export type CheckBalanceParams = typeof CheckBalanceParams.Encoded

/**
 * `data` of `GET /v2/wallet/check_balance`.
 *
 * @since 0.1.0
 * @category Schemas
 */
export class BalanceCheck extends Schema.Class<BalanceCheck>("BalanceCheck")({
  hasEnoughBalance: Schema.Boolean
}) {}

/**
 * The query of `GET /v6/wallet/balance` (reference §B.0 row 22).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const GetBalanceRequest = Schema.Struct({
  userAuthorizationId: Id64,
  currency: Currency,
  productType: Schema.optional(ProductType)
}).annotations({ identifier: "GetBalanceRequest" })

/**
 * What {@link getBalance} accepts: the query, with `currency` defaulting to `JPY`.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const GetBalanceParams = Schema.Struct({
  ...GetBalanceRequest.fields,
  currency: Schema.optional(Currency)
}).annotations({ identifier: "GetBalanceParams" })

/**
 * @since 0.1.0
 * @category Models
 */
export type GetBalanceParams = typeof GetBalanceParams.Encoded

/**
 * `data` of `GET /v6/wallet/balance` (reference §B.8, from GO-M; kept permissive).
 *
 * @since 0.1.0
 * @category Schemas
 */
export class WalletBalance extends Schema.Class<WalletBalance>("WalletBalance")({
  userAuthorizationId: optionalNullable(Schema.String),
  totalBalance: MoneyAmount,
  preference: optionalNullable(
    Schema.Struct({
      useCashback: optionalNullable(Schema.Boolean),
      cashbackAutoInvestment: optionalNullable(Schema.Boolean)
    })
  )
}) {}

/**
 * The query of `GET /v4/paymentMethods` (reference §B.3).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const GetPaymentMethodsRequest = Schema.Struct({
  userAuthorizationId: Id64,
  productType: Schema.optional(ProductType)
}).annotations({ identifier: "GetPaymentMethodsRequest" })

/**
 * What {@link getPaymentMethods} accepts: exactly the query.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const GetPaymentMethodsParams = GetPaymentMethodsRequest

/**
 * @since 0.1.0
 * @category Models
 */
export type GetPaymentMethodsParams = typeof GetPaymentMethodsParams.Encoded

/**
 * One of the user's payment methods; pass `paymentMethodType` and `id` as `paymentMethodType` /
 * `paymentMethodId` to `Payments.create` (reference §B.3, JAVA `PaymentMethod`; kept permissive).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const PaymentMethod = Schema.Struct({
  paymentMethodType: Schema.String,
  id: optionalNullable(Schema.String),
  issuerName: optionalNullable(Schema.String),
  accountNo: optionalNullable(Schema.String),
  logoUrl: optionalNullable(Schema.String),
  disabled: optionalNullable(Schema.Boolean),
  underMaintenance: optionalNullable(Schema.Boolean),
  authenticated: optionalNullable(Schema.Boolean),
  limited: optionalNullable(Schema.Boolean),
  paymentMethodStatus: optionalNullable(Schema.String)
}).annotations({ identifier: "PaymentMethod" })

/**
 * `data` of `GET /v4/paymentMethods` (reference §B.3).
 *
 * @since 0.1.0
 * @category Schemas
 */
export class PaymentMethods extends Schema.Class<PaymentMethods>("PaymentMethods")({
  walletInfo: optionalNullable(
    Schema.Struct({
      userAuthorizationId: optionalNullable(Schema.String),
      totalBalance: optionalNullable(MoneyAmount)
    })
  ),
  paymentMethods: Schema.Array(PaymentMethod)
}) {}

const UserCodes = [
  "INVALID_USER_AUTHORIZATION_ID",
  "EXPIRED_USER_AUTHORIZATION_ID",
  "USER_STATE_IS_NOT_ACTIVE"
] as const

// ====== Endpoints ======

const CheckBalance = endpoint({
  operation: "Wallet.checkBalance",
  apiName: "v2_checkWalletBalance",
  method: "GET",
  input: CheckBalanceParams,
  request: (params) => ({
    path: "/v2/wallet/check_balance",
    query: {
      userAuthorizationId: params.userAuthorizationId,
      amount: params.amount,
      currency: params.currency ?? "JPY",
      productType: params.productType
    }
  }),
  response: BalanceCheck,
  timeout: "15 seconds",
  safety: "read",
  codes: UserCodes
})

/**
 * Whether the user's balance covers an amount
 * (`GET /v2/wallet/check_balance?userAuthorizationId&amount&currency[&productType]`). Timeout 15 s.
 *
 * Result codes: INVALID_USER_AUTHORIZATION_ID, EXPIRED_USER_AUTHORIZATION_ID, USER_STATE_IS_NOT_ACTIVE and the
 * common codes (OP_OUT_OF_SCOPE without the `get_balance` scope).
 *
 * @see https://www.paypay.ne.jp/opa/doc/v1.0/get_balance
 * @since 0.1.0
 * @category Endpoints
 */
export const checkBalance = (
  params: CheckBalanceParams
): Effect.Effect<BalanceCheck, EndpointError<(typeof CheckBalance.codes)[number]>, PayPayClient> =>
  execute(CheckBalance, params)

const GetBalance = endpoint({
  operation: "Wallet.getBalance",
  apiName: "v6_getWalletBalance",
  method: "GET",
  input: GetBalanceParams,
  request: (params) => ({
    path: "/v6/wallet/balance",
    query: {
      userAuthorizationId: params.userAuthorizationId,
      currency: params.currency ?? "JPY",
      productType: params.productType
    }
  }),
  response: WalletBalance,
  timeout: "15 seconds",
  safety: "read",
  codes: UserCodes
})

/**
 * The user's balance (`GET /v6/wallet/balance?userAuthorizationId&currency[&productType]`). The reference gives no
 * timeout; 15 s like the other reads (§B.1).
 *
 * Result codes: INVALID_USER_AUTHORIZATION_ID, EXPIRED_USER_AUTHORIZATION_ID, USER_STATE_IS_NOT_ACTIVE and the
 * common codes.
 *
 * @see https://www.paypay.ne.jp/opa/doc/v1.0/get_balance
 * @since 0.1.0
 * @category Endpoints
 */
export const getBalance = (
  params: GetBalanceParams
): Effect.Effect<WalletBalance, EndpointError<(typeof GetBalance.codes)[number]>, PayPayClient> =>
  execute(GetBalance, params)

const GetPaymentMethods = endpoint({
  operation: "Wallet.getPaymentMethods",
  apiName: "v4_getPaymentMethods",
  method: "GET",
  input: GetPaymentMethodsParams,
  request: (params) => ({
    path: "/v4/paymentMethods",
    query: { userAuthorizationId: params.userAuthorizationId, productType: params.productType }
  }),
  response: PaymentMethods,
  timeout: "30 seconds",
  safety: "read",
  codes: UserCodes
})

/**
 * The user's payment methods (`GET /v4/paymentMethods?userAuthorizationId[&productType]`). Timeout 30 s (§B.1).
 *
 * Result codes: INVALID_USER_AUTHORIZATION_ID, EXPIRED_USER_AUTHORIZATION_ID, USER_STATE_IS_NOT_ACTIVE and the
 * common codes.
 *
 * @see reference §B.3 (only the Java SDK implements it)
 * @since 0.1.0
 * @category Endpoints
 */
export const getPaymentMethods = (
  params: GetPaymentMethodsParams
): Effect.Effect<PaymentMethods, EndpointError<(typeof GetPaymentMethods.codes)[number]>, PayPayClient> =>
  execute(GetPaymentMethods, params)
