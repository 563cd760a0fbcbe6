import { analyzeText } from './normalize.ts'
import { mentionsAny, parseNumberLiteral, parseWordNumber } from './numbers.ts'

/**
 * Money amounts in VND as residents type them: "6 triệu", "6tr", "1tr2", "1 triệu rưỡi", "2,5 triệu", "2.5tr",
 * "800k", "800 nghìn/ngàn", "3.000.000 đ", "năm triệu", "1 triệu 2 trăm nghìn", "5-6tr" (both ends).
 */

/** Above this an amount is not a household's income, loan or support: reported, never used. */
export const MAX_REASONABLE_VND = 10_000_000_000

export type RejectReason = 'zero' | 'negative' | 'too_large'

/** What {@link parseMoney} found: usable amounts in order of appearance, and recognised but unusable ones. */
export interface MoneyResult {
  amountsVnd: number[]
  rejected: { text: string; reason: RejectReason }[]
}

type Atom =
  | { k: 'num'; v: number; digits: number; amb: boolean; neg: boolean; word: boolean; raw: string }
  | { k: 'mag'; v: number; raw: string }
  | { k: 'cur' | 'half' | 'range' | 'neg' | 'hundred' | 'other'; raw: string }

const MAGNITUDES: Record<string, number> = {
  k: 1e3, nghin: 1e3, ngan: 1e3, ngin: 1e3,
  tr: 1e6, trieu: 1e6, cu: 1e6,
  ty: 1e9, ti: 1e9,
}
const CURRENCY = new Set(['d', 'dong', 'vnd'])
const RANGE = new Set(['den', 'toi', 'hoac'])
const WORD_NUMBER_START = new Set(['mot', 'hai', 'ba', 'bon', 'nam', 'sau', 'bay', 'tam', 'chin', 'muoi', 'tram'])
/** A bare number right before one of these counts something else ("2 triệu 5 người" is not 2,5 triệu). */
const NOT_A_TAIL = new Set([
  'nguoi', 'khau', 'nhan', 'thanh', 'con', 'dua', 'chau', 'thang', 'nam', 'ngay', 'tuan', 'lan', 'ho', 'gio', 'h',
  'phut', 'tuoi', 'm2', 'met', 'kg', 'ky', 'cai', 'chiec', 'luot', 'buoi', 'xa', 'thon', 'sao', 'mau', 'sao', 'ha',
  'chi', 'diem', 'tram', '%', 'phan',
])
/** Word tails ("một triệu hai") are only trusted at the end or before these, since "năm" may start "năm nay". */
const WORD_TAIL_FOLLOW = new Set(['mot', 'moi', 'hang', 'a', 'nhe', 'nha', 'thoi', 'nhi', 'ha', 'thi', 'la', 'do', 'day'])
const GLUED = /^(-)?(\d[\d.,]*?)([a-z]+)(\d{1,3})?$/
const SIGNED_LITERAL = /^(-)?(\d[\d.,]*)$/
const DIGIT_RANGE = /^(\d[\d.,]*)-(\d.*)$/

function literalAtom(raw: string, text: string, neg: boolean): Atom {
  const lit = parseNumberLiteral(text)
  if (!lit) return { k: 'other', raw }
  return { k: 'num', v: lit.value, digits: lit.digits, amb: lit.ambiguousGrouping, neg, word: false, raw }
}

function lex(tokens: readonly string[]): Atom[] {
  const atoms: Atom[] = []
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string
    const range = DIGIT_RANGE.exec(t)
    if (range) {
      atoms.push(literalAtom(range[1] as string, range[1] as string, false), { k: 'range', raw: '-' }, ...lex([range[2] as string]))
      continue
    }
    const signed = SIGNED_LITERAL.exec(t)
    if (signed) {
      atoms.push(literalAtom(t, signed[2] as string, signed[1] === '-'))
      continue
    }
    const glued = GLUED.exec(t)
    if (glued) {
      const [, sign, num, suffix, tail] = glued as unknown as [string, string | undefined, string, string, string | undefined]
      const mag = MAGNITUDES[suffix]
      const lit = literalAtom(t, num, sign === '-')
      if (lit.k === 'num' && mag !== undefined) {
        // The whole token is the literal's text; the unit and tail carry none so a rejected amount reads as typed.
        atoms.push(lit, { k: 'mag', v: mag, raw: '' })
        if (tail !== undefined) atoms.push(literalAtom('', tail, false))
        continue
      }
      if (lit.k === 'num' && CURRENCY.has(suffix) && tail === undefined) {
        atoms.push(lit, { k: 'cur', raw: '' })
        continue
      }
      atoms.push({ k: 'other', raw: t })
      continue
    }
    if (WORD_NUMBER_START.has(t)) {
      const w = parseWordNumber(tokens, i)
      if (w) {
        atoms.push({ k: 'num', v: w.value, digits: w.digits, amb: false, neg: false, word: true, raw: tokens.slice(i, w.next).join(' ') })
        i = w.next - 1
        continue
      }
    }
    if (t === 'nua') atoms.push({ k: 'num', v: 0.5, digits: 1, amb: false, neg: false, word: true, raw: t })
    else if (MAGNITUDES[t] !== undefined) atoms.push({ k: 'mag', v: MAGNITUDES[t] as number, raw: t })
    else if (CURRENCY.has(t)) atoms.push({ k: 'cur', raw: t })
    else if (t === 'ruoi') atoms.push({ k: 'half', raw: t })
    else if (RANGE.has(t)) atoms.push({ k: 'range', raw: t })
    else if (t === 'am') atoms.push({ k: 'neg', raw: t })
    else atoms.push({ k: 'other', raw: t })
  }
  // A digit literal followed by "trăm" multiplies ("2 trăm nghìn"); mark those so quantities can read them.
  for (let i = 1; i < atoms.length; i++) {
    const a = atoms[i] as Atom
    if (a.k === 'num' && a.word && a.raw === 'tram' && (atoms[i - 1] as Atom).k === 'num') atoms[i] = { k: 'hundred', raw: 'tram' }
  }
  return atoms
}

interface Quantity {
  v: number
  digits: number
  amb: boolean
  neg: boolean
  word: boolean
  next: number
}

function quantityAt(atoms: readonly Atom[], i: number): Quantity | undefined {
  const a = atoms[i]
  if (!a || a.k !== 'num') return undefined
  let v = a.v
  let next = i + 1
  if (atoms[next]?.k === 'hundred' && Number.isInteger(v) && v < 10) {
    v *= 100
    next++
  }
  return { v, digits: a.digits, amb: a.amb, neg: a.neg, word: a.word, next }
}

interface Found {
  value: number
  neg: boolean
  start: number
  end: number
  /** The first magnitude used, so the left end of a range ("5-6tr") can borrow it. */
  firstMag: number | undefined
}

function expressionAt(atoms: readonly Atom[], i: number): Found | undefined {
  let j = i
  let neg = false
  if (atoms[j]?.k === 'neg' && atoms[j + 1]?.k === 'num') {
    neg = true
    j++
  }
  let total = 0
  let lastMag = Infinity
  let firstMag: number | undefined
  for (;;) {
    const q = quantityAt(atoms, j)
    const m = q ? atoms[q.next] : undefined
    if (!q || !m || m.k !== 'mag' || m.v >= lastMag) break
    // "2,500 triệu" is two and a half million, "2,500" alone is two thousand five hundred.
    const v = q.amb ? q.v / 1000 : q.v
    total += v * m.v
    if (q.neg) neg = true
    lastMag = m.v
    firstMag ??= m.v
    j = q.next + 1
    if (atoms[j]?.k === 'half') {
      total += m.v / 2
      j++
      break
    }
    const tail = quantityAt(atoms, j)
    if (tail && !(atoms[tail.next]?.k === 'mag')) {
      const after = atoms[tail.next]
      const afterRaw = after?.raw
      const okDigit = !tail.word && Number.isInteger(tail.v) && tail.digits <= 3 && !(afterRaw !== undefined && NOT_A_TAIL.has(afterRaw))
      const okWord = tail.word && tail.v >= 1 && (after === undefined || after.k === 'cur' || WORD_TAIL_FOLLOW.has(afterRaw as string))
      if ((okDigit || okWord) && m.v >= 1e3) {
        total += (tail.v * m.v) / 10 ** tail.digits
        j = tail.next
      }
      break
    }
  }
  if (firstMag === undefined) {
    // No unit word: a number is money only with a currency ("500.000đ") or when it is big enough to be one.
    const q = quantityAt(atoms, j)
    if (!q || q.word) return undefined
    const a = atoms[j] as Atom & { k: 'num' }
    const raw = a.raw.replace(/^-/, '')
    const phoneLike = /^0\d{8,}$/.test(raw)
    if (atoms[q.next]?.k === 'cur') {
      return { value: q.v, neg: neg || q.neg, start: i, end: q.next + 1, firstMag: undefined }
    }
    if (q.v >= 10_000 && Number.isInteger(q.v) && !phoneLike) {
      return { value: q.v, neg: neg || q.neg, start: i, end: q.next, firstMag: undefined }
    }
    return undefined
  }
  if (atoms[j]?.k === 'cur') j++
  return { value: total, neg, start: i, end: j, firstMag }
}

/** Long enough to show what was typed, short enough that 4,000 digits of noise do not echo back. */
const MAX_REJECTED_TEXT = 40

function rawText(atoms: readonly Atom[], from: number, to: number): string {
  const text = atoms
    .slice(from, to)
    .map((a) => a.raw)
    .filter((r) => r !== '')
    .join(' ')
  return text.length > MAX_REJECTED_TEXT ? `${text.slice(0, MAX_REJECTED_TEXT - 1)}…` : text
}

function classify(value: number, neg: boolean, text: string, out: MoneyResult): void {
  const v = Math.round(value)
  if (neg && v !== 0) out.rejected.push({ text, reason: 'negative' })
  else if (v === 0) out.rejected.push({ text, reason: 'zero' })
  else if (!Number.isFinite(v) || v > MAX_REASONABLE_VND) out.rejected.push({ text, reason: 'too_large' })
  else out.amountsVnd.push(v)
}

/** Without a digit or one of these words a message states no amount, and the lexer need not run. */
const MONEY_HINTS: ReadonlySet<string> = new Set([...Object.keys(MAGNITUDES), ...CURRENCY, 'ruoi'])

/**
 * Money in already normalised, folded tokens (the `folded` side of {@link analyzeText}); `hasDigit` is the
 * analysis's flag, when known.
 */
export function parseMoneyTokens(tokens: readonly string[], hasDigit?: boolean): MoneyResult {
  const out: MoneyResult = { amountsVnd: [], rejected: [] }
  if (!mentionsAny(tokens, MONEY_HINTS, hasDigit)) return out
  const atoms = lex(tokens)
  let i = 0
  while (i < atoms.length) {
    const a = atoms[i] as Atom
    if (a.k !== 'num' && a.k !== 'neg') {
      i++
      continue
    }
    // "5-6 triệu", "từ 5 đến 6tr": the left end borrows the unit of the right end.
    if (a.k === 'num' && !a.word && atoms[i + 1]?.k === 'range') {
      const right = expressionAt(atoms, i + 2)
      if (right && right.firstMag !== undefined && right.start === i + 2) {
        const left = (a.amb ? a.v / 1000 : a.v) * right.firstMag
        classify(left, a.neg, `${a.raw} ${rawText(atoms, i + 1, i + 2)}`.trim(), out)
        classify(right.value, right.neg, rawText(atoms, right.start, right.end), out)
        i = right.end
        continue
      }
    }
    const found = expressionAt(atoms, i)
    if (found) {
      classify(found.value, found.neg, rawText(atoms, found.start, found.end), out)
      i = found.end
    } else i++
  }
  return out
}

/**
 * Every money amount in a message, in VND, in order. Amounts that are recognised but unusable (zero,
 * negative, above {@link MAX_REASONABLE_VND}) go to `rejected` with the reason, so the caller can say so
 * instead of silently using them. Never throws.
 *
 * @example parseMoney('thu nhập 1tr2 một tháng') // { amountsVnd: [1200000], rejected: [] }
 * @example parseMoney('-5tr') // { amountsVnd: [], rejected: [{ text: '-5tr', reason: 'negative' }] }
 */
export function parseMoney(text: string): MoneyResult {
  return parseMoneyTokens(analyzeText(text).folded)
}
