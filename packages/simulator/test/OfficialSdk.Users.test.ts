/**
 * Conformance of the official Node SDK (harness: helpers/officialSdk.ts), user authorization: the account-link QR
 * (accountLinkQRCodeCreate; the user answers through the control API) and its `responseToken`, which the SDK's own
 * `validateJWT` must accept; getUserAuthorizationStatus and unlinkUser; and the legacy web-authorization calls
 * `authorization` / `authorizationResult` (`GET /v2/user_authorization`, reference §B.0 row 30). PayPay documents
 * no response for the legacy calls: the simulator's answer (`Api/UserAuthorization.ts`) is an inference — the hosted
 * authorization page for a `requestToken`, the verified claims for a `responseToken`.
 */
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import * as Jose from "jose"
import {
  apiKey,
  call,
  envelope,
  expectFailure,
  expectOk,
  fetchPage,
  type Sdk,
  secret,
  start
} from "./helpers/officialSdk.js"

const sessionIdOf = (linkQRCodeURL: string) => decodeURIComponent(linkQRCodeURL.split("/link/")[1]!)

const createLink = (sdk: Sdk, nonce: string, redirectUrl = "https://merchant.example/linked") =>
  call(() =>
    sdk.accountLinkQRCodeCreate({
      scopes: ["direct_debit", "get_balance"],
      nonce,
      redirectType: "WEB_LINK",
      redirectUrl,
      referenceId: "customer-7"
    })
  )

const requestToken = (claims: Jose.JWTPayload, key: Uint8Array = new Uint8Array(Buffer.from(secret, "base64"))) =>
  Effect.promise(() => new Jose.SignJWT(claims).setProtectedHeader({ alg: "HS256", typ: "JWT" }).sign(key))

describe("official PayPay Node SDK ↔ simulator over TLS: user authorization", () => {
  it.scopedLive("account link: QR → user approves (control API) → validateJWT accepts its token → unlink", () =>
    Effect.gen(function* () {
      const { control, started, sdk } = yield* start
      const session = expectOk(yield* createLink(sdk, "nonce-1"), 201)
      assert.match(session.linkQRCodeURL, new RegExp(`^${started.publicUrl}/link/.+`))

      const answer = yield* control.approveLink(sessionIdOf(session.linkQRCodeURL), { balance: 4000 })
      const uaid = answer.userAuthorizationId!
      assert.isTrue(answer.redirectTo.startsWith("https://merchant.example/linked?responseToken="))
      const claims = sdk.validateJWT(answer.responseToken, secret) as Record<string, unknown>
      assert.strictEqual(claims.result, "succeeded")
      assert.strictEqual(claims.aud, apiKey)
      assert.strictEqual(claims.iss, "paypay.ne.jp")
      assert.strictEqual(claims.nonce, "nonce-1")
      assert.strictEqual(claims.userAuthorizationId, uaid)
      assert.strictEqual(claims.referenceId, "customer-7")
      assert.match(claims.profileIdentifier as string, /^\*+\d{4}$/)
      assert.throws(() => sdk.validateJWT(answer.responseToken, Buffer.from("another-secret").toString("base64")))
      assert.deepStrictEqual(
        expectOk(yield* call(() => sdk.authorizationResult([apiKey, answer.responseToken]))),
        claims,
        "authorizationResult answers the claims validateJWT decodes"
      )

      const status = expectOk(yield* call(() => sdk.getUserAuthorizationStatus([uaid])))
      assert.strictEqual(status.userAuthorizationId, uaid)
      assert.strictEqual(status.status, "ACTIVE")
      assert.deepStrictEqual(status.scopes, ["direct_debit", "get_balance"])
      assert.include(status.referenceIds, "customer-7")
      assert.isAbove(status.expireAt, status.issuedAt)
      const check = () => call(() => sdk.checkUserWalletBalance([uaid, 4000, "JPY"]))
      assert.deepStrictEqual(expectOk(yield* check()), { hasEnoughBalance: true })

      assert.isNull(expectOk(yield* call(() => sdk.unlinkUser([uaid]))))
      assert.strictEqual(expectOk(yield* call(() => sdk.getUserAuthorizationStatus([uaid]))).status, "INACTIVE")
      expectFailure(yield* check(), 401, "INVALID_USER_AUTHORIZATION_ID")
      expectFailure(
        yield* call(() => sdk.getUserAuthorizationStatus(["no-such-user"])),
        401,
        "INVALID_USER_AUTHORIZATION_ID"
      )
    })
  )

  it.scopedLive("a declined link signs result=declined; answering twice or a bad redirectUrl is refused", () =>
    Effect.gen(function* () {
      const { control, sdk } = yield* start
      const sessionId = sessionIdOf(expectOk(yield* createLink(sdk, "nonce-2"), 201).linkQRCodeURL)
      const declined = yield* control.declineLink(sessionId)
      const claims = sdk.validateJWT(declined.responseToken, secret) as Record<string, unknown>
      assert.strictEqual(claims.result, "declined")
      assert.strictEqual(claims.nonce, "nonce-2")
      assert.isUndefined(claims.userAuthorizationId)
      const again = yield* Effect.flip(control.approveLink(sessionId))
      assert.strictEqual(again._tag, "PaymentRejected")
      assert.strictEqual("code" in again ? again.code : undefined, "EXPECTATION_FAILED")
      expectFailure(yield* createLink(sdk, "nonce-3", "not a url"), 400, "EXPECTATION_FAILED", "08100017")
    })
  )

  it.scopedLive("authorization → hosted page → consent → authorizationResult verifies the responseToken", () =>
    Effect.gen(function* () {
      const { cert, started, sdk } = yield* start
      const token = yield* requestToken({
        iss: "official-sdk-test",
        exp: Math.round(Date.now() / 1000) + 300,
        scope: "direct_debit",
        nonce: "web-nonce",
        redirectUrl: "https://merchant.example/web-linked",
        referenceId: "customer-8"
      })

      const page = expectOk(yield* call(() => sdk.authorization([apiKey, token])))
      const query = new URLSearchParams({ apiKey, requestToken: token })
      assert.strictEqual(page.authorizationUrl, `${started.publicUrl}/app/opa/user_authorization?${query}`)
      assert.deepStrictEqual(page.scopes, ["direct_debit"])
      assert.strictEqual(page.nonce, "web-nonce")
      assert.strictEqual(page.referenceId, "customer-8")
      assert.strictEqual(page.redirectUrl, "https://merchant.example/web-linked")

      const shown = yield* fetchPage(page.authorizationUrl, cert)
      assert.strictEqual(shown.status, 200)
      assert.include(shown.text, "customer-8")
      const consent = yield* fetchPage(`${started.baseUrl}/app/opa/user_authorization`, cert, {
        method: "POST",
        form: { apiKey, requestToken: token, merchantId: "sim_merchant", decision: "allow", balance: "1000" }
      })
      assert.strictEqual(consent.status, 303)
      const redirect = new URL(consent.location!)
      assert.strictEqual(`${redirect.origin}${redirect.pathname}`, "https://merchant.example/web-linked")
      const responseToken = redirect.searchParams.get("responseToken")!

      const result = expectOk(yield* call(() => sdk.authorizationResult([apiKey, responseToken])))
      assert.strictEqual(result.result, "succeeded")
      assert.strictEqual(result.nonce, "web-nonce")
      assert.strictEqual(result.referenceId, "customer-8")
      assert.deepStrictEqual(result, sdk.validateJWT(responseToken, secret))
      const status = expectOk(yield* call(() => sdk.getUserAuthorizationStatus([result.userAuthorizationId])))
      assert.strictEqual(status.status, "ACTIVE")
      assert.deepStrictEqual(status.scopes, ["direct_debit"])
    })
  )

  it.scopedLive("authorization / authorizationResult refuse bad tokens and another client's apiKey", () =>
    Effect.gen(function* () {
      const { sdk } = yield* start
      const claims = {
        iss: "official-sdk-test",
        exp: Math.round(Date.now() / 1000) + 300,
        scope: "direct_debit",
        nonce: "n",
        redirectUrl: "https://merchant.example/",
        referenceId: "r"
      }
      const rawKeyed = yield* requestToken(claims, new TextEncoder().encode(secret))
      const wrongKey = expectFailure(
        yield* call(() => sdk.authorization([apiKey, rawKeyed])),
        400,
        "INVALID_REQUEST_PARAMS",
        "08100006"
      )
      assert.include(wrongKey.message, "requestToken: the signature does not match")
      const expired = yield* requestToken({ ...claims, exp: Math.round(Date.now() / 1000) - 10 })
      assert.include(
        expectFailure(yield* call(() => sdk.authorization([apiKey, expired])), 400, "INVALID_REQUEST_PARAMS").message,
        "expired"
      )
      const good = yield* requestToken(claims)
      assert.include(
        expectFailure(yield* call(() => sdk.authorization(["someone_else", good])), 400, "INVALID_REQUEST_PARAMS")
          .message,
        "apiKey"
      )
      const missing = expectFailure(yield* call(() => sdk.authorization([apiKey, ""])), 400, "MISSING_REQUEST_PARAMS")
      assert.include(missing.message, "requestToken")
      const notPayPay = envelope(yield* call(() => sdk.authorizationResult([apiKey, good])))
      assert.strictEqual(notPayPay.resultInfo.code, "INVALID_REQUEST_PARAMS")
      assert.include(notPayPay.resultInfo.message, "responseToken")
    })
  )
})
