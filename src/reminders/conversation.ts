import { t, type Locale } from '../i18n.ts'
import type { Button, Reply } from '../messages.ts'
import type { ActiveFlow, Feature, TurnContext, TurnResult } from '../dialogue/types.ts'
import type { CapabilityDeps } from '../capability.ts'
import { isCancel } from '../dialogue/words.ts'
import { officersOnly, type OfficerContext } from '../dialogue/guards.ts'
import { isOfficer, isStaff, type StaffActor } from '../roles/actor.ts'
import { fold } from '../nlu/normalize.ts'
import type { PlaceRow } from '../places.ts'
import { requestHandover } from '../contact/handover.ts'
import { checkEvent, createEvent, defaultPlaces, eventInScope, isAudience, placeCodesOf, type Audience, type EventRow, type Kind } from './events.ts'
import { audienceOf, findPlace, kindOf, parseDraft } from './parse.ts'
import { planEvent } from './plan.ts'
import { recipientsOf } from './recipients.ts'
import { answerButtons, describeEvent, eventTitle, formatWhen, kindLabel } from './render.ts'
import { eventReport, renderReport } from './report.ts'
import { setStatus } from './store.ts'
import { vnInstant, vnParts, vnWhen, DAY_MS } from './time.ts'
import './texts.ts'

/**
 * Reminders by chat: officers create events in their own words with a confirmation step (nothing is saved until
 * they tap "Lưu", and each field can be fixed on its own); everyone lists what is coming, follows a commune's
 * public events and stops following; recipients answer a reminder (attend / cannot, done / need help); officers ask
 * who confirmed.
 */
const CREATE = 'reminder_create'
const SUBSCRIBE = 'reminder_subscribe'
const TTL_MS = 30 * 60_000

type Field = 'date' | 'time' | 'location' | 'audience' | 'title'
const FIELDS: Field[] = ['date', 'time', 'location', 'audience', 'title']

interface Draft {
  kind: Kind
  title: string | null
  /** YYYY-MM-DD, Vietnam. */
  date: string | null
  /** HH:MM, Vietnam. */
  time: string | null
  location: string | null
  audience: Audience
  placeCodes: string[]
}

type Problem = { field: Field; key: string; vars?: Record<string, string> }

type CreateState = { step: 'confirm'; draft: Draft } | { step: 'fix'; field: Field; draft: Draft }

type Deps = Pick<CapabilityDeps, 'db' | 'places' | 'audit' | 'outbound' | 'logger' | 'nlu'>

/** A place code as a button argument ('/' is not allowed in button values). */
const codeArg = (code: string) => code.replace(/\//g, '.')
const argCode = (arg: string) => arg.replace(/\./g, '/')

const DATE_MENTION = /\b(\d{1,2}[/.-]\d{1,2}([/.-]\d{2,4})?|ngay\s+\d{1,2}|mung\s+\d{1,2}|\d{1,2}\s+thang\s+\d{1,2}|hom nay|mai|ngay kia|ngay mot|thu\s+(hai|ba|tu|nam|sau|bay|[2-7])|chu nhat|cn|t[2-7]|tuan sau|tuan toi)\b/
const WHO_ASKED = /\b(xac nhan|ai chua|ai da|ai di|ai vang|ai tham du|ai khong|ai se|bao nhieu nguoi|nhung ai|ai xong|ai lam xong|ai chua xong)\b/

function folded(text: string): string {
  return fold(text.normalize('NFC').toLowerCase()).replace(/đ/g, 'd')
}

export function createRemindersFeature(deps: Deps): Feature {
  const { db, places } = deps

  // ---- places the officer may name ----

  /** Every place an actor may target, communes and villages (with the villages of merged former communes). */
  async function placesOf(actor: StaffActor): Promise<PlaceRow[]> {
    const roots = actor.scope.kind === 'all' ? (await places.servedCommunes()).map((p) => p.code) : [actor.scope.placeCode]
    const out = new Map<string, PlaceRow>()
    for (const root of roots) {
      const codes = await places.codesIn({ kind: 'place', placeCode: root })
      if (codes === 'all') continue
      for (const code of codes) {
        const row = await places.get(code)
        if (row) out.set(code, row)
      }
    }
    return [...out.values()]
  }

  /** Every known place, for telling "not in your area" from "no such village". */
  async function allVillagesAndCommunes(): Promise<PlaceRow[]> {
    const rows = await db.place.findMany({ where: { kind: { in: ['village', 'commune', 'town'] } }, select: { code: true, name: true, kind: true, parentCode: true, area: true, validTo: true, successorCode: true } })
    return rows
  }

  async function resolvePlaces(ctx: OfficerContext, names: string[], nluPlace: string | undefined): Promise<{ codes: string[] } | { problem: Problem }> {
    const mine = await placesOf(ctx.actor)
    const codes: string[] = []
    for (const name of names) {
      const isCommune = /^(xa|thi tran)\b/.test(folded(name))
      const pool = mine.filter((p) => (isCommune ? p.kind === 'commune' || p.kind === 'town' : p.kind === 'village'))
      const hit = findPlace(name, pool)
      if (hit) {
        codes.push(hit.code)
        continue
      }
      const elsewhere = findPlace(name, (await allVillagesAndCommunes()).filter((p) => (isCommune ? p.kind !== 'village' : p.kind === 'village')))
      return { problem: { field: 'audience', key: elsewhere ? 'reminders.create.place_outside' : 'reminders.create.place_unknown', vars: { place: name } } }
    }
    if (nluPlace && codes.length === 0) {
      if (!(await places.contains(ctx.actor.scope, nluPlace))) return { problem: { field: 'audience', key: 'reminders.create.place_outside', vars: { place: await places.name(nluPlace) } } }
      codes.push(nluPlace)
    }
    return { codes: [...new Set(codes)] }
  }

  // ---- the draft ----

  function instantOf(draft: Draft): Date | null {
    if (!draft.date || !draft.time) return null
    const [y, m, d] = draft.date.split('-').map(Number)
    const [h, min] = draft.time.split(':').map(Number)
    return vnInstant(y!, m!, d!, h!, min!)
  }

  /** The first field to fix, in the order an officer reads the summary. */
  function problemOf(draft: Draft, now: Date, known?: Problem): Problem | null {
    if (known) return known
    if (!draft.date) return { field: 'date', key: 'reminders.create.ask_date' }
    const today = vnWhen(now).day
    if (draft.date < today) return { field: 'date', key: 'reminders.create.date_past', vars: { date: dayLabel(draft.date) } }
    if (!draft.time) return { field: 'time', key: 'reminders.create.ask_time' }
    const at = instantOf(draft)
    if (at && at.getTime() <= now.getTime()) return { field: 'time', key: 'reminders.create.time_past', vars: { time: draft.time } }
    if (!draft.title) return { field: 'title', key: 'reminders.create.ask_title' }
    return null
  }

  const dayLabel = (day: string) => {
    const [y, m, d] = day.split('-')
    return `${Number(d)}/${Number(m)}/${y}`
  }

  async function audienceLabel(locale: Locale, draft: Draft): Promise<string> {
    const names = await Promise.all(draft.placeCodes.map((c) => places.name(c)))
    return t(locale, `reminders.audience.${draft.audience}`, { places: names.join(', ') })
  }

  async function askField(ctx: TurnContext, draft: Draft, problem: Problem): Promise<TurnResult> {
    const buttons: Button[] = []
    if (problem.field === 'audience') {
      buttons.push(
        { label: t(ctx.locale, 'reminders.audience_button.collaborators'), value: 'rem:aud:collaborators' },
        { label: t(ctx.locale, 'reminders.audience_button.officers'), value: 'rem:aud:officers' },
        { label: t(ctx.locale, 'reminders.audience_button.all'), value: 'rem:aud:all' },
      )
    }
    if (problem.field === 'location') buttons.push({ label: t(ctx.locale, 'reminders.create.no_location'), value: 'rem:noloc:0' })
    buttons.push({ label: t(ctx.locale, 'reminders.button_cancel_draft'), value: 'rem:drop:0' })
    return {
      replies: [{ text: t(ctx.locale, problem.key, problem.vars), buttons }],
      session: { flow: CREATE, state: { step: 'fix', field: problem.field, draft } satisfies CreateState, ttlMs: TTL_MS },
    }
  }

  async function confirm(ctx: TurnContext, draft: Draft): Promise<TurnResult> {
    const at = instantOf(draft)!
    const lines = [
      t(ctx.locale, 'reminders.create.confirm_title'),
      t(ctx.locale, 'reminders.create.row_title', { kind: kindLabel(ctx.locale, draft.kind), title: draft.title ?? '' }),
      t(ctx.locale, 'reminders.create.row_when', { when: formatWhen(ctx.locale, at) }),
      t(ctx.locale, 'reminders.create.row_location', { location: draft.location ?? t(ctx.locale, 'reminders.create.none') }),
      t(ctx.locale, 'reminders.create.row_audience', { audience: await audienceLabel(ctx.locale, draft) }),
      t(ctx.locale, 'reminders.create.confirm_hint'),
    ]
    const fix: Button[] = FIELDS.map((f) => ({ label: t(ctx.locale, `reminders.fix.${f}`), value: `rem:fix:${f}` }))
    return {
      replies: [
        {
          text: lines.join('\n'),
          buttons: [
            { label: t(ctx.locale, 'reminders.button_save'), value: 'rem:save:0' },
            { label: t(ctx.locale, 'reminders.button_cancel_draft'), value: 'rem:drop:0' },
          ],
        },
        { text: t(ctx.locale, 'reminders.create.fix_prompt'), buttons: fix },
      ],
      session: { flow: CREATE, state: { step: 'confirm', draft } satisfies CreateState, ttlMs: TTL_MS },
    }
  }

  async function next(ctx: TurnContext, draft: Draft, known?: Problem): Promise<TurnResult> {
    const problem = problemOf(draft, ctx.now, known)
    return problem ? askField(ctx, draft, problem) : confirm(ctx, draft)
  }

  /** Date and time from the NLU's entity, only what the text really mentions. */
  function dateTimeOf(text: string, now: Date): { date: string | null; time: string | null; badDate: string | null } {
    const u = deps.nlu.understand(text, now)
    const f = folded(text)
    const parsed = parseDraft(text, u.entities)
    const iso = u.entities.date
    const mentionsDate = DATE_MENTION.test(f)
    return {
      date: iso && mentionsDate && !parsed.badDate ? iso.slice(0, 10) : null,
      time: iso && u.entities.dateHasTime ? iso.slice(11, 16) : null,
      badDate: parsed.badDate,
    }
  }

  async function start(ctx: OfficerContext): Promise<TurnResult> {
    const text = ctx.text ?? ''
    const entities = ctx.understanding?.entities ?? deps.nlu.understand(text, ctx.now).entities
    const parsed = parseDraft(text, entities)
    const when = dateTimeOf(text, ctx.now)
    const draft: Draft = {
      kind: parsed.kind ?? 'meeting',
      title: parsed.title,
      date: when.date,
      time: when.time,
      location: parsed.location,
      audience: parsed.audience ?? 'all',
      placeCodes: [],
    }
    if (!draft.title && parsed.kind) draft.title = kindLabel('vi', parsed.kind)
    const resolved = await resolvePlaces(ctx, parsed.placeNames, entities.place)
    let known: Problem | undefined
    if ('problem' in resolved) known = resolved.problem
    else draft.placeCodes = resolved.codes
    if (draft.placeCodes.length === 0) draft.placeCodes = await defaultPlaces(places, ctx.actor)
    if (!known && when.badDate) known = { field: 'date', key: 'reminders.create.date_invalid', vars: { date: when.badDate } }
    return next(ctx, draft, known)
  }

  async function fixField(ctx: OfficerContext, field: Field, draft: Draft, text: string): Promise<TurnResult> {
    const d = { ...draft }
    switch (field) {
      case 'date': {
        const when = dateTimeOf(text, ctx.now)
        if (when.badDate) return askField(ctx, d, { field: 'date', key: 'reminders.create.date_invalid', vars: { date: when.badDate } })
        if (!when.date) return askField(ctx, d, { field: 'date', key: 'reminders.create.date_unreadable' })
        d.date = when.date
        if (when.time) d.time = when.time
        break
      }
      case 'time': {
        const u = deps.nlu.understand(/^\d{1,2}$/.test(text.trim()) ? `${text.trim()}h` : text, ctx.now)
        if (!u.entities.date || !u.entities.dateHasTime) return askField(ctx, d, { field: 'time', key: 'reminders.create.time_unreadable' })
        d.time = u.entities.date.slice(11, 16)
        break
      }
      case 'location': {
        const v = text.trim().replace(/\s+/g, ' ').slice(0, 300)
        d.location = /^(khong|khong co|bo|xoa|-)$/.test(folded(v)) ? null : v || null
        break
      }
      case 'title': {
        const v = text.trim().replace(/\s+/g, ' ').slice(0, 200)
        if (!v) return askField(ctx, d, { field: 'title', key: 'reminders.create.ask_title' })
        d.title = v[0]!.toUpperCase() + v.slice(1)
        d.kind = kindOf(folded(v)) ?? d.kind
        break
      }
      case 'audience': {
        const parsed = parseDraft(text, deps.nlu.understand(text, ctx.now).entities)
        const aud = audienceOf(folded(text))
        const resolved = await resolvePlaces(ctx, parsed.placeNames, deps.nlu.understand(text, ctx.now).entities.place)
        if ('problem' in resolved) return askField(ctx, d, resolved.problem)
        if (!aud && resolved.codes.length === 0) return askField(ctx, d, { field: 'audience', key: 'reminders.create.audience_unreadable' })
        if (aud) d.audience = aud
        if (resolved.codes.length > 0) d.placeCodes = resolved.codes
        break
      }
    }
    return next(ctx, d)
  }

  async function save(ctx: OfficerContext, draft: Draft): Promise<TurnResult> {
    const problem = problemOf(draft, ctx.now)
    if (problem) return askField(ctx, draft, problem)
    const at = instantOf(draft)!
    const checked = await checkEvent(
      { places },
      ctx.actor,
      { kind: draft.kind, title: draft.title, startsAt: at.toISOString(), location: draft.location, placeCodes: draft.placeCodes, audience: draft.audience },
      ctx.now,
    )
    if (!checked.ok) {
      const [field, message] = Object.entries(checked.errors)[0] ?? ['title', '']
      const f: Field = field === 'startsAt' ? 'date' : field === 'placeCodes' ? 'audience' : field === 'location' ? 'location' : 'title'
      return askField(ctx, draft, { field: f, key: 'reminders.create.api_error', vars: { message: message ?? '' } })
    }
    const event = await createEvent(deps, ctx.actor, checked.value, ctx.inbound.channel, ctx.now)
    await planEvent(deps, event, ctx.now)
    const recipients = await recipientsOf(deps, event)
    return {
      replies: [{ text: t(ctx.locale, 'reminders.create.saved', { id: event.id, count: recipients.size, details: describeEvent(ctx.locale, event) }), buttons: [{ label: t(ctx.locale, 'reminders.button_who'), value: `rem:who:${event.id}` }] }],
      session: { clear: true },
    }
  }

  // ---- answers ----

  async function isRecipient(eventId: number, contactId: number): Promise<boolean> {
    return (await db.reminderDelivery.count({ where: { eventId, contactId } })) > 0
  }

  async function answer(ctx: TurnContext, eventId: number, value: 'yes' | 'no' | 'done' | 'help'): Promise<TurnResult> {
    const event = Number.isInteger(eventId) ? await db.reminderEvent.findUnique({ where: { id: eventId } }) : null
    if (!event || !(await isRecipient(eventId, ctx.contact.id))) return { replies: [{ text: t(ctx.locale, 'reminders.answer_unknown'), buttons: ctx.menu() }] }
    if (event.status === 'cancelled') return { replies: [{ text: t(ctx.locale, 'reminders.answer_cancelled', { title: eventTitle(ctx.locale, event) }) }] }
    const fits = event.kind === 'deadline' ? value === 'done' || value === 'help' : value === 'yes' || value === 'no'
    if (!fits) return { replies: [{ text: t(ctx.locale, 'reminders.answer_unknown'), buttons: answerButtons(ctx.locale, event) }] }
    await db.reminderAnswer.upsert({
      where: { eventId_contactId: { eventId, contactId: ctx.contact.id } },
      create: { eventId, contactId: ctx.contact.id, answer: value, at: ctx.now },
      update: { answer: value, at: ctx.now },
    })
    if (value === 'done' || value === 'no') {
      // Cleared, as in the Community Health Toolkit: no further reminders of this event for this person.
      const pending = await db.reminderDelivery.findMany({ where: { eventId, contactId: ctx.contact.id, status: 'planned', offset: { in: ['d3', 'd1', 'h2', 'morning'] } }, select: { id: true } })
      await setStatus(db, pending.map((p) => p.id), ['planned'], { status: 'skipped', reason: value === 'done' ? 'done' : 'declined' })
    }
    const title = eventTitle(ctx.locale, event)
    if (value === 'help') {
      const role = await db.roleAssignment.findFirst({ where: { contactId: ctx.contact.id, revokedAt: null }, orderBy: { id: 'desc' } })
      const placeCode = role?.placeCode ?? placeCodesOf(event)[0] ?? null
      if (!placeCode) return { replies: [{ text: t(ctx.locale, 'reminders.help_no_place') }] }
      const question = t('vi', 'reminders.help_question', { title: eventTitle('vi', event), when: formatWhen('vi', event.startsAt), place: await places.name(placeCode) })
      const { id, officers } = await requestHandover(deps, { contactId: ctx.contact.id, placeCode, question, transcript: ctx.recent, now: ctx.now })
      return { replies: [{ text: t(ctx.locale, officers > 0 ? 'reminders.help_sent' : 'reminders.help_no_officer', { id, title }) }] }
    }
    return { replies: [{ text: t(ctx.locale, `reminders.answered_${value}`, { title, when: formatWhen(ctx.locale, event.startsAt) }) }] }
  }

  // ---- listing ----

  /** The range a question asks about: "mai", "hôm nay", "tuần này/sau", "tháng này", "năm nay", a date; else 30 days. */
  function rangeOf(text: string, now: Date): { from: Date; to: Date; label: string } {
    const f = folded(text)
    const p = vnParts(now)
    const startOfDay = (offsetDays: number) => {
      const d = vnParts(new Date(now.getTime() + offsetDays * DAY_MS))
      return vnInstant(d.y, d.m, d.d)
    }
    if (/\bnam nay\b/.test(f)) return { from: now, to: vnInstant(p.y + 1, 1, 1), label: 'year' }
    if (/\bthang nay\b/.test(f)) return { from: now, to: vnInstant(p.y, p.m + 1, 1), label: 'month' }
    if (/\btuan (sau|toi)\b/.test(f)) {
      const dow = (new Date(Date.UTC(p.y, p.m - 1, p.d)).getUTCDay() + 6) % 7
      return { from: startOfDay(7 - dow), to: startOfDay(14 - dow), label: 'next_week' }
    }
    if (/\btuan nay\b/.test(f)) {
      const dow = (new Date(Date.UTC(p.y, p.m - 1, p.d)).getUTCDay() + 6) % 7
      return { from: now, to: startOfDay(7 - dow), label: 'week' }
    }
    const u = deps.nlu.understand(text, now)
    if (u.entities.date && DATE_MENTION.test(f)) {
      const [y, m, d] = u.entities.date.slice(0, 10).split('-').map(Number)
      const from = vnInstant(y!, m!, d!)
      return { from: from.getTime() < now.getTime() ? now : from, to: new Date(from.getTime() + DAY_MS), label: 'day' }
    }
    return { from: now, to: new Date(now.getTime() + 30 * DAY_MS), label: 'soon' }
  }

  /** Events someone may see: their own reminders, their area's events (staff), and public events they follow. */
  async function visibleEvents(ctx: TurnContext, from: Date, to: Date): Promise<EventRow[]> {
    const rows = await db.reminderEvent.findMany({ where: { status: 'scheduled', startsAt: { gte: from, lt: to } }, orderBy: { startsAt: 'asc' }, take: 200 })
    const mineIds = new Set(
      (await db.reminderDelivery.findMany({ where: { contactId: ctx.contact.id, eventId: { in: rows.map((r) => r.id).slice(0, 90) } }, select: { eventId: true }, distinct: ['eventId'] })).map((r) => r.eventId),
    )
    const subs = await db.reminderSubscription.findMany({ where: { contactId: ctx.contact.id } })
    const followed = [...subs.map((s) => s.placeCode), ...(ctx.contact.placeCode ? [ctx.contact.placeCode] : [])]
    const out: EventRow[] = []
    for (const e of rows) {
      if (mineIds.has(e.id)) out.push(e)
      else if (isStaff(ctx.actor) && (await eventInScope(places, ctx.actor, e))) out.push(e)
      else if (e.public && (await relatedToAny(e, followed))) out.push(e)
    }
    return out
  }

  async function relatedToAny(event: EventRow, codes: string[]): Promise<boolean> {
    for (const e of placeCodesOf(event)) {
      for (const c of codes) {
        if ((await places.contains({ kind: 'place', placeCode: e }, c)) || (await places.contains({ kind: 'place', placeCode: c }, e))) return true
      }
    }
    return false
  }

  async function list(ctx: TurnContext): Promise<TurnResult> {
    const text = ctx.text ?? ''
    const range = rangeOf(text, ctx.now)
    const events = await visibleEvents(ctx, range.from, range.to)
    if (isOfficer(ctx.actor) && WHO_ASKED.test(folded(text))) return who(ctx as OfficerContext, events.slice(0, 3))
    if (events.length === 0) {
      const buttons: Button[] = isStaff(ctx.actor) ? [] : [{ label: t(ctx.locale, 'reminders.button_subscribe'), value: 'rem:subscribe:0' }]
      return { replies: [{ text: t(ctx.locale, `reminders.list_empty.${range.label}`), buttons: [...buttons, ...ctx.menu().slice(0, 3)] }] }
    }
    const shown = events.slice(0, 8)
    const lines = shown.map((e, i) => t(ctx.locale, 'reminders.list_line', { n: i + 1, kind: kindLabel(ctx.locale, e.kind), title: eventTitle(ctx.locale, e), when: formatWhen(ctx.locale, e.startsAt) }))
    if (events.length > shown.length) lines.push(t(ctx.locale, 'reminders.list_more', { count: events.length - shown.length }))
    const buttons: Button[] = shown.slice(0, isOfficer(ctx.actor) ? 4 : 5).map((e, i) => ({ label: t(ctx.locale, 'reminders.button_open', { n: i + 1 }), value: `rem:show:${e.id}` }))
    if (isOfficer(ctx.actor)) buttons.push({ label: t(ctx.locale, 'reminders.button_who_all'), value: `rem:who:${shown[0]!.id}` })
    return { replies: [{ text: [t(ctx.locale, `reminders.list_title.${range.label}`), ...lines].join('\n'), buttons }] }
  }

  async function show(ctx: TurnContext, eventId: number): Promise<TurnResult> {
    const event = Number.isInteger(eventId) ? await db.reminderEvent.findUnique({ where: { id: eventId } }) : null
    const visible = event && (await visibleEvents(ctx, new Date(event.startsAt.getTime() - 1), new Date(event.startsAt.getTime() + 1))).some((e) => e.id === event.id)
    if (!event || !visible) return { replies: [{ text: t(ctx.locale, 'reminders.answer_unknown'), buttons: ctx.menu() }] }
    const buttons = (await isRecipient(event.id, ctx.contact.id)) ? answerButtons(ctx.locale, event) : []
    if (isOfficer(ctx.actor)) buttons.push({ label: t(ctx.locale, 'reminders.button_who'), value: `rem:who:${event.id}` })
    const names = (await Promise.all(placeCodesOf(event).map((c) => places.name(c)))).join(', ')
    return { replies: [{ text: describeEvent(ctx.locale, event, names), buttons }] }
  }

  async function who(ctx: OfficerContext, events: EventRow[]): Promise<TurnResult> {
    const inScope: EventRow[] = []
    for (const e of events) if (await eventInScope(places, ctx.actor, e)) inScope.push(e)
    if (inScope.length === 0) return { replies: [{ text: t(ctx.locale, 'reminders.who_none') }] }
    const texts: Reply[] = []
    for (const e of inScope) {
      const report = await eventReport(deps, e, ctx.now)
      texts.push({ text: renderReport(ctx.locale, e, report) })
      await deps.audit(ctx.actor, { action: 'reminder.report', subject: `event:${e.id}`, channel: ctx.inbound.channel, at: ctx.now })
    }
    return { replies: texts }
  }

  // ---- subscriptions ----

  async function communeButtons(locale: Locale): Promise<Button[]> {
    return (await places.servedCommunes()).slice(0, 5).map((c) => ({ label: c.name.replace(/^xã /, ''), value: `rem:sub:${codeArg(c.code)}` }))
  }

  async function subscribe(ctx: TurnContext): Promise<TurnResult> {
    const mentioned = await places.currentCommune(ctx.understanding?.entities.place, ctx.now)
    if (mentioned) return chooseVillage(ctx, mentioned.code)
    return {
      replies: [{ text: t(ctx.locale, 'reminders.sub_ask_commune'), buttons: await communeButtons(ctx.locale) }],
      session: { flow: SUBSCRIBE, state: { step: 'commune' }, ttlMs: TTL_MS },
    }
  }

  async function chooseVillage(ctx: TurnContext, communeCode: string): Promise<TurnResult> {
    const commune = await places.get(communeCode)
    if (!commune) return subscribe({ ...ctx, understanding: undefined })
    const villages: PlaceRow[] = []
    const codes = await places.codesIn({ kind: 'place', placeCode: communeCode })
    if (codes !== 'all') for (const code of codes) {
      const row = await places.get(code)
      if (row && row.kind === 'village' && row.validTo === null) villages.push(row)
    }
    villages.sort((a, b) => a.name.localeCompare(b.name, 'vi'))
    const buttons: Button[] = [{ label: t(ctx.locale, 'reminders.sub_whole_commune'), value: `rem:subp:${codeArg(communeCode)}` }]
    for (const v of villages) {
      const value = `rem:subp:${codeArg(v.code)}`
      if (buttons.length < 5 && /^[a-z][a-z_]*:[\w.:-]{1,60}$/.test(value)) buttons.push({ label: v.name, value })
    }
    return {
      replies: [{ text: t(ctx.locale, villages.length > 0 ? 'reminders.sub_ask_village' : 'reminders.sub_ask_confirm', { commune: commune.name }), buttons }],
      session: { flow: SUBSCRIBE, state: { step: 'village', communeCode }, ttlMs: TTL_MS },
    }
  }

  async function subscribed(ctx: TurnContext, placeCode: string): Promise<TurnResult> {
    const place = await places.get(placeCode)
    const commune = await places.currentCommune(placeCode, ctx.now)
    if (!place || !commune) return subscribe({ ...ctx, understanding: undefined })
    await db.reminderSubscription.upsert({ where: { contactId_placeCode: { contactId: ctx.contact.id, placeCode } }, create: { contactId: ctx.contact.id, placeCode, createdAt: ctx.now }, update: {} })
    // Public events already planned pick the new follower up at the next hourly re-plan; these do it now.
    const upcoming = await db.reminderEvent.findMany({ where: { status: 'scheduled', public: true, startsAt: { gt: ctx.now } }, take: 50 })
    for (const e of upcoming) if (await relatedToAny(e, [placeCode])) await db.reminderEvent.updateMany({ where: { id: e.id }, data: { plannedAt: null } })
    return {
      replies: [{ text: t(ctx.locale, 'reminders.sub_done', { place: place.name }), buttons: [{ label: t(ctx.locale, 'reminders.button_list'), value: 'rem:list:0' }, { label: t(ctx.locale, 'reminders.button_unsubscribe'), value: 'rem:unsub:0' }] }],
      session: { clear: true },
    }
  }

  async function unsubscribe(ctx: TurnContext): Promise<TurnResult> {
    const subs = await db.reminderSubscription.findMany({ where: { contactId: ctx.contact.id } })
    await db.reminderSubscription.deleteMany({ where: { contactId: ctx.contact.id } })
    if (subs.length > 0) {
      // Their pending reminders of public events stop now; the hourly re-plan would do the same.
      const pending = await db.reminderDelivery.findMany({ where: { contactId: ctx.contact.id, status: 'planned' }, select: { id: true, eventId: true } })
      const staffEvents = isStaff(ctx.actor) ? new Set((await recipientsMine(ctx, pending.map((p) => p.eventId))).map(String)) : new Set<string>()
      await setStatus(db, pending.filter((p) => !staffEvents.has(String(p.eventId))).map((p) => p.id), ['planned'], { status: 'cancelled', reason: 'unsubscribed' })
    }
    const names = await Promise.all(subs.map((s) => places.name(s.placeCode)))
    const key = subs.length > 0 ? 'reminders.unsub_done' : 'reminders.unsub_none'
    const lines = [t(ctx.locale, key, { places: names.join(', ') })]
    if (isStaff(ctx.actor)) lines.push(t(ctx.locale, 'reminders.unsub_staff_note'))
    return { replies: [{ text: lines.join('\n'), buttons: [{ label: t(ctx.locale, 'reminders.button_subscribe'), value: 'rem:subscribe:0' }] }], session: { clear: true } }
  }

  /** The events among `ids` a staff member gets through their role (not through a subscription). */
  async function recipientsMine(ctx: TurnContext, ids: number[]): Promise<number[]> {
    const out: number[] = []
    for (const id of [...new Set(ids)]) {
      const e = await db.reminderEvent.findUnique({ where: { id } })
      if (!e) continue
      const r = await recipientsOf(deps, { ...e, public: false })
      if (r.has(ctx.contact.id)) out.push(id)
    }
    return out
  }

  // ---- routing ----

  async function flow(ctx: TurnContext & { flow: ActiveFlow }): Promise<TurnResult | null> {
    if (ctx.button) return null
    const text = ctx.text ?? ''
    if (ctx.flow.name === SUBSCRIBE) {
      if (isCancel(text)) return { replies: [{ text: t(ctx.locale, 'reminders.sub_cancelled') }], session: { clear: true } }
      const commune = await places.currentCommune(ctx.understanding?.entities.place, ctx.now)
      if (commune) return chooseVillage(ctx, commune.code)
      return null
    }
    const state = ctx.flow.state as CreateState
    if (isCancel(text)) return { replies: [{ text: t(ctx.locale, 'reminders.create.dropped') }], session: { clear: true } }
    if (state.step === 'fix') return officersOnly((c) => fixField(c, state.field, state.draft, text))(ctx)
    if (/^(luu|ok|dong y|xac nhan|dung roi|yes)$/.test(folded(text).trim())) return officersOnly((c) => save(c, state.draft))(ctx)
    return null
  }

  const draftOf = (ctx: TurnContext): Draft | null => (ctx.flow?.name === CREATE ? (ctx.flow.state as CreateState).draft : null)

  async function button(ctx: TurnContext): Promise<TurnResult> {
    const [, action = '', arg = ''] = ctx.button?.parts ?? []
    const id = Number(arg)
    switch (action) {
      case 'yes':
      case 'no':
      case 'done':
      case 'help':
        return answer(ctx, id, action)
      case 'show':
        return show(ctx, id)
      case 'list':
        return list({ ...ctx, text: '' })
      case 'who':
        return officersOnly(async (c) => {
          const e = Number.isInteger(id) ? await db.reminderEvent.findUnique({ where: { id } }) : null
          return e ? who(c, [e]) : { replies: [{ text: t(c.locale, 'reminders.who_none') }] }
        })(ctx)
      case 'subscribe':
        return subscribe({ ...ctx, understanding: undefined })
      case 'sub':
        return chooseVillage(ctx, argCode(arg))
      case 'subp':
        return subscribed(ctx, argCode(arg))
      case 'unsub':
        return unsubscribe(ctx)
      case 'save':
      case 'fix':
      case 'aud':
      case 'noloc':
      case 'drop': {
        const draft = draftOf(ctx)
        if (!draft) return { replies: [{ text: t(ctx.locale, 'reminders.create.expired') }] }
        return officersOnly(async (c) => {
          if (action === 'drop') return { replies: [{ text: t(c.locale, 'reminders.create.dropped') }], session: { clear: true } }
          if (action === 'save') return save(c, draft)
          if (action === 'noloc') return next(c, { ...draft, location: null })
          if (action === 'aud') return isAudience(arg) ? next(c, { ...draft, audience: arg }) : next(c, draft)
          const field = FIELDS.find((f) => f === arg)
          if (!field) return confirm(c, draft)
          return askField(c, draft, { field, key: `reminders.create.ask_${field}` })
        })(ctx)
      }
      default:
        return list({ ...ctx, text: '' })
    }
  }

  return {
    name: 'reminders',
    intents: {
      'reminder.create': officersOnly(start),
      'reminder.list': list,
      'reminder.subscribe': subscribe,
      'reminder.unsubscribe': unsubscribe,
    },
    buttons: { rem: button },
    flows: { [CREATE]: flow, [SUBSCRIBE]: flow },
    // Short questions about what is coming, which the classifier may not be sure of ("mai có họp không"); never a
    // sentence that sets a time or asks to create or remind ("lịch họp mai 8h cho ctv" is a new event).
    hears: [
      /^(ngay mai|mai|hom nay|tuan nay|tuan sau|thang nay|nam nay)( co| thi co)? (hop|cuoc hop|tap huan|lich|lich hop|lich tap huan|han|han ra soat)\b/,
      /^ai (chua|da|khong|se|di)\b.*\b(xac nhan|tham du|di hop|xong|hop|tap huan)\b/,
      /^lich (ra soat|hop|tap huan)\b/,
    ].map((p) => ({ pattern: new RegExp(`^(?!.*\\b(\\d{1,2}(h|g)\\d{0,2}|tao|dat|them|nhac|len lich)\\b)${p.source.slice(1)}`), handler: list })),
    menu: [{ labelKey: 'reminders.menu', value: 'rem:list:0', order: 40 }],
  }
}

