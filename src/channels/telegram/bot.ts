import { Bot, GrammyError, HttpError, type Context } from 'grammy'
import type { UserFromGetMe, Message } from 'grammy/types'
import type { TelegramConfig } from '../../config.ts'
import type { Logger } from '../../logger.ts'
import type { Dialogue } from '../../dialogue/engine.ts'
import type { ChannelSender, Inbound, InboundContent, Reply, UnsupportedKind } from '../../messages.ts'
import { renderTelegram } from './render.ts'

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

/** Sends replies with the Bot API: text split to 4,096 characters, buttons as an inline keyboard on the last part. */
export function createTelegramSender(bot: Bot): ChannelSender {
  return {
    async send(userId, replies) {
      const chatId = /^-?\d+$/.test(userId) ? Number(userId) : userId
      for (const message of renderTelegram(replies)) {
        await bot.api.sendMessage(chatId, message.text, message.reply_markup ? { reply_markup: message.reply_markup } : {})
      }
    },
  }
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

/** The grammY bot, pointed at the configured Bot API root, with no getMe needed. */
export function createTelegramBot(config: TelegramConfig): Bot {
  return new Bot(config.token, { botInfo: botInfoFromConfig(config), client: { apiRoot: config.apiRoot } })
}

/**
 * The Telegram channel: turn updates into `Inbound`, hand them to the dialogue and send back what it answers.
 * Dedupe is by update_id (Telegram redelivers on non-2xx, possibly concurrently).
 */
export function attachTelegramHandlers(bot: Bot, deps: { dialogue: Dialogue; sender: ChannelSender; logger: Logger }): void {
  const sender = deps.sender

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
    await deliver(sender, inbound.userId, outcome.replies, deps.logger)
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

async function deliver(sender: ChannelSender, userId: string, replies: Reply[], logger: Logger): Promise<void> {
  try {
    await sender.send(userId, replies)
  } catch (err) {
    // The turn is already recorded; a redelivered update would be a duplicate, so log rather than fail the webhook.
    logSendError(logger, err)
  }
}

function logSendError(logger: Logger, err: unknown): void {
  if (err instanceof GrammyError) {
    logger.error('telegram.api_error', { method: err.method, code: err.error_code, description: err.description })
  } else if (err instanceof HttpError) {
    logger.error('telegram.http_error', { err: err.error })
  } else {
    logger.error('telegram.send_failed', { err })
  }
}
