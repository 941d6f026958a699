/**
 * The dev server's command line (@effect/cli): `paypay-simulator --port 4010 --db ./sim.db …`, every flag also
 * read from an environment variable. {@link start} serves the simulator (HTTP or HTTPS) and prints the base URL,
 * the credentials to export, the control API and, for TLS, the certificate's SHA-256 fingerprint; then one line
 * per PayPay API request. {@link run} speaks to the user: a `--help` that fits a screen and argument errors that
 * name the flag and suggest the nearest one (`CliHelp.ts`), start-up errors as one line with their cause and a hint
 * (`CliErrors.ts`). Relative paths (`--db`, `--cert`, `--key`) start from the directory the command was run from
 * (`INIT_CWD`, which pnpm and npm set when they run the script from the package folder), and the banner prints them
 * absolute.
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
import * as CliErrors from "./CliErrors.js"
import { absolutePath } from "./CliErrors.js"
import * as CliHelp from "./CliHelp.js"
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
  /** The first registered merchant: printed for clients and used in the banner's examples. */
  readonly merchantId: string
  /** Every merchant registered for the API key besides `merchantId` (ledger: auth.merchant). */
  readonly merchantIds?: ReadonlyArray<string> | undefined
  /** Accept any merchant id (and none), each with its own data, instead of only the registered ones. */
  readonly anyMerchant?: boolean | undefined
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
  anyMerchant: "PAYPAY_SIM_ANY_MERCHANT",
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

/**
 * Describes an option for @effect/cli and registers it for the help and the argument checks (`CliHelp.ts`).
 * `kind` tells the checks whether the flag takes a value, and of which sort.
 */
const described =
  (name: string, description: string, env: string, pseudo?: string, kind: CliHelp.Flag["kind"] = "text") =>
  <A>(self: Options.Options<A>) => {
    CliHelp.register({ flag: `--${name}`, value: pseudo, kind, env, description })
    const withText = Options.withDescription(self, `${description} Env: ${env}.`)
    return pseudo === undefined ? withText : Options.withPseudoName(withText, pseudo)
  }

const optionalText = (name: string, env: string, pseudo: string, description: string) =>
  Options.text(name).pipe(
    described(name, description, env, pseudo),
    Options.withFallbackConfig(Config.string(env)),
    Options.optional,
    Options.map(Option.getOrUndefined)
  )

const flag = (name: string, env: string, description: string) =>
  Options.boolean(name).pipe(
    described(name, description, env, undefined, "switch"),
    Options.withFallbackConfig(Config.boolean(env))
  )

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
    described(
      "port",
      "Port to listen on; 0 picks a free port (the actual one is printed).",
      ENV.port,
      "PORT",
      "integer"
    ),
    Options.withFallbackConfig(Config.integer(ENV.port)),
    Options.withDefault(DEFAULT_PORT),
    Options.filterMap(inRange(0, 65535), "--port must be an integer from 0 to 65535")
  ),
  host: Options.text("host").pipe(
    described("host", "Interface to bind (default 127.0.0.1: loopback only).", ENV.host, "HOST"),
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
  merchantIds: Options.text("merchant-id").pipe(
    described(
      "merchant-id",
      `Merchant id to accept for the API key; repeat it or separate ids with commas (default: ${SimulatorConfig.defaultMerchantId}). ` +
        "Requests naming another merchant, or none, are answered 401 UNAUTHORIZED, as PayPay does.",
      ENV.merchantId,
      "ID"
    ),
    Options.repeated,
    Options.mapEffect((given) =>
      Effect.map(
        given.length > 0
          ? Effect.succeed(given)
          : Config.string(ENV.merchantId).pipe(
              Config.map((text) => [text]),
              Config.withDefault([] as Array<string>),
              Effect.orElseSucceed(() => [] as Array<string>)
            ),
        merchantIdList
      )
    )
  ),
  anyMerchant: flag(
    "any-merchant",
    ENV.anyMerchant,
    "Accept any merchant id (or none), each with its own isolated data, instead of only the registered ones."
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
      "code-lifetime",
      `Dynamic QR code lifetime in seconds (default: ${SimulatorConfig.defaults.codeLifetimeSeconds}).`,
      ENV.codeLifetimeSeconds,
      "SECONDS",
      "integer"
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
 * The merchant ids of `--merchant-id` values (repeated and/or comma-separated), in order, without blanks or
 * repeats; the default merchant when there are none.
 *
 * @since 0.1.0
 * @category Config
 */
export const merchantIdList = (values: ReadonlyArray<string>): ReadonlyArray<string> => {
  const ids = [...new Set(values.flatMap((value) => value.split(",")).map((id) => id.trim()))].filter((id) => id !== "")
  return ids.length === 0 ? [SimulatorConfig.defaultMerchantId] : ids
}

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
  /** The merchants registered for the credential (ledger: auth.merchant). */
  readonly merchantIds?: ReadonlyArray<string> | undefined
  /** Whether any merchant id is accepted. */
  readonly anyMerchant?: boolean | undefined
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
  /** Prints one line (banner, help and request log); `Console.log` by default. */
  readonly print?: ((line: string) => Effect.Effect<void>) | undefined
  /** Prints one error line ({@link run}); `Console.error` by default. */
  readonly printError?: ((line: string) => Effect.Effect<void>) | undefined
  /** Whether `--help` may use ANSI colours; by default when stdout is a terminal and `NO_COLOR` is unset. */
  readonly color?: boolean | undefined
}

const credentialOf = (settings: Settings): Effect.Effect<SimulatorConfig.Credential, CliError> => {
  const merchantIds = [...new Set([settings.merchantId, ...(settings.merchantIds ?? [])])]
  if (settings.apiKey === undefined && settings.apiSecret === undefined) {
    return Effect.succeed({ ...SimulatorConfig.defaultCredential, merchantIds })
  }
  if (settings.apiKey === undefined || settings.apiSecret === undefined) {
    return Effect.fail(
      new CliError({ detail: `--api-key (${ENV.apiKey}) and --api-secret (${ENV.apiSecret}) go together` })
    )
  }
  return Effect.succeed({ apiKey: settings.apiKey, apiSecret: settings.apiSecret, merchantIds })
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
 * One request-log line from a journal entry: time, method, path, status, result code, millis, auth verdict, and the
 * fault and warning when there are any.
 *
 * @since 0.1.0
 * @category Rendering
 */
export const requestLine = (entry: Entry): string =>
  `${clock(entry.at)} ${entry.method} ${entry.path} ${entry.status} ${entry.code} ` +
  `${entry.millis}ms merchant=${entry.merchantId ?? "-"} auth=${entry.auth}` +
  (entry.fault === undefined ? "" : ` fault=${entry.fault}`) +
  (entry.warning === undefined ? "" : ` warning=${entry.warning}`)

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
    started.anyMerchant === true
      ? "  # any merchant id is accepted (--any-merchant), each with its own data"
      : `  # merchants accepted for this key: ${(started.merchantIds ?? [started.merchantId]).join(", ")} (others: 401 UNAUTHORIZED)`,
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
 * A relative `database` path is made absolute against the current directory (the CLI resolves it against
 * `INIT_CWD` first). On close it stops accepting connections first, then closes the database, and prints
 * `PayPay simulator stopped` — only if it had started.
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
    let up = false
    yield* Effect.addFinalizer(() => (up ? print("PayPay simulator stopped") : Effect.void))
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
    const database = absolutePath(process.cwd(), settings.database)
    const simulator = yield* Layer.build(
      Simulator.layer({
        database,
        credentials: [credential],
        codeLifetimeSeconds: settings.codeLifetimeSeconds,
        publicUrl,
        controlToken: settings.controlToken,
        corsOrigins: settings.corsOrigins,
        anyMerchant: settings.anyMerchant,
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
      merchantIds: SimulatorConfig.merchantsOf(credential).map((merchant) => merchant.merchantId),
      anyMerchant: settings.anyMerchant === true,
      database,
      controlToken: settings.controlToken,
      webhookUrl: settings.webhookUrl,
      tls,
      certFile
    }
    yield* Effect.forEach(banner(started), (line) => print(line), { discard: true })
    up = true
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
  merchantIds: undefined,
  anyMerchant: false,
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
 * Settings with the relative paths (`database`, `cert`, `key`) made absolute against `base`.
 *
 * @since 0.1.0
 * @category Config
 */
export const resolvePaths = (settings: Settings, base: string): Settings => ({
  ...settings,
  database: absolutePath(base, settings.database),
  cert: absolutePath(base, settings.cert),
  key: absolutePath(base, settings.key)
})

/**
 * The directory relative paths start from: where the user ran the command. pnpm and npm run a package's script in
 * the package folder and pass the original directory as `INIT_CWD`; without it, the current directory.
 *
 * @since 0.1.0
 * @category Config
 */
export const baseDirectory: Effect.Effect<string> = Config.string("INIT_CWD").pipe(
  Effect.orElseSucceed(() => process.cwd())
)

/**
 * The command with a custom handler for the parsed settings (tests parse without serving). The handler gets the
 * settings with their paths made absolute ({@link resolvePaths} against {@link baseDirectory}).
 *
 * @since 0.1.0
 * @category Constructors
 */
export const makeCommand = <R, E>(handler: (settings: Settings) => Effect.Effect<void, E, R>) =>
  Command.make("paypay-simulator", options, (parsed) =>
    Effect.flatMap(baseDirectory, (base) =>
      handler(resolvePaths({ ...parsed, merchantId: parsed.merchantIds[0] ?? SimulatorConfig.defaultMerchantId }, base))
    )
  ).pipe(
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
 * The version `--version` prints.
 *
 * @since 0.1.0
 * @category Config
 */
export const VERSION = "0.1.0"

const silentConsole: Console.Console = new Proxy({} as Console.Console, {
  get: (_, key) =>
    key === "unsafe" ? console : key === "clear" || key === "groupEnd" ? Effect.void : () => Effect.void
})

/**
 * Parses the arguments (`process.argv` without runtime and script) into settings with @effect/cli, silently: its
 * errors become one-line {@link CliError}s.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const parse = (args: ReadonlyArray<string>) =>
  Effect.suspend(() => {
    let parsed: Settings | undefined
    return Command.run(
      makeCommand((settings) =>
        Effect.sync(() => {
          parsed = settings
        })
      ),
      { name: CliHelp.NAME, version: VERSION }
    )(["node", CliHelp.NAME, ...args]).pipe(
      Effect.withConsole(silentConsole),
      Effect.mapError((error) =>
        ValidationError.isValidationError(error) ? new CliError({ detail: CliHelp.validationLine(error) }) : error
      ),
      Effect.flatMap(() =>
        parsed === undefined ? Effect.fail(new CliError({ detail: "no settings parsed" })) : Effect.succeed(parsed)
      )
    )
  })

/**
 * Runs the command line (`argv` as `process.argv`): `--help` and `--version` print and return; an argument error
 * prints one line naming the flag (with the nearest known flag) and the usage line; otherwise it serves until
 * interrupted, and a start-up error prints one line with its cause and a hint. Every failure also fails the effect
 * (the entry point sets the exit code).
 *
 * @since 0.1.0
 * @category Constructors
 */
export const run = (argv: ReadonlyArray<string>, startOptions: StartOptions = {}) =>
  Effect.gen(function* () {
    const args = argv.slice(2)
    const print = startOptions.print ?? Console.log
    const printError = startOptions.printError ?? Console.error
    const request = CliHelp.check(args)
    switch (request._tag) {
      case "Help":
        return yield* print(
          CliHelp.help({ color: startOptions.color ?? CliHelp.colorful(process.stdout.isTTY, process.env) })
        )
      case "Version":
        return yield* print(`${CliHelp.NAME} ${VERSION}`)
      case "Invalid":
        yield* printError(`${CliHelp.NAME}: ${request.message}`)
        yield* printError(CliHelp.usage)
        return yield* new CliError({ detail: request.message })
    }
    const settings = yield* parse(args).pipe(
      Effect.tapError((error) =>
        Effect.zipRight(
          printError(`${CliHelp.NAME}: ${error._tag === "CliError" ? error.message : String(error)}`),
          printError(CliHelp.usage)
        )
      )
    )
    return yield* serve(settings, startOptions).pipe(
      Effect.tapError((error) => printError(`${CliHelp.NAME}: ${CliErrors.describe(error, settings)}`))
    )
  })
