/**
 * The frontend journeys in a real browser (playwright-core driving Debian's chromium): the simulator runs in
 * process on a free port (its `publicUrl` is that address, so the QR `url` opens its own payment page), next to a
 * tiny "merchant" site on another origin that receives the redirects. Screenshots of every page land in
 * test-artifacts/browser/ (gitignored).
 *
 * Without /usr/bin/chromium the suite is skipped locally, but fails under CI=true (`.ci/run` installs it).
 */
import { HttpServer } from "@effect/platform"
import { NodeHttpClient } from "@effect/platform-node"
import { assert, describe, layer } from "@effect/vitest"
import { Codes, Flows, PayPayClient, Users } from "@paypay-effect/sdk"
import * as Server from "@paypay-effect/simulator/Server"
import * as Simulator from "@paypay-effect/simulator/Simulator"
import * as SimulatorConfig from "@paypay-effect/simulator/SimulatorConfig"
import { Context, Effect, Layer, Redacted } from "effect"
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs"
import { createServer, type Server as HttpNodeServer } from "node:http"
import type { AddressInfo } from "node:net"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { type BrowserContext, chromium, type Page } from "playwright-core"

const CHROMIUM = "/usr/bin/chromium"
const IN_CI = process.env.CI !== undefined && process.env.CI !== "" && process.env.CI !== "false"
const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), "../../../test-artifacts/browser")
const XSS = "<script>window.__pwned=1</script>"
const yen = (amount: number) => ({ amount, currency: "JPY" as const })

// ====== The merchant's site (another origin) ======

class Merchant extends Context.Tag("test/Merchant")<Merchant, { readonly origin: string }>() {}

const merchantPage = (title: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head>` +
  `<body style="font:18px system-ui;padding:40px"><h1 id="merchant-page">${title}</h1>` +
  `<p>Back at the merchant.</p><code id="query" style="word-break:break-all"></code>` +
  `<script>document.getElementById("query").textContent = location.search</script></body></html>`

const listen = (server: HttpNodeServer) =>
  Effect.async<number>((resume) => {
    server.listen(0, "127.0.0.1", () => resume(Effect.succeed((server.address() as AddressInfo).port)))
  })

const MerchantLive = Layer.scoped(
  Merchant,
  Effect.gen(function* () {
    const server = createServer((request, response) => {
      const path = new URL(request.url ?? "/", "http://merchant").pathname
      const title = path === "/thanks" ? "Thanks for your order" : path === "/linked" ? "Account linked" : "Shop"
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(merchantPage(title))
    })
    const port = yield* Effect.acquireRelease(listen(server), () =>
      Effect.async<void>((resume) => {
        server.closeAllConnections()
        server.close(() => resume(Effect.void))
      })
    )
    return { origin: `http://127.0.0.1:${port}` }
  })
)

// ====== The simulator, on a free port, with CORS for the merchant's origin ======

const freePort = Effect.async<number>((resume) => {
  const probe = createServer()
  probe.listen(0, "127.0.0.1", () => {
    const port = (probe.address() as AddressInfo).port
    probe.close(() => resume(Effect.succeed(port)))
  })
})

const SimulatorLive = Layer.unwrapEffect(
  Effect.gen(function* () {
    const merchant = yield* Merchant
    const port = yield* freePort
    return Server.layer({ port }).pipe(
      Layer.provideMerge(Simulator.layer({ publicUrl: `http://127.0.0.1:${port}`, corsOrigins: [merchant.origin] }))
    )
  })
)

const SdkLive = Layer.unwrapEffect(
  HttpServer.addressFormattedWith((baseUrl) =>
    Effect.succeed(
      PayPayClient.layer({
        apiKey: SimulatorConfig.defaultCredential.apiKey,
        apiSecret: Redacted.make(SimulatorConfig.defaultCredential.apiSecret),
        merchantId: SimulatorConfig.defaultMerchantId,
        baseUrl
      })
    )
  )
).pipe(Layer.provide(NodeHttpClient.layerUndici))

// ====== The browser ======

class Browser extends Context.Tag("test/Browser")<Browser, BrowserContext>() {}

const BrowserLive = Layer.scoped(
  Browser,
  Effect.gen(function* () {
    if (!existsSync(CHROMIUM)) {
      return yield* Effect.dieMessage(
        `${CHROMIUM} is missing: browser tests must run under CI (apt-get install chromium)`
      )
    }
    mkdirSync(ARTIFACTS, { recursive: true })
    const profile = mkdtempSync(join(tmpdir(), "pw-profile-"))
    return yield* Effect.acquireRelease(
      Effect.promise(() =>
        chromium.launchPersistentContext(profile, {
          executablePath: CHROMIUM,
          headless: true,
          args: [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync"
          ]
        })
      ),
      (context) =>
        Effect.promise(() => context.close()).pipe(
          Effect.ensuring(Effect.sync(() => rmSync(profile, { recursive: true, force: true })))
        )
    )
  })
)

const withPage = <A, E, R>(use: (page: Page) => Effect.Effect<A, E, R>) =>
  Effect.acquireUseRelease(
    Effect.flatMap(Browser, (browser) => Effect.promise(() => browser.newPage())),
    use,
    (page) => Effect.promise(() => page.close())
  )

const browse = <A>(run: () => Promise<A>) => Effect.promise(run)

const screenshot = (page: Page, name: string) =>
  browse(() => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true }))

const pwned = (page: Page) => browse(() => page.evaluate(() => (window as { __pwned?: unknown }).__pwned))

const simulatorUrl = HttpServer.addressFormattedWith(Effect.succeed)

const Env = Layer.mergeAll(SdkLive, BrowserLive).pipe(
  Layer.provideMerge(SimulatorLive),
  Layer.provideMerge(MerchantLive)
)

// ====== Journeys ======

const checkoutId = `browser-${crypto.randomUUID()}`
let linkedUser = ""

describe.skipIf(!existsSync(CHROMIUM) && !IN_CI)("browser journeys", () => {
  layer(Env, { excludeTestServices: true, timeout: "60 seconds" })("simulator dev server", (it) => {
    it.effect("QR checkout: create via the SDK → payment page → pay → merchant's redirectUrl → COMPLETED", () =>
      Effect.gen(function* () {
        const merchant = yield* Merchant
        const base = yield* simulatorUrl
        const code = yield* Codes.create({
          merchantPaymentId: checkoutId,
          amount: yen(1500),
          orderDescription: XSS,
          orderItems: [
            { name: "Matcha latte", quantity: 2, unitPrice: yen(500) },
            { name: "Dorayaki <b>", quantity: 1, unitPrice: yen(500) }
          ],
          redirectUrl: `${merchant.origin}/thanks?order=${checkoutId}`,
          redirectType: "WEB_LINK"
        })
        assert.isTrue(code.url.startsWith(`${base}/pay/`))
        yield* withPage((page) =>
          Effect.gen(function* () {
            const response = yield* browse(() => page.goto(code.url))
            assert.strictEqual(response?.status(), 200)
            assert.strictEqual(yield* browse(() => page.textContent("#amount")), "¥1,500")
            assert.strictEqual(yield* browse(() => page.textContent("#description")), XSS)
            assert.include(yield* browse(() => page.textContent("#items")), "Dorayaki <b>")
            assert.isTrue(yield* browse(() => page.isVisible("#qr svg")))
            assert.isUndefined(yield* pwned(page))
            yield* screenshot(page, "1-payment-page")
            yield* browse(() =>
              Promise.all([page.waitForURL(`${merchant.origin}/thanks**`), page.click("button[value=pay]")])
            )
            assert.strictEqual(yield* browse(() => page.textContent("#merchant-page")), "Thanks for your order")
            assert.include(page.url(), `order=${checkoutId}`)
            yield* screenshot(page, "2-merchant-thanks")
          })
        )
        const payment = yield* Codes.getPayment(checkoutId)
        assert.strictEqual(payment.status, "COMPLETED")
      })
    )

    it.effect("an expired code shows PayPay's error screen", () =>
      Effect.gen(function* () {
        const code = yield* Codes.create({ merchantPaymentId: `browser-${crypto.randomUUID()}`, amount: yen(300) })
        yield* withPage((page) =>
          Effect.gen(function* () {
            yield* browse(() => page.goto(code.url))
            yield* browse(() => Promise.all([page.waitForURL(code.url), page.click("button[value=expire]")]))
            assert.strictEqual(yield* browse(() => page.textContent("h1")), "QR code expired")
            yield* screenshot(page, "3-expired-code")
          })
        )
        assert.strictEqual((yield* Codes.getPayment(code.merchantPaymentId)).status, "CREATED")
      })
    )

    it.effect("account link: authorization page → consent → redirect with a responseToken the SDK verifies", () =>
      Effect.gen(function* () {
        const merchant = yield* Merchant
        const base = yield* simulatorUrl
        const start = yield* Flows.startUserLink(
          {
            iss: "Frontend Shop",
            scope: "direct_debit",
            redirectUrl: `${merchant.origin}/linked`,
            referenceId: "cust-7"
          },
          { authorizationBaseUrl: base }
        )
        assert.isTrue(start.url.startsWith(`${base}/app/opa/user_authorization?apiKey=`))
        const token = yield* withPage((page) =>
          Effect.gen(function* () {
            yield* browse(() => page.goto(start.url))
            assert.strictEqual(
              yield* browse(() => page.textContent("#requester")),
              "Frontend Shop wants to link your PayPay account"
            )
            yield* browse(() => page.fill("#balance", "25000"))
            yield* screenshot(page, "4-authorization-consent")
            yield* browse(() =>
              Promise.all([page.waitForURL(`${merchant.origin}/linked**`), page.click("button[value=allow]")])
            )
            yield* screenshot(page, "5-merchant-linked")
            return new URL(page.url()).searchParams.get("responseToken") ?? ""
          })
        )
        const linked = yield* Flows.finishUserLink(token, { nonce: start.nonce })
        assert.strictEqual(linked.referenceId, "cust-7")
        linkedUser = linked.userAuthorizationId

        const nonce = `qr-${crypto.randomUUID()}`
        const qr = yield* Users.createAccountLinkQrCode({
          scopes: ["direct_debit", "user_profile"],
          nonce,
          redirectUrl: `${merchant.origin}/linked`,
          referenceId: "cust-7"
        })
        const again = yield* withPage((page) =>
          Effect.gen(function* () {
            yield* browse(() => page.goto(qr.linkQRCodeURL))
            yield* browse(() => page.selectOption("#user", linkedUser))
            yield* screenshot(page, "6-link-qr-consent")
            yield* browse(() =>
              Promise.all([page.waitForURL(`${merchant.origin}/linked**`), page.click("button[value=allow]")])
            )
            return new URL(page.url()).searchParams.get("responseToken") ?? ""
          })
        )
        const relinked = yield* Flows.finishUserLink(again, { nonce })
        assert.strictEqual(relinked.userAuthorizationId, linkedUser)
      })
    )

    it.effect("the dashboard reflects both journeys, updates live and acts through the control API", () =>
      Effect.gen(function* () {
        const base = yield* simulatorUrl
        yield* withPage((page) =>
          Effect.gen(function* () {
            yield* browse(() => page.goto(`${base}/_dashboard`))
            yield* browse(() => page.locator("#deliveries").waitFor({ state: "attached" }))
            const paid = page.locator(`tr[data-payment="${checkoutId}"]`)
            yield* browse(() => paid.locator(".status", { hasText: "COMPLETED" }).waitFor())
            assert.strictEqual(yield* browse(() => paid.locator(".description").textContent()), XSS)
            yield* browse(() => page.locator(`tr[data-user="${linkedUser}"]`).waitFor())
            yield* browse(() => page.locator("#requests", { hasText: "POST /v2/codes" }).waitFor())
            assert.isUndefined(yield* pwned(page))

            const fresh = `browser-${crypto.randomUUID()}`
            yield* Codes.create({ merchantPaymentId: fresh, amount: yen(800), orderDescription: "Live row" })
            const row = page.locator(`tr[data-payment="${fresh}"]`)
            yield* browse(() => row.locator(".status", { hasText: "CREATED" }).waitFor())
            yield* screenshot(page, "7-dashboard")
            yield* browse(() => row.locator("button[data-action=Approve]").click())
            yield* browse(() => row.locator(".status", { hasText: "COMPLETED" }).waitFor())
            assert.strictEqual((yield* Codes.getPayment(fresh)).status, "COMPLETED")
          })
        )
      })
    )

    it.effect("CORS: a page on the merchant's origin calls the control API (preflighted)", () =>
      Effect.gen(function* () {
        const merchant = yield* Merchant
        const base = yield* simulatorUrl
        const answer = yield* withPage((page) =>
          Effect.gen(function* () {
            yield* browse(() => page.goto(`${merchant.origin}/shop`))
            return yield* browse(() =>
              page.evaluate(async (url) => {
                const response = await fetch(`${url}/_simulator/clock/advance`, {
                  method: "POST",
                  headers: { "content-type": "application/json" },
                  body: JSON.stringify({ seconds: 0 })
                })
                return { status: response.status, body: await response.json() }
              }, base)
            )
          })
        )
        assert.strictEqual(answer.status, 200)
        assert.isNumber(answer.body.now)
      })
    )
  })
})
