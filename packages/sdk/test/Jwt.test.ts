import { HttpClient } from "@effect/platform"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer, Redacted, TestClock } from "effect"
import * as Jose from "jose"
import { Jwt, PayPayClient } from "../src/index.js"

// Reference §E.3: base64 of "secret-key-for-tests", and a responseToken signed HS256 with the DECODED key.
const SECRET = "c2VjcmV0LWtleS1mb3ItdGVzdHM="
const API_KEY = "a_KEYEXAMPLE01"
const VECTOR =
  "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJyZXN1bHQiOiJzdWNjZWVkZWQiLCJhdWQiOiJhX0tFWUVYQU1QTEUwMSIsImlzcyI6InBheXBheS5uZS5qcCIsInByb2ZpbGVJZGVudGlmaWVyIjoiKioqKioqKjAwNzciLCJleHAiOjQxMDI0NDQ4MDAsIm5vbmNlIjoia2lrYWt1IiwidXNlckF1dGhvcml6YXRpb25JZCI6IjM2NzhmNjM1LTc3ZWQtNDk3Mi05YWFlLWZmNTQyMDg1NTllNCIsInJlZmVyZW5jZUlkIjoicmVmLTAwMDEifQ.COk3FQra8x0PS0bd_UeYyUFre90MZXRYMkvKyqXiPCE"
const EXP = 4_102_444_800

const noHttp = HttpClient.make(() => Effect.die("the JWT helpers never call the network"))
const client = (apiKey = API_KEY) =>
  PayPayClient.layer({ apiKey, apiSecret: Redacted.make(SECRET) }).pipe(
    Layer.provide(Layer.succeed(HttpClient.HttpClient, noHttp))
  )

const decodedKey = new Uint8Array(Buffer.from(SECRET, "base64"))
const claims = {
  result: "succeeded",
  aud: API_KEY,
  iss: "paypay.ne.jp",
  exp: EXP,
  nonce: "kikaku",
  userAuthorizationId: "ua-1"
}
const sign = (payload: Record<string, unknown>, key: Uint8Array = decodedKey) =>
  Effect.promise(() => new Jose.SignJWT(payload).setProtectedHeader({ alg: "HS256", typ: "JWT" }).sign(key))

const reasonOf = (token: string, nonce = "kikaku", apiKey = API_KEY) =>
  Jwt.verifyResponseToken(token, { nonce }).pipe(
    Effect.flip,
    Effect.map((error) => error.reason),
    Effect.provide(client(apiKey))
  )

const requestParams: Jwt.RequestTokenParams = {
  iss: "Example Shop",
  scope: "direct_debit",
  nonce: "n-123",
  redirectUrl: "https://shop.test/callback",
  referenceId: "user-42"
}

describe("Jwt", () => {
  it.effect("verifies the §E.3 vector (base64-decoded secret, aud = API key, iss paypay.ne.jp)", () =>
    Effect.gen(function* () {
      const token = yield* Jwt.verifyResponseToken(VECTOR, { nonce: "kikaku" }).pipe(Effect.provide(client()))
      assert.instanceOf(token, Jwt.ResponseToken)
      assert.strictEqual(token.result, "succeeded")
      assert.isTrue(token.succeeded)
      assert.strictEqual(token.userAuthorizationId, "3678f635-77ed-4972-9aae-ff54208559e4")
      assert.strictEqual(token.referenceId, "ref-0001")
      assert.strictEqual(token.profileIdentifier, "*******0077")
      assert.strictEqual(token.exp, EXP)
    })
  )

  it.effect("rejects a token signed with the raw (not base64-decoded) secret: Signature", () =>
    Effect.gen(function* () {
      const raw = yield* sign(claims, new TextEncoder().encode(SECRET))
      assert.strictEqual(yield* reasonOf(raw), "Signature")
      const [header, payload, signature] = VECTOR.split(".")
      const tampered = `${header}.${payload}.${signature!.startsWith("A") ? "B" : "A"}${signature!.slice(1)}`
      assert.strictEqual(yield* reasonOf(tampered), "Signature")
    })
  )

  it.effect("checks expiry against Effect's Clock: Expired", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(EXP * 1000 - 1000)
      const ok = yield* Jwt.verifyResponseToken(VECTOR, { nonce: "kikaku" }).pipe(Effect.provide(client()))
      assert.strictEqual(ok.nonce, "kikaku")
      yield* TestClock.setTime(EXP * 1000 + 1000)
      assert.strictEqual(yield* reasonOf(VECTOR), "Expired")
    })
  )

  it.effect("checks aud, iss and nonce: Audience, Issuer, Nonce", () =>
    Effect.gen(function* () {
      assert.strictEqual(yield* reasonOf(VECTOR, "kikaku", "a_OTHERKEY"), "Audience")
      const merchantAud = yield* sign({ ...claims, aud: "123456789012345678" })
      assert.strictEqual(yield* reasonOf(merchantAud), "Audience")
      const issuer = yield* sign({ ...claims, iss: "evil.example" })
      assert.strictEqual(yield* reasonOf(issuer), "Issuer")
      assert.strictEqual(yield* reasonOf(VECTOR, "another-nonce"), "Nonce")
    })
  )

  it.effect("reports garbage, missing exp and unknown results as Malformed", () =>
    Effect.gen(function* () {
      assert.strictEqual(yield* reasonOf("not.a.jwt"), "Malformed")
      const { exp: _, ...noExp } = claims
      assert.strictEqual(yield* reasonOf(yield* sign(noExp)), "Malformed")
      assert.strictEqual(yield* reasonOf(yield* sign({ ...claims, result: "maybe" })), "Malformed")
      const declined = yield* Jwt.verifyResponseToken(yield* sign({ ...claims, result: "declined" }), {
        nonce: "kikaku"
      }).pipe(Effect.provide(client()))
      assert.isFalse(declined.succeeded)
    })
  )

  it.effect("makeRequestToken signs HS256 with the decoded secret, aud = API key, exp = now + 5 min", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(1_700_000_000_000)
      const token = yield* Jwt.makeRequestToken({ ...requestParams, deviceId: "dev-1" }).pipe(Effect.provide(client()))
      const { payload, protectedHeader } = yield* Effect.promise(() =>
        Jose.jwtVerify(token, decodedKey, { algorithms: ["HS256"], currentDate: new Date(1_700_000_000_000) })
      )
      assert.deepStrictEqual(protectedHeader, { alg: "HS256", typ: "JWT" })
      assert.deepStrictEqual(payload, {
        ...requestParams,
        deviceId: "dev-1",
        aud: API_KEY,
        exp: 1_700_000_000 + 300
      })
      const rawKey = new TextEncoder().encode(SECRET)
      const wrong = yield* Effect.either(
        Effect.tryPromise(() => Jose.jwtVerify(token, rawKey, { currentDate: new Date(1_700_000_000_000) }))
      )
      assert.isTrue(wrong._tag === "Left")
    })
  )

  it.effect("makeRequestToken keeps an explicit exp and rejects invalid params as Malformed", () =>
    Effect.gen(function* () {
      const token = yield* Jwt.makeRequestToken({ ...requestParams, exp: 1234 }).pipe(Effect.provide(client()))
      assert.strictEqual(Jose.decodeJwt(token).exp, 1234)
      const error = yield* Jwt.makeRequestToken({ ...requestParams, scope: "everything" } as any).pipe(
        Effect.flip,
        Effect.provide(client())
      )
      assert.strictEqual(error.reason, "Malformed")
      assert.include(error.detail, "scope")
      const typo = yield* Jwt.makeRequestToken({ ...requestParams, redirectURL: "x" } as any).pipe(
        Effect.flip,
        Effect.provide(client())
      )
      assert.include(typo.detail, "redirectURL")
    })
  )

  it.effect("authorizationUrl builds the PayPay page URL with apiKey and a fresh requestToken", () =>
    Effect.gen(function* () {
      const url = new URL(yield* Jwt.authorizationUrl(requestParams).pipe(Effect.provide(client())))
      assert.strictEqual(url.origin + url.pathname, "https://www.paypay.ne.jp/app/opa/user_authorization")
      assert.strictEqual(url.searchParams.get("apiKey"), API_KEY)
      const token = url.searchParams.get("requestToken")!
      assert.strictEqual(Jose.decodeJwt(token)["nonce"], "n-123")
      const local = yield* Jwt.authorizationUrl(requestParams, { baseUrl: "http://127.0.0.1:4010/sim/" }).pipe(
        Effect.provide(client())
      )
      assert.isTrue(local.startsWith("http://127.0.0.1:4010/sim/app/opa/user_authorization?apiKey=a_KEYEXAMPLE01&"))
    })
  )
})
