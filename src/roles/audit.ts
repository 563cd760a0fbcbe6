import type { Db } from '../db.ts'
import type { Logger } from '../logger.ts'
import type { ChannelName } from '../messages.ts'
import { actorLabel, type Actor } from './actor.ts'

/** Where an action came from: a chat channel, the officer console, the JSON API or a command-line tool. */
export type AuditChannel = ChannelName | 'console' | 'api'

export interface AuditEntry {
  /** What was done, `capability.verb` (`household.view`, `role.revoke`, `import.households`). */
  action: string
  /** Which record (`household:12`, `handover:7`, `role:3`), or a count for list views; never a name or text. */
  subject: string
  channel: AuditChannel
  /** A short machine detail (an intent id, a row count); never message content or personal data. */
  detail?: string
  at: Date
}

/**
 * The one way to write the audit log. It takes the actor as its first argument, so it cannot be called without
 * one: every row says who did it (`actorKind`, `actorContactId`), what, to which record, through which channel.
 */
export type Audit = (actor: Actor, entry: AuditEntry) => Promise<void>

export function createAudit(db: Db, logger: Logger): Audit {
  return async (actor, entry) => {
    await db.auditLog.create({
      data: {
        at: entry.at,
        actorKind: actor.kind,
        actorContactId: actor.contactId,
        actorLabel: actorLabel(actor),
        channel: entry.channel,
        action: entry.action,
        subject: entry.subject,
        detail: entry.detail ?? null,
      },
    })
    logger.debug('audit', { actor: actorLabel(actor), action: entry.action, channel: entry.channel })
  }
}
