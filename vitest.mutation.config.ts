import { defineConfig } from "vitest/config"

// The tests of the modules `stryker.config.mjs` mutates (and only those, to keep a mutation run within hours).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "sdk",
          root: "./packages/sdk",
          include: [
            "test/PayPaySigner.test.ts",
            "test/PayPaySigner.official.test.ts",
            "test/request.test.ts",
            "test/Flows.test.ts",
            "test/Endpoints.test.ts"
          ],
          testTimeout: 30_000
        }
      },
      {
        test: {
          name: "simulator",
          root: "./packages/simulator",
          include: [
            "test/Domain.*.test.ts",
            "test/Jst.test.ts",
            "test/Tamper.test.ts",
            "test/PaymentStore.test.ts",
            "test/Store.Debits.test.ts",
            "test/Transactions.test.ts",
            "test/e2e.Payments.test.ts",
            "test/e2e.Preauth.test.ts",
            "test/e2e.PendingPayments.test.ts",
            "test/reliability/Concurrency.test.ts"
          ],
          testTimeout: 30_000,
          hookTimeout: 30_000
        }
      }
    ]
  }
})
