import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { serve } from '@hono/node-server'
import { ConfigError, describeConfig, loadConfig, secretsOf } from './config.ts'
import { createNodeDb, sqlitePath } from './db.ts'
import { migrateSqliteFile } from './db/migrate.ts'
import { createLogger } from './logger.ts'
import { systemClock } from './clock.ts'
import { createApp } from './app.ts'
import { createServices } from './services.ts'
import { createNlu } from './nlu/index.ts'
import { placeNames } from '../prisma/seed/places.ts'

/**
 * The Node entry (embedded default): SQLite file migrated and seeded on start, the same app as on Workers, and an
 * in-process timer in place of the cron trigger. No configuration needed to try it.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const SCHEDULE_EVERY_MS = 60_000

async function main(): Promise<void> {
  const started = Date.now()
  let config
  try {
    config = loadConfig(process.env)
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message)
      process.exit(1)
    }
    throw err
  }
  const logger = createLogger({ level: config.logLevel, secrets: secretsOf(config) })

  const file = path.resolve(sqlitePath(config.databaseUrl))
  const { applied } = migrateSqliteFile(file, path.join(root, 'prisma/migrations'))
  if (applied.length > 0) logger.info('db.migrated', { applied })
  const db = createNodeDb(file)
  const nlu = createNlu({ places: placeNames() })

  // Work that continues after a response (Zalo replies) is tracked so shutdown can wait for it.
  const pending = new Set<Promise<unknown>>()
  const defer = (task: Promise<unknown>) => {
    const tracked = task.catch((err: unknown) => logger.error('background.failed', { err })).finally(() => pending.delete(tracked))
    pending.add(tracked)
  }

  const services = createServices({ config, db, clock: systemClock, logger, nlu, defer })
  const app = createApp(services)
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    logger.info('server.listening', { url: `http://${config.host}:${info.port}`, ms: Date.now() - started, ...describeConfig(config) })
  })

  const tick = () => defer(services.runScheduled())
  const timer = setInterval(tick, SCHEDULE_EVERY_MS)
  timer.unref()

  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    logger.info('server.stopping', { signal })
    clearInterval(timer)
    server.close()
    await Promise.allSettled([...pending])
    await db.$disconnect()
    process.exit(0)
  }
  process.on('SIGINT', () => void stop('SIGINT'))
  process.on('SIGTERM', () => void stop('SIGTERM'))
}

main().catch((err: unknown) => {
  console.error('Failed to start:', err instanceof Error ? err.message : err)
  process.exit(1)
})
