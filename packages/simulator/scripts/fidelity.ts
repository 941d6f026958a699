/**
 * Writes docs/fidelity.md from the fidelity ledger (`src/Fidelity.ts`, data in `src/internal/ledger.ts`):
 * `pnpm --filter @paypay-effect/simulator fidelity`. `test/Fidelity.test.ts` fails when the file is stale.
 */
import { writeFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import * as Fidelity from "../src/Fidelity.js"

const target = fileURLToPath(new URL("../../../docs/fidelity.md", import.meta.url))
writeFileSync(target, Fidelity.render())
console.log(`wrote ${target} (${Fidelity.rules.length} rules)`)
