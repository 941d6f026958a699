/**
 * The control API's contract as an `HttpApi` under `/_simulator`: JSON in and out, validated with Schema (bad
 * input → 400 `HttpApiDecodeError` whose message names the field), never HMAC-protected. The handlers are in
 * `Control/*Handlers.ts`, the typed client in `Control/ControlClient.ts`, the contract in docs/control-api.md.
 *
 * Tenant-scoped endpoints take `?merchantId=` (or the `X-ASSUME-MERCHANT` header; default `sim_merchant`) and
 * `?apiKey=` (default: the first configured credential).
 *
 * @since 0.1.0
 */
import * as HttpApi from "@effect/platform/HttpApi"
import * as HttpApiEndpoint from "@effect/platform/HttpApiEndpoint"
import * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import * as PayPaySchema from "@paypay-effect/sdk/PayPaySchema"
import * as Schema from "effect/Schema"
import { TestUser, UserStatus } from "../Store/UserStore.js"
import { Wire } from "./ControlErrors.js"
import { FaultRule, FaultRuleInput } from "./FaultRule.js"
import { UserActionsGroup } from "./UserActionsApi.js"
import { WebhooksGroup } from "./WebhooksApi.js"

/**
 * Where the control API is mounted.
 *
 * @since 0.1.0
 * @category Constants
 */
export const PREFIX = "/_simulator"

/**
 * @since 0.1.0
 * @category Schemas
 */
export const TenantParams = Schema.Struct({
  merchantId: Schema.optional(Schema.String),
  apiKey: Schema.optional(Schema.String)
})

/**
 * @since 0.1.0
 * @category Schemas
 */
export const Health = Schema.Struct({ status: Schema.Literal("ok"), now: Schema.Number })

/**
 * Simulated now (epoch seconds) and how far it is ahead of real time.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const ClockState = Schema.Struct({ now: Schema.Number, offsetSeconds: Schema.Number })

/**
 * The most the clock can be advanced in one call: 10 years of seconds (a bound of the simulator's own: beyond it
 * every new code would be born expired and dates leave what PayPay's APIs return).
 *
 * @since 0.1.0
 * @category Constants
 */
export const MAX_ADVANCE_SECONDS = 10 * 365 * 86_400

/**
 * A clock advance: whole seconds from 0 to {@link MAX_ADVANCE_SECONDS}.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const AdvanceClock = Schema.Struct({ seconds: Schema.Int.pipe(Schema.between(0, MAX_ADVANCE_SECONDS)) })

/**
 * @since 0.1.0
 * @category Schemas
 */
export const CreateUser = Schema.Struct({
  userAuthorizationId: Schema.optional(PayPaySchema.Id64),
  balance: Schema.optional(PayPaySchema.Amount),
  scopes: Schema.optional(Schema.Array(Schema.String)),
  status: Schema.optional(UserStatus)
})

/**
 * @since 0.1.0
 * @category Schemas
 */
export const Approve = Schema.Struct({ userAuthorizationId: Schema.optional(Schema.String) })

/**
 * The payment object exactly as the PayPay API returns it (`Api/Wire.ts`; the SDK's `Payment`, encoded).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const WirePayment = Schema.encodedSchema(PayPaySchema.Payment)

/**
 * @since 0.1.0
 * @category Schemas
 */
export const PaymentResult = Schema.Struct({ payment: WirePayment })

/**
 * One journal entry (`Journal.Entry`): `auth` is `ok` or the part of the signature that did not match.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const JournalEntry = Schema.Struct({
  at: Schema.Number,
  requestId: Schema.String,
  method: Schema.String,
  path: Schema.String,
  operation: Schema.String,
  apiKey: Schema.optional(Schema.String),
  merchantId: Schema.optional(Schema.String),
  auth: Schema.String,
  status: Schema.Number,
  code: Schema.String,
  fault: Schema.optional(Schema.String),
  millis: Schema.Number,
  warning: Schema.optional(Schema.String)
})

/**
 * A merchant registered for an API key (`Store/Merchants.ts`).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const RegisteredMerchant = Schema.Struct({
  apiKey: Schema.String,
  merchantId: Schema.String,
  onboardedBefore2025: Schema.optional(Schema.Boolean)
})

/**
 * `POST /merchants`: register a merchant for `apiKey` (default: the first configured credential).
 * `onboardedBefore2025` lets refund details be read without `?paymentId=` (ledger: refund.details-payment-id).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const AddMerchant = Schema.Struct({
  merchantId: PayPaySchema.Id64,
  apiKey: Schema.optional(Schema.String),
  onboardedBefore2025: Schema.optional(Schema.Boolean)
})

/**
 * The registry: whether any merchant is accepted, and the registered ones.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const MerchantRegistry = Schema.Struct({
  anyMerchant: Schema.Boolean,
  merchants: Schema.Array(RegisteredMerchant)
})

const merchantPaymentId = Schema.Struct({ merchantPaymentId: Schema.String })

/**
 * `GET /health`, `GET /requests`, `POST /reset`.
 *
 * @since 0.1.0
 * @category Groups
 */
export class SystemGroup extends HttpApiGroup.make("system")
  .add(HttpApiEndpoint.get("health", "/health").addSuccess(Health))
  .add(
    HttpApiEndpoint.get("requests", "/requests")
      .setUrlParams(Schema.Struct({ merchantId: Schema.optional(Schema.String) }))
      .addSuccess(Schema.Array(JournalEntry))
  )
  .add(
    HttpApiEndpoint.post("reset", "/reset").setUrlParams(
      Schema.Struct({ ...TenantParams.fields, all: Schema.optional(Schema.BooleanFromString) })
    )
  ) {}

/**
 * `GET /merchants`, `POST /merchants`: the merchants each API key may act for (ledger: auth.merchant).
 *
 * @since 0.1.0
 * @category Groups
 */
export class MerchantsGroup extends HttpApiGroup.make("merchants")
  .add(
    HttpApiEndpoint.get("list", "/merchants")
      .setUrlParams(Schema.Struct({ apiKey: Schema.optional(Schema.String) }))
      .addSuccess(MerchantRegistry)
  )
  .add(
    HttpApiEndpoint.post("add", "/merchants")
      .setPayload(AddMerchant)
      .addSuccess(RegisteredMerchant, { status: 201 })
      .addError(Wire.UnknownApiKey)
  ) {}

/**
 * `POST /users`, `GET /users`.
 *
 * @since 0.1.0
 * @category Groups
 */
export class UsersGroup extends HttpApiGroup.make("users")
  .add(
    HttpApiEndpoint.post("create", "/users")
      .setUrlParams(TenantParams)
      .setPayload(CreateUser)
      .addSuccess(TestUser, { status: 201 })
      .addError(Wire.DuplicateUser)
  )
  .add(HttpApiEndpoint.get("list", "/users").setUrlParams(TenantParams).addSuccess(Schema.Array(TestUser))) {}

/**
 * `POST /payments/{merchantPaymentId}/approve|decline`, `GET /payments`.
 *
 * @since 0.1.0
 * @category Groups
 */
export class PaymentsGroup extends HttpApiGroup.make("payments")
  .add(
    HttpApiEndpoint.post("approve", "/payments/:merchantPaymentId/approve")
      .setPath(merchantPaymentId)
      .setUrlParams(TenantParams)
      .setPayload(Approve)
      .addSuccess(PaymentResult)
      .addError(Wire.PaymentNotFound)
      .addError(Wire.UserNotFound)
      .addError(Wire.PaymentRejected)
  )
  .add(
    HttpApiEndpoint.post("decline", "/payments/:merchantPaymentId/decline")
      .setPath(merchantPaymentId)
      .setUrlParams(TenantParams)
      .addSuccess(PaymentResult)
      .addError(Wire.PaymentNotFound)
      .addError(Wire.PaymentRejected)
  )
  .add(HttpApiEndpoint.get("list", "/payments").setUrlParams(TenantParams).addSuccess(Schema.Array(WirePayment))) {}

/**
 * `GET /clock`, `POST /clock/advance`.
 *
 * @since 0.1.0
 * @category Groups
 */
export class ClockGroup extends HttpApiGroup.make("clock")
  .add(HttpApiEndpoint.get("get", "/clock").addSuccess(ClockState))
  .add(HttpApiEndpoint.post("advance", "/clock/advance").setPayload(AdvanceClock).addSuccess(ClockState)) {}

/**
 * `POST /faults`, `GET /faults`, `DELETE /faults`, `DELETE /faults/{id}`.
 *
 * @since 0.1.0
 * @category Groups
 */
export class FaultsGroup extends HttpApiGroup.make("faults")
  .add(HttpApiEndpoint.post("add", "/faults").setPayload(FaultRuleInput).addSuccess(FaultRule, { status: 201 }))
  .add(HttpApiEndpoint.get("list", "/faults").addSuccess(Schema.Array(FaultRule)))
  .add(HttpApiEndpoint.del("clear", "/faults"))
  .add(
    HttpApiEndpoint.del("remove", "/faults/:id")
      .setPath(Schema.Struct({ id: Schema.String }))
      .addError(Wire.FaultNotFound)
  ) {}

/**
 * The whole control API. Every endpoint may answer 401 `Unauthorized` when a control token is configured.
 *
 * @since 0.1.0
 * @category Api
 */
export class ControlApi extends HttpApi.make("SimulatorControl")
  .add(SystemGroup)
  .add(MerchantsGroup)
  .add(UsersGroup)
  .add(PaymentsGroup)
  .add(ClockGroup)
  .add(FaultsGroup)
  .add(WebhooksGroup)
  .add(UserActionsGroup)
  .addError(Wire.Unauthorized)
  .prefix(PREFIX) {}
