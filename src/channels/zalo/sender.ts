import type { ChannelSender, Reply } from '../../messages.ts'
import { splitText } from '../../util/split.ts'
import { PermanentSendError, RecipientUnreachableError, TransientSendError } from '../../outbound/errors.ts'
import { ZALO_MAX_TEXT, ZaloApiError, ZaloHttpError, type ZaloClient } from './client.ts'

/** Zalo shows few template buttons well; the public examples stop at 5. */
export const ZALO_MAX_BUTTONS = 5

/**
 * Codes that mean this user cannot get a consultation message now (PLATFORMS.md §A.3–A.4): the 7-day window is
 * closed (-230 / -232), they do not follow the OA (-213), blocked it (-217), are banned or inactive (-227), or
 * restricted this message type (-244). Final for this message: the outbox marks it unreachable.
 */
const UNREACHABLE = new Set([-230, -232, 230, 232, -213, -217, -227, -244])
/** Rate and quota limits: wait and try again (-32 per minute; quotas for longer). */
const RATE_LIMITED: Record<number, number> = { [-32]: 60_000, [-211]: 3600_000, [-218]: 3600_000 }
/** The message itself is refused (invalid field, over a limit, unsupported type, against the rules): not retried. */
const REFUSED = new Set([-201, -210, -233, -248])

/**
 * Replies as Zalo consultation messages: text split at 2,000 characters, buttons (at most 5) on the last part.
 * The first part quotes the user's message, which marks it as a reply rather than a proactive message.
 */
export function createZaloSender(client: ZaloClient, opts: { templateId?: string } = {}): ChannelSender {
  const templateId = opts.templateId
  return {
    async send(userId, replies: Reply[], opts = {}) {
      let quote = opts.replyToMessageId
      let index = 0
      for (const reply of replies) {
        if (reply.template && templateId) {
          // A template message: one channel message, sent through the outbox like any other (retried, recorded).
          if (index++ < (opts.skip ?? 0)) continue
          try {
            await client.sendTemplate(userId, templateId, reply.template)
          } catch (err) {
            throw zaloSendError(err)
          }
          opts.onDelivered?.()
          continue
        }
        const parts = splitText(reply.text, ZALO_MAX_TEXT)
        for (const [i, text] of parts.entries()) {
          if (index++ < (opts.skip ?? 0)) continue
          const buttons = i === parts.length - 1 ? (reply.buttons ?? []).slice(0, ZALO_MAX_BUTTONS) : []
          try {
            if (buttons.length > 0) {
              await client.sendButtons(userId, text, buttons.map((b) => ({ title: b.label, payload: b.value })))
            } else {
              await client.sendText(userId, text, quote ? { quoteMessageId: quote } : {})
            }
          } catch (err) {
            throw zaloSendError(err)
          }
          quote = undefined
          opts.onDelivered?.()
        }
      }
    },
  }
}

/** A Zalo failure as the outbox's error. */
export function zaloSendError(err: unknown): Error {
  if (err instanceof ZaloApiError) {
    if (UNREACHABLE.has(err.code)) return new RecipientUnreachableError('zalo', err.code, err.message)
    if (REFUSED.has(err.code)) return new PermanentSendError('zalo', err.code, err.message)
    return new TransientSendError('zalo', err.code, err.message, RATE_LIMITED[err.code])
  }
  if (err instanceof ZaloHttpError) {
    return new TransientSendError('zalo', err.status ?? 'network', err.message, err.retryAfterMs ?? (err.status === 429 ? 60_000 : undefined))
  }
  return new TransientSendError('zalo', 'unknown', err instanceof Error ? err.message : 'send failed')
}
