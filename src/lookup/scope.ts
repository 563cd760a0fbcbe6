/**
 * Which households a reader may see: the place codes of their area (from the roles' scope,
 * `places.codesIn(scope)`), or `'all'` for the whole deployment. Every register function takes one, so no
 * caller can forget it, and household data never leaves its area.
 */
export type Allowed = ReadonlySet<string> | 'all'

/** The place codes a household belongs to. */
export interface HouseholdPlaces {
  villageCode: string
  communeCode: string
  formerCommuneCode: string | null
}

/** A household is in an area that holds its village, its commune of today, or the merged unit its list named. */
export function canSee(allowed: Allowed, h: HouseholdPlaces): boolean {
  if (allowed === 'all') return true
  return allowed.has(h.communeCode) || allowed.has(h.villageCode) || (h.formerCommuneCode !== null && allowed.has(h.formerCommuneCode))
}

/** Up to this many codes are filtered in SQL (three IN lists stay under D1's 100 bound values). */
const SQL_FILTER_MAX = 30

/**
 * A Prisma `where` narrowing households to the area, or `{}` when the area is too large to list in one statement;
 * callers always check `canSee` on every row as well.
 */
export function scopeWhere(allowed: Allowed): Record<string, unknown> {
  if (allowed === 'all' || allowed.size > SQL_FILTER_MAX) return {}
  const codes = [...allowed]
  return { OR: [{ communeCode: { in: codes } }, { villageCode: { in: codes } }, { formerCommuneCode: { in: codes } }] }
}
