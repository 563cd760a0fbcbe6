import type { Db } from '../db.ts'
import type { Places } from '../places.ts'
import type { EventRow } from './events.ts'
import { officersOf, recipientsOf } from './recipients.ts'
import { insertDeliveries, setStatus } from './store.ts'
import { DAY_MS, HOUR_MS, MORNING_HOUR, outOfQuietHours, reminderTimes, vnInstant, vnParts } from './time.ts'

/**
 * Planning, as RapidPro's campaigns do it: each event version yields one delivery per recipient per offset, at a
 * delivery hour out of quiet hours, re-planned when the event moves. Rows are keyed (event, version, recipient,
 * offset), so planning is idempotent and two runs planning at once add nothing twice.
 */

/** Re-planned this often even when unchanged, to pick up new collaborators and subscribers. */
export const REPLAN_EVERY_MS = HOUR_MS
/** Reminder offsets (the messages that carry the answer buttons). */
export const REMINDER_OFFSETS = ['d3', 'd1', 'h2', 'morning'] as const

export interface PlanResult {
  planned: number
  cancelled: number
  notices: number
}

/** The morning after a deadline, when its officers get the summary of who is not done. */
export function summaryTime(startsAt: Date): Date {
  const p = vnParts(new Date(startsAt.getTime() + DAY_MS))
  return vnInstant(p.y, p.m, p.d, MORNING_HOUR)
}

/** Events whose deliveries need planning now: changed, cancelled, or not re-planned for an hour. */
export async function eventsToPlan(db: Db, now: Date, limit = 50): Promise<EventRow[]> {
  const rows = await db.reminderEvent.findMany({
    where: {
      OR: [
        { status: 'scheduled', startsAt: { gt: new Date(now.getTime() - 2 * DAY_MS) }, OR: [{ plannedAt: null }, { plannedAt: { lt: new Date(now.getTime() - REPLAN_EVERY_MS) } }] },
        { status: 'scheduled', startsAt: { gt: new Date(now.getTime() - 2 * DAY_MS) }, plannedVersion: { lt: db.reminderEvent.fields.version } },
        { status: 'cancelled', plannedVersion: { lt: db.reminderEvent.fields.version } },
      ],
    },
    orderBy: { startsAt: 'asc' },
    take: limit,
  })
  return rows
}

/**
 * Plans one event: claims the planning (a compare-and-swap on plannedVersion/plannedAt, so one run plans a version),
 * cancels pending reminders of older versions and of people no longer in the audience, queues a change or cancel
 * notice for those already reminded, and adds the reminders (and for deadlines the officers' summary) still ahead.
 */
export async function planEvent(deps: { db: Db; places: Places }, event: EventRow, now: Date): Promise<PlanResult | null> {
  const { db } = deps
  const claimed = await db.reminderEvent.updateMany({
    where: { id: event.id, plannedVersion: event.plannedVersion, plannedAt: event.plannedAt, version: event.version },
    data: { plannedVersion: event.version, plannedAt: now },
  })
  if (claimed.count !== 1) return null
  const result: PlanResult = { planned: 0, cancelled: 0, notices: 0 }
  const changed = event.plannedVersion !== 0 && event.plannedVersion < event.version

  // Pending reminders of an older version (or of a cancelled event) will not go.
  const stale = await db.reminderDelivery.findMany({
    where: { eventId: event.id, status: 'planned', ...(event.status === 'cancelled' ? {} : { version: { lt: event.version } }) },
    select: { id: true },
  })
  result.cancelled += await setStatus(
    db,
    stale.map((r) => r.id),
    ['planned'],
    { status: 'cancelled', reason: event.status === 'cancelled' ? 'event_cancelled' : 'moved' },
  )

  const noticeAt = outOfQuietHours(now)
  if (changed || event.status === 'cancelled') {
    // Those already reminded of an earlier version are told what changed (once per version).
    const reminded = await db.reminderDelivery.findMany({
      where: { eventId: event.id, version: { lt: event.version }, status: { in: ['sent', 'queued'] }, offset: { in: [...REMINDER_OFFSETS, 'change'] } },
      select: { contactId: true },
      distinct: ['contactId'],
    })
    const ids = reminded.map((r) => r.contactId)
    const offset = event.status === 'cancelled' ? 'cancel' : 'change'
    if (ids.length > 0 && (event.status === 'cancelled' || event.startsAt.getTime() > now.getTime())) {
      result.notices += await insertDeliveries(db, { eventId: event.id, version: event.version, offset, dueAt: noticeAt, contactIds: ids })
    }
  }
  if (event.status === 'cancelled') return result

  const recipients = await recipientsOf(deps, event)
  // People no longer in the audience (role revoked, unsubscribed, event moved to another village).
  const pending = await db.reminderDelivery.findMany({
    where: { eventId: event.id, version: event.version, status: 'planned', offset: { in: [...REMINDER_OFFSETS] } },
    select: { id: true, contactId: true },
  })
  const gone = pending.filter((p) => !recipients.has(p.contactId)).map((p) => p.id)
  result.cancelled += await setStatus(db, gone, ['planned'], { status: 'cancelled', reason: 'not_recipient' })

  // Who already said "Đã xong" or "Không tham dự được" is not reminded again.
  const answered = new Set(
    (await db.reminderAnswer.findMany({ where: { eventId: event.id, answer: { in: ['done', 'no'] } }, select: { contactId: true } })).map((r) => r.contactId),
  )
  const ids = [...recipients.keys()]
  const targets = ids.filter((id) => !answered.has(id))
  for (const { offset, at } of reminderTimes(event.kind, event.startsAt, now)) {
    result.planned += await insertDeliveries(db, { eventId: event.id, version: event.version, offset, dueAt: at, contactIds: targets })
  }
  if (event.kind === 'deadline') {
    const at = summaryTime(event.startsAt)
    if (at.getTime() > now.getTime()) {
      const officers = await officersOf(deps, event)
      result.planned += await insertDeliveries(db, { eventId: event.id, version: event.version, offset: 'summary', dueAt: at, contactIds: officers })
    }
  }
  return result
}
