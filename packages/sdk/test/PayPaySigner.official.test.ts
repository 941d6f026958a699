/**
 * Property test: our `header` agrees byte for byte with the official `@paypayopa/paypayopa-sdk-node@2.2.0`.
 *
 * The official SDK signs in the private `createAuthHeader(method, resourceUrl, body)`, which draws its own
 * nonce (`uuid.v4()`) and epoch (`Date.now()`). No hooks are needed: we call it on a real `PayPayRestSDK`
 * instance configured with random credentials, read the nonce and epoch back out of the header it returns,
 * and sign the same request with them. As in the SDK's own `paypaySetupOptions`, the official call receives the
 * path without its query string and the method in upper case; ours receives the full path (query included) and
 * the method in random case, since our signer strips and upper-cases itself (§A.3). The official SDK sends
 * `Content-Type: application/json` and `JSON.stringify(body)` for bodies, and signs `empty` without one (§A.2).
 */
import * as PayPaySigner from "@paypay-effect/sdk/PayPaySigner"
import { assert, describe, it } from "@effect/vitest"
import PayPay from "@paypayopa/paypayopa-sdk-node"
import { Either, FastCheck as fc } from "effect"

type CreateAuthHeader = (method: string, resourceUrl: string, body: unknown) => string

const officialHeader = (apiKey: string, apiSecret: string, method: string, path: string, body: unknown): string => {
  const sdk = new PayPay.PayPayRestSDK()
  sdk.configure({ clientId: apiKey, clientSecret: apiSecret, merchantId: "123456789012345678", env: "STAGING" })
  const createAuthHeader = (sdk as unknown as { readonly createAuthHeader: CreateAuthHeader }).createAuthHeader
  return createAuthHeader(method, path.split("?")[0]!, body)
}

const alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
const chars = (alphabet: string) => fc.constantFrom(...alphabet.split(""))
const word = (alphabet: string, minLength: number, maxLength: number) =>
  fc.array(chars(alphabet), { minLength, maxLength }).map((cs) => cs.join(""))

const apiKey = word(`${alnum}_-`, 1, 24)
const apiSecret = fc.oneof(
  word(`${alnum}/+=`, 1, 64),
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 24 }),
  fc.constant("SECRETEXAMPLE/abc+123=")
)
const method = fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE")
const segment = word(`${alnum}-_.~`, 1, 16)
const query = fc
  .array(fc.tuple(word(alnum, 1, 10), word(`${alnum}-_%`, 0, 12)), { minLength: 1, maxLength: 3 })
  .map((pairs) => `?${pairs.map(([k, v]) => `${k}=${v}`).join("&")}`)
const path = fc
  .tuple(
    fc.constantFrom("/v1", "/v2", "/v4", "/v6"),
    fc.array(segment, { minLength: 0, maxLength: 4 }),
    fc.option(query, { nil: undefined })
  )
  .map(([version, segments, q]) => `${[version, ...segments].join("/")}${q ?? ""}`)
const jsonBody = fc.dictionary(fc.string({ unit: "grapheme", maxLength: 12 }), fc.jsonValue({ maxDepth: 3 }), {
  maxKeys: 6
})
const body = fc.option(jsonBody, { nil: undefined })
const randomCase = fc.boolean()

describe("PayPaySigner vs the official Node SDK 2.2.0", () => {
  it("sanity: the official SDK reproduces its own V6 vector shape", () => {
    const official = officialHeader("a_KEYEXAMPLE01", "SECRETEXAMPLE/abc+123=", "POST", "/v2/codes", { a: 1 })
    const parsed = Either.getOrThrow(PayPaySigner.parse(official))
    assert.strictEqual(parsed.bodyHash, "V2JK2tb0qFf+FUHdRzxwaw==")
    assert.match(parsed.nonce, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  })

  it.prop(
    "header(...) equals createAuthHeader(...) for the same nonce and epoch",
    { apiKey, apiSecret, method, path, body, randomCase },
    (input) => {
      const official = officialHeader(input.apiKey, input.apiSecret, input.method, input.path, input.body ?? null)
      const fields = official.slice("hmac OPA-Auth:".length).split(":")
      assert.strictEqual(fields.length, 5, official)
      const [, , nonce, epoch] = fields as [string, string, string, string, string]
      const json = input.body === undefined ? undefined : JSON.stringify(input.body)
      const ours = PayPaySigner.header(
        { apiKey: input.apiKey, apiSecret: input.apiSecret },
        {
          method: input.randomCase ? input.method.toLowerCase() : input.method,
          path: input.path,
          contentType: json === undefined ? undefined : "application/json",
          body: json
        },
        nonce,
        epoch
      )
      assert.strictEqual(ours, official)
      const verified = PayPaySigner.verify({
        authorization: official,
        method: input.method,
        path: input.path,
        contentType: json === undefined ? undefined : "application/json",
        body: json,
        secretFor: (key) => (key === input.apiKey ? input.apiSecret : undefined),
        nowSeconds: Number(epoch)
      })
      assert.isTrue(Either.isRight(verified))
    },
    { fastCheck: { numRuns: 300 } }
  )
})
