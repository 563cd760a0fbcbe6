import type { Context } from 'hono'
import { BotError, webhookCallback, type Bot } from 'grammy'
import * as z from 'zod'
import { jsonError, readJson } from '../../http.ts'
import { timingSafeEqualStrings } from '../../util/secure.ts'
import { isDatabaseBusy, isDatabaseUnavailable } from '../../db/busy.ts'

/**
 * The parts of an update that grammY and our handlers read, as the Bot API defines them. Anything else passes
 * through untouched (new Bot API fields must not break the webhook); a wrong type where we read (a `message` that is
 * not an object, `chat: null`, a string `date`) is refused with 400 instead of failing inside the handler.
 */
const int = z.number().int().safe()
const Chat = z.looseObject({ id: int, type: z.string() })
const User = z.looseObject({ id: int, is_bot: z.boolean().optional(), first_name: z.string().optional() })
const Entity = z.looseObject({ type: z.string(), offset: z.number().int().nonnegative(), length: z.number().int().nonnegative() })
const Message = z.looseObject({
  message_id: int,
  date: int.nonnegative(),
  chat: Chat,
  from: User.optional(),
  text: z.string().optional(),
  caption: z.string().optional(),
  entities: z.array(Entity).optional(),
})
const CallbackQuery = z.looseObject({ id: z.string(), from: User, data: z.string().optional(), message: Message.optional() })

const Update = z
  .object({
    update_id: int.nonnegative(),
    message: Message.optional(),
    edited_message: Message.optional(),
    channel_post: Message.optional(),
    edited_channel_post: Message.optional(),
    business_message: Message.optional(),
    callback_query: CallbackQuery.optional(),
  })
  // Every other kind of update is an object too; grammY dispatches on it.
  .catchall(z.record(z.string(), z.unknown()))

/**
 * POST /webhooks/telegram. The secret is checked first (401, nothing processed), then the body (400 for non-JSON or
 * an update of the wrong shape), then grammY handles the update. grammY checks the secret again; that is harmless.
 * When the database is busy or missing, Telegram gets 503 at once, so it redelivers the update later.
 */
export function telegramWebhook(bot: Bot, secretToken: string) {
  const handle = webhookCallback(bot, 'hono', { secretToken, timeoutMilliseconds: 25_000 })
  return async (c: Context) => {
    const given = c.req.header('X-Telegram-Bot-Api-Secret-Token') ?? ''
    if (!timingSafeEqualStrings(given, secretToken)) return jsonError(c, 401, 'unauthorized')
    const body = await readJson(c)
    if (!body) return jsonError(c, 400, 'not_json')
    if (!Update.safeParse(body.json).success) return jsonError(c, 400, 'bad_shape')
    try {
      return await handle(c)
    } catch (err) {
      const cause = err instanceof BotError ? err.error : err
      if (isDatabaseBusy(cause) || isDatabaseUnavailable(cause)) return jsonError(c, 503, 'db_busy')
      throw err
    }
  }
}
