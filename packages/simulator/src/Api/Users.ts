/**
 * User authorization routes (reference §B.8, §E.1), serving the SDK's `Users` family: the account-link QR session,
 * authorization status, unlink and the masked profile. The user completes a link through the control API
 * (`Store/UserActions.completeAccountLink`), which returns the signed `responseToken`.
 *
 * @since 0.1.0
 */
import { CreateAccountLinkQrCodeRequest } from "@paypay-effect/sdk/Users"
import * as Effect from "effect/Effect"
import * as UserAuth from "../Domain/UserAuth.js"
import { fail, ok } from "../Envelope.js"
import { SimulatorConfig } from "../SimulatorConfig.js"
import * as AccountLinks from "../Store/AccountLinks.js"
import * as Authorizations from "../Store/Authorizations.js"
import type { TestUser } from "../Store/UserStore.js"
import { mapFailures } from "./failures.js"
import * as Route from "./Route.js"

const decodeSession = Route.decoder(CreateAccountLinkQrCodeRequest)

const isWebUrl = (value: string): boolean => {
  try {
    const url = new URL(value)
    return url.protocol === "https:" || url.protocol === "http:"
  } catch {
    return false
  }
}

/**
 * The `data` of `GET /v2/user/authorizations` (§B.8; ledger: user.status).
 *
 * @since 0.1.0
 * @category Wire
 */
export const authorization = (user: TestUser) => ({
  userAuthorizationId: user.userAuthorizationId,
  referenceIds: user.referenceIds,
  status: user.status,
  scopes: user.scopes,
  expireAt: UserAuth.expireAtOf(user),
  issuedAt: UserAuth.issuedAtOf(user)
})

const createSession = Route.make("POST", "/v1/qr/sessions", "Users.createAccountLinkQrCode", (context) =>
  Effect.gen(function* () {
    const input = yield* decodeSession(context.body)
    if ((input.redirectType ?? "WEB_LINK") === "WEB_LINK" && !isWebUrl(input.redirectUrl)) {
      return yield* fail("EXPECTATION_FAILED", { detail: "redirectUrl must be an http(s) URL for WEB_LINK" })
    }
    yield* Route.checkRedirect(input)
    const config = yield* SimulatorConfig
    const session = yield* AccountLinks.create(context.tenant, input).pipe(mapFailures("SESSION_NOT_FOUND"))
    // 201 (ledger: user.link-session)
    return ok({ linkQRCodeURL: AccountLinks.linkUrl(config.publicUrl, session.sessionId) }, 201)
  })
)

const getStatus = Route.make("GET", "/v2/user/authorizations", "Users.getAuthorizationStatus", (context) =>
  Effect.gen(function* () {
    const id = yield* Route.queryParam(context, "userAuthorizationId")
    const user = yield* Authorizations.requireUser(context.tenant, id, { allowInactive: true }).pipe(
      mapFailures("INVALID_USER_AUTHORIZATION_ID")
    )
    return ok(authorization(user))
  })
)

const unlink = Route.make("DELETE", "/v2/user/authorizations/:userAuthorizationId", "Users.unlink", (context) =>
  Effect.gen(function* () {
    yield* Authorizations.unlink(context.tenant, context.params.userAuthorizationId!).pipe(
      mapFailures("INVALID_USER_AUTHORIZATION_ID")
    )
    return ok(null)
  })
)

const maskedProfile = Route.make("GET", "/v2/user/profile/secure", "Users.getMaskedProfile", (context) =>
  Effect.gen(function* () {
    const id = yield* Route.queryParam(context, "userAuthorizationId")
    // ledger: user.scopes-inferred
    const user = yield* Authorizations.requireUser(context.tenant, id, { scope: "user_profile" }).pipe(
      mapFailures("INVALID_USER_AUTHORIZATION_ID")
    )
    // all but the last four digits masked (ledger: user.masked-profile)
    return ok({ phoneNumber: UserAuth.maskPhone(UserAuth.phoneNumberOf(user)) })
  })
)

/**
 * @since 0.1.0
 * @category Routes
 */
export const routes = [createSession, getStatus, unlink, maskedProfile] as const
