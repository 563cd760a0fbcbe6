import type { Db } from '../db.ts'
import type { Clock } from '../clock.ts'
import type { Logger } from '../logger.ts'
import type { Reply } from '../messages.ts'
import type { Outbound, OutboundItem } from '../dialogue/types.ts'
import { prismaBatch, type AtomicBatch } from '../db/batch.ts'
import { createDispatcher, enqueue, enqueueMany, outboxState, takeForWebContact, type DispatchSummary, type OutboxRow, type Renderer, type Senders } from './outbox.ts'

/** The contact a message goes to, as the channel knows them. */
export interface Recipient {
  id: number
  channel: string
  externalId: string
  locale: string
}

/** The outbound path as the app wires it: what capabilities get (`Outbound`) plus what channels and the job use. */
export interface OutboundService extends Outbound {
  sendMany(items: readonly OutboundItem[]): Promise<number[]>
  /**
   * Delivers a contact's due messages now, in order (right after a turn queued its replies). `claimed`: the turn's
   * reply, written already claimed at the head of the queue (`turnReplyStatements`): only it is sent.
   */
  flush(recipient: Recipient, claimed?: OutboxRow): Promise<DispatchSummary>
  /** The scheduled job: drop what expired, deliver what is due. */
  dispatch(now: Date): Promise<DispatchSummary>
  /** The web inbox: this conversation's queued messages, handed over once. */
  takeForWeb(contact: { id: number; locale: string }, now: Date): Promise<Reply[]>
  /** Registers a capability's renderer (`<capability>.<name>`), called at send time. */
  register(name: string, renderer: Renderer): void
}

/**
 * The one outbound path: queue first (so nothing is lost), then try to deliver right away; what fails is retried by
 * the scheduled dispatcher (src/outbound/outbox.ts).
 */
export function createOutbound(deps: { db: Db; senders: Senders; logger: Logger; clock: Clock; quickRetry?: boolean; batch?: AtomicBatch }): OutboundService {
  const renderers = new Map<string, Renderer>()
  const batch = deps.batch ?? prismaBatch(deps.db)
  const dispatcher = createDispatcher({ db: deps.db, senders: deps.senders, logger: deps.logger, renderers, batch })

  async function flush(recipient: Recipient, claimed?: OutboxRow): Promise<DispatchSummary> {
    const summary = { sent: 0, retrying: 0, failed: 0, unreachable: 0, expired: 0, cancelled: 0 }
    await dispatcher.deliverContact(recipient, deps.clock.now(), summary, { quick: deps.quickRetry ?? true, ...(claimed ? { claimed } : {}) })
    return summary
  }

  return {
    async send(contactId, content, opts = {}) {
      const now = deps.clock.now()
      const id = await enqueue(
        deps.db,
        {
          contactId,
          content,
          purpose: opts.purpose ?? 'notice',
          ...(opts.dedupeKey ? { dedupeKey: opts.dedupeKey } : {}),
          ...(opts.notBefore ? { notBefore: opts.notBefore } : {}),
          ...(opts.expiresAt ? { expiresAt: opts.expiresAt } : {}),
        },
        now,
      )
      if (id === null) return null
      try {
        const contact = await deps.db.contact.findUnique({ where: { id: contactId }, select: { id: true, channel: true, externalId: true, locale: true } })
        if (contact) await flush(contact)
      } catch (err) {
        // Queued: the scheduled job delivers it.
        deps.logger.warn('outbound.immediate_dispatch_failed', { id, err })
      }
      return id
    },
    async sendMany(items) {
      const now = deps.clock.now()
      const ids = await enqueueMany(
        deps.db,
        batch,
        items.map((i) => ({
          contactId: i.contactId,
          content: i.content,
          purpose: i.purpose ?? 'notice',
          dedupeKey: i.dedupeKey,
          ...(i.notBefore ? { notBefore: i.notBefore } : {}),
          ...(i.expiresAt ? { expiresAt: i.expiresAt } : {}),
        })),
        now,
      )
      try {
        const summary = { sent: 0, retrying: 0, failed: 0, unreachable: 0, expired: 0, cancelled: 0 }
        await dispatcher.deliverContacts(
          items.map((i) => i.contactId),
          now,
          summary,
          { quick: deps.quickRetry ?? true },
        )
      } catch (err) {
        // Queued: the scheduled job delivers what did not go out.
        deps.logger.warn('outbound.immediate_dispatch_failed', { count: items.length, err })
      }
      return ids
    },
    status: (ref) => outboxState(deps.db, ref),
    flush,
    dispatch: (now) => dispatcher.dispatch(now),
    takeForWeb: (contact, now) => takeForWebContact(deps.db, renderers, contact, now),
    register(name, renderer) {
      if (renderers.has(name)) throw new Error(`renderer "${name}" is already registered`)
      renderers.set(name, renderer)
    },
  }
}
