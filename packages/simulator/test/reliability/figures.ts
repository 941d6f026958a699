/**
 * The reliability suite's figures: each test counts what it tried, what the simulator refused (a documented 4xx),
 * what it accepted, crashes (a 5xx, an answer without its envelope, a dropped connection) and lost writes, and
 * prints one line per test to the test output (summarised in the README's reliability section).
 */

export interface Figures {
  tried: number
  refused: number
  accepted: number
  crashes: number
  lost: number
}

export const figures = (): Figures => ({ tried: 0, refused: 0, accepted: 0, crashes: 0, lost: 0 })

/** Counts one answer: `ok` says whether it was well-formed (envelope or `{error, message}`, no 5xx). */
export const count = (into: Figures, status: number, ok: boolean): boolean => {
  into.tried++
  if (!ok) into.crashes++
  else if (status >= 400) into.refused++
  else into.accepted++
  return ok
}

export const print = (name: string, f: Figures, extra = ""): void => {
  console.log(
    `[reliability] ${name}: tried ${f.tried}, refused ${f.refused}, accepted ${f.accepted}, ` +
      `crashes ${f.crashes}, lost ${f.lost}${extra === "" ? "" : `; ${extra}`}`
  )
}
