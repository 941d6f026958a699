/**
 * Reliability: concurrency over a real socket. Hundreds of concurrent refunds of one payment, a hundred identical
 * creates, and a user's balance drained by concurrent payments and authorizations: totals never exceed what was
 * paid or held, exactly one identical create wins, and every answer is an envelope with a documented code.
 */
import { HttpServer } from "@effect/platform"
import { assert, layer } from "@effect/vitest"
import { Effect, Layer, Option } from "effect"
import * as Server from "../../src/Server.js"
import * as Simulator from "../../src/Simulator.js"
import * as SimulatorConfig from "../../src/SimulatorConfig.js"
import { tenant } from "../../src/Store/Database.js"
import { UserStore } from "../../src/Store/UserStore.js"
import { type Answer, isEnvelope, MERCHANT, nowSeconds, post, sendRaw, signed, yen } from "../helpers/wire.js"
import { count, figures, print } from "./figures.js"

const Live = Server.layer({ port: 0 }).pipe(Layer.provideMerge(Simulator.layer()))

const me = tenant(SimulatorConfig.defaultCredential.apiKey, MERCHANT)

const portOf = Effect.map(HttpServer.HttpServer, (server) =>
  server.address._tag === "TcpAddress" ? server.address.port : 0
)

const all = (port: number, requests: ReadonlyArray<Parameters<typeof sendRaw>[1]>) =>
  Effect.promise(() => Promise.all(requests.map((request) => sendRaw(port, request))))

const code = (answer: Answer): string => answer.json?.resultInfo?.code ?? "NOT_AN_ENVELOPE"

const tally = (name: string, answers: ReadonlyArray<Answer>, extra: string) => {
  const f = figures()
  for (const answer of answers) count(f, answer.status, isEnvelope(answer) && answer.status < 500)
  print(name, f, extra)
  assert.strictEqual(f.crashes, 0)
  return f
}

const newUser = (id: string, balance: number) =>
  Effect.flatMap(UserStore, (users) => users.create(me, { userAuthorizationId: id, balance }))

const balanceOf = (id: string) =>
  Effect.flatMap(UserStore, (users) => users.get(me, id)).pipe(Effect.map((user) => Option.getOrThrow(user).balance))

layer(Live, { excludeTestServices: true })("reliability: concurrency", (it) => {
  it.effect("300 concurrent refunds of one 1,000-yen payment: never more refunded than paid", () =>
    Effect.gen(function* () {
      const port = yield* portOf
      yield* newUser("cc-refunder", 10_000)
      const paid = yield* Effect.promise(() =>
        sendRaw(
          port,
          post("/v2/payments", {
            merchantPaymentId: "cc-refunded",
            userAuthorizationId: "cc-refunder",
            amount: yen(1000),
            requestedAt: nowSeconds()
          })
        )
      )
      const paymentId: string = paid.json.data.paymentId
      const answers = yield* all(
        port,
        Array.from({ length: 300 }, (_, i) =>
          post("/v2/refunds", { merchantRefundId: `cc-r-${i}`, paymentId, amount: yen(70), requestedAt: nowSeconds() })
        )
      )
      const ok = answers.filter((answer) => code(answer) === "SUCCESS")
      const f = tally("concurrency, 300 refunds of one payment", answers, `${ok.length} refunds × ¥70 of ¥1,000`)
      assert.isAtMost(ok.length * 70, 1000)
      assert.strictEqual(f.accepted, ok.length)
      const stored = yield* Effect.promise(() =>
        sendRaw(port, signed({ method: "GET", path: "/v2/payments/cc-refunded" }))
      )
      const refunds = stored.json.data.refunds.data as ReadonlyArray<{ readonly amount: { readonly amount: number } }>
      assert.strictEqual(refunds.length, ok.length)
      assert.strictEqual(yield* balanceOf("cc-refunder"), 10_000 - 1000 + ok.length * 70)
    })
  )

  it.effect("100 identical creates: exactly one wins, 99 are duplicates", () =>
    Effect.gen(function* () {
      const port = yield* portOf
      const body = { merchantPaymentId: "cc-same", amount: yen(100), codeType: "ORDER_QR", requestedAt: nowSeconds() }
      const answers = yield* all(
        port,
        Array.from({ length: 100 }, () => post("/v2/codes", body))
      )
      tally("concurrency, 100 identical creates", answers, "1 expected to win")
      assert.strictEqual(answers.filter((answer) => answer.status === 201).length, 1)
      assert.strictEqual(answers.filter((answer) => code(answer) === "DUPLICATE_DYNAMIC_QR_REQUEST").length, 99)
    })
  )

  it.effect("a 1,000-yen balance drained by 60 concurrent payments and authorizations: never below zero", () =>
    Effect.gen(function* () {
      const port = yield* portOf
      yield* newUser("cc-drained", 1000)
      const answers = yield* all(
        port,
        Array.from({ length: 60 }, (_, i) =>
          post(`${i % 2 === 0 ? "/v2/payments" : "/v2/payments/preauthorize"}?agreeSimilarTransaction=true`, {
            merchantPaymentId: `cc-d-${i}`,
            userAuthorizationId: "cc-drained",
            amount: yen(90),
            requestedAt: nowSeconds()
          })
        )
      )
      const ok = answers.filter((answer) => code(answer) === "SUCCESS").length
      tally("concurrency, 60 debits of one balance", answers, `${ok} × ¥90 of ¥1,000 taken or held`)
      assert.strictEqual(ok, 11)
      assert.strictEqual(yield* balanceOf("cc-drained"), 1000 - ok * 90)
      assert.strictEqual(answers.filter((answer) => code(answer) === "NO_SUFFICIENT_FUND").length, 60 - ok)
    })
  )
})
