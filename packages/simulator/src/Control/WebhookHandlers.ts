/**
 * Control handlers for webhooks: the tenant's endpoint and switches, its events and delivery log, redelivery.
 *
 * @since 0.1.0
 */
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { DEFAULT_SCHEDULE } from "../Webhooks/Models.js"
import { Outbox } from "../Webhooks/Outbox.js"
import { ControlApi } from "./ControlApi.js"
import { WebhookEventNotFound } from "./ControlErrors.js"
import * as ControlTenant from "./Tenant.js"

/**
 * @since 0.1.0
 * @category Layers
 */
export const layer = HttpApiBuilder.group(ControlApi, "webhooks", (handlers) =>
  handlers
    .handle("endpoint", ({ request, urlParams }) =>
      Effect.gen(function* () {
        const tenant = yield* ControlTenant.resolve(urlParams, request)
        return yield* Effect.flatMap(Outbox, (outbox) => outbox.endpoint(tenant))
      })
    )
    .handle("setEndpoint", ({ payload, request, urlParams }) =>
      Effect.gen(function* () {
        const tenant = yield* ControlTenant.resolve(urlParams, request)
        const outbox = yield* Outbox
        return yield* outbox.settings
          .setEndpoint(tenant, { url: payload.url, schedule: payload.schedule ?? DEFAULT_SCHEDULE })
          .pipe(Effect.orDie)
      })
    )
    .handle("removeEndpoint", ({ request, urlParams }) =>
      Effect.gen(function* () {
        const tenant = yield* ControlTenant.resolve(urlParams, request)
        const outbox = yield* Outbox
        yield* outbox.settings.removeEndpoint(tenant).pipe(Effect.orDie)
      })
    )
    .handle("switches", ({ request, urlParams }) =>
      Effect.gen(function* () {
        const tenant = yield* ControlTenant.resolve(urlParams, request)
        return yield* Effect.flatMap(Outbox, (outbox) => outbox.switches(tenant))
      })
    )
    .handle("setSwitches", ({ payload, request, urlParams }) =>
      Effect.gen(function* () {
        const tenant = yield* ControlTenant.resolve(urlParams, request)
        const outbox = yield* Outbox
        return yield* outbox.setSwitches(tenant, payload).pipe(Effect.orDie)
      })
    )
    .handle("events", ({ request, urlParams }) =>
      Effect.gen(function* () {
        const tenant = yield* ControlTenant.resolve(urlParams, request)
        const outbox = yield* Outbox
        return yield* outbox.events(tenant, { status: urlParams.status }).pipe(Effect.orDie)
      })
    )
    .handle("deliveries", ({ request, urlParams }) =>
      Effect.gen(function* () {
        const tenant = yield* ControlTenant.resolve(urlParams, request)
        const outbox = yield* Outbox
        return yield* outbox.attempts(tenant, { eventId: urlParams.eventId }).pipe(Effect.orDie)
      })
    )
    .handle("redeliver", ({ path, request, urlParams }) =>
      Effect.gen(function* () {
        const tenant = yield* ControlTenant.resolve(urlParams, request)
        const outbox = yield* Outbox
        const event = yield* outbox.redeliver(tenant, path.id).pipe(Effect.orDie)
        if (Option.isNone(event)) {
          return yield* new WebhookEventNotFound({
            id: path.id,
            message: `no webhook event ${path.id} for this tenant`
          })
        }
        return event.value
      })
    )
    .handle("redeliverFailed", ({ request, urlParams }) =>
      Effect.gen(function* () {
        const tenant = yield* ControlTenant.resolve(urlParams, request)
        const outbox = yield* Outbox
        return { redelivered: yield* outbox.redeliverFailed(tenant).pipe(Effect.orDie) }
      })
    )
)
