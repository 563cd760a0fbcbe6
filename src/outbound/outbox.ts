import type { Db } from '../db.ts'
import type { Logger } from '../logger.ts'
import type { Locale } from '../i18n.ts'
import { isLocale } from '../i18n.ts'
import type { ChannelName, ChannelSender, Reply } from '../messages.ts'
import type { OutboundPurpose, OutboxContent, OutboxState, OutboxStatus } from '../dialogue/types.ts'
import { VN_OFFSET_MS } from '../clock.ts'
import { stmt, sqlTime, type Statement } from '../db/batch.ts'
import { isUniqueViolation } from '../dialogue/dedupe.ts'
import { PermanentSendError, RecipientUnreachableError, TransientSendError, withoutSecrets } from './errors.ts'

/**
 * The outbox: every message the bot sends is a row here first (issue #9 §1).
 *
 *   pending ──send ok──────────────► sent         payload wiped, metadata kept
 *      │ ├──unreachable────────────► unreachable  blocked / Zalo window closed: never retried
 *      │ ├──refused for good───────► failed       a 400, no renderer, or too many attempts
 *      │ ├──renderer returned []───► cancelled    e.g. a reminder whose event was cancelled
 *      │ └──past expiresAt─────────► expired      dropped and logged, not sent late
 *      └──try again later: back to pending, nextAttemptAt = backoff or the channel's retry_after
 *
 * A contact's messages go out in order: a later one never overtakes an earlier one that is still pending. A row is
 * claimed before sending (attempts compare-and-swap plus a lease on nextAttemptAt), so two dispatchers never send
 * it twice and one that died mid-send is taken over after the lease.
 */
export type { OutboxStatus, OutboxState } from '../dialogue/types.ts'

export type Senders = Partial<Record<ChannelName, ChannelSender>>

/** Renders a queued message at send time, in the recipient's locale (reminders); `[]` cancels it. */
export type Renderer = (data: unknown, ctx: { locale: Locale; contactId: number; now: Date }) => Reply[] | Promise<Reply[]>


export interface QueueItem {
  contactId: number
  content: OutboxContent
  purpose: OutboundPurpose
  dedupeKey?: string
  /** The inbound message answered (Zalo quotes it). */
  replyTo?: string
  notBefore?: Date
  expiresAt?: Date
}

/** How long a message may wait before it is dropped: a reply is stale after a day; the rest after a week. */
export const DEFAULT_EXPIRY_MS: Record<OutboundPurpose, number> = {
  reply: 24 * 3600_000,
  handover: 7 * 24 * 3600_000,
  reminder: 7 * 24 * 3600_000,
  notice: 7 * 24 * 3600_000,
}
/** A claimed row not finished within this time (the process died mid-send) is sent again. */
export const SEND_LEASE_MS = 2 * 60_000
/** Attempts before a message that keeps failing is given up. */
export const MAX_ATTEMPTS = 12
/** Waits between attempts: 30 s, 1, 2, 4 … minutes, at most 30 minutes (or longer, if the channel asks). */
export function backoffMs(attempts: number): number {
  return Math.min(30 * 60_000, 30_000 * 2 ** Math.max(0, attempts - 1))
}
/**
 * Right after a turn, a failure the channel says to retry within this long is retried in place once, before the
 * request ends (most 429s and blips): the user gets the answer in seconds rather than at the next scheduled run.
 */
export const QUICK_RETRY_MAX_MS = 1500
/** The in-place retry's wait when the channel named none (a 500, a reset connection). */
const QUICK_RETRY_DEFAULT_MS = 300

/** Quiet hours in Vietnam: 21:00–07:00. Proactive messages (anything but a reply) are not delivered then. */
const QUIET_FROM_HOUR = 21
const QUIET_UNTIL_HOUR = 7

export function isProactive(purpose: string): boolean {
  return purpose !== 'reply'
}

/** `at`, or 07:00 Vietnam time after it when `at` falls in quiet hours. */
export function outsideQuietHours(at: Date): Date {
  const local = new Date(at.getTime() + VN_OFFSET_MS)
  const hour = local.getUTCHours()
  if (hour >= QUIET_UNTIL_HOUR && hour < QUIET_FROM_HOUR) return at
  const morning = new Date(local)
  morning.setUTCHours(QUIET_UNTIL_HOUR, 0, 0, 0)
  if (hour >= QUIET_FROM_HOUR) morning.setUTCDate(morning.getUTCDate() + 1)
  return new Date(morning.getTime() - VN_OFFSET_MS)
}

/** When a message of this purpose may be attempted, at the earliest `at`. */
export function deliverySlot(purpose: string, at: Date): Date {
  return isProactive(purpose) ? outsideQuietHours(at) : at
}

function payloadOf(content: OutboxContent): { payload: string; renderer: string | null } {
  return Array.isArray(content) ? { payload: JSON.stringify(content), renderer: null } : { payload: JSON.stringify(content.data ?? null), renderer: content.render }
}

/**
 * The INSERT for one queued message, for a caller's atomic batch. `guard` is an SQL condition (`EXISTS (…)`) the row
 * is written under; a `dedupeKey` already queued makes it a no-op. `answered`: the message was already delivered by the
 * request itself (the web chat's HTTP answer), so it is recorded as sent, without its text.
 */
export function queueStatement(item: QueueItem, now: Date, opts: { guard?: Statement; answered?: boolean; claimed?: boolean } = {}): Statement {
  const { payload, renderer } = payloadOf(item.content)
  const status: OutboxStatus = opts.answered ? 'sent' : 'pending'
  const next = opts.answered ? now : opts.claimed ? new Date(now.getTime() + SEND_LEASE_MS) : deliverySlot(item.purpose, item.notBefore ?? now)
  const expires = item.expiresAt ?? new Date(now.getTime() + DEFAULT_EXPIRY_MS[item.purpose])
  const base = stmt`INSERT OR IGNORE INTO "OutboxMessage" ("contactId", "purpose", "payload", "renderer", "replyTo", "status", "attempts", "nextAttemptAt", "expiresAt", "createdAt", "sentAt", "finishedAt", "dedupeKey")
    SELECT ${item.contactId}, ${item.purpose}, ${opts.answered ? '' : payload}, ${renderer}, ${item.replyTo ?? null}, ${status}, ${opts.answered || opts.claimed ? 1 : 0}, ${next}, ${expires}, ${now}, ${opts.answered ? now : null}, ${opts.answered ? now : null}, ${item.dedupeKey ?? null}`
  if (!opts.guard) return base
  return { sql: `${base.sql} WHERE ${opts.guard.sql}`, args: [...base.args, ...opts.guard.args] }
}

/**
 * A turn's replies, for the turn's batch, as two statements. The first writes the message already claimed by the
 * caller — only when nothing earlier of this contact is pending, so sending it at once keeps the order; its change
 * count says whether it did. Otherwise the second writes it pending behind the earlier ones (the same dedupeKey makes
 * it a no-op after the first). So delivering a turn's reply costs no read and one write: the outcome.
 */
export function turnReplyStatements(item: QueueItem & { dedupeKey: string }, now: Date, guard: Statement): [claimedFirst: Statement, otherwise: Statement] {
  const nothingEarlier = stmt`NOT EXISTS (SELECT 1 FROM "OutboxMessage" WHERE "contactId" = ${item.contactId} AND "status" = 'pending')`
  const both = { sql: `${guard.sql} AND ${nothingEarlier.sql}`, args: [...guard.args, ...nothingEarlier.args] }
  return [queueStatement(item, now, { guard: both, claimed: true }), queueStatement(item, now, { guard })]
}

/** A turn's reply written claimed by `turnReplyStatements`, as the dispatcher knows rows (it has no id yet). */
export function claimedReplyRow(item: QueueItem & { dedupeKey: string }, now: Date): OutboxRow {
  const { payload, renderer } = payloadOf(item.content)
  return {
    id: 0,
    contactId: item.contactId,
    purpose: item.purpose,
    payload,
    renderer,
    replyTo: item.replyTo ?? null,
    status: 'pending',
    attempts: 0, // written as 1 (the claim); this is that attempt
    delivered: 0,
    nextAttemptAt: now,
    expiresAt: item.expiresAt ?? new Date(now.getTime() + DEFAULT_EXPIRY_MS[item.purpose]),
    createdAt: now,
    sentAt: null,
    finishedAt: null,
    lastError: null,
    dedupeKey: item.dedupeKey,
  }
}

/** Queues one message on its own; returns its id, or null when its dedupeKey was already queued. */
export async function enqueue(db: Db, item: QueueItem, now: Date): Promise<number | null> {
  const { payload, renderer } = payloadOf(item.content)
  try {
    const row = await db.outboxMessage.create({
      data: {
        contactId: item.contactId,
        purpose: item.purpose,
        payload,
        renderer,
        replyTo: item.replyTo ?? null,
        dedupeKey: item.dedupeKey ?? null,
        nextAttemptAt: deliverySlot(item.purpose, item.notBefore ?? now),
        expiresAt: item.expiresAt ?? new Date(now.getTime() + DEFAULT_EXPIRY_MS[item.purpose]),
        createdAt: now,
      },
      select: { id: true },
    })
    return row.id
  } catch (err) {
    if (isUniqueViolation(err)) return null
    throw err
  }
}

const STATE_FIELDS = {
  id: true,
  contactId: true,
  purpose: true,
  status: true,
  attempts: true,
  createdAt: true,
  nextAttemptAt: true,
  expiresAt: true,
  sentAt: true,
  finishedAt: true,
  lastError: true,
  dedupeKey: true,
} as const

/** A queued message's state by id or by its dedupeKey (null when there is none). */
export async function outboxState(db: Db, ref: number | { dedupeKey: string }): Promise<OutboxState | null> {
  const row = await db.outboxMessage.findUnique({ where: typeof ref === 'number' ? { id: ref } : { dedupeKey: ref.dedupeKey }, select: STATE_FIELDS })
  return row ? { ...row, status: row.status as OutboxStatus } : null
}

export interface OutboxDeps {
  db: Db
  senders: Senders
  logger: Logger
  renderers: ReadonlyMap<string, Renderer>
}

export interface DispatchSummary {
  sent: number
  retrying: number
  failed: number
  unreachable: number
  expired: number
  cancelled: number
}

export type OutboxRow = NonNullable<Awaited<ReturnType<Db['outboxMessage']['findFirst']>>>
type Row = OutboxRow
/** A row by id, or by dedupeKey for a turn's reply written in the batch (its id unknown to the caller). */
const rowWhere = (row: Row) => (row.id > 0 ? { id: row.id } : { dedupeKey: row.dedupeKey! })
type Recipient = { id: number; channel: string; externalId: string; locale: string }
type Outcome = Exclude<OutboxStatus, 'pending'> | 'retrying'

function emptySummary(): DispatchSummary {
  return { sent: 0, retrying: 0, failed: 0, unreachable: 0, expired: 0, cancelled: 0 }
}

/**
 * The dispatcher: drops what expired, then delivers every contact's due messages in order through the contact's
 * channel (contacts side by side, each one's messages one after another). Web and shell contacts have no push: their
 * messages wait for the inbox. Run by the scheduled job and, for one contact, right after a turn.
 */
export function createDispatcher(deps: OutboxDeps) {
  const { db, logger } = deps

  async function expire(now: Date, contactId?: number): Promise<number> {
    const due = await db.outboxMessage.findMany({
      where: { status: 'pending', expiresAt: { lte: now }, ...(contactId !== undefined ? { contactId } : {}) },
      select: { id: true, contactId: true, purpose: true, attempts: true, createdAt: true },
      take: 500,
    })
    if (due.length === 0) return 0
    await db.outboxMessage.updateMany({ where: { id: { in: due.map((d) => d.id) }, status: 'pending' }, data: { status: 'expired', payload: '', finishedAt: now } })
    for (const d of due) logger.warn('outbox.expired', { id: d.id, contactId: d.contactId, purpose: d.purpose, attempts: d.attempts, queuedAt: d.createdAt.toISOString() })
    return due.length
  }

  async function finish(row: Row, now: Date, status: Exclude<OutboxStatus, 'pending'>, extra: { attempts: number; delivered: number; lastError?: string | null }): Promise<void> {
    await db.outboxMessage.update({
      where: rowWhere(row),
      data: {
        status,
        payload: '',
        finishedAt: now,
        attempts: extra.attempts,
        delivered: extra.delivered,
        ...(status === 'sent' ? { sentAt: now, lastError: null } : { lastError: extra.lastError ?? null }),
      },
    })
  }

  async function render(row: Row, recipient: Recipient, now: Date): Promise<Reply[] | null> {
    const data = row.payload ? (JSON.parse(row.payload) as unknown) : null
    if (!row.renderer) return Array.isArray(data) ? (data as Reply[]) : []
    const renderer = deps.renderers.get(row.renderer)
    if (!renderer) return null
    return renderer(data, { locale: isLocale(recipient.locale) ? recipient.locale : 'vi', contactId: recipient.id, now })
  }

  /** One claimed row: render, send (one quick retry for a short wait), record the outcome. */
  async function attempt(row: Row, recipient: Recipient, sender: ChannelSender, now: Date, quick: boolean): Promise<Outcome> {
    let attempts = row.attempts + 1
    let delivered = row.delivered
    let replies: Reply[] | null
    try {
      replies = await render(row, recipient, now)
    } catch (err) {
      logger.error('outbox.render_failed', { id: row.id, renderer: row.renderer, err })
      replies = null
    }
    if (replies === null) {
      await finish(row, now, 'failed', { attempts, delivered, lastError: `no renderer ${row.renderer}` })
      return 'failed'
    }
    if (replies.length === 0) {
      await finish(row, now, 'cancelled', { attempts, delivered })
      return 'cancelled'
    }
    for (let tries = 0; ; tries++) {
      try {
        await sender.send(recipient.externalId, replies, {
          skip: delivered,
          onDelivered: () => void delivered++,
          ...(row.replyTo && delivered === 0 ? { replyToMessageId: row.replyTo } : {}),
        })
        await finish(row, now, 'sent', { attempts, delivered })
        return 'sent'
      } catch (err) {
        const reason = describe(err)
        if (err instanceof RecipientUnreachableError) {
          logger.warn('outbox.unreachable', { id: row.id, contactId: recipient.id, channel: recipient.channel, code: err.code, purpose: row.purpose })
          await finish(row, now, 'unreachable', { attempts, delivered, lastError: reason })
          return 'unreachable'
        }
        if (err instanceof PermanentSendError || attempts >= MAX_ATTEMPTS) {
          logger.error('outbox.failed', { id: row.id, contactId: recipient.id, channel: recipient.channel, attempts, reason })
          await finish(row, now, 'failed', { attempts, delivered, lastError: reason })
          return 'failed'
        }
        const asked = err instanceof TransientSendError ? err.retryAfterMs : undefined
        if (quick && tries === 0 && (asked ?? QUICK_RETRY_DEFAULT_MS) <= QUICK_RETRY_MAX_MS) {
          logger.info('outbox.quick_retry', { id: row.id, contactId: recipient.id, channel: recipient.channel, reason })
          await new Promise((r) => setTimeout(r, asked ?? QUICK_RETRY_DEFAULT_MS))
          attempts++
          continue
        }
        const wait = Math.max(backoffMs(attempts), asked ?? 0)
        const next = deliverySlot(row.purpose, new Date(now.getTime() + wait))
        logger.warn('outbox.retry', { id: row.id, contactId: recipient.id, channel: recipient.channel, attempts, reason, nextAttemptAt: next.toISOString() })
        await db.outboxMessage.update({ where: rowWhere(row), data: { attempts, delivered, nextAttemptAt: next, lastError: reason } })
        return 'retrying'
      }
    }
  }

  /**
   * Delivers one contact's due messages in order until one is not due or does not go out. `claimed`: a turn's reply
   * the caller wrote already claimed at the head of the contact's queue: it is sent, and nothing else.
   */
  async function deliverContact(recipient: Recipient, now: Date, summary: DispatchSummary, opts: { claimed?: Row; quick?: boolean } = {}): Promise<void> {
    const sender = deps.senders[recipient.channel as ChannelName]
    if (!sender) return
    if (opts.claimed) {
      summary[await attempt(opts.claimed, recipient, sender, now, opts.quick ?? false)]++
      return
    }
    for (let n = 0; n < 50; n++) {
      const row = await db.outboxMessage.findFirst({ where: { contactId: recipient.id, status: 'pending' }, orderBy: { id: 'asc' } })
      if (!row) return
      if (row.expiresAt && row.expiresAt.getTime() <= now.getTime()) {
        summary.expired += await expire(now, recipient.id)
        continue
      }
      if (row.nextAttemptAt.getTime() > now.getTime()) return
      const { count } = await db.outboxMessage.updateMany({
        where: { id: row.id, status: 'pending', attempts: row.attempts },
        data: { attempts: row.attempts + 1, nextAttemptAt: new Date(now.getTime() + SEND_LEASE_MS) },
      })
      if (count !== 1) return // another dispatcher has it
      const outcome = await attempt(row, recipient, sender, now, opts.quick ?? false)
      summary[outcome]++
      if (outcome === 'retrying') return
    }
  }

  /** Every due message, in order per contact, at most `limit` contacts per run; `contactId` for one contact only. */
  async function dispatch(now: Date, opts: { limit?: number; concurrency?: number } = {}): Promise<DispatchSummary> {
    const summary = emptySummary()
    summary.expired += await expire(now)
    const channels = Object.keys(deps.senders)
    if (channels.length === 0) return summary
    // The head (oldest pending message) of each contact with a push channel, if it is due.
    const heads = await db.$queryRawUnsafe<{ contactId: number | bigint }[]>(
      `SELECT m."contactId" AS "contactId" FROM "OutboxMessage" m JOIN "Contact" c ON c."id" = m."contactId"
       WHERE m."status" = 'pending' AND m."nextAttemptAt" <= ? AND c."channel" IN (${channels.map(() => '?').join(', ')})
         AND NOT EXISTS (SELECT 1 FROM "OutboxMessage" e WHERE e."contactId" = m."contactId" AND e."status" = 'pending' AND e."id" < m."id")
       ORDER BY m."id" LIMIT ?`,
      sqlTime(now),
      ...channels,
      opts.limit ?? 200,
    )
    const ids = heads.map((h) => Number(h.contactId))
    const contacts = await db.contact.findMany({ where: { id: { in: ids } }, select: { id: true, channel: true, externalId: true, locale: true } })
    const queue = [...contacts]
    const worker = async () => {
      for (let c = queue.shift(); c; c = queue.shift()) {
        try {
          await deliverContact(c, now, summary)
        } catch (err) {
          // A database failure while delivering: the row stays claimed and is taken over after the lease.
          logger.error('outbox.dispatch_failed', { contactId: c.id, err })
        }
      }
    }
    await Promise.all(Array.from({ length: Math.min(opts.concurrency ?? 4, queue.length) }, worker))
    return summary
  }

  return { dispatch, deliverContact, expire }
}

/** An error as stored in lastError: its kind and the channel's code and description, no secrets, no message text. */
function describe(err: unknown): string {
  if (err instanceof Error) return withoutSecrets(`${err.name}: ${err.message}`).slice(0, 300)
  return 'send failed'
}

/**
 * Pending messages of a web chat conversation (an officer's answer), in order, handed over once: marked sent and
 * their text wiped as they go. Rendered like any other message.
 */
export async function takeForWebContact(db: Db, renderers: ReadonlyMap<string, Renderer>, contact: { id: number; locale: string }, now: Date): Promise<Reply[]> {
  const pending = await db.outboxMessage.findMany({ where: { contactId: contact.id, status: 'pending' }, orderBy: { id: 'asc' }, take: 20 })
  const replies: Reply[] = []
  for (const msg of pending) {
    const expired = msg.expiresAt !== null && msg.expiresAt.getTime() <= now.getTime()
    const notYet = msg.nextAttemptAt.getTime() > now.getTime()
    if (notYet && !expired) break
    let out: Reply[] = []
    if (!expired) {
      const data = msg.payload ? (JSON.parse(msg.payload) as unknown) : null
      const renderer = msg.renderer ? renderers.get(msg.renderer) : undefined
      out = msg.renderer ? (renderer ? await renderer(data, { locale: isLocale(contact.locale) ? contact.locale : 'vi', contactId: contact.id, now }) : []) : Array.isArray(data) ? (data as Reply[]) : []
    }
    const status: OutboxStatus = expired ? 'expired' : out.length > 0 ? 'sent' : 'cancelled'
    const { count } = await db.outboxMessage.updateMany({
      where: { id: msg.id, status: 'pending' },
      data: { status, payload: '', finishedAt: now, attempts: msg.attempts + 1, ...(status === 'sent' ? { sentAt: now } : {}) },
    })
    if (count === 1) replies.push(...out)
  }
  return replies
}
