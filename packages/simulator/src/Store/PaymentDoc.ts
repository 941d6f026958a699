/**
 * How a `Domain/Payment` is stored: its JSON, in the `doc` column of `payments`. `Payment` has no transformations,
 * so its JSON form is the domain value (`PaymentStore.test.ts` checks the round trip); a document is validated when
 * it is written and only parsed when it is read. `PaymentStore` and `Store/Expiry.ts` both read and write with it.
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
