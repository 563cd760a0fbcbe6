import { DAY_MS, HOUR_MS, isQuiet, latestOutOfQuietHours } from './time.ts'

/**
 * Zalo's messaging window (PLATFORMS.md §A.4): an OA may send a consultation message only within 7 days of the
 * user's last interaction (free within 48 hours, billed after), and Zalo refuses it after that (-230). A reminder that
 * would fall outside is sent early, while the window is still open, when that still makes sense; otherwise it goes
 * by the template path when one is configured, or is marked not reached. Tapping any reminder button is an
 * interaction, so a person who answers keeps the window open for the next reminder.
 */
export const ZALO_WINDOW_MS = 7 * DAY_MS
/** How long before the window closes an early reminder is sent (clock drift, a slow run, a retry). */
export const ZALO_MARGIN_MS = HOUR_MS
/** An early reminder makes sense only this close to the event: earlier than a week ahead it is no reminder. */
export const EARLY_AT_MOST_MS = 7 * DAY_MS

export function windowEnd(lastInboundAt: Date | null): Date | null {
  return lastInboundAt ? new Date(lastInboundAt.getTime() + ZALO_WINDOW_MS) : null
}

/** Whether a consultation message sent at `at` falls inside the window. */
export function insideWindow(lastInboundAt: Date | null, at: Date): boolean {
  const end = windowEnd(lastInboundAt)
  return end !== null && at.getTime() < end.getTime() - 5 * 60_000
}

/**
 * When a reminder due at `dueAt` should go early instead, or null when it need not or cannot: the last moment out of
 * quiet hours a margin before the window closes, if that is after now-ish and within a week of the event.
 */
export function earlyTime(lastInboundAt: Date | null, dueAt: Date, eventStartsAt: Date): Date | null {
  const end = windowEnd(lastInboundAt)
  if (!end || insideWindow(lastInboundAt, dueAt)) return null
  const early = latestOutOfQuietHours(new Date(end.getTime() - ZALO_MARGIN_MS))
  if (early.getTime() >= dueAt.getTime()) return null
  if (eventStartsAt.getTime() - early.getTime() > EARLY_AT_MOST_MS) return null
  if (lastInboundAt && early.getTime() <= lastInboundAt.getTime()) return null
  return early
}

/** An early reminder is due in this run: its time has come, the window is still open and it is not night. */
export function earlyDue(lastInboundAt: Date | null, dueAt: Date, eventStartsAt: Date, now: Date): boolean {
  const early = earlyTime(lastInboundAt, dueAt, eventStartsAt)
  return early !== null && early.getTime() <= now.getTime() && insideWindow(lastInboundAt, now) && !isQuiet(now)
}
