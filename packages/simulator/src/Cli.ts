/**
 * The dev server's command line (@effect/cli): `paypay-simulator --port 4010 --db ./sim.db …`, every flag also
 * read from an environment variable. {@link start} serves the simulator (HTTP or HTTPS) and prints the base URL,
 * the credentials to export, the control API and, for TLS, the certificate's SHA-256 fingerprint; then one line
 * per PayPay API request.
 *
 * @since 0.1.0
 */
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as ValidationError from "@effect/cli/ValidationError"
import type * as HttpApp from "@effect/platform/HttpApp"
import * as HttpServer from "@effect/platform/HttpServer"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import type { ServeError } from "@effect/platform/HttpServerError"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import type { SqlError } from "@effect/sql/SqlError"
import * as Config from "effect/Config"
import type { ConfigError } from "effect/ConfigError"
import * as Console from "effect/Console"
import * as Context from "effect/Context"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import type * as Scope from "effect/Scope"
import { rm, writeFile } from "node:fs/promises"
import * as Http from "node:http"
import { tmpdir } from "node:os"
import { join } from "node:path"
import * as ControlApp from "./Control/ControlApp.js"
import { Journal, type Entry } from "./Journal.js"
import * as Server from "./Server.js"
import * as Simulator from "./Simulator.js"
import * as SimulatorConfig from "./SimulatorConfig.js"
import * as Tls from "./Tls.js"

/**
 * Everything the dev server is configured with, after flags and environment variables are merged.
 *
 * @since 0.1.0
 * @category Models
 */
export interface Settings {
  readonly port: number
  readonly host: string
  /** SQLite file; in memory when absent. */
  readonly database: string | undefined
  readonly apiKey: string | undefined
  readonly apiSecret: string | undefined
  readonly merchantId: string
  /** Base URL of the hosted pages (QR `url`); the listening base URL when absent. */
  readonly publicUrl: string | undefined
  readonly controlToken: string | undefined
  /** Browser origins allowed to call the APIs (CORS); off when absent. */
  readonly corsOrigins: ReadonlyArray<string> | undefined
  readonly codeLifetimeSeconds: number
  readonly tls: boolean
  readonly cert: string | undefined
  readonly key: string | undefined
  /** No per-request log lines. */
  readonly quiet: boolean
  /** Default webhook endpoint for every tenant without its own (reference §B.10). */
  readonly webhookUrl?: string | undefined
  /** More `Host` names the control API and pages answer (DNS-rebinding protection, `HostCheck.ts`). */
  readonly allowedHosts?: ReadonlyArray<string> | undefined
}

/**
 * The environment variable behind each setting.
 *
 * @since 0.1.0
 * @category Config
 */
export const ENV = {
  port: "PAYPAY_SIM_PORT",
  host: "PAYPAY_SIM_HOST",
  database: "PAYPAY_SIM_DB",
  apiKey: "PAYPAY_API_KEY",
  apiSecret: "PAYPAY_API_SECRET",
  merchantId: "PAYPAY_MERCHANT_ID",
  publicUrl: "PAYPAY_SIM_PUBLIC_URL",
  controlToken: "PAYPAY_SIM_CONTROL_TOKEN",
  corsOrigins: "PAYPAY_SIM_CORS_ORIGIN",
  codeLifetimeSeconds: "PAYPAY_SIM_CODE_LIFETIME",
  tls: "PAYPAY_SIM_TLS",
  cert: "PAYPAY_SIM_TLS_CERT",
  key: "PAYPAY_SIM_TLS_KEY",
  quiet: "PAYPAY_SIM_QUIET",
  webhookUrl: "PAYPAY_SIM_WEBHOOK_URL",
  allowedHosts: "PAYPAY_SIM_ALLOWED_HOSTS"
} as const

/**
 * The default port.
 *
 * @since 0.1.0
 * @category Config
 */
export const DEFAULT_PORT = 4010

/**
 * Where the control API is mounted.
 *
 * @since 0.1.0
 * @category Config
 */
export const CONTROL_PREFIX = "/_simulator"

const described =
  (description: string, env: string, pseudo?: string) =>
  <A>(self: Options.Options<A>) => {
    const withText = Options.withDescription(self, `${description} Env: ${env}.`)
    return pseudo === undefined ? withText : Options.withPseudoName(withText, pseudo)
  }

const optionalText = (name: string, env: string, pseudo: string, description: string) =>
  Options.text(name).pipe(
    described(description, env, pseudo),
    Options.withFallbackConfig(Config.string(env)),
    Options.optional,
    Options.map(Option.getOrUndefined)
  )

const flag = (name: string, env: string, description: string) =>
  Options.boolean(name).pipe(described(description, env), Options.withFallbackConfig(Config.boolean(env)))

const inRange = (min: number, max: number) => (n: number) =>
  Number.isInteger(n) && n >= min && n <= max ? Option.some(n) : Option.none()

/**
 * The command's options (each with its environment-variable fallback from {@link ENV}).
 *
 * @since 0.1.0
 * @category Config
 */
export const options = {
  port: Options.integer("port").pipe(
    described("Port to listen on; 0 picks a free port (the actual one is printed).", ENV.port, "PORT"),
    Options.withFallbackConfig(Config.integer(ENV.port)),
    Options.withDefault(DEFAULT_PORT),
    Options.filterMap(inRange(0, 65535), "--port must be an integer from 0 to 65535")
  ),
  host: Options.text("host").pipe(
    described("Interface to bind (default 127.0.0.1: loopback only).", ENV.host, "HOST"),
    Options.withFallbackConfig(Config.string(ENV.host)),
    Options.withDefault("127.0.0.1")
  ),
  database: optionalText(
    "db",
    ENV.database,
    "FILE",
    "SQLite file that keeps state across restarts (default: in memory)."
  ),
  apiKey: optionalText(
    "api-key",
    ENV.apiKey,
    "KEY",
    `API key to accept (default: ${SimulatorConfig.defaultCredential.apiKey}).`
  ),
  apiSecret: optionalText(
    "api-secret",
    ENV.apiSecret,
    "SECRET",
    "API secret of --api-key (default: the documented one)."
  ),
  merchantId: Options.text("merchant-id").pipe(
    described(
      `Merchant id printed for clients (default: ${SimulatorConfig.defaultMerchantId}; any id is accepted, each isolated).`,
      ENV.merchantId,
      "ID"
    ),
    Options.withFallbackConfig(Config.string(ENV.merchantId)),
    Options.withDefault(SimulatorConfig.defaultMerchantId)
  ),
  publicUrl: optionalText(
    "public-url",
    ENV.publicUrl,
    "URL",
    "Base URL used in QR `url`s (default: the listening URL)."
  ),
  controlToken: optionalText("control-token", ENV.controlToken, "TOKEN", "Require this token on the control API."),
  corsOrigins: optionalText(
    "cors-origin",
    ENV.corsOrigins,
    "ORIGINS",
    "Let browser pages from these origins (comma-separated, or *) call the PayPay and control APIs (CORS)."
  ).pipe(
    Options.map((text) =>
      text === undefined
        ? undefined
        : text.split(",").flatMap((origin) => (origin.trim() === "" ? [] : [origin.trim()]))
    )
  ),
  codeLifetimeSeconds: Options.integer("code-lifetime").pipe(
    described(
      `Dynamic QR code lifetime in seconds (default: ${SimulatorConfig.defaults.codeLifetimeSeconds}).`,
      ENV.codeLifetimeSeconds,
      "SECONDS"
    ),
    Options.withFallbackConfig(Config.integer(ENV.codeLifetimeSeconds)),
    Options.withDefault(SimulatorConfig.defaults.codeLifetimeSeconds),
    Options.filterMap(inRange(1, 31_536_000), "--code-lifetime must be a positive number of seconds")
  ),
  tls: flag("tls", ENV.tls, "Serve HTTPS with a self-signed certificate generated at start-up."),
  cert: optionalText("cert", ENV.cert, "FILE", "PEM certificate file for HTTPS (with --key; implies --tls)."),
  key: optionalText("key", ENV.key, "FILE", "PEM private key file for HTTPS (with --cert; implies --tls)."),
  quiet: flag("quiet", ENV.quiet, "Do not log one line per request."),
  webhookUrl: optionalText(
    "webhook-url",
    ENV.webhookUrl,
    "URL",
    "POST PayPay webhooks (payment and customer events) here, for every merchant without its own endpoint."
  ),
  allowedHosts: optionalText(
    "allowed-host",
    ENV.allowedHosts,
    "HOSTS",
    "More Host names the control API and pages answer (comma-separated; .example.com = a domain and its " +
      "subdomains; * = any). Loopback names, IP addresses, --host and the --public-url host are always allowed " +
      "(DNS-rebinding protection)."
  ).pipe(
    Options.map((text) =>
      text === undefined ? undefined : text.split(",").flatMap((host) => (host.trim() === "" ? [] : [host.trim()]))
    )
  )
} as const

/**
 * The settings could not be used as given.
 *
 * @since 0.1.0
 * @category Errors
 */
export class CliError extends Data.TaggedError("CliError")<{ readonly detail: string }> {
  override get message(): string {
    return this.detail
  }
}

/**
 * What {@link start} can fail with.
 *
 * @since 0.1.0
 * @category Errors
 */
export type StartError = CliError | Tls.TlsError | ServeError | SqlError | ConfigError

/**
 * A running dev server.
 *
 * @since 0.1.0
 * @category Models
 */
export interface Started {
  readonly baseUrl: string
  readonly port: number
  readonly controlUrl: string
  readonly publicUrl: string
  readonly credential: SimulatorConfig.Credential
  /** Whether the credential is the documented default (then its secret is printed). */
  readonly defaultCredential: boolean
  readonly merchantId: string
  readonly database: string | undefined
  readonly controlToken: string | undefined
  /** The default webhook endpoint, if any. */
  readonly webhookUrl?: string | undefined
  readonly tls: Tls.Material | undefined
  /** The generated certificate written to a temporary file (for `NODE_EXTRA_CA_CERTS`), removed at shutdown. */
  readonly certFile: string | undefined
}

/**
 * How {@link start} is wired: the apps mounted beside the PayPay API (the control API) and where lines go.
 *
 * @since 0.1.0
 * @category Models
 */
export interface StartOptions {
  /** Apps served beside the PayPay API and the control API (which is always mounted at `/_simulator`). */
  readonly mounts?: ReadonlyArray<Server.Mount> | undefined
  /** Prints one line (banner and request log); `Console.log` by default. */
  readonly print?: ((line: string) => Effect.Effect<void>) | undefined
}

const credentialOf = (settings: Settings): Effect.Effect<SimulatorConfig.Credential, CliError> => {
  if (settings.apiKey === undefined && settings.apiSecret === undefined) {
    return Effect.succeed(SimulatorConfig.defaultCredential)
  }
  if (settings.apiKey === undefined || settings.apiSecret === undefined) {
    return Effect.fail(
      new CliError({ detail: `--api-key (${ENV.apiKey}) and --api-secret (${ENV.apiSecret}) go together` })
    )
  }
  return Effect.succeed({ apiKey: settings.apiKey, apiSecret: settings.apiSecret, merchantIds: undefined })
}

const tlsOf = (settings: Settings): Effect.Effect<Tls.Material | undefined, CliError | Tls.TlsError> => {
  if (settings.cert !== undefined && settings.key !== undefined) return Tls.fromFiles(settings.cert, settings.key)
  if (settings.cert !== undefined || settings.key !== undefined) {
    return Effect.fail(new CliError({ detail: "--cert and --key go together" }))
  }
  return settings.tls ? Tls.selfSigned : Effect.succeed(undefined)
}

const displayHost = (host: string): string => {
  if (host === "0.0.0.0" || host === "" || host === "::") return "127.0.0.1"
  return host.includes(":") ? `[${host}]` : host
}

/**
 * One request-log line from a journal entry: time, method, path, status, result code, millis, auth verdict.
 *
 * @since 0.1.0
 * @category Rendering
 */
export const requestLine = (entry: Entry): string =>
  `${clock(entry.at)} ${entry.method} ${entry.path} ${entry.status} ${entry.code} ` +
  `${entry.millis}ms merchant=${entry.merchantId ?? "-"} auth=${entry.auth}` +
  (entry.fault === undefined ? "" : ` fault=${entry.fault}`)

const clock = (millis: number) => new Date(millis).toISOString().slice(11, 23)

const logged = (
  app: HttpApp.Default<never, never>,
  print: (line: string) => Effect.Effect<void>
): HttpApp.Default<never, never> =>
  Effect.flatMap(HttpServerRequest.HttpServerRequest, (request) => {
    const started = Date.now()
    return Effect.tap(app, (response) =>
      print(`${clock(started)} ${request.method} ${request.url} ${response.status} control ${Date.now() - started}ms`)
    )
  })

/**
 * The start-up banner: base URL, credentials as `export` lines, control API with a curl example, the webhook
 * endpoint and, for TLS, the certificate fingerprint.
 *
 * @since 0.1.0
 * @category Rendering
 */
export const banner = (started: Started): ReadonlyArray<string> => {
  const insecure = started.certFile === undefined ? "" : `--cacert ${started.certFile} `
  const guard = started.controlToken === undefined ? "" : `-H "Authorization: Bearer $${ENV.controlToken}" `
  const tenant = `merchantId=${encodeURIComponent(started.merchantId)}`
  return [
    `PayPay simulator listening on ${started.baseUrl}`,
    `  state: ${started.database ?? "in memory (lost at exit; use --db FILE to keep it)"}`,
    ...(started.tls === undefined
      ? []
      : [
          `  TLS certificate SHA-256 fingerprint: ${started.tls.fingerprint256}`,
          ...(started.certFile === undefined
            ? []
            : [
                `  certificate file: ${started.certFile} (trust it in Node: export NODE_EXTRA_CA_CERTS=${started.certFile})`
              ])
        ]),
    "",
    "Point a PayPay client at it:",
    `  export PAYPAY_BASE_URL=${started.baseUrl}`,
    `  export PAYPAY_API_KEY=${started.credential.apiKey}`,
    started.defaultCredential
      ? `  export PAYPAY_API_SECRET=${started.credential.apiSecret}`
      : "  # PAYPAY_API_SECRET: the secret you configured (not printed)",
    `  export PAYPAY_MERCHANT_ID=${started.merchantId}`,
    "",
    `Control API: ${started.controlUrl}${started.controlToken === undefined ? "" : " (token required)"}`,
    `  curl ${insecure}${guard}${started.controlUrl}/health`,
    `  curl ${insecure}${guard}-X POST '${started.controlUrl}/payments/<merchantPaymentId>/approve?${tenant}'` +
      (started.controlToken === undefined ? " -H 'Content-Type: application/json'" : ""),
    "",
    `Dashboard: ${started.baseUrl}/_dashboard (payment pages: ${started.publicUrl}/pay/<codeId>)`,
    started.webhookUrl === undefined
      ? `Webhooks: off (--webhook-url URL, or PUT ${started.controlUrl}/webhooks/endpoint {"url": …})`
      : `Webhooks: POST to ${started.webhookUrl} (schedule A: 2.0 s timeout, 3 retries 100 ms apart)`,
    ""
  ]
}

const writeCertFile = (material: Tls.Material, port: number) =>
  Effect.acquireRelease(
    Effect.promise(async () => {
      const file = join(tmpdir(), `paypay-simulator-${port}-${process.pid}.pem`)
      await writeFile(file, material.cert, { mode: 0o644 })
      return file
    }),
    (file) => Effect.promise(() => rm(file, { force: true }))
  )

const closeServer = (server: Http.Server) =>
  Effect.async<void>((resume) => {
    if (!server.listening) return resume(Effect.void)
    const force = setTimeout(() => server.closeAllConnections(), 2_000)
    server.close(() => {
      clearTimeout(force)
      resume(Effect.void)
    })
  })

/**
 * Serves the simulator until the scope closes: listens (HTTP, or HTTPS with `--tls`/`--cert`), builds the
 * simulator with `publicUrl` defaulting to the listening base URL, prints the banner and logs each request.
 * On close it stops accepting connections first, then closes the database.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const start = (
  settings: Settings,
  startOptions: StartOptions = {}
): Effect.Effect<Started, StartError, Scope.Scope> =>
  Effect.gen(function* () {
    const print = startOptions.print ?? Console.log
    const credential = yield* credentialOf(settings)
    const tls = yield* tlsOf(settings)
    yield* Effect.addFinalizer(() => print("PayPay simulator stopped"))
    let node: Http.Server | undefined
    const listening = yield* Layer.build(
      NodeHttpServer.layer(
        () => {
          node = tls === undefined ? Http.createServer() : Tls.createServer(tls)()
          return node
        },
        { port: settings.port, host: settings.host }
      )
    )
    const address = Context.get(listening, HttpServer.HttpServer).address
    const port = address._tag === "TcpAddress" ? address.port : settings.port
    const baseUrl = `${tls === undefined ? "http" : "https"}://${displayHost(settings.host)}:${port}`
    const publicUrl = settings.publicUrl ?? baseUrl
    const simulator = yield* Layer.build(
      Simulator.layer({
        database: settings.database,
        credentials: [credential],
        codeLifetimeSeconds: settings.codeLifetimeSeconds,
        publicUrl,
        controlToken: settings.controlToken,
        corsOrigins: settings.corsOrigins,
        allowedHosts: [settings.host, ...(settings.allowedHosts ?? [])],
        webhooks: { url: settings.webhookUrl }
      })
    )
    const journal = Context.get(simulator, Journal)
    const logging = settings.quiet
      ? journal
      : Journal.of({ ...journal, record: (entry) => Effect.zipRight(journal.record(entry), print(requestLine(entry))) })
    const context = Context.merge(listening, Context.add(simulator, Journal, logging))
    const control = yield* ControlApp.make.pipe(Effect.provide(context))
    const mounts: ReadonlyArray<Server.Mount> = [
      { prefix: CONTROL_PREFIX, app: settings.quiet ? control : logged(control, print) },
      ...(startOptions.mounts ?? []),
      ...Server.webMounts
    ]
    const server = node
    yield* (
      server === undefined ? Layer.build(HttpServer.serve(Server.app(mounts))) : Server.serve(server, mounts)
    ).pipe(Effect.provide(context))
    if (server !== undefined) yield* Effect.addFinalizer(() => closeServer(server))
    const certFile = tls?.selfSigned === true ? yield* writeCertFile(tls, port) : undefined
    const started: Started = {
      baseUrl,
      port,
      controlUrl: `${baseUrl}${CONTROL_PREFIX}`,
      publicUrl,
      credential,
      defaultCredential:
        credential.apiKey === SimulatorConfig.defaultCredential.apiKey &&
        credential.apiSecret === SimulatorConfig.defaultCredential.apiSecret,
      merchantId: settings.merchantId,
      database: settings.database,
      controlToken: settings.controlToken,
      webhookUrl: settings.webhookUrl,
      tls,
      certFile
    }
    yield* Effect.forEach(banner(started), (line) => print(line), { discard: true })
    return started
  })

/**
 * Settings with every default applied (what the CLI gives when nothing is set), for in-process use.
 *
 * @since 0.1.0
 * @category Config
 */
export const defaultSettings: Settings = {
  port: DEFAULT_PORT,
  host: "127.0.0.1",
  database: undefined,
  apiKey: undefined,
  apiSecret: undefined,
  merchantId: SimulatorConfig.defaultMerchantId,
  publicUrl: undefined,
  controlToken: undefined,
  corsOrigins: undefined,
  codeLifetimeSeconds: SimulatorConfig.defaults.codeLifetimeSeconds,
  tls: false,
  cert: undefined,
  key: undefined,
  quiet: false,
  webhookUrl: undefined,
  allowedHosts: undefined
}

/**
 * The command with a custom handler for the parsed settings (tests parse without serving).
 *
 * @since 0.1.0
 * @category Constructors
 */
export const makeCommand = <R, E>(handler: (settings: Settings) => Effect.Effect<void, E, R>) =>
  Command.make("paypay-simulator", options, handler).pipe(
    Command.withDescription("A local, stateful PayPay Open Payment API sandbox with a control API under /_simulator.")
  )

/**
 * Serves until interrupted (SIGINT/SIGTERM under `NodeRuntime.runMain`).
 *
 * @since 0.1.0
 * @category Constructors
 */
export const serve = (settings: Settings, startOptions: StartOptions = {}): Effect.Effect<never, StartError> =>
  Effect.scoped(Effect.zipRight(start(settings, startOptions), Effect.never))

/**
 * Parses `argv` (as `process.argv`) and serves. Start-up failures are printed as one line and fail the effect;
 * argument errors are printed with the usage by @effect/cli.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const run = (argv: ReadonlyArray<string>, startOptions: StartOptions = {}) =>
  Command.run(
    makeCommand((settings) => serve(settings, startOptions)),
    {
      name: "paypay-simulator",
      version: "0.1.0"
    }
  )(argv).pipe(
    Effect.tapError((error) =>
      ValidationError.isValidationError(error) ? Effect.void : Console.error(`paypay-simulator: ${describe(error)}`)
    )
  )

const describe = (error: StartError): string => {
  switch (error._tag) {
    case "ServeError": {
      const cause = error.cause as { readonly code?: string; readonly message?: string } | undefined
      return cause?.code === "EADDRINUSE"
        ? "the port is already in use (choose another with --port, or --port 0 for a free one)"
        : `cannot listen: ${cause?.message ?? String(error.cause)}`
    }
    case "SqlError":
      return `database: ${error.message}`
    default:
      return error.message
  }
}
