// CommonJS on plain Node (require of the ESM-only packages, Node >= 20.19, which fails on any top-level await):
// signs a request with a fixed nonce and epoch (the DOC-AUTH vector of the reference, §A.7), and once more
// through Effect; loads the simulator's root entry too. Prints one JSON line.
const { PayPaySigner } = require("@paypay-effect/sdk")
const Codes = require("@paypay-effect/sdk/Codes")
const { InProcess } = require("@paypay-effect/simulator")
const { Effect } = require("effect")

const fixed = PayPaySigner.header(
  { apiKey: "APIKeyGenerated", apiSecret: "APIKeySecretGenerated" },
  {
    method: "POST",
    path: "/v2/codes",
    contentType: "application/json;charset=UTF-8;",
    body: '{"sampleRequestBodyKey1":"sampleRequestBodyValue1","sampleRequestBodyKey2":"sampleRequestBodyValue2"}'
  },
  "acd028",
  1579843452
)
const signed = Effect.runSync(
  PayPaySigner.sign({ apiKey: "key", apiSecret: "secret" }, { method: "GET", path: "/v2/payments/x" })
)
console.log(
  JSON.stringify({ fixed, signed, codesCreate: typeof Codes.create, inProcessLayerSdk: typeof InProcess.layerSdk })
)
