import { env } from 'cloudflare:test'
import { PrismaD1 } from '@prisma/adapter-d1'
import { describe, expect, inject, it } from 'vitest'
import type { Db } from '../../src/db.ts'
import { PrismaClient } from '../../src/generated/prisma-worker/client.ts'
import { findHouseholds } from '../../src/lookup/find.ts'
import { importHouseholds } from '../../src/lookup/import.ts'
import { d1Batch } from '../../src/db/batch.ts'
import { csvBytes, HEADER } from '../support/spreadsheets.ts'

/**
 * The import as the officer console's upload will run it: inside workerd, on D1, through Prisma's D1 adapter, with
 * D1's batch() as the all-or-nothing write.
 */
function d1Db(): Db {
  return new PrismaClient({ adapter: new PrismaD1(env.DB) }) as unknown as Db
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text)
  return Uint8Array.from(binary, (c) => c.charCodeAt(0))
}

describe('the household import inside workerd with D1', () => {
  it('reads a real-sized XLSX (a sheet over 512 KB) and writes it in a few statements', async () => {
    const db = d1Db()
    const summary = await importHouseholds(db, fromBase64(inject('householdsXlsxBase64')), { allowed: 'all', atomic: d1Batch(env.DB) })
    expect(summary).toMatchObject({ ok: true, imported: 4000, errors: [] })
    expect(summary.writes?.maxBoundValues).toBeLessThanOrEqual(100)
    expect(await db.household.count({ where: { code: { startsWith: 'BENCH-' } } })).toBe(4000)
    const again = await importHouseholds(db, fromBase64(inject('householdsXlsxBase64')), { allowed: 'all', atomic: d1Batch(env.DB) })
    expect(again).toMatchObject({ ok: true, imported: 0, unchanged: 4000 })
  })

  it('reads a Windows-1258 CSV and finds the household by a name typed without diacritics', async () => {
    const db = d1Db()
    const file = csvBytes([HEADER, ['WK-1', 'Nguyễn Thị Hồng Nhung', 'Thôn Workerd', 'Ngọk Réo', 3, 'cận nghèo', 'không', 2025, '1.400.000', '2;5']], {
      delimiter: ';',
      encoding: 'windows-1258',
    })
    expect(await importHouseholds(db, file, { allowed: 'all', atomic: d1Batch(env.DB) })).toMatchObject({ ok: true, imported: 1, file: { encoding: 'windows-1258' } })
    expect(await findHouseholds(db, new Set(['quang-ngai/xa-ngok-reo']), { name: 'hong nhung' })).toMatchObject({ kind: 'one', household: { code: 'WK-1', head: 'Nguyễn Thị Hồng Nhung' } })
  })

  it('leaves nothing behind when a statement of the final batch fails', async () => {
    const db = d1Db()
    const atomic = d1Batch(env.DB)
    const file = csvBytes([HEADER, ['WK-2', 'Hộ Mẫu Lỗi', 'Thôn Lỗi', 'Đăk Ui', 3, 'nghèo', 'có', 2025, '', '']])
    const failing = importHouseholds(db, file, { allowed: 'all', atomic: (s) => atomic([...s.slice(0, -1), { sql: 'INSERT INTO "NoSuchTable" VALUES (1)', args: [] }]) })
    await expect(failing).rejects.toThrow()
    expect(await db.household.count({ where: { code: 'WK-2' } })).toBe(0)
    expect(await db.place.count({ where: { name: 'Thôn Lỗi' } })).toBe(0)
    expect(await db.householdImportChunk.count()).toBe(0)
  })
})
