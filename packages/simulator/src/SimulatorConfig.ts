/**
 * The simulator's settings: which API credentials it accepts, time rules (QR code lifetime, refund settlement
 * delay), the public URL of its hosted pages and the optional control-API token.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Layer from "effect/Layer"

/**
 * A merchant registered for an API key, with the settings PayPay keeps per merchant.
 *
 * @since 0.1.0
 * @category Models
 */
export interface Merchant {
  readonly merchantId: string
  /**
   * Onboarded before PayPay's 2025 change to Get Refund Details: `GET /v2/refunds/{id}` then also works without
   * `?paymentId=`, which newer merchants must send (paypayopa-sdk-php#394; ledger: refund.details-payment-id).
   * Default `false`.
   */
  readonly onboardedBefore2025?: boolean | undefined
}

/**
 * An API client the simulator accepts and the merchants registered for it: a request must name one of them in
 * `X-ASSUME-MERCHANT` or `?assumeMerchant=`, else it is answered 401 UNAUTHORIZED, as PayPay does
 * (paypayopa-sdk-java#78, paypayopa-sdk-node#130; ledger: auth.merchant). When `merchantIds` is absent, the
 * documented default merchant (`sim_merchant`) is registered. `Options.anyMerchant` lifts the check.
 *
 * @since 0.1.0
 * @category Models
 */
export interface Credential {
  readonly apiKey: string
  readonly apiSecret: string
  /** Registered merchants: ids, or ids with their settings. */
  readonly merchantIds?: ReadonlyArray<string | Merchant> | undefined
}

/**
 * @since 0.1.0
 * @category Models
 */
export interface Options {
  readonly credentials: ReadonlyArray<Credential>
  /** Lifetime of a dynamic QR code (reference §B.2: ≈300 s observed in the sandbox). */
  readonly codeLifetimeSeconds: number
  /** Simulated seconds after which a CREATED refund becomes REFUNDED (reference §C.3). */
  readonly refundSettleSeconds: number
  /** Allowed distance between a request's `epoch` and real time (reference §A, "less than 2 mins"). */
  readonly maxSkewSeconds: number
  /** Base URL of the hosted pages (QR `url`), e.g. `http://127.0.0.1:4010`. */
  readonly publicUrl: string
  /** When set, `/_simulator` requires `Authorization: Bearer <token>` or `X-Simulator-Token`. */
  readonly controlToken?: string | undefined
  /**
   * Browser origins allowed to call the PayPay and control APIs (CORS, preflights answered; `*` = any origin).
   * CORS is off when absent or empty.
   */
  readonly corsOrigins?: ReadonlyArray<string> | undefined
  /**
   * Accept any merchant id, registered or not (and none at all), each one with its own isolated data: the open
   * behaviour of earlier versions, for those who want it. Off by default: PayPay refuses unknown merchants.
   */
  readonly anyMerchant?: boolean | undefined
  /**
   * `Host` names the control API and hosted pages answer besides loopback names, IP addresses and `publicUrl`'s
   * host (DNS-rebinding protection, `HostCheck.ts`): exact names, `.example.com` for a domain and its subdomains,
   * or `*` for any.
   */
  readonly allowedHosts?: ReadonlyArray<string> | undefined
}

/**
 * The documented default merchant id, registered for the default credentials.
 *
 * @since 0.1.0
 * @category Config
 */
export const defaultMerchantId = "sim_merchant"

/**
 * The documented default credentials: used when none are configured, printed by the CLI, with the default
 * merchant registered. The secret is valid base64, because PayPay signs responseToken JWTs with the
 * base64-decoded secret (reference §E.3).
 *
 * @since 0.1.0
 * @category Config
 */
export const defaultCredential: Credential = {
  apiKey: "sim_api_key",
  apiSecret: "c2ltdWxhdG9yLXNlY3JldC1rZXktMDAx",
  merchantIds: [defaultMerchantId]
}

/**
 * The merchants registered for a credential, with their settings (the default merchant when none are listed).
 *
 * @since 0.1.0
 * @category Config
 */
export const merchantsOf = (credential: Credential): ReadonlyArray<Merchant> =>
  (credential.merchantIds ?? [defaultMerchantId]).map((merchant) =>
    typeof merchant === "string" ? { merchantId: merchant } : merchant
  )

/**
 * @since 0.1.0
 * @category Config
 */
export const defaults: Options = {
  credentials: [defaultCredential],
  codeLifetimeSeconds: 300,
  refundSettleSeconds: 5,
  maxSkewSeconds: 120,
  publicUrl: "http://127.0.0.1:4010"
}

/**
 * @since 0.1.0
 * @category Context
 */
export class SimulatorConfig extends Context.Tag("simulator/SimulatorConfig")<SimulatorConfig, Options>() {}

/**
 * Settings from partial options over {@link defaults}.
 *
 * @since 0.1.0
 * @category Layers
 */
export const layer = (options: Partial<Options> = {}): Layer.Layer<SimulatorConfig> =>
  Layer.succeed(SimulatorConfig, { ...defaults, ...stripUndefined(options) })

const stripUndefined = <A extends object>(options: A): Partial<A> =>
  Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<A>
