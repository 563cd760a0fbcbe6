import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '../../src/db.ts'
import type { FindResult } from '../../src/lookup/find.ts'
import { findHouseholds, nameRank } from '../../src/lookup/find.ts'
import { importHouseholds } from '../../src/lookup/import.ts'
import { renderFind } from '../../src/lookup/render.ts'
import { createTestDb } from '../support/db.ts'
import { csvBytes } from '../support/spreadsheets.ts'
import { REGISTER_2024, REGISTER_2025, withoutDemoHouseholds } from './fixtures.ts'

let db: Db
let cleanup: () => Promise<void>
beforeAll(async () => {
  ;({ db, cleanup } = await createTestDb())
  await withoutDemoHouseholds(db)
  await importHouseholds(db, csvBytes(REGISTER_2024), { allowed: 'all' })
  await importHouseholds(db, csvBytes(REGISTER_2025), { allowed: 'all' })
})
afterAll(() => cleanup())

const PXI = new Set(['quang-ngai/xa-dak-pxi'])
const DAK_HA = new Set(['quang-ngai/xa-dak-ha'])

function codes(r: FindResult): string[] {
  if (r.kind === 'one') return [r.household.code]
  if (r.kind === 'many') return r.matches.map((m) => m.code)
  return []
}

describe('finding a household by name', () => {
  it.each([
    ["Ksor H'Lan"],
    ['ksor hlan'],
    ['KSOR H LAN'],
    ['Ksơr H’Lan'],
    ['hlan ksor'],
    ['H Lan'],
    ['hlan'],
  ])('finds Ksor H\'Lan from "%s"', async (name) => {
    expect(codes(await findHouseholds(db, PXI, { name }))).toEqual(['DEMO-P2'])
  })

  it('lists every household whose name holds the word, the closest first', async () => {
    expect(codes(await findHouseholds(db, PXI, { name: 'Thuận' }))).toEqual(['DEMO-P3', 'DEMO-K2'])
    expect(codes(await findHouseholds(db, PXI, { name: 'a thuan' }))).toEqual(['DEMO-P3'])
    // "Bia" is a word of Y Bia's name and only the start of Y Biăk's: the word wins; "Bi" starts both.
    expect(codes(await findHouseholds(db, PXI, { name: 'bia' }))).toEqual(['DEMO-P1'])
    expect(codes(await findHouseholds(db, PXI, { name: 'Y Bia' }))).toEqual(['DEMO-P1'])
    expect(codes(await findHouseholds(db, PXI, { name: 'y bi' }))).toEqual(['DEMO-P1', 'DEMO-K1'])
  })

  it('narrows by village, written with or without "thôn" and diacritics', async () => {
    expect(codes(await findHouseholds(db, PXI, { name: 'Thuận', village: 'thon dak kang' }))).toEqual(['DEMO-K2'])
    expect(codes(await findHouseholds(db, PXI, { name: 'Thuận', village: 'Kon Gung' }))).toEqual(['DEMO-P3'])
  })

  it('asks for more than one letter', async () => {
    for (const name of ['', ' ', 'Y', "H'"]) expect(await findHouseholds(db, PXI, { name })).toEqual({ kind: 'tooShort' })
    expect(renderFind({ kind: 'tooShort' }, 'Y', 'vi')).toMatch(/ít nhất 2 chữ cái/)
  })

  it('ranks a whole name over a word over the start of a word over inside a word', () => {
    expect(nameRank('Y Bia', 'y bia')).toBe(0)
    expect(nameRank('Y Bia', 'bia')).toBe(1)
    expect(nameRank('Y Biăk', 'bia')).toBe(2)
    expect(nameRank('Ksor H’Lan', 'lan')).toBe(3)
    expect(nameRank('Nguyễn Văn Thuận', 'a thuan')).toBe(4)
  })
})

describe('finding a household by code', () => {
  it('shows the latest year and the history across years', async () => {
    const found = await findHouseholds(db, PXI, { code: 'demo-p2' })
    expect(found.kind).toBe('one')
    if (found.kind !== 'one') return
    expect(found.household).toMatchObject({ code: 'DEMO-P2', year: 2025, category: 'near_poor', members: 4, villageName: 'Kon Gung', communeName: 'xã Đăk Pxi' })
    expect(found.history.map((h) => [h.year, h.category, h.members])).toEqual([
      [2024, 'poor', 4],
      [2025, 'near_poor', 4],
    ])
    expect(renderFind(found, 'demo-p2', 'vi')).toBe(
      [
        "Hộ DEMO-P2: Ksor H'Lan",
        'Kon Gung, xã Đăk Pxi',
        'Năm 2025: hộ cận nghèo, 4 nhân khẩu, dân tộc thiểu số.',
        'Thu nhập bình quân: 1.450.000 đ/người/tháng.',
        'Thiếu hụt 1 chỉ số: 5.',
        'Qua các năm:',
        '• 2024: hộ nghèo, 4 nhân khẩu, Kon Gung',
        '• 2025: hộ cận nghèo, 4 nhân khẩu, Kon Gung',
      ].join('\n'),
    )
  })

  it('names the merged commune the list named', async () => {
    const found = await findHouseholds(db, DAK_HA, { code: 'DEMO-H1' })
    expect(found.kind === 'one' && renderFind(found, 'DEMO-H1', 'vi').split('\n')[1]).toBe('Thôn 1, xã Đăk Hà (danh sách ghi xã Hà Mòn)')
  })
})

describe('an officer sees only their own area', () => {
  it('finds nothing of another commune, by name or by a guessed code, and says the same as for no such household', async () => {
    expect(await findHouseholds(db, DAK_HA, { name: 'Y Bia' })).toEqual({ kind: 'none' })
    expect(await findHouseholds(db, DAK_HA, { code: 'DEMO-P1' })).toEqual({ kind: 'none' })
    expect(await findHouseholds(db, DAK_HA, { code: 'DEMO-NOPE' })).toEqual({ kind: 'none' })
    expect(await findHouseholds(db, new Set(), { name: 'Hộ Mẫu' })).toEqual({ kind: 'none' })
    // In the order of the names: Ba Mốt, Ba Mươi, Hai Mốt, Hai Mươi.
    expect(codes(await findHouseholds(db, DAK_HA, { name: 'Hộ Mẫu' }))).toEqual(['DEMO-D2', 'DEMO-D1', 'DEMO-H2', 'DEMO-H1'])
  })

  it('counts a village of a merged commune in the commune of today, and in that merged commune', async () => {
    expect(codes(await findHouseholds(db, new Set(['kon-tum/dak-ha/ha-mon']), { name: 'Hộ Mẫu' }))).toEqual(['DEMO-H2', 'DEMO-H1'])
    expect(codes(await findHouseholds(db, new Set(['kon-tum/dak-ha/tt-dak-ha/kon-trang-long-loi']), { name: 'Hộ Mẫu' }))).toEqual(['DEMO-D2', 'DEMO-D1'])
  })

  it('sees everything with the whole deployment', async () => {
    const found = await findHouseholds(db, 'all', { name: 'Hộ Mẫu' })
    expect(found).toMatchObject({ kind: 'many', total: 7 })
    expect(renderFind(found, 'Hộ Mẫu', 'vi').split('\n').slice(0, 3)).toEqual([
      'Có 7 hộ khớp với "Hộ Mẫu". Bạn chọn một hộ:',
      '• DEMO-D2 · Hộ Mẫu Ba Mốt · thôn Kon Trang Long Loi (2025)',
      '• DEMO-D1 · Hộ Mẫu Ba Mươi · thôn Kon Trang Long Loi (2025)',
    ])
  })
})
