/**
 * The hosted payment page behind a dynamic QR code's `url` (`/pay/{codeId}`, §B.2, §E.4): the merchant, amount,
 * order items and description, a scannable QR code of the url, and buttons to act as the PayPay user — pay (a
 * pre-auth code is authorized), decline, or let the code expire (the simulator clock moves past its expiry).
 * Paying and declining call the control API's own functions (`Control/PaymentHandlers.approve` / `decline`);
 * afterwards the browser is redirected (303) to the code's `redirectUrl`, like PayPay, else to a result page.
 * Expired, deleted and used codes show an error screen, as PayPay does.
 *
 * @since 0.1.0
 */
import type * as HttpRouter from "@effect/platform/HttpRouter"
import type * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import type * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as QRCode from "qrcode"
import * as Wire from "../Api/Wire.js"
import * as PaymentHandlers from "../Control/PaymentHandlers.js"
import * as Jst from "../Domain/Jst.js"
import * as Payment from "../Domain/Payment.js"
import * as RedirectUrl from "../Domain/RedirectUrl.js"
import { SimClock } from "../SimClock.js"
import type * as Simulator from "../Simulator.js"
import { SimulatorConfig } from "../SimulatorConfig.js"
import { PaymentStore } from "../Store/PaymentStore.js"
import { UserStore } from "../Store/UserStore.js"
import { safeHref } from "./escapeHtml.js"
import * as Form from "./Form.js"
import { html, raw } from "./Html.js"
import * as Layout from "./Layout.js"

type Handler = Effect.Effect<
  HttpServerResponse.HttpServerResponse,
  never,
  Simulator.Services | HttpServerRequest.HttpServerRequest | HttpRouter.RouteContext
>

const pagePath = (codeId: string) => `/pay/${encodeURIComponent(codeId)}`

const locate = (codeId: string) => Effect.orDie(Effect.flatMap(PaymentStore, (store) => store.locateByCodeId(codeId)))

const backToMerchant = (payment: Payment.Payment) => {
  const href = safeHref(payment.code?.redirectUrl)
  return href === undefined ? undefined : { href, label: "Return to the merchant" }
}

const notFound = (codeId: string) =>
  Layout.errorPage({
    status: 404,
    title: "QR code not found",
    message: "This QR code does not exist.",
    detail: `codeId ${codeId}`
  })

const usedMessage = (status: Payment.PaymentStatus): string => {
  switch (status) {
    case "COMPLETED":
    case "AUTHORIZED":
    case "REAUTHORIZING":
    case "REFUNDED":
      return "This QR code has already been paid."
    case "FAILED":
      return "This payment was declined or failed."
    default:
      return `This payment is ${status}.`
  }
}

const unusable = (payment: Payment.Payment, state: Payment.CodeState) => {
  const back = backToMerchant(payment)
  const detail = `Order ${payment.merchantPaymentId} · status ${payment.status}`
  switch (state) {
    case "expired":
      return Layout.errorPage({
        status: 410,
        title: "QR code expired",
        message: `This QR code expired at ${Jst.format(payment.code?.expiresAt ?? 0)}. Ask the merchant for a new one.`,
        detail,
        back
      })
    case "deleted":
      return Layout.errorPage({
        status: 410,
        title: "QR code canceled",
        message: "The merchant deleted this QR code.",
        detail,
        back
      })
    default:
      return Layout.errorPage({
        status: 409,
        title: "QR code already used",
        message: usedMessage(payment.status),
        detail,
        back
      })
  }
}

const itemsTable = (payment: Payment.Payment) =>
  payment.orderItems === undefined || payment.orderItems.length === 0
    ? ""
    : html`<table id="items">
<thead><tr><th>Item</th><th class="num">Qty</th><th class="num">Unit price</th><th class="num">Subtotal</th></tr></thead>
<tbody>${payment.orderItems.map(
        (
          item
        ) => html`<tr><td>${item.name}${item.category === undefined ? "" : html` <span class="muted">(${item.category})</span>`}</td>
<td class="num">${item.quantity}</td><td class="num">${Layout.yen(item.unitPrice.amount)}</td>
<td class="num">${Layout.yen(item.unitPrice.amount * item.quantity)}</td></tr>`
      )}</tbody>
</table>`

const payBody = (options: {
  readonly merchantId: string
  readonly payment: Payment.Payment
  readonly code: Payment.CodeInfo
  readonly now: number
  readonly url: string
  readonly deeplink: string
  readonly svg: string
  readonly users: ReadonlyArray<{ readonly userAuthorizationId: string; readonly balance: number }>
}) => {
  const { code, payment } = options
  const amount = Layout.yen(payment.amount.amount)
  return html`<section class="card" data-page="pay">
<p class="muted">Pay to</p>
<h1 id="merchant">${options.merchantId === "" ? "(no merchant id)" : options.merchantId}</h1>
${payment.storeInfo === undefined ? "" : html`<p class="muted" id="store">${payment.storeInfo}</p>`}
<div class="amount" id="amount">${amount}</div>
${code.isAuthorization ? html`<p><span class="status AUTHORIZED">pre-authorization</span> The amount is held; the merchant captures it later.</p>` : ""}
${payment.orderDescription === undefined ? "" : html`<p id="description">${payment.orderDescription}</p>`}
${itemsTable(payment)}
<p class="muted">Order <code>${payment.merchantPaymentId}</code> · expires ${Jst.format(code.expiresAt)} (in ${Math.max(0, code.expiresAt - options.now)} s)</p>
</section>
<section class="card">
<h2>Scan with PayPay</h2>
<div class="qr"><div id="qr">${raw(options.svg)}</div>
<div><p class="muted">Payment URL</p><p><code id="url">${options.url}</code></p>
<p class="muted">App deeplink</p><p><code>${options.deeplink}</code></p></div></div>
</section>
<section class="card">
<h2>Act as the PayPay user</h2>
<form method="post" action="${pagePath(code.codeId)}" class="actions">
<label for="user">Pay as</label>
<select name="user" id="user">
<option value="">Default test user (${PaymentHandlers.DEFAULT_USER_ID})</option>
${options.users
  .filter((user) => user.userAuthorizationId !== PaymentHandlers.DEFAULT_USER_ID)
  .map(
    (user) =>
      html`<option value="${user.userAuthorizationId}">${user.userAuthorizationId} — ${Layout.yen(user.balance)}</option>`
  )}
</select>
<button class="primary" name="action" value="pay">${code.isAuthorization ? "Authorize" : "Pay"} ${amount}</button>
<button name="action" value="decline">Decline</button>
<button name="action" value="expire" title="Moves the simulator clock past this code's expiry">Let it expire</button>
</form>
</section>`
}

/**
 * `GET /pay/{codeId}`: the payment page, or an error screen.
 *
 * @since 0.1.0
 * @category Handlers
 */
export const show: Handler = Effect.gen(function* () {
  const codeId = yield* Form.param("codeId")
  const found = yield* locate(codeId)
  if (Option.isNone(found)) return notFound(codeId)
  const { payment, tenant } = found.value
  const now = yield* Effect.flatMap(SimClock, (clock) => clock.nowSeconds)
  const state = Payment.codeState(payment, now)
  if (state !== "active" || payment.code === undefined) return unusable(payment, state)
  const config = yield* SimulatorConfig
  const { deeplink, url } = Wire.codeUrls(config.publicUrl, payment.code.codeId)
  const svg = yield* Effect.promise(() => QRCode.toString(url, { type: "svg", margin: 1, errorCorrectionLevel: "M" }))
  const users = yield* Effect.orDie(Effect.flatMap(UserStore, (store) => store.list(tenant)))
  return Layout.page({
    title: `Pay ${Layout.yen(payment.amount.amount)}`,
    body: payBody({
      merchantId: tenant.merchantId,
      payment,
      code: payment.code,
      now,
      url,
      deeplink,
      svg,
      users: users.filter((user) => user.status === "ACTIVE")
    })
  })
})

const afterwards = (payment: Payment.Payment, codeId: string) =>
  Layout.seeOther(
    RedirectUrl.target(payment.code?.redirectUrl, payment.code?.redirectType) ?? `${pagePath(codeId)}/result`
  )

/**
 * `POST /pay/{codeId}` (`action` = `pay` | `decline` | `expire`, `user` = a test user id or empty for the default
 * user): acts as the user, then redirects.
 *
 * @since 0.1.0
 * @category Handlers
 */
export const act: Handler = Effect.gen(function* () {
  const codeId = yield* Form.param("codeId")
  const form = yield* Form.body
  const found = yield* locate(codeId)
  if (Option.isNone(found)) return notFound(codeId)
  const { payment, tenant } = found.value
  const action = form("action")
  if (action === "expire") {
    const clock = yield* SimClock
    const now = yield* clock.nowSeconds
    if (Payment.codeState(payment, now) === "active") {
      yield* Effect.orDie(clock.advance(payment.code!.expiresAt - now + 1))
    }
    return Layout.seeOther(pagePath(codeId))
  }
  if (action !== "pay" && action !== "decline") {
    return Layout.errorPage({ status: 400, title: "Unknown action", message: "Choose pay, decline or expire." })
  }
  const outcome = yield* Effect.either(
    action === "pay"
      ? PaymentHandlers.approve(tenant, payment.merchantPaymentId, form("user"))
      : PaymentHandlers.decline(tenant, payment.merchantPaymentId)
  )
  if (outcome._tag === "Right") return afterwards(outcome.right, codeId)
  const now = yield* Effect.flatMap(SimClock, (clock) => clock.nowSeconds)
  const state = Payment.codeState(payment, now)
  if (state !== "active") return unusable(payment, state)
  const error = outcome.left
  return Layout.errorPage({
    status: 409,
    title: action === "pay" ? "Payment failed" : "Decline failed",
    message: error.message,
    detail: error._tag === "PaymentRejected" ? `${error.error} → ${error.code}` : error._tag,
    back: { href: pagePath(codeId), label: "Back to the payment" }
  })
})

const resultText = (payment: Payment.Payment): { readonly title: string; readonly ok: boolean } => {
  switch (payment.status) {
    case "COMPLETED":
      return { title: "Payment complete", ok: true }
    case "AUTHORIZED":
      return { title: "Payment authorized", ok: true }
    case "FAILED":
      return { title: "Payment declined", ok: false }
    default:
      return { title: `Payment ${payment.status}`, ok: false }
  }
}

/**
 * `GET /pay/{codeId}/result`: what happened, when the code has no `redirectUrl`.
 *
 * @since 0.1.0
 * @category Handlers
 */
export const result: Handler = Effect.gen(function* () {
  const codeId = yield* Form.param("codeId")
  const found = yield* locate(codeId)
  if (Option.isNone(found)) return notFound(codeId)
  const { payment, tenant } = found.value
  const text = resultText(payment)
  return Layout.page({
    title: text.title,
    body: html`<section class="card ${text.ok ? "ok" : "error"}" data-page="result">
<h1>${text.title}</h1>
<div class="amount">${Layout.yen(payment.amount.amount)}</div>
<p>To ${tenant.merchantId === "" ? "(no merchant id)" : tenant.merchantId} · order <code>${payment.merchantPaymentId}</code></p>
<p>Status <span class="status ${payment.status}" id="status">${payment.status}</span>
${payment.userAuthorizationId === undefined ? "" : html` · user <code>${payment.userAuthorizationId}</code>`}</p>
</section>`
  })
})
