import type { Db } from '../db.ts'
import { t, type Locale } from '../i18n.ts'
import type { Outbound, RecentTurn } from '../dialogue/types.ts'
import type { Logger } from '../logger.ts'
import type { Places } from '../places.ts'
import type { StaffActor } from '../roles/actor.ts'
import type { Audit, AuditChannel } from '../roles/audit.ts'
import { officersFor } from '../roles/assignments.ts'
import './texts.ts'

/** The name residents know a commune office by ("UBND xã Đăk Pxi"). */
export async function officeName(db: Db, placeCode: string): Promise<string> {
  const office = await db.communeOffice.findUnique({ where: { placeCode } })
  if (office) return office.name
  const place = await db.place.findUnique({ where: { code: placeCode } })
  return place ? `UBND ${place.name}` : placeCode
}

export type AnswerOutcome = 'sent' | 'already_answered' | 'missing'

/**
 * Sends an officer's answer to the resident who asked, on the resident's own channel (queued, so a channel that is
 * down gets it later). Only the first answer to a request goes out: the status flips from open exactly once. Used by
 * the chat (officer taps "Trả lời") and the officer page.
 */
export async function answerHandover(
  deps: { db: Db; outbound: Outbound; audit: Audit },
  args: { id: number; answer: string; actor: StaffActor; channel: AuditChannel; now: Date },
): Promise<AnswerOutcome> {
  const { db } = deps
  const request = await db.handoverRequest.findUnique({ where: { id: args.id } })
  if (!request) return 'missing'
  const answer = args.answer.trim().slice(0, 2000)
  const { count } = await db.handoverRequest.updateMany({
    where: { id: args.id, status: 'open' },
    data: { status: 'answered', answer, answeredAt: args.now, answeredByContactId: args.actor.contactId },
  })
  if (count !== 1) return 'already_answered'
  const resident = await db.contact.findUniqueOrThrow({ where: { id: request.contactId } })
  const locale: Locale = resident.locale === 'en' ? 'en' : 'vi'
  const office = request.placeCode ? await officeName(db, request.placeCode) : ''
  await deps.outbound.send(resident.id, [{ text: t(locale, 'contact.answer_to_resident', { office, id: args.id, answer }) }], {
    dedupeKey: `handover-answer:${args.id}`,
    purpose: 'handover',
  })
  await deps.audit(args.actor, { action: 'handover.answer', subject: `handover:${args.id}`, channel: args.channel, at: args.now })
  return 'sent'
}

/**
 * Queues a person's question for the officers whose scope holds `placeCode`, with the recent conversation, and sends
 * each of them the notice with "Trả lời" / "Xem hội thoại" buttons. Used by "Nhắn cán bộ xã" and by a
 * collaborator's "Cần hỗ trợ" on a reminder. Returns the request id, the office's name and how many were told.
 */
export async function requestHandover(
  deps: { db: Db; places: Places; outbound: Outbound; logger: Logger },
  args: { contactId: number; placeCode: string; question: string; transcript: RecentTurn[]; now: Date },
): Promise<{ id: number; office: string; officers: number }> {
  const { db, places } = deps
  const question = args.question.slice(0, 2000)
  const request = await db.handoverRequest.create({
    data: { contactId: args.contactId, placeCode: args.placeCode, question, transcript: JSON.stringify(args.transcript), createdAt: args.now },
  })
  const office = await officeName(db, args.placeCode)
  const officerIds = (await officersFor(db, (scope) => places.contains(scope, args.placeCode))).map((o) => o.contactId)
  const officers = await db.contact.findMany({ where: { id: { in: officerIds } } })
  for (const officer of officers) {
    const locale = (officer.locale === 'en' ? 'en' : 'vi') as Locale
    await deps.outbound.send(
      officer.id,
      [
        {
          text: t(locale, 'contact.officer_notice', { id: request.id, office, question: question.slice(0, 500) }),
          buttons: [
            { label: t(locale, 'contact.button_answer', { id: request.id }), value: `contact:answer:${request.id}` },
            { label: t(locale, 'contact.button_transcript', { id: request.id }), value: `contact:transcript:${request.id}` },
          ],
        },
      ],
      { dedupeKey: `handover-notice:${request.id}:${officer.id}`, purpose: 'handover' },
    )
  }
  deps.logger.info('handover.created', { requestId: request.id, placeCode: args.placeCode, officers: officers.length })
  return { id: request.id, office, officers: officers.length }
}
