/**
 * The frame of every hosted page (a "PayPay simulator" bar, the inlined stylesheet) and the HTML responses built
 * from it.
 *
 * @since 0.1.0
 */
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as RedirectUrl from "../Domain/RedirectUrl.js"
import { type Html, html, raw } from "./Html.js"
import { stylesheet } from "./style.js"

/**
 * @since 0.1.0
 * @category Models
 */
export interface PageOptions {
  readonly title: string
  readonly body: Html
  /** HTTP status (default 200). */
  readonly status?: number | undefined
  /** Wider main column (the dashboard). */
  readonly wide?: boolean | undefined
  /** A script inlined at the end of the body (simulator-generated only). */
  readonly script?: string | undefined
}

/**
 * A whole HTML document.
 *
 * @since 0.1.0
 * @category Rendering
 */
export const document = (options: PageOptions): Html =>
  html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${options.title} · PayPay simulator</title>
<style>${raw(stylesheet)}</style>
</head>
<body>
<header class="bar"><strong>PayPay</strong><span class="tag">simulator</span></header>
<main class="${options.wide === true ? "wide" : ""}">
${options.body}
</main>
${options.script === undefined ? "" : html`<script>${raw(options.script)}</script>`}
</body>
</html>
`

/**
 * A page as an HTML response.
 *
 * @since 0.1.0
 * @category Rendering
 */
export const page = (options: PageOptions): HttpServerResponse.HttpServerResponse =>
  HttpServerResponse.text(document(options).value, {
    status: options.status ?? 200,
    contentType: "text/html; charset=utf-8",
    headers: { "cache-control": "no-store" }
  })

/**
 * An error screen (PayPay shows one for expired, paid or unknown codes, §E.4), with an optional way back to the
 * merchant.
 *
 * @since 0.1.0
 * @category Rendering
 */
export const errorPage = (options: {
  readonly status: number
  readonly title: string
  readonly message: string
  readonly detail?: string | undefined
  readonly back?: { readonly href: string; readonly label: string } | undefined
}): HttpServerResponse.HttpServerResponse =>
  page({
    status: options.status,
    title: options.title,
    body: html`<section class="card error" data-page="error">
<h1>${options.title}</h1>
<p>${options.message}</p>
${options.detail === undefined ? "" : html`<p class="muted">${options.detail}</p>`}
${options.back === undefined ? "" : html`<p><a class="button" href="${options.back.href}">${options.back.label}</a></p>`}
</section>`
  })

const isOwnPath = (location: string) => /^\/(?![/\\])/.test(location)

/**
 * `303 See Other` to `location` (after a form post, like PayPay's redirect to the merchant): one of the
 * simulator's own paths, or an absolute URL that `Domain/RedirectUrl.ts` allows, normalised as a browser reads it.
 * Any other target (`javascript:`, `data:`, … from a merchant's `redirectUrl`) gets an error page instead: no page
 * ever answers with such a `Location`.
 *
 * @since 0.1.0
 * @category Rendering
 */
export const seeOther = (location: string): HttpServerResponse.HttpServerResponse => {
  const target = isOwnPath(location) ? location : RedirectUrl.target(location)
  return target === undefined
    ? errorPage({
        status: 400,
        title: "Redirect refused",
        message: "The merchant's redirectUrl is not a web or app link the simulator will send a browser to."
      })
    : HttpServerResponse.redirect(target, { status: 303, headers: { "cache-control": "no-store" } })
}

/**
 * JPY as PayPay shows it: `¥1,234`.
 *
 * @since 0.1.0
 * @category Rendering
 */
export const yen = (amount: number): string => `¥${amount.toLocaleString("en-US")}`
