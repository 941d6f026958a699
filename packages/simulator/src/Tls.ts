/**
 * TLS for the dev server. PayPay's official Node SDK only speaks HTTPS, so the simulator can serve over TLS with
 * a self-signed certificate generated at start-up (for `localhost`, `127.0.0.1` and `::1`) or with certificate
 * and key files, and prints the certificate's SHA-256 fingerprint so clients can pin it.
 *
 * @since 0.1.0
 */
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import { X509Certificate } from "node:crypto"
import { readFile } from "node:fs/promises"
import type * as Http from "node:http"
import { createServer as createHttpsServer } from "node:https"
import { generate } from "selfsigned"

/**
 * A certificate (PEM), its private key (PEM) and the certificate's SHA-256 fingerprint
 * (`AB:CD:…`, as `openssl x509 -fingerprint -sha256` prints it).
 *
 * @since 0.1.0
 * @category Models
 */
export interface Material {
  readonly cert: string
  readonly key: string
  readonly fingerprint256: string
  /** Whether the certificate was generated at start-up. */
  readonly selfSigned: boolean
}

/**
 * The certificate could not be generated, read or parsed.
 *
 * @since 0.1.0
 * @category Errors
 */
export class TlsError extends Data.TaggedError("TlsError")<{
  readonly reason: "Generate" | "Read" | "Parse"
  readonly detail: string
  readonly cause?: unknown
}> {
  override get message(): string {
    return `TLS: ${this.detail}`
  }
}

/**
 * Names the generated certificate is valid for.
 *
 * @since 0.1.0
 * @category Config
 */
export const LOCAL_NAMES = { dns: ["localhost"], ips: ["127.0.0.1", "::1"] } as const

/**
 * The SHA-256 fingerprint of a PEM certificate.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const fingerprint256 = (certPem: string): Effect.Effect<string, TlsError> =>
  Effect.try({
    try: () => new X509Certificate(certPem).fingerprint256,
    catch: (cause) => new TlsError({ reason: "Parse", detail: "the certificate is not a valid PEM X.509", cause })
  })

/**
 * Generates a fresh self-signed certificate (ECDSA P-256, SHA-256) for `localhost`, `127.0.0.1` and `::1`,
 * valid from yesterday (tolerates clock skew) for 30 days.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const selfSigned: Effect.Effect<Material, TlsError> = Effect.gen(function* () {
  const now = Date.now()
  const pems = yield* Effect.tryPromise({
    try: () =>
      generate([{ name: "commonName", value: "PayPay simulator (localhost)" }], {
        keyType: "ec",
        algorithm: "sha256",
        notBeforeDate: new Date(now - 86_400_000),
        notAfterDate: new Date(now + 30 * 86_400_000),
        extensions: [
          { name: "basicConstraints", cA: false },
          { name: "keyUsage", digitalSignature: true, keyEncipherment: true },
          { name: "extKeyUsage", serverAuth: true },
          {
            name: "subjectAltName",
            altNames: [
              ...LOCAL_NAMES.dns.map((value) => ({ type: 2 as const, value })),
              ...LOCAL_NAMES.ips.map((ip) => ({ type: 7 as const, ip }))
            ]
          }
        ]
      }),
    catch: (cause) => new TlsError({ reason: "Generate", detail: "could not generate a certificate", cause })
  })
  const fingerprint = yield* fingerprint256(pems.cert)
  return { cert: pems.cert, key: pems.private, fingerprint256: fingerprint, selfSigned: true }
})

const read = (file: string, what: string) =>
  Effect.tryPromise({
    try: () => readFile(file, "utf8"),
    catch: (cause) => new TlsError({ reason: "Read", detail: `cannot read the ${what} file ${file}`, cause })
  })

/**
 * Reads a PEM certificate and its PEM private key from files.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const fromFiles = (certFile: string, keyFile: string): Effect.Effect<Material, TlsError> =>
  Effect.gen(function* () {
    const cert = yield* read(certFile, "certificate")
    const key = yield* read(keyFile, "key")
    const fingerprint = yield* fingerprint256(cert)
    return { cert, key, fingerprint256: fingerprint, selfSigned: false }
  })

/**
 * A `createServer` for `Server.layer` that serves HTTPS with the given certificate.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const createServer =
  (material: Material): (() => Http.Server) =>
  () =>
    createHttpsServer({ cert: material.cert, key: material.key }) as unknown as Http.Server
