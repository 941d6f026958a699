/** @internal (a trailing slash is ignored, ledger: auth.trailing-slash) */
export interface Matched<A> {
  readonly value: A
  readonly params: Readonly<Record<string, string>>
}

/**
 * A tiny method + path matcher for the PayPay route table (`/v2/codes/payments/:merchantPaymentId`). Parameters
 * are percent-decoded; a trailing slash is ignored (the Python SDK posts refunds to `/v2/refunds/`, §A.5).
 *
 * @internal
 */
export const make = <A>(
  routes: ReadonlyArray<{ readonly method: string; readonly path: string; readonly value: A }>
) => {
  const table = routes.map((route) => ({ ...route, segments: split(route.path) }))
  return (method: string, path: string): Matched<A> | undefined => {
    const segments = split(path)
    for (const route of table) {
      if (route.method !== method || route.segments.length !== segments.length) continue
      const params: Record<string, string> = {}
      let ok = true
      for (let i = 0; i < segments.length && ok; i++) {
        const pattern = route.segments[i]!
        const actual = segments[i]!
        if (pattern.startsWith(":")) params[pattern.slice(1)] = safeDecode(actual)
        else ok = pattern === actual
      }
      if (ok) return { value: route.value, params }
    }
    return undefined
  }
}

const split = (path: string) => path.split("/").filter((segment) => segment !== "")

const safeDecode = (segment: string) => {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}
