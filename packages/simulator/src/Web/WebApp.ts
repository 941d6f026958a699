/**
 * The hosted pages as one `HttpApp`, and the mounts that `Server.layer` and the dev server serve by default:
 *
 * | Route | Page |
 * | --- | --- |
 * | `GET/POST /pay/{codeId}`, `GET /pay/{codeId}/result` | payment page of a dynamic QR code (`Web/PayPage.ts`) |
 * | `GET/POST /link/{sessionId}` | account-link QR consent page (`Web/LinkPage.ts`) |
 * | `GET/POST /app/opa/user_authorization` | web authorization consent page (`Web/LinkPage.ts`) |
 * | `GET /_dashboard` | live dashboard (`Web/Dashboard.ts`) |
 *
 * Unknown paths under these prefixes get an HTML 404; a defect gets an HTML 500 (and is logged). A request whose
 * `Host` is not this simulator's (`HostCheck.ts`, DNS-rebinding protection) gets an HTML 403; a form body is read
 * up to `Limits.MAX_CONTROL_BODY_BYTES`.
 *
 * @since 0.1.0
 */
import type * as HttpApp from "@effect/platform/HttpApp"
import * as HttpIncomingMessage from "@effect/platform/HttpIncomingMessage"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as HostCheck from "../HostCheck.js"
import * as Limits from "../Limits.js"
import type * as Simulator from "../Simulator.js"
import { SimulatorConfig } from "../SimulatorConfig.js"
import * as Dashboard from "./Dashboard.js"
import * as Layout from "./Layout.js"
import * as LinkPage from "./LinkPage.js"
import * as PayPage from "./PayPage.js"

const router = HttpRouter.empty.pipe(
  HttpRouter.get("/pay/:codeId", PayPage.show),
  HttpRouter.post("/pay/:codeId", PayPage.act),
  HttpRouter.get("/pay/:codeId/result", PayPage.result),
  HttpRouter.get("/link/:sessionId", LinkPage.showSession),
  HttpRouter.post("/link/:sessionId", LinkPage.answerSession),
  HttpRouter.get(LinkPage.AUTHORIZATION_PATH, LinkPage.authorize),
  HttpRouter.post(LinkPage.AUTHORIZATION_PATH, LinkPage.authorizeAnswer),
  HttpRouter.get(Dashboard.PATH, Dashboard.show)
)

/**
 * Every hosted page.
 *
 * @since 0.1.0
 * @category Apps
 */
export const app: HttpApp.Default<never, Simulator.Services> = Effect.gen(function* () {
  const request = yield* HttpServerRequest.HttpServerRequest
  const config = yield* SimulatorConfig
  const host = request.headers["host"]
  if (host !== undefined && !HostCheck.allowed(host, config)) {
    return Layout.errorPage({ status: 403, title: "Host not allowed", message: HostCheck.refusal(host) })
  }
  return yield* HttpIncomingMessage.withMaxBodySize(router, Option.some(Limits.MAX_CONTROL_BODY_BYTES))
}).pipe(
  Effect.catchTag("RouteNotFound", () =>
    Effect.succeed(Layout.errorPage({ status: 404, title: "Not found", message: "There is no page here." }))
  ),
  Effect.catchAllCause((cause) =>
    Effect.as(
      Effect.logError("simulator web page failure", cause),
      Layout.errorPage({ status: 500, title: "Simulator error", message: "The page failed; see the server log." })
    )
  )
)

/**
 * The path prefixes of the hosted pages.
 *
 * @since 0.1.0
 * @category Constants
 */
export const PREFIXES: ReadonlyArray<string> = ["/pay", "/link", LinkPage.AUTHORIZATION_PATH, Dashboard.PATH]

/**
 * The hosted pages as `Server.Mount`s (one per prefix, all served by {@link app}).
 *
 * @since 0.1.0
 * @category Apps
 */
export const mounts: ReadonlyArray<{
  readonly prefix: string
  readonly app: HttpApp.Default<never, Simulator.Services>
}> = PREFIXES.map((prefix) => ({ prefix, app }))
