import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createNodeDb, type Db } from '../../src/db.ts'
import { migrateSqliteFile } from '../../src/db/migrate.ts'

export const migrationsDir = path.resolve(import.meta.dirname, '../../prisma/migrations')

/** A real SQLite file in a temp directory with every migration applied (seed included). */
export async function createTestDb(): Promise<{ db: Db; file: string; cleanup(): Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tlgn-test-'))
  const file = path.join(dir, 'test.db')
  migrateSqliteFile(file, migrationsDir)
  const db = createNodeDb(file)
  return {
    db,
    file,
    async cleanup() {
      await db.$disconnect()
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}
