import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { loadConfig, type Config } from '../config.ts'
import { createNodeDb, sqlitePath, type Db } from '../db.ts'
import { migrateSqliteFile } from '../db/migrate.ts'
import { createLogger, type Logger } from '../logger.ts'
import { systemClock, type Clock } from '../clock.ts'
import { createNlu } from '../nlu/index.ts'
import { placeNames } from '../../prisma/seed/places.ts'
import { createServices, type Services } from '../services.ts'

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/** Config and a migrated database for command-line tools, as the Node server would open them. */
export function openNodeRuntime(env: Record<string, string | undefined> = process.env): { config: Config; db: Db; applied: string[] } {
  const config = loadConfig(env)
  const file = path.resolve(sqlitePath(config.databaseUrl))
  const { applied } = migrateSqliteFile(file, path.join(projectRoot, 'prisma/migrations'))
  return { config, db: createNodeDb(file), applied }
}

/**
 * The whole service graph for a command-line tool, from the one composition root, on the Node database. Logs go to
 * stderr so the tool's own output (JSON lines, a conversation) stays clean. Work deferred past a response is
 * awaited by `close()`.
 */
export function openNodeServices(opts: { env?: Record<string, string | undefined>; clock?: Clock; logger?: Logger; db?: Db; config?: Config } = {}): Services & { close(): Promise<void> } {
  const runtime = opts.db && opts.config ? { db: opts.db, config: opts.config } : openNodeRuntime(opts.env)
  const logger = opts.logger ?? createLogger({ level: 'warn', write: (line) => process.stderr.write(line + '\n') })
  const pending: Promise<unknown>[] = []
  const services = createServices({
    config: runtime.config,
    db: runtime.db,
    clock: opts.clock ?? systemClock,
    logger,
    nlu: createNlu({ places: placeNames() }),
    defer: (task) => void pending.push(task.catch((err: unknown) => logger.error('background.failed', { err }))),
  })
  return Object.assign(services, {
    async close() {
      await Promise.allSettled(pending)
      await runtime.db.$disconnect()
    },
  })
}
