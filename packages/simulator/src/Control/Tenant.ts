/**
 * Which tenant a control call acts on: `?merchantId=` (or `X-ASSUME-MERCHANT`, default `sim_merchant`) and
 * `?apiKey=` (default: the first configured credential). An empty `merchantId` selects the tenant of clients that
 * send no merchant.
 *
 * @since 0.1.0
 */
import type * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as Effect from "effect/Effect"
import { defaultCredential, defaultMerchantId, SimulatorConfig } from "../SimulatorConfig.js"
import { type Tenant, tenant } from "../Store/Database.js"

/**
 * @since 0.1.0
 * @category Constructors
 */
export const resolve = (
  params: { readonly merchantId?: string | undefined; readonly apiKey?: string | undefined },
  request: HttpServerRequest.HttpServerRequest
): Effect.Effect<Tenant, never, SimulatorConfig> =>
  Effect.map(SimulatorConfig, (config) =>
    tenant(
      params.apiKey ?? config.credentials[0]?.apiKey ?? defaultCredential.apiKey,
      params.merchantId ?? request.headers["x-assume-merchant"] ?? defaultMerchantId
    )
  )
