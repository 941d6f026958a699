/**
 * How a `Domain/Payment` is stored: its JSON, in the `doc` column of `payments`, plus the real columns every query
 * filters or indexes on ({@link columns}), written with the document in the same statement. `Payment` has no
 * transformations, so its JSON form is the domain value (`PaymentStore.test.ts` checks the round trip); a document
 * is validated when it is written and only parsed (by JavaScript, never by SQL) when it is read. `PaymentStore`,
 * `Store/Expiry.ts` and the schema migration (`Store/Database.ts`) all read and write with it.
 *
 * @since 0.1.0
 */
import * as PayPaySchema from "@paypay-effect/sdk/PayPaySchema"
import * as Either from "effect/Either"
import * as Payment from "../Domain/Payment.js"

const validate = PayPaySchema.decodeUnknownEither(Payment.Payment)

/**
 * The document of a payment; throws the `ParseError` when the payment is not valid (a defect: domain transitions
 * build payments).
 *
 * @since 0.1.0
 * @category Codecs
 */
export const encode = (payment: Payment.Payment): string => {
  const valid = validate(payment)
  if (Either.isLeft(valid)) throw valid.left
  return JSON.stringify(payment)
}

/**
 * The payment of a stored document.
 *
 * @since 0.1.0
 * @category Codecs
 */
export const decode = (doc: string): Payment.Payment => JSON.parse(doc)

/**
 * The real columns of a payment row besides its ids, kind and status: the user, the amount, when the
 * similar-transaction window starts (`authorizedAt`, else `acceptedAt`; reference §C.4) and when a held
 * authorization expires (`expiresAt`). Queries use these, so no query ever parses a stored document.
 *
 * @since 0.1.0
 * @category Codecs
 */
export interface Columns {
  readonly user_authorization_id: string | null
  readonly amount: number | null
  readonly started_at: number | null
  readonly expires_at: number | null
}

const numberOr = (value: unknown): number | null => (typeof value === "number" && Number.isFinite(value) ? value : null)

/**
 * The {@link Columns} of a payment, or of any parsed document (fields of the wrong type become `null`).
 *
 * @since 0.1.0
 * @category Codecs
 */
export const columns = (payment: Payment.Payment | Record<string, unknown>): Columns => {
  const p = payment as Record<string, unknown>
  const amount = p.amount as Record<string, unknown> | null | undefined
  return {
    user_authorization_id: typeof p.userAuthorizationId === "string" ? p.userAuthorizationId : null,
    amount: typeof amount === "object" && amount !== null ? numberOr(amount.amount) : null,
    started_at: numberOr(p.authorizedAt) ?? numberOr(p.acceptedAt),
    expires_at: numberOr(p.expiresAt)
  }
}
