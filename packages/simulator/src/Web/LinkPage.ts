/**
 * The account-link consent page, for both ways PayPay links a user (§E.1): the `linkQRCodeURL` of an account-link
 * QR session (`/link/{sessionId}`, §B.8) and the web authorization page
 * (`/app/opa/user_authorization?apiKey=…&requestToken=…`, the URL the SDK's `Jwt.authorizationUrl` builds). The
 * tester picks a test user (or a new one) and allows or declines the scopes; the simulator then redirects (303)
 * to the merchant's `redirectUrl` with `?responseToken=<JWT>` signed as PayPay signs it (`Store/AccountLinks.ts`,
 * §E.2, §E.3), through the same user actions as the control API (`Store/UserActions.ts`).
 *
 * The web flow's request token does not name a merchant: the page acts for `?assumeMerchant=` when given, else for
 * the merchant that last called the PayPay API with that API key, else the credential's first merchant, else
 * `sim_merchant`; the page shows it and lets the tester switch.
 *
 * @since 0.1.0
 */
import type * as HttpRouter from "@effect/platform/HttpRouter"
import type * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import type * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { Rejection } from "../Domain/Rejection.js"
import { merchantProblem } from "../Auth.js"
import { Journal } from "../Journal.js"
import type * as Simulator from "../Simulator.js"
import { type Credential, defaultMerchantId, merchantsOf } from "../SimulatorConfig.js"
import * as AccountLinks from "../Store/AccountLinks.js"
import { Merchants } from "../Store/Merchants.js"
import { type Tenant, tenant as makeTenant } from "../Store/Database.js"
import * as UserActions from "../Store/UserActions.js"
import { DEFAULT_BALANCE, type TestUser, UserStore } from "../Store/UserStore.js"
import * as Form from "./Form.js"
import { type Html, html } from "./Html.js"
import * as Layout from "./Layout.js"
import * as RequestToken from "./RequestToken.js"

type Handler = Effect.Effect<
  HttpServerResponse.HttpServerResponse,
  never,
  Simulator.Services | HttpServerRequest.HttpServerRequest | HttpRouter.RouteContext
>

/**
 * Path of the web authorization page (§E.1).
 *
 * @since 0.1.0
 * @category Constants
 */
export const AUTHORIZATION_PATH = "/app/opa/user_authorization"

const hidden = (fields: Record<string, string>) =>
  Object.entries(fields).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)

const consentBody = (options: {
  readonly merchantId: string
  readonly issuer?: string | undefined
  readonly scopes: ReadonlyArray<string>
  readonly referenceId: string
  readonly users: ReadonlyArray<TestUser>
  readonly action: string
  readonly fields: Record<string, string>
  readonly extra?: Html | undefined
}) => {
  const merchant = options.merchantId === "" ? "(no merchant id)" : options.merchantId
  return html`<section class="card" data-page="consent">
<p class="muted">Account link</p>
<h1 id="requester">${options.issuer ?? merchant} wants to link your PayPay account</h1>
<p>Merchant <code id="merchant">${merchant}</code> · reference <code id="reference">${options.referenceId}</code></p>
<h2>Requested scopes</h2>
<ul class="scopes" id="scopes">${options.scopes.map((scope) => html`<li>${scope}</li>`)}</ul>
</section>
<section class="card">
<h2>Act as the PayPay user</h2>
<form method="post" action="${options.action}">
${hidden(options.fields)}
<label for="user">Link as</label>
<select name="user" id="user">
<option value="">A new test user</option>
${options.users.map(
  (user) =>
    html`<option value="${user.userAuthorizationId}">${user.userAuthorizationId} — ${user.status}, ${Layout.yen(user.balance)}</option>`
)}
</select>
<label for="balance">Balance of a new user (JPY)</label>
<input id="balance" name="balance" type="number" min="0" step="1" value="${DEFAULT_BALANCE}">
<div class="actions"><button class="primary" name="decision" value="allow">Allow</button>
<button name="decision" value="decline">Decline</button></div>
</form>
</section>
${options.extra ?? ""}`
}

const usersOf = (tenant: Tenant) => Effect.orDie(Effect.flatMap(UserStore, (store) => store.list(tenant)))

const balanceOf = (text: string | undefined): number | undefined => {
  const n = Number(text)
  return text !== undefined && Number.isSafeInteger(n) && n >= 0 ? n : undefined
}

const rejectionPage = (rejection: Rejection) => {
  switch (rejection._tag) {
    case "SessionNotFound":
      return Layout.errorPage({
        status: 404,
        title: "Link not found",
        message: "This account-link QR code does not exist."
      })
    case "SessionClosed":
      return Layout.errorPage({
        status: 409,
        title: "Link already answered",
        message: `This account-link request was already ${rejection.status.toLowerCase()}.`
      })
    default:
      return Layout.errorPage({ status: 409, title: "Link failed", message: rejection._tag })
  }
}

const answer = (sessionId: string, form: Form.Fields) =>
  Effect.gen(function* () {
    const outcome = yield* Effect.either(
      (form("decision") === "decline"
        ? UserActions.declineAccountLink(sessionId)
        : UserActions.completeAccountLink(sessionId, {
            userAuthorizationId: form("user"),
            balance: balanceOf(form("balance"))
          })
      ).pipe(Effect.catchTag("SqlError", Effect.die))
    )
    return outcome._tag === "Right" ? Layout.seeOther(outcome.right.redirectTo) : rejectionPage(outcome.left)
  })

/**
 * `GET /link/{sessionId}`: the consent page of an account-link QR session.
 *
 * @since 0.1.0
 * @category Handlers
 */
export const showSession: Handler = Effect.gen(function* () {
  const sessionId = yield* Form.param("sessionId")
  const found = yield* Effect.orDie(AccountLinks.locate(sessionId))
  if (Option.isNone(found)) return rejectionPage(Rejection.SessionNotFound({ sessionId }))
  const { session, tenant } = found.value
  if (session.status !== "CREATED") return rejectionPage(Rejection.SessionClosed({ sessionId, status: session.status }))
  return Layout.page({
    title: "Link your PayPay account",
    body: consentBody({
      merchantId: tenant.merchantId,
      scopes: session.scopes,
      referenceId: session.referenceId,
      users: yield* usersOf(tenant),
      action: `/link/${encodeURIComponent(sessionId)}`,
      fields: {}
    })
  })
})

/**
 * `POST /link/{sessionId}` (`decision` = `allow` | `decline`, `user`, `balance`): answers and redirects.
 *
 * @since 0.1.0
 * @category Handlers
 */
export const answerSession: Handler = Effect.gen(function* () {
  return yield* answer(yield* Form.param("sessionId"), yield* Form.body)
})

const guessMerchant = (credential: Credential) =>
  Effect.flatMap(Journal, (journal) => journal.list()).pipe(
    Effect.map((entries) => {
      const last = [...entries]
        .reverse()
        .find((entry) => entry.apiKey === credential.apiKey && entry.merchantId !== undefined)
      return last?.merchantId ?? merchantsOf(credential)[0]?.merchantId ?? defaultMerchantId
    })
  )

const invalidRequest = (error: RequestToken.InvalidRequestToken) =>
  Layout.errorPage({
    status: 400,
    title: "Invalid authorization request",
    message: "PayPay cannot show this authorization page.",
    detail: error.detail
  })

const switcher = (apiKey: string, requestToken: string, merchantId: string) =>
  html`<section class="card"><form method="get" action="${AUTHORIZATION_PATH}" class="actions">
${hidden({ apiKey, requestToken })}
<label for="assumeMerchant">Simulator tenant (merchant id)</label>
<input id="assumeMerchant" name="assumeMerchant" value="${merchantId}">
<button class="small">Switch merchant</button>
</form></section>`

const unregisteredMerchant = (detail: string) =>
  Layout.errorPage({
    status: 403,
    title: "Unknown merchant",
    message: "The simulator cannot act for this merchant: it is not registered for the request token's API key.",
    detail
  })

/**
 * The merchant the web authorization page acts for, checked against the registry as the PayPay API checks
 * `X-ASSUME-MERCHANT` (`Auth.merchantProblem`): a tester switching to an unregistered id gets an error page, never a
 * link in a tenant the API would refuse (inference: PayPay's page has no switcher; the registry rule is the API's).
 */
const checkedMerchant = (apiKey: string, merchantId: string) =>
  Effect.map(Merchants, (merchants) => merchantProblem(apiKey, merchantId, merchants))

/**
 * `GET /app/opa/user_authorization?apiKey=…&requestToken=…[&assumeMerchant=…]`: validates the request token and
 * shows the consent page.
 *
 * @since 0.1.0
 * @category Handlers
 */
export const authorize: Handler = Effect.gen(function* () {
  const query = yield* Form.query
  const verified = yield* Effect.either(RequestToken.verify(query("apiKey"), query("requestToken")))
  if (verified._tag === "Left") return invalidRequest(verified.left)
  const token = verified.right
  const apiKey = token.credential.apiKey
  const requestToken = query("requestToken")!
  const merchantId = query("assumeMerchant") ?? (yield* guessMerchant(token.credential))
  const problem = yield* checkedMerchant(apiKey, merchantId)
  if (problem !== undefined) return unregisteredMerchant(problem)
  return Layout.page({
    title: "Link your PayPay account",
    body: consentBody({
      merchantId,
      issuer: token.issuer,
      scopes: token.scopes,
      referenceId: token.referenceId,
      users: yield* usersOf(makeTenant(apiKey, merchantId)),
      action: AUTHORIZATION_PATH,
      fields: { apiKey, requestToken, merchantId },
      extra: switcher(apiKey, requestToken, merchantId)
    })
  })
})

/**
 * `POST /app/opa/user_authorization`: validates the token again, opens an account-link session for it and answers
 * it like the QR flow (the redirect carries the `responseToken`).
 *
 * @since 0.1.0
 * @category Handlers
 */
export const authorizeAnswer: Handler = Effect.gen(function* () {
  const form = yield* Form.body
  const verified = yield* Effect.either(RequestToken.verify(form("apiKey"), form("requestToken")))
  if (verified._tag === "Left") return invalidRequest(verified.left)
  const token = verified.right
  const merchantId = form("merchantId") ?? (yield* guessMerchant(token.credential))
  const problem = yield* checkedMerchant(token.credential.apiKey, merchantId)
  if (problem !== undefined) return unregisteredMerchant(problem)
  const session = yield* Effect.orDie(
    AccountLinks.create(makeTenant(token.credential.apiKey, merchantId), {
      scopes: token.scopes,
      nonce: token.nonce,
      redirectUrl: token.redirectUrl,
      referenceId: token.referenceId,
      deviceId: token.deviceId,
      phoneNumber: token.phoneNumber
    })
  )
  return yield* answer(session.sessionId, form)
})
