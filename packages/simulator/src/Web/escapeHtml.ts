/**
 * Escaping for the hosted pages. Every value a merchant (or a tester) supplied — order descriptions, item names,
 * ids, redirect URLs — goes through {@link escapeHtml} before it reaches a page; Effect's `Template` does not
 * escape (style guide §7.8 "Web pages").
 *
 * @since 0.1.0
 */

const replacements: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
  "`": "&#96;"
}

/**
 * The text of `value` safe to place in HTML text and in quoted attribute values: `& < > " ' \`` become entities.
 * `null` and `undefined` become the empty string.
 *
 * @since 0.1.0
 * @category Utils
 */
export const escapeHtml = (value: unknown): string =>
  value === undefined || value === null ? "" : String(value).replace(/[&<>"'`]/g, (char) => replacements[char]!)

/**
 * `url` when it is an absolute `http:` or `https:` URL (safe as a link target), else `undefined`: a merchant's
 * `redirectUrl` of `javascript:…` must never become a clickable link.
 *
 * @since 0.1.0
 * @category Utils
 */
export const safeHref = (url: string | undefined): string | undefined => {
  if (url === undefined) return undefined
  try {
    const parsed = new URL(url)
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.toString() : undefined
  } catch {
    return undefined
  }
}
