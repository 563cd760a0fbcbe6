import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createNodeDb } from '../../src/db.ts'
import { csvBytes, HEADER, xlsxBytes } from '../support/spreadsheets.ts'
import { FILE_2025, FILE_2025_TYPED, ROWS_2025 } from './fixtures.ts'

const root = path.resolve(import.meta.dirname, '../..')
const run = promisify(execFile)

let dir: string

interface Result {
  code: number
  stdout: string
  stderr: string
}

/** `npm run -s import -- households …` as an officer types it, against a database file of its own. */
async function importCli(args: string[], database = 'dev.db'): Promise<Result> {
  try {
    const { stdout, stderr } = await run(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'src/cli.ts', 'import', ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: `file:${path.join(dir, database)}` },
    })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}

function write(name: string, bytes: Uint8Array): string {
  const file = path.join(dir, name)
  fs.writeFileSync(file, bytes)
  return file
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tlgn-import-cli-'))
})
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

describe('npm run import -- households', () => {
  it('prints one JSON summary line and exits 0; the same file again changes nothing', async () => {
    const file = write('xa-dak-pxi-2025.xlsx', await xlsxBytes(FILE_2025_TYPED))
    const first = await importCli(['households', file])
    expect(first.code).toBe(0)
    expect(first.stdout.trim().split('\n')).toHaveLength(1)
    expect(JSON.parse(first.stdout)).toMatchObject({ ok: true, imported: 6, updated: 0, unchanged: 0, skipped: 0, villagesCreated: 4, errors: [] })
    const second = await importCli(['households', file])
    expect(JSON.parse(second.stdout)).toMatchObject({ ok: true, imported: 0, updated: 0, unchanged: 6, villagesCreated: 0 })
    const db = createNodeDb(path.join(dir, 'dev.db'))
    try {
      expect(await db.household.count({ where: { code: { in: ROWS_2025.map((r) => String(r[0]).toUpperCase()) } } })).toBe(6)
    } finally {
      await db.$disconnect()
    }
  })

  it('exits 2 and imports nothing when a row is broken; --skip-invalid imports the rest', async () => {
    const rows = ROWS_2025.map((r) => [...r])
    rows[1]![7] = '20255'
    const file = write('broken.csv', csvBytes([HEADER, ...rows], { delimiter: ';', encoding: 'windows-1258' }))
    const refused = await importCli(['households', file], 'broken.db')
    expect(refused.code).toBe(2)
    expect(refused.stderr).not.toMatch(/\bat \S+:\d+/)
    expect(JSON.parse(refused.stdout)).toMatchObject({
      ok: false,
      imported: 0,
      errors: [{ line: 3, column: 'Năm (H)', message: 'Dòng 3, cột Năm (H): phải là năm, ví dụ 2025 (từ 2000 đến 2100)' }],
    })
    const skipped = await importCli(['households', file, '--skip-invalid'], 'broken.db')
    expect(skipped.code).toBe(0)
    expect(JSON.parse(skipped.stdout)).toMatchObject({ ok: true, imported: 5, skipped: 1, errorCount: 1 })
  })

  it('exits 2 with a clear message for a missing or huge file, never a stack trace', async () => {
    const missing = await importCli(['households', path.join(dir, 'khong-co.xlsx')])
    expect(missing.code).toBe(2)
    expect(JSON.parse(missing.stdout).errors[0].message).toMatch(/^Không tìm thấy tệp /)

    const huge = path.join(dir, 'huge.csv')
    fs.writeFileSync(huge, csvBytes(FILE_2025))
    fs.truncateSync(huge, 50 * 1024 * 1024)
    const big = await importCli(['households', huge])
    expect(big.code).toBe(2)
    expect(JSON.parse(big.stdout).errors[0].message).toMatch(/^Tệp nặng 50 MB, quá giới hạn 10 MB\./)
    for (const r of [missing, big]) expect(r.stderr).toBe('')
  })

  it('exits 64 with the usage for a wrong command line', async () => {
    const wrong = await importCli(['people', 'x.csv'])
    expect(wrong.code).toBe(64)
    expect(wrong.stderr).toContain('usage: npm run -s import -- households')
    expect(wrong.stdout).toBe('')
  })
})
