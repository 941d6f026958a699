/**
 * The simulator's main API in one import: the simulator layer and its settings, the in-process client for tests,
 * the HTTP server and the typed control-API client. Other modules (`Domain/*`, `Store/*`, `Webhooks/*`, …) are
 * imported by path, e.g. `@paypay-effect/simulator/Domain/Payment`.
 *
 * @since 0.1.0
 */

/**
 * A typed client for the simulator's control API (act as the user, move the clock, inject faults), over the
 * in-process client or a real one pointed at a running simulator.
 *
 * @since 0.1.0
 */
export * as ControlClient from "./Control/ControlClient.js"

/**
 * In-process mode: an `HttpClient` (and an SDK client) served directly by the simulator's handler — no socket,
 * fresh isolated state.
 *
 * @since 0.1.0
 */
export * as InProcess from "./InProcess.js"

/**
 * The simulator's PayPay API as one transport-independent handler: `SimRequest → SimResponse`.
 *
 * @since 0.1.0
 */
export * as PayPayApi from "./PayPayApi.js"

/**
 * The simulator over HTTP: the whole simulator as an `HttpApp`, and a layer serving it on a Node HTTP(S) server.
 *
 * @since 0.1.0
 */
export * as Server from "./Server.js"

/**
 * The simulator as one layer: SQLite state, clock, stores, journal, faults, settings and webhook delivery.
 *
 * @since 0.1.0
 */
export * as Simulator from "./Simulator.js"

/**
 * The simulator's settings: accepted credentials, time rules, hosted-page URL, control-API token, CORS.
 *
 * @since 0.1.0
 */
export * as SimulatorConfig from "./SimulatorConfig.js"
