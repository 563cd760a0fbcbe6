import type { Db } from '../db.ts'
import type { Logger } from '../logger.ts'
import type { Places } from '../places.ts'
import type { Outbound, OutboundItem } from '../dialogue/types.ts'
import type { Reply } from '../messages.ts'
import type { ZaloTemplate } from '../capability.ts'
import { isLocale, t, type Locale } from '../i18n.ts'
import type { EventRow } from './events.ts'
import { eventsToPlan, planEvent, REMINDER_OFFSETS } from './plan.ts'
import { materialiseCalendar } from './calendar.ts'
import { outboxStates } from './outbox-state.ts'
import { eventReport, renderSummary } from './report.ts'
import { describeEvent, renderCancel, renderChange, renderReminder, templateData } from './render.ts'
import { chunks, ID_CHUNK, inJson, JSON_IDS, setOutboxIds, sqlTime, updateByIds } from './store.ts'
import { HOUR_MS, isQuiet } from './time.ts'
import { earlyDue, insideWindow, ZALO_WINDOW_MS } from './zalo-window.ts'

/**
 * One dispatch run (the cron trigger every minute, the Node timer, `npm run reminders -- --now`): make the calendar's
 * next occurrences, plan what changed, read back what the outbox did with earlier reminders, then queue everything
 * due. Every delivery is claimed by this run before it is queued (a compare-and-swap on its status, read back by a
 * run token), and queued with its unique key as the outbox's dedupe key, so overlapping runs never send one twice.
 */

export interface DispatchDeps {
  db: Db
  places: Places
  outbound: Outbound
  logger: Logger
  /** Configured: a Zalo reminder outside the window goes as this template message (through the outbox). */
  zaloTemplate: ZaloTemplate | null
}

export interface DispatchSummary {
  /** Handed to the channel (or, for the web chat, left for the page to fetch) in this run. */
  sent: number
  /** Not sent because no longer needed: done, declined, cancelled, moved, past. */
  skipped: number
  /** Queued, but the channel refused for now: the outbox retries within the reminder's useful time. */
  failed: number
  /** Cannot reach the person: blocked the bot, outside Zalo's window with no template. */
  undeliverable: number
}

/** A claim older than this belongs to a run that died: it is taken over (the outbox's dedupe key stops a double). */
const STALE_CLAIM_MS = 5 * 60_000
/** Rows read per batch. */
const BATCH = 800
/** Stop taking new work after this long; the rest goes in the next minute's run (Workers cron CPU budget). */
const RUN_BUDGET_MS = 25_000
/** Deliveries prepared at once (an event's report is read for a summary), and sends in flight with an outbound path that has no `sendMany`. */
const PARALLEL = 8

type Delivery = {
  id: number
  key: string
  eventId: number
  version: number
  contactId: number
  offset: string
  dueAt: Date
  status: string
}

type ContactRow = { id: number; channel: string; externalId: string; locale: string; lastInboundAt: Date | null }

export async function runReminders(deps: DispatchDeps, now: Date, opts: { budgetMs?: number } = {}): Promise<DispatchSummary> {
  const started = Date.now()
  const budget = opts.budgetMs ?? RUN_BUDGET_MS
  const summary: DispatchSummary = { sent: 0, skipped: 0, failed: 0, undeliverable: 0 }
  const { db } = deps

  await materialiseCalendar(db, now)
  for (const event of await eventsToPlan(db, now)) {
    const result = await planEvent(deps, event, now)
    if (result) deps.logger.info('reminders.planned', { eventId: event.id, version: event.version, ...result })
  }
  await syncOutboxStates(deps, now)
  await releaseStaleClaims(db, now)

  const run = `${now.getTime().toString(36)}-${Math.random().toString(36).slice(2, 10)}`
  const events = new Map<number, EventRow | null>()
  const eventOf = async (id: number) => {
    if (!events.has(id)) events.set(id, await db.reminderEvent.findUnique({ where: { id } }))
    return events.get(id) ?? null
  }

  for (;;) {
    if (Date.now() - started > budget) break
    // Oldest first, straight off the (status, dueAt) index: no sort of everything due.
    const due = await db.reminderDelivery.findMany({ where: { status: 'planned', dueAt: { lte: now } }, orderBy: { dueAt: 'asc' }, take: BATCH })
    if (due.length === 0) break
    const mine = await claim(db, due.map((d) => d.id), run, now)
    if (mine.length === 0) continue
    await deliverAll(deps, mine, now, eventOf, summary, 'cs')
  }
  await sendEarlyForClosingWindows(deps, now, run, eventOf, summary)
  await tellMissed(deps, now, eventOf)
  // What the outbox did with this run's messages (the immediate try) is known now.
  await syncOutboxStates(deps, now, summary, run)
  return summary
}

/** Claims planned deliveries for this run: one compare-and-swap statement per JSON_IDS, handing back what it won. */
async function claim(db: Db, ids: number[], run: string, now: Date): Promise<Delivery[]> {
  const mine: Delivery[] = []
  for (const part of chunks(ids, JSON_IDS)) {
    const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(
      `UPDATE "ReminderDelivery" SET "status" = 'queued', "claim" = ?, "claimedAt" = ? WHERE "status" = 'planned' AND ${inJson('"id"')}
       RETURNING "id", "key", "eventId", "version", "contactId", "offset", "dueAt", "status"`,
      run,
      sqlTime(now),
      JSON.stringify(part),
    )
    for (const r of rows) {
      mine.push({ id: Number(r.id), key: String(r.key), eventId: Number(r.eventId), version: Number(r.version), contactId: Number(r.contactId), offset: String(r.offset), dueAt: asDate(r.dueAt)!, status: String(r.status) })
    }
  }
  // Oldest due first, as they were read.
  return mine.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.id - b.id)
}

/** A DateTime from a raw query (a Date, or the stored ISO text). */
function asDate(v: unknown): Date | null {
  return v === null || v === undefined ? null : v instanceof Date ? v : new Date(String(v))
}

/** Claims taken by a run that never finished (no outbox id): back to planned, to be queued again. */
async function releaseStaleClaims(db: Db, now: Date): Promise<void> {
  await db.reminderDelivery.updateMany({
    where: { status: 'queued', outboxId: null, via: null, claimedAt: { lt: new Date(now.getTime() - STALE_CLAIM_MS) } },
    data: { status: 'planned', claim: null },
  })
}

function localeOf(contact: ContactRow): Locale {
  return isLocale(contact.locale) ? contact.locale : 'vi'
}

async function deliverAll(
  deps: DispatchDeps,
  rows: Delivery[],
  now: Date,
  eventOf: (id: number) => Promise<EventRow | null>,
  summary: DispatchSummary,
  via: 'cs' | 'early',
): Promise<void> {
  const { db } = deps
  const contactIds = [...new Set(rows.map((r) => r.contactId))]
  const contacts = new Map<number, ContactRow>()
  const answers = new Map<string, string>()
  const blocked = new Set<number>()
  const eventIds = [...new Set(rows.map((r) => r.eventId))]
  // Answers of these events (few rows: only those who tapped a button), read per event rather than per person.
  for (const part of chunks(eventIds, ID_CHUNK)) {
    for (const a of await db.reminderAnswer.findMany({ where: { eventId: { in: part } } })) answers.set(`${a.eventId}:${a.contactId}`, a.answer)
  }
  for (const part of chunks(contactIds, JSON_IDS)) {
    const list = JSON.stringify(part)
    const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT "id", "channel", "externalId", "locale", "lastInboundAt" FROM "Contact" WHERE ${inJson('"id"')}`, list)
    for (const c of rows) contacts.set(Number(c.id), { id: Number(c.id), channel: String(c.channel), externalId: String(c.externalId), locale: String(c.locale), lastInboundAt: asDate(c.lastInboundAt) })
    // A person found unreachable (blocked the bot) is not tried again until they write to the bot.
    const blocks = await db.$queryRawUnsafe<Record<string, unknown>[]>(
      `SELECT "contactId", "dueAt" FROM "ReminderDelivery" WHERE "status" = 'not_reached' AND "reason" = 'blocked' AND ${inJson('"contactId"')}`,
      list,
    )
    for (const b of blocks) {
      const c = contacts.get(Number(b.contactId))
      if (!c?.lastInboundAt || c.lastInboundAt.getTime() < asDate(b.dueAt)!.getTime()) blocked.add(Number(b.contactId))
    }
  }

  const finish = new Map<number, { status: string; reason?: string; outboxId?: number | null; via?: string }>()
  const toQueue: { rowId: number; via: string; item: OutboundItem }[] = []
  const work = rows.map((row) => async () => {
    const event = await eventOf(row.eventId)
    const contact = contacts.get(row.contactId)
    const isReminder = (REMINDER_OFFSETS as readonly string[]).includes(row.offset)
    if (!event || !contact) return finish.set(row.id, { status: 'cancelled', reason: 'gone' })
    if (event.status === 'cancelled' && row.offset !== 'cancel') return finish.set(row.id, { status: 'cancelled', reason: 'event_cancelled' })
    if (row.version !== event.version && row.offset !== 'cancel') return finish.set(row.id, { status: 'cancelled', reason: 'moved' })
    if (isReminder && event.startsAt.getTime() <= now.getTime()) return finish.set(row.id, { status: 'skipped', reason: 'past' })
    const answer = answers.get(`${event.id}:${contact.id}`)
    if (isReminder && (answer === 'done' || answer === 'no')) return finish.set(row.id, { status: 'skipped', reason: answer === 'done' ? 'done' : 'declined' })
    if (blocked.has(contact.id)) return finish.set(row.id, { status: 'not_reached', reason: 'blocked' })

    const locale = localeOf(contact)
    let replies: Reply[]
    if (row.offset === 'summary') {
      const text = renderSummary(locale, event, await eventReport(deps, event, now))
      if (!text) return finish.set(row.id, { status: 'skipped', reason: 'all_done' })
      replies = [{ text }]
    } else if (row.offset === 'change') replies = renderChange(locale, event)
    else if (row.offset === 'cancel') replies = renderCancel(locale, event)
    else replies = renderReminder(locale, event, row.offset, { early: via === 'early' })

    let sendVia: string = via
    if (contact.channel === 'zalo' && !insideWindow(contact.lastInboundAt, now)) {
      if (!deps.zaloTemplate || row.offset === 'summary') return finish.set(row.id, { status: 'not_reached', reason: 'zalo_window' })
      // The template message, queued like any other: the outbox retries it and records what became of it.
      replies = [{ text: replies.map((r) => r.text).join('\n\n'), template: templateData(locale, event) }]
      sendVia = 'template'
    }

    const expiresAt = isReminder ? event.startsAt : new Date(Math.max(event.startsAt.getTime(), now.getTime() + 12 * HOUR_MS))
    toQueue.push({
      rowId: row.id,
      via: sendVia,
      item: {
        contactId: contact.id,
        content: replies,
        dedupeKey: `rem:${row.key}`,
        purpose: row.offset === 'change' || row.offset === 'cancel' ? 'notice' : 'reminder',
        // An early reminder goes now (Zalo's window closes before its due time): the outbox honours notBefore.
        notBefore: via === 'early' ? now : row.dueAt,
        expiresAt,
      },
    })
  })
  for (const group of chunks(work, PARALLEL)) await Promise.all(group.map((w) => w()))

  // Everything to send, queued together: the outbox claims, sends and records them in bulk.
  // In the rows' order (oldest due first), so one person's messages queue in that order.
  const order = new Map(rows.map((r, i) => [r.id, i]))
  toQueue.sort((a, b) => order.get(a.rowId)! - order.get(b.rowId)!)
  const ids = await sendAll(deps.outbound, toQueue.map((q) => q.item))
  toQueue.forEach((q, i) => finish.set(q.rowId, { status: 'queued', outboxId: ids[i] ?? null, via: q.via }))

  // Write the outcomes, grouped so each statement stays small (same status/reason in one update).
  const groups = new Map<string, number[]>()
  const withOutbox: { id: number; outboxId: number | null; via: string }[] = []
  for (const [id, f] of finish) {
    if (f.status === 'queued') {
      withOutbox.push({ id, outboxId: f.outboxId ?? null, via: f.via ?? 'cs' })
      continue
    }
    const k = `${f.status}|${f.reason ?? ''}|${f.via ?? ''}`
    groups.set(k, [...(groups.get(k) ?? []), id])
    if (f.status === 'skipped' || f.status === 'cancelled') summary.skipped++
    else if (f.status === 'not_reached') summary.undeliverable++
    else if (f.status === 'sent') summary.sent++
  }
  for (const [k, ids] of groups) {
    const [status, reason, v] = k.split('|')
    await updateByIds(db, 'ReminderDelivery', ids, { status: status!, reason: reason || null, via: v || null, queuedAt: now })
  }
  await setOutboxIds(db, withOutbox, now)
}

/**
 * Queues messages through the outbound path in bulk when it can (`sendMany`), else one by one, a few at a time. Each
 * item's message id, the earlier one's when its dedupeKey was already queued.
 */
async function sendAll(outbound: Outbound, items: readonly OutboundItem[]): Promise<(number | null)[]> {
  if (outbound.sendMany) return outbound.sendMany(items)
  const ids: (number | null)[] = []
  for (const group of chunks(items, PARALLEL)) {
    ids.push(
      ...(await Promise.all(
        group.map(async ({ contactId, content, ...opts }) => (await outbound.send(contactId, content, opts)) ?? (await outbound.status({ dedupeKey: opts.dedupeKey }))?.id ?? null),
      )),
    )
  }
  return ids
}

/**
 * Zalo contacts whose 7-day window closes within the next hours: a reminder due after that is sent now instead,
 * once per event, when it still makes sense (see zalo-window.ts).
 */
async function sendEarlyForClosingWindows(
  deps: DispatchDeps,
  now: Date,
  run: string,
  eventOf: (id: number) => Promise<EventRow | null>,
  summary: DispatchSummary,
): Promise<void> {
  if (isQuiet(now)) return
  const { db } = deps
  const closing = await db.contact.findMany({
    where: { channel: 'zalo', lastInboundAt: { gt: new Date(now.getTime() - ZALO_WINDOW_MS), lte: new Date(now.getTime() - ZALO_WINDOW_MS + 14 * HOUR_MS) } },
    select: { id: true, lastInboundAt: true },
    take: 1000,
  })
  const picked: number[] = []
  for (const part of chunks(closing, ID_CHUNK)) {
    const rows = await db.reminderDelivery.findMany({
      where: { contactId: { in: part.map((c) => c.id) }, status: 'planned', dueAt: { gt: now }, offset: { in: [...REMINDER_OFFSETS] } },
      orderBy: { dueAt: 'asc' },
    })
    const seen = new Set<string>()
    for (const row of rows) {
      const pair = `${row.eventId}:${row.contactId}`
      if (seen.has(pair)) continue // one early reminder per event and person
      seen.add(pair)
      const contact = part.find((c) => c.id === row.contactId)!
      const event = await eventOf(row.eventId)
      if (!event || !earlyDue(contact.lastInboundAt, row.dueAt, event.startsAt, now)) continue
      // Already reminded of this event since their last message: the window was used, the rest waits.
      const already = await db.reminderDelivery.count({ where: { eventId: row.eventId, contactId: row.contactId, status: { in: ['sent', 'queued'] }, queuedAt: { gte: contact.lastInboundAt! } } })
      if (already === 0) picked.push(row.id)
    }
  }
  if (picked.length === 0) return
  const mine = await claim(db, picked, run, now)
  await deliverAll(deps, mine, now, eventOf, summary, 'early')
}

/**
 * Reads back what the outbox did with queued reminders: sent, or given up (not reached when the person blocked the
 * bot or Zalo's window closed; failed otherwise). With `run`, also counts this run's outcomes into `summary`.
 */
async function syncOutboxStates(deps: DispatchDeps, now: Date, summary?: DispatchSummary, run?: string): Promise<void> {
  const { db } = deps
  let afterId = 0
  for (;;) {
    const queued = await db.reminderDelivery.findMany({
      where: { status: 'queued', outboxId: { not: null }, id: { gt: afterId }, ...(run ? { claim: run } : {}) },
      select: { id: true, outboxId: true },
      orderBy: { id: 'asc' },
      take: BATCH,
    })
    if (queued.length === 0) break
    afterId = queued[queued.length - 1]!.id
    const states = await outboxStates(db, queued.map((q) => q.outboxId!))
    const sets = new Map<string, number[]>()
    for (const q of queued) {
      const s = states.get(q.outboxId!)
      if (!s) continue
      let next: string | null = null
      if (s.state === 'sent') next = 'sent|'
      else if (s.state === 'unreachable') next = `not_reached|${s.reason ?? 'blocked'}`
      else if (s.state === 'failed' || s.state === 'expired') next = `failed|${s.state}`
      if (summary) {
        if (s.state === 'sent' || (s.state === 'pending' && !s.troubled)) summary.sent++
        else if (s.state === 'unreachable') summary.undeliverable++
        else summary.failed++
      }
      if (next) sets.set(next, [...(sets.get(next) ?? []), q.id])
    }
    for (const [k, ids] of sets) {
      const [status, reason] = k.split('|')
      await updateByIds(db, 'ReminderDelivery', ids, { status: status!, reason: reason || null, ...(status === 'sent' ? { doneAt: now } : {}) }, `"status" = 'queued'`)
    }
  }
}

/**
 * People not reached (blocked, Zalo window) who have written to the bot since: one message listing what they missed,
 * sent now that they can be reached, and marked told.
 */
async function tellMissed(deps: DispatchDeps, now: Date, eventOf: (id: number) => Promise<EventRow | null>): Promise<void> {
  const { db } = deps
  const missed = await db.reminderDelivery.findMany({ where: { status: 'not_reached', toldAt: null }, orderBy: { id: 'asc' }, take: 500 })
  if (missed.length === 0) return
  const byContact = new Map<number, typeof missed>()
  for (const m of missed) byContact.set(m.contactId, [...(byContact.get(m.contactId) ?? []), m])
  for (const part of chunks([...byContact.keys()], ID_CHUNK)) {
    const contacts = await db.contact.findMany({ where: { id: { in: part } }, select: { id: true, channel: true, externalId: true, locale: true, lastInboundAt: true } })
    for (const contact of contacts) {
      const rows = byContact.get(contact.id)!
      const latest = Math.max(...rows.map((r) => r.dueAt.getTime()))
      if (!contact.lastInboundAt || contact.lastInboundAt.getTime() <= latest || isQuiet(now)) continue
      const locale = localeOf(contact)
      const eventIds = [...new Set(rows.map((r) => r.eventId))]
      const lines: string[] = []
      const buttons = []
      for (const id of eventIds) {
        const event = await eventOf(id)
        if (!event || event.status === 'cancelled') continue
        lines.push(describeEvent(locale, event))
        if (event.startsAt.getTime() > now.getTime() && buttons.length < 4) buttons.push({ label: t(locale, 'reminders.button_open', { n: buttons.length + 1 }), value: `rem:show:${event.id}` })
      }
      await db.reminderDelivery.updateMany({ where: { id: { in: rows.map((r) => r.id).slice(0, ID_CHUNK) }, toldAt: null }, data: { toldAt: now } })
      if (lines.length === 0) continue
      await deps.outbound.send(contact.id, [{ text: [t(locale, 'reminders.missed_intro'), ...lines].join('\n\n'), buttons }], {
        dedupeKey: `rem-missed:${contact.id}:${rows[0]!.id}`,
        purpose: 'notice',
      })
    }
  }
}
