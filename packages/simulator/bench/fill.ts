/**
 * Fills a simulator database file for `pnpm bench:simulator --scale`: the schema the simulator writes
 * (`Database.layer`), then `payments` rows — documents built by the domain's own constructors, with their real
 * columns (`PaymentDoc.columns`) — for the bench merchant, a tenth of them refunded (with `refunds` rows), and their
 * users. Rows are written with better-sqlite3 in large transactions, which is far faster than the API.
 */
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import Sqlite3 from "better-sqlite3"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import { statSync } from "node:fs"
import * as DirectDebit from "../src/Domain/DirectDebit.js"
import * as Payment from "../src/Domain/Payment.js"
import * as Database from "../src/Store/Database.js"
import * as PaymentDoc from "../src/Store/PaymentDoc.js"
import { ALL_SCOPES } from "../src/Store/UserStore.js"
import { credentials } from "./shared.js"

/** What the filled store holds. */
export interface Filled {
  readonly payments: number
  readonly refunds: number
  readonly users: number
  readonly millis: number
  readonly bytes: number
}

/** The users the bench pays with: `bench-user-<i>`. */
export const userId = (i: number) => `bench-user-${i}`

const BATCH = 20_000

/** Writes the schema, then `payments` payments spread over `users` users (one in ten refunded), into `file`. */
export const fill = async (file: string, payments: number, users: number): Promise<Filled> => {
  const started = Date.now()
  await Effect.runPromise(Effect.scoped(Layer.build(Database.layer({ filename: file }))))
  const db = new Sqlite3(file)
  db.pragma("journal_mode = WAL")
  db.pragma("synchronous = OFF")
  const now = Math.floor(Date.now() / 1000)
  const insertPayment = db.prepare(`INSERT INTO payments (api_key, merchant_id, merchant_payment_id, payment_id,
    code_id, kind, status, doc, user_authorization_id, amount, started_at, expires_at)
    VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?)`)
  const insertRefund = db.prepare(`INSERT INTO refunds (api_key, merchant_id, merchant_refund_id, merchant_payment_id)
    VALUES (?, ?, ?, ?)`)
  const insertUser = db.prepare(
    "INSERT INTO users (api_key, merchant_id, user_authorization_id, doc) VALUES (?, ?, ?, ?)"
  )
  const { apiKey, merchantId } = credentials
  let refunds = 0
  const write = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const at = now - 600 - (i % 2_592_000)
      const input = {
        merchantPaymentId: `filled-${i}`,
        userAuthorizationId: userId(i % users),
        amount: { amount: 100 + (i % 5000), currency: "JPY" as const },
        requestedAt: at,
        orderDescription: "filled by the scale bench"
      }
      const created = DirectDebit.createPayment(input, {
        kind: "native",
        paymentId: `9${String(i).padStart(19, "0")}`,
        now: at
      })
      if (Either.isLeft(created)) throw new Error(String(created.left))
      let payment = created.right
      if (i % 10 === 0) {
        const refunded = Payment.refund(payment, {
          now: at + 10,
          merchantRefundId: `filled-refund-${i}`,
          amount: { amount: 50, currency: "JPY" }
        })
        if (Either.isLeft(refunded)) throw new Error(String(refunded.left))
        payment = refunded.right[0]
        insertRefund.run(apiKey, merchantId, `filled-refund-${i}`, payment.merchantPaymentId)
        refunds++
      }
      const c = PaymentDoc.columns(payment)
      insertPayment.run(
        apiKey,
        merchantId,
        payment.merchantPaymentId,
        payment.paymentId,
        payment.kind,
        payment.status,
        JSON.stringify(payment),
        c.user_authorization_id,
        c.amount,
        c.started_at,
        c.expires_at
      )
    }
  })
  for (let from = 0; from < payments; from += BATCH) write(from, Math.min(payments, from + BATCH))
  db.transaction(() => {
    for (let i = 0; i < users; i++) {
      const user = {
        userAuthorizationId: userId(i),
        balance: 1_000_000_000,
        scopes: ALL_SCOPES,
        status: "ACTIVE",
        referenceIds: [],
        createdAt: now - 3600
      }
      insertUser.run(apiKey, merchantId, user.userAuthorizationId, JSON.stringify(user))
    }
  })()
  db.pragma("wal_checkpoint(TRUNCATE)")
  db.close()
  return { payments, refunds, users, millis: Date.now() - started, bytes: statSync(file).size }
}

/** `tsx bench/fill.ts FILE [PAYMENTS] [USERS]`: fill a file by hand (e.g. to serve it with `--db`). */
if (process.argv[1]?.endsWith("fill.ts")) {
  const [file, payments, users] = process.argv.slice(2)
  if (file === undefined) throw new Error("usage: tsx bench/fill.ts FILE [PAYMENTS] [USERS]")
  NodeRuntime.runMain(
    Effect.promise(() => fill(file, Number(payments ?? 1_000_000), Number(users ?? 50))).pipe(
      Effect.flatMap((filled) => Effect.log(filled))
    )
  )
}
