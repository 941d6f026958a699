/**
 * What stands in front of the control API's `HttpApi`, in this order:
 *
 * 1. the `Host` check (DNS-rebinding protection, `HostCheck.ts`) → 403 `ForbiddenHost`;
 * 2. the optional control token → 401 `Unauthorized`;
 * 3. for a state change (`POST`, `PUT`, `PATCH`, `DELETE`) without the token, `Content-Type: application/json`
 *    → 415 `UnsupportedMediaType`: a cross-site page can send a form or a `text/plain` body without asking, but not
 *    JSON (the Fetch standard's CORS-safelisted Content-Types are the only ones sent without a preflight, and the
 *    preflight is granted only to `--cors-origin`; the rule itself is the simulator's own choice);
 * 4. the body: at most `Limits.MAX_CONTROL_BODY_BYTES` (→ 413 `PayloadTooLarge`), nested at most
 *    `Limits.MAX_JSON_DEPTH` levels and valid JSON (→ 400 `InvalidJson`); an empty body counts as `{}`.
 *
 * Every error body has `error` (a name) and `message`: a schema failure becomes
 * `{ "error": "InvalidRequest", "message": "seconds: is missing", "issues": […] }`, an unknown path a JSON 404, a
 * defect a logged `500 InternalError`.
 *
 * @since 0.1.0
 */
import type * as HttpApp from "@effect/platform/HttpApp"
import * as HttpIncomingMessage from "@effect/platform/HttpIncomingMessage"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { timingSafeEqual } from "node:crypto"
import * as HostCheck from "../HostCheck.js"
import * as Limits from "../Limits.js"

/**
 * What the guard checks requests against.
 *
 * @since 0.1.0
 * @category Models
 */
export interface Options {
  /** When set, every request needs it (`Authorization: Bearer …` or `X-Simulator-Token`). */
  readonly token?: string | undefined
  /** The `Host` rule's settings (`HostCheck.allowed`); no `Host` check when absent. */
  readonly hosts?: Parameters<typeof HostCheck.allowed>[1] | undefined
}

const json = (status: number, body: { readonly error: string; readonly message: string }) =>
  HttpServerResponse.unsafeJson(body, { status })

/** Constant-time equality of the whole token: a prefix, an extension or an empty value never matches. */
const sameToken = (given: string | undefined, expected: string): boolean => {
  if (given === undefined || expected === "") return false
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

/**
 * Whether the request carries `token`, as `Authorization: Bearer <token>` or `X-Simulator-Token: <token>`.
 *
 * @since 0.1.0
 * @category Guards
 */
export const authorized = (headers: Readonly<Record<string, string | undefined>>, token: string): boolean => {
  const bearer = /^Bearer\s+(.+)$/i.exec(headers["authorization"] ?? "")?.[1]
  return sameToken(bearer, token) || sameToken(headers["x-simulator-token"], token)
}

/**
 * Whether a `Content-Type` value is JSON: its media type (before any `;` parameter) is `application/json`. A
 * CORS-safelisted type with `application/json` only in a parameter (`text/plain; x=application/json`) is not.
 *
 * @since 0.1.0
 * @category Guards
 */
export const isJson = (contentType: string | undefined): boolean =>
  (contentType ?? "").split(";")[0]!.trim().toLowerCase() === "application/json"

const STATE_CHANGES: ReadonlyArray<string> = ["POST", "PUT", "PATCH", "DELETE"]

const parse = (text: string): { readonly ok: boolean; readonly value: any } => {
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch {
    return { ok: false, value: undefined }
  }
}

const withJsonBody = (request: HttpServerRequest.HttpServerRequest, body: string) =>
  HttpServerRequest.fromWeb(
    new Request(new URL(request.url, "http://simulator"), {
      method: request.method,
      headers: { ...request.headers, "content-type": "application/json" },
      body
    })
  )

const decoder = new TextDecoder()

interface Issue {
  readonly path: ReadonlyArray<PropertyKey>
  readonly message: string
}

const describeIssues = (issues: ReadonlyArray<Issue>) =>
  issues.map((issue) => `${issue.path.length === 0 ? "body" : issue.path.join(".")}: ${issue.message}`).join("; ")

const nameDecodeError = (response: HttpServerResponse.HttpServerResponse) => {
  if (response.status !== 400 || response.body._tag !== "Uint8Array") return response
  const body = parse(decoder.decode(response.body.body)).value
  if (body?._tag !== "HttpApiDecodeError") return response
  const message = Array.isArray(body.issues) ? describeIssues(body.issues) : body.message
  return HttpServerResponse.unsafeJson({ error: "InvalidRequest", ...body, message }, { status: 400 })
}

const tooLarge = json(413, {
  error: "PayloadTooLarge",
  message: `the control API reads bodies of at most ${Limits.MAX_CONTROL_BODY_BYTES} bytes`
})

/** The body as text, or `undefined` when it is over the limit (or could not be read: then nobody hears the answer). */
const bodyText = (request: HttpServerRequest.HttpServerRequest): Effect.Effect<string | undefined> => {
  const declared = Number(request.headers["content-length"] ?? 0)
  if (declared > Limits.MAX_CONTROL_BODY_BYTES) return Effect.succeed(undefined)
  return request.text.pipe(
    HttpIncomingMessage.withMaxBodySize(Option.some(Limits.MAX_CONTROL_BODY_BYTES)),
    Effect.map((text) => (Buffer.byteLength(text) > Limits.MAX_CONTROL_BODY_BYTES ? undefined : text)),
    Effect.orElseSucceed(() => undefined)
  )
}

const checked = (api: HttpApp.Default): HttpApp.Default =>
  Effect.gen(function* () {
    const request = yield* HttpServerRequest.HttpServerRequest
    if (!STATE_CHANGES.includes(request.method)) return yield* api
    const text = yield* bodyText(request)
    if (text === undefined) return tooLarge
    const body = text.trim() === "" ? "{}" : text
    if (Limits.exceedsDepth(body)) {
      return json(400, {
        error: "InvalidJson",
        message: `body: JSON nested deeper than ${Limits.MAX_JSON_DEPTH} levels`
      })
    }
    if (!parse(body).ok) return json(400, { error: "InvalidJson", message: "body: not valid JSON" })
    if (body === text && isJson(request.headers["content-type"])) return yield* api
    return yield* Effect.provideService(api, HttpServerRequest.HttpServerRequest, withJsonBody(request, body))
  })

const refuse = (request: HttpServerRequest.HttpServerRequest, options: Options) => {
  const host = request.headers["host"]
  if (options.hosts !== undefined && host !== undefined && !HostCheck.allowed(host, options.hosts)) {
    return json(403, { error: "ForbiddenHost", message: HostCheck.refusal(host) })
  }
  const token = options.token
  if (token !== undefined && !authorized(request.headers, token)) {
    return json(401, {
      error: "Unauthorized",
      message: "the control API needs `Authorization: Bearer <token>` or `X-Simulator-Token: <token>`"
    })
  }
  if (token === undefined && STATE_CHANGES.includes(request.method) && !isJson(request.headers["content-type"])) {
    return json(415, {
      error: "UnsupportedMediaType",
      message:
        `${request.method} on the control API needs \`Content-Type: application/json\` (or the control token): ` +
        "this keeps other web pages from changing the simulator with a form post (CSRF)"
    })
  }
  return undefined
}

/**
 * Wraps the control API with the `Host`, token, Content-Type and body checks and JSON error bodies.
 *
 * @since 0.1.0
 * @category Middleware
 */
export const guard = (options: Options, api: HttpApp.Default): HttpApp.Default =>
  Effect.gen(function* () {
    const request = yield* HttpServerRequest.HttpServerRequest
    return refuse(request, options) ?? nameDecodeError(yield* checked(api))
  }).pipe(
    Effect.catchAllCause((cause) =>
      Effect.flatMap(HttpServerRequest.HttpServerRequest, (request) => {
        const error = Cause.squash(cause)
        if (typeof error === "object" && error !== null && "_tag" in error && error._tag === "RouteNotFound") {
          return Effect.succeed(
            json(404, { error: "NotFound", message: `no control endpoint ${request.method} ${request.url}` })
          )
        }
        return Effect.as(
          Effect.logError("simulator control API failure", cause),
          json(500, { error: "InternalError", message: "the simulator failed on this request; see its log" })
        )
      })
    )
  )
