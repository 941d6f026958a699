/**
 * The control API's `webhooks` group (mounted under `/_simulator` by `ControlApi`): the tenant's webhook endpoint,
 * the delivery switches, the recorded events with their delivery log, and redelivery. Handlers are in
 * `Control/WebhookHandlers.ts`; the behaviour in `Webhooks/*.ts` and docs/webhooks.md.
 *
 * @since 0.1.0
 */
import * as HttpApiEndpoint from "@effect/platform/HttpApiEndpoint"
import * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import * as Schema from "effect/Schema"
import { Attempt, Endpoint, Event, EventStatus, SetEndpoint, Switches, SwitchesPatch } from "../Webhooks/Models.js"
import { Wire } from "./ControlErrors.js"

/** A webhook event id in a path or query: a non-negative safe integer. */
const EventId = Schema.NumberFromString.pipe(Schema.int(), Schema.between(0, Number.MAX_SAFE_INTEGER))

const Tenant = {
  merchantId: Schema.optional(Schema.String),
  apiKey: Schema.optional(Schema.String)
}

/**
 * @since 0.1.0
 * @category Schemas
 */
export const WebhookTenantParams = Schema.Struct(Tenant)

/**
 * `GET /webhooks/events` filter.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const EventsParams = Schema.Struct({ ...Tenant, status: Schema.optional(EventStatus) })

/**
 * `GET /webhooks/deliveries` filter.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const DeliveriesParams = Schema.Struct({ ...Tenant, eventId: Schema.optional(EventId) })

/**
 * `POST /webhooks/redeliver` answer.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const Redelivered = Schema.Struct({ redelivered: Schema.Number })

const eventId = Schema.Struct({ id: EventId })

/**
 * `GET|PUT|DELETE /webhooks/endpoint`, `GET|PUT /webhooks/switches`, `GET /webhooks/events`,
 * `GET /webhooks/deliveries`, `POST /webhooks/events/{id}/redeliver`, `POST /webhooks/redeliver`.
 *
 * @since 0.1.0
 * @category Groups
 */
export class WebhooksGroup extends HttpApiGroup.make("webhooks")
  .add(HttpApiEndpoint.get("endpoint", "/webhooks/endpoint").setUrlParams(WebhookTenantParams).addSuccess(Endpoint))
  .add(
    HttpApiEndpoint.put("setEndpoint", "/webhooks/endpoint")
      .setUrlParams(WebhookTenantParams)
      .setPayload(SetEndpoint)
      .addSuccess(Endpoint)
  )
  .add(HttpApiEndpoint.del("removeEndpoint", "/webhooks/endpoint").setUrlParams(WebhookTenantParams))
  .add(HttpApiEndpoint.get("switches", "/webhooks/switches").setUrlParams(WebhookTenantParams).addSuccess(Switches))
  .add(
    HttpApiEndpoint.put("setSwitches", "/webhooks/switches")
      .setUrlParams(WebhookTenantParams)
      .setPayload(SwitchesPatch)
      .addSuccess(Switches)
  )
  .add(HttpApiEndpoint.get("events", "/webhooks/events").setUrlParams(EventsParams).addSuccess(Schema.Array(Event)))
  .add(
    HttpApiEndpoint.get("deliveries", "/webhooks/deliveries")
      .setUrlParams(DeliveriesParams)
      .addSuccess(Schema.Array(Attempt))
  )
  .add(
    HttpApiEndpoint.post("redeliver", "/webhooks/events/:id/redeliver")
      .setPath(eventId)
      .setUrlParams(WebhookTenantParams)
      .addSuccess(Event)
      .addError(Wire.WebhookEventNotFound)
  )
  .add(
    HttpApiEndpoint.post("redeliverFailed", "/webhooks/redeliver")
      .setUrlParams(WebhookTenantParams)
      .addSuccess(Redelivered)
  ) {}
