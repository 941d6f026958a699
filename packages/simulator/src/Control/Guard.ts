/**
 * What stands in front of the control API's `HttpApi`: the optional control token, and a forgiving JSON body
 * (an empty POST body counts as `{}`, a JSON body is read as JSON whatever its Content-Type — `curl -d` sends
 * form encoding — and malformed JSON is a 400). Every error body has `error` (a name) and `message`: a schema
 * failure becomes `{ "error": "InvalidRequest", "message": "seconds: is missing", "issues": […] }`, an unknown
 * path a JSON 404.
 *
 * @since 0.1.0
 */
import type * as HttpApp from "@effect/platform/HttpApp"
import * as HttpServerError from "@effect/platform/HttpServerError"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import { timingSafeEqual } from "node:crypto"

const json = (status: number, body: { readonly error: string; readonly message: string }) =>
  HttpServerResponse.unsafeJson(body, { status })

const sameToken = (given: string | undefined, expected: string): boolean => {
  if (given === undefined) return false
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

const authorized = (request: HttpServerRequest.HttpServerRequest, token: string): boolean => {
  const bearer = /^Bearer\s+(.+)$/i.exec(request.headers["authorization"] ?? "")?.[1]
  return sameToken(bearer, token) || sameToken(request.headers["x-simulator-token"], token)
}

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

const isJsonContentType = (request: HttpServerRequest.HttpServerRequest) =>
  (request.headers["content-type"] ?? "").toLowerCase().includes("application/json")

const checked = (api: HttpApp.Default): HttpApp.Default =>
  Effect.gen(function* () {
    const request = yield* HttpServerRequest.HttpServerRequest
    if (request.method !== "POST") return yield* api
    const text = yield* Effect.orElseSucceed(request.text, () => "")
    const body = text.trim() === "" ? "{}" : text
    if (!parse(body).ok) return json(400, { error: "InvalidJson", message: "body: not valid JSON" })
    if (body === text && isJsonContentType(request)) return yield* api
    return yield* Effect.provideService(api, HttpServerRequest.HttpServerRequest, withJsonBody(request, body))
  })

/**
 * Wraps the control API with the token check, the body checks and JSON error bodies.
 *
 * @since 0.1.0
 * @category Middleware
 */
export const guard = (token: string | undefined, api: HttpApp.Default): HttpApp.Default =>
  Effect.gen(function* () {
    const request = yield* HttpServerRequest.HttpServerRequest
    if (token !== undefined && !authorized(request, token)) {
      return json(401, {
        error: "Unauthorized",
        message: "the control API needs `Authorization: Bearer <token>` or `X-Simulator-Token: <token>`"
      })
    }
    return nameDecodeError(yield* checked(api))
  }).pipe(
    Effect.catchAllCause((cause) =>
      Effect.flatMap(HttpServerRequest.HttpServerRequest, (request) => {
        const error = Cause.squash(cause)
        if (typeof error === "object" && error !== null && "_tag" in error && error._tag === "RouteNotFound") {
          return Effect.succeed(
            json(404, { error: "NotFound", message: `no control endpoint ${request.method} ${request.url}` })
          )
        }
        return Effect.zipRight(
          Effect.logError("simulator control API failure", cause),
          Effect.map(HttpServerError.causeResponse(cause), ([response]) => response)
        )
      })
    )
  )
