import type { ChannelSender, Reply } from '../../messages.ts'
import { splitText } from '../../util/split.ts'
import { ZALO_MAX_TEXT, type ZaloClient } from './client.ts'

/** Zalo shows few template buttons well; the public examples stop at 5. */
export const ZALO_MAX_BUTTONS = 5

/**
 * Replies as Zalo consultation messages: text split at 2,000 characters, buttons (at most 5) on the last part.
 * The first part quotes the user's message, which marks it as a reply rather than a proactive message.
 */
export function createZaloSender(client: ZaloClient): ChannelSender {
  return {
    async send(userId, replies: Reply[], opts = {}) {
      let quote = opts.replyToMessageId
      for (const reply of replies) {
        const parts = splitText(reply.text, ZALO_MAX_TEXT)
        for (const [i, text] of parts.entries()) {
          const buttons = i === parts.length - 1 ? (reply.buttons ?? []).slice(0, ZALO_MAX_BUTTONS) : []
          if (buttons.length > 0) {
            await client.sendButtons(userId, text, buttons.map((b) => ({ title: b.label, payload: b.value })))
          } else {
            await client.sendText(userId, text, quote ? { quoteMessageId: quote } : {})
          }
          quote = undefined
        }
      }
    },
  }
}
