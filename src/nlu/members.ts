import { analyzeText } from './normalize.ts'
import { parseNumberLiteral, parseWordNumber } from './numbers.ts'

/**
 * Household size: "nhà 5 người", "7 khẩu", "8 nhân khẩu", "hai người", "gia đình 4 thành viên", "ở một mình",
 * "hai vợ chồng", "vợ chồng và 3 con".
 */

/** A household bigger than this is a typo or another number, not a household size. */
export const MAX_MEMBERS = 30

/** Words that count people after a number, as folded token sequences. */
const PEOPLE_UNITS: readonly (readonly string[])[] = [['nhan', 'khau'], ['thanh', 'vien'], ['mieng', 'an'], ['nguoi'], ['khau']]
const CHILD_UNITS: readonly (readonly string[])[] = [['dua', 'con'], ['dua', 'chau'], ['con'], ['chau'], ['dua'], ['be']]
const JOINERS = new Set(['va', 'voi', 'co', 'cung', 'them', 'nuoi'])
const ALONE = new Set(['o', 'song', 'minh', 'chi', 'con', 'nha', 'toi', 'em', 'tui', 'co', 'dang'])

function startsWith(tokens: readonly string[], at: number, seq: readonly string[]): boolean {
  return seq.every((t, k) => tokens[at + k] === t)
}

function countAt(tokens: readonly string[], i: number): { value: number; next: number } | undefined {
  const t = tokens[i]
  if (t === undefined) return undefined
  const lit = parseNumberLiteral(t)
  if (lit) return Number.isInteger(lit.value) ? { value: lit.value, next: i + 1 } : undefined
  const w = parseWordNumber(tokens, i)
  return w ? { value: w.value, next: w.next } : undefined
}

function unitAt(tokens: readonly string[], at: number, units: readonly (readonly string[])[]): number | undefined {
  for (const u of units) if (startsWith(tokens, at, u)) return u.length
  return undefined
}

function plausible(n: number): number | undefined {
  return n >= 1 && n <= MAX_MEMBERS ? n : undefined
}

/** Every household-size phrase contains one of these words. */
const MEMBER_HINTS: ReadonlySet<string> = new Set(['nguoi', 'khau', 'vien', 'an', 'minh', 'chong'])

/** Household size in normalised, folded tokens; the first explicit count wins. */
export function parseMembersTokens(tokens: readonly string[]): number | undefined {
  if (!tokens.some((t) => MEMBER_HINTS.has(t))) return undefined
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string
    // "vợ chồng (tôi) và 3 con" = 2 + 3; "hai vợ chồng" alone = 2.
    if (t === 'vo' && tokens[i + 1] === 'chong') {
      for (let j = i + 2; j < Math.min(tokens.length, i + 6); j++) {
        const c = JOINERS.has(tokens[j] as string) ? countAt(tokens, j + 1) : countAt(tokens, j)
        if (c && unitAt(tokens, c.next, CHILD_UNITS) !== undefined) return plausible(2 + c.value)
      }
      if (tokens[i - 1] === 'hai' || tokens[i - 1] === '2') return 2
      continue
    }
    if ((t === 'mot' || t === '1') && tokens[i + 1] === 'minh' && (i === 0 || ALONE.has(tokens[i - 1] as string))) return 1
    const c = countAt(tokens, i)
    if (!c) continue
    if (unitAt(tokens, c.next, PEOPLE_UNITS) !== undefined) {
      const n = plausible(c.value)
      if (n !== undefined) return n
    }
  }
  return undefined
}

/**
 * The household size a message states, or undefined when it states none (or an implausible one: 0, over
 * {@link MAX_MEMBERS}). Never throws.
 *
 * @example parseMembers('nhà em 5 ng') // 5
 * @example parseMembers('ở một mình') // 1
 */
export function parseMembers(text: string): number | undefined {
  return parseMembersTokens(analyzeText(text).folded)
}
