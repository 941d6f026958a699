import { defineConfig } from "vitest/config"

// The simulator unit tests of the modules `stryker.config.mjs` mutates (no end-to-end or socket-load files: every
// mutant reruns the files that cover it, so these keep a run within hours on two cores).
export default defineConfig({
  test: {
    root: "./packages/simulator",
    include: [
      "test/Domain.*.test.ts",
      "test/Jst.test.ts",
      "test/Tamper.test.ts",
      "test/PaymentStore.test.ts",
      "test/Store.Debits.test.ts",
      "test/Transactions.test.ts"
    ],
    testTimeout: 30_000,
    hookTimeout: 30_000
  }
})
