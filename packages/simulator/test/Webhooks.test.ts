/**
 * Webhook events: every transaction and customer event is recorded in the same transaction as its state change
 * and delivered with PayPay's field names (decoded here with the SDK's `Webhooks.decode`); the endpoint is set per
 * tenant through the control API, falling back to the simulator-wide default.
 */
import { HttpClient, HttpClientRequest } from "@effect/platform"
import { assert, describe, it } from "@effect/vitest"
import { Codes, Payments, Preauth, Refunds, Users, Webhooks } from "@paypay-effect/sdk"
import { Clock, Effect, TestClock } from "effect"
import * as ControlClient from "../src/Control/ControlClient.js"
import * as UserAuth from "../src/Domain/UserAuth.js"
import * as InProcess from "../src/InProcess.js"
import * as UserActions from "../src/Store/UserActions.js"
import { me, newUser, yen } from "./helpers/e2e.js"
import { advanceTo, awaitEvents, decoded, events, HOOK_URL, makeReceiver, simulator } from "./helpers/webhooks.js"

const START = Date.parse("2024-05-01T12:00:00Z")
const control = ControlClient.make(InProcess.BASE_URL)

const transactionsOf = (posts: ReadonlyArray<{ readonly text: string }>) =>
  Effect.forEach(posts, (post) =>
    Effect.flatMap(Webhooks.decode(post.text), (event) =>
      event._tag === "TransactionEvent" ? Effect.succeed(event) : Effect.dieMessage(`unexpected ${event._tag}`)
    )
  )

describe("webhook events", () => {
  it.effect(
    "every transaction event: COMPLETED, FAILED, CANCELED, AUTHORIZED, EXPIRED_USER_CONFIRMATION, EXPIRED",
    () =>
      Effect.gen(function* () {
        yield* TestClock.setTime(START)
        const receiver = yield* makeReceiver
        yield* Effect.gen(function* () {
          const api = yield* control
          yield* Codes.create({ merchantPaymentId: "paid", amount: yen(1200), storeId: "store-7", terminalId: "pos-1" })
          yield* api.approve("paid")
          yield* Codes.create({ merchantPaymentId: "declined", amount: yen(300) })
          yield* api.decline("declined")
          yield* Codes.create({ merchantPaymentId: "canceled", amount: yen(500) })
          yield* api.approve("canceled")
          yield* Payments.cancel("canceled")
          const user = yield* newUser({ balance: 100_000 })
          yield* Preauth.authorize({
            merchantPaymentId: "auth",
            userAuthorizationId: user.userAuthorizationId,
            amount: yen(4000)
          })
          yield* Preauth.capture({
            merchantPaymentId: "auth",
            merchantCaptureId: "cap-1",
            amount: yen(5000),
            orderDescription: "more"
          })
          yield* UserActions.decline(me, "auth")
          yield* UserActions.expire(me, "auth")
          const posts = yield* receiver.awaitPosts(7)
          const sent = yield* transactionsOf(posts)
          assert.deepStrictEqual(
            sent.map((event) => [event.merchant_order_id, event.state]),
            [
              ["paid", "COMPLETED"],
              ["declined", "FAILED"],
              ["canceled", "COMPLETED"],
              ["canceled", "CANCELED"],
              ["auth", "AUTHORIZED"],
              ["auth", "EXPIRED_USER_CONFIRMATION"],
              ["auth", "EXPIRED"]
            ]
          )
          const paid = sent[0]!
          const payment = yield* Codes.getPayment("paid")
          assert.strictEqual(posts[0]!.url, HOOK_URL)
          assert.strictEqual(paid.notification_type, "Transaction")
          assert.strictEqual(paid.merchant_id, "sim_merchant")
          assert.strictEqual(paid.order_id, payment.paymentId)
          assert.strictEqual(paid.store_id, "store-7")
          assert.strictEqual(paid.pos_id, "pos-1")
          assert.strictEqual(paid.order_amount, 1200)
          assert.strictEqual(paid.paid_at, "2024-05-01T12:00:00Z")
          assert.deepStrictEqual(Object.keys(posts[0]!.json).sort(), [
            "authorized_at",
            "expires_at",
            "merchant_id",
            "merchant_order_id",
            "notification_type",
            "order_amount",
            "order_id",
            "paid_at",
            "pos_id",
            "state",
            "store_id"
          ])
          assert.strictEqual(sent[4]!.authorized_at, "2024-05-01T12:00:00Z")
          assert.strictEqual(sent[4]!.expires_at, "2024-05-31T12:00:00Z")
          const confirmed = yield* Webhooks.confirm(paid)
          assert.strictEqual(confirmed.payment.status, "COMPLETED")
          const recorded = yield* awaitEvents(7, (status) => status === "delivered")
          assert.deepStrictEqual(
            recorded.map((event) => event.state),
            sent.map((event) => event.state)
          )
        }).pipe(Effect.provide(simulator(receiver)))
      })
  )

  it.effect("native payments notify on insert; refunds and captures awaiting the user send nothing", () =>
    Effect.gen(function* () {
      const receiver = yield* makeReceiver
      yield* Effect.gen(function* () {
        const user = yield* newUser({ balance: 100_000 })
        const payment = yield* Payments.create({
          merchantPaymentId: "native-1",
          userAuthorizationId: user.userAuthorizationId,
          amount: yen(800)
        })
        yield* Refunds.create({ merchantRefundId: "refund-1", paymentId: payment.paymentId, amount: yen(800) })
        yield* Preauth.authorize({
          merchantPaymentId: "auth",
          userAuthorizationId: user.userAuthorizationId,
          amount: yen(100)
        })
        yield* Preauth.capture({
          merchantPaymentId: "auth",
          merchantCaptureId: "c",
          amount: yen(200),
          orderDescription: "x"
        })
        const recorded = yield* awaitEvents(2, (status) => status === "delivered")
        assert.deepStrictEqual(
          recorded.map((event) => [event.subject, event.state]),
          [
            ["native-1", "COMPLETED"],
            ["auth", "AUTHORIZED"]
          ]
        )
      }).pipe(Effect.provide(simulator(receiver)))
    })
  )

  it.effect("an authorization whose simulated time runs out sends EXPIRED from the worker's sweep, unread", () =>
    Effect.gen(function* () {
      const receiver = yield* makeReceiver
      yield* Effect.gen(function* () {
        const user = yield* newUser({ balance: 10_000 })
        const authorized = yield* Preauth.authorize({
          merchantPaymentId: "auth",
          userAuthorizationId: user.userAuthorizationId,
          amount: yen(100)
        })
        const api = yield* control
        yield* receiver.awaitPosts(1)
        yield* api.advanceClock(authorized.expiresAt! - authorized.authorizedAt! + 1)
        yield* advanceTo((yield* Clock.currentTimeMillis) + 1_000)
        const posts = yield* receiver.awaitPosts(2)
        assert.deepStrictEqual(
          (yield* transactionsOf(posts)).map((event) => event.state),
          ["AUTHORIZED", "EXPIRED"]
        )
        assert.strictEqual((yield* Payments.get("auth")).status, "EXPIRED")
      }).pipe(Effect.provide(simulator(receiver)))
    })
  )

  it.effect("customer events: succeeded, failed, revoked, extended", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(START)
      const receiver = yield* makeReceiver
      yield* Effect.gen(function* () {
        const session = () =>
          Users.createAccountLinkQrCode({
            scopes: ["direct_debit", "user_profile"],
            nonce: "nonce-1",
            redirectUrl: "https://shop.example/linked",
            referenceId: "shop-user-42",
            phoneNumber: "09012340077"
          }).pipe(Effect.map((qr) => qr.linkQRCodeURL.split("/").at(-1)!))
        const linked = yield* UserActions.completeAccountLink(yield* session(), { userAuthorizationId: "user-1" })
        yield* UserActions.declineAccountLink(yield* session())
        yield* UserActions.completeAccountLink(yield* session(), { userAuthorizationId: "user-1" })
        yield* Users.unlink("user-1")
        yield* Users.unlink("user-1")
        const posts = yield* receiver.awaitPosts(5)
        const sent = yield* Effect.forEach(posts, decoded)
        assert.deepStrictEqual(
          posts.map((post) => post.json.notification_type),
          [
            "customer.authroization.succeeded",
            "customer.authroization.failed",
            "customer.authroization.succeeded",
            "customer.authroization.extended",
            "customer.authroization.revoked"
          ]
        )
        const succeeded = sent[0]!
        assert.strictEqual(succeeded._tag, "CustomerAuthorizationSucceeded")
        if (succeeded._tag === "CustomerAuthorizationSucceeded") {
          assert.strictEqual(succeeded.userAuthorizationId, "user-1")
          assert.strictEqual(succeeded.referenceId, "shop-user-42")
          assert.strictEqual(succeeded.nonce, "nonce-1")
          assert.deepStrictEqual(succeeded.scopes, ["direct_debit", "user_profile"])
          assert.strictEqual(succeeded.profileIdentifier, "*******0077")
          assert.strictEqual(succeeded.createdAt, "2024-05-01T12:00:00Z")
          assert.strictEqual(succeeded.expiry, UserAuth.expireAtOf(linked.user!))
          assert.strictEqual(succeeded.expiry, START / 1000 + 365 * 86_400)
          assert.match(succeeded.notification_id ?? "", /^[0-9a-f-]{36}$/)
        }
        const failed = sent[1]!
        assert.strictEqual(failed._tag, "CustomerAuthorizationFailed")
        if (failed._tag === "CustomerAuthorizationFailed") {
          assert.strictEqual(failed.result, "declined")
          assert.strictEqual(failed.referenceId, "shop-user-42")
        }
        const extended = sent[3]!
        assert.strictEqual(extended._tag, "CustomerAuthorizationExtended")
        const revoked = sent[4]!
        assert.strictEqual(revoked._tag, "CustomerAuthorizationRevoked")
        if (revoked._tag === "CustomerAuthorizationRevoked") assert.strictEqual(revoked.userAuthorizationId, "user-1")
        yield* awaitEvents(5, (status) => status === "delivered")
      }).pipe(Effect.provide(simulator(receiver)))
    })
  )

  it.effect("endpoint per tenant: none → nothing recorded; PUT sets it, GET shows it, DELETE falls back", () =>
    Effect.gen(function* () {
      const receiver = yield* makeReceiver
      yield* Effect.gen(function* () {
        const api = yield* control
        assert.deepStrictEqual(yield* api.webhookEndpoint, { schedule: "A", source: "none" })
        yield* Codes.create({ merchantPaymentId: "quiet", amount: yen(100) })
        yield* api.approve("quiet")
        assert.deepStrictEqual(yield* events, [])
        const set = yield* api.setWebhookEndpoint("http://shop.test/hooks", { schedule: "B" })
        assert.deepStrictEqual(set, { url: "http://shop.test/hooks", schedule: "B", source: "tenant" })
        assert.deepStrictEqual(yield* api.webhookEndpoint, set)
        const other = api.withTenant({ merchantId: "other" })
        assert.strictEqual((yield* other.webhookEndpoint).source, "none")
        yield* Codes.create({ merchantPaymentId: "loud", amount: yen(100) })
        yield* api.approve("loud")
        const posts = yield* receiver.awaitPosts(1)
        assert.strictEqual(posts[0]!.url, "http://shop.test/hooks")
        yield* api.removeWebhookEndpoint
        assert.strictEqual((yield* api.webhookEndpoint).source, "none")
        const client = yield* HttpClient.HttpClient
        const bad = yield* client.execute(
          HttpClientRequest.put(`${InProcess.BASE_URL}/_simulator/webhooks/endpoint`).pipe(
            HttpClientRequest.bodyText(JSON.stringify({ url: "not a url" }), "application/json")
          )
        )
        assert.strictEqual(bad.status, 400)
        assert.include(yield* bad.text, "absolute http(s) URL")
      }).pipe(Effect.provide(InProcess.layerSdk({ webhooks: { httpClient: receiver.layer } })))
    })
  )

  it.effect("the default endpoint applies to every tenant without its own", () =>
    Effect.gen(function* () {
      const receiver = yield* makeReceiver
      yield* Effect.gen(function* () {
        const api = yield* control
        assert.deepStrictEqual(yield* api.webhookEndpoint, { url: HOOK_URL, schedule: "A", source: "default" })
        const other = api.withTenant({ merchantId: "shop-2" })
        yield* other.setWebhookEndpoint("http://shop-2.test/hooks")
        yield* Codes.create({ merchantPaymentId: "one", amount: yen(100) })
        yield* api.approve("one")
        const posts = yield* receiver.awaitPosts(1)
        assert.strictEqual(posts[0]!.url, HOOK_URL)
        assert.strictEqual((yield* other.webhookEvents()).length, 0)
      }).pipe(Effect.provide(simulator(receiver)))
    })
  )

  it.effect("a rolled-back change records no event", () =>
    Effect.gen(function* () {
      const receiver = yield* makeReceiver
      yield* Effect.gen(function* () {
        const poor = yield* newUser({ balance: 10 })
        yield* Codes.create({ merchantPaymentId: "too-much", amount: yen(1000) })
        const refused = yield* Effect.flip(UserActions.approve(me, "too-much", poor.userAuthorizationId))
        assert.strictEqual(refused._tag, "NoSufficientFund")
        assert.deepStrictEqual(yield* events, [])
      }).pipe(Effect.provide(simulator(receiver)))
    })
  )
})
