// A CommonJS TypeScript file that imports the ESM-only SDK: TypeScript ≥ 5.8 under `module: nodenext` compiles it to
// `require()`, which Node ≥ 20.19 runs (cjs.cjs proves the runtime side). Type-checked by test/Packaging.test.ts.
import { PayPaySigner } from "@paypay-effect/sdk"
import * as Codes from "@paypay-effect/sdk/Codes"

export const header: string = PayPaySigner.header(
  { apiKey: "key", apiSecret: "secret" },
  { method: "GET", path: "/" },
  "n",
  1
)
export const create: typeof Codes.create = Codes.create
