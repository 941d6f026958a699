// Mutation testing (`pnpm test:mutation`): StrykerJS with its vitest runner over the money, auth and retry rules,
// one package at a time (STRYKER_PACKAGE=sdk|simulator; the vitest runner activates mutants reliably only in a
// single-project config): the SDK's signer, request pipeline and Flows, then the simulator's Domain/, Auth.ts and
// Store/ money paths, each against its own unit tests (vitest.mutation.<package>.config.ts). Too slow for CI on two
// cores: run it before resolving an issue that touches these modules. Mutates in place (a pnpm workspace resolves
// the SDK through symlinks, so a sandbox copy would test the original files): run it on a clean checkout and let
// it finish (an interrupted run restores the files from .stryker-tmp/backup-*).
const only = process.env.STRYKER_MUTATE
const targets = {
  sdk: ["packages/sdk/src/PayPaySigner.ts", "packages/sdk/src/internal/request.ts", "packages/sdk/src/Flows.ts"],
  simulator: [
    "packages/simulator/src/Domain/**/*.ts",
    "packages/simulator/src/Auth.ts",
    "packages/simulator/src/Store/PaymentStore.ts",
    "packages/simulator/src/Store/PaymentDoc.ts",
    "packages/simulator/src/Store/Debits.ts",
    "packages/simulator/src/Store/Captures.ts",
    "packages/simulator/src/Store/Transactions.ts",
    "packages/simulator/src/Store/Expiry.ts"
  ]
}
const pkg = process.env.STRYKER_PACKAGE === "sdk" ? "sdk" : "simulator"

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  plugins: ["@stryker-mutator/vitest-runner"],
  vitest: { configFile: `vitest.mutation.${pkg}.config.ts` },
  inPlace: true,
  mutate: only === undefined ? targets[pkg] : only.split(","),
  coverageAnalysis: "perTest",
  ignoreStatic: true,
  concurrency: Number(process.env.STRYKER_CONCURRENCY ?? 2),
  timeoutMS: 10_000,
  reporters: ["clear-text", "progress", "json", "html"],
  jsonReporter: { fileName: `reports/mutation/${pkg}.json` },
  htmlReporter: { fileName: `reports/mutation/${pkg}.html` },
  thresholds: { high: 90, low: 80, break: null },
  tempDirName: ".stryker-tmp"
}
