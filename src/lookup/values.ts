import { MAX_MEMBERS } from '../poverty/index.ts'
import type { Cell } from './read.ts'
import { cleanText, foldText } from './text.ts'

/**
 * Cell values as communes write them → typed values. A failure names a locale key under `lookup.import.cell`
 * (the rule the value broke) and never guesses: an unclear value is an error the officer can fix in the file.
 */

export type Parsed<T> = { ok: true; value: T } | { ok: false; rule: string; vars?: Record<string, string | number> }

/** poor = hộ nghèo, near_poor = hộ cận nghèo, middle = hộ có mức sống trung bình, escaped = hộ thoát nghèo. */
export const HOUSEHOLD_CATEGORIES = ['poor', 'near_poor', 'middle', 'escaped'] as const
export type HouseholdCategory = (typeof HOUSEHOLD_CATEGORIES)[number]

const CATEGORY_WORDS = new Map<string, HouseholdCategory>([
  ['ngheo', 'poor'],
  ['ho ngheo', 'poor'],
  ['hn', 'poor'],
  ['poor', 'poor'],
  ['can ngheo', 'near_poor'],
  ['ho can ngheo', 'near_poor'],
  ['hcn', 'near_poor'],
  ['cn', 'near_poor'],
  ['near poor', 'near_poor'],
  ['nearpoor', 'near_poor'],
  ['muc song trung binh', 'middle'],
  ['ho co muc song trung binh', 'middle'],
  ['ho muc song trung binh', 'middle'],
  ['co muc song trung binh', 'middle'],
  ['trung binh', 'middle'],
  ['mstb', 'middle'],
  ['middle', 'middle'],
  ['thoat ngheo', 'escaped'],
  ['ho thoat ngheo', 'escaped'],
  ['da thoat ngheo', 'escaped'],
  ['escaped', 'escaped'],
])

const YES = new Set(['co', 'x', '1', 'yes', 'true', 'dtts', 'c'])
const NO = new Set(['khong', 'ko', 'k', '0', 'no', 'false', 'kinh'])

export const MIN_YEAR = 2000
export const MAX_YEAR = 2100
/** An income under this is per person per month in đồng only by mistake (the file is in nghìn đồng). */
export const MIN_PLAUSIBLE_INCOME_VND = 10_000
export const MAX_INCOME_VND = 1_000_000_000
export const MAX_TEXT = 120

/** The cell as trimmed text ("" when empty). Numbers keep their digits (a code typed as 123 stays "123"). */
export function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return ''
  if (typeof cell === 'string') return cleanText(cell)
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : ''
  if (typeof cell === 'boolean') return cell ? 'true' : 'false'
  return cell.toISOString().slice(0, 10)
}

export function isEmptyCell(cell: Cell | undefined): boolean {
  return cellText(cell) === ''
}

export function parseCode(cell: Cell | undefined): Parsed<string> {
  const code = cellText(cell).replace(/\s+/g, '').toUpperCase()
  if (code === '') return { ok: false, rule: 'required' }
  if (code.length > 40) return { ok: false, rule: 'tooLong', vars: { max: 40 } }
  return { ok: true, value: code }
}

/** A name, village or commune as written. */
export function parseName(cell: Cell | undefined): Parsed<string> {
  const text = cellText(cell)
  if (text === '') return { ok: false, rule: 'required' }
  if (text.length > MAX_TEXT) return { ok: false, rule: 'tooLong', vars: { max: MAX_TEXT } }
  if (!/\p{L}/u.test(text)) return { ok: false, rule: 'name' }
  return { ok: true, value: text }
}

/** A whole number, written as a number or as text with Vietnamese ("1.500.000") or English ("1,500,000") grouping. */
export function wholeNumber(cell: Cell | undefined): number | null {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : null
  const text = cellText(cell)
    .replace(/\s/g, '')
    .replace(/(?:đồng|đ|vnđ|vnd|dong)$/i, '')
  if (/^\d+$/.test(text)) return Number(text)
  if (/^\d{1,3}(?:\.\d{3})+$/.test(text) || /^\d{1,3}(?:,\d{3})+$/.test(text)) return Number(text.replace(/[.,]/g, ''))
  // A decimal written with a comma or a point and not three digits after it (a computed average: 1333333,33).
  if (/^\d+[.,]\d{1,2}$/.test(text)) return Number(text.replace(',', '.'))
  return null
}

export function parseMembers(cell: Cell | undefined): Parsed<number> {
  if (isEmptyCell(cell)) return { ok: false, rule: 'required' }
  const n = wholeNumber(cell)
  if (n === null || !Number.isInteger(n) || n < 1 || n > MAX_MEMBERS) return { ok: false, rule: 'members', vars: { max: MAX_MEMBERS } }
  return { ok: true, value: n }
}

export function parseYear(cell: Cell | undefined): Parsed<number> {
  if (isEmptyCell(cell)) return { ok: false, rule: 'required' }
  const n = cell instanceof Date ? null : wholeNumber(cell)
  if (n === null || !Number.isInteger(n) || n < MIN_YEAR || n > MAX_YEAR) return { ok: false, rule: 'year', vars: { min: MIN_YEAR, max: MAX_YEAR } }
  return { ok: true, value: n }
}

export function parseCategory(cell: Cell | undefined): Parsed<HouseholdCategory> {
  if (isEmptyCell(cell)) return { ok: false, rule: 'required' }
  const category = CATEGORY_WORDS.get(foldText(cellText(cell)))
  return category ? { ok: true, value: category } : { ok: false, rule: 'category' }
}

export function parseYesNo(cell: Cell | undefined): Parsed<boolean> {
  if (typeof cell === 'boolean') return { ok: true, value: cell }
  if (isEmptyCell(cell)) return { ok: false, rule: 'requiredYesNo' }
  const word = foldText(cellText(cell))
  if (YES.has(word)) return { ok: true, value: true }
  if (NO.has(word)) return { ok: true, value: false }
  return { ok: false, rule: 'yesNo' }
}

/** Đồng per person per month; `null` when the cell is empty (not known). Rounded up, like the poverty rules. */
export function parseIncome(cell: Cell | undefined): Parsed<number | null> {
  if (isEmptyCell(cell)) return { ok: true, value: null }
  const n = wholeNumber(cell)
  if (n === null || n < 0 || n > MAX_INCOME_VND) return { ok: false, rule: 'income' }
  if (n > 0 && n < MIN_PLAUSIBLE_INCOME_VND) return { ok: false, rule: 'incomeTooLow', vars: { value: n } }
  return { ok: true, value: Math.ceil(n) }
}

/**
 * Indicator numbers 1–12 (FACTS §1.3 order), separated by ";" or "," (or spaces); "0" or "không" for none.
 * An empty cell is `null`: not known, which is not the same as deprived in nothing.
 */
export function parseDeprivations(cell: Cell | undefined): Parsed<number[] | null> {
  if (isEmptyCell(cell)) return { ok: true, value: null }
  if (typeof cell === 'number') return cell === 0 ? { ok: true, value: [] } : oneToTwelve([String(cell)])
  const text = cellText(cell)
  const folded = foldText(text)
  if (folded === '0' || folded === 'khong' || folded === 'none') return { ok: true, value: [] }
  if (!/^[\d\s;,]+$/.test(text)) return { ok: false, rule: 'deprivations' }
  return oneToTwelve(text.split(/[\s;,]+/).filter((p) => p !== ''))
}

function oneToTwelve(parts: string[]): Parsed<number[]> {
  const numbers = new Set<number>()
  for (const p of parts) {
    const n = Number(p)
    if (!Number.isInteger(n) || n < 1 || n > 12) return { ok: false, rule: 'deprivations' }
    numbers.add(n)
  }
  return { ok: true, value: [...numbers].sort((a, b) => a - b) }
}
