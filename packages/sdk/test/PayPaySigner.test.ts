import * as PayPaySigner from "@paypay-effect/sdk/PayPaySigner"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Either, Random, Redacted, TestClock } from "effect"
import { createHmac } from "node:crypto"

interface Vector {
  readonly name: string
  readonly apiKey: string
  readonly apiSecret: string
  readonly method: string
  readonly path: string
  readonly contentType?: string
  readonly body?: string
  readonly nonce: string
  readonly epoch: number
  readonly expected: string
}

const NODE_KEY = "a_KEYEXAMPLE01"
const NODE_SECRET = "SECRETEXAMPLE/abc+123=" // §A.7: contains "/", "+" and "=" and is used as-is

const FAQ_POST_BODY = [
  "{",
  `    "merchantPaymentId": "TEST_QR_Payment",`,
  `    "amount": {`,
  `        "amount":10,`,
  `        "currency": "JPY"`,
  "    },",
  `    "codeType": "ORDER_QR",`,
  `    "isAuthorization":false,`,
  `    "redirectUrl":"https://about.paypay.ne.jp/",`,
  `    "redirectType":"WEB_LINK"`,
  "}"
].join("\n")

const node = (v: Omit<Vector, "apiKey" | "apiSecret" | "epoch">): Vector => ({
  apiKey: NODE_KEY,
  apiSecret: NODE_SECRET,
  epoch: 1700000000,
  ...v
})

/** Every vector of §A.7 except GO-J, which is covered separately below. */
const vectors: ReadonlyArray<Vector> = [
  {
    name: "DOC-AUTH POST /v2/codes",
    apiKey: "APIKeyGenerated",
    apiSecret: "APIKeySecretGenerated",
    method: "POST",
    path: "/v2/codes",
    contentType: "application/json;charset=UTF-8;",
    body: `{"sampleRequestBodyKey1":"sampleRequestBodyValue1","sampleRequestBodyKey2":"sampleRequestBodyValue2"}`,
    nonce: "acd028",
    epoch: 1579843452,
    expected:
      "hmac OPA-Auth:APIKeyGenerated:NW1jKIMnzR7tEhMWtcJcaef+nFVBt7jjAGcVuxHhchc=:acd028:1579843452:1j0FnY4flNp5CtIKa7x9MQ=="
  },
  {
    name: "FAQ POST /v2/codes (pretty-printed body)",
    apiKey: "sample_key",
    apiSecret: "sample_secret",
    method: "POST",
    path: "/v2/codes",
    contentType: "application/json",
    body: FAQ_POST_BODY,
    nonce: "fedaa4",
    epoch: 1743138611,
    expected:
      "hmac OPA-Auth:sample_key:C2a7jD7OjL1DXnZhSYQfRI2Oxfdh43htV7pG8cwgCy4=:fedaa4:1743138611:T9wzkv1tUWIxzIHQUT7iDQ=="
  },
  {
    name: "FAQ GET /v2/payments/TEST_merchantPaymentID",
    apiKey: "sample_key",
    apiSecret: "sample_secret",
    method: "GET",
    path: "/v2/payments/TEST_merchantPaymentID",
    nonce: "a360e2",
    epoch: 1743139337,
    expected: "hmac OPA-Auth:sample_key:JbUZwAUKeQ+WDClEjkCGwYG/juFR+Dd5RK5AfL0gK9w=:a360e2:1743139337:empty"
  },
  node({
    name: "V1 NODE GET /v2/payments/mpid-0001",
    method: "GET",
    path: "/v2/payments/mpid-0001",
    nonce: "5f1c2b7e-9a1d-4c3e-8f00-aa11bb22cc33",
    expected:
      "hmac OPA-Auth:a_KEYEXAMPLE01:ZnfSvcKadjeIUt/bOiaIeRWmwEe9qdBiRoX5RX8tZ1k=:5f1c2b7e-9a1d-4c3e-8f00-aa11bb22cc33:1700000000:empty"
  }),
  node({
    name: "V2 NODE POST /v2/codes",
    method: "POST",
    path: "/v2/codes",
    contentType: "application/json",
    body:
      `{"merchantPaymentId":"mpid-0002","amount":{"amount":100,"currency":"JPY"},"codeType":"ORDER_QR",` +
      `"orderDescription":"test","requestedAt":1700000000}`,
    nonce: "0c5a6d2e-1111-4222-8333-444455556666",
    expected:
      "hmac OPA-Auth:a_KEYEXAMPLE01:UEIUl0tG9TheN+rCKcHqT73zL3ySLtu+vPHiJGVD98g=:0c5a6d2e-1111-4222-8333-444455556666:1700000000:U/oS7upma5nozjLeJyk+JA=="
  }),
  node({
    name: "V3 NODE DELETE /v2/codes/04-AbCdEf123456",
    method: "DELETE",
    path: "/v2/codes/04-AbCdEf123456",
    nonce: "deadbeef-0000-4000-8000-000000000003",
    expected:
      "hmac OPA-Auth:a_KEYEXAMPLE01:pYRFU5v6yviGcVDsCG7sEKHudRFw5AOjuJhOs1r+mFw=:deadbeef-0000-4000-8000-000000000003:1700000000:empty"
  }),
  node({
    name: "V4 NODE GET /v2/user/authorizations?userAuthorizationId=ua-xyz (query not signed)",
    method: "GET",
    path: "/v2/user/authorizations?userAuthorizationId=ua-xyz",
    nonce: "abcdef01-2345-4678-9abc-def012345678",
    expected:
      "hmac OPA-Auth:a_KEYEXAMPLE01:IPdtP6He3SmQbzNkmtpVpjShBe86gjOO/j7DUKF4Hsw=:abcdef01-2345-4678-9abc-def012345678:1700000000:empty"
  }),
  node({
    name: "V5 NODE POST /v2/payments?agreeSimilarTransaction=false (query not signed)",
    method: "POST",
    path: "/v2/payments?agreeSimilarTransaction=false",
    contentType: "application/json",
    body:
      `{"merchantPaymentId":"mpid-0005","userAuthorizationId":"ua-xyz",` +
      `"amount":{"amount":500,"currency":"JPY"},"requestedAt":1700000000}`,
    nonce: "11111111-2222-4333-8444-555555555555",
    expected:
      "hmac OPA-Auth:a_KEYEXAMPLE01:7XZJWXoyxlhkyYvaitAFqNN4X9PxdEXcz+kXc8v+fNE=:11111111-2222-4333-8444-555555555555:1700000000:SnxwhBXiMOSiZJrtALidqg=="
  }),
  node({
    name: "V6 NODE createAuthHeader POST /v2/codes {a:1}",
    method: "POST",
    path: "/v2/codes",
    contentType: "application/json",
    body: `{"a":1}`,
    nonce: "abcd1234",
    expected:
      "hmac OPA-Auth:a_KEYEXAMPLE01:bxg6Eo9BKwHAposdswZLVsoRK445ipZDrfTuhr9r99Y=:abcd1234:1700000000:V2JK2tb0qFf+FUHdRzxwaw=="
  }),
  node({
    name: "PY auth_header POST /v2/codes {a:1} (same as V6)",
    method: "post",
    path: "/v2/codes",
    contentType: "application/json",
    body: `{"a":1}`,
    nonce: "abcd1234",
    expected:
      "hmac OPA-Auth:a_KEYEXAMPLE01:bxg6Eo9BKwHAposdswZLVsoRK445ipZDrfTuhr9r99Y=:abcd1234:1700000000:V2JK2tb0qFf+FUHdRzxwaw=="
  }),
  node({
    name: "PY GET /v2/payments/mpid-0001 (Content-Type sent on GET, signed empty)",
    method: "GET",
    path: "/v2/payments/mpid-0001",
    contentType: "application/json;charset=UTF-8",
    nonce: "abcd1234",
    expected: "hmac OPA-Auth:a_KEYEXAMPLE01:2kzCha9ZzCMKvSB4bRdYIxnMbS59g/r5/yKumaToHVo=:abcd1234:1700000000:empty"
  }),
  node({
    name: "PY create_qr_code POST /v2/codes (json.dumps spacing)",
    method: "POST",
    path: "/v2/codes",
    contentType: "application/json;charset=UTF-8",
    body:
      `{"merchantPaymentId": "mpid-0002", "amount": {"amount": 100, "currency": "JPY"}, "codeType": "ORDER_QR", ` +
      `"orderDescription": "test", "requestedAt": 1700000000}`,
    nonce: "abcd1234",
    expected:
      "hmac OPA-Auth:a_KEYEXAMPLE01:nmnHP3klBCiQh6xuSiax4x/4N0etU5eHl6ysOUKd7wg=:abcd1234:1700000000:yO5EBLU0QQsm/lackE7h4A=="
  }),
  node({
    name: "PY delete_qr_code DELETE /v2/codes/04-AbCdEf123456 with body {}",
    method: "DELETE",
    path: "/v2/codes/04-AbCdEf123456",
    contentType: "application/json;charset=UTF-8",
    body: "{}",
    nonce: "abcd1234",
    expected:
      "hmac OPA-Auth:a_KEYEXAMPLE01:eBnep3quGdG7A3gzq98PpkSvXTWCMaR8cty7xHDoJTw=:abcd1234:1700000000:R8CL6EsFTy7CED21l55g3g=="
  })
]

const partsOf = (v: Vector): PayPaySigner.SignParts => ({
  method: v.method,
  path: v.path,
  contentType: v.contentType,
  body: v.body
})

const verifyVector = (v: Vector, overrides: Partial<PayPaySigner.VerifyOptions> = {}) =>
  PayPaySigner.verify({
    authorization: v.expected,
    method: v.method,
    path: v.path,
    contentType: v.contentType,
    body: v.body,
    secretFor: (key) => (key === v.apiKey ? v.apiSecret : undefined),
    nowSeconds: v.epoch,
    ...overrides
  })

/** Builds a header the way a buggy client would, from an explicit signed-string field list. */
const brokenClient = (v: Vector, fields: ReadonlyArray<string>, hash: string, epoch = String(v.epoch)): string => {
  const mac = createHmac("sha256", v.apiSecret).update(fields.join("\n")).digest("base64")
  return `hmac OPA-Auth:${v.apiKey}:${mac}:${v.nonce}:${epoch}:${hash}`
}

const expectMismatch = (
  result: Either.Either<PayPaySigner.Verified, PayPaySigner.SignatureMismatch>,
  part: PayPaySigner.MismatchPart
): PayPaySigner.SignatureMismatch => {
  if (Either.isRight(result)) {
    assert.fail(`expected a "${part}" mismatch, but the request verified`)
  }
  assert.strictEqual(result.left.part, part, result.left.detail)
  return result.left
}

describe("PayPaySigner", () => {
  describe("known-answer vectors (§A.7)", () => {
    it.each(vectors)("$name", (v) => {
      const credentials = { apiKey: v.apiKey, apiSecret: v.apiSecret }
      assert.strictEqual(PayPaySigner.header(credentials, partsOf(v), v.nonce, v.epoch), v.expected)
      assert.strictEqual(
        PayPaySigner.header(
          { ...credentials, apiSecret: Redacted.make(v.apiSecret) },
          partsOf(v),
          v.nonce,
          String(v.epoch)
        ),
        v.expected
      )
      const verified = verifyVector(v)
      assert.deepStrictEqual(verified, Either.right({ apiKey: v.apiKey, nonce: v.nonce, epoch: v.epoch }))
    })

    it("DOC-AUTH body hash", () => {
      assert.strictEqual(
        PayPaySigner.bodyHash(
          "application/json;charset=UTF-8;",
          `{"sampleRequestBodyKey1":"sampleRequestBodyValue1","sampleRequestBodyKey2":"sampleRequestBodyValue2"}`
        ),
        "1j0FnY4flNp5CtIKa7x9MQ=="
      )
    })

    it("PY DELETE {} body hash, from bytes", () => {
      assert.strictEqual(
        PayPaySigner.bodyHash("application/json;charset=UTF-8", new TextEncoder().encode("{}")),
        "R8CL6EsFTy7CED21l55g3g=="
      )
    })

    it("signed string layout", () => {
      assert.strictEqual(
        PayPaySigner.signedString({ method: "get", path: "/v2/payments/x?a=1", nonce: "n", epoch: 1, body: "" }),
        "/v2/payments/x\nGET\nn\n1\nempty\nempty"
      )
      assert.strictEqual(
        PayPaySigner.signedString({
          method: "POST",
          path: "/v2/codes",
          contentType: "application/json",
          body: `{"a":1}`,
          nonce: "abcd1234",
          epoch: "1700000000"
        }),
        "/v2/codes\nPOST\nabcd1234\n1700000000\napplication/json\nV2JK2tb0qFf+FUHdRzxwaw=="
      )
    })

    // GO-J's own test signs the method as given ("get"); every official SDK signs it upper-cased (§A.3),
    // and so does this signer. The published MAC is therefore only reachable with a lower-case method:
    // the body hash matches, the upper-cased header differs, and verify() pins the difference on "method".
    const goj = {
      name: "GO-J request/auth_test.go",
      apiKey: "abc",
      apiSecret: "def",
      method: "get",
      path: "/",
      contentType: "application/json",
      body: `{"a":"test"}`,
      nonce: "a0dce033-4f5e-428b-b4d2-a8c167c1192e",
      epoch: 1598797689,
      expected:
        "hmac OPA-Auth:abc:4ecQ6PEHbkIW4XrIv1YNZpZqxZg1SmYa+B/OAWnF1lI=:a0dce033-4f5e-428b-b4d2-a8c167c1192e:1598797689:nDPsVlcbd45BVy/vgnhHJg=="
    } satisfies Vector

    it("GO-J vector: body hash reproduced", () => {
      assert.strictEqual(PayPaySigner.bodyHash(goj.contentType, goj.body), "nDPsVlcbd45BVy/vgnhHJg==")
    })

    it("GO-J vector: MAC was made over the lower-case method, which this signer upper-cases", () => {
      const ours = PayPaySigner.header(goj, partsOf(goj), goj.nonce, goj.epoch)
      assert.notStrictEqual(ours, goj.expected)
      assert.isTrue(ours.endsWith(":a0dce033-4f5e-428b-b4d2-a8c167c1192e:1598797689:nDPsVlcbd45BVy/vgnhHJg=="))
      const error = expectMismatch(verifyVector(goj), "method")
      assert.include(error.detail, `"get"`)
      assert.include(error.detail, "upper case")
    })
  })

  describe("sign", () => {
    const credentials = { apiKey: NODE_KEY, apiSecret: Redacted.make(NODE_SECRET) }
    const parts = { method: "POST", path: "/v2/codes", contentType: "application/json", body: `{"a":1}` }

    it.effect("is deterministic under TestClock and a seeded Random", () =>
      Effect.gen(function* () {
        yield* TestClock.setTime(1_700_000_000_999)
        const first = yield* PayPaySigner.sign(credentials, parts).pipe(Effect.withRandom(Random.make(42)))
        const second = yield* PayPaySigner.sign(credentials, parts).pipe(Effect.withRandom(Random.make(42)))
        const other = yield* PayPaySigner.sign(credentials, parts).pipe(Effect.withRandom(Random.make(7)))
        assert.strictEqual(first, second)
        assert.notStrictEqual(first, other)
        const parsed = Either.getOrThrow(PayPaySigner.parse(first))
        assert.match(parsed.nonce, /^[A-Za-z0-9]{8}$/)
        assert.strictEqual(parsed.epoch, "1700000000")
        assert.strictEqual(parsed.apiKey, NODE_KEY)
        assert.strictEqual(first, PayPaySigner.header(credentials, parts, parsed.nonce, 1700000000))
      })
    )

    it.effect("nonces are 8 chars of [A-Za-z0-9] and vary", () =>
      Effect.gen(function* () {
        const nonces = yield* Effect.replicateEffect(PayPaySigner.makeNonce, 50).pipe(
          Effect.withRandom(Random.make("nonce-seed"))
        )
        for (const nonce of nonces) assert.match(nonce, /^[A-Za-z0-9]{8}$/)
        assert.isAbove(new Set(nonces).size, 45)
      })
    )

    it.effect("verify round-trips what sign produced", () =>
      Effect.gen(function* () {
        yield* TestClock.setTime(1_700_000_123_000)
        const authorization = yield* PayPaySigner.sign(credentials, { ...parts, path: "/v2/codes?x=1" })
        const result = PayPaySigner.verify({
          authorization,
          method: "post",
          path: "/v2/codes?x=1",
          contentType: "application/json",
          body: new TextEncoder().encode(`{"a":1}`),
          secretFor: (key) => (key === NODE_KEY ? NODE_SECRET : undefined),
          nowSeconds: 1_700_000_123
        })
        assert.isTrue(Either.isRight(result))
        if (Either.isRight(result)) assert.strictEqual(result.right.epoch, 1_700_000_123)
      })
    )
  })

  describe("parse", () => {
    it("accepts a uuid nonce and returns the fields", () => {
      const v = vectors[3]!
      assert.deepStrictEqual(
        PayPaySigner.parse(v.expected),
        Either.right({
          apiKey: NODE_KEY,
          mac: "ZnfSvcKadjeIUt/bOiaIeRWmwEe9qdBiRoX5RX8tZ1k=",
          nonce: "5f1c2b7e-9a1d-4c3e-8f00-aa11bb22cc33",
          epoch: "1700000000",
          bodyHash: "empty"
        })
      )
    })

    it.each([
      { header: undefined, part: "missing" },
      { header: "", part: "missing" },
      { header: "  ", part: "missing" },
      { header: "Bearer abc", part: "malformed" },
      { header: "hmac OPA-Auth:k:mac:nonce:1700000000", part: "malformed" },
      { header: "hmac OPA-Auth:k:mac:no:nce:1700000000:empty", part: "malformed" },
      { header: "hmac OPA-Auth:k::nonce:1700000000:empty", part: "malformed" },
      { header: "hmac Other:k:mac:nonce:1700000000:empty", part: "malformed" },
      { header: "OPA-Auth:k:mac:nonce:1700000000:empty", part: "malformed" }
    ] as const)("rejects $header as $part", ({ header, part }) => {
      const result = PayPaySigner.parse(header)
      assert.isTrue(Either.isLeft(result))
      if (Either.isLeft(result)) assert.strictEqual(result.left.part, part)
    })
  })

  describe("verify", () => {
    const post = vectors.find((v) => v.name.startsWith("V2"))!
    const get = vectors.find((v) => v.name.startsWith("V1"))!
    const pyDelete = vectors.find((v) => v.name.startsWith("PY delete"))!
    it("accepts a DELETE carrying a signed {} body (PY SDK)", () => {
      assert.isTrue(Either.isRight(verifyVector(pyDelete)))
    })

    it("ignores the query string of the request URL", () => {
      assert.isTrue(Either.isRight(verifyVector(post, { path: "/v2/codes?agreeSimilarTransaction=true&x=%20" })))
      assert.isTrue(Either.isRight(verifyVector(get, { path: "/v2/payments/mpid-0001?foo=bar" })))
    })

    it("expects empty/empty for an empty body whatever Content-Type says", () => {
      assert.isTrue(Either.isRight(verifyVector(get, { contentType: "application/json;charset=UTF-8", body: "" })))
      assert.isTrue(Either.isRight(verifyVector(get, { contentType: "text/plain", body: new Uint8Array(0) })))
    })

    it("epoch skew: ±119 s accepted, ±120 s accepted, ±121 s rejected", () => {
      for (const delta of [-120, -119, 0, 119, 120]) {
        assert.isTrue(Either.isRight(verifyVector(post, { nowSeconds: post.epoch + delta })), `delta ${delta}`)
      }
      for (const delta of [-121, 121, 3600]) {
        expectMismatch(verifyVector(post, { nowSeconds: post.epoch + delta }), "epoch")
      }
      assert.isTrue(Either.isRight(verifyVector(post, { nowSeconds: post.epoch + 121, maxSkewSeconds: 300 })))
    })

    it("epoch in milliseconds or not an integer is rejected as epoch", () => {
      const millis = post.expected.replace(":1700000000:", ":1700000000000:")
      expectMismatch(verifyVector(post, { authorization: millis }), "epoch")
      const fractional = post.expected.replace(":1700000000:", ":1700000000.5:")
      expectMismatch(verifyVector(post, { authorization: fractional }), "epoch")
      const text = post.expected.replace(":1700000000:", ":soon:")
      expectMismatch(verifyVector(post, { authorization: text }), "epoch")
    })

    it("missing and malformed headers", () => {
      expectMismatch(verifyVector(post, { authorization: undefined }), "missing")
      expectMismatch(verifyVector(post, { authorization: "hmac OPA-Auth:only:three" }), "malformed")
    })

    describe("tampering with each signed part", () => {
      it("path: request path differs from the signed path → mac; trailing slash, query or encoding → path", () => {
        expectMismatch(verifyVector(get, { path: "/v2/payments/mpid-9999" }), "mac")
        expectMismatch(verifyVector(get, { path: "/v2/payments/mpid-0001/" }), "path")
        const slash = PayPaySigner.header(get, { method: "GET", path: "/v2/refunds/" }, get.nonce, get.epoch)
        expectMismatch(verifyVector(get, { authorization: slash, path: "/v2/refunds" }), "path")
        const raw = PayPaySigner.header(get, { method: "GET", path: "/v2/payments/注文 1" }, get.nonce, get.epoch)
        const error = expectMismatch(
          verifyVector(get, { authorization: raw, path: "/v2/payments/%E6%B3%A8%E6%96%87%201" }),
          "path"
        )
        assert.include(error.detail, "/v2/payments/注文 1")
      })

      it("path: a client that signed the query string is told so", () => {
        const v = vectors.find((x) => x.name.startsWith("V4"))!
        const authorization = brokenClient(v, [v.path, "GET", v.nonce, String(v.epoch), "empty", "empty"], "empty")
        const error = expectMismatch(verifyVector(v, { authorization }), "path")
        assert.include(error.detail, "without the query string")
      })

      it("method", () => {
        const error = expectMismatch(verifyVector(post, { method: "PUT" }), "method")
        assert.include(error.detail, `"POST"`)
        expectMismatch(verifyVector(get, { method: "DELETE" }), "method")
      })

      it("nonce or epoch altered after signing → mac", () => {
        expectMismatch(verifyVector(post, { authorization: post.expected.replace(post.nonce, "0c5a6d2e") }), "mac")
        const epochMoved = post.expected.replace(":1700000000:", ":1700000001:")
        expectMismatch(verifyVector(post, { authorization: epochMoved }), "mac")
      })

      it("content type: hashed under another variant → contentType", () => {
        for (const sent of ["application/json;charset=UTF-8", "application/json; charset=utf-8"]) {
          const error = expectMismatch(verifyVector(post, { contentType: sent }), "contentType")
          assert.include(error.detail, `"application/json"`)
        }
        const pyOverNode = vectors.find((v) => v.name.startsWith("PY create"))!
        expectMismatch(verifyVector(pyOverNode, { contentType: "application/json" }), "contentType")
      })

      it("content type: a GET that signed its Content-Type instead of empty → contentType", () => {
        const ct = "application/json;charset=UTF-8"
        const authorization = brokenClient(get, [get.path, "GET", get.nonce, String(get.epoch), ct, "empty"], "empty")
        const error = expectMismatch(verifyVector(get, { authorization, contentType: ct }), "contentType")
        assert.include(error.detail, "without a body")
      })

      it("body: altered, re-serialized, or dropped → bodyHash", () => {
        expectMismatch(verifyVector(post, { body: post.body!.replace("100", "1000") }), "bodyHash")
        const pretty = JSON.stringify(JSON.parse(post.body!), null, 2)
        const error = expectMismatch(verifyVector(post, { body: pretty }), "bodyHash")
        assert.include(error.detail, "re-serialized")
        expectMismatch(verifyVector(post, { body: undefined }), "bodyHash")
        expectMismatch(verifyVector(get, { body: "{}", contentType: "application/json" }), "bodyHash")
        expectMismatch(verifyVector(pyDelete, { body: "" }), "bodyHash")
      })

      it("key and secret: unknown key → key, wrong secret → mac", () => {
        expectMismatch(verifyVector(post, { secretFor: () => undefined }), "key")
        const error = expectMismatch(verifyVector(post, { secretFor: () => "SECRETEXAMPLE/abc+124=" }), "mac")
        assert.include(error.detail, "secret")
        assert.include(error.detail, "path (no query)")
        const otherKey = post.expected.replace(NODE_KEY, "a_KEYEXAMPLE02")
        const secrets: Record<string, string> = { [NODE_KEY]: NODE_SECRET, a_KEYEXAMPLE02: "other" }
        expectMismatch(verifyVector(post, { authorization: otherKey, secretFor: (k) => secrets[k] }), "mac")
      })
    })

    it("an epoch that is not a plain decimal integer is refused as epoch, even when its value is within the skew", () => {
      for (const epoch of ["1.7e9", "+1700000000", "1700000000.0", "0x6553F100", " 1700000000", "1700000000x"]) {
        const fields = [
          post.path,
          "POST",
          post.nonce,
          epoch,
          post.contentType!,
          PayPaySigner.bodyHash(post.contentType!, post.body!)
        ]
        const authorization = brokenClient(post, fields, PayPaySigner.bodyHash(post.contentType!, post.body!), epoch)
        const error = expectMismatch(verifyVector(post, { authorization }), "epoch")
        assert.include(error.detail, "not an integer number of seconds", epoch)
      }
    })

    it("each diagnostic says what to fix", () => {
      assert.include(
        expectMismatch(verifyVector(post, { authorization: undefined }), "missing").message,
        "signature mismatch (missing)"
      )
      assert.include(expectMismatch(verifyVector(post, { secretFor: () => undefined }), "key").detail, `"${NODE_KEY}"`)
      const signedEmpty = post.expected.replace(/:[^:]+$/, ":empty")
      assert.include(
        expectMismatch(verifyVector(post, { authorization: signedEmpty }), "bodyHash").detail,
        'signed as "empty"'
      )
      assert.include(expectMismatch(verifyVector(post, { body: undefined }), "bodyHash").detail, "has no body")
      const lower = brokenClient(
        post,
        [
          post.path,
          "post",
          post.nonce,
          String(post.epoch),
          post.contentType!,
          PayPaySigner.bodyHash(post.contentType!, post.body!)
        ],
        PayPaySigner.bodyHash(post.contentType!, post.body!)
      )
      assert.include(expectMismatch(verifyVector(post, { authorization: lower }), "method").detail, "upper case")
      const skewed = expectMismatch(verifyVector(post, { nowSeconds: post.epoch + 1000 }), "epoch")
      assert.include(skewed.detail, "allowed: 120s")
      const hashedAsOther = expectMismatch(
        verifyVector(post, { contentType: "application/json;charset=UTF-8" }),
        "contentType"
      )
      assert.include(hashedAsOther.detail, "sign the exact Content-Type header value")
    })

    it("the MAC must be the whole MAC: every proper prefix, an extension and a one-character change are refused", () => {
      const parsed = Either.getOrThrow(PayPaySigner.parse(post.expected))
      const withMac = (mac: string) => post.expected.replace(`:${parsed.mac}:`, `:${mac}:`)
      for (let length = 1; length < parsed.mac.length; length++) {
        expectMismatch(verifyVector(post, { authorization: withMac(parsed.mac.slice(0, length)) }), "mac")
      }
      expectMismatch(verifyVector(post, { authorization: withMac(`${parsed.mac}A`) }), "mac")
      const flipped = `${parsed.mac.slice(0, -2)}${parsed.mac.at(-2) === "A" ? "B" : "A"}${parsed.mac.at(-1)}`
      expectMismatch(verifyVector(post, { authorization: withMac(flipped) }), "mac")
      assert.isTrue(Either.isRight(verifyVector(post, { authorization: withMac(parsed.mac) })))
    })

    it("no diagnostic ever contains the secret or the expected MAC", () => {
      const secret = NODE_SECRET
      const expectedMac = Either.getOrThrow(PayPaySigner.parse(post.expected)).mac
      const cases: ReadonlyArray<Partial<PayPaySigner.VerifyOptions>> = [
        { authorization: undefined },
        { authorization: "nonsense" },
        { secretFor: () => undefined },
        { nowSeconds: 0 },
        { body: "{}" },
        { body: undefined },
        { contentType: "application/json;charset=UTF-8" },
        { path: "/v2/codes/" },
        { path: "/v2/other" },
        { method: "GET" },
        { authorization: post.expected.replace(expectedMac, "AAAA") },
        { authorization: post.expected.replace(post.nonce, "n") },
        { secretFor: () => secret.slice(1) }
      ]
      for (const overrides of cases) {
        const result = verifyVector(post, overrides)
        assert.isTrue(Either.isLeft(result))
        if (Either.isLeft(result)) {
          for (const text of [result.left.detail, result.left.message, String(result.left)]) {
            assert.notInclude(text, secret)
            assert.notInclude(text, secret.slice(1))
            assert.notInclude(text, expectedMac)
          }
        }
      }
    })
  })
})
