import { HttpServer } from "@effect/platform"
import { NodeHttpClient } from "@effect/platform-node"
import { assert, describe, it, layer } from "@effect/vitest"
import { Codes, Flows, Jwt, PayPayClient, Users } from "@paypay-effect/sdk"
import { Effect, Layer, Redacted } from "effect"
import * as QRCode from "qrcode"
import { SimClock } from "../src/SimClock.js"
import * as Server from "../src/Server.js"
import * as Simulator from "../src/Simulator.js"
import * as SimulatorConfig from "../src/SimulatorConfig.js"
import { tenant } from "../src/Store/Database.js"
import { UserStore } from "../src/Store/UserStore.js"
import { escapeHtml, safeHref } from "../src/Web/escapeHtml.js"
import { html, raw } from "../src/Web/Html.js"

const FRONTEND = "http://frontend.test:5173"
const yen = (amount: number) => ({ amount, currency: "JPY" as const })
const me = tenant(SimulatorConfig.defaultCredential.apiKey, SimulatorConfig.defaultMerchantId)
const XSS = "<script>window.__pwned=1</script>"

const clientFor = (baseUrl: string, apiSecret = SimulatorConfig.defaultCredential.apiSecret) =>
  PayPayClient.layer({
    apiKey: SimulatorConfig.defaultCredential.apiKey,
    apiSecret: Redacted.make(apiSecret),
    merchantId: SimulatorConfig.defaultMerchantId,
    baseUrl
  }).pipe(Layer.provide(NodeHttpClient.layerUndici))

const Env = Layer.unwrapEffect(HttpServer.addressFormattedWith((baseUrl) => Effect.succeed(clientFor(baseUrl)))).pipe(
  Layer.provideMerge(Server.layer({ port: 0 }).pipe(Layer.provideMerge(Simulator.layer({ corsOrigins: [FRONTEND] }))))
)

const baseUrl = HttpServer.addressFormattedWith(Effect.succeed)

interface Page {
  readonly status: number
  readonly location: string | null
  readonly headers: Headers
  readonly body: string
}

const request = (url: string, init: RequestInit = {}) =>
  Effect.promise(async (): Promise<Page> => {
    const response = await fetch(url, { redirect: "manual", ...init })
    return {
      status: response.status,
      location: response.headers.get("location"),
      headers: response.headers,
      body: await response.text()
    }
  })

const post = (url: string, fields: Record<string, string>) =>
  request(url, { method: "POST", body: new URLSearchParams(fields) })

const pagePath = (url: string) => new URL(url).pathname

const createCode = (params: Partial<Codes.CreateQrCodeParams> = {}) =>
  Codes.create({ merchantPaymentId: `web-${crypto.randomUUID()}`, amount: yen(1200), ...params })

describe("escaping", () => {
  it("escapeHtml turns markup into text", () => {
    assert.strictEqual(escapeHtml(`<a href="x">'&\`</a>`), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#96;&lt;/a&gt;")
    assert.strictEqual(escapeHtml(undefined), "")
    assert.strictEqual(escapeHtml(12), "12")
  })

  it("html escapes every interpolation but nested templates and raw markup", () => {
    const item = "<b>tea</b>"
    const page = html`<ul>${[item, "x"].map((name) => html`<li>${name}</li>`)}</ul>${raw("<hr>")}${undefined}${false}`
    assert.strictEqual(page.value, "<ul><li>&lt;b&gt;tea&lt;/b&gt;</li><li>x</li></ul><hr>")
  })

  it("safeHref only keeps http(s) URLs", () => {
    assert.strictEqual(safeHref("https://shop.test/thanks?a=1"), "https://shop.test/thanks?a=1")
    assert.isUndefined(safeHref("javascript:alert(1)"))
    assert.isUndefined(safeHref("not a url"))
    assert.isUndefined(safeHref(undefined))
  })
})

layer(Env, { excludeTestServices: true })("hosted pages over a socket", (it) => {
  it.effect("the payment page shows the order, a QR code and escapes merchant text", () =>
    Effect.gen(function* () {
      const code = yield* createCode({
        orderDescription: XSS,
        storeInfo: "Shop & <Co>",
        orderItems: [{ name: "Tea <b>", quantity: 2, unitPrice: yen(600) }]
      })
      const base = yield* baseUrl
      const page = yield* request(`${base}${pagePath(code.url)}`)
      assert.strictEqual(page.status, 200)
      assert.include(page.headers.get("content-type") ?? "", "text/html")
      assert.include(page.body, `<h1 id="merchant">${SimulatorConfig.defaultMerchantId}</h1>`)
      assert.include(page.body, "¥1,200")
      assert.include(page.body, "&lt;script&gt;window.__pwned=1&lt;/script&gt;")
      assert.include(page.body, "Shop &amp; &lt;Co&gt;")
      assert.include(page.body, "Tea &lt;b&gt;")
      assert.notInclude(page.body, XSS)
      assert.notInclude(page.body, "<b>")
      const qr = yield* Effect.promise(() =>
        QRCode.toString(code.url, { type: "svg", margin: 1, errorCorrectionLevel: "M" })
      )
      assert.include(page.body, `<div id="qr">${qr}</div>`)
      assert.include(page.body, escapeHtml(code.deeplink))
      assert.include(page.body, 'value="pay">Pay ¥1,200</button>')
    })
  )

  it.effect("pay redirects to the merchant's redirectUrl; the payment is COMPLETED; the page then refuses", () =>
    Effect.gen(function* () {
      const redirectUrl = "https://shop.test/thanks?order=1"
      const code = yield* createCode({ redirectUrl, redirectType: "WEB_LINK" })
      const url = `${yield* baseUrl}${pagePath(code.url)}`
      const paid = yield* post(url, { action: "pay", user: "" })
      assert.strictEqual(paid.status, 303)
      assert.strictEqual(paid.location, redirectUrl)
      const payment = yield* Codes.getPayment(code.merchantPaymentId)
      assert.strictEqual(payment.status, "COMPLETED")
      assert.strictEqual(payment.userAuthorizationId, "00000000-0000-4000-8000-000000000001")
      const again = yield* request(url)
      assert.strictEqual(again.status, 409)
      assert.include(again.body, "already been paid")
      assert.include(again.body, 'href="https://shop.test/thanks?order=1"')
    })
  )

  it.effect("without a redirectUrl, paying shows a result page; a chosen user pays", () =>
    Effect.gen(function* () {
      const user = yield* UserStore.pipe(Effect.flatMap((users) => users.create(me, { balance: 5000 })))
      const code = yield* createCode()
      const url = `${yield* baseUrl}${pagePath(code.url)}`
      assert.include((yield* request(url)).body, `<option value="${user.userAuthorizationId}">`)
      const paid = yield* post(url, { action: "pay", user: user.userAuthorizationId })
      assert.strictEqual(paid.status, 303)
      assert.strictEqual(paid.location, `${pagePath(code.url)}/result`)
      const result = yield* request(`${yield* baseUrl}${paid.location}`)
      assert.strictEqual(result.status, 200)
      assert.include(result.body, "Payment complete")
      assert.include(result.body, user.userAuthorizationId)
      const after = yield* UserStore.pipe(Effect.flatMap((users) => users.get(me, user.userAuthorizationId)))
      assert.strictEqual(after._tag === "Some" ? after.value.balance : -1, 3800)
    })
  )

  it.effect("paying a pre-auth code authorizes it", () =>
    Effect.gen(function* () {
      const code = yield* createCode({ isAuthorization: true })
      const url = `${yield* baseUrl}${pagePath(code.url)}`
      assert.include((yield* request(url)).body, 'value="pay">Authorize ¥1,200</button>')
      yield* post(url, { action: "pay" })
      assert.strictEqual((yield* Codes.getPayment(code.merchantPaymentId)).status, "AUTHORIZED")
    })
  )

  it.effect("a rejected payment shows PayPay's reason", () =>
    Effect.gen(function* () {
      const poor = yield* UserStore.pipe(Effect.flatMap((users) => users.create(me, { balance: 10 })))
      const code = yield* createCode()
      const failed = yield* post(`${yield* baseUrl}${pagePath(code.url)}`, {
        action: "pay",
        user: poor.userAuthorizationId
      })
      assert.strictEqual(failed.status, 409)
      assert.include(failed.body, "Payment failed")
      assert.include(failed.body, "NoSufficientFund")
      assert.strictEqual((yield* Codes.getPayment(code.merchantPaymentId)).status, "CREATED")
    })
  )

  it.effect("decline fails the payment", () =>
    Effect.gen(function* () {
      const code = yield* createCode()
      const declined = yield* post(`${yield* baseUrl}${pagePath(code.url)}`, { action: "decline" })
      assert.strictEqual(declined.status, 303)
      const result = yield* request(`${yield* baseUrl}${declined.location}`)
      assert.include(result.body, "Payment declined")
      assert.strictEqual((yield* Codes.getPayment(code.merchantPaymentId)).status, "FAILED")
    })
  )

  it.effect("let it expire moves the clock past the expiry; the page becomes PayPay's error screen", () =>
    Effect.gen(function* () {
      const code = yield* createCode({ redirectUrl: "https://shop.test/back" })
      const url = `${yield* baseUrl}${pagePath(code.url)}`
      const expired = yield* post(url, { action: "expire" })
      assert.strictEqual(expired.status, 303)
      assert.strictEqual(expired.location, pagePath(code.url))
      assert.isAbove(yield* SimClock.pipe(Effect.flatMap((clock) => clock.nowSeconds)), code.expiryDate)
      const page = yield* request(url)
      assert.strictEqual(page.status, 410)
      assert.include(page.body, "QR code expired")
      assert.include(page.body, "Return to the merchant")
      assert.strictEqual((yield* Codes.getPayment(code.merchantPaymentId)).status, "CREATED")
      const late = yield* post(url, { action: "pay" })
      assert.strictEqual(late.status, 410)
    })
  )

  it.effect("deleted and unknown codes show error screens", () =>
    Effect.gen(function* () {
      const code = yield* createCode()
      yield* Codes.remove(code.codeId)
      const base = yield* baseUrl
      const deleted = yield* request(`${base}${pagePath(code.url)}`)
      assert.strictEqual(deleted.status, 410)
      assert.include(deleted.body, "QR code canceled")
      const unknown = yield* request(`${base}/pay/04-doesnotexist`)
      assert.strictEqual(unknown.status, 404)
      assert.include(unknown.body, "QR code not found")
      const nowhere = yield* request(`${base}/pay/04-x/y/z`)
      assert.strictEqual(nowhere.status, 404)
      assert.include(nowhere.headers.get("content-type") ?? "", "text/html")
    })
  )

  it.effect("account-link QR: consent → redirect with a responseToken the SDK accepts", () =>
    Effect.gen(function* () {
      const nonce = `n-${crypto.randomUUID()}`
      const qr = yield* Users.createAccountLinkQrCode({
        scopes: ["direct_debit", "get_balance"],
        nonce,
        redirectUrl: "https://shop.test/linked?step=2",
        referenceId: "customer-42"
      })
      const url = `${yield* baseUrl}${pagePath(qr.linkQRCodeURL)}`
      const page = yield* request(url)
      assert.strictEqual(page.status, 200)
      assert.include(page.body, "<li>direct_debit</li><li>get_balance</li>")
      assert.include(page.body, "customer-42")
      const answered = yield* post(url, { decision: "allow", user: "", balance: "7000" })
      assert.strictEqual(answered.status, 303)
      const location = new URL(answered.location!)
      assert.strictEqual(`${location.origin}${location.pathname}`, "https://shop.test/linked")
      assert.strictEqual(location.searchParams.get("step"), "2")
      const linked = yield* Flows.finishUserLink(location.searchParams.get("responseToken")!, { nonce })
      assert.strictEqual(linked.referenceId, "customer-42")
      const user = yield* UserStore.pipe(Effect.flatMap((users) => users.get(me, linked.userAuthorizationId)))
      assert.strictEqual(user._tag === "Some" ? user.value.balance : -1, 7000)
      const again = yield* request(url)
      assert.strictEqual(again.status, 409)
      assert.include(again.body, "already completed")
    })
  )

  it.effect("web authorization page: a valid requestToken → consent → responseToken; decline → declined", () =>
    Effect.gen(function* () {
      const base = yield* baseUrl
      const params = {
        iss: "Shop",
        scope: "direct_debit" as const,
        redirectUrl: "https://shop.test/cb",
        referenceId: "r-1"
      }
      const allowUrl = yield* Jwt.authorizationUrl({ ...params, nonce: "allow-nonce" }, { baseUrl: base })
      const page = yield* request(allowUrl)
      assert.strictEqual(page.status, 200)
      assert.include(page.body, "Shop wants to link your PayPay account")
      assert.include(page.body, `<code id="merchant">${SimulatorConfig.defaultMerchantId}</code>`)
      const query = new URL(allowUrl).searchParams
      const fields = {
        apiKey: query.get("apiKey")!,
        requestToken: query.get("requestToken")!,
        merchantId: SimulatorConfig.defaultMerchantId
      }
      const allowed = yield* post(`${base}/app/opa/user_authorization`, { ...fields, decision: "allow" })
      assert.strictEqual(allowed.status, 303)
      const token = new URL(allowed.location!).searchParams.get("responseToken")!
      const linked = yield* Flows.finishUserLink(token, { nonce: "allow-nonce" })
      assert.strictEqual(linked.referenceId, "r-1")
      const status = yield* Users.getAuthorizationStatus(linked.userAuthorizationId)
      assert.deepStrictEqual(status.scopes, ["direct_debit"])

      const declineUrl = yield* Jwt.authorizationUrl({ ...params, nonce: "decline-nonce" }, { baseUrl: base })
      const declineQuery = new URL(declineUrl).searchParams
      const declined = yield* post(`${base}/app/opa/user_authorization`, {
        apiKey: declineQuery.get("apiKey")!,
        requestToken: declineQuery.get("requestToken")!,
        decision: "decline"
      })
      const declinedToken = new URL(declined.location!).searchParams.get("responseToken")!
      const failure = yield* Effect.flip(Flows.finishUserLink(declinedToken, { nonce: "decline-nonce" }))
      assert.strictEqual(failure._tag, "UserLinkFailed")
    })
  )

  it.effect("the authorization page refuses bad request tokens", () =>
    Effect.gen(function* () {
      const base = yield* baseUrl
      const params = {
        iss: "Shop",
        scope: "direct_debit" as const,
        nonce: "n",
        redirectUrl: "https://s.test/cb",
        referenceId: "r"
      }
      const wrongKey = yield* Jwt.authorizationUrl(params, { baseUrl: base }).pipe(
        Effect.provide(clientFor(base, "b3RoZXItc2VjcmV0"))
      )
      const forged = yield* request(wrongKey)
      assert.strictEqual(forged.status, 400)
      assert.include(forged.body, "signature")
      const expiredUrl = yield* Jwt.authorizationUrl(
        { ...params, exp: Math.floor(Date.now() / 1000) - 60 },
        {
          baseUrl: base
        }
      )
      const expired = yield* request(expiredUrl)
      assert.strictEqual(expired.status, 400)
      assert.include(expired.body, "expired")
      const missing = yield* request(`${base}/app/opa/user_authorization?apiKey=sim_api_key`)
      assert.strictEqual(missing.status, 400)
      assert.include(missing.body, "requestToken is missing")
      const unknownKey = yield* request(`${base}/app/opa/user_authorization?apiKey=nope&requestToken=x`)
      assert.include(unknownKey.body, "unknown apiKey nope")
    })
  )

  it.effect("the authorization page refuses to switch to a merchant the registry does not know", () =>
    Effect.gen(function* () {
      const base = yield* baseUrl
      const url = yield* Jwt.authorizationUrl(
        { iss: "Shop", scope: "direct_debit", nonce: "n", redirectUrl: "https://s.test/cb", referenceId: "r" },
        { baseUrl: base }
      )
      const query = new URL(url).searchParams
      const switched = yield* request(`${url}&assumeMerchant=not-registered`)
      assert.strictEqual(switched.status, 403)
      assert.include(switched.body, "not-registered")
      assert.include(switched.body, SimulatorConfig.defaultMerchantId)
      const posted = yield* post(`${base}/app/opa/user_authorization`, {
        apiKey: query.get("apiKey")!,
        requestToken: query.get("requestToken")!,
        merchantId: "not-registered",
        decision: "allow"
      })
      assert.strictEqual(posted.status, 403)
      assert.isNull(posted.location)
    })
  )

  it.effect("the dashboard is served with its script and the control API prefix", () =>
    Effect.gen(function* () {
      const page = yield* request(`${yield* baseUrl}/_dashboard`)
      assert.strictEqual(page.status, 200)
      assert.include(page.body, 'data-control="/_simulator"')
      assert.include(page.body, '<tbody id="payments">')
      assert.include(page.body, "setInterval(refresh, 1000)")
    })
  )

  it.effect("CORS: preflights of the PayPay and control APIs are answered for an allowed origin only", () =>
    Effect.gen(function* () {
      const base = yield* baseUrl
      const preflight = (path: string, origin: string) =>
        request(`${base}${path}`, {
          method: "OPTIONS",
          headers: {
            origin,
            "access-control-request-method": "POST",
            "access-control-request-headers": "content-type,authorization,x-assume-merchant"
          }
        })
      for (const path of ["/v2/codes", "/_simulator/payments/x/approve"]) {
        const allowed = yield* preflight(path, FRONTEND)
        assert.strictEqual(allowed.status, 204)
        assert.strictEqual(allowed.headers.get("access-control-allow-origin"), FRONTEND)
        assert.include(allowed.headers.get("access-control-allow-methods") ?? "", "POST")
        assert.strictEqual(
          allowed.headers.get("access-control-allow-headers"),
          "content-type,authorization,x-assume-merchant"
        )
        const refused = yield* preflight(path, "http://elsewhere.test")
        assert.isNull(refused.headers.get("access-control-allow-origin"))
      }
      const health = yield* request(`${base}/_simulator/health`, { headers: { origin: FRONTEND } })
      assert.strictEqual(health.status, 200)
      assert.strictEqual(health.headers.get("access-control-allow-origin"), FRONTEND)
      assert.include(health.headers.get("access-control-expose-headers") ?? "", "X-REQUEST-ID")
    })
  )
})

layer(Server.layer({ port: 0 }).pipe(Layer.provideMerge(Simulator.layer())), { excludeTestServices: true })(
  "CORS off by default",
  (it) => {
    it.effect("no CORS headers, and a preflight is not answered", () =>
      Effect.gen(function* () {
        const base = yield* baseUrl
        const preflight = yield* request(`${base}/_simulator/health`, {
          method: "OPTIONS",
          headers: { origin: FRONTEND, "access-control-request-method": "GET" }
        })
        assert.notStrictEqual(preflight.status, 204)
        assert.isNull(preflight.headers.get("access-control-allow-origin"))
        const health = yield* request(`${base}/_simulator/health`, { headers: { origin: FRONTEND } })
        assert.isNull(health.headers.get("access-control-allow-origin"))
      })
    )
  }
)
