import { PrismaClient } from './generated/prisma-worker/client.ts'
import { PrismaD1 } from '@prisma/adapter-d1'
import { ConfigError, loadConfig, secretsOf } from './config.ts'
import type { Db } from './db.ts'
import { createLogger } from './logger.ts'
import { systemClock } from './clock.ts'
import type { Hono } from 'hono'
import { createApp } from './app.ts'
import { createServices, type Services } from './services.ts'
import { d1Batch } from './db/batch.ts'
import { createNlu } from './nlu/index.ts'
import { placeNames } from '../prisma/seed/places.ts'
import { scopeBatchesPerRequest, type RequestScope } from './db/request-scope.ts'

/** Bindings: the D1 database plus the environment variables of DESIGN.md as vars and secrets. */
export interface WorkerEnv {
  DB: D1Database
  [name: string]: unknown
}

interface Booted {
  app: Hono
  services: Services
  scope: RequestScope
}

// One app per isolate and environment: building it (bot, NLU) is too costly per request.
const booted = new WeakMap<object, Booted>()
let logger = createLogger()

function boot(env: WorkerEnv): Booted {
  const existing = booted.get(env)
  if (existing) return existing
  const strings = Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => typeof e[1] === 'string'))
  const config = loadConfig(strings)
  logger = createLogger({ level: config.logLevel, secrets: secretsOf(config) })
  // The workerd client and the Node client are the same schema; TypeScript sees two unrelated types.
  // "minimal" errors: no stack trace captured per query (see PRISMA_ERROR_FORMAT in db.ts, Node-only).
  const db = new PrismaClient({ adapter: new PrismaD1(env.DB), errorFormat: 'minimal' }) as unknown as Db
  // One client per isolate, its query batches kept per request: concurrent requests must not share a batch.
  const scope = scopeBatchesPerRequest(db)
  const nlu = createNlu({ places: placeNames() })
  const defer = (task: Promise<unknown>) => void task.catch((err: unknown) => logger.error('background.failed', { err }))
  // The turn's writes as one D1 batch (atomic); Prisma's $transaction is not atomic on D1 (src/db/batch.ts).
  const services = createServices({ config, db, clock: systemClock, logger, nlu, defer, batch: d1Batch(env.DB) })
  const result = { app: createApp(services), services, scope }
  booted.set(env, result)
  return result
}

export default {
  async fetch(request, env, ctx) {
    let app: Booted
    try {
      app = boot(env)
    } catch (err) {
      // A misconfigured deployment answers 500 and says which variable to fix (never its value).
      const message = err instanceof ConfigError ? err.message : 'start-up failed'
      logger.error('worker.boot_failed', { message })
      return new Response(JSON.stringify({ error: { code: 'internal', message } }), {
        status: 500,
        headers: { 'content-type': 'application/json' },
      })
    }
    return app.scope.run(() => app.app.fetch(request, env, ctx))
  },
  async scheduled(_controller, env, ctx) {
    const { services, scope } = boot(env)
    ctx.waitUntil(scope.run(() => services.runScheduled()))
  },
} satisfies ExportedHandler<WorkerEnv>
