/**
 * The SDK's API families with wire schemas, and helpers to walk their exported schemas (shared by the decoding
 * property tests).
 */
import { Schema, SchemaAST } from "effect"
import {
  Cashback,
  Codes,
  Payments,
  PayPaySchema,
  PendingPayments,
  Preauth,
  Refunds,
  Topup,
  Users,
  Wallet
} from "../../src/index.js"

export const families = {
  Cashback,
  Codes,
  Payments,
  PendingPayments,
  Preauth,
  Refunds,
  Topup,
  Users,
  Wallet,
  PayPaySchema
}

/** Whether a value is a `Schema.Class` (a transformation to its instances that keeps its `fields`). */
export const isClass = (value: unknown): value is Schema.Schema<any, any> & { readonly fields: Schema.Struct.Fields } =>
  Schema.isSchema(value) && SchemaAST.isTransformation(value.ast) && "fields" in value

/** Every exported schema of the families, named `Family.name`. */
export const exportedSchemas: ReadonlyArray<readonly [string, Schema.Schema<any, any>]> = Object.entries(
  families
).flatMap(([family, module]) =>
  Object.entries(module).flatMap(
    ([name, value]): ReadonlyArray<readonly [string, Schema.Schema<any, any>]> =>
      Schema.isSchema(value) ? [[`${family}.${name}`, value as Schema.Schema<any, any>]] : []
  )
)
