import type { Db } from '../db.ts'
import { stmt, sqlTime, type Statement } from '../db/batch.ts'

/**
 * At-most-once processing of inbound deliveries. Telegram and Zalo redeliver a webhook when they do not get a quick
 * 2xx, and may deliver the same update twice concurrently: the primary key on (channel, messageId) lets exactly one
 * claim win, even across Workers isolates. A claim is a lease (issue #9 §2): a turn that stalls or crashes past it
 * is taken over by the next redelivery, and a turn that fails gives its claim back at once.
 */

/** How long a turn may hold its claim before a redelivery takes it over. */
export const CLAIM_LEASE_MS = 2 * 60_000

/** The claim a turn holds: only it may finish or release the message. */
export interface Claim {
  channel: string
  messageId: string
  token: string
}

/**
 * Claims a message for processing; null when it was processed already or another attempt holds a live lease.
 * INSERT … ON CONFLICT reports 0 changed rows for a key it may not take: no exception, so no error noise in the D1
 * adapter's log for what is an ordinary redelivery.
 */
export async function claimMessage(db: Db, channel: string, messageId: string, now: Date): Promise<Claim | null> {
  const token = crypto.randomUUID()
  const at = sqlTime(now)
  const changed = await db.$executeRaw`INSERT INTO "ProcessedMessage" ("channel", "messageId", "status", "createdAt", "leaseUntil", "claim")
    VALUES (${channel}, ${messageId}, 'processing', ${at}, ${sqlTime(new Date(now.getTime() + CLAIM_LEASE_MS))}, ${token})
    ON CONFLICT ("channel", "messageId") DO UPDATE SET "leaseUntil" = excluded."leaseUntil", "claim" = excluded."claim"
    WHERE "ProcessedMessage"."status" = 'processing' AND ("ProcessedMessage"."leaseUntil" IS NULL OR "ProcessedMessage"."leaseUntil" <= ${at})`
  return changed === 1 ? { channel, messageId, token } : null
}

/** For the turn's batch: marks the message done, if the claim is still this turn's. */
export function finishStatement(claim: Claim): Statement {
  return stmt`UPDATE "ProcessedMessage" SET "status" = 'done', "leaseUntil" = NULL
    WHERE "channel" = ${claim.channel} AND "messageId" = ${claim.messageId} AND "claim" = ${claim.token} AND "status" = 'processing'`
}

/** The condition the rest of the turn's batch is written under: this turn finished the message (after finishStatement). */
export function finishedGuard(claim: Claim): Statement {
  return stmt`EXISTS (SELECT 1 FROM "ProcessedMessage" WHERE "channel" = ${claim.channel} AND "messageId" = ${claim.messageId} AND "claim" = ${claim.token} AND "status" = 'done')`
}

/** Prisma's "unique constraint failed" (P2002), however the driver adapter reports it. */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'P2002'
}

/** Gives the message back, so a redelivery is processed (the turn failed before it was recorded). */
export async function releaseMessage(db: Db, claim: Claim): Promise<void> {
  await db.processedMessage.deleteMany({ where: { channel: claim.channel, messageId: claim.messageId, claim: claim.token, status: 'processing' } })
}

/** Whether a message was processed to the end (the Zalo inbound queue asks before storing an event again). */
export async function isProcessed(db: Db, channel: string, messageId: string): Promise<boolean> {
  const row = await db.processedMessage.findUnique({ where: { channel_messageId: { channel, messageId } }, select: { status: true } })
  return row?.status === 'done'
}

/** Forget keys older than the channels' redelivery horizon (Telegram keeps updates 24 h; we keep 7 days). */
export async function purgeProcessedMessages(db: Db, olderThan: Date): Promise<number> {
  const { count } = await db.processedMessage.deleteMany({ where: { createdAt: { lt: olderThan } } })
  return count
}
