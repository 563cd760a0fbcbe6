import { bigramHashOf, canonicalWord, forEachGram, gramCount, wordHash, type FeatureOptions } from './features.ts'
import type { DecisionPolicy } from './intents.ts'
import type { IntentId } from './types.ts'

/**
 * The intent model as stored (model.generated.json): a linear softmax classifier over hashed sparse features,
 * with the temperature measured at training time by cross-validation and the decision policy tuned on the
 * development set.
 */
export interface IntentModelJson {
  version: 4
  intents: string[]
  features: FeatureOptions
  /** Weights and biases are stored as integers; divide by this. */
  scale: number
  /** Softmax temperature that makes cross-validated confidences match observed accuracy. */
  temperature: number
  /** When to answer, offer buttons or fall back (intents.ts). */
  decision: DecisionPolicy
  bias: number[]
  /** Feature hashes (see features.ts), ascending. */
  vocab: number[]
  /** How many (class, weight) pairs each vocabulary entry has, in order; the pairs follow in `classes`/`weights`. */
  rowLengths: number[]
  /** Flat, row after row: intent index and integer weight of every stored pair (flat arrays load fast). */
  classes: number[]
  weights: number[]
  /** Facts about the training run (counts, cross-validated accuracy); informative only. */
  info: Record<string, number | string>
}

/** Calibrated probabilities for one message. */
export interface IntentScores {
  /** The four most likely intents, best first. */
  ranked: { intent: IntentId; p: number }[]
  /** Share (0..1) of the message's squared feature mass that the model knows. 0 for an empty message. */
  known: number
  /** The message had no words at all (empty, emoji only, punctuation). */
  empty: boolean
}

/** A loaded model: score folded tokens. */
export interface IntentClassifier {
  readonly model: IntentModelJson
  score(foldedTokens: readonly string[]): IntentScores
  /** Raw (untempered) logits, for calibration during training. */
  logits(foldedTokens: readonly string[]): { logits: Float64Array; known: number }
}

const RANKED = 4

/** Turns the stored model into typed-array tables once; scoring is then a hash probe per feature occurrence. */
export function loadIntentClassifier(model: IntentModelJson): IntentClassifier {
  const k = model.intents.length
  const inv = 1 / model.scale
  const v = model.vocab.length
  let size = 16
  while (size < v * 2) size *= 2
  const mask = size - 1
  const keys = new Int32Array(size)
  const rows = new Int32Array(size)
  const rowStart = new Int32Array(v + 1)
  // Native conversions, no per-weight JavaScript: this runs once per cold Worker isolate.
  const cls = Uint8Array.from(model.classes)
  const w = Float64Array.from(model.weights)
  for (let j = 0; j < w.length; j++) w[j] = (w[j] as number) * inv
  let at = 0
  for (let i = 0; i < v; i++) {
    rowStart[i] = at
    at += model.rowLengths[i] as number
    const h = (model.vocab[i] as number) | 0
    let slot = (h ^ (h >>> 15)) & mask
    while (keys[slot] !== 0) slot = (slot + 1) & mask
    keys[slot] = h
    rows[slot] = i
  }
  rowStart[v] = at
  const bias = Float64Array.from(model.bias, (b) => b * inv)
  const intents = model.intents as IntentId[]

  function lookup(h: number): number {
    let slot = (h ^ (h >>> 15)) & mask
    let key = keys[slot] as number
    while (key !== h && key !== 0) {
      slot = (slot + 1) & mask
      key = keys[slot] as number
    }
    return key === 0 ? -1 : (rows[slot] as number)
  }

  function addRow(target: Float64Array, r: number, x: number): void {
    const end = rowStart[r + 1] as number
    for (let j = rowStart[r] as number; j < end; j++) {
      const c = cls[j] as number
      target[c] = (target[c] as number) + x * (w[j] as number)
    }
  }

  /** What the model makes of one word, independent of the message it is in. */
  interface WordInfo {
    /** Unigram hash, for bigrams with the next word. */
    hash: number
    /**
     * The word's unigram weights plus charWeight × its character n-grams' weights: since every n-gram is worth
     * charWeight × a word, the message only scales this sum.
     */
    weights: Float64Array
    /** Squared feature mass the model knows, in units of one word: unigram (0/1) + charWeight² × known n-grams. */
    known: number
    gramCount: number
  }
  // Chat reuses a small vocabulary: each token is looked up and its n-grams summed once. Bounded, so memory
  // stays flat however many distinct words arrive.
  const wordCache = new Map<string, WordInfo>()
  const WORD_CACHE_MAX = 20_000
  const opts = model.features
  const cw = opts.charWeight

  function infoOf(token: string): WordInfo {
    const cached = wordCache.get(token)
    if (cached) return cached
    const word = canonicalWord(token)
    const hash = wordHash(word)
    const row = lookup(hash)
    const info: WordInfo = { hash, weights: new Float64Array(k), known: row >= 0 ? 1 : 0, gramCount: cw > 0 ? gramCount(word, opts) : 0 }
    if (row >= 0) addRow(info.weights, row, 1)
    if (cw > 0) {
      forEachGram(word, opts, (h) => {
        const r = lookup(h)
        if (r < 0) return
        info.known += cw * cw
        addRow(info.weights, r, cw)
      })
    }
    if (wordCache.size >= WORD_CACHE_MAX) wordCache.clear()
    wordCache.set(token, info)
    return info
  }

  // Shared scratch space: scoring is synchronous, so one buffer per loaded model is enough.
  const z = new Float64Array(k)
  const acc = new Float64Array(k)
  let known = 0

  function run(foldedTokens: readonly string[]): void {
    const n = foldedTokens.length
    for (let c = 0; c < k; c++) {
      z[c] = bias[c] as number
      acc[c] = 0
    }
    known = 0
    if (n === 0) return
    // Sum the unscaled weights of every word, n-gram and bigram, then scale once (see featureScale()).
    let grams = 0
    let seen = 0
    let prev = 0
    for (let i = 0; i < n; i++) {
      const info = infoOf(foldedTokens[i] as string)
      grams += info.gramCount
      seen += info.known
      const weights = info.weights
      for (let c = 0; c < k; c++) acc[c] = (acc[c] as number) + (weights[c] as number)
      if (opts.wordBigrams && i > 0) {
        const r = lookup(bigramHashOf(prev, info.hash))
        if (r >= 0) {
          seen += 1
          addRow(acc, r, 1)
        }
      }
      prev = info.hash
    }
    const bigrams = opts.wordBigrams ? n - 1 : 0
    const wordValue = 1 / Math.sqrt(n + bigrams + cw * cw * grams)
    for (let c = 0; c < k; c++) z[c] = (z[c] as number) + wordValue * (acc[c] as number)
    known = seen * wordValue * wordValue
  }

  function logits(foldedTokens: readonly string[]): { logits: Float64Array; known: number } {
    run(foldedTokens)
    return { logits: Float64Array.from(z), known }
  }

  function score(foldedTokens: readonly string[]): IntentScores {
    run(foldedTokens)
    const invT = 1 / model.temperature
    let max = -Infinity
    for (let c = 0; c < k; c++) max = Math.max(max, (z[c] as number) * invT)
    let sum = 0
    for (let c = 0; c < k; c++) {
      const d = (z[c] as number) * invT - max
      // e^-40 is below anything rounded to four decimals: skip the exp.
      const e = d < -40 ? 0 : Math.exp(d)
      z[c] = e
      sum += e
    }
    // Only the best few are ever looked at: select them instead of sorting all intents.
    const ranked: { intent: IntentId; p: number }[] = []
    for (let c = 0; c < k; c++) {
      const p = (z[c] as number) / sum
      if (ranked.length === RANKED && p <= (ranked[RANKED - 1] as { p: number }).p) continue
      const entry = { intent: intents[c] as IntentId, p }
      let i = ranked.length < RANKED ? ranked.length : RANKED - 1
      while (i > 0 && (ranked[i - 1] as { p: number }).p < p) {
        ranked[i] = ranked[i - 1] as { intent: IntentId; p: number }
        i--
      }
      ranked[i] = entry
    }
    return { ranked, known, empty: foldedTokens.length === 0 }
  }

  return { model, score, logits }
}
