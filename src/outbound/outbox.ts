import type { Db } from '../db.ts'
import type { Logger } from '../logger.ts'
import type { ChannelName, ChannelSender, Reply } from '../messages.ts'
import { ZaloWindowClosedError } from '../channels/zalo/client.ts'
import { isUniqueViolation } from '../dialogue/dedupe.ts'

/** Attempts before a message is given up (logged as failed). Backoff: 1, 2, 4, 8… minutes. */
const MAX_ATTEMPTS = 6

export type Senders = Partial<Record<ChannelName, ChannelSender>>

/**
 * Queues replies for a contact. With a `dedupeKey`, queuing the same thing twice (a retried request, two isolates)
 * queues it once. Returns the message id, or null when it was already queued.
 */
export async function enqueue(db: Db, contactId: number, replies: Reply[], opts: { dedupeKey?: string; now?: Date } = {}): Promise<number | null> {
  try {
    const row = await db.outboxMessage.create({
      data: {
        contactId,
        payload: JSON.stringify(replies),
        dedupeKey: opts.dedupeKey ?? null,
        ...(opts.now ? { nextAttemptAt: opts.now, createdAt: opts.now } : {}),
      },
    })
    return row.id
  } catch (err) {
    if (isUniqueViolation(err)) return null
    throw err
  }
}

/**
 * Delivers due pending messages through the contacts' channels. Web chat has no push: its messages stay pending
 * until the page fetches them (`takeForWebContact`). A closed Zalo window is final; other failures back off.
 */
export async function dispatchOutbox(deps: { db: Db; senders: Senders; logger: Logger; now: Date; limit?: number; ids?: number[] }): Promise<{ sent: number; failed: number }> {
  const { db, senders, logger, now } = deps
  const due = await db.outboxMessage.findMany({
    where: { status: 'pending', nextAttemptAt: { lte: now }, ...(deps.ids ? { id: { in: deps.ids } } : {}) },
    orderBy: { id: 'asc' },
    take: deps.limit ?? 50,
  })
  let sent = 0
  let failed = 0
  for (const msg of due) {
    const contact = await db.contact.findUnique({ where: { id: msg.contactId } })
    const sender = contact ? senders[contact.channel as ChannelName] : undefined
    if (!contact || !sender) continue // web / cli contacts, or a channel switched off: left for pickup
    // Claim the row so two dispatchers (cron + immediate) never send it twice.
    const claimed = await db.outboxMessage.updateMany({
      where: { id: msg.id, status: 'pending', attempts: msg.attempts },
      data: { attempts: msg.attempts + 1, nextAttemptAt: new Date(now.getTime() + 60_000 * 2 ** msg.attempts) },
    })
    if (claimed.count !== 1) continue
    try {
      await sender.send(contact.externalId, JSON.parse(msg.payload) as Reply[])
      await db.outboxMessage.update({ where: { id: msg.id }, data: { status: 'sent', sentAt: now, lastError: null } })
      sent++
    } catch (err) {
      const windowClosed = err instanceof ZaloWindowClosedError
      const giveUp = windowClosed || msg.attempts + 1 >= MAX_ATTEMPTS
      const reason = err instanceof Error ? `${err.name}: ${err.message}`.slice(0, 300) : 'send failed'
      await db.outboxMessage.update({
        where: { id: msg.id },
        data: { status: windowClosed ? 'window_closed' : giveUp ? 'failed' : 'pending', lastError: reason },
      })
      logger.warn('outbox.send_failed', { id: msg.id, channel: contact.channel, attempt: msg.attempts + 1, final: giveUp, err })
      failed++
    }
  }
  return { sent, failed }
}

/** Pending messages of a web chat conversation, marked sent as they are handed over. */
export async function takeForWebContact(db: Db, contactId: number, now: Date): Promise<Reply[]> {
  const pending = await db.outboxMessage.findMany({ where: { contactId, status: 'pending' }, orderBy: { id: 'asc' }, take: 20 })
  const replies: Reply[] = []
  for (const msg of pending) {
    const { count } = await db.outboxMessage.updateMany({ where: { id: msg.id, status: 'pending' }, data: { status: 'sent', sentAt: now, attempts: msg.attempts + 1 } })
    if (count === 1) replies.push(...(JSON.parse(msg.payload) as Reply[]))
  }
  return replies
}
