import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"
import type { IncomingHttpHeaders } from "node:http"
import { Agent, type Dispatcher } from "undici"
import {
  describeCause,
  describeLine,
  firstHeader,
  noResponse,
  notSent,
  responseFailed,
  timedOut,
  type Transport,
  type TransportFailure,
  type TransportResponse
} from "../Transport.js"

type Resume = (effect: Effect.Effect<TransportResponse, TransportFailure>) => void

/** Node's timers hold at most 2^31 - 1 ms (about 24.8 days); a longer timeout means no deadline. */
const MAX_TIMER_MILLIS = 2 ** 31 - 1

class Aborted extends Error {
  override readonly name = "AbortError"
}

/**
 * The pending exchanges with one timeout length, in the order they started (so by deadline), under one timer
 * armed for the earliest deadline: adding or removing an exchange is a few pointer moves instead of a Node
 * timer per request. The timer is cleared when the list empties, so nothing keeps the process alive.
 */
class Deadlines {
  head: Exchange | undefined = undefined
  tail: Exchange | undefined = undefined
  private timer: ReturnType<typeof setTimeout> | undefined = undefined

  constructor(private readonly millis: number) {}

  add(exchange: Exchange): void {
    exchange.deadline = performance.now() + this.millis
    exchange.previous = this.tail
    if (this.tail === undefined) this.head = exchange
    else this.tail.next = exchange
    this.tail = exchange
    if (this.timer === undefined) this.arm(this.millis)
  }

  remove(exchange: Exchange): void {
    const { previous, next } = exchange
    if (previous === undefined) this.head = next
    else previous.next = next
    if (next === undefined) this.tail = previous
    else next.previous = previous
    exchange.previous = exchange.next = undefined
    if (this.head === undefined && this.timer !== undefined) {
      clearTimeout(this.timer)
      this.timer = undefined
    }
  }

  private arm(millis: number): void {
    this.timer = setTimeout(() => this.expire(), millis)
  }

  private expire(): void {
    this.timer = undefined
    const now = performance.now()
    while (this.head !== undefined && this.head.deadline <= now) this.head.expire()
    if (this.head !== undefined && this.timer === undefined) this.arm(Math.max(1, Math.ceil(this.head.deadline - now)))
  }
}

const deadlines = new Map<number, Deadlines>()

const deadlinesOf = (millis: number): Deadlines => {
  let list = deadlines.get(millis)
  if (list === undefined) {
    list = new Deadlines(millis)
    deadlines.set(millis, list)
  }
  return list
}

/**
 * One exchange on undici's dispatcher API: collects the body into a string, enforces the request's deadline
 * with a shared timer ({@link Deadlines}; from dispatch to the last body byte, like `Effect.timeoutFail` on the
 * `HttpClient` path), and aborts the request when the fiber is interrupted or the deadline passes. A failure before
 * undici started writing the request (`onRequestStart`) is `NotSent`, whatever its cause.
 */
class Exchange implements Dispatcher.DispatchHandler {
  private controller: Dispatcher.DispatchController | undefined = undefined
  /** undici calls `onRequestStart` right before it writes the request: until then nothing was sent. */
  private started = false
  private status = 0
  private headers: IncomingHttpHeaders = {}
  private chunks: Array<Buffer> = []
  private done = false
  private deadlines: Deadlines | undefined = undefined
  deadline = 0
  previous: Exchange | undefined = undefined
  next: Exchange | undefined = undefined

  constructor(private readonly resume: Resume) {}

  start(millis: number): void {
    if (millis > MAX_TIMER_MILLIS) return
    this.deadlines = deadlinesOf(millis)
    this.deadlines.add(this)
  }

  expire(): void {
    this.finish(Effect.fail(timedOut(this.started)), true)
  }

  cancel(): void {
    this.finish(undefined, true)
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    if (this.done) controller.abort(new Aborted("request cancelled"))
    else {
      this.started = true
      this.controller = controller
    }
  }

  onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number, headers: IncomingHttpHeaders): void {
    if (statusCode < 200) return
    this.status = statusCode
    this.headers = headers
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.chunks.push(chunk)
  }

  onResponseEnd(): void {
    const chunks = this.chunks
    const text = chunks.length === 1 ? chunks[0]!.toString("utf8") : Buffer.concat(chunks).toString("utf8")
    this.finish(Effect.succeed({ status: this.status, headers: this.headers, text }), false)
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    const detail = describeLine(error)
    const cause = describeCause(error)
    const failure =
      this.status !== 0
        ? responseFailed(this.status, firstHeader(this.headers["x-request-id"]), detail, cause)
        : this.started
          ? noResponse(detail, cause)
          : notSent(detail, cause)
    this.finish(Effect.fail(failure), false)
  }

  private finish(effect: Effect.Effect<TransportResponse, TransportFailure> | undefined, abort: boolean): void {
    if (this.done) return
    this.done = true
    if (this.deadlines !== undefined) this.deadlines.remove(this)
    if (abort) this.controller?.abort(new Aborted("request cancelled"))
    if (effect !== undefined) this.resume(effect)
  }
}

/**
 * Sends with undici's `Dispatcher.dispatch` (keep-alive connection pool, no stream or `AbortSignal` per call).
 * The request timeout is a shared plain timer that aborts the exchange: no Effect fibers or timers on this path.
 * undici's own `headersTimeout`/`bodyTimeout` are turned off for these requests: they time phases, not the
 * whole exchange, and would turn a long configured timeout into a `Transport` error after 300 s.
 *
 * @internal
 */
export const fromDispatcher = (dispatcher: Dispatcher): Transport => {
  let baseUrl = ""
  let origin = ""
  let prefix = ""
  return {
    send: (request) =>
      Effect.async<TransportResponse, TransportFailure>((resume) => {
        if (request.baseUrl !== baseUrl) {
          const url = new URL(request.baseUrl)
          baseUrl = request.baseUrl
          origin = url.origin
          prefix = url.pathname === "/" ? "" : url.pathname.replace(/\/+$/, "")
        }
        const exchange = new Exchange(resume)
        exchange.start(Duration.toMillis(request.timeout))
        dispatcher.dispatch(
          {
            origin,
            path: prefix + request.path,
            method: request.method,
            headers: request.headers,
            body: request.body ?? null,
            headersTimeout: 0,
            bodyTimeout: 0
          },
          exchange
        )
        return Effect.sync(() => exchange.cancel())
      })
  }
}

/**
 * A keep-alive undici `Agent` closed with the scope (in-flight requests are aborted).
 *
 * @internal
 */
export const makeAgent: Effect.Effect<Dispatcher, never, Scope.Scope> = Effect.acquireRelease(
  Effect.sync(() => new Agent()),
  (agent) => Effect.promise(() => agent.destroy())
)
