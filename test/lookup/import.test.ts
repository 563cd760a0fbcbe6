import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Db } from '../../src/db.ts'
import { importHouseholds } from '../../src/lookup/import.ts'
import { MAX_FILE_BYTES } from '../../src/lookup/read.ts'
import { prismaBatch } from '../../src/db/batch.ts'
import { createTestDb } from '../support/db.ts'
import { csvBytes, encodeWindows1258, HEADER, xlsxBytes } from '../support/spreadsheets.ts'
import { FILE_2025, FILE_2025_TYPED, FIRST_LINE, ROWS_2025, TITLE, withoutDemoHouseholds } from './fixtures.ts'

let db: Db
let cleanup: () => Promise<void>
beforeEach(async () => {
  ;({ db, cleanup } = await createTestDb())
  await withoutDemoHouseholds(db)
})
afterEach(() => cleanup())

const all = { allowed: 'all' as const }

async function register(): Promise<Record<string, unknown>[]> {
  const rows = await db.household.findMany({ orderBy: [{ year: 'asc' }, { code: 'asc' }] })
  return rows.map(({ id: _id, importedAt: _i, updatedAt: _u, ...rest }) => rest)
}

async function createdVillages(): Promise<{ code: string; name: string; parentCode: string | null }[]> {
  return db.place.findMany({ where: { kind: 'village', source: { startsWith: 'Danh sách hộ' } }, select: { code: true, name: true, parentCode: true }, orderBy: { code: 'asc' } })
}

describe('importing a commune list', () => {
  it('stores every household under its commune of today, with its village created from the file', async () => {
    let refreshed = 0
    const places = { invalidate: () => void refreshed++ }
    const summary = await importHouseholds(db, csvBytes(FILE_2025, { delimiter: ';', encoding: 'utf-8-bom' }), { ...all, places })
    expect(summary).toMatchObject({ ok: true, imported: 6, updated: 0, unchanged: 0, skipped: 0, villagesCreated: 4, rows: 6, errors: [] })
    // The cached place tree learns of the new villages.
    expect(refreshed).toBe(1)
    expect(summary.file).toEqual({ format: 'csv', encoding: 'utf-8', delimiter: ';' })

    const byCode = Object.fromEntries((await register()).map((h) => [h.code, h]))
    expect(byCode['DEMO-001']).toEqual({
      code: 'DEMO-001',
      year: 2025,
      head: 'Hộ Mẫu Một',
      headKey: 'homaumot',
      villageCode: 'quang-ngai/xa-dak-pxi/kon-gung',
      communeCode: 'quang-ngai/xa-dak-pxi',
      formerCommuneCode: null,
      members: 4,
      category: 'poor',
      ethnicMinority: true,
      incomePerPersonVnd: 1_200_000,
      deprivations: '[3,8,10]',
    })
    // "Kon Gung" and "Thôn Kon Gung" are one village; "demo-003" is the code DEMO-003; an empty cell is unknown.
    expect(byCode['DEMO-002']).toMatchObject({ villageCode: 'quang-ngai/xa-dak-pxi/kon-gung', category: 'near_poor', deprivations: '[1]' })
    expect(byCode['DEMO-003']).toMatchObject({ headKey: 'ksorhlan', villageCode: 'quang-ngai/xa-dak-pxi/dak-kang', incomePerPersonVnd: null, deprivations: null })
    // A merged commune maps to its successor; its villages stay apart from a same-named one of another merged commune.
    expect(byCode['DEMO-004']).toMatchObject({ communeCode: 'quang-ngai/xa-dak-ha', formerCommuneCode: 'kon-tum/dak-ha/ha-mon', villageCode: 'kon-tum/dak-ha/ha-mon/1', category: 'middle', deprivations: '[]' })
    expect(byCode['DEMO-005']).toMatchObject({ communeCode: 'quang-ngai/xa-dak-ha', formerCommuneCode: 'kon-tum/dak-ha/dak-la', villageCode: 'kon-tum/dak-ha/dak-la/1', category: 'escaped', deprivations: '[2,4]' })
    // A village already known under a unit the commune took over is reused.
    expect(byCode['DEMO-006']).toMatchObject({ communeCode: 'quang-ngai/xa-dak-ha', formerCommuneCode: null, villageCode: 'kon-tum/dak-ha/tt-dak-ha/kon-trang-long-loi' })

    expect(await createdVillages()).toEqual([
      { code: 'kon-tum/dak-ha/dak-la/1', name: 'Thôn 1', parentCode: 'kon-tum/dak-ha/dak-la' },
      { code: 'kon-tum/dak-ha/ha-mon/1', name: 'Thôn 1', parentCode: 'kon-tum/dak-ha/ha-mon' },
      { code: 'quang-ngai/xa-dak-pxi/dak-kang', name: 'Làng Đăk Kang', parentCode: 'quang-ngai/xa-dak-pxi' },
      { code: 'quang-ngai/xa-dak-pxi/kon-gung', name: 'Thôn Kon Gung', parentCode: 'quang-ngai/xa-dak-pxi' },
    ])
  })

  it('gives the same register from a Windows-1258 CSV and from an XLSX of the same rows', async () => {
    const cp1258 = csvBytes(FILE_2025, { encoding: 'windows-1258' })
    // The file really is Windows-1258: not UTF-8, and "ộ" is written as ô + a combining dot below.
    expect(() => new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(cp1258)).toThrow()
    const fromCsv = await importHouseholds(db, cp1258, all)
    expect(fromCsv.file).toEqual({ format: 'csv', encoding: 'windows-1258', delimiter: ',' })
    const csvRegister = await register()
    const csvVillages = await createdVillages()

    const other = await createTestDb()
    try {
      await withoutDemoHouseholds(other.db)
      const fromXlsx = await importHouseholds(other.db, await xlsxBytes(FILE_2025_TYPED), all)
      expect(fromXlsx.file).toEqual({ format: 'xlsx', sheet: 'Danh sách' })
      const { file: _a, writes: _b, ...csvSummary } = fromCsv
      const { file: _c, writes: _d, ...xlsxSummary } = fromXlsx
      expect(xlsxSummary).toEqual(csvSummary)
      const xlsxRegister = (await other.db.household.findMany({ orderBy: [{ year: 'asc' }, { code: 'asc' }] })).map(
        ({ id: _id, importedAt: _i, updatedAt: _u, ...rest }) => rest,
      )
      expect(xlsxRegister).toEqual(csvRegister)
      expect(xlsxRegister.find((h) => h.code === 'DEMO-005')?.head).toBe('Nguyễn Thị Hồng Nhung')
      expect(await other.db.place.count({ where: { kind: 'village' } })).toBe(csvVillages.length + 1)
    } finally {
      await other.cleanup()
    }
  })

  it('reads headers without diacritics and the English keys, in any column order', async () => {
    const english = ['year', 'commune', 'village', 'head', 'code', 'members', 'category', 'ethnicMinority']
    const plain = ['Nam', 'Xa', 'Thon', 'Ho ten chu ho', 'Ma ho', 'So nhan khau', 'Phan loai', 'Dan toc thieu so']
    const row = ['2025', 'Ngọk Réo', 'Thôn Đăk Pung', 'Hộ Mẫu Bảy', 'DEMO-007', '2', 'ngheo', 'co']
    expect((await importHouseholds(db, csvBytes([english, row]), all)).imported).toBe(1)
    expect((await importHouseholds(db, csvBytes([plain, row]), all)).unchanged).toBe(1)
    expect(await db.household.findFirstOrThrow()).toMatchObject({ communeCode: 'quang-ngai/xa-ngok-reo', members: 2, category: 'poor', incomePerPersonVnd: null })
  })
})

describe('an import is all or nothing', () => {
  it('imports nothing when one row is broken, and names its line and column', async () => {
    const rows = ROWS_2025.map((r) => [...r])
    rows[2]![4] = 'năm' // "Số nhân khẩu" of DEMO-003
    const summary = await importHouseholds(db, csvBytes([TITLE, [], HEADER, ...rows]), all)
    expect(summary).toMatchObject({ ok: false, imported: 0, updated: 0, unchanged: 0, skipped: 0, errorCount: 1 })
    expect(summary.errors).toEqual([
      { line: FIRST_LINE + 2, column: 'Số nhân khẩu (E)', message: `Dòng ${FIRST_LINE + 2}, cột Số nhân khẩu (E): phải là số nguyên từ 1 đến 100, ví dụ 4` },
    ])
    expect(await db.household.count()).toBe(0)
    expect(await createdVillages()).toEqual([])
    expect(await db.householdImportChunk.count()).toBe(0)
  })

  it('with skipInvalid, imports the valid rows and reports the others', async () => {
    const rows = ROWS_2025.map((r) => [...r])
    rows[0]![5] = 'khá giả'
    rows[3]![3] = 'Đăk Tô'
    const summary = await importHouseholds(db, csvBytes([HEADER, ...rows]), { ...all, skipInvalid: true })
    expect(summary).toMatchObject({ ok: true, imported: 4, skipped: 2, errorCount: 2 })
    expect(summary.errors.map((e) => [e.line, e.column])).toEqual([
      [2, 'Phân loại (F)'],
      [5, 'Xã (D)'],
    ])
    expect(summary.errors[1]?.message).toBe('Dòng 5, cột Xã (D): không tìm thấy xã "Đăk Tô" trong danh sách địa bàn')
    expect((await register()).map((h) => h.code)).toEqual(['DEMO-002', 'DEMO-003', 'DEMO-005', 'DEMO-006'])
  })

  it('rolls everything back when the final write fails half-way', async () => {
    const failing = prismaBatch(db)
    const summary = importHouseholds(db, csvBytes(FILE_2025), {
      ...all,
      atomic: (statements) => failing([...statements.slice(0, -1), { sql: 'INSERT INTO "NoSuchTable" VALUES (1)', args: [] }]),
    })
    await expect(summary).rejects.toThrow()
    expect(await db.household.count()).toBe(0)
    expect(await createdVillages()).toEqual([])
    expect(await db.householdImportChunk.count()).toBe(0)
  })
})

describe('importing again', () => {
  it('changes nothing when the same file comes again', async () => {
    const file = csvBytes(FILE_2025)
    await importHouseholds(db, file, { ...all, now: new Date('2026-01-05T02:00:00Z') })
    const before = await db.household.findMany({ orderBy: { id: 'asc' } })
    const again = await importHouseholds(db, file, { ...all, now: new Date('2026-01-06T02:00:00Z') })
    expect(again).toMatchObject({ ok: true, imported: 0, updated: 0, unchanged: 6, villagesCreated: 0 })
    expect(again.writes?.statements).toBe(0)
    expect(await db.household.findMany({ orderBy: { id: 'asc' } })).toEqual(before)
  })

  it('keeps last year when a new year comes, and updates only what changed', async () => {
    await importHouseholds(db, csvBytes(FILE_2025), { ...all, now: new Date('2026-01-05T02:00:00Z') })
    const next = ROWS_2025.slice(0, 2).map((r) => [...r])
    for (const r of next) r[7] = '2026'
    next[0]![5] = 'cận nghèo'
    expect(await importHouseholds(db, csvBytes([HEADER, ...next]), all)).toMatchObject({ imported: 2, updated: 0, unchanged: 0 })
    expect(await db.household.count({ where: { year: 2025 } })).toBe(6)

    next[0]![5] = 'thoát nghèo'
    const changed = await importHouseholds(db, csvBytes([HEADER, ...next]), { ...all, now: new Date('2026-02-01T02:00:00Z') })
    expect(changed).toMatchObject({ imported: 0, updated: 1, unchanged: 1 })
    const updated = await db.household.findFirstOrThrow({ where: { code: 'DEMO-001', year: 2026 } })
    expect(updated).toMatchObject({ category: 'escaped' })
    expect(updated.updatedAt.toISOString()).toBe('2026-02-01T02:00:00.000Z')
    expect((await db.household.findFirstOrThrow({ where: { code: 'DEMO-001', year: 2025 } })).category).toBe('poor')
  })

  it('keeps the stored income when a later file has no income column', async () => {
    await importHouseholds(db, csvBytes(FILE_2025), all)
    const without = [HEADER.slice(0, 8), ...ROWS_2025.map((r) => r.slice(0, 8))]
    expect(await importHouseholds(db, csvBytes(without), all)).toMatchObject({ unchanged: 6 })
    expect((await db.household.findFirstOrThrow({ where: { code: 'DEMO-001' } })).incomePerPersonVnd).toBe(1_200_000)
  })
})

describe('files that cannot be imported', () => {
  async function fails(bytes: Uint8Array): Promise<string[]> {
    const summary = await importHouseholds(db, bytes, all)
    expect(summary.ok).toBe(false)
    expect(await db.household.count()).toBe(0)
    return summary.errors.map((e) => e.message)
  }

  it('says which columns are missing', async () => {
    const header = HEADER.filter((h) => h !== 'Số nhân khẩu' && h !== 'Năm')
    expect(await fails(csvBytes([TITLE, header, ROWS_2025[0]!.slice(0, 8)]))).toEqual(['Dòng tiêu đề (dòng 2) thiếu cột: Số nhân khẩu, Năm.'])
  })

  it('refuses duplicate codes in one file, on every line involved', async () => {
    const rows = [ROWS_2025[0]!, ROWS_2025[1]!, [...ROWS_2025[2]!.slice(0, 0), 'DEMO-001', ...ROWS_2025[2]!.slice(1)]]
    const summary = await importHouseholds(db, csvBytes([HEADER, ...rows]), all)
    expect(summary.errors.map((e) => e.message)).toEqual([
      'Dòng 2, cột Mã hộ (A): mã hộ DEMO-001 năm 2025 bị trùng với dòng 4',
      'Dòng 4, cột Mã hộ (A): mã hộ DEMO-001 năm 2025 bị trùng với dòng 2',
    ])
    expect(await db.household.count()).toBe(0)
  })

  it('refuses an unknown commune', async () => {
    const row = [...ROWS_2025[0]!]
    row[3] = 'Sa Thầy'
    expect(await fails(csvBytes([HEADER, row]))).toEqual(['Dòng 2, cột Xã (D): không tìm thấy xã "Sa Thầy" trong danh sách địa bàn'])
  })

  it('refuses a file over the size limit before reading it', async () => {
    const big = new Uint8Array(50 * 1024 * 1024)
    big.set(new TextEncoder().encode(HEADER.join(',') + '\n'))
    expect(big.length).toBeGreaterThan(MAX_FILE_BYTES)
    expect(await fails(big)).toEqual([
      'Tệp nặng 50 MB, quá giới hạn 10 MB. Hãy tách danh sách thành nhiều tệp (ví dụ mỗi xã một tệp) rồi nhập lần lượt.',
    ])
  })

  it('says an empty file is empty', async () => {
    expect(await fails(new Uint8Array())).toEqual(['Tệp rỗng, không có dữ liệu.'])
    expect(await fails(new Uint8Array([0xef, 0xbb, 0xbf, 0x0d, 0x0a]))).toEqual(['Tệp rỗng, không có dữ liệu.'])
    expect(await fails(csvBytes([HEADER]))).toEqual(['Tệp chỉ có dòng tiêu đề, chưa có hộ nào.'])
  })

  it('says a file that is not a spreadsheet is not one', async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])
    expect(await fails(png)).toEqual(['Tệp này không phải bảng tính Excel (.xlsx) hay CSV.'])
    expect(await fails(new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n1 0 obj'))).toEqual(['Tệp này không phải bảng tính Excel (.xlsx) hay CSV.'])
    expect(await fails(new TextEncoder().encode('Kính gửi UBND xã,\nđề nghị xem xét.\n'))).toEqual([
      'Không tìm thấy dòng tiêu đề. Tệp cần có các cột: Mã hộ, Họ tên chủ hộ, Thôn, Xã, Số nhân khẩu, Phân loại, Dân tộc thiểu số, Năm.',
    ])
    const xls = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0])
    expect((await fails(xls))[0]).toMatch(/^Đây là tệp Excel đời cũ \(\.xls\)/)
    const xlsx = await xlsxBytes(FILE_2025)
    expect((await fails(xlsx.slice(0, 200)))[0]).toMatch(/^Không đọc được tệp Excel/)
  })

  it('refuses rows of a commune outside the importer\'s area', async () => {
    const summary = await importHouseholds(db, csvBytes(FILE_2025), { allowed: new Set(['quang-ngai/xa-dak-pxi']) })
    expect(summary.ok).toBe(false)
    expect(summary.errors.map((e) => [e.line, e.message])).toEqual([
      [FIRST_LINE + 3, `Dòng ${FIRST_LINE + 3}, cột Xã (D): xã "Hà Mòn" không thuộc địa bàn bạn phụ trách`],
      [FIRST_LINE + 4, `Dòng ${FIRST_LINE + 4}, cột Xã (D): xã "Đăk La" không thuộc địa bàn bạn phụ trách`],
      [FIRST_LINE + 5, `Dòng ${FIRST_LINE + 5}, cột Xã (D): xã "Đăk Hà" không thuộc địa bàn bạn phụ trách`],
    ])
    const partial = await importHouseholds(db, csvBytes(FILE_2025), { allowed: new Set(['quang-ngai/xa-dak-pxi']), skipInvalid: true })
    expect(partial).toMatchObject({ imported: 3, skipped: 3 })
  })

  it('encodes the test file the way Windows does', () => {
    const bytes = encodeWindows1258('Nguyễn Thị Hồng Nhung, Đăk Pxi')
    expect(new TextDecoder('windows-1258').decode(bytes).normalize('NFC')).toBe('Nguyễn Thị Hồng Nhung, Đăk Pxi')
    expect(bytes.length).toBeGreaterThan('Nguyen Thi Hong Nhung, Dak Pxi'.length)
  })
})
