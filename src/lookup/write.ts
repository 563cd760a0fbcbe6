import type { Db } from '../db.ts'
import type { AtomicBatch as Atomic, Statement } from '../db/batch.ts'
import type { PlaceRow } from './places.ts'
import type { ImportRow } from './validate.ts'

/**
 * Writing an import all or nothing, on SQLite and on D1 alike.
 *
 * D1 binds at most 100 values per statement and has no interactive transactions, and Prisma's D1 adapter runs
 * `$transaction([...])` as separate queries ("implicit & explicit transactions will be ignored"). So:
 * 1. the rows to write are staged as JSON chunks in HouseholdImportChunk (four values per statement; a chunk
 *    left by a failed import is invisible and removed by the next import);
 * 2. one atomic group of three set-based statements, each binding at most three values, creates the villages,
 *    upserts the households from the chunks and removes the chunks. On Node the group is a SQLite transaction
 *    (`prismaBatch`); on Workers it must be D1's `batch()` (`d1Batch`), which D1 runs as one transaction.
 */

// Statements and the atomic batch are the app's one batch module (src/db/batch.ts): `prismaBatch` on Node,
// `d1Batch` on Workers, or the composition root's `batch`.
export type { Statement, AtomicBatch as Atomic } from '../db/batch.ts'

/** What the writes took, to check them against D1's limits (the benchmark reports it). */
export interface WriteStats {
  statements: number
  atomicGroups: number
  maxBoundValues: number
  maxSqlBytes: number
  /** Largest single bound value (a JSON chunk), bytes; D1 takes strings up to 2 MB. */
  maxValueBytes: number
}

/** Stored JSON chunks stay well under D1's 2 MB per value. */
export const CHUNK_BYTES = 512 * 1024
/** Chunks left by an import that failed half-way are removed after this long. */
const STALE_CHUNK_MS = 60 * 60 * 1000

const encoder = new TextEncoder()

/** A time as Prisma writes DateTime to SQLite ("…+00:00"), so that stored times compare as text in order. */
function sqliteTime(date: Date): string {
  return date.toISOString().replace('Z', '+00:00')
}

/** The stored row, in the order of the staging JSON arrays. */
export type StoredRow = [
  code: string,
  year: number,
  head: string,
  headKey: string,
  villageCode: string,
  communeCode: string,
  formerCommuneCode: string | null,
  members: number,
  category: string,
  ethnicMinority: 0 | 1,
  incomePerPersonVnd: number | null,
  deprivations: string | null,
]

const COLUMNS = [
  'code',
  'year',
  'head',
  'headKey',
  'villageCode',
  'communeCode',
  'formerCommuneCode',
  'members',
  'category',
  'ethnicMinority',
  'incomePerPersonVnd',
  'deprivations',
] as const

const UPSERT_SQL = `INSERT INTO "Household" (${COLUMNS.map((c) => `"${c}"`).join(', ')}, "importedAt", "updatedAt")
SELECT ${COLUMNS.map((_, i) => `json_extract(j.value, '$[${i}]')`).join(', ')}, ?, ?
FROM "HouseholdImportChunk" c, json_each(c."rows") j
WHERE c."importId" = ?
ON CONFLICT ("communeCode", "code", "year") DO UPDATE SET
${COLUMNS.filter((c) => !['code', 'year', 'communeCode'].includes(c))
  .map((c) => `"${c}" = excluded."${c}"`)
  .join(', ')}, "updatedAt" = excluded."updatedAt"`

const VILLAGES_SQL = `INSERT OR IGNORE INTO "Place" ("code", "name", "kind", "parentCode", "area", "aliases", "source")
SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), 'village', json_extract(value, '$[2]'), 'unknown', '[]', ?
FROM json_each(?)`

/** Where a created village came from, as Place.source says for every place. */
export const VILLAGE_SOURCE = 'Danh sách hộ do xã nhập (npm run import -- households)'

/** The row as stored, from an import row and what is stored already (kept where the file has no such column). */
export function storedRow(row: ImportRow, existing: StoredRow | undefined): StoredRow {
  const income = row.incomePerPersonVnd === undefined ? (existing?.[10] ?? null) : row.incomePerPersonVnd
  const deprivations = row.deprivations === undefined ? (existing?.[11] ?? null) : row.deprivations === null ? null : JSON.stringify(row.deprivations)
  return [
    row.code,
    row.year,
    row.head,
    row.headKey,
    row.villageCode,
    row.communeCode,
    row.formerCommuneCode,
    row.members,
    row.category,
    row.ethnicMinority ? 1 : 0,
    income,
    deprivations,
  ]
}

export function sameRow(a: StoredRow, b: StoredRow): boolean {
  return a.every((v, i) => v === b[i])
}

/** What is stored for these communes and years, keyed `commune|code|year`. */
export async function existingRows(db: Db, pairs: readonly { communeCode: string; year: number }[]): Promise<Map<string, StoredRow>> {
  const found = new Map<string, StoredRow>()
  for (const { communeCode, year } of pairs) {
    const rows = await db.household.findMany({ where: { communeCode, year } })
    for (const h of rows) {
      found.set(`${h.communeCode}|${h.code}|${h.year}`, [
        h.code,
        h.year,
        h.head,
        h.headKey,
        h.villageCode,
        h.communeCode,
        h.formerCommuneCode,
        h.members,
        h.category,
        h.ethnicMinority ? 1 : 0,
        h.incomePerPersonVnd,
        h.deprivations,
      ])
    }
  }
  return found
}

function chunksOf(rows: readonly StoredRow[]): string[] {
  const chunks: string[] = []
  let current: string[] = []
  let bytes = 2
  for (const row of rows) {
    const json = JSON.stringify(row)
    const size = encoder.encode(json).length + 1
    if (current.length > 0 && bytes + size > CHUNK_BYTES) {
      chunks.push(`[${current.join(',')}]`)
      current = []
      bytes = 2
    }
    current.push(json)
    bytes += size
  }
  if (current.length > 0) chunks.push(`[${current.join(',')}]`)
  return chunks
}

function measure(stats: WriteStats, s: Statement): void {
  stats.statements++
  stats.maxBoundValues = Math.max(stats.maxBoundValues, s.args.length)
  stats.maxSqlBytes = Math.max(stats.maxSqlBytes, encoder.encode(s.sql).length)
  for (const a of s.args) if (typeof a === 'string') stats.maxValueBytes = Math.max(stats.maxValueBytes, encoder.encode(a).length)
}

/**
 * Stages `rows` and commits them with the villages they need, all or nothing. Returns what the writes took.
 * On a failure nothing is visible: the staged chunks of this import are removed and the error rethrown.
 */
export async function writeImport(
  db: Db,
  atomic: Atomic,
  rows: readonly StoredRow[],
  villages: readonly PlaceRow[],
  now: Date,
): Promise<WriteStats> {
  const stats: WriteStats = { statements: 0, atomicGroups: 0, maxBoundValues: 0, maxSqlBytes: 0, maxValueBytes: 0 }
  if (rows.length === 0) return stats
  const run = async (s: Statement) => {
    measure(stats, s)
    await db.$executeRawUnsafe(s.sql, ...s.args)
  }
  const at = sqliteTime(now)
  await run({ sql: 'DELETE FROM "HouseholdImportChunk" WHERE "createdAt" < ?', args: [sqliteTime(new Date(now.getTime() - STALE_CHUNK_MS))] })
  const importId = crypto.randomUUID()
  try {
    let seq = 0
    for (const chunk of chunksOf(rows)) {
      await run({ sql: 'INSERT INTO "HouseholdImportChunk" ("importId", "seq", "rows", "createdAt") VALUES (?, ?, ?, ?)', args: [importId, seq++, chunk, at] })
    }
    const group: Statement[] = []
    if (villages.length > 0) {
      group.push({ sql: VILLAGES_SQL, args: [VILLAGE_SOURCE, JSON.stringify(villages.map((v) => [v.code, v.name, v.parentCode]))] })
    }
    group.push({ sql: UPSERT_SQL, args: [at, at, importId] })
    group.push({ sql: 'DELETE FROM "HouseholdImportChunk" WHERE "importId" = ?', args: [importId] })
    for (const s of group) measure(stats, s)
    stats.atomicGroups++
    await atomic(group)
  } catch (error) {
    await db.$executeRawUnsafe('DELETE FROM "HouseholdImportChunk" WHERE "importId" = ?', importId).catch(() => undefined)
    throw error
  }
  return stats
}
