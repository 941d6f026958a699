/**
 * Bounds on hostile input, checked before anything recursive or unbounded runs: the largest body the simulator
 * reads, the deepest JSON it parses, and strict UTF-8 decoding of the bytes a signature covered (reference §A.2:
 * the body hash is over the bytes sent, so the bytes are verified first and decoded after).
 *
 * The numbers are the simulator's own (an inference: PayPay documents none of them); every PayPay request body is
 * at most 4 levels deep (body → `orderItems` → item → `unitPrice`) plus `metadata` (at most
 * `PayPaySchema.METADATA_MAX_DEPTH` levels), so {@link MAX_JSON_DEPTH} leaves ample room.
 *
 * @since 0.1.0
 */
import { isUtf8 } from "node:buffer"

/**
 * The largest PayPay API request body read: 10 MiB. A larger one is answered `413` in the envelope, unread.
 *
 * @since 0.1.0
 * @category Constants
 */
export const MAX_BODY_BYTES = 10 * 1024 * 1024

/**
 * The largest control-API or hosted-page request body read: 1 MiB (`413` beyond).
 *
 * @since 0.1.0
 * @category Constants
 */
export const MAX_CONTROL_BODY_BYTES = 1024 * 1024

/**
 * The deepest JSON nesting (objects and arrays) parsed; a deeper body is refused before it is parsed.
 *
 * @since 0.1.0
 * @category Constants
 */
export const MAX_JSON_DEPTH = 32

/**
 * Whether `text` nests JSON objects or arrays deeper than `limit`: one linear scan that skips string contents,
 * so it never recurses and stops at the first level too deep. Says nothing about whether `text` is valid JSON.
 *
 * @since 0.1.0
 * @category Guards
 */
export const exceedsDepth = (text: string, limit: number = MAX_JSON_DEPTH): boolean => {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 0x5c) i++
      else if (c === 0x22) inString = false
    } else if (c === 0x22) {
      inString = true
    } else if (c === 0x7b || c === 0x5b) {
      depth++
      if (depth > limit) return true
    } else if (c === 0x7d || c === 0x5d) {
      depth--
    }
  }
  return false
}

/** The allowed range of the byte after a UTF-8 lead byte, and how many continuation bytes follow it. */
const leadOf = (byte: number): readonly [count: number, low: number, high: number] | undefined => {
  if (byte >= 0xc2 && byte <= 0xdf) return [1, 0x80, 0xbf]
  if (byte === 0xe0) return [2, 0xa0, 0xbf]
  if (byte === 0xed) return [2, 0x80, 0x9f]
  if (byte >= 0xe1 && byte <= 0xef) return [2, 0x80, 0xbf]
  if (byte === 0xf0) return [3, 0x90, 0xbf]
  if (byte >= 0xf1 && byte <= 0xf3) return [3, 0x80, 0xbf]
  if (byte === 0xf4) return [3, 0x80, 0x8f]
  return undefined
}

const wellFormedAt = (bytes: Uint8Array, at: number): number | undefined => {
  const lead = leadOf(bytes[at]!)
  if (lead === undefined) return undefined
  const [count, low, high] = lead
  if (at + count >= bytes.length) return undefined
  const second = bytes[at + 1]!
  if (second < low || second > high) return undefined
  for (let k = 2; k <= count; k++) {
    const next = bytes[at + k]!
    if (next < 0x80 || next > 0xbf) return undefined
  }
  return count + 1
}

/**
 * The offset of the first byte that does not start a well-formed UTF-8 sequence (Unicode Table 3-7: no overlong
 * forms, no surrogates, nothing above U+10FFFF, no truncated sequence), or `undefined` when all of `bytes` is
 * well-formed UTF-8.
 *
 * @since 0.1.0
 * @category Guards
 */
export const invalidUtf8Offset = (bytes: Uint8Array): number | undefined => {
  if (isUtf8(bytes)) return undefined
  let at = 0
  while (at < bytes.length) {
    if (bytes[at]! < 0x80) {
      at++
      continue
    }
    const length = wellFormedAt(bytes, at)
    if (length === undefined) return at
    at += length
  }
  return undefined
}

/**
 * The text of a body: a string as it is, bytes decoded as strict UTF-8; `invalidAt` is the offset of the first
 * invalid byte when they are not UTF-8.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const decodeUtf8 = (body: string | Uint8Array): { readonly text: string } | { readonly invalidAt: number } => {
  if (typeof body === "string") return { text: body }
  const invalidAt = invalidUtf8Offset(body)
  if (invalidAt !== undefined) return { invalidAt }
  return { text: Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString("utf8") }
}
