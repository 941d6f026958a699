/**
 * Handlers of {@link UserActionsGroup}: thin calls into `Store/UserActions.ts`, the same functions the hosted
 * pages use.
 *
 * @since 0.1.0
 */
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import * as Effect from "effect/Effect"
import { rejected } from "../Api/failures.js"
import * as Wire from "../Api/Wire.js"
import type { Rejection } from "../Domain/Rejection.js"
import { resultInfo } from "../Envelope.js"
import type { LinkResult } from "../Store/AccountLinks.js"
import * as UserActions from "../Store/UserActions.js"
import { ControlApi } from "./ControlApi.js"
import { PaymentNotFound, PaymentRejected } from "./ControlErrors.js"
import * as ControlTenant from "./Tenant.js"

const refused = (rejection: Rejection) => {
  const failure = rejected(rejection)
  return new PaymentRejected({
    error: rejection._tag,
    code: failure.code,
    message: resultInfo(failure.code, failure.codeId, failure.detail, failure.rule).message
  })
}

const answer = (result: LinkResult) => ({
  responseToken: result.responseToken,
  redirectTo: result.redirectTo,
  userAuthorizationId: result.user?.userAuthorizationId
})

/**
 * @since 0.1.0
 * @category Layers
 */
export const layer = HttpApiBuilder.group(ControlApi, "actions", (handlers) =>
  handlers
    .handle("approveLink", ({ path, payload }) =>
      UserActions.completeAccountLink(path.sessionId, payload).pipe(
        Effect.map(answer),
        Effect.catchTag("SqlError", Effect.die),
        Effect.mapError(refused)
      )
    )
    .handle("declineLink", ({ path }) =>
      UserActions.declineAccountLink(path.sessionId).pipe(
        Effect.map(answer),
        Effect.catchTag("SqlError", Effect.die),
        Effect.mapError(refused)
      )
    )
    .handle("expire", ({ path, request, urlParams }) =>
      Effect.gen(function* () {
        const tenant = yield* ControlTenant.resolve(urlParams, request)
        const payment = yield* UserActions.expire(tenant, path.merchantPaymentId).pipe(
          Effect.catchTags({ SqlError: Effect.die, UserNotFound: Effect.die }),
          Effect.mapError((error) =>
            error._tag === "PaymentNotFound"
              ? new PaymentNotFound({
                  merchantPaymentId: path.merchantPaymentId,
                  message: `no payment ${path.merchantPaymentId} for this tenant`
                })
              : refused(error)
          )
        )
        return { payment: Wire.payment(payment, tenant.merchantId) }
      })
    )
    .handle("campaignBalance", ({ request, urlParams }) =>
      Effect.gen(function* () {
        const tenant = yield* ControlTenant.resolve(urlParams, request)
        return { balance: yield* Effect.orDie(UserActions.campaignBalance(tenant)) }
      })
    )
    .handle("setCampaignBalance", ({ payload, request, urlParams }) =>
      Effect.gen(function* () {
        const tenant = yield* ControlTenant.resolve(urlParams, request)
        yield* Effect.orDie(UserActions.setCampaignBalance(tenant, payload.balance))
        return { balance: payload.balance }
      })
    )
)
