/**
 * Start-up errors of the dev server as one line each: what failed, its cause (the system or SQLite error code and
 * message) and a hint, e.g. `cannot open the database /srv/x/sim.db: the folder /srv/x does not exist (hint: create
 * it, or pass another --db)`.
 *
 * @since 0.1.0
 */
import type { ServeError } from "@effect/platform/HttpServerError"
import type { SqlError } from "@effect/sql/SqlError"
import type { ConfigError } from "effect/ConfigError"
import { statSync } from "node:fs"
import { dirname, resolve } from "node:path"
import type { Settings, StartError } from "./Cli.js"
import type { TlsError } from "./Tls.js"

/**
 * A path as given on the command line, made absolute against `base` (`:memory:` stays as it is).
 *
 * @since 0.1.0
 * @category Rendering
 */
export const absolutePath = (base: string, path: string | undefined): string | undefined =>
  path === undefined || path === ":memory:" ? path : resolve(base, path)

const codeOf = (u: unknown): string | undefined => {
  const code = typeof u === "object" && u !== null ? (u as { readonly code?: unknown }).code : undefined
  return typeof code === "string" ? code : undefined
}

const messageOf = (u: unknown): string =>
  typeof u === "object" && u !== null && typeof (u as { readonly message?: unknown }).message === "string"
    ? (u as { readonly message: string }).message
    : String(u)

const causeText = (u: unknown): string => {
  const code = codeOf(u)
  const message = messageOf(u)
  return code === undefined || message.includes(code) ? message : `${code}: ${message}`
}

const kindOf = (path: string): "missing" | "directory" | "file" => {
  try {
    return statSync(path).isDirectory() ? "directory" : "file"
  } catch {
    return "missing"
  }
}

/**
 * A database error: the path, what is wrong with it, and what to do.
 *
 * @since 0.1.0
 * @category Rendering
 */
export const database = (path: string, error: SqlError): string => {
  const cause = error.cause
  const code = codeOf(cause)
  const at = `cannot open the database ${path}`
  if (kindOf(dirname(path)) === "missing") {
    return `${at}: the folder ${dirname(path)} does not exist (hint: create it, or pass another --db)`
  }
  if (kindOf(path) === "directory") {
    return `${at}: it is a directory (hint: --db takes a file path, e.g. --db ${path.replace(/\/+$/, "")}/sim.db)`
  }
  if (code === "SQLITE_NOTADB") {
    return `${at}: not a SQLite database (${causeText(cause)}) (hint: pass a new file, or one the simulator created)`
  }
  if (code === "SQLITE_READONLY" || code === "SQLITE_CANTOPEN" || code === "SQLITE_PERM") {
    return `${at}: ${causeText(cause)} (hint: check the permissions of the file and its folder)`
  }
  return `${at}: ${causeText(cause ?? error)}`
}

/**
 * A listening error: the address, the system error and a hint.
 *
 * @since 0.1.0
 * @category Rendering
 */
export const listen = (host: string, port: number, error: ServeError): string => {
  const cause = error.cause
  const at = `cannot listen on ${host.includes(":") ? `[${host}]` : host}:${port}`
  switch (codeOf(cause)) {
    case "EADDRINUSE":
      return `${at}: the port is in use (EADDRINUSE) (hint: choose another with --port, or --port 0 for a free one)`
    case "EADDRNOTAVAIL":
      return `${at}: ${host} is not an address of this machine (EADDRNOTAVAIL) (hint: --host 127.0.0.1 for this machine only, 0.0.0.0 for every interface)`
    case "ENOTFOUND":
    case "EAI_AGAIN":
    case "EAI_NONAME":
      return `${at}: the host name ${host} does not resolve (${codeOf(cause)}) (hint: --host takes an address of this machine, e.g. 127.0.0.1)`
    case "EACCES":
      return `${at}: permission denied (EACCES) (hint: ports below 1024 need privileges; use e.g. --port 4010)`
    default:
      return `${at}: ${causeText(cause)}`
  }
}

/**
 * A TLS error: which file or step, the cause and a hint.
 *
 * @since 0.1.0
 * @category Rendering
 */
export const tls = (error: TlsError): string => {
  const cause = error.cause === undefined ? "" : `: ${causeText(error.cause)}`
  const hint =
    error.reason === "Read"
      ? " (hint: check the paths of --cert and --key; relative paths start from where you ran the command)"
      : error.reason === "Parse"
        ? " (hint: --cert and --key take PEM files)"
        : ""
  return `${error.message}${cause}${hint}`
}

/**
 * A value from an environment variable that @effect/cli could not use.
 *
 * @since 0.1.0
 * @category Rendering
 */
export const config = (error: ConfigError): string => `invalid setting in the environment: ${String(error)}`

/**
 * A start-up error as one line, with its cause and a hint.
 *
 * @since 0.1.0
 * @category Rendering
 */
export const describe = (error: StartError, settings: Settings): string => {
  switch (error._tag) {
    case "ServeError":
      return listen(settings.host, settings.port, error)
    case "SqlError":
      return database(absolutePath(process.cwd(), settings.database) ?? ":memory:", error)
    case "TlsError":
      return tls(error)
    case "CliError":
      return error.message
    default:
      return config(error)
  }
}
