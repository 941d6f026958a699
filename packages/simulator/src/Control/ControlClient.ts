/**
 * A typed client for the simulator's control API, over any `HttpClient`: the in-process one
 * (`InProcess.layer`) or a real one pointed at a running simulator. Every call is an Effect whose error channel
 * lists the control API's typed errors (`PaymentRejected`, `PaymentNotFound`, …), so `Effect.catchTag` works.
 *
 * ```ts
 * const control = yield* ControlClient.make("http://127.0.0.1:4010")
 * yield* control.approve("order-1")
 * yield* control.addFault({ operation: "Codes.create", times: 1, action: { type: "respond", code: "RATE_LIMIT" } })
 * ```
 *
 * @since 0.1.0
 */
import * as HttpApiClient from "@effect/platform/HttpApiClient"
import type { HttpApiDecodeError } from "@effect/platform/HttpApiError"
import * as HttpClient from "@effect/platform/HttpClient"
import type { HttpClientError } from "@effect/platform/HttpClientError"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as PayPaySchema from "@paypay-effect/sdk/PayPaySchema"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type { ParseError } from "effect/ParseResult"
import * as Schema from "effect/Schema"
import type { TestUser } from "../Store/UserStore.js"
import type {
  Attempt,
  Endpoint,
  Event,
  EventStatus,
  ScheduleName,
  Switches,
  SwitchesPatch
} from "../Webhooks/Models.js"
import type {
  AddMerchant,
  ClockState,
  CreateUser,
  Health,
  JournalEntry,
  MerchantRegistry,
  RegisteredMerchant
} from "./ControlApi.js"
import type { LinkAnswer } from "./UserActionsApi.js"
import { ControlApi } from "./ControlApi.js"
import type {
  DuplicateUser,
  FaultNotFound,
  PaymentNotFound,
  PaymentRejected,
  Unauthorized,
  UnknownApiKey,
  UserNotFound,
  WebhookEventNotFound
} from "./ControlErrors.js"
import type { FaultRule, FaultRuleInput } from "./FaultRule.js"

/**
 * Failures every call can have: a refused control token, a request the server could not decode, transport and
 * response errors.
 *
 * @since 0.1.0
 * @category Errors
 */
export type CommonError = Unauthorized | HttpApiDecodeError | HttpClientError | ParseError

/**
 * @since 0.1.0
 * @category Models
 */
export interface Options {
  /** Tenant of tenant-scoped calls (server default: `sim_merchant`; `""` for clients that send no merchant). */
  readonly merchantId?: string | undefined
  /** API key of the tenant (server default: the first configured credential). */
  readonly apiKey?: string | undefined
  /** The control token, when the simulator was started with one (sent as `Authorization: Bearer …`). */
  readonly token?: string | undefined
}

/**
 * @since 0.1.0
 * @category Models
 */
export interface Service {
  readonly health: Effect.Effect<typeof Health.Type, CommonError>
  /** The merchants each API key may act for (of the client's `apiKey`, else of every key). */
  readonly merchants: Effect.Effect<typeof MerchantRegistry.Type, CommonError>
  /** Register a merchant (for the client's `apiKey` unless the input names one). */
  readonly addMerchant: (
    merchant: typeof AddMerchant.Type
  ) => Effect.Effect<typeof RegisteredMerchant.Type, UnknownApiKey | CommonError>
  readonly createUser: (input?: typeof CreateUser.Type) => Effect.Effect<TestUser, DuplicateUser | CommonError>
  readonly users: Effect.Effect<ReadonlyArray<TestUser>, CommonError>
  /** The user pays the payment (QR code) or accepts the request; the default test user unless one is named. */
  readonly approve: (
    merchantPaymentId: string,
    options?: { readonly userAuthorizationId?: string | undefined }
  ) => Effect.Effect<PayPaySchema.Payment, PaymentNotFound | UserNotFound | PaymentRejected | CommonError>
  readonly decline: (
    merchantPaymentId: string
  ) => Effect.Effect<PayPaySchema.Payment, PaymentNotFound | PaymentRejected | CommonError>
  readonly payments: Effect.Effect<ReadonlyArray<PayPaySchema.Payment>, CommonError>
  readonly clock: Effect.Effect<typeof ClockState.Type, CommonError>
  readonly advanceClock: (seconds: number) => Effect.Effect<typeof ClockState.Type, CommonError>
  readonly addFault: (rule: FaultRuleInput) => Effect.Effect<FaultRule, CommonError>
  readonly faults: Effect.Effect<ReadonlyArray<FaultRule>, CommonError>
  readonly removeFault: (id: string) => Effect.Effect<void, FaultNotFound | CommonError>
  readonly clearFaults: Effect.Effect<void, CommonError>
  /** The request journal, of one merchant (default: the client's `merchantId`) or, without one, of all. */
  readonly requests: (options?: {
    readonly merchantId?: string | undefined
  }) => Effect.Effect<ReadonlyArray<typeof JournalEntry.Type>, CommonError>
  /** Reset the tenant (payments, users, its fault rules), or with `all` the whole simulator incl. the clock. */
  readonly reset: (options?: { readonly all?: boolean | undefined }) => Effect.Effect<void, CommonError>
  /** The tenant's webhook endpoint: its own, else the simulator's default (`source`), else none. */
  readonly webhookEndpoint: Effect.Effect<Endpoint, CommonError>
  /** Send the tenant's webhooks to `url` (schedule `A` unless given; reference §B.10). */
  readonly setWebhookEndpoint: (
    url: string,
    options?: { readonly schedule?: ScheduleName | undefined }
  ) => Effect.Effect<Endpoint, CommonError>
  /** Remove the tenant's own endpoint (the default, if any, applies again). */
  readonly removeWebhookEndpoint: Effect.Effect<void, CommonError>
  readonly webhookSwitches: Effect.Effect<Switches, CommonError>
  /** Change some delivery switches (drop, duplicate, delayMillis, reorder, maintenance); returns them all. */
  readonly setWebhookSwitches: (patch: SwitchesPatch) => Effect.Effect<Switches, CommonError>
  /** The tenant's recorded webhook events, oldest first. */
  readonly webhookEvents: (filter?: {
    readonly status?: EventStatus | undefined
  }) => Effect.Effect<ReadonlyArray<Event>, CommonError>
  /** The delivery log: every attempt (time, HTTP status, latency, error, outcome), oldest first. */
  readonly webhookDeliveries: (filter?: {
    readonly eventId?: number | undefined
  }) => Effect.Effect<ReadonlyArray<Attempt>, CommonError>
  /** Deliver one event again (a fresh round of retries). */
  readonly redeliverWebhook: (eventId: number) => Effect.Effect<Event, WebhookEventNotFound | CommonError>
  /** Deliver every failed event of the tenant again; how many. */
  readonly redeliverFailedWebhooks: Effect.Effect<number, CommonError>
  /** The same client acting on another tenant. */
  /** The user answers an account-link session (`linkQRCodeURL` ends in its id): yes, as an existing or a new user. */
  readonly approveLink: (
    sessionId: string,
    options?: { readonly userAuthorizationId?: string | undefined; readonly balance?: number | undefined }
  ) => Effect.Effect<typeof LinkAnswer.Type, PaymentRejected | CommonError>
  /** The user declines an account-link session. */
  readonly declineLink: (sessionId: string) => Effect.Effect<typeof LinkAnswer.Type, PaymentRejected | CommonError>
  /** Let a payment expire now (a pre-authorization, a pending request). */
  readonly expire: (merchantPaymentId: string) => Effect.Effect<void, PaymentNotFound | PaymentRejected | CommonError>
  /** The merchant's cashback campaign wallet. */
  readonly campaignBalance: Effect.Effect<number, CommonError>
  readonly setCampaignBalance: (balance: number) => Effect.Effect<void, CommonError>
  readonly withTenant: (tenant: Pick<Options, "merchantId" | "apiKey">) => Service
  /** The underlying `HttpApiClient` of `ControlApi`, one method per endpoint. */
  readonly raw: RawClient
}

/**
 * @since 0.1.0
 * @category Context
 */
export class ControlClient extends Context.Tag("simulator/ControlClient")<ControlClient, Service>() {}

const decodePayment = (payment: unknown) => Schema.decodeUnknown(PayPaySchema.Payment)(payment)

const defined = <A extends Record<string, unknown>>(record: A): A =>
  Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as A

/** Every state change is sent as JSON, with or without a payload: the control API refuses others (CSRF). */
const asJson = (request: HttpClientRequest.HttpClientRequest) =>
  request.method === "GET" || request.method === "HEAD" || request.body._tag !== "Empty"
    ? request
    : HttpClientRequest.setHeader(request, "content-type", "application/json")

const makeRaw = (baseUrl: string, token: string | undefined) =>
  HttpApiClient.make(ControlApi, {
    baseUrl,
    transformClient: HttpClient.mapRequest((request) =>
      token === undefined ? asJson(request) : HttpClientRequest.bearerToken(asJson(request), token)
    )
  })

/**
 * The `HttpApiClient` of `ControlApi` (one method per endpoint, grouped as in the API).
 *
 * @since 0.1.0
 * @category Models
 */
export type RawClient = Effect.Effect.Success<ReturnType<typeof makeRaw>>

const build = (client: RawClient, options: Options): Service => {
  const tenant = defined({ merchantId: options.merchantId, apiKey: options.apiKey })
  return {
    health: client.system.health(),
    merchants: client.merchants.list({ urlParams: defined({ apiKey: options.apiKey }) }),
    addMerchant: (merchant) => client.merchants.add({ payload: defined({ apiKey: options.apiKey, ...merchant }) }),
    createUser: (input = {}) => client.users.create({ urlParams: tenant, payload: input }),
    users: client.users.list({ urlParams: tenant }),
    approve: (merchantPaymentId, approval = {}) =>
      client.payments
        .approve({
          path: { merchantPaymentId: encodeURIComponent(merchantPaymentId) },
          urlParams: tenant,
          payload: defined({ userAuthorizationId: approval.userAuthorizationId })
        })
        .pipe(Effect.flatMap((result) => decodePayment(result.payment))),
    decline: (merchantPaymentId) =>
      client.payments
        .decline({ path: { merchantPaymentId: encodeURIComponent(merchantPaymentId) }, urlParams: tenant })
        .pipe(Effect.flatMap((result) => decodePayment(result.payment))),
    payments: client.payments
      .list({ urlParams: tenant })
      .pipe(Effect.flatMap((payments) => Effect.forEach(payments, (payment) => decodePayment(payment)))),
    clock: client.clock.get(),
    advanceClock: (seconds) => client.clock.advance({ payload: { seconds } }),
    addFault: (rule) => client.faults.add({ payload: rule }),
    faults: client.faults.list(),
    removeFault: (id) => client.faults.remove({ path: { id: encodeURIComponent(id) } }),
    clearFaults: client.faults.clear(),
    requests: (filter = {}) =>
      client.system.requests({ urlParams: defined({ merchantId: filter.merchantId ?? options.merchantId }) }),
    reset: (reset = {}) => client.system.reset({ urlParams: defined({ ...tenant, all: reset.all }) }),
    webhookEndpoint: client.webhooks.endpoint({ urlParams: tenant }),
    setWebhookEndpoint: (url, endpoint = {}) =>
      client.webhooks.setEndpoint({ urlParams: tenant, payload: defined({ url, schedule: endpoint.schedule }) }),
    removeWebhookEndpoint: client.webhooks.removeEndpoint({ urlParams: tenant }),
    webhookSwitches: client.webhooks.switches({ urlParams: tenant }),
    setWebhookSwitches: (patch) => client.webhooks.setSwitches({ urlParams: tenant, payload: patch }),
    webhookEvents: (filter = {}) =>
      client.webhooks.events({ urlParams: defined({ ...tenant, status: filter.status }) }),
    webhookDeliveries: (filter = {}) =>
      client.webhooks.deliveries({ urlParams: defined({ ...tenant, eventId: filter.eventId }) }),
    redeliverWebhook: (eventId) => client.webhooks.redeliver({ path: { id: eventId }, urlParams: tenant }),
    redeliverFailedWebhooks: client.webhooks
      .redeliverFailed({ urlParams: tenant })
      .pipe(Effect.map((result) => result.redelivered)),
    approveLink: (sessionId, options = {}) =>
      client.actions.approveLink({
        path: { sessionId: encodeURIComponent(sessionId) },
        payload: defined({ userAuthorizationId: options.userAuthorizationId, balance: options.balance })
      }),
    declineLink: (sessionId) => client.actions.declineLink({ path: { sessionId: encodeURIComponent(sessionId) } }),
    expire: (merchantPaymentId) =>
      Effect.asVoid(
        client.actions.expire({ path: { merchantPaymentId: encodeURIComponent(merchantPaymentId) }, urlParams: tenant })
      ),
    campaignBalance: Effect.map(client.actions.campaignBalance({ urlParams: tenant }), (result) => result.balance),
    setCampaignBalance: (balance) =>
      Effect.asVoid(client.actions.setCampaignBalance({ urlParams: tenant, payload: { balance } })),
    withTenant: (next) => build(client, { ...options, ...next }),
    raw: client
  }
}

/**
 * A control client for the simulator at `baseUrl` (e.g. `http://127.0.0.1:4010`, or `InProcess.BASE_URL` over
 * the in-process `HttpClient`).
 *
 * @since 0.1.0
 * @category Constructors
 */
export const make = (baseUrl: string, options: Options = {}): Effect.Effect<Service, never, HttpClient.HttpClient> =>
  Effect.map(makeRaw(baseUrl, options.token), (client) => build(client, options))

/**
 * @since 0.1.0
 * @category Layers
 */
export const layer = (
  baseUrl: string,
  options: Options = {}
): Layer.Layer<ControlClient, never, HttpClient.HttpClient> => Layer.effect(ControlClient, make(baseUrl, options))
