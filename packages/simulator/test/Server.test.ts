import { HttpServer } from "@effect/platform"
import { NodeHttpClient } from "@effect/platform-node"
import { assert, describe, it } from "@effect/vitest"
import { Codes, PayPayClient, Refunds } from "@paypay-effect/sdk"
import { Effect, Layer, Redacted } from "effect"
import * as Server from "../src/Server.js"
import * as Simulator from "../src/Simulator.js"
import * as SimulatorConfig from "../src/SimulatorConfig.js"
import { tenant } from "../src/Store/Database.js"
import { Transactions } from "../src/Store/Transactions.js"
import { UserStore } from "../src/Store/UserStore.js"

const SimulatorOnSocket = Server.layer({ port: 0 }).pipe(Layer.provideMerge(Simulator.layer()))

const SdkOverSocket = Layer.unwrapEffect(
  HttpServer.addressFormattedWith((baseUrl) =>
    Effect.succeed(
      PayPayClient.layer({
        apiKey: SimulatorConfig.defaultCredential.apiKey,
        apiSecret: Redacted.make(SimulatorConfig.defaultCredential.apiSecret),
        merchantId: SimulatorConfig.defaultMerchantId,
        baseUrl
      })
    )
  )
).pipe(Layer.provide(NodeHttpClient.layerUndici), Layer.provideMerge(SimulatorOnSocket))

const me = tenant(SimulatorConfig.defaultCredential.apiKey, SimulatorConfig.defaultMerchantId)

describe("SDK ↔ simulator over a real socket", () => {
  it.live("QR checkout end to end", () =>
    Effect.gen(function* () {
      const code = yield* Codes.create({ merchantPaymentId: "sock-1", amount: { amount: 500, currency: "JPY" } })
      const user = yield* UserStore.pipe(Effect.flatMap((users) => users.create(me, {})))
      yield* Transactions.pipe(Effect.flatMap((tx) => tx.pay(me, "sock-1", user.userAuthorizationId)))
      const payment = yield* Codes.getPayment("sock-1")
      assert.strictEqual(payment.status, "COMPLETED")
      const refund = yield* Refunds.create({
        merchantRefundId: "sock-r1",
        paymentId: payment.paymentId,
        amount: { amount: 500, currency: "JPY" }
      })
      assert.strictEqual(refund.paymentId, payment.paymentId)
      const removed = yield* Codes.remove(code.codeId).pipe(Effect.flip)
      assert.strictEqual(removed._tag, "DynamicQrAlreadyPaid")
    }).pipe(Effect.provide(SdkOverSocket))
  )
})
