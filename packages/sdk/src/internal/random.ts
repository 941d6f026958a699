/**
 * Random strings from the platform's cryptographic generator (`crypto.getRandomValues`, Web Crypto; Node ≥ 19 has
 * it as a global): OPA-Auth nonces and the nonce of the web account link. Bytes are drawn in blocks and used once.
 *
 * @internal
 */

const BLOCK = 1024
let block = new Uint8Array(0)
let offset = 0

const nextByte = (): number => {
  if (offset >= block.length) {
    block = globalThis.crypto.getRandomValues(new Uint8Array(BLOCK))
    offset = 0
  }
  return block[offset++]!
}

/**
 * `length` characters drawn uniformly from `alphabet` (at most 256 characters; rejection sampling, no modulo bias).
 *
 * @internal
 */
export const randomString = (length: number, alphabet: string): string => {
  const limit = 256 - (256 % alphabet.length)
  let out = ""
  while (out.length < length) {
    const byte = nextByte()
    if (byte < limit) out += alphabet[byte % alphabet.length]
  }
  return out
}

/** @internal */
export const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

/** @internal */
export const HEX = "0123456789abcdef"
