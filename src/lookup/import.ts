import type { Db } from '../db.ts'
import type { Places } from '../places.ts'
import type { Locale } from '../i18n.ts'
import { t } from '../i18n.ts'
import './texts.ts'
import { formatNumber } from '../poverty/format.ts'
import type { Field } from './columns.ts'
import { columnLetter, findHeader } from './columns.ts'
import { loadPlaceIndex } from './places.ts'
import type { FileProblem, Table } from './read.ts'
import { readTable } from './read.ts'
import type { Allowed } from './scope.ts'
import type { RowError } from './validate.ts'
import { validateRows } from './validate.ts'
import type { Atomic, StoredRow, WriteStats } from './write.ts'
import { existingRows, sameRow, storedRow, writeImport } from './write.ts'
import { prismaBatch } from '../db/batch.ts'

/**
 * Importing a commune's household list (XLSX or CSV): read, check every row, then write all of it or nothing.
 * Used by `npm run import -- households` and, later, the officer console's upload (scoped to the officer's area).
 */

export interface ImportOptions {
  /** The importer's area: rows of other communes are refused. `'all'` for the command line. */
  allowed: Allowed
  /** Import the valid rows and report the others, instead of importing nothing. */
  skipInvalid?: boolean
  locale?: Locale
  now?: Date
  /** How to write all or nothing; default a SQLite transaction. On Workers pass `d1Batch(env.DB)` (src/db/batch.ts). */
  atomic?: Atomic
  /** The place tree to refresh when the import created villages. */
  places?: Pick<Places, 'invalidate'>
}

/** A problem with the file, or with one line of it. */
export interface ImportError {
  message: string
  line?: number
  column?: string
}

export interface ImportSummary {
  /** False when nothing could be imported because of the file (exit code 2 on the command line). */
  ok: boolean
  /** Households new to the register. */
  imported: number
  /** Households whose stored record changed. */
  updated: number
  /** Households exactly as stored already. */
  unchanged: number
  /** Invalid lines left out (only with `skipInvalid`). */
  skipped: number
  villagesCreated: number
  /** Household lines in the file. */
  rows: number
  /** At most `MAX_ERRORS_SHOWN`, in line order; `errorCount` has them all. */
  errors: ImportError[]
  errorCount: number
  file?: { format: Table['format']; encoding?: string; delimiter?: string; sheet?: string }
  writes?: WriteStats
}

export const MAX_ERRORS_SHOWN = 200

const FIELD_LABEL_KEY = (f: Field) => `lookup.import.field.${f}`

function failed(errors: ImportError[], extra: Partial<ImportSummary> = {}): ImportSummary {
  return { ok: false, imported: 0, updated: 0, unchanged: 0, skipped: 0, villagesCreated: 0, rows: 0, errors, errorCount: errors.length, ...extra }
}

/** A file problem in the officer's words. */
export function fileProblemMessage(problem: FileProblem, locale: Locale): string {
  switch (problem.kind) {
    case 'tooLarge':
      return t(locale, 'lookup.import.file.tooLarge', {
        size: formatNumber(Math.round((problem.bytes / (1024 * 1024)) * 10) / 10, locale),
        max: formatNumber(problem.maxBytes / (1024 * 1024), locale),
      })
    case 'tooManyRows':
      return t(locale, 'lookup.import.file.tooManyRows', { rows: formatNumber(problem.rows, locale), max: formatNumber(problem.maxRows, locale) })
    case 'brokenCsv':
      return problem.line === null
        ? t(locale, 'lookup.import.file.brokenCsv')
        : t(locale, 'lookup.import.file.brokenCsvAt', { line: problem.line })
    default:
      return t(locale, `lookup.import.file.${problem.kind}`)
  }
}

/**
 * Imports a household list. Every row is checked first; unless `skipInvalid`, one bad row means nothing is
 * written. Re-importing the same file changes nothing (households are keyed by commune, code and year); a list
 * for a new year adds to the years already stored.
 *
 * Never throws for bad input; a database failure is rethrown after everything this import staged is removed.
 */
export async function importHouseholds(db: Db, bytes: Uint8Array, options: ImportOptions): Promise<ImportSummary> {
  const locale = options.locale ?? 'vi'
  const read = await readTable(bytes)
  if (!read.ok) return failed([{ message: fileProblemMessage(read.problem, locale) }])
  const { table } = read
  const file: ImportSummary['file'] = {
    format: table.format,
    ...(table.encoding ? { encoding: table.encoding } : {}),
    ...(table.delimiter ? { delimiter: table.delimiter } : {}),
    ...(table.sheet ? { sheet: table.sheet } : {}),
  }

  const found = findHeader(table.rows)
  if (!found.ok) {
    const p = found.problem
    const message =
      p.kind === 'missing'
        ? t(locale, p.row === null ? 'lookup.import.file.noHeader' : 'lookup.import.file.missingColumns', {
            columns: p.missing.map((f) => t(locale, FIELD_LABEL_KEY(f))).join(', '),
            line: (p.row ?? 0) + 1,
          })
        : t(locale, 'lookup.import.file.duplicateColumn', {
            column: t(locale, FIELD_LABEL_KEY(p.field)),
            letters: p.headers.map((h) => columnLetter(h.index)).join(', '),
            line: p.row + 1,
          })
    return failed([{ message }], { file })
  }

  const places = await loadPlaceIndex(db)
  const headerRow = table.rows[found.header.row] ?? []
  const csvWidth = table.format === 'csv' ? headerRow.length - [...headerRow].reverse().findIndex((c) => c !== null && String(c).trim() !== '') : undefined
  const checked = validateRows(table.rows, { header: found.header, places, allowed: options.allowed, locale, ...(csvWidth !== undefined ? { csvWidth } : {}) })
  const errors = checked.errors.slice(0, MAX_ERRORS_SHOWN).map(toImportError)
  const base = { rows: checked.dataRows, errors, errorCount: checked.errors.length, file }
  if (checked.dataRows === 0) {
    return failed([{ message: t(locale, 'lookup.import.file.noRows') }], { file })
  }
  if (checked.errors.length > 0 && !options.skipInvalid) {
    return { ok: false, imported: 0, updated: 0, unchanged: 0, skipped: 0, villagesCreated: 0, ...base }
  }
  const skipped = checked.invalidLines
  if (checked.rows.length === 0) {
    return { ok: false, imported: 0, updated: 0, unchanged: 0, skipped, villagesCreated: 0, ...base }
  }

  const pairs = new Map<string, { communeCode: string; year: number }>()
  for (const r of checked.rows) pairs.set(`${r.communeCode}|${r.year}`, { communeCode: r.communeCode, year: r.year })
  const existing = await existingRows(db, [...pairs.values()])
  const toWrite: StoredRow[] = []
  let imported = 0
  let updated = 0
  let unchanged = 0
  for (const row of checked.rows) {
    const before = existing.get(`${row.communeCode}|${row.code}|${row.year}`)
    const after = storedRow(row, before)
    if (!before) imported++
    else if (sameRow(before, after)) {
      unchanged++
      continue
    } else updated++
    toWrite.push(after)
  }
  const needed = new Set(toWrite.map((r) => r[4]))
  const villages = [...places.created.values()].filter((v) => needed.has(v.code))
  const writes = await writeImport(db, options.atomic ?? prismaBatch(db), toWrite, villages, options.now ?? new Date())
  if (villages.length > 0) options.places?.invalidate()
  return { ok: true, imported, updated, unchanged, skipped, villagesCreated: villages.length, ...base, writes }
}

function toImportError(e: RowError): ImportError {
  return { line: e.line, ...(e.column ? { column: e.column } : {}), message: e.message }
}
