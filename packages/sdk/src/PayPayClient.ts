/**
 * The PayPay OPA client service: credentials, merchant, base URL, timeouts, deadline and retry policy over an
 * `HttpClient` that the application provides (`NodeHttpClient.layerUndici`, `FetchHttpClient.layer`), on Node over
 * undici directly (`layerUndici`, the fastest path), or over a custom `Transport` (`layerTransport`; the
 * simulator's in-process mode). Several clients can live in one process: every endpoint reads the `PayPayClient`
 * from its context, so a multi-merchant app provides a different layer per merchant.
 *
 * Timeouts apply per attempt: a read that never answers is tried `retry.times + 1` times (4 by default), each
 * waiting its timeout, plus the backoff between attempts. `deadline` bounds the whole call.
 *
 * @since 0.1.0
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as Config from "effect/Config"
import * as ConfigError from "effect/ConfigError"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import { dual } from "effect/Function"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import type * as Redacted from "effect/Redacted"
import type * as Scope from "effect/Scope"
import type { Dispatcher } from "undici"
import { withTransport } from "./internal/clientTransport.js"
import { fromHttpClient, type Transport } from "./Transport.js"

/**
 * Where a client sends its requests.
 *
 * @since 0.1.0
 * @category Config
 */
export type Environment = "sandbox" | "production" | "perf"

/**
 * Base URL per environment (reference §A.6). We use the `apigw.*` hosts: they are what the newest official
 * artifact (`@paypayopa/paypayopa-sdk-node@2.2.0`) ships and what PayPay's 2026 docs list, while the older
 * `api.paypay.ne.jp` / `stg-api.sandbox.paypay.ne.jp` hosts of the git SDKs are described as deprecated.
 * Override with `baseUrl` (or `PAYPAY_BASE_URL`) to use another host, such as the simulator.
 *
 * @since 0.1.0
 * @category Config
 */
export const BaseUrls: { readonly [E in Environment]: string } = {
  sandbox: "https://apigw.sandbox.paypay.ne.jp",
  production: "https://apigw.paypay.ne.jp",
  perf: "https://perf-apigw.paypay.ne.jp"
}

/**
 * Every operation of the SDK, by name (`<Family>.<function>`): the keys of `timeouts`, the span names
 * (`PayPay.<operation>`) and the `operation` of every error.
 *
 * @since 0.1.0
 * @category Config
 */
export const operations = [
  "Cashback.give",
  "Cashback.get",
  "Cashback.reverse",
  "Cashback.getReversal",
  "Cashback.consultExpected",
  "Codes.create",
  "Codes.getPayment",
  "Codes.remove",
  "Payments.create",
  "Payments.createContinuous",
  "Payments.get",
  "Payments.cancel",
  "PendingPayments.create",
  "PendingPayments.get",
  "PendingPayments.cancel",
  "PendingPayments.refund",
  "PendingPayments.getRefund",
  "Preauth.authorize",
  "Preauth.capture",
  "Preauth.revert",
  "Refunds.create",
  "Refunds.get",
  "Topup.createQrCode",
  "Topup.get",
  "Topup.remove",
  "Users.createAccountLinkQrCode",
  "Users.getAuthorizationStatus",
  "Users.unlink",
  "Users.getMaskedProfile",
  "Wallet.checkBalance",
  "Wallet.getBalance",
  "Wallet.getPaymentMethods"
] as const

/**
 * The name of an SDK operation, e.g. `"Codes.create"`.
 *
 * @since 0.1.0
 * @category Config
 */
export type Operation = (typeof operations)[number]

/**
 * Per-operation timeouts (each applies to one attempt).
 *
 * @since 0.1.0
 * @category Config
 */
export type Timeouts = { readonly [O in Operation]?: Duration.DurationInput | undefined }

/**
 * Retry policy for `retryable` failures (rate limit, maintenance, and transport failures of reads). Delays
 * grow exponentially from `base`, are jittered, never exceed `cap`, and honour a `Retry-After` header.
 *
 * @since 0.1.0
 * @category Config
 */
export interface RetryOptions {
  /** How many times to retry after the first attempt (default 3). */
  readonly times?: number | undefined
  /** First delay (default 250 millis). */
  readonly base?: Duration.DurationInput | undefined
  /** Largest delay (default 5 seconds). */
  readonly cap?: Duration.DurationInput | undefined
}

/**
 * Client options.
 *
 * @since 0.1.0
 * @category Config
 */
export interface Options {
  /** The API key (not the merchant id). */
  readonly apiKey: string
  /** The API secret; used as-is (UTF-8) for OPA-Auth and base64-decoded for JWTs. */
  readonly apiSecret: Redacted.Redacted<string>
  /** Sent as `X-ASSUME-MERCHANT` when set (reference §A.4). */
  readonly merchantId?: string | undefined
  /** Default `sandbox`. */
  readonly environment?: Environment | undefined
  /** Overrides the environment's base URL, e.g. `http://127.0.0.1:4010` for the simulator. */
  readonly baseUrl?: string | undefined
  /**
   * Per-operation timeouts, keyed by operation name (`"Codes.create"`), overriding reference §B.1's defaults
   * (15 s for reads, 30 s for creates). Each applies to one attempt; see `deadline` for the whole call.
   */
  readonly timeouts?: Timeouts | undefined
  /**
   * The longest a call may take across all its attempts and backoffs; none by default. An attempt that would run
   * past it is cut short (`PayPayRequestError` `Timeout`, outcome unknown for a write that was sent), and no retry
   * starts after it. Per call: {@link withDeadline}.
   */
  readonly deadline?: Duration.DurationInput | undefined
  /** Retry policy for retryable failures; `false` disables retries. */
  readonly retry?: RetryOptions | false | undefined
}

/**
 * @since 0.1.0
 * @category Context
 */
export declare namespace PayPayClient {
  /**
   * @since 0.1.0
   * @category Models
   */
  export interface Service {
    readonly apiKey: string
    readonly apiSecret: Redacted.Redacted<string>
    readonly merchantId: string | undefined
    readonly environment: Environment
    readonly baseUrl: string
    /** The `HttpClient` requests go through; `undefined` for undici (`layerUndici`) and custom transports. */
    readonly httpClient: HttpClient.HttpClient | undefined
    readonly timeouts: Timeouts
    /** The deadline of every call, across its attempts; `undefined` for none. */
    readonly deadline: Duration.Duration | undefined
    readonly retry: { readonly times: number; readonly base: Duration.Duration; readonly cap: Duration.Duration }
  }
}

/**
 * The client service tag.
 *
 * @since 0.1.0
 * @category Context
 */
export class PayPayClient extends Context.Tag("@paypay-effect/sdk/PayPayClient")<
  PayPayClient,
  PayPayClient.Service
>() {}

const known = new Set<string>(operations)

const checkTimeouts = (timeouts: Timeouts | undefined): Timeouts => {
  const unknown = Object.keys(timeouts ?? {}).filter((key) => !known.has(key))
  if (unknown.length > 0) {
    throw new Error(
      `PayPayClient: unknown operation ${unknown.map((key) => JSON.stringify(key)).join(", ")} in \`timeouts\` ` +
        `(operations are named like "Codes.create"; see PayPayClient.operations)`
    )
  }
  return timeouts ?? {}
}

const build = (
  options: Options,
  httpClient: HttpClient.HttpClient | undefined,
  transport: Transport
): PayPayClient.Service => {
  const environment = options.environment ?? "sandbox"
  const retry = options.retry === false ? { times: 0 } : (options.retry ?? {})
  const service = PayPayClient.of({
    apiKey: options.apiKey,
    apiSecret: options.apiSecret,
    merchantId: options.merchantId === "" ? undefined : options.merchantId,
    environment,
    baseUrl: (options.baseUrl ?? BaseUrls[environment]).replace(/\/+$/, ""),
    httpClient,
    timeouts: checkTimeouts(options.timeouts),
    deadline: options.deadline === undefined ? undefined : Duration.decode(options.deadline),
    retry: {
      times: retry.times ?? 3,
      base: Duration.decode(("base" in retry ? retry.base : undefined) ?? "250 millis"),
      cap: Duration.decode(("cap" in retry ? retry.cap : undefined) ?? "5 seconds")
    }
  })
  return withTransport(service, transport)
}

/**
 * Builds a client from options over the ambient `HttpClient`. An unknown key in `timeouts` is a defect.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const make = (options: Options): Effect.Effect<PayPayClient.Service, never, HttpClient.HttpClient> =>
  Effect.map(HttpClient.HttpClient, (httpClient) => build(options, httpClient, fromHttpClient(httpClient)))

/**
 * Builds a client over a custom {@link Transport.Transport} (the simulator's in-process mode, a test double): the
 * SDK's whole pipeline — validation, signing, decoding, typed errors, retries, timeouts, spans — around `send`.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const makeWithTransport = (options: Options, transport: Transport): Effect.Effect<PayPayClient.Service> =>
  Effect.sync(() => build(options, undefined, transport))

/**
 * A client layer over a custom transport (see {@link makeWithTransport}).
 *
 * @since 0.1.0
 * @category Layers
 */
export const layerTransport = (options: Options, transport: Transport): Layer.Layer<PayPayClient> =>
  Layer.effect(PayPayClient, makeWithTransport(options, transport))

/**
 * Options of the undici clients: the client options plus, optionally, the undici `Dispatcher` to send with
 * (an `Agent` with custom TLS or connection settings, a `ProxyAgent`, a `MockAgent`, …). The dispatcher is
 * not closed by the SDK.
 *
 * @since 0.1.0
 * @category Config
 */
export interface UndiciOptions {
  readonly dispatcher?: Dispatcher | undefined
}

/**
 * Builds a client that sends with undici's dispatcher directly instead of through an `HttpClient`: the same
 * pipeline (signing, decoding, typed errors, retries, spans), at a fraction of the per-call cost. Node only.
 * Without a `dispatcher`, a keep-alive undici `Agent` is created and destroyed with the scope.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const makeUndici = (options: Options & UndiciOptions): Effect.Effect<PayPayClient.Service, never, Scope.Scope> =>
  Effect.flatMap(
    Effect.promise(() => import("./internal/transportUndici.js")),
    (undici) =>
      Effect.map(
        options.dispatcher === undefined ? undici.makeAgent : Effect.succeed(options.dispatcher),
        (dispatcher) => build(options, undefined, undici.fromDispatcher(dispatcher))
      )
  )

/**
 * A client layer from options.
 *
 * @since 0.1.0
 * @category Layers
 */
export const layer = (options: Options): Layer.Layer<PayPayClient, never, HttpClient.HttpClient> =>
  Layer.effect(PayPayClient, make(options))

/**
 * A client layer whose options come from `Config`.
 *
 * @since 0.1.0
 * @category Layers
 */
export const layerConfig = (
  config: Config.Config.Wrap<Options>
): Layer.Layer<PayPayClient, ConfigError.ConfigError, HttpClient.HttpClient> =>
  Layer.effect(PayPayClient, Effect.flatMap(readConfig(config), make))

const variables: { readonly [key: string]: string } = {
  API_KEY: "the API key of your PayPay client (not the merchant id)",
  API_SECRET: "the API secret that belongs to that API key",
  MERCHANT_ID: "your merchant id",
  ENVIRONMENT: "sandbox, production or perf",
  BASE_URL: "the API's base URL"
}

/**
 * A missing `PAYPAY_*` setting named as the environment variable to set, instead of a config path with a message
 * that `Config.redacted` hides (`Missing data at PAYPAY.API_SECRET: "<redacted>"`).
 */
const explain = (error: ConfigError.ConfigError): ConfigError.ConfigError => {
  switch (error._op) {
    case "And":
      return ConfigError.And(explain(error.left), explain(error.right))
    case "Or":
      return ConfigError.Or(explain(error.left), explain(error.right))
    case "MissingData": {
      const what = error.path.length === 2 && error.path[0] === "PAYPAY" ? variables[error.path[1]!] : undefined
      return what === undefined
        ? error
        : ConfigError.MissingData(
            error.path,
            `the environment variable ${error.path.join("_")} is not set; set it to ${what}`
          )
    }
    default:
      return error
  }
}

const readConfig = (config: Config.Config.Wrap<Options>): Effect.Effect<Options, ConfigError.ConfigError> =>
  Effect.mapError(Config.unwrap(config), explain)

/**
 * Options read from `PAYPAY_API_KEY`, `PAYPAY_API_SECRET` (redacted), `PAYPAY_MERCHANT_ID`,
 * `PAYPAY_ENVIRONMENT` (`sandbox` | `production` | `perf`) and `PAYPAY_BASE_URL`.
 *
 * @since 0.1.0
 * @category Config
 */
export const configFromEnv: Config.Config<Options> = Config.all({
  apiKey: Config.string("API_KEY"),
  apiSecret: Config.redacted("API_SECRET"),
  merchantId: Config.string("MERCHANT_ID").pipe(Config.option, Config.map(Option.getOrUndefined)),
  environment: Config.literal("sandbox", "production", "perf")("ENVIRONMENT").pipe(Config.withDefault("sandbox")),
  baseUrl: Config.string("BASE_URL").pipe(Config.option, Config.map(Option.getOrUndefined))
}).pipe(Config.nested("PAYPAY"))

/**
 * A client layer configured from the `PAYPAY_*` environment variables.
 *
 * @since 0.1.0
 * @category Layers
 */
export const layerFromEnv: Layer.Layer<PayPayClient, ConfigError.ConfigError, HttpClient.HttpClient> = layerConfig(
  configFromEnv as Config.Config.Wrap<Options>
)

/**
 * A client layer over undici directly (see {@link makeUndici}); needs no `HttpClient`.
 *
 * @since 0.1.0
 * @category Layers
 */
export const layerUndici = (options: Options & UndiciOptions): Layer.Layer<PayPayClient> =>
  Layer.scoped(PayPayClient, makeUndici(options))

/**
 * A client layer over undici directly whose options come from `Config`.
 *
 * @since 0.1.0
 * @category Layers
 */
export const layerUndiciConfig = (
  config: Config.Config.Wrap<Options>,
  undici: UndiciOptions = {}
): Layer.Layer<PayPayClient, ConfigError.ConfigError> =>
  Layer.scoped(
    PayPayClient,
    Effect.flatMap(readConfig(config), (options) => makeUndici({ ...options, ...undici }))
  )

/**
 * A client layer over undici directly, configured from the `PAYPAY_*` environment variables.
 *
 * @since 0.1.0
 * @category Layers
 */
export const layerUndiciFromEnv: Layer.Layer<PayPayClient, ConfigError.ConfigError> = layerUndiciConfig(
  configFromEnv as Config.Config.Wrap<Options>
)

/**
 * Runs an effect with the client acting for another merchant (`X-ASSUME-MERCHANT`), e.g. a platform
 * operating several shops with one API key.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const withMerchant: {
  (merchantId: string): <A, E, R>(self: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R | PayPayClient>
  <A, E, R>(self: Effect.Effect<A, E, R>, merchantId: string): Effect.Effect<A, E, R | PayPayClient>
} = dual(
  2,
  <A, E, R>(self: Effect.Effect<A, E, R>, merchantId: string): Effect.Effect<A, E, R | PayPayClient> =>
    Effect.flatMap(PayPayClient, (client) => Effect.provideService(self, PayPayClient, { ...client, merchantId }))
)

/**
 * Runs an effect with a deadline for each PayPay call inside it: a call (all its attempts and backoffs) fails with
 * a `Timeout` once `deadline` has passed, instead of waiting out every attempt's timeout. Overrides the client's
 * `deadline`. Each call inside gets the whole `deadline`; to bound a flow as a whole, use `Effect.timeout` on it.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const withDeadline: {
  (deadline: Duration.DurationInput): <A, E, R>(self: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R | PayPayClient>
  <A, E, R>(self: Effect.Effect<A, E, R>, deadline: Duration.DurationInput): Effect.Effect<A, E, R | PayPayClient>
} = dual(
  2,
  <A, E, R>(self: Effect.Effect<A, E, R>, deadline: Duration.DurationInput): Effect.Effect<A, E, R | PayPayClient> =>
    Effect.flatMap(PayPayClient, (client) =>
      Effect.provideService(self, PayPayClient, { ...client, deadline: Duration.decode(deadline) })
    )
)
