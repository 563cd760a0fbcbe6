import type { Db } from '../db.ts'
import { isLocale, type Locale } from '../i18n.ts'
import type { Inbound } from '../messages.ts'
import type { ContactView } from './types.ts'
import { isUniqueViolation } from './dedupe.ts'

/** Finds or creates the contact behind an inbound message and records the time of their last message. */
export async function touchContact(db: Db, inbound: Inbound): Promise<ContactView> {
  const key = { channel: inbound.channel, externalId: inbound.userId }
  const upsert = () =>
    db.contact.upsert({
      where: { channel_externalId: key },
      create: { ...key, locale: inbound.localeHint ?? 'vi', lastInboundAt: inbound.at },
      update: { lastInboundAt: inbound.at },
    })
  // Two first messages from a new user can race to create the row; the loser retries as an update.
  const row = await upsert().catch((err: unknown) => (isUniqueViolation(err) ? upsert() : Promise.reject(err)))
  const locale: Locale = isLocale(row.locale) ? row.locale : 'vi'
  return {
    id: row.id,
    channel: row.channel,
    externalId: row.externalId,
    role: row.role,
    placeCode: row.placeCode,
    locale,
    verifiedAt: row.verifiedAt,
    estimatedCategory: row.estimatedCategory,
  }
}
