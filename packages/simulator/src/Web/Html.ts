/**
 * A tiny HTML template: `html\`<p>${value}</p>\`` escapes every interpolated value with `escapeHtml` unless it is
 * already {@link Html} (a nested template or {@link raw} markup), so a page is safe by default. Arrays are joined;
 * `undefined`, `null` and `false` render nothing.
 *
 * @since 0.1.0
 */
import { escapeHtml } from "./escapeHtml.js"

/**
 * Markup that is already safe (built by {@link html} or marked with {@link raw}).
 *
 * @since 0.1.0
 * @category Models
 */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value
  }
}

/**
 * Trusted markup, inserted as-is (only for markup the simulator generates itself, e.g. the QR code's SVG).
 *
 * @since 0.1.0
 * @category Constructors
 */
export const raw = (markup: string): Html => new Html(markup)

const fragment = (value: unknown): string => {
  if (value instanceof Html) return value.value
  if (Array.isArray(value)) return value.map(fragment).join("")
  if (value === undefined || value === null || value === false) return ""
  return escapeHtml(value)
}

/**
 * The template tag: literal parts as written, interpolations escaped.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const html = (strings: TemplateStringsArray, ...values: ReadonlyArray<unknown>): Html =>
  new Html(strings.reduce((out, part, i) => out + part + (i < values.length ? fragment(values[i]) : ""), ""))
