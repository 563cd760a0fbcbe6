import type { Db } from '../db.ts'
import type { Places } from '../places.ts'
import { placeCodesOf, type EventRow } from './events.ts'

/**
 * Who gets an event: verified collaborators and officers whose place is related to one of the event's places (a
 * commune event reaches the collaborators of its villages; a village event reaches the officers of its commune),
 * filtered by the event's audience, and for public events also those who follow a related commune or village.
 * Admins see everything on the console but are not reminded of every commune's events.
 */
export type RecipientRole = 'collaborator' | 'officer' | 'subscriber'

/** Decides, once per distinct place, whether it is related to the event's places (either lies inside the other). */
export function relatedPlaces(places: Places, eventPlaces: string[]): (code: string | null) => Promise<boolean> {
  const cache = new Map<string, Promise<boolean>>()
  return (code) => {
    if (code === null) return Promise.resolve(false)
    let hit = cache.get(code)
    if (!hit) {
      hit = (async () => {
        for (const e of eventPlaces) {
          if (await places.contains({ kind: 'place', placeCode: e }, code)) return true
          if (await places.contains({ kind: 'place', placeCode: code }, e)) return true
        }
        return false
      })()
      cache.set(code, hit)
    }
    return hit
  }
}

export async function recipientsOf(deps: { db: Db; places: Places }, event: Pick<EventRow, 'placeCodes' | 'audience' | 'public'>): Promise<Map<number, RecipientRole>> {
  const related = relatedPlaces(deps.places, placeCodesOf(event))
  const roles = event.audience === 'collaborators' ? ['collaborator'] : event.audience === 'officers' ? ['officer'] : ['collaborator', 'officer']
  const assignments = await deps.db.roleAssignment.findMany({ where: { revokedAt: null, role: { in: roles } }, select: { contactId: true, role: true, placeCode: true } })
  const out = new Map<number, RecipientRole>()
  for (const a of assignments) if (await related(a.placeCode)) out.set(a.contactId, a.role === 'officer' ? 'officer' : 'collaborator')
  if (event.public) {
    const subs = await deps.db.reminderSubscription.findMany({ select: { contactId: true, placeCode: true } })
    for (const s of subs) if (!out.has(s.contactId) && (await related(s.placeCode))) out.set(s.contactId, 'subscriber')
  }
  return out
}

/** Officers whose own area holds one of the event's places: they get the missed-deadline summary and see reports. */
export async function officersOf(deps: { db: Db; places: Places }, event: Pick<EventRow, 'placeCodes'>): Promise<number[]> {
  const eventPlaces = placeCodesOf(event)
  const rows = await deps.db.roleAssignment.findMany({ where: { revokedAt: null, role: 'officer' }, select: { contactId: true, placeCode: true } })
  const out: number[] = []
  for (const r of rows) {
    if (r.placeCode === null) continue
    for (const e of eventPlaces) {
      if (await deps.places.contains({ kind: 'place', placeCode: r.placeCode }, e)) {
        out.push(r.contactId)
        break
      }
    }
  }
  return out
}
