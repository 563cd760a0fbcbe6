import type { Db } from '../../db.ts'
import { isUniqueViolation } from '../dedupe.ts'
import { CATEGORIES, STANDARD_IDS, type Category, type StandardId } from '../../poverty/index.ts'

/**
 * What the check reads from and writes to the database: the area of a place, the anonymous count of checks, and
 * the user's own estimate — the last one only with their consent.
 */

/** What a place tells the check: its current commune (for the statistics) and, when it is safe to say, its area. */
export interface PlaceFacts {
  /** Current commune code, "" above commune level. */
  communeCode: string
  /** `null`: ask the household. */
  area: 'rural' | 'urban' | null
  name: string
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
  const commune = current && (current.kind === 'commune' || current.kind === 'town') ? current.code : ''
  return { communeCode: commune, area, name: start.name }
}

/**
 * Counts one finished check for the officers' statistics: day (in Vietnam), standard, category ("unknown" for a
 * range answer) and commune ("" when unknown). Nothing else about the household is kept.
 */
export async function countCheck(
  db: Db,
  row: { day: string; standard: StandardId; category: Category | 'unknown'; placeCode: string },
): Promise<void> {
  const upsert = () =>
    db.eligibilityCheckStat.upsert({
      where: { day_standard_category_placeCode: row },
      create: { ...row, count: 1 },
      update: { count: { increment: 1 } },
    })
  // Two first checks of the day can race to create the row; the loser retries as an increment.
  await upsert().catch((err: unknown) => (isUniqueViolation(err) ? upsert() : Promise.reject(err)))
}

/** Keeps the user's own estimate, after they agreed. */
export async function rememberEstimate(db: Db, contactId: number, category: Category, standard: StandardId, at: Date): Promise<void> {
  await db.contact.update({
    where: { id: contactId },
    data: { estimatedCategory: category, estimatedStandard: standard, estimatedAt: at },
  })
}

/** Deletes the remembered estimate; false when there was none. */
export async function forgetEstimate(db: Db, contactId: number): Promise<boolean> {
  const { count } = await db.contact.updateMany({
    where: { id: contactId, NOT: { estimatedCategory: null } },
    data: { estimatedCategory: null, estimatedStandard: null, estimatedAt: null },
  })
  return count > 0
}

/** A remembered estimate. */
export interface Estimate {
  category: Category
  standard: StandardId
  at: Date
}

/**
 * The estimate a contact agreed to have remembered, for other features (e.g. to put the policies of their
 * category first); null when none was kept or the stored value is not one we know.
 *
 * @example const estimate = await categoryOf(db, ctx.contact.id) // { category: 'near_poor', standard: '2022-2025', at }
 */
export async function categoryOf(db: Db, contactId: number): Promise<Estimate | null> {
  const row = await db.contact.findUnique({
    where: { id: contactId },
    select: { estimatedCategory: true, estimatedStandard: true, estimatedAt: true },
  })
  if (!row?.estimatedCategory || !row.estimatedStandard || !row.estimatedAt) return null
  const category = CATEGORIES.find((c) => c === row.estimatedCategory)
  const standard = STANDARD_IDS.find((s) => s === row.estimatedStandard)
  return category && standard ? { category, standard, at: row.estimatedAt } : null
}
