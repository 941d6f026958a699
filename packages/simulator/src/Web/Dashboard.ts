/**
 * The live dashboard (`/_dashboard`): payments, refunds, test users and the request journal of one merchant
 * (merchant chooser), refreshed every second, with the control API's actions — approve / decline a payment,
 * advance the clock, create a test user, reset the merchant. The page is a shell; its script
 * (`Web/dashboardScript.ts`) reads and acts through the control API, so UI and API cannot drift. With a control
 * token configured, the page asks for it and sends it as `X-Simulator-Token`.
 *
 * @since 0.1.0
 */
import type * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import type * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Effect from "effect/Effect"
import { PREFIX } from "../Control/ControlApi.js"
import { defaultMerchantId } from "../SimulatorConfig.js"
import { dashboardScript } from "./dashboardScript.js"
import { html } from "./Html.js"
import * as Layout from "./Layout.js"

/**
 * Where the dashboard is served.
 *
 * @since 0.1.0
 * @category Constants
 */
export const PATH = "/_dashboard"

const table = (id: string, headers: ReadonlyArray<string>) =>
  html`<table><thead><tr>${headers.map((h) => html`<th>${h}</th>`)}</tr></thead><tbody id="${id}"></tbody></table>`

const body = html`<div id="dashboard" data-control="${PREFIX}" data-default-merchant="${defaultMerchantId}">
<section class="card">
<div class="toolbar">
<h1 style="margin:0">Dashboard</h1>
<label for="merchant" style="margin:0">Merchant</label><select id="merchant"></select>
<form id="other-merchant" class="toolbar"><input id="other-merchant-id" placeholder="other merchant id" size="16"><button class="small">Show</button></form>
<span class="muted" id="updated">connecting…</span>
</div>
<div class="toolbar" style="margin-top:10px">
<span>Simulated time: <strong id="clock"></strong></span>
<form id="advance" class="toolbar"><input id="seconds" type="number" min="0" value="300" size="6"><button class="small">Advance clock (s)</button></form>
<button class="small" id="new-user">New test user</button>
<button class="small" id="reset">Reset merchant</button>
</div>
<form id="token-form" class="toolbar" hidden><label for="token">Control token</label><input id="token" type="password"><button class="small">Use token</button></form>
<p class="muted" id="notice" role="status"></p>
</section>
<section class="card"><h2>Payments</h2>
${table("payments", ["merchantPaymentId", "Status", "Amount", "Description", "User", "Requested (JST)", "Act as the user"])}
</section>
<div class="grid">
<section class="card"><h2>Refunds</h2>${table("refunds", ["merchantRefundId", "Payment", "Status", "Amount", "Reason"])}</section>
<section class="card"><h2>Test users</h2>${table("users", ["userAuthorizationId", "Status", "Balance", "Scopes", "Reference ids"])}</section>
</div>
<section class="card"><h2>Webhook deliveries</h2>${table("deliveries", ["Time", "Event", "URL", "HTTP", "Latency", "Outcome"])}</section>
<section class="card"><h2>Requests</h2>${table("requests", ["Time", "Request", "Operation", "HTTP", "Result code", "Auth"])}</section>
</div>`

/**
 * `GET /_dashboard`.
 *
 * @since 0.1.0
 * @category Handlers
 */
export const show: Effect.Effect<HttpServerResponse.HttpServerResponse, never, HttpServerRequest.HttpServerRequest> =
  Effect.succeed(Layout.page({ title: "Dashboard", body, wide: true, script: dashboardScript }))
