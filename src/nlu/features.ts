/**
 * What the intent classifier sees of a message: folded words with spelling variants merged, numbers reduced to
 * their shape (a date, a time, money, a code), then word uni/bigrams and character n-grams. Character n-grams
 * carry typos and missing word breaks; words carry the meaning.
 *
 * Features are 32-bit FNV-1a hashes, never strings, and character n-grams stay inside words: the classifier
 * sums a word's n-gram weights once and reuses the sum, which keeps understanding a message in microseconds.
 */

/** Feature settings; stored in the model so inference extracts exactly what training saw. */
export interface FeatureOptions {
  /** Shortest and longest character n-gram, taken over the whole folded sentence with spaces. */
  charMin: number
  charMax: number
  /** Weight of a character n-gram relative to a word. */
  charWeight: number
  /** Whether word bigrams are features. */
  wordBigrams: boolean
}

/**
 * Chosen by cross-validation on the training utterances (scripts/nlu-experiment.ts). With the larger persona data,
 * character n-grams worth 0.2 of a word (was 0.4) did a little better in every comparison: cross-validation, the
 * persona folds, and a model of the earlier data scored on the second development set it had never seen.
 */
export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = { charMin: 2, charMax: 4, charWeight: 0.2, wordBigrams: true }

const DATE = /^\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?$/
const TIME = /^\d{1,2}(?:h|g|:)\d{0,2}(?:p|ph|phut)?$/
const MONEY = /^-?\d[\d.,]*(?:k|tr|trieu|ty|ti|d|dong|cu|nghin|ngan)\d{0,3}$/
const YEAR = /^(?:19|20)\d\d$/
const CODE = /^[a-z]+-?\d+[a-z0-9-]*$|^\d+-[a-z]+/

function hasDigit(t: string): boolean {
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i)
    if (c >= 48 && c <= 57) return true
  }
  return false
}
// "kỳ"/"kì", "lý"/"lí", "quy"/"qui": the same syllable spelled with y or i after a consonant.
const FINAL_Y = /^([bcdghklmnpqrstvx]+|qu)y$/

/** One folded token as the classifier sees it. */
export function canonicalWord(t: string): string {
  if (hasDigit(t)) {
    if (t.endsWith('%')) return '0pct'
    if (DATE.test(t)) return '0date'
    if (TIME.test(t)) return '0time'
    if (MONEY.test(t)) return '0money'
    if (YEAR.test(t)) return '0year'
    if (CODE.test(t)) return '0code'
    return '0num'
  }
  if (t.charCodeAt(t.length - 1) !== 121 /* y */) return t
  const y = FINAL_Y.exec(t)
  return y ? `${y[1]}i` : t
}

const FNV_PRIME = 16777619
const SEED_WORD = 0x811c9dc5 | 0
const SEED_BIGRAM = 0x01000193 | 0
const SEED_CHAR = 0x5bd1e995 | 0

function hashString(seed: number, s: string): number {
  let h = seed
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME)
  return h
}

/** The words of a message as the classifier sees them. */
export function canonicalWords(foldedTokens: readonly string[]): string[] {
  const out = new Array<string>(foldedTokens.length)
  for (let i = 0; i < foldedTokens.length; i++) out[i] = canonicalWord(foldedTokens[i] as string)
  return out
}

/** How many character n-grams a word yields (it is padded with a space on each side). */
export function gramCount(word: string, opts: FeatureOptions): number {
  let n = 0
  for (let g = opts.charMin; g <= opts.charMax; g++) n += Math.max(0, word.length + 3 - g)
  return n
}

/** Value of one word (or bigram) occurrence and of one character n-gram, so the vector has unit length. */
export function featureScale(words: readonly string[], opts: FeatureOptions): { wordValue: number; charValue: number } {
  const n = words.length
  if (n === 0) return { wordValue: 0, charValue: 0 }
  const bigrams = opts.wordBigrams ? n - 1 : 0
  let grams = 0
  if (opts.charWeight > 0) for (const w of words) grams += gramCount(w, opts)
  const cw = opts.charWeight
  const inv = 1 / Math.sqrt(n + bigrams + cw * cw * grams)
  return { wordValue: inv, charValue: cw * inv }
}

/** Hash of a word unigram. */
export function wordHash(word: string): number {
  const h = hashString(SEED_WORD, word)
  return h === 0 ? 1 : h
}

/** Hash of a word bigram. */
export function bigramHash(first: string, second: string): number {
  return bigramHashOf(wordHash(first), wordHash(second))
}

/** Hash of a word bigram from the two words' {@link wordHash}es: O(1), so scoring never re-reads the words. */
export function bigramHashOf(first: number, second: number): number {
  let h = Math.imul(first ^ SEED_BIGRAM, FNV_PRIME)
  h = Math.imul(h ^ second, 0x5bd1e995)
  h ^= h >>> 13
  h = Math.imul(h, 0x5bd1e995)
  h ^= h >>> 15
  return h === 0 ? 1 : h
}

/**
 * Calls `visit` with the hash of every character n-gram of one word padded with spaces (" ho ": " h", "ho",
 * "o ", " ho", …). N-grams stay inside a word, so a word's n-gram contribution can be computed once and reused.
 */
export function forEachGram(word: string, opts: FeatureOptions, visit: (hash: number) => void): void {
  const len = word.length + 2
  const code = (i: number): number => (i === 0 || i === len - 1 ? 32 : word.charCodeAt(i - 1))
  for (let i = 0; i < len; i++) {
    let h = SEED_CHAR
    for (let k = 0; k < opts.charMax && i + k < len; k++) {
      h = Math.imul(h ^ code(i + k), FNV_PRIME)
      if (k + 1 >= opts.charMin) {
        const g = Math.imul(h ^ (k + 1), FNV_PRIME)
        visit(g === 0 ? 1 : g)
      }
    }
  }
}

/**
 * The features of a message as a sparse vector: distinct hashes with summed values. For training and
 * inspection; scoring visits features directly.
 */
export function extractFeatures(foldedTokens: readonly string[], opts: FeatureOptions): { hashes: number[]; values: number[] } {
  const words = canonicalWords(foldedTokens)
  const { wordValue, charValue } = featureScale(words, opts)
  const acc = new Map<number, number>()
  const add = (h: number, v: number): void => {
    acc.set(h, (acc.get(h) ?? 0) + v)
  }
  words.forEach((w, i) => {
    add(wordHash(w), wordValue)
    if (opts.wordBigrams && i > 0) add(bigramHash(words[i - 1] as string, w), wordValue)
    if (opts.charWeight > 0) forEachGram(w, opts, (h) => add(h, charValue))
  })
  return { hashes: [...acc.keys()], values: [...acc.values()] }
}
