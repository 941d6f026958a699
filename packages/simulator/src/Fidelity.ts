/**
 * The fidelity ledger: every behaviour rule of the simulator (a state transition, a limit, a window, the code for
 * a situation, a field shape) with an id, where it comes from and how sure that is:
 *
 * - `verified`: a source says so (PayPay's docs or FAQ, an official SDK's file, a GitHub issue);
 * - `conflicting`: sources disagree; the note says which one the simulator follows and why;
 * - `inferred`: no source decides it; the note says why the simulator behaves this way.
 *
 * The data is in `internal/ledger.ts`. Code that implements a rule names its id (`ledger: <id>` in a comment, or
 * `rule: "<id>"` on an `ApiFailure`); an error answered under an inferred rule says `[simulator, inferred]` in its
 * message. `docs/fidelity.md` is generated from this table ({@link render}; `pnpm --filter
 * @paypay-effect/simulator fidelity`), and a test fails when it is stale or when an id is unused or unknown.
 *
 * @since 0.1.0
 */
import { ledger } from "./internal/ledger.js"

/**
 * How well a rule is backed.
 *
 * @since 0.1.0
 * @category Models
 */
export type Standing = "verified" | "conflicting" | "inferred"

/**
 * One behaviour rule.
 *
 * @since 0.1.0
 * @category Models
 */
export interface Rule {
  readonly id: string
  /** The API family or concern, as the document groups rules. */
  readonly area: string
  /** What the simulator does. */
  readonly rule: string
  readonly standing: Standing
  /** Where it comes from: a PayPay doc page, an FAQ id, an SDK file, an issue; `reference §…` for our reference. */
  readonly sources: ReadonlyArray<string>
  /** For `conflicting`: which source is followed and why; for `inferred`: why this choice. */
  readonly note?: string | undefined
}

/**
 * Every rule, in the document's order.
 *
 * @since 0.1.0
 * @category Models
 */
export const rules: ReadonlyArray<Rule> = ledger

/**
 * The id of a rule in the ledger (an unknown id does not type-check).
 *
 * @since 0.1.0
 * @category Models
 */
export type RuleId = (typeof ledger)[number]["id"]

const byId: ReadonlyMap<string, Rule> = new Map(ledger.map((rule) => [rule.id, rule]))

/**
 * The rule with this id.
 *
 * @since 0.1.0
 * @category Accessors
 */
export const get = (id: RuleId): Rule => byId.get(id)!

/**
 * Whether `id` names a rule of the ledger.
 *
 * @since 0.1.0
 * @category Guards
 */
export const isRuleId = (id: string): id is RuleId => byId.has(id)

/**
 * The tag the simulator puts before its own diagnostics in `resultInfo.message`: `[simulator, inferred]` when the
 * behaviour follows an inferred rule, `[simulator]` otherwise.
 *
 * @since 0.1.0
 * @category Rendering
 */
export const tag = (id: RuleId | undefined): string =>
  id !== undefined && get(id).standing === "inferred" ? "[simulator, inferred]" : "[simulator]"

/**
 * Where a rule is explained: its anchor in `docs/fidelity.md`.
 *
 * @since 0.1.0
 * @category Rendering
 */
export const link = (id: RuleId): string => `docs/fidelity.md#${anchor(id)}`

const anchor = (id: string) => id.replace(/[^a-z0-9-]/g, "-")

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ")

const counts = (all: ReadonlyArray<Rule>) =>
  (["verified", "conflicting", "inferred"] as const).map(
    (standing) => `${all.filter((rule) => rule.standing === standing).length} ${standing}`
  )

/**
 * `docs/fidelity.md`: an introduction, then one table per area.
 *
 * @since 0.1.0
 * @category Rendering
 */
export const render = (all: ReadonlyArray<Rule> = rules): string => {
  const areas = [...new Set(all.map((rule) => rule.area))]
  const lines = [
    "<!-- Generated from packages/simulator/src/internal/ledger.ts by `pnpm --filter @paypay-effect/simulator fidelity`; do not edit. -->",
    "",
    "# Fidelity ledger: where each simulator behaviour comes from",
    "",
    "Every rule the simulator applies — a state transition, a limit, a window, the result code for a situation, a",
    "field shape — with its source and its standing:",
    "",
    "- **verified**: a source says so (PayPay's documentation or FAQ, an official SDK's file, a GitHub issue);",
    "- **conflicting**: sources disagree; the note says which one the simulator follows and why;",
    "- **inferred**: no source decides it; the note says why the simulator behaves this way. Errors answered under",
    "  an inferred rule say `[simulator, inferred]` in `resultInfo.message`.",
    "",
    "Short source names (JAVA, PY, NODE, PHP, GO-M, FAQ nnnn, DOC-…) are those of the project's PayPay reference;",
    "`#n` after a repository is its GitHub issue or pull request. What passes offline is only as certain as its",
    "rule: run your flows against PayPay's sandbox before a release.",
    "",
    `${all.length} rules: ${counts(all).join(", ")}.`,
    ""
  ]
  for (const area of areas) {
    lines.push(`## ${area}`, "", "| id | rule | standing | sources | note |", "|---|---|---|---|---|")
    for (const rule of all.filter((r) => r.area === area)) {
      lines.push(
        `| <a id="${anchor(rule.id)}"></a>\`${rule.id}\` | ${cell(rule.rule)} | ${rule.standing} | ` +
          `${cell(rule.sources.join("; "))} | ${cell(rule.note ?? "")} |`
      )
    }
    lines.push("")
  }
  return lines.join("\n")
}
