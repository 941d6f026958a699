/**
 * The simulator's PayPay API as one transport-independent handler: `SimRequest → SimResponse`. It runs checks
 * in a fixed order — authentication, routing, JSON parsing, fault rules, then the route (validation and state) —
 * and journals every request. The HTTP server and the in-process client both call {@link handle}.
 *
 * @since 0.1.0
 */
import * as Cause from "effect/Cause"
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
import { ApiFailure, renderFailure, renderReply, type SimRequest, type TextRequest } from "./Envelope.js"
import { Faults, type Outcome } from "./Faults.js"
import * as Router from "./internal/router.js"
import { type Entry, Journal } from "./Journal.js"
import * as Limits from "./Limits.js"
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

const invalid = (detail: string) => Either.left(new ApiFailure({ code: "INVALID_REQUEST_PARAMS", detail }))

/**
 * The verified body bytes as text and JSON, in this order: strict UTF-8, then the nesting depth (before
 * `JSON.parse`, so nothing downstream ever walks an unbounded structure), then JSON.
 */
const parseBody = (
  body: string | Uint8Array
): Either.Either<{ readonly text: string; readonly json: unknown }, ApiFailure> => {
  const decoded = Limits.decodeUtf8(body)
  if ("invalidAt" in decoded) {
    return invalid(`body: not valid UTF-8 (first invalid byte at offset ${decoded.invalidAt})`)
  }
  const text = decoded.text
  if (text.trim() === "") return Either.right({ text, json: undefined })
  if (Limits.exceedsDepth(text)) {
    return invalid(`body: JSON nested deeper than ${Limits.MAX_JSON_DEPTH} levels`)
  }
  try {
    return Either.right({ text, json: JSON.parse(text) })
  } catch {
    return invalid("body: not valid JSON")
  }
}

const defect = (requestId: string) => (error: unknown) =>
  Effect.as(
    Effect.logError("PayPay API route failed", Cause.die(error)),
    renderFailure(
      new ApiFailure({ code: "INTERNAL_SERVER_ERROR", codeId: "08101000", detail: "simulator defect (logged)" }),
      requestId
    )
  )

/**
 * Handles one PayPay API request. Written without `Effect.gen` and with one read of each service: it runs for
 * every request, so it is kept to a handful of effect steps around the route itself. A body the transport refused
 * to read (`tooLarge`, over `Limits.MAX_BODY_BYTES`) is answered `413` in the envelope before anything else; a
 * defect of a route is logged and answered `500 INTERNAL_SERVER_ERROR` in the envelope.
 *
 * @since 0.1.0
 * @category Handlers
 */
export const handle = (
  request: SimRequest,
  options?: { readonly tooLarge?: boolean | undefined }
): Effect.Effect<Outcome, never, Services | Journal | Faults | SimulatorConfig | Merchants> =>
  Effect.flatMap(Ids.requestId, (requestId) =>
    Effect.contextWithEffect((context: Context.Context<Journal | Faults | SimulatorConfig | Merchants>) =>
      Effect.clockWith((clock) => {
        const started = clock.unsafeCurrentTimeMillis()
        const matched = match(request.method, request.path)
        const operation = matched?.value.operation ?? "unknown"
        const auth =
          options?.tooLarge === true
            ? Either.left(new ApiFailure({ code: "UNAUTHORIZED", detail: "not checked: body too large" }))
            : Auth.verify(request, Context.get(context, SimulatorConfig), started, Context.get(context, Merchants))
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
        if (options?.tooLarge === true) return finish(renderFailure(tooLarge, requestId), undefined)
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
        const body = parseBody(request.body)
        if (Either.isLeft(body)) return finish(renderFailure(body.left, requestId), undefined)
        const { text, json } = body.right
        const run = matched.value
          .handler({ tenant, params: matched.params, query: request.query, body: json, requestId })
          .pipe(
            Effect.map((reply) => renderReply(reply, requestId)),
            Effect.catchAll((failure) => Effect.succeed(renderFailure(failure, requestId))),
            Effect.catchAllDefect(defect(requestId))
          )
        const textRequest: TextRequest =
          typeof request.body === "string" ? (request as TextRequest) : { ...request, body: text }
        return Effect.flatMap(
          Context.get(context, Faults).around({ operation, tenant, request: textRequest, requestId }, run),
          (result) => finish(result.outcome, result.fault)
        )
      })
    )
  )

/**
 * PayPay documents no body limit and no 413 (an inference: the envelope's invalid-params code, with the HTTP status
 * every client understands for "too large").
 */
const tooLarge = new ApiFailure({
  code: "INVALID_REQUEST_PARAMS",
  status: 413,
  detail: `body: larger than ${Limits.MAX_BODY_BYTES} bytes`
})

const codeOf = (body: string): string => {
  const match = /"code":"([A-Z_]+)"/.exec(body)
  return match?.[1] ?? "?"
}
