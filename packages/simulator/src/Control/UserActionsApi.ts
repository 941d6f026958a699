/**
 * Control endpoints for the rest of what the simulated user and PayPay do: answer an account link, let a payment
 * expire, and set the merchant's cashback campaign wallet.
 *
 * @since 0.1.0
 */
import * as HttpApiEndpoint from "@effect/platform/HttpApiEndpoint"
import * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import * as PayPaySchema from "@paypay-effect/sdk/PayPaySchema"
import * as Schema from "effect/Schema"
import { Wire } from "./ControlErrors.js"

const Tenant = Schema.Struct({ merchantId: Schema.optional(Schema.String), apiKey: Schema.optional(Schema.String) })

/**
 * `POST /links/{sessionId}/approve` body: link an existing test user, or a new one with `balance`.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const ApproveLink = Schema.Struct({
  userAuthorizationId: Schema.optional(Schema.String),
  balance: Schema.optional(PayPaySchema.Amount)
})

/**
 * The answer of an account link: the `responseToken` PayPay would redirect with, and where it redirects.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const LinkAnswer = Schema.Struct({
  responseToken: Schema.String,
  redirectTo: Schema.String,
  userAuthorizationId: Schema.optional(Schema.String)
})

/**
 * The cashback campaign wallet of a merchant.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const CampaignBalance = Schema.Struct({ balance: PayPaySchema.Amount })

const sessionId = Schema.Struct({ sessionId: Schema.String })
const merchantPaymentId = Schema.Struct({ merchantPaymentId: Schema.String })

/**
 * `POST /links/{sessionId}/approve|decline`, `POST /payments/{id}/expire`, `GET|PUT /cashback/balance`.
 *
 * @since 0.1.0
 * @category Groups
 */
export class UserActionsGroup extends HttpApiGroup.make("actions")
  .add(
    HttpApiEndpoint.post("approveLink", "/links/:sessionId/approve")
      .setPath(sessionId)
      .setPayload(ApproveLink)
      .addSuccess(LinkAnswer)
      .addError(Wire.PaymentRejected)
  )
  .add(
    HttpApiEndpoint.post("declineLink", "/links/:sessionId/decline")
      .setPath(sessionId)
      .addSuccess(LinkAnswer)
      .addError(Wire.PaymentRejected)
  )
  .add(
    HttpApiEndpoint.post("expire", "/payments/:merchantPaymentId/expire")
      .setPath(merchantPaymentId)
      .setUrlParams(Tenant)
      .addSuccess(Schema.Struct({ payment: Schema.Unknown }))
      .addError(Wire.PaymentNotFound)
      .addError(Wire.PaymentRejected)
  )
  .add(HttpApiEndpoint.get("campaignBalance", "/cashback/balance").setUrlParams(Tenant).addSuccess(CampaignBalance))
  .add(
    HttpApiEndpoint.put("setCampaignBalance", "/cashback/balance")
      .setUrlParams(Tenant)
      .setPayload(CampaignBalance)
      .addSuccess(CampaignBalance)
  ) {}
