import { Bot, GrammyError, HttpError, type Context } from 'grammy'
import type { UserFromGetMe, Message } from 'grammy/types'
import type { TelegramConfig } from '../../config.ts'
import type { Logger } from '../../logger.ts'
import type { Dialogue } from '../../dialogue/engine.ts'
import type { ChannelSender, Inbound, InboundContent, UnsupportedKind } from '../../messages.ts'
import type { OutboundService } from '../../outbound/outbound.ts'
import { renderTelegram } from './render.ts'
import { createPacer, TELEGRAM_PACE, type Pacer } from '../../outbound/pace.ts'
import { PermanentSendError, RecipientUnreachableError, TransientSendError, withoutSecrets } from '../../outbound/errors.ts'

/**
 * Bot info given up front, so grammY makes no getMe call per request (serverless cold starts). Only the id and the
 * username matter for handling updates; the id is the number before ':' in the token.
 */
export function botInfoFromConfig(config: TelegramConfig): UserFromGetMe {
  return {
    id: Number(config.token.split(':')[0]),
    is_bot: true,
    first_name: 'Trợ lý Giảm nghèo',
    username: config.username ?? 'tro_ly_giam_ngheo_bot',
    can_join_groups: false,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
    has_topics_enabled: false,
    allows_users_to_create_topics: false,
  } as UserFromGetMe
}

/**
 * Sends replies with the Bot API: text split to 4,096 characters, buttons as an inline keyboard on the last part,
 * within Telegram's rates (src/outbound/pace.ts). Errors become the outbox's: 403 (blocked, deactivated) →
 * unreachable; 429 → transient with `retry_after`; other 4xx → permanent; 5xx and network → transient.
 */
export function createTelegramSender(bot: Bot, pacer: Pacer = createPacer(TELEGRAM_PACE)): ChannelSender {
  return {
    async send(userId, replies, opts = {}) {
      const chatId = /^-?\d+$/.test(userId) ? Number(userId) : userId
      const messages = renderTelegram(replies)
      for (const message of messages.slice(opts.skip ?? 0)) {
        await pacer.take(userId)
        try {
          await bot.api.sendMessage(chatId, message.text, message.reply_markup ? { reply_markup: message.reply_markup } : {})
        } catch (err) {
          throw telegramSendError(err)
        }
        opts.onDelivered?.()
      }
    },
  }
}

/** A Bot API failure as the outbox's error (never with the token: a network error's cause can carry the URL). */
export function telegramSendError(err: unknown): Error {
  if (err instanceof GrammyError) {
    const code = err.error_code
    const what = `${err.method}: ${code} ${err.description}`
    if (code === 403) return new RecipientUnreachableError('telegram', code, what)
    if (code === 429) return new TransientSendError('telegram', code, what, (err.parameters.retry_after ?? 1) * 1000)
    if (code === 400 && /chat not found|user not found|PEER_ID_INVALID/i.test(err.description)) return new RecipientUnreachableError('telegram', code, what)
    if (code >= 400 && code < 500 && code !== 401 && code !== 404) return new PermanentSendError('telegram', code, what)
    return new TransientSendError('telegram', code, what)
  }
  if (err instanceof HttpError) {
    const cause = err.error instanceof Error ? `${err.error.name}: ${err.error.message}` : 'network error'
    return new TransientSendError('telegram', 'network', withoutSecrets(`${err.message} ${cause}`))
  }
  return new TransientSendError('telegram', 'unknown', err instanceof Error ? withoutSecrets(err.message) : 'send failed')
}

function unsupportedKind(msg: Message): UnsupportedKind {
  if (msg.sticker) return 'sticker'
  if (msg.photo) return 'image'
  if (msg.animation) return 'gif'
  if (msg.voice || msg.audio) return 'audio'
  if (msg.video || msg.video_note) return 'video'
  if (msg.document) return 'file'
  if (msg.location || msg.venue) return 'location'
  if (msg.contact) return 'contact'
  return 'other'
}

/**
 * The grammY bot, pointed at the configured Bot API root, with no getMe needed. A call that hangs is given up after
 * `timeoutSeconds` (grammY's default is 500 s): the outbox retries it later.
 */
export function createTelegramBot(config: TelegramConfig, opts: { timeoutSeconds?: number } = {}): Bot {
  return new Bot(config.token, { botInfo: botInfoFromConfig(config), client: { apiRoot: config.apiRoot, timeoutSeconds: opts.timeoutSeconds ?? 10 } })
}

/**
 * The Telegram channel: turn updates into `Inbound`, hand them to the dialogue (which queues the replies in the
 * transaction that records the turn), then deliver them at once through the outbox. Dedupe is by update_id
 * (Telegram redelivers on non-2xx, possibly concurrently). A delivery that fails stays queued and is retried; the
 * webhook still answers 200, as a redelivered update would be a duplicate.
 */
export function attachTelegramHandlers(bot: Bot, deps: { dialogue: Dialogue; outbound: Pick<OutboundService, 'flush'>; logger: Logger }): void {
  async function process(ctx: Context, content: InboundContent): Promise<void> {
    const chatId = ctx.chat?.id
    if (chatId === undefined) return
    const inbound: Inbound = {
      channel: 'telegram',
      userId: String(chatId),
      messageId: String(ctx.update.update_id),
      at: new Date((ctx.message?.date ?? Math.floor(Date.now() / 1000)) * 1000),
      content,
    }
    const outcome = await deps.dialogue.handle(inbound)
    if (outcome.duplicate) return
    try {
      await deps.outbound.flush(outcome.recipient, outcome.claimedReply)
    } catch (err) {
      // Queued already: the scheduled job delivers it.
      deps.logger.warn('telegram.flush_failed', { err })
    }
  }

  bot.on('message', async (ctx) => {
    // Groups are out of scope for now: the bot talks to people one to one.
    if (ctx.chat.type !== 'private') return
    const msg = ctx.message
    const content: InboundContent =
      typeof msg.text === 'string' ? { kind: 'text', text: msg.text } : { kind: 'unsupported', what: unsupportedKind(msg) }
    await process(ctx, content)
  })

  bot.on('callback_query:data', async (ctx) => {
    // Stop the button's spinner first; a failure here must not cost the user the answer.
    await ctx.answerCallbackQuery().catch((err: unknown) => logSendError(deps.logger, err))
    await process(ctx, { kind: 'button', value: ctx.callbackQuery.data })
  })
}

function logSendError(logger: Logger, err: unknown): void {
  if (err instanceof GrammyError) {
    logger.error('telegram.api_error', { method: err.method, code: err.error_code, description: err.description })
  } else if (err instanceof HttpError) {
    logger.error('telegram.http_error', { method: 'answerCallbackQuery' })
  } else {
    logger.error('telegram.send_failed', { err })
  }
}
