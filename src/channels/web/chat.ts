import type { Context } from 'hono'
import * as z from 'zod'
import type { Dialogue } from '../../dialogue/engine.ts'
import { jsonError, readJson } from '../../http.ts'
import { isLocale } from '../../i18n.ts'
import type { Db } from '../../db.ts'
import type { OutboundService } from '../../outbound/outbound.ts'
import { clientAddress } from '../../http/client.ts'

/** Body of POST /api/chat (DESIGN.md). `messageId` is optional: a client that retries sends the same one. */
export const ChatRequest = z
  .object({
    conversationId: z.string().regex(/^[A-Za-z0-9_-]{8,100}$/),
    text: z.string().max(20_000).optional(),
    button: z.string().max(100).optional(),
    messageId: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/).optional(),
    locale: z.string().optional(),
  })
  .refine((b) => (b.text === undefined) !== (b.button === undefined), { message: 'exactly one of text and button' })

/** POST /api/chat: the web chat (and any HTTP client) talking to the same dialogue as Telegram and Zalo. */
export function webChat(dialogue: Dialogue, now: () => Date, trustedProxies: readonly string[] = []) {
  return async (c: Context) => {
    const body = await readJson(c)
    if (!body) return jsonError(c, 400, 'not_json')
    const parsed = ChatRequest.safeParse(body.json)
    if (!parsed.success) return jsonError(c, 400, 'bad_shape', parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })))
    const req = parsed.data
    const outcome = await dialogue.handle({
      channel: 'web',
      userId: req.conversationId,
      messageId: req.messageId ?? crypto.randomUUID(),
      at: now(),
      content: req.button !== undefined ? { kind: 'button', value: req.button } : { kind: 'text', text: req.text ?? '' },
      ...(isLocale(req.locale) ? { localeHint: req.locale } : {}),
      clientAddress: clientAddress(c, trustedProxies),
    })
    // A retried request whose first attempt was processed: the client already has (or lost) those replies.
    if (outcome.duplicate) return c.json({ replies: [], duplicate: true })
    return c.json({ replies: outcome.replies })
  }
}

/**
 * GET /api/chat/inbox?conversationId=…: messages queued for this web conversation (an officer's answer), handed over
 * once. The page polls it; the web has no push.
 */
export function webInbox(db: Db, outbound: Pick<OutboundService, 'takeForWeb'>, now: () => Date) {
  return async (c: Context) => {
    const id = c.req.query('conversationId') ?? ''
    if (!/^[A-Za-z0-9_-]{8,100}$/.test(id)) return jsonError(c, 400, 'bad_shape')
    const contact = await db.contact.findUnique({ where: { channel_externalId: { channel: 'web', externalId: id } } })
    if (!contact) return c.json({ replies: [] })
    return c.json({ replies: await outbound.takeForWeb(contact, now()) })
  }
}
