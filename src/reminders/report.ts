import type { Db } from '../db.ts'
import type { Places } from '../places.ts'
import { t, type Locale } from '../i18n.ts'
import type { EventRow } from './events.ts'
import { chunks, ID_CHUNK } from './store.ts'
import { eventTitle, formatWhen } from './render.ts'

/**
 * What supervisors see, as in the Community Health Toolkit: per event, each person's answer and whether the bot
 * reached them; per deadline, which villages are done, not yet, or overdue.
 */

export type Answer = 'yes' | 'no' | 'done' | 'help'
export type Reach = 'sent' | 'not_reached' | 'pending' | 'planned'

export interface PersonStatus {
  contactId: number
  channel: string
  role: string
  placeCode: string | null
  placeName: string
  answer: Answer | null
  reach: Reach
}

export interface VillageStatus {
  code: string
  name: string
  state: 'done' | 'not_yet' | 'overdue'
}

export interface EventReport {
  people: PersonStatus[]
  villages: VillageStatus[]
  counts: { yes: number; no: number; done: number; help: number; notReached: number; noAnswer: number; total: number }
}

const REACH_ORDER: Record<string, number> = { sent: 3, not_reached: 2, queued: 1, planned: 0 }

export async function eventReport(deps: { db: Db; places: Places }, event: EventRow, now: Date): Promise<EventReport> {
  const { db, places } = deps
  const rows = await db.reminderDelivery.findMany({
    where: { eventId: event.id, offset: { in: ['d3', 'd1', 'h2', 'morning', 'change'] }, status: { notIn: ['cancelled'] } },
    select: { contactId: true, status: true },
  })
  const reach = new Map<number, Reach>()
  for (const r of rows) {
    const current = reach.get(r.contactId)
    const value: Reach = r.status === 'sent' ? 'sent' : r.status === 'not_reached' ? 'not_reached' : r.status === 'queued' ? 'pending' : 'planned'
    if (current === undefined || (REACH_ORDER[r.status] ?? 0) > (REACH_ORDER[current === 'pending' ? 'queued' : current] ?? 0)) reach.set(r.contactId, value)
  }
  // Answers count even from someone whose reminders were all skipped after they answered.
  const answers = await db.reminderAnswer.findMany({ where: { eventId: event.id } })
  for (const a of answers) if (!reach.has(a.contactId)) reach.set(a.contactId, 'sent')
  const ids = [...reach.keys()]
  const contacts = new Map<number, { channel: string }>()
  const roles = new Map<number, { role: string; placeCode: string | null }>()
  for (const part of chunks(ids, ID_CHUNK)) {
    for (const c of await db.contact.findMany({ where: { id: { in: part } }, select: { id: true, channel: true } })) contacts.set(c.id, c)
    for (const r of await db.roleAssignment.findMany({ where: { contactId: { in: part }, revokedAt: null }, select: { contactId: true, role: true, placeCode: true } })) roles.set(r.contactId, r)
  }
  const answerOf = new Map(answers.map((a) => [a.contactId, a.answer as Answer]))
  const people: PersonStatus[] = []
  for (const id of ids) {
    const role = roles.get(id)
    const placeCode = role?.placeCode ?? null
    people.push({
      contactId: id,
      channel: contacts.get(id)?.channel ?? '?',
      role: role?.role ?? 'subscriber',
      placeCode,
      placeName: placeCode ? await places.name(placeCode) : '',
      answer: answerOf.get(id) ?? null,
      reach: reach.get(id)!,
    })
  }
  people.sort((a, b) => a.placeName.localeCompare(b.placeName, 'vi') || a.contactId - b.contactId)

  const villages: VillageStatus[] = []
  if (event.kind === 'deadline') {
    const byPlace = new Map<string, boolean>()
    for (const p of people) {
      if (p.role !== 'collaborator' || !p.placeCode) continue
      byPlace.set(p.placeCode, (byPlace.get(p.placeCode) ?? false) || p.answer === 'done')
    }
    for (const [code, done] of byPlace) {
      villages.push({ code, name: await places.name(code), state: done ? 'done' : now.getTime() > event.startsAt.getTime() ? 'overdue' : 'not_yet' })
    }
    villages.sort((a, b) => a.name.localeCompare(b.name, 'vi'))
  }
  const counts = { yes: 0, no: 0, done: 0, help: 0, notReached: 0, noAnswer: 0, total: people.length }
  for (const p of people) {
    if (p.answer) counts[p.answer]++
    else if (p.reach === 'not_reached') counts.notReached++
    else counts.noAnswer++
  }
  return { people, villages, counts }
}

/** A person as an officer reads them in chat: "CTV thôn 5 (#12, zalo)". */
export function personLabel(locale: Locale, p: PersonStatus): string {
  return t(locale, 'reminders.person', { role: t(locale, `reminders.role.${p.role}`), place: p.placeName || '—', id: p.contactId, channel: p.channel })
}

/** The chat answer to "ai chưa xác nhận họp mai": confirmed, declined, not reached, no answer yet. */
export function renderReport(locale: Locale, event: EventRow, report: EventReport): string {
  const group = (key: string, list: PersonStatus[]) => (list.length === 0 ? [] : [t(locale, key, { count: list.length }), ...list.slice(0, 15).map((p) => `- ${personLabel(locale, p)}`)])
  const p = report.people
  const lines = [
    t(locale, 'reminders.report_title', { title: eventTitle(locale, event), when: formatWhen(locale, event.startsAt) }),
    ...(event.kind === 'deadline'
      ? [...group('reminders.report_done', p.filter((x) => x.answer === 'done')), ...group('reminders.report_help', p.filter((x) => x.answer === 'help'))]
      : [...group('reminders.report_yes', p.filter((x) => x.answer === 'yes')), ...group('reminders.report_no', p.filter((x) => x.answer === 'no'))]),
    ...group('reminders.report_not_reached', p.filter((x) => !x.answer && x.reach === 'not_reached')),
    ...group('reminders.report_no_answer', p.filter((x) => !x.answer && x.reach !== 'not_reached')),
  ]
  if (report.villages.length > 0) lines.push(...villageLines(locale, report.villages))
  if (p.length === 0) lines.push(t(locale, 'reminders.report_nobody'))
  return lines.join('\n')
}

export function villageLines(locale: Locale, villages: VillageStatus[]): string[] {
  const names = (state: VillageStatus['state']) => villages.filter((v) => v.state === state).map((v) => v.name)
  const out: string[] = []
  for (const state of ['done', 'not_yet', 'overdue'] as const) {
    const list = names(state)
    if (list.length > 0) out.push(t(locale, `reminders.villages_${state}`, { list: list.join(', ') }))
  }
  return out
}

/** The morning-after summary of a missed deadline for an officer; null when every village is done. */
export function renderSummary(locale: Locale, event: EventRow, report: EventReport): string | null {
  if (report.villages.length > 0 && report.villages.every((v) => v.state === 'done')) return null
  if (report.villages.length === 0 && report.counts.done > 0 && report.counts.done === report.counts.total) return null
  return [t(locale, 'reminders.summary_title', { title: eventTitle(locale, event), when: formatWhen(locale, event.startsAt) }), ...villageLines(locale, report.villages), t(locale, 'reminders.summary_counts', report.counts)].join('\n')
}
