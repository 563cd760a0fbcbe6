import type { Context } from 'hono'
import { BotError, webhookCallback, type Bot } from 'grammy'
import * as z from 'zod'
import { jsonError, readJson } from '../../http.ts'
import { timingSafeEqualStrings } from '../../util/secure.ts'
import { isDatabaseBusy, isDatabaseUnavailable } from '../../db/busy.ts'

const Update = z.object({ update_id: z.number().int().nonnegative() }).loose()

/**
 * POST /webhooks/telegram. The secret is checked first (401, nothing processed), then the body (400 for non-JSON or
 * a body without update_id), then grammY handles the update. grammY checks the secret again; that is harmless.
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
