/**
 * Every PayPay route of the simulator, called once each for one merchant through `PayPayApi.handle` (the handler
 * the socket and the in-process client share), with valid signed requests: the 13 POST endpoints in an order that
 * makes the later calls meaningful (a payment to refund, an authorization to capture, …), then every GET and
 * DELETE. Used to show that one merchant's stored documents change nothing for anyone, and to record the SQL of
 * every request.
 */
import { ResultCodes } from "@paypay-effect/sdk/PayPayError"
import { Effect } from "effect"
import type { SimRequest } from "../../src/Envelope.js"
import * as PayPayApi from "../../src/PayPayApi.js"
import * as SimulatorConfig from "../../src/SimulatorConfig.js"
import { tenant } from "../../src/Store/Database.js"
import { UserStore } from "../../src/Store/UserStore.js"
import { parseJson, postEndpoints, type Raw, signed } from "./wire.js"

export interface Call {
  readonly route: string
  readonly status: number
  readonly code: string
  readonly data: any
}

/** Runs a signed raw request in process. */
export const handle = (raw: Raw) => {
  const [path, query] = raw.path.split("?") as [string, string | undefined]
  const request: SimRequest = {
    method: raw.method,
    path,
    query: new URLSearchParams(query ?? ""),
    headers: raw.headers ?? {},
    body: raw.body ?? ""
  }
  return Effect.map(PayPayApi.handle(request), (outcome) => {
    if ("_tag" in outcome) return { route: `${raw.method} ${path}`, status: 0, code: "DROPPED", data: undefined }
    const json = parseJson(outcome.body) as { resultInfo: { code: string }; data: unknown } | undefined
    return {
      route: `${raw.method} ${path}`,
      status: outcome.status,
      code: json?.resultInfo.code ?? "NOT_JSON",
      data: json?.data
    }
  })
}

/** Whether a call was answered with a documented code and no 5xx. */
export const documented = (call: Call): boolean => call.code in ResultCodes && call.status > 0 && call.status < 500

/**
 * Every route for `merchant`, with `extra` fields (e.g. a maximal `metadata`) merged into each create body.
 * Returns the calls in order.
 */
export const sweep = (merchant: string, id: string, extra: Record<string, unknown> = {}) =>
  Effect.gen(function* () {
    const owner = tenant(SimulatorConfig.defaultCredential.apiKey, merchant)
    const user = `${id}-user`
    yield* Effect.flatMap(UserStore, (users) => users.create(owner, { userAuthorizationId: user }))
    const calls: Array<Call> = []
    const run = (method: string, path: string, body?: unknown) =>
      Effect.tap(
        handle(
          signed({
            method,
            path,
            merchant,
            ...(body === undefined ? {} : { contentType: "application/json", body: JSON.stringify(body) })
          })
        ),
        (call) => Effect.sync(() => calls.push(call))
      )
    const withExtra = (path: string, body: Record<string, unknown>) =>
      [
        "/v2/codes",
        "/v2/payments",
        "/v1/subscription/payments",
        "/v2/payments/preauthorize",
        "/v1/requestOrder"
      ].includes(path)
        ? { ...body, ...extra }
        : body
    let paymentId = "unknown"
    for (const [path, body] of postEndpoints(id, user)) {
      const call = yield* run(
        "POST",
        path,
        withExtra(path, path === "/v2/refunds" || path.endsWith("/revert") ? { ...body, paymentId } : body)
      )
      const data = call.data as { readonly paymentId?: unknown } | undefined
      if (path === "/v2/payments" && typeof data?.paymentId === "string") paymentId = data.paymentId
    }
    yield* run("POST", "/v2/payments/preauthorize", {
      merchantPaymentId: `${id}-held`,
      userAuthorizationId: user,
      amount: { amount: 500, currency: "JPY" },
      requestedAt: Math.floor(Date.now() / 1000)
    })
    const created = calls[0]?.data as { codeId?: string } | undefined
    const q = (params: Record<string, string>) => `?${new URLSearchParams(params).toString()}`
    yield* run("GET", `/v2/codes/payments/${id}-code`)
    yield* run("GET", `/v2/payments/${id}-pay`)
    yield* run("GET", `/v2/payments/${id}-auth`)
    yield* run("GET", `/v1/requestOrder/${id}-req`)
    yield* run("GET", `/v2/refunds/${id}-ref${q({ paymentId })}`)
    yield* run("GET", `/v2/cashback/${id}-cb`)
    yield* run("GET", `/v1/code/topup/${id}-top`)
    yield* run("GET", `/v2/user/authorizations${q({ userAuthorizationId: user })}`)
    yield* run("GET", `/v2/user/profile/secure${q({ userAuthorizationId: user })}`)
    yield* run("GET", `/v2/wallet/check_balance${q({ userAuthorizationId: user, amount: "100", currency: "JPY" })}`)
    yield* run("GET", `/v6/wallet/balance${q({ userAuthorizationId: user, currency: "JPY" })}`)
    yield* run("GET", `/v4/paymentMethods${q({ userAuthorizationId: user })}`)
    yield* run("GET", `/v2/user_authorization${q({ apiKey: SimulatorConfig.defaultCredential.apiKey })}`)
    yield* run("DELETE", `/v2/codes/${created?.codeId ?? "none"}`)
    yield* run("DELETE", `/v2/payments/${id}-sub`)
    yield* run("DELETE", `/v1/requestOrder/${id}-req`)
    yield* run("DELETE", `/v1/code/topup/${id}-none`)
    yield* run("DELETE", `/v2/user/authorizations/${user}`)
    return calls
  })
