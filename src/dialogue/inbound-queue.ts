import type { Db } from '../db.ts'
import type { Clock } from '../clock.ts'
import type { Logger } from '../logger.ts'
import type { Inbound } from '../messages.ts'
import type { Dialogue } from './engine.ts'
import type { OutboundService } from '../outbound/outbound.ts'
import { isProcessed } from './dedupe.ts'

/**
 * Inbound messages accepted before they are processed (issue #9 §3). Zalo wants its webhook answered within 2 s and
 * says nothing of redelivering, so an event is stored first — only then does the webhook answer 200 — and processed
 * after the response. What fails (a busy database, a crash) is processed again by the scheduled job. A row holds the
 * message text only until the message is processed; then it is deleted (its dedupe key stays in ProcessedMessage).
 */
export interface InboundQueue {
  /** Stores an event; false when it was stored or processed already (a redelivery). Throws when it cannot be stored. */
  accept(inbound: Inbound): Promise<boolean>
  /** Processes a stored event: the turn, then delivery of its replies; on failure it stays queued for later. */
  process(inbound: Inbound): Promise<void>
  /** The scheduled job: processes stored events whose time has come. */
  retryDue(now: Date): Promise<{ processed: number; failed: number; dropped: number }>
}

/** The scheduled job leaves an event alone this long after it was stored (the webhook's own processing runs then). */
const FIRST_RETRY_AFTER_MS = 60_000
/** An event still failing after this many attempts is dropped and logged (it would be a day old by then). */
const MAX_ATTEMPTS = 20

function backoffMs(attempts: number): number {
  return Math.min(60 * 60_000, 60_000 * 2 ** Math.max(0, attempts - 1))
}

function serialize(inbound: Inbound): string {
  return JSON.stringify({ ...inbound, at: inbound.at.toISOString() })
}

function deserialize(payload: string): Inbound {
  const parsed = JSON.parse(payload) as Inbound & { at: string }
  return { ...parsed, at: new Date(parsed.at) }
}

export function createInboundQueue(deps: { db: Db; dialogue: Dialogue; outbound: Pick<OutboundService, 'flush'>; logger: Logger; clock: Clock }): InboundQueue {
  const { db, logger } = deps

  async function accept(inbound: Inbound): Promise<boolean> {
    if (await isProcessed(db, inbound.channel, inbound.messageId)) return false
    const now = deps.clock.now()
    const changed = await db.$executeRaw`INSERT OR IGNORE INTO "InboundEvent" ("channel", "messageId", "payload", "attempts", "nextAttemptAt", "receivedAt")
      VALUES (${inbound.channel}, ${inbound.messageId}, ${serialize(inbound)}, 0, ${new Date(now.getTime() + FIRST_RETRY_AFTER_MS)}, ${now})`
    return changed === 1
  }

  async function forget(inbound: Inbound): Promise<void> {
    await db.inboundEvent.deleteMany({ where: { channel: inbound.channel, messageId: inbound.messageId } })
  }

  async function run(inbound: Inbound): Promise<void> {
    const outcome = await deps.dialogue.handle(inbound)
    if (outcome.duplicate) {
      // Done by another attempt: forget it. Still in progress elsewhere: leave it queued in case that attempt fails.
      if (await isProcessed(db, inbound.channel, inbound.messageId)) await forget(inbound)
      return
    }
    // The turn and its queued replies are recorded: the event is no longer needed, whatever delivery does.
    await forget(inbound).catch((err: unknown) => logger.warn('inbound.forget_failed', { err }))
    try {
      await deps.outbound.flush(outcome.recipient, outcome.claimedReply)
    } catch (err) {
      logger.warn('inbound.flush_failed', { channel: inbound.channel, err })
    }
  }

  async function failed(inbound: Inbound, err: unknown, attempts: number): Promise<void> {
    logger.warn('inbound.process_failed', { channel: inbound.channel, messageId: inbound.messageId, attempts, err })
    const now = deps.clock.now()
    await db.inboundEvent
      .updateMany({
        where: { channel: inbound.channel, messageId: inbound.messageId },
        data: { attempts, nextAttemptAt: new Date(now.getTime() + backoffMs(attempts)), lastError: err instanceof Error ? err.name : 'error' },
      })
      .catch(() => undefined) // the row keeps its earlier time and is tried then
  }

  return {
    accept,
    async process(inbound) {
      try {
        await run(inbound)
      } catch (err) {
        await failed(inbound, err, 1)
      }
    },
    async retryDue(now) {
      const result = { processed: 0, failed: 0, dropped: 0 }
      const due = await db.inboundEvent.findMany({ where: { nextAttemptAt: { lte: now } }, orderBy: { receivedAt: 'asc' }, take: 50 })
      for (const row of due) {
        const inbound = deserialize(row.payload)
        if (row.attempts >= MAX_ATTEMPTS) {
          logger.error('inbound.dropped', { channel: row.channel, messageId: row.messageId, attempts: row.attempts, receivedAt: row.receivedAt.toISOString() })
          await forget(inbound)
          result.dropped++
          continue
        }
        // Claim it for this run (two runs at once take different rows); the dialogue's own claim prevents doubles.
        const { count } = await db.inboundEvent.updateMany({
          where: { channel: row.channel, messageId: row.messageId, attempts: row.attempts },
          data: { attempts: row.attempts + 1, nextAttemptAt: new Date(now.getTime() + FIRST_RETRY_AFTER_MS) },
        })
        if (count !== 1) continue
        try {
          await run(inbound)
          result.processed++
        } catch (err) {
          await failed(inbound, err, row.attempts + 1)
          result.failed++
        }
      }
      return result
    },
  }
}
