/**
 * PayPay "OPA-Auth" request signing and verification.
 *
 * Every OPA call carries `Authorization: hmac OPA-Auth:{apiKey}:{mac}:{nonce}:{epoch}:{bodyHash}` where
 * `mac = base64(HMAC-SHA256(apiSecret, path \n METHOD \n nonce \n epoch \n contentType \n bodyHash))` and
 * `bodyHash = base64(MD5(contentType + rawBody))`, or `empty`/`empty` when there is no body.
 * The SDK signs with {@link sign}; the simulator checks requests with {@link verify}.
 *
 * @see https://www.paypay.ne.jp/opa/doc/v1.0/api_authorization.html
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Random from "effect/Random"
import * as Redacted from "effect/Redacted"
import { createHash, createHmac, createSecretKey, hash as hashOnce, type KeyObject, timingSafeEqual } from "node:crypto"

// ====== Models ======

/**
 * The request parts covered by the signature.
 *
 * @since 0.1.0
 * @category Models
 */
export interface SignParts {
  /** HTTP method; the signer upper-cases it (§A.3). */
  readonly method: string
  /** Request path; a query string is allowed and is not signed (§A.3). */
  readonly path: string
  /** The Content-Type header value actually sent. Ignored when there is no body (§A.2). */
  readonly contentType?: string | undefined
  /** Raw body bytes as sent. `undefined` or empty means content type and body hash are both `empty` (§A.2). */
  readonly body?: string | Uint8Array | undefined
}

/**
 * API key and secret issued by PayPay. The secret is used as-is (UTF-8), never base64-decoded (§A.1).
 *
 * @since 0.1.0
 * @category Models
 */
export interface Credentials {
  readonly apiKey: string
  readonly apiSecret: Redacted.Redacted<string> | string
}

/**
 * The fields of a parsed `Authorization` header.
 *
 * @since 0.1.0
 * @category Models
 */
export interface ParsedHeader {
  readonly apiKey: string
  readonly mac: string
  readonly nonce: string
  readonly epoch: string
  readonly bodyHash: string
}

/**
 * Which part of a request disagrees with its signature.
 *
 * @since 0.1.0
 * @category Models
 */
export type MismatchPart =
  | "missing"
  | "malformed"
  | "key"
  | "epoch"
  | "bodyHash"
  | "contentType"
  | "path"
  | "method"
  | "mac"

/**
 * Options of {@link verify}.
 *
 * @since 0.1.0
 * @category Models
 */
export interface VerifyOptions {
  /** The `Authorization` header as received. */
  readonly authorization: string | undefined
  readonly method: string
  /** Request path, may include a query string. */
  readonly path: string
  /** Content-Type header as received. */
  readonly contentType: string | undefined
  /** Raw body bytes as received; never re-serialized. */
  readonly body: string | Uint8Array | undefined
  /** Looks up the secret of a known API key. */
  readonly secretFor: (apiKey: string) => string | undefined
  /** Real wall-clock time in seconds. */
  readonly nowSeconds: number
  /** Allowed clock skew in seconds, 120 by default (§A.1, "less than 2mins"). */
  readonly maxSkewSeconds?: number
}

/**
 * A request whose signature checked out.
 *
 * @since 0.1.0
 * @category Models
 */
export interface Verified {
  readonly apiKey: string
  readonly nonce: string
  readonly epoch: number
}

// ====== Errors ======

/**
 * A request whose `Authorization` header does not match it. `detail` is a diagnostic for humans; it never
 * contains the secret or the expected MAC.
 *
 * @since 0.1.0
 * @category Errors
 */
export class SignatureMismatch extends Data.TaggedError("SignatureMismatch")<{
  readonly part: MismatchPart
  readonly detail: string
}> {
  override get message(): string {
    return `OPA-Auth signature mismatch (${this.part}): ${this.detail}`
  }
}

// ====== Signing ======

/**
 * Content type and body hash used when a request has no body (§A.2).
 *
 * @since 0.1.0
 * @category Constructors
 */
export const EMPTY = "empty"

/**
 * `base64(MD5(contentType + body))` over the exact bytes sent (§A.2).
 *
 * @since 0.1.0
 * @category Constructors
 */
export const bodyHash = (contentType: string, body: string | Uint8Array): string =>
  typeof body === "string"
    ? hashOnce("md5", contentType + body, "base64")
    : createHash("md5").update(contentType, "utf8").update(body).digest("base64")

/**
 * The string that is HMAC'd, `path \n METHOD \n nonce \n epoch \n contentType \n bodyHash`, with the query
 * string removed from the path (§A.3).
 *
 * @since 0.1.0
 * @category Constructors
 */
export const signedString = (parts: SignParts & { readonly nonce: string; readonly epoch: number | string }): string =>
  layout(fieldsOf(parts, parts.nonce, parts.epoch))

/**
 * The full `Authorization` header value, `hmac OPA-Auth:{apiKey}:{mac}:{nonce}:{epoch}:{bodyHash}` (§A.1).
 * Pure: the caller chooses nonce and epoch.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const header = (credentials: Credentials, parts: SignParts, nonce: string, epoch: number | string): string => {
  const body = parts.body
  const empty = isEmptyBody(body)
  const contentType = empty ? EMPTY : (parts.contentType ?? "")
  const hash = empty ? EMPTY : bodyHash(contentType, body)
  const epochText = String(epoch)
  const signed = `${stripQuery(parts.path)}\n${parts.method.toUpperCase()}\n${nonce}\n${epochText}\n${contentType}\n${hash}`
  const mac = createHmac("sha256", keyOf(credentials.apiSecret)).update(signed, "utf8").digest("base64")
  return `hmac OPA-Auth:${credentials.apiKey}:${mac}:${nonce}:${epochText}:${hash}`
}

const NONCE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

/**
 * An 8-character `[A-Za-z0-9]` nonce drawn from Effect's `Random` service (§A.1 recommends length 8).
 *
 * @since 0.1.0
 * @category Constructors
 */
export const makeNonce: Effect.Effect<string> = Effect.map(
  Effect.replicateEffect(Random.nextIntBetween(0, NONCE_ALPHABET.length), 8),
  (indexes) => indexes.map((i) => NONCE_ALPHABET[i]).join("")
)

/**
 * Signs a request with a fresh nonce ({@link makeNonce}) and the epoch from `Clock`, in seconds.
 * Deterministic under `TestClock` and a seeded `Random`.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const sign = (credentials: Credentials, parts: SignParts): Effect.Effect<string> =>
  Effect.zipWith(makeNonce, Clock.currentTimeMillis, (nonce, millis) =>
    header(credentials, parts, nonce, Math.floor(millis / 1000))
  )

// ====== Verification ======

const HEADER_PREFIX = /^hmac OPA-Auth:/i

/**
 * Splits an `Authorization` header into its fields. The nonce may be any length (PayPay's Node SDK sends a
 * uuid) but cannot contain `:`.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const parse = (authorization: string | undefined): Either.Either<ParsedHeader, SignatureMismatch> => {
  const value = authorization?.trim() ?? ""
  if (value === "") {
    return mismatch(
      "missing",
      "no Authorization header; expected `hmac OPA-Auth:{apiKey}:{mac}:{nonce}:{epoch}:{bodyHash}`"
    )
  }
  const fields = HEADER_PREFIX.test(value) ? value.slice("hmac ".length).split(":") : []
  const [, apiKey, mac, nonce, epoch, hash] = fields
  if (fields.length !== 6 || !apiKey || !mac || !nonce || !epoch || !hash) {
    return mismatch(
      "malformed",
      "Authorization header is not `hmac OPA-Auth:{apiKey}:{mac}:{nonce}:{epoch}:{bodyHash}` " +
        "(six non-empty fields after `hmac `, separated by `:`)"
    )
  }
  return Either.right({ apiKey, mac, nonce, epoch, bodyHash: hash })
}

/**
 * Checks a received request against its `Authorization` header, in this order: header present and well
 * formed, API key known, epoch within `maxSkewSeconds`, body hash, then the MAC (compared in constant time).
 * On failure the error names the part that most likely differs, found by trying common client mistakes.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const verify = (options: VerifyOptions): Either.Either<Verified, SignatureMismatch> =>
  Either.flatMap(parse(options.authorization), (parsed) => {
    const secret = options.secretFor(parsed.apiKey)
    if (secret === undefined) {
      return mismatch("key", `unknown API key "${parsed.apiKey}"`)
    }
    const epochError = checkEpoch(parsed.epoch, options.nowSeconds, options.maxSkewSeconds ?? 120)
    if (epochError !== undefined) {
      return mismatch("epoch", epochError)
    }
    const [contentType, hash] = contentAndHash(options.contentType, options.body)
    const bodyError = checkBodyHash(parsed.bodyHash, hash, options.contentType, options.body)
    if (bodyError !== undefined) {
      return Either.left(bodyError)
    }
    const fields = fieldsWith(options, contentType, hash, parsed.nonce, parsed.epoch)
    if (sameMac(parsed.mac, macOf(secret, fields))) {
      return Either.right({ apiKey: parsed.apiKey, nonce: parsed.nonce, epoch: Number(parsed.epoch) })
    }
    return Either.left(diagnose(secret, parsed, fields, options))
  })

// ====== Helpers ======

interface Fields {
  readonly path: string
  readonly method: string
  readonly nonce: string
  readonly epoch: string
  readonly contentType: string
  readonly hash: string
}

const CONTENT_TYPES = [
  "application/json",
  "application/json;charset=UTF-8",
  "application/json;charset=UTF-8;",
  "application/json; charset=utf-8"
]

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"]

const LAYOUT = "path (no query) \\n METHOD \\n nonce \\n epoch \\n contentType \\n bodyHash"

const stripQuery = (path: string): string => {
  const index = path.indexOf("?")
  return index === -1 ? path : path.slice(0, index)
}

const isEmptyBody = (body: string | Uint8Array | undefined): body is undefined =>
  body === undefined || body.length === 0

const contentAndHash = (
  contentType: string | undefined,
  body: string | Uint8Array | undefined
): readonly [string, string] => {
  if (isEmptyBody(body)) return [EMPTY, EMPTY]
  const type = contentType ?? ""
  return [type, bodyHash(type, body)]
}

const keys = new WeakMap<Redacted.Redacted<string>, KeyObject>()

/** The HMAC key of a secret; a `Redacted` secret is turned into a `KeyObject` once and reused. */
const keyOf = (secret: Redacted.Redacted<string> | string): KeyObject | string => {
  if (!Redacted.isRedacted(secret)) return secret
  let key = keys.get(secret)
  if (key === undefined) {
    key = createSecretKey(Buffer.from(Redacted.value(secret), "utf8"))
    keys.set(secret, key)
  }
  return key
}

const verifyKeys = new Map<string, KeyObject>()

/** The HMAC key of a verifier's secret, made once per secret (a verifier knows a handful of them). */
const verifyKeyOf = (secret: string): KeyObject => {
  let key = verifyKeys.get(secret)
  if (key === undefined) {
    if (verifyKeys.size >= 64) verifyKeys.clear()
    key = createSecretKey(Buffer.from(secret, "utf8"))
    verifyKeys.set(secret, key)
  }
  return key
}

const hmac = (secret: string, data: string): string =>
  createHmac("sha256", verifyKeyOf(secret)).update(data, "utf8").digest("base64")

const fieldsOf = (parts: SignParts, nonce: string, epoch: number | string): Fields => {
  const [contentType, hash] = contentAndHash(parts.contentType, parts.body)
  return fieldsWith(parts, contentType, hash, nonce, epoch)
}

const fieldsWith = (
  parts: Pick<SignParts, "path" | "method">,
  contentType: string,
  hash: string,
  nonce: string,
  epoch: number | string
): Fields => ({
  path: stripQuery(parts.path),
  method: parts.method.toUpperCase(),
  nonce,
  epoch: String(epoch),
  contentType,
  hash
})

const layout = (f: Fields): string => [f.path, f.method, f.nonce, f.epoch, f.contentType, f.hash].join("\n")

const macOf = (secret: string, f: Fields): string => hmac(secret, layout(f))

const sameMac = (received: string, expected: string): boolean => {
  const a = Buffer.from(received, "utf8")
  const b = Buffer.from(expected, "utf8")
  return a.length === b.length && timingSafeEqual(a, b)
}

const mismatch = (part: MismatchPart, detail: string): Either.Either<never, SignatureMismatch> =>
  Either.left(new SignatureMismatch({ part, detail }))

const checkEpoch = (epoch: string, now: number, maxSkew: number): string | undefined => {
  const value = Number(epoch)
  if (!/^\d+$/.test(epoch) || !Number.isSafeInteger(value)) {
    return `epoch "${epoch}" is not an integer number of seconds since 1970`
  }
  const skew = Math.abs(now - value)
  if (skew > maxSkew) {
    return (
      `epoch ${epoch} is ${Math.round(skew)}s away from server time ${Math.floor(now)} ` +
      `(allowed: ${maxSkew}s); sign with the current Unix time in seconds, not milliseconds`
    )
  }
  return undefined
}

/** `expected` is the body hash of the request as received (`contentAndHash`). */
const checkBodyHash = (
  received: string,
  expected: string,
  contentType: string | undefined,
  body: string | Uint8Array | undefined
): SignatureMismatch | undefined => {
  if (isEmptyBody(body)) {
    return received === EMPTY
      ? undefined
      : new SignatureMismatch({
          part: "bodyHash",
          detail: `the request has no body, so the body hash must be "${EMPTY}"`
        })
  }
  const type = contentType ?? ""
  if (received === expected) return undefined
  if (received === EMPTY) {
    return new SignatureMismatch({ part: "bodyHash", detail: `the request has a body but was signed as "${EMPTY}"` })
  }
  const signedType = CONTENT_TYPES.find((candidate) => candidate !== type && bodyHash(candidate, body) === received)
  if (signedType !== undefined) {
    return new SignatureMismatch({
      part: "contentType",
      detail:
        `body hash was computed with content type "${signedType}" but the request's Content-Type is ` +
        `"${type}"; sign the exact Content-Type header value that is sent`
    })
  }
  return new SignatureMismatch({
    part: "bodyHash",
    detail:
      `body hash does not match base64(MD5(Content-Type + raw body)) for Content-Type "${type}"; ` +
      "the bytes signed differ from the bytes sent (re-serialized JSON, different spacing or encoding?)"
  })
}

const pathVariants = (path: string, signedPath: string): ReadonlyArray<string> => {
  const toggled = (p: string) => (p.length > 1 && p.endsWith("/") ? p.slice(0, -1) : `${p}/`)
  const decoded = safely(() => decodeURIComponent(signedPath))
  const encoded = safely(() => encodeURI(decoded ?? signedPath))
  const candidates = [path, toggled(signedPath), decoded, encoded]
  return candidates.filter((p): p is string => p !== undefined && p !== signedPath)
}

const safely = (f: () => string): string | undefined => {
  try {
    return f()
  } catch {
    return undefined
  }
}

const diagnose = (secret: string, parsed: ParsedHeader, fields: Fields, options: VerifyOptions): SignatureMismatch => {
  const apiKey = parsed.apiKey
  const matches = (variant: Partial<Fields>) => sameMac(parsed.mac, macOf(secret, { ...fields, ...variant }))
  const method = [...METHODS, options.method.toLowerCase(), options.method].find(
    (m) => m !== fields.method && matches({ method: m })
  )
  if (method !== undefined) {
    return new SignatureMismatch({
      part: "method",
      detail:
        `signature was made for method "${method}" but the request method is "${fields.method}"` +
        (method.toUpperCase() === fields.method ? "; the method must be signed in upper case" : "")
    })
  }
  const path = pathVariants(options.path, fields.path).find((p) => matches({ path: p }))
  if (path !== undefined) {
    return new SignatureMismatch({
      part: "path",
      detail:
        `signature was made for path "${path}" but the request path is "${fields.path}"; ` +
        "sign the URL path exactly as sent, without the query string"
    })
  }
  const typeCandidates = options.contentType === undefined ? CONTENT_TYPES : [options.contentType, ...CONTENT_TYPES]
  const contentType = typeCandidates.find((t) => t !== fields.contentType && matches({ contentType: t }))
  if (contentType !== undefined) {
    return new SignatureMismatch({
      part: "contentType",
      detail:
        `signature was made with content type "${contentType}" but "${fields.contentType}" was expected` +
        (fields.contentType === EMPTY ? `; a request without a body signs "${EMPTY}"` : "")
    })
  }
  return new SignatureMismatch({
    part: "mac",
    detail:
      `HMAC does not match: check the API secret of key "${apiKey}" (used as-is, not base64-decoded) and ` +
      `how the signed string is built: ${LAYOUT}, HMAC-SHA256, base64`
  })
}
