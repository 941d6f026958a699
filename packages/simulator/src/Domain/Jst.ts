/**
 * Pure Japan Standard Time helpers for PayPay's calendar-based windows (§C.3).
 *
 * All instants are integer epoch **seconds**, like every timestamp on PayPay's wire (§B.1). JST is UTC+9 and has
 * no daylight saving time, so the arithmetic below is exact.
 *
 * @since 0.1.0
 */

/**
 * JST offset from UTC, in seconds.
 *
 * @since 0.1.0
 * @category Models
 */
export const OFFSET_SECONDS = 9 * 60 * 60

/**
 * Seconds in one day.
 *
 * @since 0.1.0
 * @category Models
 */
export const DAY_SECONDS = 24 * 60 * 60

/**
 * Days after the payment date during which refunds are accepted (§C.3).
 *
 * @since 0.1.0
 * @category Models
 */
export const REFUND_WINDOW_DAYS = 365

/**
 * The instant (epoch seconds) of 00:00:00 JST on the calendar day that contains `epochSeconds`.
 *
 * @since 0.1.0
 * @category Utils
 */
export const startOfDay = (epochSeconds: number): number =>
  Math.floor((epochSeconds + OFFSET_SECONDS) / DAY_SECONDS) * DAY_SECONDS - OFFSET_SECONDS

/**
 * Last second (inclusive) at which a payment made at `paidAt` can still be canceled: 00:14:59 JST on the calendar
 * day after the payment. From 00:15:00 the merchant must refund instead (§B.3, §C.3).
 *
 * @since 0.1.0
 * @category Utils
 */
export const cancelDeadline = (paidAt: number): number => startOfDay(paidAt) + DAY_SECONDS + 14 * 60 + 59

/**
 * Whether `now` is inside the cancel window of a payment made at `paidAt` (deadline inclusive).
 *
 * @since 0.1.0
 * @category Guards
 */
export const isWithinCancelWindow = (paidAt: number, now: number): boolean => now <= cancelDeadline(paidAt)

/**
 * Last second (inclusive) at which a payment completed at `paidAt` can be refunded: 23:59:59 JST, 365 days after
 * the payment date (§C.3, FAQ 4414068760463).
 *
 * @since 0.1.0
 * @category Utils
 */
export const refundDeadline = (paidAt: number): number =>
  startOfDay(paidAt) + (REFUND_WINDOW_DAYS + 1) * DAY_SECONDS - 1

/**
 * Whether `now` is inside the refund window of a payment completed at `paidAt` (deadline inclusive).
 *
 * @since 0.1.0
 * @category Guards
 */
export const isWithinRefundWindow = (paidAt: number, now: number): boolean => now <= refundDeadline(paidAt)

/**
 * Render an instant as an ISO-8601 JST timestamp, e.g. `"2024-01-02T00:14:59+09:00"` (logs, pages, tests).
 *
 * @since 0.1.0
 * @category Utils
 */
export const format = (epochSeconds: number): string =>
  `${new Date((epochSeconds + OFFSET_SECONDS) * 1000).toISOString().slice(0, 19)}+09:00`

/**
 * Parse an ISO-8601 local JST timestamp without offset (`"2024-01-02T00:14:59"`) into epoch seconds.
 *
 * @since 0.1.0
 * @category Utils
 */
export const parse = (jstLocal: string): number => Date.parse(`${jstLocal}Z`) / 1000 - OFFSET_SECONDS
