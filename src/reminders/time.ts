import { VN_OFFSET_MS } from '../clock.ts'

/**
 * Reminder times in Vietnam (UTC+7, no daylight saving): quiet hours, the offsets before an event, and how a
 * time reads in a message. All arithmetic is on UTC instants shifted by the fixed offset, which is Workers-safe
 * (no time-zone database needed) and exact because Vietnam has no DST.
 */

export const HOUR_MS = 3600_000
export const DAY_MS = 24 * HOUR_MS

/** No reminder is sent from 21:00 to 07:00 Vietnam time; one due then waits until 07:00. */
export const QUIET_START_HOUR = 21
export const QUIET_END_HOUR = 7

/**
 * The hour of the deadline-day reminder: 07:00, the first minute out of quiet hours and the start of the working
 * day in commune offices (7:00–7:30), so a collaborator has the whole day to finish. A deadline early in the
 * morning gets no separate "morning" reminder: its 2-hours-before one (shifted to 07:00) is the same message.
 */
export const MORNING_HOUR = 7

/** Two reminders for the same person and event closer than this are one: the later offset is kept. */
export const MERGE_WITHIN_MS = 2 * HOUR_MS

/** The local (Vietnam) wall-clock fields of an instant. */
export function vnParts(at: Date): { y: number; m: number; d: number; h: number; min: number } {
  const l = new Date(at.getTime() + VN_OFFSET_MS)
  return { y: l.getUTCFullYear(), m: l.getUTCMonth() + 1, d: l.getUTCDate(), h: l.getUTCHours(), min: l.getUTCMinutes() }
}

/** The instant of a Vietnam wall-clock time. */
export function vnInstant(y: number, m: number, d: number, h = 0, min = 0): Date {
  return new Date(Date.UTC(y, m - 1, d, h, min) - VN_OFFSET_MS)
}

export function isQuiet(at: Date): boolean {
  const { h } = vnParts(at)
  return h >= QUIET_START_HOUR || h < QUIET_END_HOUR
}

/** The instant itself, or the next 07:00 when it falls in quiet hours. */
export function outOfQuietHours(at: Date): Date {
  if (!isQuiet(at)) return at
  const p = vnParts(at)
  const day = p.h >= QUIET_START_HOUR ? vnInstant(p.y, p.m, p.d + 1) : vnInstant(p.y, p.m, p.d)
  const q = vnParts(day)
  return vnInstant(q.y, q.m, q.d, QUIET_END_HOUR)
}

/** The last instant at or before `at` that is out of quiet hours (20:59 the evening before for a night time). */
export function latestOutOfQuietHours(at: Date): Date {
  if (!isQuiet(at)) return at
  const p = vnParts(at)
  const evening = p.h >= QUIET_START_HOUR ? vnInstant(p.y, p.m, p.d, QUIET_START_HOUR) : vnInstant(p.y, p.m, p.d - 1, QUIET_START_HOUR)
  return new Date(evening.getTime() - 60_000)
}

export type Offset = 'd3' | 'd1' | 'h2' | 'morning'
export const OFFSETS: readonly Offset[] = ['d3', 'd1', 'h2', 'morning']

/** The nominal time of an offset before an event's start, before the quiet-hours shift. */
export function nominalTime(offset: Offset, startsAt: Date): Date {
  switch (offset) {
    case 'd3':
      return new Date(startsAt.getTime() - 3 * DAY_MS)
    case 'd1':
      return new Date(startsAt.getTime() - DAY_MS)
    case 'h2':
      return new Date(startsAt.getTime() - 2 * HOUR_MS)
    case 'morning': {
      const p = vnParts(startsAt)
      return vnInstant(p.y, p.m, p.d, MORNING_HOUR)
    }
  }
}

/**
 * When each reminder of an event goes: 3 days, 1 day and 2 hours before, and for deadlines also 07:00 on the day;
 * each moved out of quiet hours; none in the past or at/after the start; two that land within two hours of each
 * other kept once (the one nearer the event, which says the most).
 */
export function reminderTimes(kind: string, startsAt: Date, now: Date): { offset: Offset; at: Date }[] {
  const offsets = OFFSETS.filter((o) => o !== 'morning' || kind === 'deadline')
  const times = offsets
    .map((offset) => ({ offset, at: outOfQuietHours(nominalTime(offset, startsAt)) }))
    .filter((x) => x.at.getTime() < startsAt.getTime() && x.at.getTime() >= now.getTime() - 60_000)
    .sort((a, b) => a.at.getTime() - b.at.getTime())
  const kept: { offset: Offset; at: Date }[] = []
  for (const x of times) {
    const last = kept[kept.length - 1]
    if (last && x.at.getTime() - last.at.getTime() < MERGE_WITHIN_MS) kept.pop()
    kept.push(x)
  }
  return kept
}

const pad = (n: number) => String(n).padStart(2, '0')

/** "14:00 thứ Tư 9/12/2026" style parts, for the texts to assemble: time, weekday index (0 = Sunday), date. */
export function vnWhen(at: Date): { time: string; weekday: number; date: string; day: string } {
  const l = new Date(at.getTime() + VN_OFFSET_MS)
  return {
    time: `${pad(l.getUTCHours())}:${pad(l.getUTCMinutes())}`,
    weekday: l.getUTCDay(),
    date: `${l.getUTCDate()}/${l.getUTCMonth() + 1}/${l.getUTCFullYear()}`,
    day: `${l.getUTCFullYear()}-${pad(l.getUTCMonth() + 1)}-${pad(l.getUTCDate())}`,
  }
}
