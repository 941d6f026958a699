/**
 * The dev server's help and argument checks: a `--help` that fits a screen (flags grouped; the details are in
 * docs/dev-server.md), plain text unless stdout is a terminal and `NO_COLOR` is unset, and argument errors that
 * name the flag, suggest the nearest one and end with the usage line. @effect/cli still parses the values and
 * reads the environment variables; this module only speaks to the user.
 *
 * Flags register themselves here when `Cli.options` is built (the helpers of `Cli.ts` call {@link register});
 * {@link groups} places them in the help. A flag that no group names is listed under "Other".
 *
 * @since 0.1.0
 */
import * as HelpDoc from "@effect/cli/HelpDoc"
import type * as ValidationError from "@effect/cli/ValidationError"

/**
 * What the help and the argument checks know about a flag.
 *
 * @since 0.1.0
 * @category Models
 */
export interface Flag {
  /** `--port` */
  readonly flag: string
  /** Placeholder of its value (`PORT`); absent for a switch. */
  readonly value?: string | undefined
  readonly kind: "text" | "integer" | "switch"
  /** The environment variable it falls back to. */
  readonly env?: string | undefined
  /** The full description (as @effect/cli shows it). */
  readonly description: string
}

const registry = new Map<string, Flag>()

/**
 * Records a flag for the help and the argument checks (called while `Cli.options` is built).
 *
 * @since 0.1.0
 * @category Constructors
 */
export const register = (flag: Flag): void => {
  registry.set(flag.flag, flag)
}

/**
 * Every registered flag, in registration order.
 *
 * @since 0.1.0
 * @category Models
 */
export const flags = (): ReadonlyArray<Flag> => [...registry.values()]

/**
 * The help's groups: each flag with the one-line summary the help shows (the default in parentheses).
 *
 * @since 0.1.0
 * @category Models
 */
export const groups: ReadonlyArray<{
  readonly title: string
  readonly flags: ReadonlyArray<readonly [flag: string, summary: string]>
}> = [
  {
    title: "Server",
    flags: [
      ["--port", "port; 0 = any free one (4010)"],
      ["--host", "interface to bind (127.0.0.1)"],
      ["--tls", "HTTPS, certificate made at start-up"],
      ["--cert", "HTTPS with this PEM certificate"],
      ["--key", "the PEM private key of --cert"],
      ["--public-url", "base of the URLs in answers"],
      ["--cors-origin", "browser origins allowed (a,b or *)"]
    ]
  },
  {
    title: "State",
    flags: [
      ["--db", "SQLite file kept across restarts"],
      ["--code-lifetime", "dynamic QR code lifetime (300)"]
    ]
  },
  {
    title: "Clients",
    flags: [
      ["--api-key", "API key to accept (sim_api_key)"],
      ["--api-secret", "its secret (the documented one)"],
      ["--merchant-id", "merchants the key may act for (a,b)"],
      ["--any-merchant", "accept any merchant id, each isolated"]
    ]
  },
  {
    title: "Control API, webhooks, output",
    flags: [
      ["--control-token", "require this token on /_simulator"],
      ["--allowed-host", "more Host names for /_simulator, pages"],
      ["--webhook-url", "default webhook endpoint"],
      ["--quiet", "no log line per request"]
    ]
  }
]

/**
 * The program's name in messages.
 *
 * @since 0.1.0
 * @category Constants
 */
export const NAME = "paypay-simulator"

/**
 * The one-line usage printed after an argument error.
 *
 * @since 0.1.0
 * @category Rendering
 */
export const usage = `usage: ${NAME} [--port PORT] [--host HOST] [--db FILE] [--tls] [flags…]   (${NAME} --help lists them)`

/**
 * Whether output may carry ANSI colours: stdout is a terminal and `NO_COLOR` is unset or empty (no-color.org).
 *
 * @since 0.1.0
 * @category Rendering
 */
export const colorful = (isTTY: boolean | undefined, env: { readonly NO_COLOR?: string | undefined }): boolean =>
  isTTY === true && (env.NO_COLOR === undefined || env.NO_COLOR === "")

const ESC = String.fromCharCode(27)
const ANSI_CODES = new RegExp(`${ESC}\\[[0-9;]*m`, "g")

const bold = (color: boolean) => (text: string) => (color ? `${ESC}[1m${text}${ESC}[22m` : text)

const SUMMARY_WIDTH = 36

const left = (name: string, flag: Flag | undefined) => `  ${name}${flag?.value === undefined ? "" : ` ${flag.value}`}`

const summaryOf = (text: string) => (text.length > SUMMARY_WIDTH ? `${text.slice(0, SUMMARY_WIDTH - 1)}…` : text)

/**
 * The `--help` text: one line per flag (flag, summary, environment variable), grouped; about 25 lines, under 100
 * columns.
 *
 * @since 0.1.0
 * @category Rendering
 */
export const help = (options: { readonly color: boolean }): string => {
  const title = bold(options.color)
  const listed = new Set(groups.flatMap((group) => group.flags.map(([name]) => name)))
  const others = flags().filter((flag) => !listed.has(flag.flag))
  const sections = [
    ...groups.map((group) => ({
      title: group.title,
      rows: group.flags.map(([name, summary]) => ({ name, summary, flag: registry.get(name) }))
    })),
    ...(others.length === 0
      ? []
      : [
          {
            title: "Other",
            rows: others.map((flag) => ({
              name: flag.flag,
              summary: (flag.description.split(/(?<=\.) /)[0] ?? "").replace(/\.$/, ""),
              flag: flag as Flag | undefined
            }))
          }
        ])
  ]
  const width = Math.max(...sections.flatMap((section) => section.rows.map((row) => left(row.name, row.flag).length)))
  const out = [
    `${title(NAME)}: a local PayPay Open Payment API sandbox, with a control API under /_simulator.`,
    `Usage: ${NAME} [flags]; each flag can also come from the environment variable on its right.`
  ]
  for (const section of sections) {
    out.push(title(section.title))
    for (const row of section.rows) {
      const env = row.flag?.env ?? ""
      out.push(
        `${left(row.name, row.flag).padEnd(width + 2)}${summaryOf(row.summary).padEnd(SUMMARY_WIDTH + 2)}${env}`.trimEnd()
      )
    }
  }
  out.push("  --help, --version")
  out.push("Defaults, details and examples: docs/dev-server.md")
  return out.join("\n")
}

/**
 * Edit distance between two strings (insertions, deletions, substitutions, adjacent swaps).
 *
 * @since 0.1.0
 * @category Utils
 */
export const distance = (a: string, b: string): number => {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0))
  )
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, rows[i - 2]![j - 2]! + 1)
      rows[i]![j] = best
    }
  }
  return rows[a.length]![b.length]!
}

const BUILT_IN = ["--help", "-h", "--version"]

/**
 * The known flag nearest to `name`, if one is near enough to be a likely typo.
 *
 * @since 0.1.0
 * @category Utils
 */
export const nearest = (name: string): string | undefined => {
  let best: string | undefined
  let score = Number.POSITIVE_INFINITY
  for (const candidate of [...registry.keys(), ...BUILT_IN]) {
    const d = distance(name, candidate)
    if (d < score) {
      best = candidate
      score = d
    }
  }
  return best !== undefined && score <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined
}

/**
 * What the command line asks for before any parsing: help, the version, or a run (possibly with an argument error).
 *
 * @since 0.1.0
 * @category Models
 */
export type Request =
  | { readonly _tag: "Help" }
  | { readonly _tag: "Version" }
  | { readonly _tag: "Run" }
  | { readonly _tag: "Invalid"; readonly message: string }

const INTEGER = /^-?\d+$/

/**
 * Checks the arguments (without the runtime and script of `process.argv`) against the registered flags: unknown
 * flags (with the nearest known one), flags without their value, integers that are not, stray arguments.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const check = (args: ReadonlyArray<string>): Request => {
  if (args.includes("--help") || args.includes("-h")) return { _tag: "Help" }
  if (args.includes("--version")) return { _tag: "Version" }
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    if (!arg.startsWith("-")) return { _tag: "Invalid", message: `unexpected argument '${arg}' (flags start with --)` }
    const eq = arg.indexOf("=")
    const name = eq === -1 ? arg : arg.slice(0, eq)
    const flag = registry.get(name)
    if (flag === undefined) {
      const guess = nearest(name)
      return {
        _tag: "Invalid",
        message: `unknown flag ${name}${guess === undefined ? "" : `; did you mean ${guess}?`}`
      }
    }
    if (flag.kind === "switch") {
      if (eq !== -1 && !["true", "false"].includes(arg.slice(eq + 1))) {
        return { _tag: "Invalid", message: `${name} takes no value (or =true / =false), got '${arg.slice(eq + 1)}'` }
      }
      continue
    }
    let value: string | undefined
    if (eq !== -1) value = arg.slice(eq + 1)
    else {
      const next = args[i + 1]
      if (next !== undefined && !(next.startsWith("--") || (next.startsWith("-") && !INTEGER.test(next)))) {
        value = next
        i++
      }
    }
    if (value === undefined || value === "") {
      return { _tag: "Invalid", message: `${name} needs a value: ${name} ${flag.value ?? "VALUE"}` }
    }
    if (flag.kind === "integer" && !INTEGER.test(value)) {
      return { _tag: "Invalid", message: `${name} takes a whole number, got '${value}'` }
    }
  }
  return { _tag: "Run" }
}

/**
 * One line from an @effect/cli validation error (its help document without ANSI codes and line breaks).
 *
 * @since 0.1.0
 * @category Rendering
 */
export const validationLine = (error: ValidationError.ValidationError): string => {
  const doc = "error" in error ? (error as { readonly error: HelpDoc.HelpDoc }).error : HelpDoc.empty
  const text = HelpDoc.toAnsiText(doc).replace(ANSI_CODES, "").replace(/\s+/g, " ").trim()
  return text === "" ? error._tag : text.replace(/ is not a integer/, " is not a whole number")
}
