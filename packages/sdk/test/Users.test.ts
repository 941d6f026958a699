import { assert, describe, it } from "@effect/vitest"
import { Effect, TestClock } from "effect"
import { Users } from "../src/index.js"
import { assertShape, failWith, rejectsInput, succeed } from "./utils/Calls.js"
import { makeFake } from "./utils/FakeHttp.js"
import { finished } from "./utils/Fibers.js"

const linkParams: Users.CreateAccountLinkQrCodeParams = {
  scopes: ["direct_debit", "get_balance"],
  nonce: "n0nce",
  redirectType: "WEB_LINK",
  redirectUrl: "https://shop.test/linked",
  referenceId: "user-42"
}
const authorization = {
  userAuthorizationId: "ua-1",
  referenceIds: ["user-42"],
  status: "ACTIVE",
  scopes: ["direct_debit"],
  expireAt: 1_800_000_000,
  issuedAt: 1_700_000_000
}

describe("Users", () => {
  it.effect("createAccountLinkQrCode posts /v1/qr/sessions exactly as given (no requestedAt)", () =>
    Effect.gen(function* () {
      const { body, request, result } = yield* succeed(Users.createAccountLinkQrCode(linkParams), {
        linkQRCodeURL: "https://qr.test/link"
      })
      assertShape(request, { method: "POST", path: "/v1/qr/sessions" })
      assert.deepStrictEqual(body, linkParams)
      assert.strictEqual(result.linkQRCodeURL, "https://qr.test/link")
      const error = yield* failWith(Users.createAccountLinkQrCode(linkParams), 400, "EXPECTATION_FAILED", "08100017")
      assert.strictEqual(error._tag, "ExpectationFailed")
    })
  )

  it.effect("createAccountLinkQrCode validates scopes and lengths before sending", () =>
    Effect.gen(function* () {
      const scope = yield* rejectsInput(Users.createAccountLinkQrCode({ ...linkParams, scopes: ["everything"] } as any))
      assert.include(scope, "scopes")
      yield* rejectsInput(Users.createAccountLinkQrCode({ ...linkParams, scopes: [] } as any))
      yield* rejectsInput(Users.createAccountLinkQrCode({ ...linkParams, nonce: "n".repeat(256) }))
      yield* rejectsInput(Users.createAccountLinkQrCode({ ...linkParams, requestedAt: 1 } as any))
    })
  )

  it.effect("createAccountLinkQrCode times out after 10 seconds", () =>
    Effect.gen(function* () {
      const { layer } = yield* makeFake(["hang"], { retry: false })
      const fiber = yield* Users.createAccountLinkQrCode(linkParams).pipe(
        Effect.flip,
        Effect.provide(layer),
        Effect.fork
      )
      yield* TestClock.adjust("9 seconds")
      assert.isNull(fiber.unsafePoll())
      yield* TestClock.adjust("1 second")
      const error = yield* finished(fiber, "the create with a 10 s timeout")
      assert.strictEqual(error._tag, "PayPayRequestError")
      if (error._tag === "PayPayRequestError") assert.strictEqual(error.reason, "Timeout")
    })
  )

  it.effect("getAuthorizationStatus reads /v2/user/authorizations with an unsigned query", () =>
    Effect.gen(function* () {
      const { request, result } = yield* succeed(Users.getAuthorizationStatus("ua-1"), authorization)
      assertShape(request, { method: "GET", path: "/v2/user/authorizations", query: { userAuthorizationId: "ua-1" } })
      assert.isTrue(result.isActive)
      assert.deepStrictEqual(result.scopes, ["direct_debit"])
      const error = yield* failWith(Users.getAuthorizationStatus("ua-1"), 401, "EXPIRED_USER_AUTHORIZATION_ID")
      assert.strictEqual(error._tag, "ExpiredUserAuthorizationId")
      yield* rejectsInput(Users.getAuthorizationStatus(""))
    })
  )

  it.effect("unlink deletes /v2/user/authorizations/{id}", () =>
    Effect.gen(function* () {
      const { request, result } = yield* succeed(Users.unlink("ua/1"), null)
      assertShape(request, { method: "DELETE", path: "/v2/user/authorizations/ua%2F1" })
      assert.isUndefined(result)
      const error = yield* failWith(Users.unlink("ua-1"), 401, "INVALID_USER_AUTHORIZATION_ID")
      assert.strictEqual(error._tag, "InvalidUserAuthorizationId")
      yield* rejectsInput(Users.unlink("u".repeat(65)))
    })
  )

  it.effect("getMaskedProfile reads /v2/user/profile/secure", () =>
    Effect.gen(function* () {
      const { request, result } = yield* succeed(Users.getMaskedProfile("ua-1"), { phoneNumber: "*******0077" })
      assertShape(request, { method: "GET", path: "/v2/user/profile/secure", query: { userAuthorizationId: "ua-1" } })
      assert.strictEqual(result.phoneNumber, "*******0077")
      const error = yield* failWith(Users.getMaskedProfile("ua-1"), 401, "USER_STATE_IS_NOT_ACTIVE")
      assert.strictEqual(error._tag, "UserStateIsNotActive")
      yield* rejectsInput(Users.getMaskedProfile(""))
    })
  )
})
