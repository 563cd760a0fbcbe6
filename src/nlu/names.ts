import data from '../../locales/vi/nlu/names.json'
import { fold } from './normalize.ts'

/**
 * People's names and household codes, for officers' lookups ("tra hộ Ksor H'Bian thôn 3", "hộ bà y kim",
 * "xem hộ HN-023"). Names follow the patterns of the area (data: locales/vi/nlu/names.json): Central Highlands
 * names (Y Kim, A Blơng, H'Nga, Ksor H'Bian, Siu Thị Hoa, Rơ Châm Nay, Nay H'Liên, Rmah Dơk, Kpă Thu) and Kinh full
 * names (Nguyễn Văn Hải). A name is taken
 *  - after a title ("hộ", "ông", "bà", "chị", "chủ hộ"…), when it starts with a known prefix or surname, or is
 *    capitalised;
 *  - without a title, when it is capitalised and starts with a known prefix or surname, or starts with a
 *    prefix that is no Vietnamese word (ksor, siu, rmah…) however it is typed.
 * A name has at least two words, or is one H'… word, or one capitalised word after a title ("ông Tám"); it ends at
 * a word such as "thôn", "có", "là".
 */

/** A word of the message as typed, with its folded form. */
interface Word {
  text: string
  folded: string
  capital: boolean
  /** Typed without diacritics (ASCII letters only). */
  plain: boolean
  /** Punctuation (, . ; : ! ?) follows it: a name ends there. */
  closes: boolean
}

const foldAll = (xs: readonly string[]) => new Set(xs.map((x) => fold(x)))
const PREFIXES = foldAll(data.prefixes)
const DISTINCTIVE = foldAll(data.distinctive)
const SURNAMES = foldAll(data.surnames)
/** Stops as typed with diacritics, and folded for words typed without — except folded forms that are also name
 * words ("thì"/Thị, "ạ"/A, "hả"/Hà, "mà"/Mã). */
const STOPS_ACCENTED = new Set(data.stops.map((x) => x.normalize('NFC')))
const NAME_LIKE_FOLDED = new Set(['thi', 'a', 'ha', 'ma', 'van', 'nay'])
const STOPS_FOLDED = new Set([...foldAll(data.stops)].filter((x) => !NAME_LIKE_FOLDED.has(x)))
const NOT_NAMES = data.notNames.map((x) => fold(x).split(' '))
const BEFORE_PLACE = foldAll(data.before)
/** First words of place names ("Đăk Hà", "Kon Tum"): a run starting so is a place, titled or not. */
const PLACE_STARTS = foldAll(data.placeStarts)
/** Titles by their folded words ("chu ho" → ["chu", "ho"]), longest first. */
const TITLES = data.titles.map((t) => fold(t).split(' ')).sort((a, b) => b.length - a.length)
/** Titles that count only as typed: "o" (aunt), never "ở" (at), whose folded form it shares. */
const EXACT_TITLES = new Set(data.exactTitles.map((x) => x.normalize('NFC')))
/** Surnames that are also common words ("mai", "hà", "la", "văn") start a name only when capitalised. */
const WORDLIKE_SURNAMES = foldAll(['mai', 'hà', 'la', 'văn', 'từ', 'giang', 'thân', 'chu', 'cao', 'lại', 'tô', 'châu', 'lâm', 'vàng', 'mùa', 'hầu', 'lầu'])

// Letters with marks, and the apostrophes of H'Nga / H’Nga / Hʼnga.
const WORD = /[\p{L}\p{M}]+(?:['’ʼ`][\p{L}\p{M}]+)?|\d+/gu
const H_PREFIX = /^h['’ʼ`]/i
const MAX_NAME_WORDS = 4

function words(text: string): Word[] {
  const out: Word[] = []
  const nfc = text.normalize('NFC')
  for (const m of nfc.matchAll(WORD)) {
    const t = m[0]
    const first = t.charAt(0)
    const folded = fold(t.toLowerCase()).replace(/['’ʼ`]/g, "'")
    const after = nfc.charAt((m.index ?? 0) + t.length)
    out.push({
      text: t,
      folded,
      capital: first !== first.toLowerCase(),
      plain: folded === t.toLowerCase().replace(/['’ʼ`]/g, "'"),
      closes: after !== '' && ',.;:!?'.includes(after),
    })
  }
  return out
}

const isHWord = (w: Word) => H_PREFIX.test(w.text) && w.text.length > 2
const isStop = (w: Word) => (w.plain ? STOPS_FOLDED.has(w.folded) : STOPS_ACCENTED.has(w.text.toLowerCase()))
const isDigit = (w: Word) => /^\d/.test(w.text)

/** Whether `w` can start a name: a known prefix or surname (word-like surnames only capitalised), or H'…. */
function startsName(w: Word): boolean {
  if (isHWord(w)) return true
  if (PREFIXES.has(w.folded)) return true
  return SURNAMES.has(w.folded) && (w.capital || !WORDLIKE_SURNAMES.has(w.folded))
}

/** "y kim" → "Y Kim", "h'nga" → "H'Nga", "rơ châm" → "Rơ Châm". */
function titleCase(w: string): string {
  const lower = w.toLowerCase().replace(/['’ʼ`]/g, "'")
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)
  return lower.includes("'") ? lower.split("'").map(cap).join("'") : cap(lower)
}

/** The name that starts at word i, if the words there look like one. */
function nameAt(ws: readonly Word[], i: number, titled: boolean): { words: Word[]; end: number } | undefined {
  const first = ws[i]
  if (!first || isDigit(first) || isStop(first) || PLACE_STARTS.has(first.folded)) return undefined
  if (NOT_NAMES.some((n) => n.every((part, k) => ws[i + k]?.folded === part))) return undefined
  const distinctive = DISTINCTIVE.has(first.folded)
  if (!titled && !(distinctive || (first.capital && startsName(first)) || (isHWord(first) && first.capital))) return undefined
  if (titled && !(startsName(first) || first.capital)) return undefined
  const taken: Word[] = [first]
  let j = i + 1
  while (j < ws.length && taken.length < MAX_NAME_WORDS && !(ws[j - 1] as Word).closes) {
    const w = ws[j] as Word
    if (isDigit(w) || isStop(w) || w.text.length > 8 || PLACE_STARTS.has(w.folded)) break
    // Untitled and typed with capitals, the name is the capitalised run ("Ksor H'Bian hỏi gì").
    if (!titled && !distinctive && !w.capital) break
    taken.push(w)
    j++
  }
  // One word is a name only as H'… or capitalised after a title ("bà Hoa", "ông Tám").
  if (taken.length < 2 && !isHWord(first) && !(titled && first.capital)) return undefined
  return { words: taken, end: j }
}

function titleEndingAt(ws: readonly Word[], i: number): number | undefined {
  for (const t of TITLES) {
    if (!t.every((part, k) => ws[i + k]?.folded === part)) continue
    if (t.length === 1 && EXACT_TITLES.has(t[0] as string) && (ws[i] as Word).text.toLowerCase() !== t[0]) continue
    return i + t.length
  }
  return undefined
}

/** The first person's name in a message, written the usual way ("Ksor H'Bian"), or undefined. */
export function parsePersonName(text: string): string | undefined {
  return findPersonName(text)?.name
}

/** The first person's name and the words it spans as typed (for the classifier, which reads it as one token). */
export function findPersonName(text: string): { name: string; typed: string[] } | undefined {
  if (typeof text !== 'string' || text.length === 0) return undefined
  const ws = words(text.length > 1000 ? text.slice(0, 1000) : text)
  for (let i = 0; i < ws.length; i++) {
    const afterTitle = titleEndingAt(ws, i)
    if (afterTitle !== undefined) {
      // "hộ ông Y Kim": skip titles in a row to the name.
      let at = afterTitle
      for (let more = titleEndingAt(ws, at); more !== undefined && more > at; more = titleEndingAt(ws, at)) at = more
      const found = nameAt(ws, at, true)
      if (found) return done(found.words)
      continue
    }
    const prev = ws[i - 1]
    if (prev && BEFORE_PLACE.has(prev.folded)) continue
    const found = nameAt(ws, i, false)
    if (found) return done(found.words)
  }
  return undefined
}

function done(ws: readonly Word[]): { name: string; typed: string[] } {
  return { name: ws.map((w) => titleCase(w.text)).join(' '), typed: ws.map((w) => w.text) }
}

/** Household codes as the commune writes them: HN-023, CN-107, HCN-012 (a letter prefix and a number). */
const CODE = /(?<![\p{L}\p{N}])(HCN|HN|CN|HGĐ|HGD|HO|MH)\s?[-–.]?\s?(\d{1,6})(?![\p{L}\p{N}])/iu
/** "mã hộ 0312", "mã số 0312", "mã 0312". */
const CODE_AFTER_WORD = /(?<![\p{L}\p{N}])m[ãa](?:\s+(?:h[ộo]|s[ốo]))?\s*[:#]?\s*([A-Za-z]{0,4}[-–]?\d{1,8})(?![\p{L}\p{N}])/iu

/** The household code in a message, upper-cased with a hyphen ("hn 23" → "HN-23"), or undefined. */
export function parseHouseholdCode(text: string): string | undefined {
  if (typeof text !== 'string' || text.length === 0) return undefined
  const t = text.length > 1000 ? text.slice(0, 1000) : text
  const m = CODE.exec(t)
  if (m) return `${fold((m[1] as string).toUpperCase()).toUpperCase()}-${m[2] as string}`
  const n = CODE_AFTER_WORD.exec(t)
  if (n) {
    const code = (n[1] as string).toUpperCase().replace('–', '-')
    const parts = /^([A-Z]+)-?(\d+)$/.exec(code)
    return parts ? `${parts[1] as string}-${parts[2] as string}` : code
  }
  return undefined
}
