/** The current time, passed in so tests can fix it. */
export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

export function fixedClock(at: Date | string): Clock & { set(to: Date | string): void } {
  let current = new Date(at)
  return {
    now: () => new Date(current),
    set: (to) => {
      current = new Date(to)
    },
  }
}

/** Vietnam has no daylight saving: Asia/Ho_Chi_Minh is always UTC+7. */
export const VN_OFFSET_MS = 7 * 3600_000

/** The calendar date (YYYY-MM-DD) in Vietnam at `at`. Works without Intl time-zone data (Workers-safe). */
export function vnDate(at: Date = new Date()): string {
  return new Date(at.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10)
}
