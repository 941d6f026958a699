/**
 * Top-up QR codes as pure transitions (§B.0 row 25; the reference gives the paths only, fields are GO-M's).
 *
 * A code is `CREATED` until a user tops up through it (`COMPLETED`, the user is credited). Like a dynamic payment
 * QR (§C.3), an unused code expires without changing status, and a deleted code can no longer be used.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { DEFAULT_CODE_LIFETIME_SECONDS, isValidAmount, MoneyAmount } from "./Payment.js"
import { Rejection } from "./Rejection.js"

/**
 * A top-up code as stored.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const Topup = Schema.Struct({
  codeId: Schema.String,
  topUpId: Schema.String,
  merchantTopUpId: Schema.String,
  userAuthorizationId: Schema.optional(Schema.String),
  minimumTopUpAmount: Schema.optional(MoneyAmount),
  metadata: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.Unknown })),
  requestedAt: Schema.Finite,
  expiresAt: Schema.Finite,
  redirectType: Schema.optional(Schema.String),
  redirectUrl: Schema.optional(Schema.String),
  userAgent: Schema.optional(Schema.String),
  status: Schema.Literal("CREATED", "COMPLETED"),
  deleted: Schema.Boolean,
  amount: Schema.optional(MoneyAmount),
  acceptedAt: Schema.optional(Schema.Finite),
  paidBy: Schema.optional(Schema.String)
})

/**
 * @since 0.1.0
 * @category Models
 */
export type Topup = typeof Topup.Type

/**
 * `POST /v1/code/topup` in domain terms.
 *
 * @since 0.1.0
 * @category Models
 */
export interface CreateTopupInput {
  readonly merchantTopUpId: string
  readonly userAuthorizationId?: string | undefined
  readonly minimumTopUpAmount?: MoneyAmount | undefined
  readonly metadata?: { readonly [key: string]: unknown } | undefined
  readonly requestedAt?: number | undefined
  readonly redirectType?: string | undefined
  readonly redirectUrl?: string | undefined
  readonly userAgent?: string | undefined
}

const compact = <A extends object>(record: A): A =>
  Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as A

/**
 * A new top-up code, `CREATED`, usable for `lifetimeSeconds` (default 300, like payment codes).
 *
 * @since 0.1.0
 * @category Constructors
 */
export const create = (
  input: CreateTopupInput,
  options: {
    readonly now: number
    readonly codeId: string
    readonly topUpId: string
    readonly lifetimeSeconds?: number | undefined
  }
): Topup =>
  compact<Topup>({
    codeId: options.codeId,
    topUpId: options.topUpId,
    merchantTopUpId: input.merchantTopUpId,
    userAuthorizationId: input.userAuthorizationId,
    minimumTopUpAmount: input.minimumTopUpAmount,
    metadata: input.metadata,
    requestedAt: input.requestedAt ?? options.now,
    expiresAt: options.now + (options.lifetimeSeconds ?? DEFAULT_CODE_LIFETIME_SECONDS),
    redirectType: input.redirectType,
    redirectUrl: input.redirectUrl,
    userAgent: input.userAgent,
    status: "CREATED",
    deleted: false
  })

/**
 * `DELETE /v1/code/topup/{codeId}`: the code can no longer be used.
 *
 * Rejections: `AlreadyPaid` once topped up, `CodeNotFound` when already deleted.
 *
 * @since 0.1.0
 * @category Transitions
 */
export const remove = (topup: Topup): Either.Either<Topup, Rejection> => {
  if (topup.status === "COMPLETED") return Either.left(Rejection.AlreadyPaid({ status: "COMPLETED" }))
  if (topup.deleted) return Either.left(Rejection.CodeNotFound({ merchantPaymentId: topup.merchantTopUpId }))
  return Either.right({ ...topup, deleted: true })
}

/**
 * A user tops up `amount` through the code: `CREATED` → `COMPLETED` (`acceptedAt = now`); the caller credits the
 * user.
 *
 * Rejections: `AlreadyPaid`, `CodeDeleted`, `CodeExpired`, `WrongUser` (the code names another user),
 * `InvalidAmount`, `TopupBelowMinimum`.
 *
 * @since 0.1.0
 * @category Transitions
 */
export const topUp = (
  topup: Topup,
  options: { readonly now: number; readonly userAuthorizationId: string; readonly amount: number }
): Either.Either<Topup, Rejection> => {
  const { amount, now, userAuthorizationId } = options
  if (topup.status === "COMPLETED") return Either.left(Rejection.AlreadyPaid({ status: "COMPLETED" }))
  if (topup.deleted) return Either.left(Rejection.CodeDeleted({ codeId: topup.codeId }))
  if (now >= topup.expiresAt)
    return Either.left(Rejection.CodeExpired({ codeId: topup.codeId, expiresAt: topup.expiresAt }))
  if (topup.userAuthorizationId !== undefined && topup.userAuthorizationId !== userAuthorizationId) {
    return Either.left(Rejection.WrongUser({ expected: topup.userAuthorizationId, actual: userAuthorizationId }))
  }
  if (!isValidAmount(amount)) return Either.left(Rejection.InvalidAmount({ amount }))
  const minimum = topup.minimumTopUpAmount?.amount ?? 0
  if (amount < minimum) return Either.left(Rejection.TopupBelowMinimum({ minimum, amount }))
  return Either.right({
    ...topup,
    status: "COMPLETED",
    amount: { amount, currency: "JPY" },
    acceptedAt: now,
    paidBy: userAuthorizationId
  })
}
