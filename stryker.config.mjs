// Mutation testing (`pnpm test:mutation`): StrykerJS with its vitest runner over the money, auth and retry rules —
// the simulator's Domain/, Auth.ts and the Store/ money paths, the SDK's signer, request pipeline and Flows — run
// against those modules' own tests (vitest.mutation.config.ts). Too slow for CI on two cores: run it before
// resolving an issue that touches these modules. Mutates in place (a pnpm workspace resolves the SDK through
// symlinks, so a sandbox copy would test the original files); run it on a clean checkout and let it finish.
/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  plugins: ["@stryker-mutator/vitest-runner"],
  vitest: { configFile: "vitest.mutation.config.ts" },
  inPlace: true,
  mutate: [
    "packages/simulator/src/Domain/**/*.ts",
    "packages/simulator/src/Auth.ts",
    "packages/simulator/src/Store/{PaymentStore,PaymentDoc,Debits,Captures,Transactions,Expiry}.ts",
    "packages/sdk/src/PayPaySigner.ts",
    "packages/sdk/src/internal/request.ts",
    "packages/sdk/src/Flows.ts"
  ],
  coverageAnalysis: "perTest",
  ignoreStatic: true,
  concurrency: Number(process.env.STRYKER_CONCURRENCY ?? 2),
  timeoutMS: 10_000,
  reporters: ["clear-text", "progress", "json", "html"],
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  htmlReporter: { fileName: "reports/mutation/mutation.html" },
  thresholds: { high: 90, low: 80, break: null },
  tempDirName: ".stryker-tmp"
}
