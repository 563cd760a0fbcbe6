import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { csrf } from 'hono/csrf'
import type { Services } from './services.ts'
import { jsonError, runAfterResponse } from './http.ts'
import { security } from './http/security.ts'
import { telegramWebhook } from './channels/telegram/webhook.ts'
import { zaloWebhook } from './channels/zalo/webhook.ts'
import { webChat, webInbox } from './channels/web/chat.ts'
import { sharedSecret } from './secrets.ts'
import { chatPageHtml } from './web/chat-page.tsx'
import { consoleAuth, consoleRoutes } from './web/console/index.tsx'
import type { ConsoleEnv } from './web/console/env.ts'
import { isDatabaseBusy, isDatabaseUnavailable } from './db/busy.ts'

/**
 * The whole HTTP service, the same on Node and Workers: routes and middleware only. Everything it serves comes from
 * the services built once by `createServices` (src/services.ts); capabilities add their own routes, console pages
 * and admin API.
 */
export function createApp(services: Services): Hono {
  const { config, db, logger, dialogue, senders } = services
  const app = new Hono()
  // The app-wide body limit, raised only on the exact paths of the console's uploads. Each checks its own size on its
  // route and answers with a page that says what to do; the app-wide bound is twice that, so the route's page is
  // what an officer sees for any file near the limit, and the process never reads more than the bound.
  const uploads = services.capabilities.flatMap((cap) => (cap.console?.uploads ?? []).map((u) => ({ path: `/admin${u.path}`, maxBytes: 2 * u.maxBytes })))
  app.use(security({ largerBodies: uploads }))
  const background = (c: Parameters<typeof runAfterResponse>[0], task: Promise<unknown>) => runAfterResponse(c, task, services.defer)

  // Within a second, whatever the database does: busy (another process holds the write lock), missing (the file was
  // deleted under the running server), down.
  app.get('/healthz', async (c) => {
    const state = await services.dbHealth().catch(() => 'down' as const)
    if (state === 'up') return c.json({ ok: true, database: 'up' })
    logger.error('healthz.database_' + state, {})
    return jsonError(c, 503, state === 'busy' ? 'db_busy' : state === 'missing' ? 'db_missing' : 'db_unavailable')
  })

  app.get('/', (c) => c.html(chatPageHtml('vi')))
  // One signing secret for every process and isolate: configured, or kept by the server in its database.
  const webIds = { secret: config.webChatSecret ?? sharedSecret(db, 'web-chat-ids') }
  app.post('/api/chat', webChat(dialogue, () => services.clock.now(), config.trustedProxies, webIds))
  app.get('/api/chat/inbox', webInbox(db, services.outbound, () => services.clock.now(), webIds))

  app.route(
    '/admin',
    consoleRoutes({
      db,
      logger,
      clock: services.clock,
      limiter: services.limiter,
      audit: services.audit,
      adminToken: config.adminToken,
      trustedProxies: config.trustedProxies,
      publicOrigin: config.publicUrl ? new URL(config.publicUrl).origin : undefined,
      capabilities: services.capabilities,
    }),
  )

  const api = new Hono<ConsoleEnv>()
  // A session cookie rides along with cross-site form posts (text/plain can carry JSON): same origin only.
  const sameOrigin = csrf({ origin: (origin, c) => origin === new URL(c.req.url).origin || (config.publicUrl !== undefined && origin === new URL(config.publicUrl).origin) })
  // Tools with the bearer token send no cookie, so there is nothing to forge: the check is for cookie sessions.
  api.use('*', (c, next) => (/^Bearer\s/i.test(c.req.header('authorization') ?? '') ? next() : sameOrigin(c, next)))
  api.use('*', consoleAuth({ db, clock: services.clock, adminToken: config.adminToken }, 'api'))
  for (const cap of services.capabilities) cap.api?.(api)
  app.route('/api/admin', api)

  for (const cap of services.capabilities) cap.routes?.(app)

  if (services.telegramBot && config.telegram) {
    app.post('/webhooks/telegram', telegramWebhook(services.telegramBot, config.telegram.webhookSecret))
  }
  if (config.zalo && senders.zalo) {
    app.post('/webhooks/zalo', zaloWebhook({ oaSecretKey: config.zalo.oaSecretKey, queue: services.inboundQueue, logger, now: () => services.clock.now(), background }))
  }

  // A disabled channel's webhook answers 404, like any unknown route.
  app.notFound((c) => jsonError(c, 404, 'not_found'))
  app.onError((err, c) => {
    // Refusals raised by Hono's own middleware (csrf: 403) are answers, not faults.
    if (err instanceof HTTPException && err.status < 500) return err.getResponse()
    // A busy or missing database is a moment's unavailability, not a fault: 503, and the client tries again.
    if (isDatabaseBusy(err) || isDatabaseUnavailable(err)) {
      logger.warn('http.database_busy', { path: c.req.path })
      return jsonError(c, 503, 'db_busy')
    }
    logger.error('http.unhandled', { path: c.req.path, err })
    return jsonError(c, 500, 'internal')
  })
  return app
}
