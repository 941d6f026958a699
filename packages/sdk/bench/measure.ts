/**
 * Closed-loop load: `concurrency` workers each call, await, and call again until the deadline. The rate counts
 * successful calls over the time until the last in-flight call settled.
 */
import { performance } from "node:perf_hooks"

/** One measurement. */
export interface Sample {
  readonly ok: number
  readonly errors: number
  readonly messages: ReadonlyArray<string>
  readonly seconds: number
  readonly rate: number
  readonly p50: number
  readonly p99: number
  readonly cpuPercent: number
}

const percentile = (sorted: Float64Array, p: number): number =>
  sorted.length === 0 ? Number.NaN : (sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN)

/** Runs `call` with `concurrency` calls in flight for `seconds`. */
export const measure = async (call: () => Promise<void>, concurrency: number, seconds: number): Promise<Sample> => {
  const latencies: Array<number> = []
  const messages: Array<string> = []
  let errors = 0
  const cpuBefore = process.cpuUsage()
  const start = performance.now()
  const deadline = start + seconds * 1000
  const worker = async () => {
    while (performance.now() < deadline) {
      const begin = performance.now()
      try {
        await call()
        latencies.push(performance.now() - begin)
      } catch (error) {
        errors++
        if (messages.length < 3) messages.push(error instanceof Error ? error.message : String(error))
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  const elapsed = (performance.now() - start) / 1000
  const cpu = process.cpuUsage(cpuBefore)
  const sorted = Float64Array.from(latencies).sort()
  return {
    ok: latencies.length,
    errors,
    messages,
    seconds: elapsed,
    rate: latencies.length / elapsed,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    cpuPercent: ((cpu.user + cpu.system) / 1e6 / elapsed) * 100
  }
}
