import { encodeWindows1258 } from './cp1258.ts'

export { encodeWindows1258 }

/** Building commune files for tests: the same rows as CSV (UTF-8, with BOM, Windows-1258) or as XLSX. */

export type Cell = string | number | boolean | null

function csvField(value: Cell, delimiter: string): string {
  const text = value === null ? '' : String(value)
  return /["\n\r]/.test(text) || text.includes(delimiter) ? `"${text.replace(/"/g, '""')}"` : text
}

export function csvText(rows: readonly (readonly Cell[])[], delimiter = ','): string {
  return rows.map((r) => r.map((c) => csvField(c, delimiter)).join(delimiter)).join('\r\n') + '\r\n'
}

export function csvBytes(
  rows: readonly (readonly Cell[])[],
  options: { delimiter?: string; encoding?: 'utf-8' | 'utf-8-bom' | 'windows-1258' } = {},
): Uint8Array {
  const text = csvText(rows, options.delimiter ?? ',')
  if (options.encoding === 'windows-1258') return encodeWindows1258(text)
  const utf8 = new TextEncoder().encode(text)
  if (options.encoding !== 'utf-8-bom') return utf8
  const withBom = new Uint8Array(utf8.length + 3)
  withBom.set([0xef, 0xbb, 0xbf])
  withBom.set(utf8, 3)
  return withBom
}

/** Node only (write-excel-file/node); loaded on use so the rest of this module also runs inside workerd. */
export async function xlsxBytes(rows: readonly (readonly Cell[])[], sheet = 'Danh sách'): Promise<Uint8Array> {
  const { default: writeExcelFile } = await import('write-excel-file/node')
  const data = rows.map((r) => r.map((c) => (c === null ? null : c)))
  const buffer = await writeExcelFile(data as never, { sheet } as never).toBuffer()
  return new Uint8Array(buffer)
}

/** The headers as communes write them. */
export const HEADER = ['Mã hộ', 'Họ tên chủ hộ', 'Thôn', 'Xã', 'Số nhân khẩu', 'Phân loại', 'Dân tộc thiểu số', 'Năm', 'Thu nhập bình quân', 'Chỉ số thiếu hụt']
