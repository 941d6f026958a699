import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as AST from "effect/SchemaAST"

/**
 * A schema's decoding, compiled from its AST for the plain shapes the SDK's wire schemas use (structs, records,
 * arrays, unions, literals, keywords and their refinements, whose filters run unchanged, and `Schema.transform` /
 * `transformOrFail` between two such shapes, whose decode function runs unchanged when it answers synchronously).
 * A compiled parser returns the decoded value or {@link FAIL}; it is never more lenient than `ParseResult` and, when
 * it succeeds, returns what `ParseResult` would (same keys in the same order, same values). On {@link FAIL} the
 * caller decodes again with `ParseResult`, so a failure reads exactly the same. Anything else (classes, declarations,
 * property-signature transformations, suspensions, parse-option annotations, and the empty struct `{}`, which
 * `ParseResult` passes through as it is) is not compiled and always goes through `ParseResult`.
 */
const FAIL: unique symbol = Symbol.for("@paypay-effect/sdk/decode/FAIL")

type Parse = (input: unknown) => unknown

interface Compiled {
  readonly parse: Parse
  /** Succeeds with its input unchanged (keywords, literals and their refinements). */
  readonly identity: boolean
  /** The kinds of input it can accept, a bit set of `K_*`. */
  readonly kinds: number
}

const K_STRING = 1
const K_NUMBER = 2
const K_BOOLEAN = 4
const K_NULL = 8
const K_UNDEFINED = 16
const K_OBJECT = 32
const K_ARRAY = 64
const K_OTHER = 128
const K_ALL = 255

const hasOwn = Object.prototype.hasOwnProperty

const isRecord = (input: unknown): input is { readonly [key: PropertyKey]: unknown } =>
  typeof input === "object" && input !== null && !Array.isArray(input)

const kindOfLiteral = (literal: AST.LiteralValue): number => {
  if (literal === null) return K_NULL
  switch (typeof literal) {
    case "string":
      return K_STRING
    case "number":
      return K_NUMBER
    case "boolean":
      return K_BOOLEAN
    default:
      return K_OTHER
  }
}

const keyword = (kinds: number, test: (input: unknown) => boolean): Compiled => ({
  parse: (input) => (test(input) ? input : FAIL),
  identity: true,
  kinds
})

const isString = (input: unknown) => typeof input === "string"
const isNumber = (input: unknown) => typeof input === "number"
const isBoolean = (input: unknown) => typeof input === "boolean"
const isUndefined = (input: unknown) => input === undefined

const unknown: Compiled = { parse: (input) => input, identity: true, kinds: K_ALL }

const compileRefinement = (ast: AST.Refinement, options: AST.ParseOptions): Compiled | undefined => {
  const from = compile(ast.from, options)
  if (from === undefined) return undefined
  const parseFrom = from.parse
  return {
    parse: (input) => {
      const value = parseFrom(input)
      return value === FAIL || Option.isSome(ast.filter(value, options, ast)) ? FAIL : value
    },
    identity: from.identity,
    kinds: from.kinds
  }
}

/**
 * A union whose members that build new values (structs, arrays) accept no input any other member accepts, so
 * the first member that succeeds gives what `ParseResult`'s candidate order would.
 */
const compileUnion = (ast: AST.Union, options: AST.ParseOptions): Compiled | undefined => {
  const members: Array<Compiled> = []
  for (const type of ast.types) {
    const member = compile(type, options)
    if (member === undefined) return undefined
    members.push(member)
  }
  let kinds = 0
  for (let i = 0; i < members.length; i++) {
    const member = members[i]!
    kinds |= member.kinds
    if (member.identity) continue
    for (let j = 0; j < members.length; j++) {
      if (j !== i && (members[j]!.kinds & member.kinds) !== 0) return undefined
    }
  }
  const parsers = members.map((member) => member.parse)
  return {
    parse: (input) => {
      for (let i = 0; i < parsers.length; i++) {
        const value = parsers[i]!(input)
        if (value !== FAIL) return value
      }
      return FAIL
    },
    identity: members.every((member) => member.identity),
    kinds
  }
}

const compileStruct = (ast: AST.TypeLiteral, options: AST.ParseOptions): Compiled | undefined => {
  const names: Array<string> = []
  const optional: Array<boolean> = []
  const parsers: Array<Parse> = []
  for (const ps of ast.propertySignatures) {
    const type = compile(ps.type, options)
    if (typeof ps.name !== "string" || type === undefined) return undefined
    names.push(ps.name)
    optional.push(ps.isOptional)
    parsers.push(type.parse)
  }
  const declared = new Set(names)
  const excess = options.onExcessProperty === "error"
  return {
    parse: (input) => {
      if (!isRecord(input)) return FAIL
      if (excess) {
        for (const key of Reflect.ownKeys(input)) {
          if (typeof key !== "string" || !declared.has(key)) return FAIL
        }
      }
      const output: { [key: string]: unknown } = {}
      for (let i = 0; i < names.length; i++) {
        const name = names[i]!
        if (optional[i] && !hasOwn.call(input, name)) continue
        const value = parsers[i]!(input[name])
        if (value === FAIL) return FAIL
        output[name] = value
      }
      return output
    },
    identity: false,
    kinds: K_OBJECT
  }
}

const compileRecord = (signature: AST.IndexSignature, options: AST.ParseOptions): Compiled | undefined => {
  const value = signature.parameter._tag === "StringKeyword" ? compile(signature.type, options) : undefined
  if (value === undefined || !isPlain(signature.parameter)) return undefined
  const parse = value.parse
  const excess = options.onExcessProperty === "error"
  return {
    parse: (input) => {
      if (!isRecord(input)) return FAIL
      if (excess) {
        for (const key of Reflect.ownKeys(input)) if (typeof key !== "string") return FAIL
      }
      const output: { [key: string]: unknown } = {}
      for (const key of Object.keys(input)) {
        const decoded = parse(input[key])
        if (decoded === FAIL) return FAIL
        output[key] = decoded
      }
      return output
    },
    identity: false,
    kinds: K_OBJECT
  }
}

const compileArray = (ast: AST.TupleType, options: AST.ParseOptions): Compiled | undefined => {
  const rest = ast.elements.length === 0 && ast.rest.length === 1 ? compile(ast.rest[0]!.type, options) : undefined
  if (rest === undefined) return undefined
  const parse = rest.parse
  return {
    parse: (input) => {
      if (!Array.isArray(input)) return FAIL
      const output: Array<unknown> = []
      for (let i = 0; i < input.length; i++) {
        const value = parse(input[i])
        if (value === FAIL) return FAIL
        output.push(value)
      }
      return output
    },
    identity: false,
    kinds: K_ARRAY
  }
}

/**
 * `from`, then the transformation's decode function (a synchronous success only: anything else is {@link FAIL}, so
 * `ParseResult` reports it), then `to`, exactly as `ParseResult` chains them when decoding.
 */
const compileTransformation = (ast: AST.Transformation, options: AST.ParseOptions): Compiled | undefined => {
  const transformation = ast.transformation
  if (transformation._tag !== "FinalTransformation") return undefined
  const from = compile(ast.from, options)
  const to = compile(ast.to, options)
  if (from === undefined || to === undefined) return undefined
  const parseFrom = from.parse
  const parseTo = to.parse
  return {
    parse: (input) => {
      const decoded = parseFrom(input)
      if (decoded === FAIL) return FAIL
      const result: unknown = transformation.decode(decoded, options, ast, input)
      return Either.isEither(result) && Either.isRight(result) ? parseTo(result.right) : FAIL
    },
    identity: false,
    kinds: from.kinds
  }
}

const isPlain = (ast: AST.AST): boolean =>
  Option.isNone(AST.getParseOptionsAnnotation(ast)) && Option.isNone(AST.getDecodingFallbackAnnotation(ast))

const compile = (ast: AST.AST, options: AST.ParseOptions): Compiled | undefined => {
  if (!isPlain(ast)) return undefined
  switch (ast._tag) {
    case "StringKeyword":
      return keyword(K_STRING, isString)
    case "NumberKeyword":
      return keyword(K_NUMBER, isNumber)
    case "BooleanKeyword":
      return keyword(K_BOOLEAN, isBoolean)
    case "UndefinedKeyword":
      return keyword(K_UNDEFINED, isUndefined)
    case "UnknownKeyword":
    case "AnyKeyword":
      return unknown
    case "Literal": {
      const literal = ast.literal
      return keyword(kindOfLiteral(literal), (input) => input === literal)
    }
    case "Refinement":
      return compileRefinement(ast, options)
    case "Union":
      return compileUnion(ast, options)
    case "TypeLiteral":
      if (ast.indexSignatures.length === 0) {
        return ast.propertySignatures.length === 0 ? undefined : compileStruct(ast, options)
      }
      return ast.propertySignatures.length === 0 && ast.indexSignatures.length === 1
        ? compileRecord(ast.indexSignatures[0]!, options)
        : undefined
    case "TupleType":
      return compileArray(ast, options)
    case "Transformation":
      return compileTransformation(ast, options)
    default:
      return undefined
  }
}

/**
 * `full` (the schema's `ParseResult` decoding with `options`) preceded by the compiled parser of `ast` when it
 * has one: a success of the compiled parser is returned as is, anything else is decoded by `full`.
 *
 * @internal
 */
export const withFastPath = <A, E>(
  ast: AST.AST,
  options: AST.ParseOptions | undefined,
  full: (input: unknown) => Either.Either<A, E>
): ((input: unknown) => Either.Either<A, E>) => {
  if (options?.exact === true || options?.propertyOrder === "original" || options?.onExcessProperty === "preserve") {
    return full
  }
  const compiled = compile(ast, options ?? AST.defaultParseOption)
  if (compiled === undefined) return full
  const parse = compiled.parse
  return (input) => {
    const value = parse(input)
    return value === FAIL ? full(input) : Either.right(value as A)
  }
}
