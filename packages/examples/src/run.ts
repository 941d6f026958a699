/**
 * `pnpm example <name>`: runs one example (`pnpm example` lists them).
 */
import { Console, Effect } from "effect"
import { examples } from "./examples.js"
import { main } from "./Runtime.js"

const name = process.argv[2]
const example = name === undefined ? undefined : examples[name]
if (example === undefined) {
  console.log(
    `usage: pnpm example <name>\n\n${Object.entries(examples)
      .map(([n, e]) => `  ${n.padEnd(22)} ${e.title}`)
      .join("\n")}`
  )
  process.exitCode = name === undefined ? 0 : 1
} else {
  main(Effect.zipRight(Console.log(`${example.title}\n`), example.program))
}
