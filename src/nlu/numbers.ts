import type { AnalyzedText } from './normalize.ts'

/**
 * Vietnamese numbers as people type them, on folded tokens (no diacritics): digit literals with Vietnamese or
 * English grouping ("3.000.000", "1,500,000", "2,5") and number words ("hai mươi lăm", "một trăm linh năm").
 * Shared by the money, household-size and date parsers.
 */

const UNITS: Record<string, number> = { mot: 1, hai: 2, ba: 3, bon: 4, nam: 5, sau: 6, bay: 7, tam: 8, chin: 9 }
/** After "mươi" the units have spoken variants: "hai mươi mốt", "ba mươi tư", "hai mươi lăm". */
const UNITS_AFTER_TENS: Record<string, number> = { ...UNITS, tu: 4, lam: 5, nham: 5 }
const GROUPED_DOT = /^\d{1,3}(?:\.\d{3})+$/
const GROUPED_COMMA = /^\d{1,3}(?:,\d{3})+$/
const DECIMAL = /^\d+[.,]\d+$/
const INTEGER = /^\d+$/

/** A parsed digit literal: its value and how many digits it was written with (for "1tr25"-style tails). */
export interface NumberLiteral {
  value: number
  digits: number
  /** True when the literal could also be read as a decimal fraction ("2,500" before "triệu"). */
  ambiguousGrouping: boolean
}

/**
 * Reads a digit literal: "3.000.000" (Vietnamese grouping), "1,500,000" (English grouping), "2,5" / "2.5"
 * (decimal), "800". Returns undefined for anything else ("15/12", "1.2.3").
 */
export function parseNumberLiteral(s: string): NumberLiteral | undefined {
  if (INTEGER.test(s)) return { value: Number(s), digits: s.length, ambiguousGrouping: false }
  if (GROUPED_DOT.test(s)) return { value: Number(s.replace(/\./g, '')), digits: s.length, ambiguousGrouping: false }
  if (GROUPED_COMMA.test(s)) {
    // "2,500" alone is 2500, but before a unit ("2,500 triệu") Vietnamese reads the comma as a decimal mark.
    return { value: Number(s.replace(/,/g, '')), digits: s.length, ambiguousGrouping: s.split(',').length === 2 }
  }
  if (DECIMAL.test(s)) return { value: Number(s.replace(',', '.')), digits: s.length, ambiguousGrouping: false }
  return undefined
}

/** A number read from words, with the index of the first token after it. */
export interface WordNumber {
  value: number
  next: number
  /** Count of digits the number would have ("hai" 1, "hai mươi" 2, "hai trăm" 3), for tails like "một triệu hai". */
  digits: number
}

function tensAt(tokens: readonly string[], i: number): WordNumber | undefined {
  const t = tokens[i]
  if (t === undefined) return undefined
  if (t === 'muoi') {
    const u = tokens[i + 1]
    const uv = u === undefined ? undefined : UNITS_AFTER_TENS[u]
    if (uv !== undefined) return { value: 10 + uv, next: i + 2, digits: 2 }
    return { value: 10, next: i + 1, digits: 2 }
  }
  const d = UNITS[t]
  if (d === undefined) return undefined
  if (tokens[i + 1] === 'muoi') {
    const u = tokens[i + 2]
    const uv = u === undefined ? undefined : UNITS_AFTER_TENS[u]
    if (uv !== undefined) return { value: d * 10 + uv, next: i + 3, digits: 2 }
    return { value: d * 10, next: i + 2, digits: 2 }
  }
  return { value: d, next: i + 1, digits: 1 }
}

/**
 * Reads a number written in words below one thousand, starting at `tokens[i]`: "năm", "mười lăm", "hai mươi
 * mốt", "một trăm linh năm", "trăm" (= 100). Tokens are folded ("nam", "muoi", "tram").
 */
export function parseWordNumber(tokens: readonly string[], i: number): WordNumber | undefined {
  const t = tokens[i]
  if (t === undefined) return undefined
  let hundreds: number | undefined
  let at = i
  if (t === 'tram') {
    hundreds = 1
    at = i + 1
  } else if (UNITS[t] !== undefined && tokens[i + 1] === 'tram') {
    hundreds = UNITS[t]
    at = i + 2
  }
  if (hundreds === undefined) return tensAt(tokens, i)
  let value = hundreds * 100
  const n = tokens[at]
  if ((n === 'linh' || n === 'le') && tokens[at + 1] !== undefined && UNITS[tokens[at + 1] as string] !== undefined) {
    return { value: value + (UNITS[tokens[at + 1] as string] as number), next: at + 2, digits: 3 }
  }
  const rest = tensAt(tokens, at)
  if (rest && rest.digits === 2) {
    value += rest.value
    return { value, next: rest.next, digits: 3 }
  }
  return { value, next: at, digits: 3 }
}

/** Whether a token contains an ASCII digit: the cheap test that lets parsers skip most messages. */
export function hasDigit(token: string): boolean {
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i)
    if (c >= 48 && c <= 57) return true
  }
  return false
}

/**
 * Whether any token has a digit or is one of `words`. `digits`, when the caller already knows whether the
 * message has digits ({@link AnalyzedText.hasDigit}), saves looking.
 */
export function mentionsAny(tokens: readonly string[], words: ReadonlySet<string>, digits?: boolean): boolean {
  if (digits === true) return true
  for (const t of tokens) if (words.has(t) || (digits === undefined && hasDigit(t))) return true
  return false
}
