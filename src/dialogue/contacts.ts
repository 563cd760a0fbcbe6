import type { Db } from '../db.ts'
import { isLocale, type Locale } from '../i18n.ts'
import type { Inbound } from '../messages.ts'
import type { ContactView } from './types.ts'
import { isUniqueViolation } from './dedupe.ts'
import { actorFromAssignment } from '../roles/assignments.ts'
import type { Actor } from '../roles/actor.ts'

/**
 * Finds or creates the contact behind an inbound message, records the time of their last message, and resolves who
 * they are (their active role assignment) in the same round trip.
 */
export async function touchContact(db: Db, inbound: Inbound): Promise<{ contact: ContactView; actor: Actor }> {
  const key = { channel: inbound.channel, externalId: inbound.userId }
  const upsert = () =>
    db.contact.upsert({
      where: { channel_externalId: key },
      create: { ...key, locale: inbound.localeHint ?? 'vi', lastInboundAt: inbound.at },
      update: { lastInboundAt: inbound.at },
      include: { roles: { where: { revokedAt: null }, orderBy: { id: 'desc' }, take: 1 } },
    })
  // Two first messages from a new user can race to create the row; the loser retries as an update.
  const row = await upsert().catch((err: unknown) => (isUniqueViolation(err) ? upsert() : Promise.reject(err)))
  const locale: Locale = isLocale(row.locale) ? row.locale : 'vi'
  return {
    contact: {
      id: row.id,
      channel: row.channel,
      externalId: row.externalId,
      placeCode: row.placeCode,
      locale,
      estimatedCategory: row.estimatedCategory,
      lastInboundAt: row.lastInboundAt,
    },
    actor: actorFromAssignment(row.id, row.roles[0]),
  }
}
