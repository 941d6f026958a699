/**
 * The simulator's PayPay API as one transport-independent handler: `SimRequest → SimResponse`. It runs checks
 * in a fixed order — authentication, routing, JSON parsing, fault rules, then the route (validation and state) —
 * and journals every request. The HTTP server and the in-process client both call {@link handle}.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Cashback from "./Api/Cashback.js"
import * as Codes from "./Api/Codes.js"
import * as Payments from "./Api/Payments.js"
import * as PendingPayments from "./Api/PendingPayments.js"
import * as Preauth from "./Api/Preauth.js"
import * as Refunds from "./Api/Refunds.js"
import * as Topup from "./Api/Topup.js"
import * as UserAuthorization from "./Api/UserAuthorization.js"
import * as Users from "./Api/Users.js"
import * as Wallet from "./Api/Wallet.js"
import type { Route } from "./Api/Route.js"
import * as Auth from "./Auth.js"
import * as Ids from "./Domain/Ids.js"
import { ApiFailure, renderFailure, renderReply, type SimRequest } from "./Envelope.js"
import { Faults, type Outcome } from "./Faults.js"
import * as Router from "./internal/router.js"
import { type Entry, Journal } from "./Journal.js"
import { SimulatorConfig } from "./SimulatorConfig.js"
import { Merchants } from "./Store/Merchants.js"

/**
 * Every PayPay route the simulator serves, family by family (mirroring the SDK's modules).
 *
 * @since 0.1.0
 * @category Routes
 */
export const routes = [
  ...Codes.routes,
  ...Payments.routes,
  ...Refunds.routes,
  ...Preauth.routes,
  ...PendingPayments.routes,
  ...Users.routes,
  ...UserAuthorization.routes,
  ...Wallet.routes,
  ...Cashback.routes,
  ...Topup.routes
] as const

/**
 * The services the routes need.
 *
 * @since 0.1.0
 * @category Models
 */
export type Services = (typeof routes)[number] extends Route<infer R> ? R : never

const match = Router.make(
  routes.map((route) => ({ method: route.method, path: route.path, value: route as Route<Services> }))
)

const parseJson = (text: string): Either.Either<unknown, ApiFailure> => {
  if (text.trim() === "") return Either.right(undefined)
  try {
    return Either.right(JSON.parse(text))
  } catch {
    return Either.left(new ApiFailure({ code: "INVALID_REQUEST_PARAMS", detail: "body: not valid JSON" }))
  }
}

/**
 * Handles one PayPay API request. Written without `Effect.gen` and with one read of each service: it runs for
 * every request, so it is kept to a handful of effect steps around the route itself.
 *
 * @since 0.1.0
 * @category Handlers
 */
export const handle = (
  request: SimRequest
): Effect.Effect<Outcome, never, Services | Journal | Faults | SimulatorConfig | Merchants> =>
  Effect.flatMap(Ids.requestId, (requestId) =>
    Effect.contextWithEffect((context: Context.Context<Journal | Faults | SimulatorConfig | Merchants>) =>
      Effect.clockWith((clock) => {
        const started = clock.unsafeCurrentTimeMillis()
        const matched = match(request.method, request.path)
        const operation = matched?.value.operation ?? "unknown"
        const auth = Auth.verify(
          request,
          Context.get(context, SimulatorConfig),
          started,
          Context.get(context, Merchants)
        )
        const finish = (outcome: Outcome, fault: string | undefined) => {
          const finished = clock.unsafeCurrentTimeMillis()
          const entry: Entry = {
            at: finished,
            requestId,
            method: request.method,
            path: request.path,
            operation,
            apiKey: Either.isRight(auth) ? auth.right.tenant.apiKey : undefined,
            merchantId: Auth.merchantOf(request),
            auth: Either.isRight(auth) ? "ok" : (auth.left.detail ?? "unauthorized"),
            status: "status" in outcome ? outcome.status : 0,
            code: "body" in outcome ? (outcome.code ?? codeOf(outcome.body)) : "DROPPED",
            fault,
            millis: finished - started,
            ...("warning" in outcome && outcome.warning !== undefined ? { warning: outcome.warning } : {})
          }
          return Effect.as(Context.get(context, Journal).record(entry), outcome)
        }
        if (Either.isLeft(auth)) return finish(renderFailure(auth.left, requestId), undefined)
        if (matched === undefined) {
          const failure = new ApiFailure({
            code: "RESOURCE_NOT_FOUND",
            detail: `no such API: ${request.method} ${request.path}`,
            rule: "envelope.unknown-path"
          })
          return finish(renderFailure(failure, requestId), undefined)
        }
        const tenant = auth.right.tenant
        const body = parseJson(request.body)
        const run = Either.isLeft(body)
          ? Effect.succeed(renderFailure(body.left, requestId))
          : matched.value
              .handler({ tenant, params: matched.params, query: request.query, body: body.right, requestId })
              .pipe(
                Effect.map((reply) => renderReply(reply, requestId)),
                Effect.catchAll((failure) => Effect.succeed(renderFailure(failure, requestId)))
              )
        return Effect.flatMap(
          Context.get(context, Faults).around({ operation, tenant, request, requestId }, run),
          (result) => finish(result.outcome, result.fault)
        )
      })
    )
  )

const codeOf = (body: string): string => {
  const match = /"code":"([A-Z_]+)"/.exec(body)
  return match?.[1] ?? "?"
}
