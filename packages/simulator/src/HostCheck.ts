/**
 * DNS-rebinding protection for the control API and the hosted pages: a browser tricked into sending a request to
 * `127.0.0.1` through an attacker's domain still sends that domain as `Host`, so a request is answered only when
 * its `Host` names this machine as the developer reaches it. The rule follows Vite's `server.allowedHosts` and
 * webpack-dev-server's `allowedHosts` (their documented DNS-rebinding defence): loopback names (`localhost`,
 * `*.localhost`), any IP address (rebinding needs a domain name), the host of `publicUrl`, and the extra names of
 * `SimulatorConfig.allowedHosts` (the CLI adds the `--host` it binds and each `--allowed-host`; a leading `.`
 * allows a domain and its subdomains, `*` allows any host). A request without `Host` (HTTP/1.0, the in-process
 * transport) is not a browser's and passes. The PayPay API itself is not checked: every call is HMAC-signed, and
 * SDK clients reach the simulator by any name (e.g. a container's service name).
 *
 * @since 0.1.0
 */
import { isIP } from "node:net"

/**
 * The hostname of a `Host` header value, lower-cased, without port, brackets or a trailing dot.
 *
 * @since 0.1.0
 * @category Parsing
 */
export const hostnameOf = (host: string): string => {
  const value = host.trim().toLowerCase()
  const name = value.startsWith("[")
    ? value.slice(1, value.indexOf("]") === -1 ? undefined : value.indexOf("]"))
    : value.indexOf(":") === value.lastIndexOf(":")
      ? value.split(":")[0]!
      : value
  return name.endsWith(".") ? name.slice(0, -1) : name
}

const hostOfUrl = (url: string | undefined): string | undefined => {
  if (url === undefined) return undefined
  try {
    return hostnameOf(new URL(url).host)
  } catch {
    return undefined
  }
}

const matches = (hostname: string, pattern: string): boolean => {
  const allowed = hostnameOf(pattern)
  if (pattern === "*") return true
  if (pattern.startsWith(".")) return hostname === allowed.slice(1) || hostname.endsWith(allowed)
  return hostname === allowed
}

/**
 * Whether a request with this `Host` header may be answered.
 *
 * @since 0.1.0
 * @category Guards
 */
export const allowed = (
  host: string | undefined,
  settings: { readonly publicUrl: string; readonly allowedHosts?: ReadonlyArray<string> | undefined }
): boolean => {
  if (host === undefined || host.trim() === "") return true
  const hostname = hostnameOf(host)
  if (hostname === "localhost" || hostname.endsWith(".localhost") || isIP(hostname) !== 0) return true
  if (hostname === hostOfUrl(settings.publicUrl)) return true
  return (settings.allowedHosts ?? []).some((pattern) => matches(hostname, pattern))
}

/**
 * What a refused request is told.
 *
 * @since 0.1.0
 * @category Rendering
 */
export const refusal = (host: string): string =>
  `Host "${host.slice(0, 100)}" is not allowed: this simulator answers loopback names, IP addresses and its --public-url host ` +
  "(DNS-rebinding protection); start it with --allowed-host <name> to add one"
