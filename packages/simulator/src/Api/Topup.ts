/**
 * Top-up QR routes (reference §B.0 row 25; GO-M field names), serving the SDK's `Topup` family. Kept as permissive
 * as the SDK's schemas. A simulated user tops up through a code with `Store/UserActions.topUp`.
 *
 * Create answers 201 (ledger: topup.create). Codes (none documented; ledger: topup.codes): a used `merchantTopUpId` →
 * DUPLICATE_DYNAMIC_QR_REQUEST (a top-up code is a dynamic QR
 * of type `TOPUP_QR`), an unknown `merchantTopUpId` → RESOURCE_NOT_FOUND, deleting an unknown or deleted code →
 * DYNAMIC_QR_NOT_FOUND, a used one → DYNAMIC_QR_ALREADY_PAID.
 *
 * @since 0.1.0
 */
import { CreateTopupQrCodeRequest } from "@paypay-effect/sdk/Topup"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import type * as Topup from "../Domain/Topup.js"
import { fail, ok } from "../Envelope.js"
import { SimulatorConfig } from "../SimulatorConfig.js"
import * as Topups from "../Store/Topups.js"
import { mapFailures } from "./failures.js"
import * as Route from "./Route.js"

const decodeCreate = Route.decoder(CreateTopupQrCodeRequest)

/**
 * The hosted top-up page of a code: `{publicUrl}/topup/{codeId}`.
 *
 * @since 0.1.0
 * @category Wire
 */
export const topupUrl = (publicUrl: string, codeId: string): string =>
  `${publicUrl.replace(/\/+$/, "")}/topup/${encodeURIComponent(codeId)}`

/**
 * The `data` of `POST /v1/code/topup`.
 *
 * @since 0.1.0
 * @category Wire
 */
export const topupCode = (topup: Topup.Topup, publicUrl: string) => ({
  codeId: topup.codeId,
  url: topupUrl(publicUrl, topup.codeId),
  status: topup.status,
  merchantTopUpId: topup.merchantTopUpId,
  userAuthorizationId: topup.userAuthorizationId,
  minimumTopUpAmount: topup.minimumTopUpAmount,
  metadata: topup.metadata,
  expiryDate: topup.expiresAt,
  codeType: "TOPUP_QR",
  requestedAt: topup.requestedAt,
  redirectType: topup.redirectType,
  redirectUrl: topup.redirectUrl,
  userAgent: topup.userAgent
})

/**
 * The `data` of `GET /v1/code/topup/{merchantTopUpId}`.
 *
 * @since 0.1.0
 * @category Wire
 */
export const topupDetails = (topup: Topup.Topup) => ({
  topUpId: topup.topUpId,
  merchantTopUpId: topup.merchantTopUpId,
  userAuthorizationId: topup.paidBy ?? topup.userAuthorizationId,
  requestedAt: topup.requestedAt,
  // 0 until a user tops up, as for payments (GO-M TopupQRCodeDetailsResponse; ledger: topup.details-accepted-at)
  acceptedAt: topup.acceptedAt ?? 0,
  expiryDate: topup.expiresAt,
  status: topup.status,
  amount: topup.amount,
  metadata: topup.metadata
})

const create = Route.make("POST", "/v1/code/topup", "Topup.createQrCode", (context) =>
  Effect.gen(function* () {
    const input = yield* decodeCreate(context.body)
    yield* Route.checkRedirect(input)
    const config = yield* SimulatorConfig
    const topup = yield* Topups.create(context.tenant, input).pipe(
      Effect.catchTag("DuplicateTopup", (error) =>
        fail("DUPLICATE_DYNAMIC_QR_REQUEST", { detail: `merchantTopUpId ${error.merchantTopUpId} exists` })
      ),
      mapFailures("RESOURCE_NOT_FOUND")
    )
    return ok(topupCode(topup, config.publicUrl), 201)
  })
)

const get = Route.make("GET", "/v1/code/topup/:merchantTopUpId", "Topup.get", (context) =>
  Effect.gen(function* () {
    const found = yield* Topups.get(context.tenant, context.params.merchantTopUpId!).pipe(
      mapFailures("RESOURCE_NOT_FOUND")
    )
    if (Option.isNone(found)) return yield* fail("RESOURCE_NOT_FOUND", { detail: "no such merchantTopUpId" })
    return ok(topupDetails(found.value))
  })
)

const remove = Route.make("DELETE", "/v1/code/topup/:codeId", "Topup.remove", (context) =>
  Effect.gen(function* () {
    yield* Topups.remove(context.tenant, context.params.codeId!).pipe(mapFailures("DYNAMIC_QR_NOT_FOUND"))
    return ok(null)
  })
)

/**
 * @since 0.1.0
 * @category Routes
 */
export const routes = [create, get, remove] as const
