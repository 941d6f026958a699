/**
 * The slice of autocannon@9's programmatic API the bench uses (the package ships no types).
 */
declare module "autocannon" {
  import type { EventEmitter } from "node:events"

  namespace autocannon {
    interface Request {
      method?: string
      path?: string
      headers?: Record<string, string>
      body?: string | Buffer
      setupRequest?: (request: Request, context: Record<string, unknown>) => Request | undefined
      onResponse?: (
        status: number,
        body: string,
        context: Record<string, unknown>,
        headers: Record<string, string>
      ) => void
    }

    interface Options {
      url: string
      connections?: number
      duration?: number
      pipelining?: number
      /** Requests per second across all connections: a fixed offered rate (open loop while below capacity). */
      overallRate?: number
      timeout?: number
      requests?: Array<Request>
    }

    interface Histogram {
      readonly average: number
      readonly p50: number
      readonly p99: number
      readonly total: number
    }

    interface Result {
      readonly duration: number
      readonly errors: number
      readonly timeouts: number
      readonly non2xx: number
      readonly resets: number
      readonly requests: Histogram
      readonly latency: Histogram
      readonly statusCodeStats: Record<string, { readonly count: number }>
    }

    interface Instance extends EventEmitter, PromiseLike<Result> {}
  }

  function autocannon(options: autocannon.Options): autocannon.Instance

  export = autocannon
}
