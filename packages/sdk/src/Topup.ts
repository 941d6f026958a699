/**
 * Top-up QR codes: a code an authorized user scans to top up their PayPay balance at the merchant (reference §B.0
 * row 25). The reference gives the paths only, from the unofficial GO-M SDK; the field names below are GO-M's.
 * The schemas are therefore permissive: requests accept extra fields (sent as given) and every response field
 * except the code's id and URL is optional. Timeouts follow §B.1 (topup 30 s, reads and deletes 15 s); PayPay's
 * API names for these calls are unknown, so resolve URLs carry none.
 *
 * @since 0.1.0
 */
import type * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { endpoint, execute } from "./internal/request.js"
import type { PayPayClient } from "./PayPayClient.js"
import type { EndpointError } from "./PayPayError.js"
import { EchoedMetadata, EpochSeconds, Id64, Metadata, MoneyAmount, optionalNullable } from "./PayPaySchema.js"

// ====== Schemas ======

const Extra = Schema.Record({ key: Schema.String, value: Schema.Unknown })

/**
 * The wire body of `POST /v1/code/topup` (GO-M `CreateTopupQRCodePayload`, permissive: extra fields pass).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const CreateTopupQrCodeRequest = Schema.Struct(
  {
    merchantTopUpId: Id64,
    userAuthorizationId: Schema.optional(Id64),
    minimumTopUpAmount: Schema.optional(MoneyAmount),
    metadata: Schema.optional(Metadata),
    codeType: Schema.Literal("TOPUP_QR"),
    requestedAt: EpochSeconds,
    redirectType: Schema.optional(Schema.Literal("WEB_LINK", "APP_DEEP_LINK")),
    redirectUrl: Schema.optional(Schema.String),
    userAgent: Schema.optional(Schema.String)
  },
  Extra
).annotations({ identifier: "CreateTopupQrCodeRequest" })

/**
 * What {@link createQrCode} accepts: the wire body, with `codeType` defaulting to `TOPUP_QR` and `requestedAt` to
 * now.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const CreateTopupQrCodeParams = Schema.Struct(
  {
    ...CreateTopupQrCodeRequest.fields,
    codeType: Schema.optional(Schema.Literal("TOPUP_QR")),
    requestedAt: Schema.optional(EpochSeconds)
  },
  Extra
).annotations({ identifier: "CreateTopupQrCodeParams" })

/**
 * @since 0.1.0
 * @category Models
 */
export type CreateTopupQrCodeParams = typeof CreateTopupQrCodeParams.Encoded

/**
 * `data` of `POST /v1/code/topup` (GO-M `TopupQRCodeResponse`, permissive).
 *
 * @since 0.1.0
 * @category Schemas
 */
export class TopupQrCode extends Schema.Class<TopupQrCode>("TopupQrCode")({
  codeId: Schema.String,
  url: Schema.String,
  status: optionalNullable(Schema.String),
  merchantTopUpId: optionalNullable(Schema.String),
  userAuthorizationId: optionalNullable(Schema.String),
  minimumTopUpAmount: optionalNullable(MoneyAmount),
  metadata: optionalNullable(EchoedMetadata),
  expiryDate: optionalNullable(EpochSeconds),
  codeType: optionalNullable(Schema.String),
  requestedAt: optionalNullable(EpochSeconds),
  redirectType: optionalNullable(Schema.String),
  redirectUrl: optionalNullable(Schema.String),
  userAgent: optionalNullable(Schema.String)
}) {}

/**
 * `data` of `GET /v1/code/topup/{merchantTopUpId}` (GO-M `TopupQRCodeDetailsResponse`, permissive).
 *
 * @since 0.1.0
 * @category Schemas
 */
export class TopupDetails extends Schema.Class<TopupDetails>("TopupDetails")({
  topUpId: optionalNullable(Schema.String),
  merchantTopUpId: optionalNullable(Schema.String),
  userAuthorizationId: optionalNullable(Schema.String),
  requestedAt: optionalNullable(EpochSeconds),
  acceptedAt: optionalNullable(EpochSeconds),
  expiryDate: optionalNullable(EpochSeconds),
  status: optionalNullable(Schema.String),
  metadata: optionalNullable(EchoedMetadata)
}) {}

// ====== Endpoints ======

const CreateQrCode = endpoint({
  operation: "Topup.createQrCode",
  apiName: "",
  method: "POST",
  input: CreateTopupQrCodeParams,
  request: (params, { now }) => ({
    path: "/v1/code/topup",
    body: { ...params, codeType: params.codeType ?? "TOPUP_QR", requestedAt: params.requestedAt ?? now }
  }),
  response: TopupQrCode,
  timeout: "30 seconds",
  safety: "write",
  codes: ["DUPLICATE_DYNAMIC_QR_REQUEST"],
  reconcile: (params) => `query Topup.get("${params.merchantTopUpId}") (GET /v1/code/topup/{merchantTopUpId})`
})

/**
 * Create a top-up QR code (`POST /v1/code/topup`). Permissive schema (see the module note). Timeout 30 s.
 *
 * Result codes: the common codes (the reference documents no others; the listed ones are what the simulator
 * answers, so they stay typed).
 *
 * @see reference §B.0 row 25 (GO-M only)
 * @since 0.1.0
 * @category Endpoints
 */
export const createQrCode = (
  params: CreateTopupQrCodeParams
): Effect.Effect<TopupQrCode, EndpointError<(typeof CreateQrCode.codes)[number]>, PayPayClient> =>
  execute(CreateQrCode, params)

const Get = endpoint({
  operation: "Topup.get",
  apiName: "",
  method: "GET",
  input: Schema.Struct({ merchantTopUpId: Id64 }),
  request: ({ merchantTopUpId }) => ({ path: `/v1/code/topup/${encodeURIComponent(merchantTopUpId)}` }),
  response: TopupDetails,
  timeout: "15 seconds",
  safety: "read",
  codes: ["RESOURCE_NOT_FOUND"]
})

/**
 * Get a top-up (`GET /v1/code/topup/{merchantTopUpId}`). Permissive schema (see the module note). Timeout 15 s.
 *
 * Result codes: the common codes (the reference documents no others; the listed ones are what the simulator
 * answers, so they stay typed).
 *
 * @see reference §B.0 row 25 (GO-M only)
 * @since 0.1.0
 * @category Endpoints
 */
export const get = (
  merchantTopUpId: string
): Effect.Effect<TopupDetails, EndpointError<(typeof Get.codes)[number]>, PayPayClient> =>
  execute(Get, { merchantTopUpId })

const Remove = endpoint({
  operation: "Topup.remove",
  apiName: "",
  method: "DELETE",
  input: Schema.Struct({ codeId: Id64 }),
  request: ({ codeId }) => ({ path: `/v1/code/topup/${encodeURIComponent(codeId)}` }),
  response: undefined,
  timeout: "15 seconds",
  safety: "idempotent",
  codes: ["DYNAMIC_QR_NOT_FOUND", "DYNAMIC_QR_ALREADY_PAID"]
})

/**
 * Delete a top-up QR code (`DELETE /v1/code/topup/{codeId}`). Timeout 15 s.
 *
 * Result codes: the common codes (the reference documents no others; the listed ones are what the simulator
 * answers, so they stay typed).
 *
 * @see reference §B.0 row 25 (GO-M only)
 * @since 0.1.0
 * @category Endpoints
 */
export const remove = (
  codeId: string
): Effect.Effect<void, EndpointError<(typeof Remove.codes)[number]>, PayPayClient> => execute(Remove, { codeId })
