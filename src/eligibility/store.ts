import type { Db } from '../db.ts'
import { isUniqueViolation } from '../dialogue/dedupe.ts'
import type { Category, StandardId } from '../poverty/index.ts'

/**
 * What the check writes to the database: the anonymous count of checks, and the user's own estimate — the
 * latter only with their consent. (The area of a place comes from ../places.ts.)
 */

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
