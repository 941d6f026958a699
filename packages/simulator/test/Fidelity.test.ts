import { assert, describe, it } from "@effect/vitest"
import { readdirSync, readFileSync } from "node:fs"
import { join, relative } from "node:path"
import { fileURLToPath } from "node:url"
import * as Fidelity from "../src/Fidelity.js"

const src = fileURLToPath(new URL("../src", import.meta.url))
const doc = fileURLToPath(new URL("../../../docs/fidelity.md", import.meta.url))

const sources = (dir: string): ReadonlyArray<string> =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith(".ts") ? [join(dir, entry.name)] : []
  )

const ID = "[a-z][a-z0-9-]*(?:\\.[a-z0-9-]+)+"
/** Spaces, or a line break inside a comment (`\n * `). */
const GAP = "[\\s*]*"

/** Every ledger id the simulator's code names: `ledger: <id>[, <id>…]` markers and quoted ids of typed references. */
const references = () => {
  const found = new Map<string, Set<string>>()
  const note = (id: string, file: string) => found.set(id, (found.get(id) ?? new Set()).add(relative(src, file)))
  for (const file of sources(src)) {
    if (file.endsWith(join("internal", "ledger.ts"))) continue
    const text = readFileSync(file, "utf8")
    for (const marker of text.matchAll(new RegExp(`ledger:${GAP}(${ID}(?:${GAP},${GAP}${ID})*)`, "g"))) {
      for (const id of marker[1]!.split(",")) note(id.replace(/[\s*]/g, ""), file)
    }
    for (const quoted of text.matchAll(new RegExp(`"(${ID})"`, "g"))) {
      if (Fidelity.isRuleId(quoted[1]!)) note(quoted[1]!, file)
    }
  }
  return found
}

describe("fidelity ledger", () => {
  it("docs/fidelity.md is generated from the ledger (run `pnpm --filter @paypay-effect/simulator fidelity`)", () => {
    assert.strictEqual(readFileSync(doc, "utf8"), Fidelity.render())
  })

  it("every rule has a unique id, an area, a text, a source or a note, and a note unless verified", () => {
    const ids = Fidelity.rules.map((rule) => rule.id)
    assert.strictEqual(new Set(ids).size, ids.length)
    for (const rule of Fidelity.rules) {
      assert.match(rule.id, new RegExp(`^${ID}$`), rule.id)
      assert.isTrue(rule.area.length > 0 && rule.rule.length > 0, rule.id)
      assert.isTrue(rule.sources.length > 0 || rule.standing === "inferred", `${rule.id} has no source`)
      if (rule.standing !== "verified") assert.isTrue((rule.note ?? "").length > 0, `${rule.id} needs a note`)
    }
  })

  it("every rule is named in the simulator's code, and the code names no unknown rule", () => {
    const found = references()
    const unknown = [...found.keys()].filter((id) => !Fidelity.isRuleId(id))
    assert.deepStrictEqual(
      unknown.map((id) => `${id} (${[...found.get(id)!].join(", ")})`),
      [],
      "unknown ledger ids in src"
    )
    const unused = Fidelity.rules.map((rule) => rule.id).filter((id) => !found.has(id))
    assert.deepStrictEqual(unused, [], "ledger ids no code names")
  })

  it("an inferred rule's failure says [simulator, inferred] and links its entry; others say [simulator]", () => {
    assert.strictEqual(Fidelity.tag("refund.details-payment-id-code"), "[simulator, inferred]")
    assert.strictEqual(Fidelity.tag("refund.merchant-payment-id"), "[simulator]")
    assert.strictEqual(Fidelity.tag(undefined), "[simulator]")
    assert.strictEqual(Fidelity.link("auth.merchant"), "docs/fidelity.md#auth-merchant")
    assert.include(Fidelity.render(), '<a id="auth-merchant"></a>`auth.merchant`')
  })
})
