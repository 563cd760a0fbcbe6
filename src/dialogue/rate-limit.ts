import type { Db } from '../db.ts'

/** Messages a contact may send per minute before the bot asks them to slow down. */
export const MESSAGES_PER_MINUTE = 30

/**
 * Counts `weight` against the contact's current one-minute window and returns the window's total. One upsert,
 * shared by every isolate through the database.
 */
export async function countMessage(db: Db, contactId: number, now: Date, weight = 1): Promise<number> {
  const window = now.toISOString().slice(0, 16)
  const rows = await db.$queryRaw<{ count: number | bigint }[]>`INSERT INTO "RateLimit" ("key", "window", "count")
    VALUES (${`contact:${contactId}`}, ${window}, ${weight})
    ON CONFLICT ("key", "window") DO UPDATE SET "count" = "count" + excluded."count"
    RETURNING "count"`
  return Number(rows[0]?.count ?? weight)
}

/** Forgets windows older than an hour. */
export async function purgeRateLimits(db: Db, now: Date): Promise<number> {
  const before = new Date(now.getTime() - 3600_000).toISOString().slice(0, 16)
  const { count } = await db.rateLimit.deleteMany({ where: { window: { lt: before } } })
  return count
}
