import { PrismaClient } from './generated/prisma-node/client.ts'
import { nodeSqliteAdapter, registerNodeSqlite } from './db/node.ts'

/**
 * The database handle the app is written against. The Workers entry builds the workerd client with the D1 adapter
 * and casts it to this type once (the two generated clients are the same schema, but TypeScript sees two types).
 */
export type Db = PrismaClient

/** SQLite file path from a `file:` URL (relative paths are relative to the working directory). */
export function sqlitePath(databaseUrl: string): string {
  if (!databaseUrl.startsWith('file:')) {
    throw new Error(`DATABASE_URL must be a file: URL for the embedded SQLite database (got a ${databaseUrl.split(':')[0]}: URL)`)
  }
  return databaseUrl.slice('file:'.length)
}

/**
 * Prisma on a SQLite file through better-sqlite3 (Node only): WAL, synchronous = NORMAL, a short busy timeout with
 * asynchronous retries, statements prepared once, an atomic batch and a health probe on the side (src/db/node.ts,
 * `nodeSqliteOf(db)`), and Prisma's "minimal" error format (below).
 */
export function createNodeDb(filePath: string): Db {
  const { adapter, handle, bind } = nodeSqliteAdapter(filePath)
  const db = new PrismaClient({ adapter, errorFormat: PRISMA_ERROR_FORMAT })
  bind(() => db.$connect())
  registerNodeSqlite(db, handle)
  return db
}

/**
 * Other error formats capture a stack trace on every query, to point at the calling line if it fails (a tenth of a
 * millisecond per update in the profile); the error's code and reason are the same.
 */
export const PRISMA_ERROR_FORMAT = 'minimal' as const
