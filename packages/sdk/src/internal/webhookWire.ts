import * as Schema from "effect/Schema"

/**
 * A string field that may also arrive as a JSON number (GO-M types it as a string; reference §B.10). Decodes to
 * the number's decimal text; encodes as a string.
 *
 * @internal
 */
export const WireString = Schema.Union(
  Schema.String,
  Schema.transform(Schema.Number, Schema.String, { strict: true, decode: (n) => String(n), encode: (s) => Number(s) })
)

/**
 * An integer field that may also arrive as a decimal string. Decodes to a number; encodes as a number.
 *
 * @internal
 */
export const WireInt = Schema.Union(Schema.Int, Schema.NumberFromString.pipe(Schema.int()))

/**
 * An optional wire field that may also be `null`; `null` decodes to an absent field.
 *
 * @internal
 */
export const optional = <S extends Schema.Schema.All>(schema: S) => Schema.optionalWith(schema, { nullable: true })

const splitScopes = (text: string): ReadonlyArray<string> => text.split(/[\s,[\]"]+/).filter((scope) => scope !== "")

/**
 * Authorization scopes: GO-M types the webhook field as a string (reference §B.10) while the REST API returns an
 * array (§B.8), so both are accepted. A string is split on commas and whitespace; encoding writes a
 * comma-separated string, as GO-M expects.
 *
 * @internal
 */
export const WireScopes = Schema.Union(
  Schema.transform(Schema.String, Schema.Array(Schema.String), {
    strict: true,
    decode: splitScopes,
    encode: (scopes) => scopes.join(",")
  }),
  Schema.Array(Schema.String)
)

/**
 * Turns a tagged schema into its wire form: the `_tag` is added on decode and dropped on encode, so it never
 * appears on the wire. Unknown extra fields are ignored.
 *
 * @internal
 */
export const untagged = <A extends { readonly _tag: string }, I extends { readonly _tag: string }, R>(
  schema: Schema.Schema<A, I, R>,
  tag: I["_tag"]
): Schema.Schema<A, Omit<I, "_tag">, R> =>
  Schema.transform(Schema.encodedSchema(schema).pipe(Schema.omit("_tag")), schema, {
    strict: false,
    decode: (wire) => ({ ...wire, _tag: tag }),
    encode: ({ _tag: _, ...wire }) => wire
  }) as unknown as Schema.Schema<A, Omit<I, "_tag">, R>
