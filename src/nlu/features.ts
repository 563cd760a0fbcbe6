/**
 * What the intent classifier sees of a message: folded words with spelling variants merged, numbers reduced to
 * their shape (a date, a time, money, a code), then word uni/bigrams and character n-grams. Character n-grams
 * carry typos and missing word breaks; words carry the meaning; both are weighted and L2-normalised.
 */

/** Feature settings; stored in the model so inference extracts exactly what training saw. */
export interface FeatureOptions {
  /** Shortest and longest character n-gram, taken over the whole folded sentence with spaces. */
  charMin: number
  charMax: number
  /** Weight of the character n-gram block relative to the word block. */
  charWeight: number
  /** Whether word bigrams are features. */
  wordBigrams: boolean
}

/** Chosen by cross-validation on the training utterances (scripts/nlu-experiment.ts). */
export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = { charMin: 2, charMax: 4, charWeight: 0.4, wordBigrams: true }

const DATE = /^\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?$/
const TIME = /^\d{1,2}(?:h|g|:)\d{0,2}(?:p|ph|phut)?$/
const MONEY = /^-?\d[\d.,]*(?:k|tr|trieu|ty|ti|d|dong|cu|nghin|ngan)\d{0,3}$/
const YEAR = /^(?:19|20)\d\d$/
const CODE = /^[a-z]+-?\d+[a-z0-9-]*$|^\d+-[a-z]+/
const PERCENT = /%$/
const DIGIT = /\d/
// "kỳ"/"kì", "lý"/"lí", "quy"/"qui": the same syllable spelled with y or i after a consonant.
const FINAL_Y = /^([bcdghklmnpqrstvx]+|qu)y$/

/** One folded token as the classifier sees it. */
export function canonicalWord(t: string): string {
  if (DIGIT.test(t)) {
    if (PERCENT.test(t)) return '0pct'
    if (DATE.test(t)) return '0date'
    if (TIME.test(t)) return '0time'
    if (MONEY.test(t)) return '0money'
    if (YEAR.test(t)) return '0year'
    if (CODE.test(t)) return '0code'
    return '0num'
  }
  const y = FINAL_Y.exec(t)
  return y ? `${y[1]}i` : t
}

/**
 * Sparse feature vector of folded tokens: parallel arrays of feature names and values, L2-normalised.
 * Duplicates are merged; order is first appearance.
 */
export function extractFeatures(foldedTokens: readonly string[], opts: FeatureOptions): { names: string[]; values: number[] } {
  const words = foldedTokens.map(canonicalWord)
  const counts = new Map<string, number>()
  const add = (name: string): void => {
    counts.set(name, (counts.get(name) ?? 0) + 1)
  }
  for (let i = 0; i < words.length; i++) {
    add(`w ${words[i]}`)
    if (opts.wordBigrams && i + 1 < words.length) add(`b ${words[i]} ${words[i + 1]}`)
  }
  if (opts.charWeight > 0 && words.length > 0) {
    const s = ` ${words.join(' ')} `
    for (let n = opts.charMin; n <= opts.charMax; n++) {
      for (let i = 0; i + n <= s.length; i++) add(`c${s.slice(i, i + n)}`)
    }
  }
  const names: string[] = []
  const values: number[] = []
  let norm = 0
  for (const [name, count] of counts) {
    // Repeats add little meaning; damp them so "ok ok ok ok" is not a stronger "ok".
    const x = (name.charCodeAt(0) === 99 /* c */ ? opts.charWeight : 1) * (count > 1 ? Math.sqrt(count) : 1)
    names.push(name)
    values.push(x)
    norm += x * x
  }
  if (norm > 0) {
    const inv = 1 / Math.sqrt(norm)
    for (let i = 0; i < values.length; i++) values[i] = (values[i] as number) * inv
  }
  return { names, values }
}
