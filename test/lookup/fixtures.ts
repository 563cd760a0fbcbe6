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
