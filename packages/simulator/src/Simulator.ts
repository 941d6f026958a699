/**
 * Assembles the simulator: SQLite state, clock, stores, journal, fault hook, settings and the webhook outbox with
 * its delivery worker, as one layer that the HTTP server, the in-process client and the control API share.
 *
 * @since 0.1.0
 */
import type * as SqlClient from "@effect/sql/SqlClient"
import type { SqlError } from "@effect/sql/SqlError"
import type { ConfigError } from "effect/ConfigError"
import * as Layer from "effect/Layer"
import * as FaultStore from "./Control/FaultStore.js"
import * as Faults from "./Faults.js"
import * as Journal from "./Journal.js"
import * as SimClock from "./SimClock.js"
import * as SimulatorConfig from "./SimulatorConfig.js"
import * as Database from "./Store/Database.js"
import * as Merchants from "./Store/Merchants.js"
import * as PaymentStore from "./Store/PaymentStore.js"
import * as Transactions from "./Store/Transactions.js"
import * as UserStore from "./Store/UserStore.js"
import * as WebhookDelivery from "./Webhooks/Delivery.js"
import * as WebhookOutbox from "./Webhooks/Outbox.js"

/**
 * Simulator options: the settings plus where state lives.
 *
 * @since 0.1.0
 * @category Models
 */
export interface Options extends Partial<SimulatorConfig.Options> {
  /** SQLite file that keeps state across restarts; in memory (fresh, isolated) when absent. */
  readonly database?: string | undefined
  /** Webhooks: the default endpoint (`url`, `schedule`) for tenants without their own, and delivery settings. */
  readonly webhooks?: WebhookDelivery.Options | undefined
}

/**
 * Everything the PayPay routes and the control API need.
 *
 * @since 0.1.0
 * @category Models
 */
export type Services =
  | SqlClient.SqlClient
  | SimClock.SimClock
  | PaymentStore.PaymentStore
  | UserStore.UserStore
  | Transactions.Transactions
  | SimulatorConfig.SimulatorConfig
  | Merchants.Merchants
  | Journal.Journal
  | FaultStore.FaultStore
  | Faults.Faults
  | WebhookOutbox.Outbox

/**
 * The simulator's state and services. Each build of the layer is a fresh simulator (an in-memory database unless
 * `database` names a file). Faults default to `Faults.layerRules` (magic values, then the control API's rules).
 * The webhook delivery worker (`Webhooks/Delivery.ts`) runs while the layer is alive.
 *
 * @since 0.1.0
 * @category Layers
 */
export const layer = (
  options: Options = {},
  faults: Layer.Layer<Faults.Faults, never, Exclude<Services, Faults.Faults>> = Faults.layerRules
): Layer.Layer<Services, SqlError | ConfigError> => {
  const { database, webhooks, ...settings } = options
  const config = SimulatorConfig.layer(settings)
  const stores = Layer.mergeAll(
    PaymentStore.layerWith({ refundSettleSeconds: settings.refundSettleSeconds }),
    UserStore.layer
  ).pipe(Layer.provideMerge(WebhookOutbox.layer({ url: webhooks?.url, schedule: webhooks?.schedule })))
  const base = Layer.mergeAll(
    stores,
    Journal.layer,
    FaultStore.layer,
    Merchants.layer.pipe(Layer.provideMerge(config))
  ).pipe(Layer.provideMerge(SimClock.layer), Layer.provideMerge(Database.layer({ filename: database })))
  const withTransactions = Transactions.layer.pipe(Layer.provideMerge(base))
  const simulator = faults.pipe(Layer.provideMerge(withTransactions))
  return WebhookDelivery.layer(webhooks).pipe(Layer.provideMerge(simulator))
}
