import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { loadConfig, type Config } from '../config.ts'
import { createNodeDb, sqlitePath, type Db } from '../db.ts'
import { migrateSqliteFile } from '../db/migrate.ts'

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/** Config and a migrated database for command-line tools, as the Node server would open them. */
export function openNodeRuntime(): { config: Config; db: Db; applied: string[] } {
  const config = loadConfig(process.env)
  const file = path.resolve(sqlitePath(config.databaseUrl))
  const { applied } = migrateSqliteFile(file, path.join(projectRoot, 'prisma/migrations'))
  return { config, db: createNodeDb(file), applied }
}
