/**
 * Where a `PayPayClient.Service` keeps its transport: under a symbol, so the transport is not part of the public
 * service type but survives `{ ...client, merchantId }` copies (`withMerchant`, `withDeadline`). A service built by
 * hand without one falls back to its `httpClient`.
 *
 * @internal
 */
import type { PayPayClient } from "../PayPayClient.js"
import { fromHttpClient, type Transport } from "../Transport.js"

/** @internal */
export const TransportKey: unique symbol = Symbol.for("@paypay-effect/sdk/PayPayClient/transport")

const fallbacks = new WeakMap<object, Transport>()

/** @internal */
export const withTransport = (service: PayPayClient.Service, transport: Transport): PayPayClient.Service =>
  Object.assign(service, { [TransportKey]: transport })

/** @internal */
export const transportOf = (service: PayPayClient.Service): Transport => {
  const own = (service as { readonly [TransportKey]?: Transport })[TransportKey]
  if (own !== undefined) return own
  const httpClient = service.httpClient
  if (httpClient === undefined) throw new Error("PayPayClient: the service has neither a transport nor an httpClient")
  let transport = fallbacks.get(httpClient)
  if (transport === undefined) {
    transport = fromHttpClient(httpClient)
    fallbacks.set(httpClient, transport)
  }
  return transport
}
