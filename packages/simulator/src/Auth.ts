/**
 * OPA-Auth verification for the PayPay routes, with the SDK's signer: the raw body bytes and the Content-Type
 * header exactly as sent (never re-serialized), `empty`/`empty` without a body, the epoch within ±120 s of real
 * wall-clock time (not the simulator's advanced clock: clients' clocks do not move with it), and the merchant
 * from `?assumeMerchant=` or `X-ASSUME-MERCHANT`, the query winning (reference §A, §A.4).
 *
 * @since 0.1.0
 */
import * as PayPaySigner from "@paypay-effect/sdk/PayPaySigner"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { ApiFailure, type SimRequest } from "./Envelope.js"
import * as SimulatorConfig from "./SimulatorConfig.js"
import { type Tenant, tenant } from "./Store/Database.js"

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
 * Verifies a request against the settings at real time `nowMillis`, synchronously. Fails with `UNAUTHORIZED`
 * (08100016) whose message names the part that did not match.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const verify = (
  request: SimRequest,
  config: SimulatorConfig.Options,
  nowMillis: number
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
  const allowed = config.credentials.find((credential) => credential.apiKey === apiKey)?.merchantIds
  if (allowed !== undefined && (merchantId === undefined || !allowed.includes(merchantId))) {
    return Either.left(
      new ApiFailure({
        code: "UNAUTHORIZED",
        detail: `merchant: unknown merchant ${JSON.stringify(merchantId ?? "")} for this API key (X-ASSUME-MERCHANT)`
      })
    )
  }
  return Either.right({ tenant: tenant(apiKey, merchantId), nonce })
}

/**
 * {@link verify} with the `SimulatorConfig` service and Effect's `Clock` (real time, never the simulator's clock).
 *
 * @since 0.1.0
 * @category Constructors
 */
export const authenticate = (
  request: SimRequest
): Effect.Effect<Authenticated, ApiFailure, SimulatorConfig.SimulatorConfig> =>
  Effect.flatMap(SimulatorConfig.SimulatorConfig, (config) =>
    Effect.clockWith((clock) => verify(request, config, clock.unsafeCurrentTimeMillis()))
  )
