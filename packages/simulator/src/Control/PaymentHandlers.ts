/**
 * Control handlers that play the PayPay user: approve (pay the QR code / accept the request) and decline, through
 * `UserActions.approve` / `UserActions.decline` (QR pay, pending accept, capture confirmation; atomic, the user debited), answering the payment exactly as the
 * PayPay API shows it (`Api/Wire.ts`). {@link approve} and {@link decline} also back the hosted payment page.
 *
 * @since 0.1.0
 */
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import type { SqlError } from "@effect/sql/SqlError"
import * as Effect from "effect/Effect"
import { rejected } from "../Api/failures.js"
import * as Wire from "../Api/Wire.js"
import type { Payment, Rejection } from "../Domain/Payment.js"
import { resultInfo } from "../Envelope.js"
import type { Tenant } from "../Store/Database.js"
import { PaymentStore } from "../Store/PaymentStore.js"
import type * as PaymentStoreErrors from "../Store/PaymentStore.js"
import * as UserActions from "../Store/UserActions.js"
import * as UserStore from "../Store/UserStore.js"
import { ControlApi } from "./ControlApi.js"
import { PaymentNotFound, PaymentRejected, UserNotFound } from "./ControlErrors.js"
import * as ControlTenant from "./Tenant.js"

/**
 * The test user that approves when the request names none (created on first use, per tenant).
 *
 * @since 0.1.0
 * @category Constants
 */
export const DEFAULT_USER_ID = "00000000-0000-4000-8000-000000000001"

/**
 * Balance of the default user: 10,000,000 JPY.
 *
 * @since 0.1.0
 * @category Constants
 */
export const DEFAULT_USER_BALANCE = 10_000_000

/**
 * The tenant's default test user ({@link DEFAULT_USER_ID}, created with {@link DEFAULT_USER_BALANCE} on first use).
 *
 * @since 0.1.0
 * @category User actions
 */
export const defaultUser = (tenant: Tenant): Effect.Effect<string, SqlError, UserStore.UserStore> =>
  Effect.gen(function* () {
    const users = yield* UserStore.UserStore
    const found = yield* users.get(tenant, DEFAULT_USER_ID)
    if (found._tag === "None") {
      yield* users
        .create(tenant, { userAuthorizationId: DEFAULT_USER_ID, balance: DEFAULT_USER_BALANCE })
        .pipe(Effect.catchTag("DuplicateUser", () => Effect.void))
    }
    return DEFAULT_USER_ID
  })

const notFound = (merchantPaymentId: string) =>
  new PaymentNotFound({ merchantPaymentId, message: `no payment ${merchantPaymentId} for this tenant` })

const toControlError =
  (merchantPaymentId: string) =>
  (error: Rejection | PaymentStoreErrors.PaymentNotFound): PaymentNotFound | PaymentRejected => {
    if (error._tag === "PaymentNotFound") return notFound(merchantPaymentId)
    const failure = rejected(error)
    return new PaymentRejected({
      error: error._tag,
      code: failure.code,
      message: resultInfo(failure.code, failure.codeId, failure.detail, failure.rule).message
    })
  }

const unknownUser = (error: UserStore.UserNotFound) =>
  new UserNotFound({
    userAuthorizationId: error.userAuthorizationId,
    message: `no test user ${error.userAuthorizationId} for this tenant (create one with POST /_simulator/users)`
  })

/**
 * The user pays (or authorizes, for a pre-auth code) the tenant's payment `merchantPaymentId`, as
 * `POST /_simulator/payments/{id}/approve` does: as `userAuthorizationId`, else as the tenant's default test user
 * (created on first use). The hosted payment page calls this too, so the page and the API cannot drift.
 *
 * @since 0.1.0
 * @category User actions
 */
export const approve = (
  tenant: Tenant,
  merchantPaymentId: string,
  userAuthorizationId?: string | undefined
): Effect.Effect<Payment, PaymentNotFound | PaymentRejected | UserNotFound, UserActions.Requirements> =>
  Effect.gen(function* () {
    const user = userAuthorizationId ?? (yield* defaultUser(tenant))
    return yield* UserActions.approve(tenant, merchantPaymentId, user).pipe(
      Effect.catchTags({ SqlError: Effect.die, UserNotFound: (error) => Effect.fail(unknownUser(error)) }),
      Effect.mapError((error) => (error._tag === "UserNotFound" ? error : toControlError(merchantPaymentId)(error)))
    )
  }).pipe(Effect.catchTag("SqlError", Effect.die))

/**
 * The user declines the tenant's payment `merchantPaymentId`, as `POST /_simulator/payments/{id}/decline` does
 * (and the hosted payment page's decline button).
 *
 * @since 0.1.0
 * @category User actions
 */
export const decline = (
  tenant: Tenant,
  merchantPaymentId: string
): Effect.Effect<Payment, PaymentNotFound | PaymentRejected, UserActions.Requirements> =>
  UserActions.decline(tenant, merchantPaymentId).pipe(
    Effect.catchTags({ SqlError: Effect.die, UserNotFound: Effect.die }),
    Effect.mapError(toControlError(merchantPaymentId))
  )

/**
 * @since 0.1.0
 * @category Layers
 */
export const layer = HttpApiBuilder.group(ControlApi, "payments", (handlers) =>
  handlers
    .handle("approve", ({ path, payload, request, urlParams }) =>
      Effect.gen(function* () {
        const tenant = yield* ControlTenant.resolve(urlParams, request)
        const payment = yield* approve(tenant, path.merchantPaymentId, payload.userAuthorizationId)
        return { payment: Wire.payment(payment, tenant.merchantId) }
      })
    )
    .handle("decline", ({ path, request, urlParams }) =>
      Effect.gen(function* () {
        const tenant = yield* ControlTenant.resolve(urlParams, request)
        const payment = yield* decline(tenant, path.merchantPaymentId)
        return { payment: Wire.payment(payment, tenant.merchantId) }
      })
    )
    .handle("list", ({ request, urlParams }) =>
      Effect.gen(function* () {
        const tenant = yield* ControlTenant.resolve(urlParams, request)
        const payments = yield* PaymentStore.pipe(
          Effect.flatMap((store) => store.list(tenant)),
          Effect.orDie
        )
        return payments.map((payment) => Wire.payment(payment, tenant.merchantId))
      })
    )
)
