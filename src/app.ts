import { Hono } from 'hono'
import type { Config } from './config.ts'
import type { Db } from './db.ts'
import type { Clock } from './clock.ts'
import type { Logger } from './logger.ts'
import type { Feature, Nlu } from './dialogue/types.ts'
import { createDialogue, type Dialogue } from './dialogue/engine.ts'
import { createFeatures } from './dialogue/features.ts'
import { jsonError, limitBody, runAfterResponse } from './http.ts'
import { attachTelegramHandlers, createTelegramBot, createTelegramSender } from './channels/telegram/bot.ts'
import { createOutbound } from './outbound/outbound.ts'
import { createLearnedUtterances } from './core/learned.ts'
import { telegramWebhook } from './channels/telegram/webhook.ts'
import { ZaloClient } from './channels/zalo/client.ts'
import { dbZaloTokenStore } from './channels/zalo/tokens.ts'
import { createZaloSender } from './channels/zalo/sender.ts'
import { zaloWebhook } from './channels/zalo/webhook.ts'
import { webChat, webInbox } from './channels/web/chat.ts'
import { chatPageHtml } from './web/chat-page.tsx'
import { adminRoutes } from './web/admin.tsx'
import type { ChannelName, ChannelSender } from './messages.ts'

export interface AppDeps {
  config: Config
  db: Db
  clock: Clock
  logger: Logger
  nlu: Nlu
  /** Keeps work that outlives a response alive on Node (Workers uses waitUntil instead). */
  defer: (task: Promise<unknown>) => void
  /** Features to run instead of the full set (tests of the engine). */
  features?: Feature[]
}

export interface App {
  app: Hono
  dialogue: Dialogue
  /** Outbound senders per enabled channel: webhook replies now, reminders later. */
  senders: Partial<Record<ChannelName, ChannelSender>>
}

/**
 * The whole HTTP service, the same on Node and Workers: routes and middleware only; every capability comes in
 * through `deps`.
 */
export function createApp(deps: AppDeps): App {
  const { config, db, logger } = deps
  // Senders first: features send to other contacts (hand-over answers) through the outbound path.
  const senders: App['senders'] = {}
  const bot = config.telegram ? createTelegramBot(config.telegram) : null
  if (bot) senders.telegram = createTelegramSender(bot)
  if (config.zalo) {
    const zalo = config.zalo
    const client = new ZaloClient({
      appId: zalo.appId,
      appSecret: zalo.appSecret,
      apiRoot: zalo.apiRoot,
      oauthRoot: zalo.oauthRoot,
      tokens: dbZaloTokenStore(db, { accessToken: zalo.accessToken, refreshToken: zalo.refreshToken }),
    })
    senders.zalo = createZaloSender(client)
  }
  const outbound = createOutbound({ db, senders, logger, clock: deps.clock })
  const learned = createLearnedUtterances(db)
  const dialogue = createDialogue({
    db,
    clock: deps.clock,
    logger,
    nlu: deps.nlu,
    features: deps.features ?? createFeatures({ db, clock: deps.clock, logger, outbound }),
    learned,
  })
  const app = new Hono()
  const background = (c: Parameters<typeof runAfterResponse>[0], task: Promise<unknown>) => runAfterResponse(c, task, deps.defer)

  app.get('/healthz', async (c) => {
    try {
      await db.$queryRawUnsafe('SELECT 1')
      return c.json({ ok: true, database: 'up' })
    } catch (err) {
      logger.error('healthz.database_down', { err })
      return jsonError(c, 503, 'db_unavailable')
    }
  })

  app.get('/', (c) => c.html(chatPageHtml('vi')))
  app.post('/api/chat', limitBody, webChat(dialogue, () => deps.clock.now()))
  app.get('/api/chat/inbox', webInbox(db, () => deps.clock.now()))
  app.route('/admin', adminRoutes({ db, logger, outbound, learned, adminToken: config.adminToken, now: () => deps.clock.now() }))

  if (bot && config.telegram && senders.telegram) {
    attachTelegramHandlers(bot, { dialogue, sender: senders.telegram, logger })
    app.post('/webhooks/telegram', limitBody, telegramWebhook(bot, config.telegram.webhookSecret))
  }

  if (config.zalo && senders.zalo) {
    app.post('/webhooks/zalo', limitBody, zaloWebhook({ oaSecretKey: config.zalo.oaSecretKey, dialogue, sender: senders.zalo, logger, background }))
  }

  // A disabled channel's webhook answers 404, like any unknown route.
  app.notFound((c) => jsonError(c, 404, 'not_found'))
  app.onError((err, c) => {
    logger.error('http.unhandled', { path: c.req.path, err })
    return jsonError(c, 500, 'internal')
  })

  return { app, dialogue, senders }
}
