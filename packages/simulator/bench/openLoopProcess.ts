/**
 * The open-loop generator in a process of its own (forked by `simulator.ts`), so that its timer schedule is not
 * delayed by the driver's heap (autocannon's results, the SDK part): reads its options from the first argument
 * (JSON), sends the result back over IPC and exits.
 */
import { openLoop } from "./openLoop.js"

const options = JSON.parse(process.argv[2] ?? "{}") as Parameters<typeof openLoop>[0]

openLoop(options).then(
  (result) => process.send?.({ type: "openLoop", result }, () => process.exit(0)),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  }
)
