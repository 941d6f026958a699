/**
 * Store and domain failures → PayPay result codes at the HTTP edge (reference §B, `Domain/rejectionCodes.ts`).
 *
 * @since 0.1.0
 */
import type { ResultCode } from "@paypay-effect/sdk/PayPayError"
import * as Effect from "effect/Effect"
import { forRejection, rejectionCode } from "../Domain/rejectionCodes.js"
import type { Rejection } from "../Domain/Payment.js"
import { ApiFailure } from "../Envelope.js"

/**
 * The catalog failure for a rejected transition.
 *
 * @since 0.1.0
 * @category Errors
 */
export const rejected = (rejection: Rejection): ApiFailure => {
  const ref = forRejection(rejection)
  return new ApiFailure({
    code: ref.code as ResultCode,
    codeId: ref.codeId,
    detail: describe(rejection),
    rule: ref.rule
  })
}

const describe = (rejection: Rejection): string => {
  const { _tag, ...fields } = rejection
  const values = Object.entries(fields).map(([key, value]) => `${key}=${String(value)}`)
  return values.length === 0 ? _tag : `${_tag} (${values.join(", ")})`
}

/**
 * Maps the failures every route shares: rejections to their codes, a missing payment to `notFound`, storage
 * errors to INTERNAL_SERVER_ERROR.
 *
 * @since 0.1.0
 * @category Errors
 */
export const mapFailures =
  (notFound: ResultCode, codeId?: string) =>
  <A, R>(effect: Effect.Effect<A, { readonly _tag: string }, R>): Effect.Effect<A, ApiFailure, R> =>
    Effect.mapError(effect, (error): ApiFailure => {
      if (error instanceof ApiFailure) return error
      switch (error._tag) {
        case "PaymentNotFound":
        case "UserNotFound":
          return new ApiFailure({ code: notFound, codeId, detail: error._tag })
        case "SqlError":
          return new ApiFailure({ code: "INTERNAL_SERVER_ERROR", detail: "simulator storage error" })
        default:
          return isRejection(error) ? rejected(error) : unexpected(error)
      }
    })

const isRejection = (error: { readonly _tag: string }): error is Rejection => Object.hasOwn(rejectionCode, error._tag)

const unexpected = (error: { readonly _tag: string }) =>
  new ApiFailure({ code: "INTERNAL_SERVER_ERROR", detail: `unexpected ${error._tag}` })
