import type { Db } from '../db.ts'
import type { Clock } from '../clock.ts'
import type { Logger } from '../logger.ts'
import type { Outbound } from '../dialogue/types.ts'
import { dispatchOutbox, enqueue, type Senders } from './outbox.ts'

/**
 * The outbound path for messages the bot sends on its own: queue first (so nothing is lost), then try to deliver
 * right away; what fails is retried by the scheduled dispatcher.
 */
export function createOutbound(deps: { db: Db; senders: Senders; logger: Logger; clock: Clock }): Outbound {
  return {
    async send(contactId, replies, opts = {}) {
      const now = deps.clock.now()
      const id = await enqueue(deps.db, contactId, replies, { ...(opts.dedupeKey ? { dedupeKey: opts.dedupeKey } : {}), now })
      if (id === null) return null
      try {
        await dispatchOutbox({ db: deps.db, senders: deps.senders, logger: deps.logger, now, ids: [id] })
      } catch (err) {
        deps.logger.warn('outbound.immediate_dispatch_failed', { id, err })
      }
      return id
    },
  }
}
