import fs from 'node:fs'
import path from 'node:path'
import crypto from 'node:crypto'
import Database from 'better-sqlite3'

/**
 * Applies prisma/migrations/<name>/migration.sql files in order to a SQLite file (Node only; D1 uses
 * `wrangler d1 migrations apply` on the same SQL). Applied migrations are recorded in `_prisma_migrations`, in
 * the shape the Prisma CLI uses, so `prisma migrate status` would agree if the native engine were available.
 * Each migration runs in its own transaction: a failing migration leaves nothing half-applied.
 */
export function migrateSqliteFile(filePath: string, migrationsDir: string): { applied: string[] } {
  if (filePath !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(filePath)), { recursive: true })
  const db = new Database(filePath)
  try {
    db.pragma('journal_mode = WAL')
    db.pragma('busy_timeout = 5000')
    db.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" TEXT PRIMARY KEY NOT NULL,
      "checksum" TEXT NOT NULL,
      "finished_at" DATETIME,
      "migration_name" TEXT NOT NULL,
      "logs" TEXT,
      "rolled_back_at" DATETIME,
      "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
      "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0
    )`)
    const done = new Set(
      (db.prepare('SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL').all() as {
        migration_name: string
      }[]).map((r) => r.migration_name),
    )
    const applied: string[] = []
    for (const name of listMigrations(migrationsDir)) {
      if (done.has(name)) continue
      const sql = fs.readFileSync(path.join(migrationsDir, name, 'migration.sql'), 'utf8')
      // Prisma's table-rebuilding migrations switch foreign keys off; that only works outside a transaction.
      db.pragma('foreign_keys = OFF')
      const apply = db.transaction(() => {
        db.exec(sql)
        const broken = db.pragma('foreign_key_check') as unknown[]
        if (broken.length > 0) throw new Error(`migration ${name} leaves ${broken.length} broken foreign keys`)
        db.prepare(
          `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, applied_steps_count)
           VALUES (?, ?, ?, ?, 1)`,
        ).run(crypto.randomUUID(), crypto.createHash('sha256').update(sql).digest('hex'), new Date().toISOString(), name)
      })
      apply.immediate()
      db.pragma('foreign_keys = ON')
      applied.push(name)
    }
    return { applied }
  } finally {
    db.close()
  }
}

export function listMigrations(migrationsDir: string): string[] {
  return fs
    .readdirSync(migrationsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(migrationsDir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort()
}
