import type { Db } from '../db.ts'
import type { Logger } from '../logger.ts'
import type { Locale } from '../i18n.ts'
import { isLocale } from '../i18n.ts'
import type { ChannelName, ChannelSender, Reply } from '../messages.ts'
import type { OutboundPurpose, OutboxContent, OutboxState, OutboxStatus } from '../dialogue/types.ts'
import { VN_OFFSET_MS } from '../clock.ts'
import { prismaBatch, stmt, sqlTime, type AtomicBatch, type Statement } from '../db/batch.ts'
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
 * claimed before sending (one statement claims a batch: attempts + 1 and a lease on nextAttemptAt, only where the row
 * is still pending and due), so two dispatchers never send it twice and one that died mid-send is taken over after
 * the lease. Everything travels in bulk — queued, claimed and recorded hundreds to a statement, each list as one JSON
 * parameter (D1 binds at most 100) — so the database costs a few statements per hundreds of messages.
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

/**
 * Queues many messages with few statements (a reminder run for a whole district): JSON_CHUNK rows per INSERT, as one
 * JSON parameter. Each needs a dedupeKey; a key already queued is left as it is. Returns each item's message id (the
 * earlier one's for a key already queued), in the items' order; per contact, ids follow the items' order.
 */
export async function enqueueMany(db: Db, batch: AtomicBatch, items: readonly (QueueItem & { dedupeKey: string })[], now: Date): Promise<number[]> {
  if (items.length === 0) return []
  const t = sqlTime(now)
  const statements = chunkList(items, JSON_CHUNK).map((part) => {
    const rows = part.map((item) => {
      const { payload, renderer } = payloadOf(item.content)
      return {
        c: item.contactId,
        p: item.purpose,
        b: payload,
        r: renderer,
        q: item.replyTo ?? null,
        n: sqlTime(deliverySlot(item.purpose, item.notBefore ?? now)),
        e: sqlTime(item.expiresAt ?? new Date(now.getTime() + DEFAULT_EXPIRY_MS[item.purpose])),
        k: item.dedupeKey,
      }
    })
    return stmt`INSERT OR IGNORE INTO "OutboxMessage" ("contactId", "purpose", "payload", "renderer", "replyTo", "status", "attempts", "nextAttemptAt", "expiresAt", "createdAt", "dedupeKey")
      SELECT json_extract(j.value, '$.c'), json_extract(j.value, '$.p'), json_extract(j.value, '$.b'), json_extract(j.value, '$.r'), json_extract(j.value, '$.q'),
        'pending', 0, json_extract(j.value, '$.n'), json_extract(j.value, '$.e'), ${t}, json_extract(j.value, '$.k')
      FROM json_each(${JSON.stringify(rows)}) AS j ORDER BY j.key`
  })
  await batch(statements)
  const ids = new Map<string, number>()
  for (const part of chunkList(items, JSON_CHUNK)) {
    const rows = await db.$queryRawUnsafe<{ id: number | bigint; dedupeKey: string }[]>(
      `SELECT "id", "dedupeKey" FROM "OutboxMessage" WHERE "dedupeKey" IN (SELECT j.value FROM json_each(?) AS j)`,
      JSON.stringify(part.map((i) => i.dedupeKey)),
    )
    for (const r of rows) ids.set(r.dedupeKey, Number(r.id))
  }
  return items.map((i) => ids.get(i.dedupeKey)!)
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
  /** Where outcomes are written (the app's atomic batch: D1's on Workers, one prepared transaction on Node). */
  batch?: AtomicBatch
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
type Recipient = { id: number; channel: string; externalId: string; locale: string }
type Outcome = Exclude<OutboxStatus, 'pending'> | 'retrying'
/** What one attempt did, to be written with others in one statement. */
interface Result {
  row: Row
  outcome: Outcome
  attempts: number
  delivered: number
  lastError: string | null
  nextAttemptAt?: Date
}

function emptySummary(): DispatchSummary {
  return { sent: 0, retrying: 0, failed: 0, unreachable: 0, expired: 0, cancelled: 0 }
}

/**
 * Messages claimed by one statement. Each is the head of its contact's queue (nothing earlier of that contact is
 * pending), so a contact gets one message per round and its order holds. Bounded so that a round paced at Telegram's
 * 30/s finishes well within the lease (500 / 30 ≈ 17 s of SEND_LEASE_MS's 120 s).
 */
export const CLAIM_BATCH = 500
/** Sends in flight at once: overlaps the channel's latency; the channel's pacer still holds its rates. */
export const SEND_CONCURRENCY = 16
/**
 * Outcomes are written together, at the latest after this many or this long: few statements, and a process that
 * dies mid-round re-sends (after the lease) at most this many messages it had already delivered.
 */
const RECORD_EVERY = 100
const RECORD_EVERY_MS = 1000
/** Rows per statement when a list travels as one JSON parameter (D1: 100 bound parameters, 2 MB per value). */
const JSON_CHUNK = 500

const num = (v: unknown): number => Number(v)
const date = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)))
const dateOrNull = (v: unknown): Date | null => (v === null || v === undefined ? null : date(v))

/** A row as `UPDATE … RETURNING` hands it back through a raw query (numbers maybe bigints, dates maybe strings). */
function rowOf(r: Record<string, unknown>): Row {
  return {
    id: num(r.id),
    contactId: num(r.contactId),
    purpose: String(r.purpose),
    payload: String(r.payload ?? ''),
    renderer: (r.renderer as string | null) ?? null,
    replyTo: (r.replyTo as string | null) ?? null,
    status: String(r.status),
    attempts: num(r.attempts),
    delivered: num(r.delivered),
    nextAttemptAt: date(r.nextAttemptAt),
    expiresAt: dateOrNull(r.expiresAt),
    createdAt: date(r.createdAt),
    sentAt: dateOrNull(r.sentAt),
    finishedAt: dateOrNull(r.finishedAt),
    lastError: (r.lastError as string | null) ?? null,
    dedupeKey: (r.dedupeKey as string | null) ?? null,
  }
}

/** Runs `work` over `items` with at most `limit` in flight. */
async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < items.length) await work(items[next++]!)
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
}

/**
 * The dispatcher: drops what expired, then delivers due messages in rounds. A round claims up to CLAIM_BATCH heads
 * (one per contact) in one statement, renders them, sends them side by side (SEND_CONCURRENCY), and writes the
 * outcomes in a few statements. A contact's next message is claimable only once the earlier one is final, so order
 * holds per contact. Web and shell contacts have no push: their messages wait for the inbox. Run by the scheduled job,
 * right after a turn (one contact) and for a bulk send (reminders).
 */
export function createDispatcher(deps: OutboxDeps) {
  const { db, logger } = deps
  const batch = deps.batch ?? prismaBatch(db)

  async function expire(now: Date, contactId?: number): Promise<number> {
    const due = await db.outboxMessage.findMany({
      where: { status: 'pending', expiresAt: { lte: now }, ...(contactId !== undefined ? { contactId } : {}) },
      select: { id: true, contactId: true, purpose: true, attempts: true, createdAt: true },
      take: JSON_CHUNK,
    })
    if (due.length === 0) return 0
    // The ids as one JSON parameter: an `IN (?, ?, …)` of 500 would exceed D1's 100 bound parameters.
    await batch([
      stmt`UPDATE "OutboxMessage" SET "status" = 'expired', "payload" = '', "finishedAt" = ${now}
        WHERE "status" = 'pending' AND "id" IN (SELECT j.value FROM json_each(${JSON.stringify(due.map((d) => d.id))}) AS j)`,
    ])
    for (const d of due) logger.warn('outbox.expired', { id: d.id, contactId: d.contactId, purpose: d.purpose, attempts: d.attempts, queuedAt: d.createdAt.toISOString() })
    return due.length
  }

  /**
   * Claims due heads in one statement: attempts + 1 and a lease on nextAttemptAt, so no other dispatcher takes them
   * until the lease runs out (then a dispatcher that died mid-send is taken over). `contactIds`: these contacts only.
   */
  async function claim(now: Date, limit: number, contactIds?: readonly number[]): Promise<Row[]> {
    const channels = Object.keys(deps.senders)
    if (channels.length === 0 || limit <= 0) return []
    const t = sqlTime(now)
    const only = contactIds ? `AND m."contactId" IN (SELECT j.value FROM json_each(?) AS j)` : ''
    const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(
      `UPDATE "OutboxMessage" SET "attempts" = "attempts" + 1, "nextAttemptAt" = ?
       WHERE "status" = 'pending' AND "nextAttemptAt" <= ? AND "id" IN (
         SELECT m."id" FROM "OutboxMessage" m JOIN "Contact" c ON c."id" = m."contactId"
         WHERE m."status" = 'pending' AND m."nextAttemptAt" <= ? AND (m."expiresAt" IS NULL OR m."expiresAt" > ?) ${only}
           AND c."channel" IN (${channels.map(() => '?').join(', ')})
           AND NOT EXISTS (SELECT 1 FROM "OutboxMessage" e WHERE e."contactId" = m."contactId" AND e."status" = 'pending' AND e."id" < m."id")
         ORDER BY m."id" LIMIT ?)
       RETURNING *`,
      sqlTime(new Date(now.getTime() + SEND_LEASE_MS)),
      t,
      t,
      t,
      ...(contactIds ? [JSON.stringify(contactIds)] : []),
      ...channels,
      limit,
    )
    // RETURNING gives the row after the claim; the attempt counts from before it.
    return rows.map(rowOf).map((r) => ({ ...r, attempts: r.attempts - 1 }))
  }

  async function recipientsOf(ids: readonly number[]): Promise<Map<number, Recipient>> {
    const out = new Map<number, Recipient>()
    for (const part of chunkList([...new Set(ids)], JSON_CHUNK)) {
      const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(
        `SELECT "id", "channel", "externalId", "locale" FROM "Contact" WHERE "id" IN (SELECT j.value FROM json_each(?) AS j)`,
        JSON.stringify(part),
      )
      for (const r of rows) out.set(num(r.id), { id: num(r.id), channel: String(r.channel), externalId: String(r.externalId), locale: String(r.locale) })
    }
    return out
  }

  /**
   * Writes outcomes, JSON_CHUNK per statement (two bound parameters). A final outcome wipes the payload; a retry
   * puts the message back to pending at its next attempt time. A turn's reply written claimed has no id yet: it is
   * found by its dedupeKey.
   */
  async function record(results: readonly Result[], now: Date): Promise<void> {
    if (results.length === 0) return
    const t = sqlTime(now)
    const statements = chunkList(results, JSON_CHUNK).map((part) => {
      const rows = part.map((r) => ({
        id: r.row.id > 0 ? r.row.id : null,
        k: r.row.id > 0 ? null : r.row.dedupeKey,
        s: r.outcome,
        a: r.attempts,
        d: r.delivered,
        e: r.lastError,
        n: r.nextAttemptAt ? sqlTime(r.nextAttemptAt) : null,
      }))
      return stmt`UPDATE "OutboxMessage" AS m SET
          "status" = CASE WHEN j.s = 'retrying' THEN 'pending' ELSE j.s END,
          "payload" = CASE WHEN j.s = 'retrying' THEN m."payload" ELSE '' END,
          "attempts" = j.a, "delivered" = j.d, "lastError" = j.e,
          "nextAttemptAt" = CASE WHEN j.s = 'retrying' THEN j.n ELSE m."nextAttemptAt" END,
          "finishedAt" = CASE WHEN j.s = 'retrying' THEN m."finishedAt" ELSE ${t} END,
          "sentAt" = CASE WHEN j.s = 'sent' THEN ${t} ELSE m."sentAt" END
        FROM (SELECT COALESCE(json_extract(v.value, '$.id'), (SELECT o."id" FROM "OutboxMessage" o WHERE o."dedupeKey" = json_extract(v.value, '$.k'))) AS id,
                json_extract(v.value, '$.s') AS s, json_extract(v.value, '$.a') AS a, json_extract(v.value, '$.d') AS d,
                json_extract(v.value, '$.e') AS e, json_extract(v.value, '$.n') AS n
              FROM json_each(${JSON.stringify(rows)}) AS v) AS j
        WHERE m."id" = j.id`
    })
    await batch(statements)
  }

  async function render(row: Row, recipient: Recipient, now: Date): Promise<Reply[] | null> {
    const data = row.payload ? (JSON.parse(row.payload) as unknown) : null
    if (!row.renderer) return Array.isArray(data) ? (data as Reply[]) : []
    const renderer = deps.renderers.get(row.renderer)
    if (!renderer) return null
    return renderer(data, { locale: isLocale(recipient.locale) ? recipient.locale : 'vi', contactId: recipient.id, now })
  }

  /** One claimed row: render, send (one quick retry for a short wait); returns the outcome to record. */
  async function attempt(row: Row, recipient: Recipient, sender: ChannelSender, now: Date, quick: boolean): Promise<Result> {
    let attempts = row.attempts + 1
    let delivered = row.delivered
    const done = (outcome: Outcome, lastError: string | null = null, nextAttemptAt?: Date): Result => ({ row, outcome, attempts, delivered, lastError, ...(nextAttemptAt ? { nextAttemptAt } : {}) })
    let replies: Reply[] | null
    try {
      replies = await render(row, recipient, now)
    } catch (err) {
      logger.error('outbox.render_failed', { id: row.id, renderer: row.renderer, err })
      replies = null
    }
    if (replies === null) return done('failed', `no renderer ${row.renderer}`)
    if (replies.length === 0) return done('cancelled')
    for (let tries = 0; ; tries++) {
      try {
        await sender.send(recipient.externalId, replies, {
          skip: delivered,
          onDelivered: () => void delivered++,
          ...(row.replyTo && delivered === 0 ? { replyToMessageId: row.replyTo } : {}),
        })
        return done('sent')
      } catch (err) {
        const reason = describe(err)
        if (err instanceof RecipientUnreachableError) {
          logger.warn('outbox.unreachable', { id: row.id, contactId: recipient.id, channel: recipient.channel, code: err.code, purpose: row.purpose })
          return done('unreachable', reason)
        }
        if (err instanceof PermanentSendError || attempts >= MAX_ATTEMPTS) {
          logger.error('outbox.failed', { id: row.id, contactId: recipient.id, channel: recipient.channel, attempts, reason })
          return done('failed', reason)
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
        return done('retrying', reason, next)
      }
    }
  }

  /** Sends claimed rows side by side and records their outcomes in groups; counts them into `summary`. */
  async function deliverRows(rows: readonly Row[], recipients: ReadonlyMap<number, Recipient>, now: Date, summary: DispatchSummary, quick: boolean): Promise<void> {
    let pending: Result[] = []
    let lastWrite = Date.now()
    let writing: Promise<void> = Promise.resolve()
    const flushResults = () => {
      const part = pending
      pending = []
      lastWrite = Date.now()
      // Written one group after another; a failed write leaves its rows claimed: taken over after the lease.
      writing = writing.then(() => record(part, now)).catch((err) => logger.error('outbox.record_failed', { count: part.length, err }))
    }
    await pool(rows, SEND_CONCURRENCY, async (row) => {
      const recipient = recipients.get(row.contactId)
      const sender = recipient ? deps.senders[recipient.channel as ChannelName] : undefined
      if (!recipient || !sender) return // claimed by mistake (contact gone): the lease runs out and it waits again
      const result = await attempt(row, recipient, sender, now, quick)
      summary[result.outcome]++
      pending.push(result)
      if (pending.length >= RECORD_EVERY || Date.now() - lastWrite >= RECORD_EVERY_MS) flushResults()
    })
    flushResults()
    await writing
  }

  /** Due messages in rounds until none is left or `limit` were claimed; `contactIds`: these contacts only. */
  async function deliverDue(
    now: Date,
    summary: DispatchSummary,
    opts: { limit?: number; contactIds?: readonly number[]; quick?: boolean; known?: ReadonlyMap<number, Recipient> } = {},
  ): Promise<number> {
    const limit = opts.limit ?? Infinity
    let taken = 0
    while (taken < limit) {
      const rows = await claim(now, Math.min(CLAIM_BATCH, limit - taken), opts.contactIds)
      if (rows.length === 0) break
      taken += rows.length
      await deliverRows(rows, opts.known ?? (await recipientsOf(rows.map((r) => r.contactId))), now, summary, opts.quick ?? false)
    }
    return taken
  }

  /**
   * Delivers one contact's due messages in order until one is not due or does not go out. `claimed`: a turn's reply
   * the caller wrote already claimed at the head of the contact's queue: it is sent, and nothing else.
   */
  async function deliverContact(recipient: Recipient, now: Date, summary: DispatchSummary, opts: { claimed?: Row; quick?: boolean } = {}): Promise<void> {
    const sender = deps.senders[recipient.channel as ChannelName]
    if (!sender) return
    if (opts.claimed) {
      const result = await attempt(opts.claimed, recipient, sender, now, opts.quick ?? false)
      summary[result.outcome]++
      await record([result], now)
      return
    }
    const only = { contactIds: [recipient.id], limit: 50, known: new Map([[recipient.id, recipient]]), ...(opts.quick !== undefined ? { quick: opts.quick } : {}) }
    if ((await deliverDue(now, summary, only)) > 0) return
    // Nothing went out: an expired head may be holding the queue up.
    const expired = await expire(now, recipient.id)
    summary.expired += expired
    if (expired > 0) await deliverDue(now, summary, only)
  }

  /** Many contacts' due messages at once (a bulk send right after it was queued). */
  async function deliverContacts(contactIds: readonly number[], now: Date, summary: DispatchSummary, opts: { quick?: boolean } = {}): Promise<void> {
    if (contactIds.length === 0) return
    await deliverDue(now, summary, { contactIds: [...new Set(contactIds)], ...(opts.quick !== undefined ? { quick: opts.quick } : {}) })
  }

  /** The scheduled job: every due message, in order per contact, at most `limit` per run. */
  async function dispatch(now: Date, opts: { limit?: number } = {}): Promise<DispatchSummary> {
    const summary = emptySummary()
    summary.expired += await expire(now)
    await deliverDue(now, summary, { limit: opts.limit ?? 2000 })
    return summary
  }

  return { dispatch, deliverContact, deliverContacts, expire }
}

function chunkList<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
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
