import { DEMO_COMMUNE, DEMO_PLACES } from '../../prisma/seed/households.ts'
import type { Db } from '../../src/db.ts'
import type { Cell } from '../support/spreadsheets.ts'
import { HEADER } from '../support/spreadsheets.ts'

/**
 * A small list of clearly fake households, written the way communes write them: spellings with and without
 * diacritics, "xã" or not, merged communes (Hà Mòn, Đăk La → xã Đăk Hà), category words in any case.
 */
export const TITLE: Cell[] = ['DANH SÁCH HỘ NGHÈO, HỘ CẬN NGHÈO NĂM 2025 (DỮ LIỆU MẪU)']

/** As text cells (a CSV). */
export const ROWS_2025: Cell[][] = [
  ['DEMO-001', 'Hộ Mẫu Một', 'Thôn Kon Gung', 'Đăk Pxi', '4', 'nghèo', 'có', '2025', '1.200.000', '3;8;10'],
  ['DEMO-002', 'Y Bia', 'Kon Gung', 'xã Đăk Pxi', '3', 'Cận nghèo', 'Có', '2025', '1400000', '1'],
  ['demo-003', "Ksor H'Lan", 'Làng Đăk Kang', 'Dak Pxi', '5', 'HN', 'x', '2025', '', ''],
  ['DEMO-004', 'A Thuận', 'Thôn 1', 'Hà Mòn', '6', 'mức sống trung bình', 'không', '2025', '2.100.000', '0'],
  ['DEMO-005', 'Nguyễn Thị Hồng Nhung', 'Thôn 1', 'Đăk La', '2', 'thoát nghèo', 'Không', '2025', '1.800.000', '2,4'],
  ['DEMO-006', 'Hộ Mẫu Sáu', 'Kon Trang Long Loi', 'Đăk Hà', '4', 'CẬN NGHÈO', 'có', '2025', '1500000', '9'],
]

/** The same rows as Excel keeps them when numbers are typed as numbers. */
export const ROWS_2025_TYPED: Cell[][] = ROWS_2025.map((r) => [
  r[0] ?? null,
  r[1] ?? null,
  r[2] ?? null,
  r[3] ?? null,
  Number(r[4]),
  r[5] ?? null,
  r[6] ?? null,
  Number(r[7]),
  r[8] === '' ? null : Number(String(r[8]).replace(/\./g, '')),
  r[9] === '' ? null : /^\d+$/.test(String(r[9])) ? Number(r[9]) : (r[9] ?? null),
])

export const FILE_2025: Cell[][] = [TITLE, [], HEADER, ...ROWS_2025]
export const FILE_2025_TYPED: Cell[][] = [TITLE, [], HEADER, ...ROWS_2025_TYPED]
/** The line of the first household in FILE_2025 (title, blank line, header). */
export const FIRST_LINE = 4

/**
 * A register for hand-computed statistics and the 2027 what-if (test/lookup/stats.test.ts works every number
 * out in its comments). xã Đăk Pxi is nông thôn; xã Đăk Hà's area is not known (it took over the former thị
 * trấn), but Hà Mòn, merged into it, was nông thôn.
 */
const H8 = HEADER.slice(0, 8)
export const REGISTER_2024: Cell[][] = [
  H8,
  ['DEMO-P1', 'Y Bia', 'Kon Gung', 'Đăk Pxi', '5', 'nghèo', 'có', '2024'],
  ['DEMO-P2', "Ksor H'Lan", 'Kon Gung', 'Đăk Pxi', '4', 'nghèo', 'có', '2024'],
  ['DEMO-P3', 'A Thuận', 'Kon Gung', 'Đăk Pxi', '6', 'cận nghèo', 'có', '2024'],
  ['DEMO-P4', 'Đinh Thị Mai', 'Kon Gung', 'Đăk Pxi', '3', 'mức sống trung bình', 'không', '2024'],
  ['DEMO-K1', 'Y Biăk', 'Đăk Kang', 'Đăk Pxi', '7', 'nghèo', 'có', '2024'],
  ['DEMO-K2', 'Nguyễn Văn Thuận', 'Đăk Kang', 'Đăk Pxi', '4', 'cận nghèo', 'không', '2024'],
]

export const REGISTER_2025: Cell[][] = [
  HEADER,
  // Kon Gung
  ['DEMO-P1', 'Y Bia', 'Kon Gung', 'Đăk Pxi', '5', 'nghèo', 'có', '2025', '1.400.000', '1;2;3'],
  ['DEMO-P2', "Ksor H'Lan", 'Kon Gung', 'Đăk Pxi', '4', 'cận nghèo', 'có', '2025', '1.450.000', '5'],
  ['DEMO-P3', 'A Thuận', 'Kon Gung', 'Đăk Pxi', '6', 'cận nghèo', 'có', '2025', '1.300.000', ''],
  ['DEMO-P4', 'Đinh Thị Mai', 'Kon Gung', 'Đăk Pxi', '3', 'mức sống trung bình', 'không', '2025', '2.000.000', '4;7;8'],
  ['DEMO-P5', 'Hộ Mẫu Năm', 'Kon Gung', 'Đăk Pxi', '2', 'nghèo', 'có', '2025', '', '1;2;3'],
  // Đăk Kang
  ['DEMO-K1', 'Y Biăk', 'Đăk Kang', 'Đăk Pxi', '7', 'nghèo', 'có', '2025', '1.000.000', '1;2;3;4'],
  ['DEMO-K2', 'Nguyễn Văn Thuận', 'Đăk Kang', 'Đăk Pxi', '4', 'thoát nghèo', 'không', '2025', '2.100.000', '0'],
  ['DEMO-K3', 'Hộ Mẫu Mười', 'Đăk Kang', 'Đăk Pxi', '3', 'nghèo', 'có', '2025', '2.500.000', ''],
  ['DEMO-K4', 'Hộ Mẫu Mười Một', 'Đăk Kang', 'Đăk Pxi', '5', 'nghèo', 'có', '2025', '1.200.000', '2;6;9'],
  // xã Đăk Hà: two households listed under the former xã Hà Mòn, two under today's xã
  ['DEMO-H1', 'Hộ Mẫu Hai Mươi', 'Thôn 1', 'Hà Mòn', '4', 'nghèo', 'có', '2025', '1.450.000', '1;2;3'],
  ['DEMO-H2', 'Hộ Mẫu Hai Mốt', 'Thôn 1', 'Hà Mòn', '3', 'cận nghèo', 'không', '2025', '1.500.000', '7'],
  ['DEMO-D1', 'Hộ Mẫu Ba Mươi', 'Kon Trang Long Loi', 'Đăk Hà', '4', 'nghèo', 'có', '2025', '2.500.000', '1;2;3'],
  ['DEMO-D2', 'Hộ Mẫu Ba Mốt', 'Kon Trang Long Loi', 'Đăk Hà', '2', 'cận nghèo', 'có', '2025', '1.000.000', '1'],
]

/**
 * Removes the demo households of the seed (prisma/seed/households.ts) so that a test counts only its own rows.
 * Tests that use them (demo.test.ts) do not call this.
 */
export async function withoutDemoHouseholds(db: Db): Promise<void> {
  await db.household.deleteMany({ where: { communeCode: DEMO_COMMUNE } })
  // Villages before their commune.
  for (const p of [...DEMO_PLACES].reverse()) await db.place.delete({ where: { code: p.code } })
}
