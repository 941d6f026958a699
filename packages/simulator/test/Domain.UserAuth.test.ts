import { assert, describe, it } from "@effect/vitest"
import { Effect, Either } from "effect"
import * as Jose from "jose"
import type * as P from "../src/Domain/Payment.js"
import { Rejection } from "../src/Domain/Rejection.js"
import * as UserAuth from "../src/Domain/UserAuth.js"
import * as AccountLinks from "../src/Store/AccountLinks.js"

const T0 = 1_700_000_000
const DAY = 86_400
const user: UserAuth.LinkedUser = {
  userAuthorizationId: "user-1",
  status: "ACTIVE",
  scopes: ["direct_debit", "cashback"],
  referenceIds: [],
  createdAt: T0
}
const sessionFor = (now: number) =>
  UserAuth.createSession(
    { scopes: ["direct_debit"], nonce: "n", redirectUrl: "https://x", referenceId: "ref-0" },
    { now, sessionId: "s-0" }
  )
const tag = <A>(e: Either.Either<A, P.Rejection>) => (Either.isLeft(e) ? e.left._tag : "ok")
const check = (
  u: UserAuth.LinkedUser | undefined,
  options: { now?: number; scope?: string; allowInactive?: boolean } = {}
) => tag(UserAuth.check(u, { userAuthorizationId: "user-1", now: options.now ?? T0, ...options }))

describe("UserAuth.check", () => {
  it("unknown → revoked → inactive → expired → scope, in that order", () => {
    assert.strictEqual(check(undefined), "UnknownUser")
    assert.strictEqual(check(UserAuth.unlink(user, T0), { now: T0 + 400 * DAY, scope: "x" }), "AuthorizationRevoked")
    assert.strictEqual(check({ ...user, status: "INACTIVE" }, { now: T0 + 400 * DAY, scope: "x" }), "UserNotActive")
    assert.strictEqual(check(user, { now: T0 + 365 * DAY, scope: "x" }), "UserAuthorizationExpired")
    assert.strictEqual(check(user, { now: T0 + 365 * DAY - 1, scope: "x" }), "ScopeMissing")
    assert.strictEqual(check(user, { scope: "cashback" }), "ok")
    assert.strictEqual(check({ ...user, status: "INACTIVE" }, { allowInactive: true }), "ok")
  })

  it("the authorization runs 365 days from issuedAt unless expireAt is set", () => {
    assert.strictEqual(UserAuth.issuedAtOf(user), T0)
    assert.strictEqual(UserAuth.expireAtOf(user), T0 + 365 * DAY)
    assert.strictEqual(UserAuth.expireAtOf({ ...user, issuedAt: T0 + 5 }), T0 + 5 + 365 * DAY)
    assert.strictEqual(UserAuth.expireAtOf({ ...user, expireAt: T0 + 1 }), T0 + 1)
  })
})

describe("UserAuth phone, unlink, link", () => {
  it("masks all but the last four digits; derives a stable number when none is known", () => {
    assert.strictEqual(UserAuth.maskPhone("09012340077"), "*******0077")
    assert.strictEqual(UserAuth.maskPhone("77"), "77")
    assert.strictEqual(UserAuth.phoneNumberOf({ ...user, phoneNumber: "08011112222" }), "08011112222")
    assert.match(UserAuth.phoneNumberOf(user), /^090\d{8}$/)
    assert.strictEqual(UserAuth.phoneNumberOf(user), UserAuth.phoneNumberOf({ ...user }))
  })

  it("unlink → INACTIVE and revoked (INVALID_USER_AUTHORIZATION_ID, not USER_STATE_IS_NOT_ACTIVE), idempotent", () => {
    const unlinked = UserAuth.unlink(user, T0 + 7)
    assert.strictEqual(unlinked.status, "INACTIVE")
    assert.strictEqual(unlinked.revokedAt, T0 + 7)
    assert.strictEqual(UserAuth.unlink(unlinked, T0 + 9), unlinked)
    const revoked = UserAuth.check(unlinked, { userAuthorizationId: user.userAuthorizationId, now: T0 + 8 })
    assert.deepStrictEqual(
      revoked,
      Either.left(Rejection.AuthorizationRevoked({ userAuthorizationId: user.userAuthorizationId, revokedAt: T0 + 7 }))
    )
    const inactive = UserAuth.check({ ...user, status: "INACTIVE" }, { userAuthorizationId: "u", now: T0 })
    assert.isTrue(Either.isLeft(inactive) && inactive.left._tag === "UserNotActive")
  })

  it("a payment, grant or re-link extends the authorization to 365 days from then; a longer one is kept", () => {
    const extended = UserAuth.extend(user, T0 + 200 * DAY)
    assert.strictEqual(UserAuth.expireAtOf(extended), T0 + 565 * DAY)
    assert.strictEqual(UserAuth.extend(extended, T0 + 100 * DAY), extended)
    assert.strictEqual(UserAuth.expireAtOf(UserAuth.link(extended, sessionFor(T0), T0 + 300 * DAY)), T0 + 665 * DAY)
  })

  it("link through a session: ACTIVE, the session's scopes, referenceId added once, a fresh 365 days", () => {
    const session = UserAuth.createSession(
      { scopes: ["pending_payments"], nonce: "n", redirectUrl: "https://x", referenceId: "ref-1" },
      { now: T0, sessionId: "s-1" }
    )
    const linked = UserAuth.link(UserAuth.unlink(user, T0 + 5), session, T0 + 10)
    assert.strictEqual(linked.status, "ACTIVE")
    assert.isFalse("revokedAt" in linked)
    assert.deepStrictEqual(linked.scopes, ["pending_payments"])
    assert.deepStrictEqual(linked.referenceIds, ["ref-1"])
    assert.strictEqual(UserAuth.expireAtOf(linked), T0 + 10 + 365 * DAY)
    assert.deepStrictEqual(UserAuth.link(linked, session, T0 + 20).referenceIds, ["ref-1"])
  })
})

describe("account-link sessions", () => {
  const session = UserAuth.createSession(
    { scopes: ["direct_debit"], nonce: "kikaku", redirectUrl: "https://shop/cb", referenceId: "ref-0001" },
    { now: T0, sessionId: "s-1" }
  )

  it("CREATED → COMPLETED with the user, or DECLINED; then closed", () => {
    assert.strictEqual(session.status, "CREATED")
    assert.isFalse("phoneNumber" in session)
    const completed = Either.getOrThrow(UserAuth.closeSession(session, { now: T0 + 1, userAuthorizationId: "u" }))
    assert.strictEqual(completed.status, "COMPLETED")
    assert.strictEqual(completed.userAuthorizationId, "u")
    const declined = Either.getOrThrow(UserAuth.closeSession(session, { now: T0 + 1, userAuthorizationId: undefined }))
    assert.strictEqual(declined.status, "DECLINED")
    assert.strictEqual(
      tag(UserAuth.closeSession(completed, { now: T0 + 2, userAuthorizationId: "u" })),
      "SessionClosed"
    )
  })

  it("responseToken claims in PayPay's order; declined tokens carry no user", () => {
    const completed = Either.getOrThrow(UserAuth.closeSession(session, { now: T0, userAuthorizationId: "user-1" }))
    const claims = UserAuth.responseTokenClaims(completed, {
      apiKey: "key",
      now: T0,
      user: { ...user, phoneNumber: "09000000077" }
    })
    assert.deepStrictEqual(Object.keys(claims), [
      "result",
      "aud",
      "iss",
      "profileIdentifier",
      "exp",
      "nonce",
      "userAuthorizationId",
      "referenceId"
    ])
    assert.strictEqual(claims["exp"], T0 + 300)
    const declined = Either.getOrThrow(UserAuth.closeSession(session, { now: T0, userAuthorizationId: undefined }))
    const declinedClaims = UserAuth.responseTokenClaims(declined, { apiKey: "key", now: T0, user })
    assert.deepStrictEqual(declinedClaims, {
      result: "declined",
      aud: "key",
      iss: "paypay.ne.jp",
      exp: T0 + 300,
      nonce: "kikaku",
      referenceId: "ref-0001"
    })
  })

  it.effect("known answer (reference §E.3): same payload bytes, HS256 over the base64-decoded secret", () =>
    Effect.gen(function* () {
      const secret = "c2VjcmV0LWtleS1mb3ItdGVzdHM="
      const vector =
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJyZXN1bHQiOiJzdWNjZWVkZWQiLCJhdWQiOiJhX0tFWUVYQU1QTEUwMSIsImlzcyI6InBheXBheS5uZS5qcCIsInByb2ZpbGVJZGVudGlmaWVyIjoiKioqKioqKjAwNzciLCJleHAiOjQxMDI0NDQ4MDAsIm5vbmNlIjoia2lrYWt1IiwidXNlckF1dGhvcml6YXRpb25JZCI6IjM2NzhmNjM1LTc3ZWQtNDk3Mi05YWFlLWZmNTQyMDg1NTllNCIsInJlZmVyZW5jZUlkIjoicmVmLTAwMDEifQ.COk3FQra8x0PS0bd_UeYyUFre90MZXRYMkvKyqXiPCE"
      const completed = Either.getOrThrow(
        UserAuth.closeSession(session, { now: T0, userAuthorizationId: "3678f635-77ed-4972-9aae-ff54208559e4" })
      )
      const claims = UserAuth.responseTokenClaims(completed, {
        apiKey: "a_KEYEXAMPLE01",
        now: 4_102_444_800 - 300,
        user: { ...user, userAuthorizationId: "3678f635-77ed-4972-9aae-ff54208559e4", phoneNumber: "09000000077" }
      })
      const token = yield* AccountLinks.signResponseToken(claims, secret)
      assert.strictEqual(token.split(".")[1], vector.split(".")[1])
      assert.deepStrictEqual(Jose.decodeProtectedHeader(token), { typ: "JWT", alg: "HS256" })
      const key = new Uint8Array(Buffer.from(secret, "base64"))
      const verify = (jwt: string) =>
        Effect.promise(() => Jose.jwtVerify(jwt, key, { algorithms: ["HS256"], currentDate: new Date(T0 * 1000) }))
      assert.strictEqual((yield* verify(token)).payload["nonce"], "kikaku")
      assert.strictEqual((yield* verify(vector)).payload["referenceId"], "ref-0001")
      const raw = yield* Effect.promise(() =>
        new Jose.SignJWT(claims).setProtectedHeader({ typ: "JWT", alg: "HS256" }).sign(new TextEncoder().encode(secret))
      )
      assert.notStrictEqual(raw, token)
    })
  )
})
