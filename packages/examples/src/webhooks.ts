/**
 * Webhooks with a polling fallback. A merchant server (an @effect/platform HttpServer on 127.0.0.1) receives
 * PayPay's webhooks through the SDK's `Webhooks.handler`, confirms each one by querying the payment (PayPay signs
 * nothing), ignores duplicates (a set of seen event keys), and polls with `Flows.awaitSettled` when a webhook does
 * not arrive in time — shown by telling the simulator to drop the webhooks of one order.
 *
 * It needs a simulator (embedded, or `pnpm simulator` on this machine): its control API points the webhooks at
 * the merchant server and flips the drop/duplicate switches.
 */
import { HttpServer } from "@effect/platform"
import { NodeHttpServer } from "@effect/platform-node"
import { Codes, Flows, Webhooks } from "@paypay-effect/sdk"
import { Console, Context, Deferred, type Duration, Effect, FiberId, FiberSet, Layer, Option } from "effect"
import { createServer } from "node:http"
import { step, uniqueId } from "./Runtime.js"
import { Shopper } from "./Shopper.js"

const PATH = "/paypay/webhooks"

type Arrival = Deferred.Deferred<Webhooks.Confirmation, unknown>

/** The merchant's side: what arrived, confirmed, per order; duplicates are noticed and ignored. */
const makeMerchant = Effect.gen(function* () {
  const seen = new Set<string>()
  const arrivals = new Map<string, Arrival>()
  const duplicates = new Map<string, Deferred.Deferred<void>>()
  const slot = <A>(map: Map<string, A>, key: string, make: () => A): A => {
    const existing = map.get(key)
    if (existing !== undefined) return existing
    const created = make()
    map.set(key, created)
    return created
  }
  const arrival = (orderId: string) =>
    slot(arrivals, orderId, () => Deferred.unsafeMake<Webhooks.Confirmation, unknown>(FiberId.none))
  const duplicate = (orderId: string) => slot(duplicates, orderId, () => Deferred.unsafeMake<void>(FiberId.none))
  const shipments = new Map<string, number>()
  const ship = (orderId: string) => Effect.sync(() => shipments.set(orderId, (shipments.get(orderId) ?? 0) + 1))

  const onEvent = (event: Webhooks.WebhookEvent) =>
    Effect.gen(function* () {
      if (event._tag !== "TransactionEvent") return
      const key = `${event.merchant_order_id}:${event.state}`
      if (seen.has(key)) return yield* Deferred.succeed(duplicate(event.merchant_order_id), undefined)
      seen.add(key)
      const confirmed = yield* Effect.either(Webhooks.confirm(event))
      if (confirmed._tag === "Right" && confirmed.right.payment.status === "COMPLETED") {
        yield* ship(event.merchant_order_id)
      }
      yield* Deferred.complete(arrival(event.merchant_order_id), confirmed)
    })

  return { onEvent, arrival, duplicate, ship, shipped: (orderId: string) => shipments.get(orderId) ?? 0 }
})

const yen = (amount: number) => ({ amount, currency: "JPY" as const })

export const program = Effect.gen(function* () {
  const shopper = yield* Shopper
  if (Option.isNone(shopper.control)) {
    return yield* Console.log("This example needs a simulator: its control API points webhooks at a local server.")
  }
  const control = shopper.control.value
  const merchant = yield* makeMerchant
  const fibers = yield* FiberSet.make<unknown, unknown>()
  const listening = yield* Layer.build(NodeHttpServer.layer(createServer, { port: 0, host: "127.0.0.1" }))
  const server = Context.get(listening, HttpServer.HttpServer)
  yield* server.serve(Webhooks.handler(merchant.onEvent, { fibers }))
  const address = server.address
  const url = `http://127.0.0.1:${address._tag === "TcpAddress" ? address.port : 0}${PATH}`
  yield* step("1. merchant server", `listening on ${url}`)

  yield* Effect.acquireRelease(Effect.orDie(control.setWebhookEndpoint(url, { schedule: "A" })), () =>
    Effect.ignore(
      Effect.zipRight(control.setWebhookSwitches({ drop: false, duplicate: false }), control.removeWebhookEndpoint)
    )
  )
  yield* step("2. webhook endpoint set", "schedule A: 2.0 s timeout, 3 retries 100 ms apart")

  const order = (label: string, amount: number) =>
    Effect.gen(function* () {
      const orderId = yield* uniqueId(label)
      yield* Codes.create({ merchantPaymentId: orderId, amount: yen(amount), orderDescription: label })
      yield* shopper.pay(orderId)
      return orderId
    })

  const ship = (orderId: string, within: Duration.DurationInput) =>
    Effect.timeoutOption(Deferred.await(merchant.arrival(orderId)), within)

  const first = yield* order("order", 1200)
  const webhook = yield* ship(first, "5 seconds")
  if (Option.isNone(webhook)) return yield* Effect.dieMessage("the webhook did not arrive")
  yield* step("3. webhook received", `${first}  state ${webhook.value.event.state}`)
  const confirmed = webhook.value.payment
  yield* step(
    "4. confirmed by query",
    `${confirmed.paymentId}  status ${confirmed.status}  shipped ${merchant.shipped(first)}x`
  )

  yield* Effect.orDie(control.setWebhookSwitches({ duplicate: true }))
  const second = yield* order("order", 800)
  const once = yield* ship(second, "5 seconds")
  yield* Deferred.await(merchant.duplicate(second)).pipe(Effect.timeout("5 seconds"))
  const state = Option.getOrThrow(once).event.state
  yield* step("5. duplicate delivery", `${second}  ${state} twice, ignored once  shipped ${merchant.shipped(second)}x`)
  yield* Effect.orDie(control.setWebhookSwitches({ duplicate: false, drop: true }))

  const third = yield* order("order", 450)
  const missing = yield* ship(third, "1 second")
  yield* step("6. no webhook within 1 s", `${third}  ${Option.isNone(missing) ? "falling back to polling" : "?!"}`)
  const polled = yield* Flows.awaitSettled(third)
  if (polled.status === "COMPLETED") yield* merchant.ship(third)
  yield* step("7. polled", `${polled.paymentId}  status ${polled.status}  shipped ${merchant.shipped(third)}x`)
  yield* Effect.orDie(control.setWebhookSwitches({ drop: false }))

  const events = yield* Effect.orDie(control.webhookEvents())
  const count = (status: string) => events.filter((event) => event.status === status).length
  yield* step("8. simulator's delivery log", `delivered ${count("delivered")}, dropped ${count("dropped")}`)
  yield* FiberSet.awaitEmpty(fibers)
}).pipe(Effect.scoped)
