import writeExcelFile from 'write-excel-file/node'

/** Building commune files for tests: the same rows as CSV (UTF-8, with BOM, Windows-1258) or as XLSX. */

export type Cell = string | number | boolean | null

/** Windows-1258's upper half, read from the platform's own decoder. */
const CP1258 = (() => {
  const table = new Map<string, number>()
  const decoded = new TextDecoder('windows-1258').decode(Uint8Array.from({ length: 128 }, (_, i) => 128 + i))
  ;[...decoded].forEach((ch, i) => {
    if (ch !== '\uFFFD') table.set(ch, 128 + i)
  })
  return table
})()

/**
 * Text → Windows-1258 bytes the way Windows writes Vietnamese: each letter with its marks is written as the
 * precomposed letter with the most of its marks the code page has (â, ơ, ư, đ, à …), followed by the other marks as
 * combining characters ("ệ" = ê + dot below).
 */
export function encodeWindows1258(text: string): Uint8Array {
  const out: number[] = []
  const clusters = text.normalize('NFD').match(/\P{M}\p{M}*/gu) ?? []
  for (const cluster of clusters) {
    const [base, ...marks] = [...cluster]
    // Any subset of the marks may have a precomposed letter (NFD puts the dot below before the circumflex).
    const subsets = Array.from({ length: 1 << marks.length }, (_, mask) => marks.filter((_, i) => mask & (1 << i)))
    subsets.sort((a, b) => b.length - a.length)
    let rest: string[] = marks
    let code: number | undefined
    for (const subset of subsets) {
      const composed = (base + subset.join('')).normalize('NFC')
      const c = composed.length === 1 ? (composed.charCodeAt(0) < 128 ? composed.charCodeAt(0) : CP1258.get(composed)) : undefined
      if (c !== undefined) {
        code = c
        rest = marks.filter((m) => !subset.includes(m))
        break
      }
    }
    if (code === undefined) throw new Error(`cannot write ${JSON.stringify(cluster)} in Windows-1258`)
    out.push(code)
    for (const mark of rest) {
      const m = CP1258.get(mark)
      if (m === undefined) throw new Error(`no Windows-1258 byte for mark U+${mark.codePointAt(0)!.toString(16)}`)
      out.push(m)
    }
  }
  return Uint8Array.from(out)
}

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

export async function xlsxBytes(rows: readonly (readonly Cell[])[], sheet = 'Danh sách'): Promise<Uint8Array> {
  const data = rows.map((r) => r.map((c) => (c === null ? null : c)))
  const buffer = await writeExcelFile(data as never, { sheet } as never).toBuffer()
  return new Uint8Array(buffer)
}

/** The headers as communes write them. */
export const HEADER = ['Mã hộ', 'Họ tên chủ hộ', 'Thôn', 'Xã', 'Số nhân khẩu', 'Phân loại', 'Dân tộc thiểu số', 'Năm', 'Thu nhập bình quân', 'Chỉ số thiếu hụt']
