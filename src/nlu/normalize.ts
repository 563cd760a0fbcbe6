import teencode from '../../locales/vi/nlu/teencode.json'

/**
 * Text normalisation for Vietnamese chat: NFC, lowercase, one tone placement, teencode expanded, numbers kept
 * whole ("3.000.000đ", "1tr2", "15/12", "14:30", "-5tr" stay single tokens), everything else split on
 * punctuation and whitespace. Pure and total: any string in, a string out.
 *
 * It runs on every message, so it is one hand-written pass over the characters with table lookups, not a
 * chain of regular expressions.
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

/** Vowel facts by character code (all Vietnamese vowels are below U+2000). */
const VOWEL_CODE: (VowelInfo | undefined)[] = new Array<VowelInfo | undefined>(0x2000)
const COMPOSE = new Map<string, string>()
for (const base of VOWEL_BASES) {
  VOWEL_CODE[base.charCodeAt(0)] = { base, tone: -1 }
  TONE_MARKS.forEach((mark, tone) => {
    const composed = (base + mark).normalize('NFC')
    VOWEL_CODE[composed.charCodeAt(0)] = { base, tone }
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
  let tone = -1
  let toneAt = -1
  let firstVowel = -1
  let lastVowel = -1
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i)
    // Astral characters or a stray combining mark (one NFC could not compose): not a clean syllable.
    if ((code >= 0xd800 && code <= 0xdfff) || (code >= 0x300 && code <= 0x36f)) return word
    const v = code < 0x2000 ? VOWEL_CODE[code] : undefined
    if (v === undefined) continue
    if (firstVowel < 0) firstVowel = i
    else if (lastVowel !== i - 1) return word // a second vowel group: not one syllable
    lastVowel = i
    if (v.tone >= 0) {
      if (tone >= 0) return word
      tone = v.tone
      toneAt = i
    }
  }
  // No tone, or a single vowel that already carries it: nothing to move (most words).
  if (tone < 0 || firstVowel === lastVowel) return word

  let start = firstVowel
  // In "qu" and "gi" the u/i belongs to the consonant when another vowel follows ("quý", "giữa").
  if (start === 1 && lastVowel > 1 && ((word[0] === 'q' && word[1] === 'u') || (word[0] === 'g' && VOWEL_CODE[word.charCodeAt(1)]?.base === 'i'))) {
    start = 2
  }
  const size = lastVowel - start + 1
  // Vietnamese vowel groups have at most three letters; "aaảa" is noise, and moving its tone could even
  // create a new elongation for the next pass to squash.
  if (size > 3) return word
  const hasFinal = lastVowel < word.length - 1

  let target: number
  let markedAt = -1
  for (let i = 0; i < size; i++) if (MARKED_VOWELS.has((VOWEL_CODE[word.charCodeAt(start + i)] as VowelInfo).base)) markedAt = i
  if (markedAt >= 0) target = markedAt
  else if (size === 1) target = 0
  else if (hasFinal) target = size - 1
  else if (size === 2) target = 0
  else target = 1

  const at = start + target
  if (at === toneAt) return word
  let out = word.slice(0, firstVowel)
  for (let i = firstVowel; i <= lastVowel; i++) {
    const base = (VOWEL_CODE[word.charCodeAt(i)] as VowelInfo).base
    out += i === at ? (COMPOSE.get(base + tone) ?? base) : base
  }
  return out + word.slice(lastVowel + 1)
}

const COMBINING = /[\u0300-\u036f]/g
const MAX_CACHE = 4096
/** Folded form per character below U+2000 (Latin, Vietnamese, combining marks), filled on first sight. */
const FOLD_TABLE: (string | undefined)[] = new Array<string | undefined>(0x2000)
const FOLD_OTHER = new Map<number, string>()

function foldChar(code: number): string {
  let f = code < 0x2000 ? FOLD_TABLE[code] : FOLD_OTHER.get(code)
  if (f === undefined) {
    f = code === 0x111 ? 'd' : code === 0x110 ? 'D' : String.fromCharCode(code).normalize('NFD').replace(COMBINING, '')
    if (code < 0x2000) FOLD_TABLE[code] = f
    else if (FOLD_OTHER.size < MAX_CACHE) FOLD_OTHER.set(code, f)
  }
  return f
}

/**
 * The folded form: no diacritics, "đ" → "d". Used for matching what people type without accents.
 *
 * @example fold('Hộ nghèo được hỗ trợ gì') // 'Ho ngheo duoc ho tro gi'
 */
export function fold(text: string): string {
  let i = 0
  while (i < text.length && text.charCodeAt(i) < 0x80) i++
  if (i === text.length) return text
  let out = text.slice(0, i)
  for (; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x80) out += text[i] as string
    else if (code >= 0xd800 && code <= 0xdfff) return foldSlow(text) // astral characters: let NFD decide
    else out += foldChar(code)
  }
  return out
}

function foldSlow(text: string): string {
  return text.normalize('NFD').replace(COMBINING, '').replace(/đ/g, 'd').replace(/Đ/g, 'D')
}

/** Character kinds for the tokenizer (small integers so a message's kinds fit a Uint8Array). */
const Kind = { Other: 0, Letter: 1, Mark: 2, Digit: 3 } as const
type Kind = (typeof Kind)[keyof typeof Kind]

const KIND_CACHE = new Map<number, Kind>()
/** Kinds below U+2000 (all Vietnamese letters), by code; 255 = not looked up yet. */
const KIND_TABLE = new Uint8Array(0x2000).fill(255)
const IS_LETTER = /^\p{L}$/u
const IS_MARK = /^\p{M}$/u
const IS_DIGIT = /^\p{N}$/u

/** Unicode class of a code point, as the tokenizer needs it: ASCII by range, the rest by property (cached). */
function kindOf(cp: number): Kind {
  if (cp < 0x80) {
    if (cp >= 97 && cp <= 122) return Kind.Letter
    if (cp >= 48 && cp <= 57) return Kind.Digit
    if (cp >= 65 && cp <= 90) return Kind.Letter
    return Kind.Other
  }
  if (cp < 0x2000) {
    const t = KIND_TABLE[cp] as number
    if (t !== 255) return t as Kind
  }
  let k = KIND_CACHE.get(cp)
  if (k === undefined) {
    const ch = String.fromCodePoint(cp)
    k = IS_LETTER.test(ch) ? Kind.Letter : IS_MARK.test(ch) ? Kind.Mark : IS_DIGIT.test(ch) ? Kind.Digit : Kind.Other
    if (cp < 0x2000) KIND_TABLE[cp] = k
    else if (KIND_CACHE.size < MAX_CACHE) KIND_CACHE.set(cp, k)
  }
  return k
}

interface RawToken {
  text: string
  hasDigit: boolean
  ascii: boolean
  /** Punctuation that ends a clause (. , ? ! ; : … or a line break) stands between this token and the one before. */
  afterBreak: boolean
}

/** . , ? ! ; : … and line breaks: where a clause ends (a comma between digits joins them instead, see scan). */
function isBreak(c: number): boolean {
  return c === 46 || c === 44 || c === 63 || c === 33 || c === 59 || c === 58 || c === 10 || c === 0x2026
}

function isWordKind(k: number | undefined): boolean {
  return k === Kind.Letter || k === Kind.Mark || k === Kind.Digit
}

/**
 * Splits lowercase NFC text into raw tokens. A token is a run of letters, marks and digits; ".,:/" join two
 * digits ("3.000.000", "15/12", "14:30"); "-" joins a digit to a letter or digit ("HN-001", "5-6tr"); a "-"
 * before a digit that follows no letter or digit is a sign ("-5tr"); a "%" right after a token stays.
 */
/** Scratch for {@link scan}, reused across messages (scanning is synchronous). */
let kindsBuffer = new Uint8Array(1024)

function scan(s: string): RawToken[] {
  const out: RawToken[] = []
  const n = s.length
  // Kinds per UTF-16 unit; a surrogate pair gets its code point's kind on both halves. One slot past the end
  // stays Other, so looking one character ahead needs no bounds check.
  if (kindsBuffer.length < n + 1) kindsBuffer = new Uint8Array(2 * (n + 1))
  const kinds = kindsBuffer
  kinds[n] = Kind.Other
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x80) kinds[i] = kindOf(c)
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const k = kindOf(s.codePointAt(i) as number)
      kinds[i] = k
      kinds[i + 1] = k
      i++
    } else kinds[i] = kindOf(c)
  }
  let i = 0
  let sawBreak = false
  while (i < n) {
    const k = kinds[i]
    const startsSign = s.charCodeAt(i) === 45 && kinds[i + 1] === Kind.Digit && !(kinds[i - 1] === Kind.Letter || kinds[i - 1] === Kind.Digit)
    if (!isWordKind(k) && !startsSign) {
      if (isBreak(s.charCodeAt(i))) sawBreak = true
      i++
      continue
    }
    const start = i
    if (startsSign) i++
    let hasDigit = false
    let ascii = true
    for (;;) {
      while (i < n && isWordKind(kinds[i])) {
        if (kinds[i] === Kind.Digit) hasDigit = true
        if (s.charCodeAt(i) >= 0x80) ascii = false
        i++
      }
      if (i >= n) break
      const c = s.charCodeAt(i)
      const before = kinds[i - 1]
      const after = kinds[i + 1]
      const joinsDigits = (c === 46 || c === 44 || c === 58 || c === 47) && before === Kind.Digit && after === Kind.Digit
      const joinsDash = c === 45 && ((before === Kind.Digit && (after === Kind.Letter || after === Kind.Digit)) || (before === Kind.Letter && after === Kind.Digit))
      if (!joinsDigits && !joinsDash) break
      i++
    }
    if (i < n && s.charCodeAt(i) === 37) i++ // "%"
    out.push({ text: s.slice(start, i), hasDigit, ascii, afterBreak: sawBreak && out.length > 0 })
    sawBreak = false
  }
  return out
}

/** Chat elongation ("chàooo", "đcccc"): Vietnamese never has a letter three times in a row. */
function squashElongation(t: string): string {
  for (let i = 2; i < t.length; i++) {
    const c = t.charCodeAt(i)
    // Three equal code units, or any surrogate (an astral letter repeats as pairs): let the regex decide.
    if ((c === t.charCodeAt(i - 1) && c === t.charCodeAt(i - 2)) || (c >= 0xd800 && c <= 0xdfff)) return t.replace(ELONGATION, '$1')
  }
  return t
}

const ELONGATION = /(\p{L})\1{2,}/gu

const IS_NUMBER = /^-?\p{N}[\p{N}.,]*$/u

interface ContextRule {
  prev?: string[]
  next?: string[]
  final?: boolean
  /** Chosen when no option's context matches (the domain's usual meaning of an abbreviation). */
  default?: boolean
}

/** An expansion in both forms, so folding it costs nothing per message. */
interface Expansion {
  accented: string[]
  folded: string[]
}

function expansion(text: string): Expansion {
  const accented = text.split(' ')
  return { accented, folded: accented.map(fold) }
}

const WORDS = new Map<string, Expansion>(Object.entries(teencode.words).map(([k, v]) => [k, expansion(v)]))
const AFTER_NUMBER = new Map<string, Expansion>(Object.entries(teencode.afterNumber).map(([k, v]) => [k, expansion(v)]))
const CONTEXTUAL = new Map<string, { expansion: Expansion; prev: Set<string>; next: Set<string>; final: boolean; fallback: boolean }[]>()
for (const [token, options] of Object.entries(teencode.contextual as Record<string, Record<string, ContextRule | string>>)) {
  const rules = []
  for (const [text, rule] of Object.entries(options)) {
    if (typeof rule === 'string') continue // "$comment"
    rules.push({
      expansion: expansion(text),
      prev: new Set((rule.prev ?? []).map(fold)),
      next: new Set((rule.next ?? []).map(fold)),
      final: rule.final === true,
      fallback: rule.default === true,
    })
  }
  CONTEXTUAL.set(token, rules)
}

const ANY_RULE = new Set([...WORDS.keys(), ...AFTER_NUMBER.keys(), ...CONTEXTUAL.keys()])

/** Picks a contextual expansion from the neighbours (folded); undefined leaves the token alone. */
function resolveContextual(token: string, prev: string | undefined, next: string | undefined): Expansion | undefined {
  const rules = CONTEXTUAL.get(token)
  if (!rules) return undefined
  let best: Expansion | undefined
  let bestScore = 0
  let tie = false
  for (const r of rules) {
    // A default counts less than any matching neighbour, so context always overrides it.
    const score =
      (prev !== undefined && r.prev.has(prev) ? 2 : 0) + (next !== undefined && r.next.has(next) ? 1 : 0) + (next === undefined && r.final ? 1 : 0) + (r.fallback ? 0.5 : 0)
    if (score > bestScore) {
      best = r.expansion
      bestScore = score
      tie = false
    } else if (score === bestScore && score > 0) tie = true
  }
  return tie ? undefined : best
}

function cleaned(raw: RawToken): string {
  if (raw.hasDigit) return raw.text
  const t = squashElongation(raw.text)
  return raw.ascii ? t : placeTone(t)
}

/** The first folded word the next raw token will become, so context reads the same before and after normalising. */
function nextWord(raw: RawToken | undefined): string | undefined {
  if (raw === undefined) return undefined
  const tok = cleaned(raw)
  const expanded = WORDS.get(tok)
  return expanded === undefined ? fold(tok) : expanded.folded[0]
}

/** What a raw token becomes on its own (context may still expand it). */
interface TokenInfo {
  accented: string
  folded: string
  /** It is teencode of some kind: look at the rules. */
  rule: boolean
}

// Chat repeats a small vocabulary: each distinct raw token is cleaned and folded once. Reusing the same
// string objects also lets every later map lookup on them skip re-hashing. Bounded, so memory stays flat.
const TOKEN_CACHE = new Map<string, TokenInfo>()
const TOKEN_CACHE_MAX = 20_000

function tokenInfo(raw: RawToken): TokenInfo {
  let info = TOKEN_CACHE.get(raw.text)
  if (info === undefined) {
    const accented = cleaned(raw)
    info = { accented, folded: raw.ascii ? accented : fold(accented), rule: ANY_RULE.has(accented) }
    if (TOKEN_CACHE.size >= TOKEN_CACHE_MAX) TOKEN_CACHE.clear()
    TOKEN_CACHE.set(raw.text, info)
  }
  return info
}

/** A message's tokens in two parallel forms: normalised (accented) and folded. */
export interface AnalyzedText {
  accented: string[]
  folded: string[]
  /** Some token contains a digit (parsers of numbers skip messages without one). */
  hasDigit: boolean
  /** Indexes of the tokens that begin a clause after the first ("…, vậy nhà chị…": the index of "vậy"). */
  clauseStarts: number[]
}

/**
 * Normalises a message into tokens, with their folded forms: NFC, lowercase, punctuation and control
 * characters dropped, elongations squashed, one tone placement, teencode expanded (an expansion may yield
 * several words). `accented[i]` and `folded[i]` are the same token.
 */
export function analyzeText(text: string): AnalyzedText {
  const raws = scan(text.normalize('NFC').toLowerCase())
  const accented: string[] = []
  const folded: string[] = []
  let hasDigit = false
  const clauseStarts: number[] = []
  for (let i = 0; i < raws.length; i++) {
    const raw = raws[i] as RawToken
    if (raw.hasDigit) hasDigit = true
    if (raw.afterBreak) clauseStarts.push(accented.length)
    const known = tokenInfo(raw)
    const tok = known.accented
    let expanded: Expansion | undefined
    if (known.rule) {
      const prev = accented[accented.length - 1]
      const afterNumber = AFTER_NUMBER.get(tok)
      if (afterNumber !== undefined && prev !== undefined && IS_NUMBER.test(prev)) expanded = afterNumber
      expanded ??= WORDS.get(tok)
      if (expanded === undefined && CONTEXTUAL.has(tok)) expanded = resolveContextual(tok, folded[folded.length - 1], nextWord(raws[i + 1]))
    }
    if (expanded === undefined) {
      accented.push(tok)
      folded.push(known.folded)
    } else {
      for (let k = 0; k < expanded.accented.length; k++) {
        accented.push(expanded.accented[k] as string)
        folded.push(expanded.folded[k] as string)
      }
    }
  }
  return { accented, folded, hasDigit, clauseStarts }
}

/**
 * Splits raw text into normalised tokens (the `accented` side of {@link analyzeText}).
 *
 * @example normalizeTokens('Lương 6TR, nhà 5 ng') // ['lương', '6tr', 'nhà', '5', 'người']
 */
export function normalizeTokens(text: string): string[] {
  return analyzeText(text).accented
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
