/**
 * The legacy web-authorization call of PayPay's official Node SDK (reference §B.0 row 30): its `authorization` and
 * `authorizationResult` methods send `GET /v2/user_authorization?apiKey=…&requestToken=…` (or `&responseToken=…`)
 * to the API host, signed with OPA-Auth like every other call.
 *
 * **Inference** (ledger: user.legacy-authorization): no SDK, page or issue shows what PayPay answers here (the Node SDK has no API name for it either),
 * so this route answers in PayPay's envelope with what each token means:
 * - `requestToken` (§E.1): the token is verified as the hosted authorization page verifies it (`Web/RequestToken.ts`)
 *   and `data` is `{ authorizationUrl, scopes, nonce, redirectUrl, referenceId, expiresAt }`, where
 *   `authorizationUrl` is the simulator's page `{publicUrl}/app/opa/user_authorization?apiKey=…&requestToken=…`
 *   that the user must open;
 * - `responseToken` (§E.2): the token is verified as PayPay signs it (HS256 over the base64-decoded API secret,
 *   `iss` = `paypay.ne.jp`, `aud` = the API key, `exp` against simulated time, which minted it; §E.3) and `data` is
 *   its claims, as the Node SDK's `validateJWT` returns them.
 *
 * `apiKey` must be the API key that signed the request; a token that fails verification, both tokens or neither
 * give INVALID_REQUEST_PARAMS / MISSING_REQUEST_PARAMS naming the parameter.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Jose from "jose"
import { RESPONSE_TOKEN_ISSUER } from "../Domain/UserAuth.js"
import { fail, ok } from "../Envelope.js"
import { SimClock } from "../SimClock.js"
import { SimulatorConfig } from "../SimulatorConfig.js"
import { AUTHORIZATION_PATH } from "../Web/LinkPage.js"
import * as RequestToken from "../Web/RequestToken.js"
import * as Route from "./Route.js"

const invalid = (name: string, detail: string) => fail("INVALID_REQUEST_PARAMS", { detail: `${name}: ${detail}` })

const joseDetail = (cause: unknown): string => {
  if (cause instanceof Jose.errors.JWSSignatureVerificationFailed) {
    return "the signature does not match the API secret (HS256 over the base64-decoded secret, §E.3)"
  }
  if (cause instanceof Jose.errors.JWTExpired) return "the token has expired (exp)"
  if (cause instanceof Jose.errors.JWTClaimValidationFailed) return `claim ${cause.claim}: ${cause.message}`
  return cause instanceof Error ? cause.message : String(cause)
}

const pageUrl = (publicUrl: string, query: URLSearchParams) =>
  `${publicUrl.replace(/\/+$/, "")}${AUTHORIZATION_PATH}?${query.toString()}`

/**
 * The `data` for a verified `requestToken`: the hosted page the user opens, and what it will ask for.
 *
 * @since 0.1.0
 * @category Wire
 */
export const authorizationPage = (
  publicUrl: string,
  apiKey: string,
  requestToken: string,
  token: RequestToken.RequestToken
) => ({
  authorizationUrl: pageUrl(publicUrl, new URLSearchParams({ apiKey, requestToken })),
  scopes: token.scopes,
  nonce: token.nonce,
  redirectUrl: token.redirectUrl,
  referenceId: token.referenceId,
  expiresAt: token.expiresAt
})

const requestTokenPage = (apiKey: string, requestToken: string) =>
  Effect.gen(function* () {
    const token = yield* RequestToken.verify(apiKey, requestToken).pipe(
      Effect.catchTag("InvalidRequestToken", (error) => invalid("requestToken", error.detail))
    )
    const config = yield* SimulatorConfig
    return ok(authorizationPage(config.publicUrl, apiKey, requestToken, token))
  })

const responseTokenClaims = (apiKey: string, responseToken: string) =>
  Effect.gen(function* () {
    const config = yield* SimulatorConfig
    const credential = config.credentials.find((c) => c.apiKey === apiKey)
    if (credential === undefined) return yield* invalid("apiKey", `unknown API key ${apiKey}`)
    const now = yield* Effect.flatMap(SimClock, (clock) => clock.now)
    const verified = yield* Effect.either(
      Effect.tryPromise(() =>
        Jose.jwtVerify(responseToken, new Uint8Array(Buffer.from(credential.apiSecret, "base64")), {
          algorithms: ["HS256"],
          issuer: RESPONSE_TOKEN_ISSUER,
          audience: apiKey,
          currentDate: new Date(now),
          requiredClaims: ["exp"]
        })
      )
    )
    if (verified._tag === "Left") return yield* invalid("responseToken", joseDetail(verified.left.error))
    return ok(verified.right.payload)
  })

const authorization = Route.make("GET", "/v2/user_authorization", "Users.legacyAuthorization", (context) =>
  Effect.gen(function* () {
    const apiKey = yield* Route.queryParam(context, "apiKey")
    if (apiKey !== context.tenant.apiKey) {
      return yield* invalid("apiKey", `must be the API key that signed the request (${context.tenant.apiKey})`)
    }
    const requestToken = context.query.get("requestToken") ?? ""
    const responseToken = context.query.get("responseToken") ?? ""
    if (requestToken !== "" && responseToken !== "") {
      return yield* invalid("requestToken", "send either requestToken or responseToken, not both")
    }
    if (requestToken !== "") return yield* requestTokenPage(apiKey, requestToken)
    if (responseToken !== "") return yield* responseTokenClaims(apiKey, responseToken)
    return yield* fail("MISSING_REQUEST_PARAMS", {
      detail: "requestToken or responseToken: query parameter is required"
    })
  })
)

/**
 * @since 0.1.0
 * @category Routes
 */
export const routes = [authorization] as const
