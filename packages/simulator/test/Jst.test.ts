import { assert, describe, it } from "@effect/vitest"
import * as Jst from "../src/Domain/Jst.js"

const at = Jst.parse

describe("Jst", () => {
  it("parse / format round-trip in JST (UTC+9)", () => {
    assert.strictEqual(at("2024-03-01T09:00:00"), Date.UTC(2024, 2, 1, 0, 0, 0) / 1000)
    assert.strictEqual(Jst.format(at("2024-03-02T00:14:59")), "2024-03-02T00:14:59+09:00")
    assert.strictEqual(Jst.format(0), "1970-01-01T09:00:00+09:00")
  })

  it.each([
    { instant: "2024-03-01T00:00:00", start: "2024-03-01T00:00:00" },
    { instant: "2024-03-01T08:59:59", start: "2024-03-01T00:00:00" },
    { instant: "2024-03-01T09:00:00", start: "2024-03-01T00:00:00" },
    { instant: "2024-03-01T23:59:59", start: "2024-03-01T00:00:00" },
    { instant: "2024-03-02T00:00:00", start: "2024-03-02T00:00:00" }
  ])("startOfDay($instant) = $start", ({ instant, start }) => {
    assert.strictEqual(Jst.startOfDay(at(instant)), at(start))
  })

  describe("cancel window (00:14:59 JST the next day, inclusive)", () => {
    it.each([
      { paid: "2024-03-01T23:59:00", now: "2024-03-01T23:59:30", ok: true },
      { paid: "2024-03-01T23:59:00", now: "2024-03-02T00:14:59", ok: true },
      { paid: "2024-03-01T23:59:00", now: "2024-03-02T00:15:00", ok: false },
      { paid: "2024-03-01T12:00:00", now: "2024-03-02T00:14:59", ok: true },
      { paid: "2024-03-01T12:00:00", now: "2024-03-02T00:15:00", ok: false },
      { paid: "2024-03-02T00:05:00", now: "2024-03-02T00:15:00", ok: true },
      { paid: "2024-03-02T00:05:00", now: "2024-03-02T23:59:59", ok: true },
      { paid: "2024-03-02T00:05:00", now: "2024-03-03T00:14:59", ok: true },
      { paid: "2024-03-02T00:05:00", now: "2024-03-03T00:15:00", ok: false },
      { paid: "2024-03-02T00:30:00", now: "2024-03-03T00:14:59", ok: true }
    ])("paid $paid, cancel at $now → $ok", ({ now, ok, paid }) => {
      assert.strictEqual(Jst.isWithinCancelWindow(at(paid), at(now)), ok)
    })

    it("deadline is 00:14:59 JST on the next JST day, also when the UTC date differs", () => {
      assert.strictEqual(Jst.format(Jst.cancelDeadline(at("2024-03-01T23:59:00"))), "2024-03-02T00:14:59+09:00")
      assert.strictEqual(Jst.format(Jst.cancelDeadline(at("2024-03-02T00:05:00"))), "2024-03-03T00:14:59+09:00")
      assert.strictEqual(Jst.format(Jst.cancelDeadline(at("2024-12-31T23:59:59"))), "2025-01-01T00:14:59+09:00")
    })
  })

  describe("refund window (23:59:59 JST, 365 days after the payment date, inclusive)", () => {
    it.each([
      { paid: "2024-03-01T10:00:00", deadline: "2025-03-01T23:59:59" },
      { paid: "2024-03-01T00:00:00", deadline: "2025-03-01T23:59:59" },
      { paid: "2023-03-01T23:59:59", deadline: "2024-02-29T23:59:59" },
      { paid: "2024-12-31T23:00:00", deadline: "2025-12-31T23:59:59" }
    ])("paid $paid → deadline $deadline", ({ deadline, paid }) => {
      assert.strictEqual(Jst.refundDeadline(at(paid)), at(deadline))
      assert.isTrue(Jst.isWithinRefundWindow(at(paid), at(deadline)))
      assert.isFalse(Jst.isWithinRefundWindow(at(paid), at(deadline) + 1))
    })
  })
})
