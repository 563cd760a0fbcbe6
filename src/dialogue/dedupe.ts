import type { Db } from '../db.ts'

/**
 * At-most-once processing of inbound deliveries. Telegram and Zalo redeliver a webhook when they do not get a quick
 * 2xx, and may deliver the same update twice concurrently: the primary key on (channel, messageId) lets exactly one
 * claim win, even across Workers isolates.
 */
export async function claimMessage(db: Db, channel: string, messageId: string): Promise<boolean> {
  // INSERT OR IGNORE reports 0 changed rows for a key that exists: no exception, so no error noise in the D1
  // adapter's log for what is an ordinary redelivery. The timestamp is written in Prisma's own DateTime format.
  const changed = await db.$executeRaw`INSERT OR IGNORE INTO "ProcessedMessage" ("channel", "messageId", "status", "createdAt")
    VALUES (${channel}, ${messageId}, 'processing', ${prismaTimestamp(new Date())})`
  return changed === 1
}

/** A DateTime as Prisma's SQLite adapters store it (ISO 8601 with a +00:00 offset), so comparisons line up. */
export function prismaTimestamp(at: Date): string {
  return at.toISOString().replace('Z', '+00:00')
}

/** Prisma's "unique constraint failed" (P2002), however the driver adapter reports it. */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'P2002'
}

export async function finishMessage(db: Db, channel: string, messageId: string): Promise<void> {
  await db.processedMessage.updateMany({ where: { channel, messageId }, data: { status: 'done' } })
}

/** Gives the message back, so a redelivery is processed (used when processing failed before any reply). */
export async function releaseMessage(db: Db, channel: string, messageId: string): Promise<void> {
  await db.processedMessage.deleteMany({ where: { channel, messageId } })
}

/** Forget keys older than the channels' redelivery horizon (Telegram keeps updates 24 h; we keep 7 days). */
export async function purgeProcessedMessages(db: Db, olderThan: Date): Promise<number> {
  const { count } = await db.processedMessage.deleteMany({ where: { createdAt: { lt: olderThan } } })
  return count
}
