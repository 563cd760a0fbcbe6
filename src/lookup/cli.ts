import fs from 'node:fs'
import { parseArgs } from 'node:util'
import { t } from '../i18n.ts'
import { openNodeRuntime } from '../cli/node-runtime.ts'
import type { ImportSummary } from './import.ts'
import { fileProblemMessage, importHouseholds } from './import.ts'
import { MAX_FILE_BYTES } from './read.ts'

const USAGE = 'usage: npm run -s import -- households <file.xlsx|file.csv> [--skip-invalid]'

/** The summary line: what a script reading the output needs, in a stable order. */
function summaryLine(s: ImportSummary): string {
  return JSON.stringify({
    ok: s.ok,
    imported: s.imported,
    updated: s.updated,
    unchanged: s.unchanged,
    skipped: s.skipped,
    villagesCreated: s.villagesCreated,
    rows: s.rows,
    errorCount: s.errorCount,
    errors: s.errors,
    ...(s.file ? { file: s.file } : {}),
  })
}

function fileFailure(message: string): ImportSummary {
  return { ok: false, imported: 0, updated: 0, unchanged: 0, skipped: 0, villagesCreated: 0, rows: 0, errors: [{ message }], errorCount: 1 }
}

/**
 * `npm run -s import -- households <file> [--skip-invalid]`: one JSON summary line on stdout; exit 0 when the
 * list was imported (or was already), 2 when the file or a row is invalid and nothing was written, 64 on a usage
 * error. Into the Node database (DATABASE_URL), migrated first; every commune of the deployment is allowed.
 */
export async function runImportCli(argv: string[], out: NodeJS.WritableStream = process.stdout): Promise<number> {
  let parsed: ReturnType<typeof parseArgs<{ options: { 'skip-invalid': { type: 'boolean' } }; allowPositionals: true }>>
  try {
    parsed = parseArgs({ args: argv, options: { 'skip-invalid': { type: 'boolean' } }, allowPositionals: true })
  } catch {
    console.error(USAGE)
    return 64
  }
  const [subject, file, ...rest] = parsed.positionals
  if (subject !== 'households' || !file || rest.length > 0) {
    console.error(USAGE)
    return 64
  }
  let stat: fs.Stats
  try {
    stat = fs.statSync(file)
  } catch {
    out.write(summaryLine(fileFailure(t('vi', 'lookup.import.file.notFound', { path: file }))) + '\n')
    return 2
  }
  if (!stat.isFile()) {
    out.write(summaryLine(fileFailure(t('vi', 'lookup.import.file.notFound', { path: file }))) + '\n')
    return 2
  }
  // A file over the limit is refused before it is read into memory.
  if (stat.size > MAX_FILE_BYTES) {
    out.write(summaryLine(fileFailure(fileProblemMessage({ kind: 'tooLarge', bytes: stat.size, maxBytes: MAX_FILE_BYTES }, 'vi'))) + '\n')
    return 2
  }
  const bytes = new Uint8Array(fs.readFileSync(file))
  const { db } = openNodeRuntime()
  try {
    const summary = await importHouseholds(db, bytes, { allowed: 'all', skipInvalid: parsed.values['skip-invalid'] === true })
    out.write(summaryLine(summary) + '\n')
    return summary.ok ? 0 : 2
  } finally {
    await db.$disconnect()
  }
}
