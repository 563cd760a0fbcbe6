import teencode from '../../locales/vi/nlu/teencode.json'

/**
 * Text normalisation for Vietnamese chat: NFC, lowercase, one tone placement, teencode expanded, numbers kept
 * whole ("3.000.000đ", "1tr2", "15/12", "14:30", "-5tr" stay single tokens), everything else split on
 * punctuation and whitespace. Pure and total: any string in, a string out.
 */

const TONE_MARKS = ['\u0300', '\u0301', '\u0309', '\u0303', '\u0323'] as const
const VOWEL_BASES = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'] as const
/** Vowels whose own mark (breve, circumflex, horn) attracts the tone mark. */
const MARKED_VOWELS = new Set(['ă', 'â', 'ê', 'ô', 'ơ', 'ư'])

interface VowelInfo {
  base: string
  /** Index into TONE_MARKS, or -1 for no tone. */
  tone: number
}

const VOWELS = new Map<string, VowelInfo>()
const COMPOSE = new Map<string, string>()
for (const base of VOWEL_BASES) {
  VOWELS.set(base, { base, tone: -1 })
  TONE_MARKS.forEach((mark, tone) => {
    const composed = (base + mark).normalize('NFC')
    VOWELS.set(composed, { base, tone })
    COMPOSE.set(base + tone, composed)
  })
}

/**
 * Puts the tone mark of one lowercase syllable where the classic ("old style") rule puts it, so that
 * "hoà"/"hòa", "thuý"/"thúy", "khoẻ"/"khỏe" all become the second form. Words that do not look like one
 * Vietnamese syllable (two vowel groups, two tone marks, no tone) come back unchanged.
 *
 * @example placeTone('hoà') // 'hòa'
 */
export function placeTone(word: string): string {
  const chars = Array.from(word)
  let tone = -1
  let firstVowel = -1
  let lastVowel = -1
  for (let i = 0; i < chars.length; i++) {
    const v = VOWELS.get(chars[i] as string)
    if (!v) continue
    if (firstVowel < 0) firstVowel = i
    else if (lastVowel !== i - 1) return word // a second vowel group: not one syllable
    lastVowel = i
    if (v.tone >= 0) {
      if (tone >= 0) return word
      tone = v.tone
    }
  }
  if (tone < 0 || firstVowel < 0) return word

  let start = firstVowel
  // In "qu" and "gi" the u/i belongs to the consonant when another vowel follows ("quý", "giữa").
  if (start === 1 && lastVowel > 1 && ((chars[0] === 'q' && chars[1] === 'u') || (chars[0] === 'g' && VOWELS.get(chars[1] as string)?.base === 'i'))) {
    start = 2
  }
  const cluster: string[] = []
  for (let i = start; i <= lastVowel; i++) cluster.push((VOWELS.get(chars[i] as string) as VowelInfo).base)
  const hasFinal = lastVowel < chars.length - 1

  let target: number
  let markedAt = -1
  cluster.forEach((b, i) => {
    if (MARKED_VOWELS.has(b)) markedAt = i
  })
  if (markedAt >= 0) target = markedAt
  else if (cluster.length === 1) target = 0
  else if (hasFinal) target = cluster.length - 1
  else if (cluster.length === 2) target = 0
  else if (cluster.length === 3) target = 1
  else return word

  const out = chars.slice()
  for (let i = firstVowel; i <= lastVowel; i++) out[i] = (VOWELS.get(chars[i] as string) as VowelInfo).base
  const at = start + target
  out[at] = COMPOSE.get((out[at] as string) + tone) ?? (out[at] as string)
  return out.join('')
}

const COMBINING = /[\u0300-\u036f]/g

/**
 * The folded form: no diacritics, "đ" → "d". Used for matching what people type without accents.
 *
 * @example fold('Hộ nghèo được hỗ trợ gì') // 'Ho ngheo duoc ho tro gi'
 */
export function fold(text: string): string {
  return text.normalize('NFD').replace(COMBINING, '').replace(/đ/g, 'd').replace(/Đ/g, 'D')
}

// A token is a run of letters/digits; ".,:/" join digits ("3.000.000", "15/12", "14:30"), "-" joins a digit to
// its neighbour ("HN-001", "5-6tr"), a leading "-" before a digit is a sign, a trailing "%" stays.
const TOKEN =
  /(?:(?<![\p{L}\p{N}])-(?=\p{N}))?[\p{L}\p{M}\p{N}]+(?:(?:(?<=\p{N})[.,:/](?=\p{N})|(?<=\p{N})-(?=[\p{L}\p{N}])|(?<=\p{L})-(?=\p{N}))[\p{L}\p{M}\p{N}]+)*%?/gu
// Chat elongation ("chàooo", "đcccc"); Vietnamese never has a letter three times in a row.
const ELONGATION = /(\p{L})\1{2,}/gu
const HAS_DIGIT = /\p{N}/u
const IS_NUMBER = /^-?\p{N}[\p{N}.,]*$/u

interface ContextRule {
  prev?: string[]
  next?: string[]
  final?: boolean
}

const WORDS = new Map<string, string>(Object.entries(teencode.words))
const AFTER_NUMBER = new Map<string, string>(Object.entries(teencode.afterNumber))
const CONTEXTUAL = new Map<string, { expansion: string; prev: Set<string>; next: Set<string>; final: boolean }[]>()
for (const [token, options] of Object.entries(teencode.contextual as Record<string, Record<string, ContextRule | string>>)) {
  const rules = []
  for (const [expansion, rule] of Object.entries(options)) {
    if (typeof rule === 'string') continue // "$comment"
    rules.push({
      expansion,
      prev: new Set((rule.prev ?? []).map(fold)),
      next: new Set((rule.next ?? []).map(fold)),
      final: rule.final === true,
    })
  }
  CONTEXTUAL.set(token, rules)
}

function resolveContextual(token: string, prev: string | undefined, next: string | undefined): string {
  const rules = CONTEXTUAL.get(token)
  if (!rules) return token
  const p = prev === undefined ? undefined : fold(prev)
  const n = next === undefined ? undefined : fold(next)
  let best = token
  let bestScore = 0
  let tie = false
  for (const r of rules) {
    const score = (p !== undefined && r.prev.has(p) ? 2 : 0) + (n !== undefined && r.next.has(n) ? 1 : 0) + (n === undefined && r.final ? 1 : 0)
    if (score > bestScore) {
      best = r.expansion
      bestScore = score
      tie = false
    } else if (score === bestScore && score > 0) tie = true
  }
  return tie ? token : best
}

/** The first word the next raw token will become, so context reads the same before and after normalising. */
function nextWord(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined
  const tok = HAS_DIGIT.test(raw) ? raw : placeTone(raw.replace(ELONGATION, '$1'))
  const expanded = WORDS.get(tok)
  return expanded === undefined ? tok : expanded.split(' ')[0]
}

/**
 * Splits raw text into normalised tokens: NFC, lowercase, punctuation and control characters dropped,
 * elongations squashed, one tone placement, teencode expanded (an expansion may yield several words).
 */
export function normalizeTokens(text: string): string[] {
  const raw = text.normalize('NFC').toLowerCase().match(TOKEN) ?? []
  const out: string[] = []
  for (let i = 0; i < raw.length; i++) {
    let tok = raw[i] as string
    if (!HAS_DIGIT.test(tok)) tok = placeTone(tok.replace(ELONGATION, '$1'))
    const prevOut = out[out.length - 1]
    let expanded: string | undefined
    if (prevOut !== undefined && IS_NUMBER.test(prevOut)) expanded = AFTER_NUMBER.get(tok)
    if (expanded === undefined) expanded = WORDS.get(tok)
    if (expanded === undefined && CONTEXTUAL.has(tok)) expanded = resolveContextual(tok, prevOut, nextWord(raw[i + 1]))
    if (expanded === undefined) out.push(tok)
    else for (const w of expanded.split(' ')) out.push(w)
  }
  return out
}

/**
 * The normalised form of a message, tokens joined by single spaces.
 *
 * @example normalize('Hộ nghèo đc hỗ trợ j??') // 'hộ nghèo được hỗ trợ gì'
 * @example normalize('Lương 6TR, nhà 5 ng') // 'lương 6tr nhà 5 người'
 */
export function normalize(text: string): string {
  return normalizeTokens(text).join(' ')
}
