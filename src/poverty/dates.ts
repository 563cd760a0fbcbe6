/**
 * Calendar dates as `YYYY-MM-DD` strings. The poverty standards change at midnight Vietnam time, so
 * "today" is the date in Asia/Ho_Chi_Minh (UTC+7 all year: Vietnam has no daylight saving time).
 * No `Intl` time-zone data is needed, so this runs the same on Workers and Node.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** Today's date in Vietnam, e.g. `todayInVietnam(new Date('2026-12-31T17:30:00Z'))` is `'2027-01-01'`. */
export { vnDate as todayInVietnam } from '../clock.ts'


/** True for a real calendar date written `YYYY-MM-DD` (so `2026-02-30` is false). */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value)
  if (!match) return false
  const [, y, m, d] = match.map(Number) as [number, number, number, number]
  const date = new Date(Date.UTC(y, m - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
}

/** The day after `date` (`2026-12-31` → `2027-01-01`). */
export function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 24 * 60 * 60 * 1000).toISOString().slice(0, 10)
}
