import * as z from 'zod'
import type { Db } from '../db.ts'
import type { Places } from '../places.ts'
import type { Audit, AuditChannel } from '../roles/audit.ts'
import { actorLabel, type StaffActor } from '../roles/actor.ts'
import { t } from '../i18n.ts'
import './texts.ts'

/**
 * Events: what officers create (by chat, on the console, through `POST /api/admin/events`) and what the review
 * calendar makes. One validation for all three ways in, so an officer meets the same rules and the same Vietnamese
 * field errors wherever they type.
 */

export const KINDS = ['training', 'meeting', 'deadline'] as const
export type Kind = (typeof KINDS)[number]
export const AUDIENCES = ['collaborators', 'officers', 'all'] as const
export type Audience = (typeof AUDIENCES)[number]

export interface EventRow {
  id: number
  kind: string
  title: string
  titleKey: string | null
  titleVars: string | null
  startsAt: Date
  endsAt: Date | null
  location: string | null
  placeCodes: string
  audience: string
  public: boolean
  status: string
  version: number
  plannedVersion: number
  plannedAt: Date | null
  ruleKey: string | null
  createdBy: string
  createdByContactId: number | null
}

export function isKind(v: unknown): v is Kind {
  return typeof v === 'string' && (KINDS as readonly string[]).includes(v)
}

export function isAudience(v: unknown): v is Audience {
  return typeof v === 'string' && (AUDIENCES as readonly string[]).includes(v)
}

export function placeCodesOf(event: Pick<EventRow, 'placeCodes'>): string[] {
  try {
    const v = JSON.parse(event.placeCodes) as unknown
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []
  } catch {
    return []
  }
}

/** A validated event, ready to save. */
export interface EventInput {
  kind: Kind
  title: string
  startsAt: Date
  endsAt: Date | null
  location: string | null
  placeCodes: string[]
  audience: Audience
  public: boolean
}

export type FieldErrors = Partial<Record<'kind' | 'title' | 'startsAt' | 'endsAt' | 'location' | 'placeCodes' | 'audience' | 'body', string>>

export type Checked = { ok: true; value: EventInput } | { ok: false; status: 400 | 403; errors: FieldErrors }

export const TITLE_MAX = 200
export const LOCATION_MAX = 300
/** An event further ahead than this is almost surely a typo in the year. */
const MAX_AHEAD_MS = 2 * 366 * 24 * 3600_000

/** ISO 8601 with a time and an offset (or Z): "2026-12-09T14:00:00+07:00". A date alone is ambiguous, so refused. */
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})$/

const Body = z.object({
  kind: z.unknown(),
  title: z.unknown(),
  startsAt: z.unknown(),
  endsAt: z.unknown().optional(),
  location: z.unknown().optional(),
  placeCodes: z.unknown().optional(),
  audience: z.unknown().optional(),
  public: z.unknown().optional(),
})

const msg = (key: string, vars?: Record<string, string | number>) => t('vi', `reminders.errors.${key}`, vars)

function parseInstant(v: unknown): Date | null {
  if (typeof v !== 'string' || !ISO.test(v.trim())) return null
  const d = new Date(v.trim())
  return Number.isNaN(d.getTime()) ? null : d
}

/**
 * Checks an event from the API, the console form or the chat draft: every field error at once, in Vietnamese.
 * Places outside the actor's scope give 403 (and only when everything else is right, so the answer says nothing
 * about places the actor may not see). Without `placeCodes` the event is for the actor's own area.
 */
export async function checkEvent(deps: { places: Places }, actor: StaffActor, raw: unknown, now: Date): Promise<Checked> {
  const parsed = Body.safeParse(raw)
  if (!parsed.success || raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, status: 400, errors: { body: msg('body') } }
  const b = parsed.data
  const errors: FieldErrors = {}

  const kind = isKind(b.kind) ? b.kind : null
  if (!kind) errors.kind = msg('kind')

  const title = typeof b.title === 'string' ? b.title.trim().replace(/\s+/g, ' ') : ''
  if (!title) errors.title = msg('title_missing')
  else if (title.length > TITLE_MAX) errors.title = msg('title_long', { max: TITLE_MAX })

  const startsAt = parseInstant(b.startsAt)
  if (!startsAt) errors.startsAt = msg('starts_format')
  else if (startsAt.getTime() <= now.getTime()) errors.startsAt = msg('starts_past')
  else if (startsAt.getTime() - now.getTime() > MAX_AHEAD_MS) errors.startsAt = msg('starts_far')

  let endsAt: Date | null = null
  if (b.endsAt !== undefined && b.endsAt !== null && b.endsAt !== '') {
    endsAt = parseInstant(b.endsAt)
    if (!endsAt) errors.endsAt = msg('ends_format')
    else if (startsAt && endsAt.getTime() <= startsAt.getTime()) errors.endsAt = msg('ends_before')
  }

  let location: string | null = null
  if (b.location !== undefined && b.location !== null) {
    if (typeof b.location !== 'string') errors.location = msg('location')
    else {
      location = b.location.trim().replace(/\s+/g, ' ') || null
      if (location && location.length > LOCATION_MAX) errors.location = msg('location_long', { max: LOCATION_MAX })
    }
  }

  let audience: Audience = 'all'
  if (b.audience !== undefined && b.audience !== null) {
    if (isAudience(b.audience)) audience = b.audience
    else errors.audience = msg('audience')
  }

  const isPublic = b.public === true

  let placeCodes: string[] = []
  let outside = false
  if (b.placeCodes !== undefined && b.placeCodes !== null) {
    if (!Array.isArray(b.placeCodes) || b.placeCodes.length > 50 || !b.placeCodes.every((c) => typeof c === 'string')) {
      errors.placeCodes = msg('places_format')
    } else {
      placeCodes = [...new Set(b.placeCodes as string[])]
      const unknown: string[] = []
      for (const code of placeCodes) {
        if (!(await deps.places.get(code))) unknown.push(code)
        else if (!(await deps.places.contains(actor.scope, code))) outside = true
      }
      if (unknown.length > 0) errors.placeCodes = msg('places_unknown', { codes: unknown.slice(0, 5).join(', ') })
    }
  }
  if (placeCodes.length === 0 && !errors.placeCodes) placeCodes = await defaultPlaces(deps.places, actor)

  if (Object.keys(errors).length > 0) return { ok: false, status: 400, errors }
  if (outside) return { ok: false, status: 403, errors: { placeCodes: msg('places_outside') } }
  return { ok: true, value: { kind: kind!, title, startsAt: startsAt!, endsAt, location, placeCodes, audience, public: isPublic } }
}

/** An actor's own area as an audience: their place, or for the whole deployment every served commune. */
export async function defaultPlaces(places: Places, actor: StaffActor): Promise<string[]> {
  if (actor.scope.kind === 'place') return [actor.scope.placeCode]
  return (await places.servedCommunes()).map((p) => p.code)
}

export interface SaveDeps {
  db: Db
  audit: Audit
}

/** The stored columns of a checked event's input. */
function eventFields(input: EventInput) {
  return {
    kind: input.kind,
    title: input.title,
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    location: input.location,
    placeCodes: JSON.stringify(input.placeCodes),
    audience: input.audience,
    public: input.public,
  }
}

/** Saves a checked event; it is planned by the next dispatch run (at most a minute later) or at once by the caller. */
export async function createEvent(deps: SaveDeps, actor: StaffActor, input: EventInput, channel: AuditChannel, now: Date): Promise<EventRow> {
  const row = await deps.db.reminderEvent.create({
    data: {
      ...eventFields(input),
      createdBy: actorLabel(actor),
      createdByContactId: actor.contactId,
      createdAt: now,
    },
  })
  await deps.audit(actor, { action: 'reminder.create', subject: `event:${row.id}`, detail: input.kind, channel, at: now })
  return row
}

/**
 * Moves or edits an event. A change of time, place or audience is a new version: pending reminders of the old one
 * are cancelled and re-planned, and those already reminded get a change notice.
 */
export async function updateEvent(
  deps: SaveDeps,
  actor: StaffActor,
  event: EventRow,
  input: EventInput,
  channel: AuditChannel,
  now: Date,
): Promise<EventRow> {
  const material =
    event.startsAt.getTime() !== input.startsAt.getTime() ||
    (event.location ?? null) !== input.location ||
    event.placeCodes !== JSON.stringify(input.placeCodes) ||
    event.audience !== input.audience ||
    event.kind !== input.kind
  const row = await deps.db.reminderEvent.update({
    where: { id: event.id },
    data: {
      ...eventFields(input),
      titleKey: input.title === event.title ? event.titleKey : null,
      ...(material ? { version: { increment: 1 } } : {}),
    },
  })
  await deps.audit(actor, { action: 'reminder.update', subject: `event:${event.id}`, detail: material ? 'moved' : 'edited', channel, at: now })
  return row
}

/** Cancels an event: its pending reminders are cancelled and those already reminded are told. False if it was already. */
export async function cancelEvent(deps: SaveDeps, actor: StaffActor, eventId: number, channel: AuditChannel, now: Date): Promise<boolean> {
  const { count } = await deps.db.reminderEvent.updateMany({ where: { id: eventId, status: 'scheduled' }, data: { status: 'cancelled', version: { increment: 1 } } })
  if (count === 1) await deps.audit(actor, { action: 'reminder.cancel', subject: `event:${eventId}`, channel, at: now })
  return count === 1
}

/** Whether an event lies in an actor's area: one of its places is inside the scope. */
export async function eventInScope(places: Places, actor: StaffActor, event: Pick<EventRow, 'placeCodes'>): Promise<boolean> {
  if (actor.scope.kind === 'all') return true
  for (const code of placeCodesOf(event)) if (await places.contains(actor.scope, code)) return true
  return false
}

/** An event row's fields as the checker takes them (to edit an existing event with some fields replaced). */
export function eventAsInput(event: EventRow): Record<string, unknown> {
  return {
    kind: event.kind,
    title: event.title,
    startsAt: event.startsAt.toISOString(),
    endsAt: event.endsAt?.toISOString() ?? null,
    location: event.location,
    placeCodes: placeCodesOf(event),
    audience: event.audience,
    public: event.public,
  }
}
