import { defineConfig } from "vitest/config"

// The SDK unit tests of the modules `stryker.config.mjs` mutates (STRYKER_PACKAGE=sdk).
export default defineConfig({
  test: {
    root: "./packages/sdk",
    include: [
      "test/PayPaySigner.test.ts",
      "test/PayPaySigner.official.test.ts",
      "test/request.test.ts",
      "test/Flows.test.ts"
    ],
    testTimeout: 30_000
  }
})
