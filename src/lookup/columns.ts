import { foldText } from './text.ts'

/**
 * The columns of a commune's household list, found by their header with or without diacritics: the Vietnamese
 * headers communes write (with the variants seen in practice) and the English keys.
 */

export const REQUIRED_FIELDS = ['code', 'head', 'village', 'commune', 'members', 'category', 'ethnicMinority', 'year'] as const
export const OPTIONAL_FIELDS = ['incomePerPerson', 'deprivations'] as const
export const FIELDS = [...REQUIRED_FIELDS, ...OPTIONAL_FIELDS] as const

/** One column of the list. */
export type Field = (typeof FIELDS)[number]

/**
 * Folded headers per field. Parenthesised parts ("(đồng/người/tháng)") are dropped before matching. A bare "Thu nhập"
 * is not taken: it is often the household's total, and reading a total as per person would misclassify.
 */
const HEADERS: Record<Field, readonly string[]> = {
  code: ['ma ho', 'ma so ho', 'ma ho gia dinh', 'ma so ho gia dinh', 'code'],
  head: ['ho ten chu ho', 'ho va ten chu ho', 'chu ho', 'ten chu ho', 'head'],
  village: ['thon', 'thon lang', 'thon buon', 'thon to', 'ten thon', 'thon lang buon', 'village'],
  commune: ['xa', 'ten xa', 'xa phuong', 'xa phuong thi tran', 'commune'],
  members: ['so nhan khau', 'nhan khau', 'so khau', 'so thanh vien', 'so nguoi', 'so thanh vien trong ho', 'members'],
  category: ['phan loai', 'phan loai ho', 'loai ho', 'xep loai', 'category'],
  ethnicMinority: ['dan toc thieu so', 'dtts', 'ho dtts', 'ho dan toc thieu so', 'ethnicminority', 'ethnic minority'],
  year: ['nam', 'nam ra soat', 'nam danh sach', 'year'],
  incomePerPerson: [
    'thu nhap binh quan',
    'thu nhap binh quan dau nguoi',
    'thu nhap binh quan nguoi thang',
    'thu nhap binh quan dong nguoi thang',
    'incomeperperson',
    'income per person',
  ],
  deprivations: ['chi so thieu hut', 'cac chi so thieu hut', 'chi so thieu hut dich vu xa hoi co ban', 'thieu hut', 'deprivations'],
}

const BY_HEADER = new Map<string, Field>(
  (Object.entries(HEADERS) as [Field, readonly string[]][]).flatMap(([field, names]) => names.map((n) => [n, field] as const)),
)

/** The field a header cell names, if any. */
export function fieldOfHeader(cell: unknown): Field | undefined {
  if (typeof cell !== 'string') return undefined
  return BY_HEADER.get(foldText(cell.replace(/\([^)]*\)/g, ' ')))
}

/** Excel's column letter for a 0-based index: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1
  let out = ''
  while (n > 0) {
    const r = (n - 1) % 26
    out = String.fromCharCode(65 + r) + out
    n = Math.floor((n - 1) / 26)
  }
  return out
}

/** Where each field is, and what the file called it. */
export interface HeaderMap {
  /** 0-based index of the header row in the table. */
  row: number
  columns: Partial<Record<Field, { index: number; header: string }>>
}

export type HeaderProblem =
  | { kind: 'missing'; missing: Field[]; row: number | null }
  | { kind: 'duplicate'; field: Field; headers: { index: number; header: string }[]; row: number }

/** Rows searched for the header: lists often start with the commune's name and a title. */
const HEADER_SEARCH_ROWS = 20

/**
 * The header row: among the first rows, the one naming the most known columns. Every required column must be
 * there, and no column twice.
 */
export function findHeader(rows: readonly (readonly unknown[])[]): { ok: true; header: HeaderMap } | { ok: false; problem: HeaderProblem } {
  let best: { row: number; found: Map<Field, { index: number; header: string }[]> } | null = null
  const limit = Math.min(rows.length, HEADER_SEARCH_ROWS)
  for (let r = 0; r < limit; r++) {
    const found = new Map<Field, { index: number; header: string }[]>()
    ;(rows[r] ?? []).forEach((cell, index) => {
      const field = fieldOfHeader(cell)
      if (field) found.set(field, [...(found.get(field) ?? []), { index, header: String(cell).trim() }])
    })
    if (found.size > (best?.found.size ?? 1)) best = { row: r, found }
  }
  if (!best) return { ok: false, problem: { kind: 'missing', missing: [...REQUIRED_FIELDS], row: null } }
  const missing = REQUIRED_FIELDS.filter((f) => !best.found.has(f))
  if (missing.length > 0) return { ok: false, problem: { kind: 'missing', missing, row: best.row } }
  const columns: HeaderMap['columns'] = {}
  for (const [field, at] of best.found) {
    if (at.length > 1) return { ok: false, problem: { kind: 'duplicate', field, headers: at, row: best.row } }
    columns[field] = at[0]
  }
  return { ok: true, header: { row: best.row, columns } }
}

/** How many known columns a row names (to choose a CSV delimiter). */
export function knownColumns(row: readonly unknown[]): number {
  return new Set(row.map(fieldOfHeader).filter((f) => f !== undefined)).size
}
