/**
 * Control handlers for the simulator itself: health, the simulated clock, the request journal and reset.
 *
 * @since 0.1.0
 */
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { Journal } from "../Journal.js"
import { nowSeconds, SimClock } from "../SimClock.js"
import { ControlApi } from "./ControlApi.js"
import { FaultStore } from "./FaultStore.js"
import * as UserActions from "../Store/UserActions.js"
import * as ControlTenant from "./Tenant.js"

const clockState = Effect.flatMap(SimClock, (clock) =>
  Effect.zipWith(clock.nowSeconds, clock.offset, (now, offset) => ({ now, offsetSeconds: offset / 1000 }))
)

const system = HttpApiBuilder.group(ControlApi, "system", (handlers) =>
  handlers
    .handle("health", () => Effect.map(nowSeconds, (now) => ({ status: "ok" as const, now })))
    .handle("requests", ({ request, urlParams }) =>
      Effect.flatMap(Journal, (journal) =>
        journal.list({ merchantId: urlParams.merchantId ?? request.headers["x-assume-merchant"] })
      )
    )
    .handle("reset", ({ request, urlParams }) =>
      Effect.gen(function* () {
        const faults = yield* FaultStore
        if (urlParams.all === true) {
          yield* UserActions.reset()
          yield* faults.clear()
          yield* Journal.pipe(Effect.flatMap((journal) => journal.clear))
          yield* SimClock.pipe(Effect.flatMap((clock) => clock.reset))
          return
        }
        const tenant = yield* ControlTenant.resolve(urlParams, request)
        yield* UserActions.reset(tenant)
        yield* faults.clear({ merchantId: tenant.merchantId })
      }).pipe(Effect.orDie)
    )
)

const clock = HttpApiBuilder.group(ControlApi, "clock", (handlers) =>
  handlers
    .handle("get", () => clockState)
    .handle("advance", ({ payload }) =>
      SimClock.pipe(
        Effect.flatMap((clock) => clock.advance(payload.seconds)),
        Effect.orDie,
        Effect.zipRight(clockState)
      )
    )
)

/**
 * @since 0.1.0
 * @category Layers
 */
export const layer = Layer.mergeAll(system, clock)
