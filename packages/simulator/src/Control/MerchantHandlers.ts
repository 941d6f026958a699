/**
 * Control handlers of the merchant registry: list the merchants each API key may act for, register one.
 *
 * @since 0.1.0
 */
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import * as Effect from "effect/Effect"
import { defaultCredential, SimulatorConfig } from "../SimulatorConfig.js"
import { Merchants } from "../Store/Merchants.js"
import { ControlApi } from "./ControlApi.js"
import { UnknownApiKey } from "./ControlErrors.js"

/**
 * @since 0.1.0
 * @category Layers
 */
export const layer = HttpApiBuilder.group(ControlApi, "merchants", (handlers) =>
  handlers
    .handle("list", ({ urlParams }) =>
      Effect.gen(function* () {
        const config = yield* SimulatorConfig
        const merchants = yield* Merchants
        const keys = config.credentials
          .map((credential) => credential.apiKey)
          .filter((apiKey) => urlParams.apiKey === undefined || apiKey === urlParams.apiKey)
        return {
          anyMerchant: merchants.anyMerchant,
          merchants: keys.flatMap((apiKey) => merchants.list(apiKey).map((merchant) => ({ apiKey, ...merchant })))
        }
      })
    )
    .handle("add", ({ payload }) =>
      Effect.gen(function* () {
        const config = yield* SimulatorConfig
        const merchants = yield* Merchants
        const { apiKey = config.credentials[0]?.apiKey ?? defaultCredential.apiKey, ...merchant } = payload
        const added = yield* merchants.add(apiKey, merchant).pipe(
          Effect.catchTags({
            UnknownApiKey: (error) =>
              new UnknownApiKey({
                apiKey: error.apiKey,
                message: `no credential has API key ${error.apiKey}; merchants are registered per configured API key`
              }),
            SqlError: Effect.die
          })
        )
        return { apiKey, ...added }
      })
    )
)
