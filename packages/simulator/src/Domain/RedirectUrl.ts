/**
 * Which `redirectUrl`s a browser may be sent to. PayPay sends the user back to the merchant's `redirectUrl` after a
 * payment or a consent (reference §B.2, §B.8, §E.4); a simulator that answers `303 Location: javascript:…` would
 * run merchant-supplied script on its own origin. So:
 *
 * - `WEB_LINK` (a browser page) must be `http:` or `https:` (reference §B.8: "for WEB_LINK must be HTTPS"; plain
 *   `http:` is kept for local development, an inference);
 * - `APP_DEEP_LINK` (or no `redirectType`) may use an app's own scheme, but never one that runs or embeds content in
 *   the browser or reads local files: {@link FORBIDDEN_SCHEMES} (an inference from what browsers do with these
 *   schemes; PayPay documents no list).
 *
 * The URL is read with the WHATWG URL parser browsers use (Node's `URL`), so case, leading spaces and control
 * characters and tabs or newlines inside the scheme (`JavaScript:`, ` javascript:`, `java\tscript:`) are normalised
 * exactly as a browser would before the scheme is checked. Pure: no Effect, no HTTP.
 *
 * @since 0.1.0
 */

/**
 * Schemes never accepted as a redirect target, whatever the `redirectType`.
 *
 * @since 0.1.0
 * @category Constants
 */
export const FORBIDDEN_SCHEMES: ReadonlyArray<string> = ["javascript:", "data:", "vbscript:", "file:"]

const WEB_SCHEMES: ReadonlyArray<string> = ["http:", "https:"]

/**
 * Why `redirectUrl` may not be used with `redirectType`, or `undefined` when it may.
 *
 * @since 0.1.0
 * @category Guards
 */
export const problem = (redirectUrl: string, redirectType?: string | undefined): string | undefined => {
  let url: URL
  try {
    url = new URL(redirectUrl)
  } catch {
    return "must be an absolute URL"
  }
  if (redirectType === "WEB_LINK" && !WEB_SCHEMES.includes(url.protocol)) {
    return `must be an http(s) URL for WEB_LINK, not ${url.protocol}`
  }
  if (FORBIDDEN_SCHEMES.includes(url.protocol)) return `the ${url.protocol} scheme is not allowed`
  return undefined
}

/**
 * The URL a page may send the browser to for `redirectUrl` (normalised, as a browser would read it), or
 * `undefined` when it must not redirect there.
 *
 * @since 0.1.0
 * @category Guards
 */
export const target = (redirectUrl: string | undefined, redirectType?: string | undefined): string | undefined =>
  redirectUrl === undefined || problem(redirectUrl, redirectType) !== undefined ? undefined : new URL(redirectUrl).href
