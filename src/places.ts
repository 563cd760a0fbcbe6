import type { Db } from './db.ts'
import { vnDate } from './clock.ts'

/** The communes the bot has contact data for: the five that cover the former huyện Đăk Hà since 1/7/2025. */
export const SERVED_COMMUNES = ['quang-ngai/xa-dak-ha', 'quang-ngai/xa-dak-pxi', 'quang-ngai/xa-dak-mar', 'quang-ngai/xa-dak-ui', 'quang-ngai/xa-ngok-reo'] as const

/** What a place tells the check: its current commune (for the statistics) and, when it is safe to say, its area. */
export interface PlaceFacts {
  /** Current commune code, "" above commune level. */
  communeCode: string
  /** `null`: ask the household. */
  area: 'rural' | 'urban' | null
  /** The place's own name. */
  name: string
  /** The current commune's name, "" above commune level. */
  communeName: string
}

const MAX_HOPS = 4

/**
 * The area (nông thôn / thành thị) a place's households fall in, and its current commune.
 *
 * A village without its own area takes its commune's. A unit merged away on 1/7/2025 keeps a `rural` area
 * (a xã merged into a xã), but not an `urban` one: whether the former thị trấn Đăk Hà still counts as urban
 * inside the new xã Đăk Hà is UNVERIFIED (FACTS §6, §7 q.6), so the household is asked.
 */
export async function placeFacts(db: Db, code: string | null | undefined, today: string): Promise<PlaceFacts | null> {
  if (!code) return null
  const start = await db.place.findUnique({ where: { code } })
  if (!start) return null
  let area: PlaceFacts['area'] = null
  let decided = false
  let current: typeof start | null = start
  for (let hops = 0; current && hops < MAX_HOPS; hops++) {
    if (!decided && (current.area === 'rural' || current.area === 'urban')) {
      const merged = current.validTo !== null && current.validTo < today
      area = merged && current.area === 'urban' ? null : current.area
      decided = true
    }
    if (current.kind === 'village' && current.parentCode) {
      current = await db.place.findUnique({ where: { code: current.parentCode } })
      continue
    }
    if (current.successorCode && current.validTo !== null && current.validTo < today) {
      // The successor's area is not used: the household lived in the merged unit, and that decided above.
      decided = true
      current = await db.place.findUnique({ where: { code: current.successorCode } })
      continue
    }
    break
  }
  const isCommune = current !== null && (current.kind === 'commune' || current.kind === 'town')
  return { communeCode: isCommune ? current!.code : '', communeName: isCommune ? current!.name : '', area, name: start.name }
}

/**
 * The current commune for any place code, if it is one the bot serves: a village goes to its commune, a unit
 * merged on 1/7/2025 to its successor. Null for places above commune level or outside the served area.
 */
export async function currentCommune(db: Db, code: string | null | undefined, now: Date): Promise<{ code: string; name: string } | null> {
  const facts = await placeFacts(db, code, vnDate(now))
  if (!facts || !(SERVED_COMMUNES as readonly string[]).includes(facts.communeCode)) return null
  return { code: facts.communeCode, name: facts.communeName }
}
