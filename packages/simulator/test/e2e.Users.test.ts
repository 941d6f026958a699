import { assert, describe, it } from "@effect/vitest"
import { Jwt, Payments, Users } from "@paypay-effect/sdk"
import { Effect } from "effect"
import * as Jose from "jose"
import * as UserAuth from "../src/Domain/UserAuth.js"
import * as SimulatorConfig from "../src/SimulatorConfig.js"
import * as UserActions from "../src/Store/UserActions.js"
import { advance, assertSecondsAfter, failsWith, newUser, sdk, simNow, yen } from "./helpers/e2e.js"

const session = (
  extra: {
    readonly scopes?: ReadonlyArray<Users.Scope>
    readonly phoneNumber?: string
    readonly redirectUrl?: string
  } = {}
) =>
  Users.createAccountLinkQrCode({
    scopes: (extra.scopes ?? ["direct_debit", "user_profile", "get_balance"]) as [Users.Scope, ...Array<Users.Scope>],
    nonce: "nonce-123",
    redirectUrl: extra.redirectUrl ?? "https://shop.example/callback?from=qr",
    referenceId: "shop-user-42",
    ...(extra.phoneNumber === undefined ? {} : { phoneNumber: extra.phoneNumber })
  })

const sessionIdOf = (linkQRCodeURL: string) => linkQRCodeURL.split("/").at(-1)!

describe("e2e Users (account link, authorization, profile) ↔ simulator", () => {
  it.effect("account link: QR session → the user consents → responseToken the SDK verifies → ACTIVE user", () =>
    Effect.gen(function* () {
      const qr = yield* session({ phoneNumber: "09012340077" })
      assert.match(
        qr.linkQRCodeURL,
        /^http:\/\/simulator\.local\/link\/[0-9a-f-]{36}$/,
        "in process: served by the in-process HttpClient"
      )
      const since = yield* simNow
      const link = yield* UserActions.completeAccountLink(sessionIdOf(qr.linkQRCodeURL), { balance: 2000 })
      assert.include(link.redirectTo, "https://shop.example/callback?from=qr&responseToken=")
      const token = yield* Jwt.verifyResponseToken(link.responseToken, { nonce: "nonce-123" })
      assert.strictEqual(token.result, "succeeded")
      assert.strictEqual(token.aud, SimulatorConfig.defaultCredential.apiKey)
      assert.strictEqual(token.iss, "paypay.ne.jp")
      assert.strictEqual(token.referenceId, "shop-user-42")
      assert.strictEqual(token.profileIdentifier, "*******0077")
      yield* assertSecondsAfter(token.exp, since, UserAuth.RESPONSE_TOKEN_LIFETIME_SECONDS)
      const id = token.userAuthorizationId!
      assert.strictEqual(id, link.user?.userAuthorizationId)
      assert.deepStrictEqual(Jose.decodeProtectedHeader(link.responseToken), { typ: "JWT", alg: "HS256" })
      const nonce = yield* Effect.flip(Jwt.verifyResponseToken(link.responseToken, { nonce: "other" }))
      assert.strictEqual(nonce.reason, "Nonce")

      const status = yield* Users.getAuthorizationStatus(id)
      assert.strictEqual(status.status, "ACTIVE")
      assert.deepStrictEqual(status.scopes, ["direct_debit", "user_profile", "get_balance"])
      assert.deepStrictEqual(status.referenceIds, ["shop-user-42"])
      assert.strictEqual(status.issuedAt, yield* simNow)
      assert.strictEqual(status.expireAt, status.issuedAt! + UserAuth.AUTHORIZATION_VALIDITY_SECONDS)
      const profile = yield* Users.getMaskedProfile(id)
      assert.strictEqual(profile.phoneNumber, "*******0077")
      const paid = yield* Payments.create({
        merchantPaymentId: "after-link",
        userAuthorizationId: id,
        amount: yen(500)
      })
      assert.strictEqual(paid.status, "COMPLETED")
    }).pipe(Effect.provide(sdk()))
  )

  it.effect("declined link: token with result declined and no user; a session answers once; unknown session", () =>
    Effect.gen(function* () {
      const qr = yield* session()
      const sessionId = sessionIdOf(qr.linkQRCodeURL)
      const declined = yield* UserActions.declineAccountLink(sessionId)
      assert.isUndefined(declined.user)
      const token = yield* Jwt.verifyResponseToken(declined.responseToken, { nonce: "nonce-123" })
      assert.strictEqual(token.result, "declined")
      assert.isUndefined(token.userAuthorizationId)
      const again = yield* Effect.flip(UserActions.completeAccountLink(sessionId))
      assert.strictEqual(again._tag, "SessionClosed")
      const unknown = yield* Effect.flip(UserActions.completeAccountLink("no-such-session"))
      assert.strictEqual(unknown._tag, "SessionNotFound")
    }).pipe(Effect.provide(sdk()))
  )

  it.effect(
    "unlink → INACTIVE, revoked: payments and profile INVALID_USER_AUTHORIZATION_ID; re-linking activates",
    () =>
      Effect.gen(function* () {
        const user = yield* newUser({ userAuthorizationId: "linked-user" })
        yield* Users.unlink("linked-user")
        const status = yield* Users.getAuthorizationStatus("linked-user")
        assert.strictEqual(status.status, "INACTIVE")
        assert.isFalse(status.isActive)
        const payment = yield* Effect.flip(
          Payments.create({ merchantPaymentId: "p-1", userAuthorizationId: user.userAuthorizationId, amount: yen(1) })
        )
        assert.strictEqual(payment._tag, "InvalidUserAuthorizationId")
        assert.strictEqual(yield* failsWith(Users.getMaskedProfile("linked-user")), "INVALID_USER_AUTHORIZATION_ID")
        yield* Users.unlink("linked-user")
        const qr = yield* session({ scopes: ["direct_debit"] })
        const link = yield* UserActions.completeAccountLink(sessionIdOf(qr.linkQRCodeURL), {
          userAuthorizationId: "linked-user"
        })
        assert.strictEqual(link.user?.status, "ACTIVE")
        const relinked = yield* Users.getAuthorizationStatus("linked-user")
        assert.strictEqual(relinked.status, "ACTIVE")
        assert.deepStrictEqual(relinked.scopes, ["direct_debit"])
        assert.deepStrictEqual(relinked.referenceIds, ["shop-user-42"])
        assert.strictEqual(yield* failsWith(Users.getMaskedProfile("linked-user")), "OP_OUT_OF_SCOPE")
      }).pipe(Effect.provide(sdk()))
  )

  it.effect("INVALID_USER_AUTHORIZATION_ID and EXPIRED_USER_AUTHORIZATION_ID on every user endpoint", () =>
    Effect.gen(function* () {
      const unknown = yield* Effect.flip(Users.getAuthorizationStatus("ghost"))
      assert.strictEqual(unknown._tag, "InvalidUserAuthorizationId")
      if (unknown._tag === "InvalidUserAuthorizationId") assert.strictEqual(unknown.status, 401)
      assert.strictEqual(yield* failsWith(Users.unlink("ghost")), "INVALID_USER_AUTHORIZATION_ID")
      assert.strictEqual(yield* failsWith(Users.getMaskedProfile("ghost")), "INVALID_USER_AUTHORIZATION_ID")
      yield* newUser({ userAuthorizationId: "old-user" })
      yield* advance(UserAuth.AUTHORIZATION_VALIDITY_SECONDS)
      const expired = yield* Effect.flip(Users.getAuthorizationStatus("old-user"))
      assert.strictEqual(expired._tag, "ExpiredUserAuthorizationId")
      assert.strictEqual(yield* failsWith(Users.unlink("old-user")), "EXPIRED_USER_AUTHORIZATION_ID")
      assert.strictEqual(yield* failsWith(Users.getMaskedProfile("old-user")), "EXPIRED_USER_AUTHORIZATION_ID")
    }).pipe(Effect.provide(sdk()))
  )

  it.effect("EXPECTATION_FAILED for a WEB_LINK redirect that is not a web URL", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(session({ redirectUrl: "not a url" }))
      assert.strictEqual(error._tag, "ExpectationFailed")
      const deepLink = yield* Users.createAccountLinkQrCode({
        scopes: ["direct_debit"],
        nonce: "n",
        redirectUrl: "shopapp://linked",
        redirectType: "APP_DEEP_LINK",
        referenceId: "r"
      })
      assert.include(deepLink.linkQRCodeURL, "/link/")
    }).pipe(Effect.provide(sdk()))
  )
})
