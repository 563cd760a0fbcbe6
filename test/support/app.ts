import type { Hono } from 'hono'
import { createApp } from '../../src/app.ts'
import { createServices, type Services } from '../../src/services.ts'
import type { CapabilityFactory } from '../../src/capability.ts'
import { loadConfig } from '../../src/config.ts'
import { fixedClock } from '../../src/clock.ts'
import { createMemoryLogger } from '../../src/logger.ts'
import { createNlu } from '../../src/nlu/index.ts'
import { placeNames } from '../../prisma/seed/places.ts'
import type { Db } from '../../src/db.ts'
import type { AtomicBatch } from '../../src/db/batch.ts'
import { createTestDb } from './db.ts'

export const TG_TOKEN = '123456:TEST-token_abc'
export const TG_SECRET = 'test-secret_123'
export const ZALO = {
  appId: '360846524940903967',
  appSecret: 'app-secret',
  oaSecretKey: 'oa-secret-key',
  accessToken: 'access-0',
  refreshToken: 'refresh-0',
}

// One NLU for the whole test run: building it is the slow part and it holds no state.
let sharedNlu: ReturnType<typeof createNlu> | undefined
export function testNlu() {
  sharedNlu ??= createNlu({ places: placeNames() })
  return sharedNlu
}

export interface TestApp extends Services {
  app: Hono
  db: Db
  /** The SQLite file (a second connection can lock it). */
  file: string
  logger: ReturnType<typeof createMemoryLogger>
  clock: ReturnType<typeof fixedClock>
  /** Waits for work the app left running after responding (Zalo replies). */
  drain(): Promise<void>
  /**
   * POST JSON (or a raw string) to a path. For `/api/chat`, a test's own conversation name ("policy-3") stands for
   * the id the server issued on that conversation's first message: the first call goes without an id, later calls
   * send the issued one (see `webId`). An id in the issued form is sent as it is.
   */
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>
  /** The id the server issued for a test's conversation name: the web contact's externalId. */
  webId(name: string): string
  /** GET a path, with a test's conversation name in `conversationId=` replaced by its issued id. */
  get(path: string): Promise<Response>
  close(): Promise<void>
}

/** The real app on a real SQLite file, with channels pointed at local stand-ins. */
export async function buildTestApp(
  opts: {
    telegramApiRoot?: string
    zaloApiRoot?: string
    env?: Record<string, string>
    now?: string
    capabilities?: readonly CapabilityFactory[]
    /** How long a channel API call may hang before it counts as failed (short in fault tests). */
    sendTimeoutMs?: number
    /** Retry a short send failure in place right after a turn (default true; the benchmark compares). */
    quickRetry?: boolean
    /** The turn's batch instead of the Node database's own (the benchmark compares). */
    batch?: (db: Db) => AtomicBatch
    /** Another NLU (tests of what happens after a given understanding, whatever the bundled model says). */
    nlu?: ReturnType<typeof createNlu>
  } = {},
): Promise<TestApp> {
  const { db, file, cleanup } = await createTestDb()
  const env: Record<string, string> = { ...opts.env }
  if (opts.telegramApiRoot) {
    Object.assign(env, { TELEGRAM_BOT_TOKEN: TG_TOKEN, TELEGRAM_WEBHOOK_SECRET: TG_SECRET, TELEGRAM_API_ROOT: opts.telegramApiRoot })
  }
  if (opts.zaloApiRoot) {
    Object.assign(env, {
      ZALO_APP_ID: ZALO.appId,
      ZALO_APP_SECRET: ZALO.appSecret,
      ZALO_OA_SECRET_KEY: ZALO.oaSecretKey,
      ZALO_ACCESS_TOKEN: ZALO.accessToken,
      ZALO_REFRESH_TOKEN: ZALO.refreshToken,
      ZALO_API_ROOT: opts.zaloApiRoot,
      ZALO_OAUTH_ROOT: opts.zaloApiRoot,
    })
  }
  const logger = createMemoryLogger()
  const clock = fixedClock(opts.now ?? '2026-11-29T03:00:00Z')
  const pending: Promise<unknown>[] = []
  const services = createServices({
    config: loadConfig(env),
    db,
    clock,
    logger,
    nlu: opts.nlu ?? testNlu(),
    defer: (p) => pending.push(p),
    ...(opts.capabilities ? { capabilities: opts.capabilities } : {}),
    ...(opts.sendTimeoutMs ? { sendTimeoutMs: opts.sendTimeoutMs } : {}),
    ...(opts.batch ? { batch: opts.batch(db) } : {}),
    ...(opts.quickRetry !== undefined ? { quickRetry: opts.quickRetry } : {}),
  })
  const app = createApp(services)
  const issued = new Map<string, string>()
  const ISSUED = /^[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{22}$/
  const request = (path: string, body: unknown, headers: Record<string, string>) =>
    app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    })
  return {
    ...services,
    app,
    db,
    file,
    logger,
    clock,
    async drain() {
      while (pending.length > 0) await Promise.allSettled(pending.splice(0))
    },
    async post(path, body, headers = {}) {
      const name = path === '/api/chat' && typeof body === 'object' && body !== null ? (body as { conversationId?: unknown }).conversationId : undefined
      if (typeof name !== 'string' || ISSUED.test(name)) return request(path, body, headers)
      const known = issued.get(name)
      const { conversationId: _name, ...rest } = body as Record<string, unknown>
      const res = await request(path, known ? { ...rest, conversationId: known } : rest, headers)
      if (!known && res.ok) issued.set(name, ((await res.clone().json()) as { conversationId: string }).conversationId)
      return res
    },
    webId(name) {
      const id = issued.get(name)
      if (!id) throw new Error(`no web conversation "${name}" yet`)
      return id
    },
    async get(path) {
      return app.request(path.replace(/conversationId=([^&]+)/, (whole, name: string) => (issued.has(name) ? `conversationId=${issued.get(name)}` : whole)))
    },
    async close() {
      await Promise.allSettled(pending)
      await cleanup()
    },
  }
}
