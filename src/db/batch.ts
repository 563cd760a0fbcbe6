import type { Db } from '../db.ts'

/**
 * Writes that must happen together — a turn's session, its dedupe status and its queued replies — as one atomic
 * batch of plain SQL statements.
 *
 * Why not Prisma's `$transaction([...])`: on Workers, `@prisma/adapter-d1` runs it as separate queries (its
 * `startTransaction` only logs "D1 does not support transactions"), so it is not atomic there; D1's own `batch` is.
 * On Node, the better-sqlite3 adapter opens a deferred `BEGIN` on its single shared connection and awaits between
 * statements, so other requests' queries run inside that transaction meanwhile. Running the statements
 * synchronously in one `BEGIN IMMEDIATE` on the same connection has neither problem and prepares each statement once.
 */
export type SqlValue = string | number | null

export interface Statement {
  sql: string
  args: SqlValue[]
}

/** Runs the statements in order as one transaction — all or none — and returns each one's count of changed rows. */
export type AtomicBatch = (statements: Statement[]) => Promise<number[]>

/** A DateTime as Prisma's SQLite adapters store it (ISO 8601 with a +00:00 offset), so comparisons line up. */
export function sqlTime(at: Date): string {
  return at.toISOString().replace('Z', '+00:00')
}

/** A statement from a template: `stmt\`UPDATE "T" SET "a" = ${a}\`` → `{ sql: 'UPDATE "T" SET "a" = ?', args: [a] }`. */
export function stmt(strings: TemplateStringsArray, ...values: (SqlValue | Date | undefined)[]): Statement {
  return {
    sql: strings.reduce((sql, part, i) => sql + (i > 0 ? '?' : '') + part, ''),
    args: values.map((v) => (v instanceof Date ? sqlTime(v) : v === undefined ? null : v)),
  }
}

/** The part of a D1 binding the batch uses (structural, so Node code needs no Workers types). */
export interface D1Like {
  prepare(sql: string): { bind(...values: unknown[]): unknown }
  batch(statements: unknown[]): Promise<{ meta: { changes?: number } }[]>
}

/** D1's `batch`: the statements run as one SQL transaction; one failing rolls back all (Workers). */
export function d1Batch(d1: D1Like): AtomicBatch {
  return async (statements) => {
    if (statements.length === 0) return []
    const results = await d1.batch(statements.map((s) => d1.prepare(s.sql).bind(...s.args)))
    return results.map((r) => r.meta.changes ?? 0)
  }
}

/**
 * The fallback through Prisma (a database built some other way): atomic on SQLite through the better-sqlite3
 * adapter, but see the note above.
 */
export function prismaBatch(db: Db): AtomicBatch {
  return async (statements) => {
    if (statements.length === 0) return []
    return db.$transaction(statements.map((s) => db.$executeRawUnsafe(s.sql, ...s.args)))
  }
}
