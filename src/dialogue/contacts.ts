import type { Db } from '../db.ts'
import { isLocale, type Locale } from '../i18n.ts'
import type { Inbound } from '../messages.ts'
import type { ContactView } from './types.ts'
import { isUniqueViolation } from './dedupe.ts'
import { actorFromAssignment } from '../roles/assignments.ts'
import type { Actor } from '../roles/actor.ts'
import { stmt, type Statement } from '../db/batch.ts'

/**
 * Finds (or, for a first message, creates) the contact behind an inbound message and resolves who they are (their
 * active role assignment) in the same round trip. The time of their last message is written with the turn's batch
 * ({@link lastInboundStatement}), not here.
 */
export async function touchContact(db: Db, inbound: Inbound): Promise<{ contact: ContactView; actor: Actor }> {
  const key = { channel: inbound.channel, externalId: inbound.userId }
  const include = { roles: { where: { revokedAt: null }, orderBy: { id: 'desc' as const }, take: 1 } }
  const find = () => db.contact.findUnique({ where: { channel_externalId: key }, include })
  // Two first messages from a new user can race to create the row; the loser reads the winner's.
  let row = await find()
  if (!row) {
    try {
      row = await db.contact.create({ data: { ...key, locale: inbound.localeHint ?? 'vi', lastInboundAt: inbound.at }, include })
    } catch (err) {
      row = isUniqueViolation(err) ? await find() : null
      if (!row) throw err
    }
  }
  const locale: Locale = isLocale(row.locale) ? row.locale : 'vi'
  return {
    contact: {
      id: row.id,
      channel: row.channel,
      externalId: row.externalId,
      placeCode: row.placeCode,
      locale,
      estimatedCategory: row.estimatedCategory,
      lastInboundAt: inbound.at,
    },
    actor: actorFromAssignment(row.id, row.roles[0]),
  }
}

/** For the turn's batch: the time of the contact's last message (Zalo lets an OA message a user for a while after it). */
export function lastInboundStatement(contactId: number, at: Date, now: Date, guard: Statement): Statement {
  const s = stmt`UPDATE "Contact" SET "lastInboundAt" = ${at}, "updatedAt" = ${now} WHERE "id" = ${contactId} AND `
  return { sql: s.sql + guard.sql, args: [...s.args, ...guard.args] }
}
