/**
 * OPA-Auth verification for the PayPay routes, with the SDK's signer (ledger: auth.hmac): the raw body bytes and
 * the Content-Type header exactly as sent, never re-serialized (ledger: auth.raw-body), `empty`/`empty` without a
 * body, also for a DELETE that carries a signed `{}` (ledger: auth.delete-body), a nonce of any length (ledger:
 * auth.nonce), the epoch within ±120 s of real wall-clock time, not the simulator's advanced clock: clients' clocks
 * do not move with it (ledger: auth.epoch-skew), and the merchant from `?assumeMerchant=` or `X-ASSUME-MERCHANT`,
 * the query winning (reference §A, §A.4; ledger: auth.assume-merchant-query), which must be registered for the API
 * key (`Store/Merchants.ts`) unless the simulator accepts any merchant.
 *
 * @since 0.1.0
 */
import * as PayPaySigner from "@paypay-effect/sdk/PayPaySigner"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { ApiFailure, type SimRequest } from "./Envelope.js"
import * as SimulatorConfig from "./SimulatorConfig.js"
import { type Tenant, tenant } from "./Store/Database.js"
import { Merchants } from "./Store/Merchants.js"

/**
 * Who signed a request: the tenant whose data it may touch.
 *
 * @since 0.1.0
 * @category Models
 */
export interface Authenticated {
  readonly tenant: Tenant
  readonly nonce: string
}

/**
 * The merchant a request acts for (query parameter first, then header; reference §A.4).
 *
 * @since 0.1.0
 * @category Constructors
 */
export const merchantOf = (request: SimRequest): string | undefined =>
  request.query.get("assumeMerchant") ?? request.headers["x-assume-merchant"] ?? undefined

/**
 * Why a request's merchant is refused, or `undefined` when it may act: PayPay answers 401 UNAUTHORIZED for a
 * missing, empty, placeholder or unknown merchant id (reference §A.4, §F.1; paypayopa-sdk-java#78,
 * paypayopa-sdk-node#130; ledger: auth.merchant). The diagnostic names the merchant sent and the ones registered
 * for the API key, never a secret.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const merchantProblem = (
  apiKey: string,
  merchantId: string | undefined,
  merchants: Context.Tag.Service<Merchants>
): string | undefined => {
  if (merchants.anyMerchant) return undefined
  if (merchantId !== undefined && merchantId !== "" && merchants.find(apiKey, merchantId) !== undefined) {
    return undefined
  }
  const registered = merchants.list(apiKey).map((merchant) => merchant.merchantId)
  const sent =
    merchantId === undefined
      ? "no merchant was sent (X-ASSUME-MERCHANT header or ?assumeMerchant=)"
      : `merchant ${JSON.stringify(merchantId)} is not registered for API key ${apiKey}`
  const known = registered.length === 0 ? "none" : registered.join(", ")
  return (
    `merchant: ${sent}; registered for ${apiKey}: ${known}. ` +
    "Send a registered merchant id, register one (--merchant-id, POST /_simulator/merchants) or start with --any-merchant"
  )
}

/**
 * Verifies a request against the settings and the merchant registry at real time `nowMillis`, synchronously.
 * Fails with `UNAUTHORIZED` (08100016) whose message names the part that did not match.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const verify = (
  request: SimRequest,
  config: SimulatorConfig.Options,
  nowMillis: number,
  merchants: Context.Tag.Service<Merchants>
): Either.Either<Authenticated, ApiFailure> => {
  const verified = PayPaySigner.verify({
    authorization: request.headers["authorization"],
    method: request.method,
    path: request.path,
    contentType: request.headers["content-type"],
    body: request.body,
    secretFor: (apiKey) => config.credentials.find((credential) => credential.apiKey === apiKey)?.apiSecret,
    nowSeconds: Math.floor(nowMillis / 1000),
    maxSkewSeconds: config.maxSkewSeconds
  })
  if (Either.isLeft(verified)) {
    return Either.left(
      new ApiFailure({ code: "UNAUTHORIZED", detail: `${verified.left.part}: ${verified.left.detail}` })
    )
  }
  const { apiKey, nonce } = verified.right
  const merchantId = merchantOf(request)
  const problem = merchantProblem(apiKey, merchantId, merchants)
  if (problem !== undefined) return Either.left(new ApiFailure({ code: "UNAUTHORIZED", detail: problem }))
  return Either.right({ tenant: tenant(apiKey, merchantId), nonce })
}

/**
 * {@link verify} with the `SimulatorConfig` and `Merchants` services and Effect's `Clock` (real time, never the
 * simulator's clock).
 *
 * @since 0.1.0
 * @category Constructors
 */
export const authenticate = (
  request: SimRequest
): Effect.Effect<Authenticated, ApiFailure, SimulatorConfig.SimulatorConfig | Merchants> =>
  Effect.contextWithEffect((context: Context.Context<SimulatorConfig.SimulatorConfig | Merchants>) =>
    Effect.clockWith((clock) =>
      verify(
        request,
        Context.get(context, SimulatorConfig.SimulatorConfig),
        clock.unsafeCurrentTimeMillis(),
        Context.get(context, Merchants)
      )
    )
  )
