import type { Db } from '../db.ts'

/**
 * The few statements the planner and dispatcher need in bulk, written so that each fits Cloudflare D1's limit of
 * 100 bound parameters: id lists are cut into chunks of {@link ID_CHUNK}, and a whole recipient list goes in one
 * parameter as a JSON array read back with SQLite's `json_each` (D1 has JSON1).
 */

/** Ids per `IN (...)` list: under D1's 100 bound parameters with room for the other conditions. */
export const ID_CHUNK = 80
/** Recipients per insert statement (one JSON parameter; D1 allows 100 KB statements and 2 MB values). */
export const INSERT_CHUNK = 1000

/** Ids per list that travels as one JSON parameter (`"id" IN (SELECT value FROM json_each(?))`): one bound value. */
export const JSON_IDS = 1000

/** `<column> IN (…)` over a list bound as one JSON array parameter, so any number fits D1's 100 bound parameters. */
export function inJson(column: string): string {
  return `${column} IN (SELECT j.value FROM json_each(?) AS j)`
}

/** Sets the same fields on many rows of a table, JSON_IDS per statement (`where`: an extra condition, no parameters). */
export async function updateByIds(db: Db, table: string, ids: readonly number[], set: Record<string, string | number | Date | null>, where = ''): Promise<number> {
  const cols = Object.keys(set)
  const values = cols.map((c) => {
    const v = set[c]!
    return v instanceof Date ? sqlTime(v) : v
  })
  let n = 0
  for (const part of chunks(ids, JSON_IDS)) {
    n += await db.$executeRawUnsafe(
      `UPDATE "${table}" SET ${cols.map((c) => `"${c}" = ?`).join(', ')} WHERE ${inJson('"id"')}${where ? ` AND ${where}` : ''}`,
      ...values,
      JSON.stringify(part),
    )
  }
  return n
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/** A DateTime as Prisma stores it in SQLite and D1 (ISO 8601 with "+00:00"), so raw inserts compare like its own. */
export function sqlTime(at: Date): string {
  return at.toISOString().replace('Z', '+00:00')
}

/** The unique key of a delivery: one per event version, recipient and offset. */
export function deliveryKey(eventId: number, version: number, contactId: number, offset: string): string {
  return `e${eventId}v${version}:${contactId}:${offset}`
}

/**
 * Plans one offset of one event version for many recipients: insert-or-ignore on the unique key, so planning twice
 * (two overlapping runs, a re-plan an hour later) adds only who is new. Returns how many rows were added.
 */
export async function insertDeliveries(db: Db, row: { eventId: number; version: number; offset: string; dueAt: Date; contactIds: readonly number[] }): Promise<number> {
  let added = 0
  for (const part of chunks(row.contactIds, INSERT_CHUNK)) {
    added += await db.$executeRawUnsafe(
      `INSERT OR IGNORE INTO "ReminderDelivery" ("key", "eventId", "version", "contactId", "offset", "dueAt", "status")
       SELECT 'e' || ? || 'v' || ? || ':' || j.value || ':' || ?, ?, ?, j.value, ?, ?, 'planned' FROM json_each(?) AS j`,
      row.eventId,
      row.version,
      row.offset,
      row.eventId,
      row.version,
      row.offset,
      sqlTime(row.dueAt),
      JSON.stringify(part),
    )
  }
  return added
}

/** Sets status (and a reason) on many deliveries, in chunks that fit D1, only where the status is still `from`. */
export async function setStatus(db: Db, ids: readonly number[], from: readonly string[], data: { status: string; reason?: string | null; doneAt?: Date }): Promise<number> {
  let n = 0
  for (const part of chunks(ids, ID_CHUNK)) {
    const { count } = await db.reminderDelivery.updateMany({ where: { id: { in: part }, status: { in: [...from] } }, data })
    n += count
  }
  return n
}

/**
 * Records the outbox message of many queued deliveries in one statement whatever their number: the id → outbox id
 * map and the id list travel as two JSON parameters.
 */
export async function setOutboxIds(db: Db, rows: readonly { id: number; outboxId: number | null; via: string }[], queuedAt: Date): Promise<void> {
  const byVia = new Map<string, { id: number; outboxId: number | null }[]>()
  for (const r of rows) byVia.set(r.via, [...(byVia.get(r.via) ?? []), r])
  for (const [via, list] of byVia) {
    for (const part of chunks(list, INSERT_CHUNK)) {
      const map = Object.fromEntries(part.map((r) => [String(r.id), r.outboxId]))
      await db.$executeRawUnsafe(
        `UPDATE "ReminderDelivery" SET "outboxId" = json_extract(?, '$."' || "id" || '"'), "via" = ?, "queuedAt" = ?
         WHERE "id" IN (SELECT j.value FROM json_each(?) AS j)`,
        JSON.stringify(map),
        via,
        sqlTime(queuedAt),
        JSON.stringify(part.map((r) => r.id)),
      )
    }
  }
}
