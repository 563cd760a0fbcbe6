import { extractFeatures, type FeatureOptions } from './features.ts'
import type { IntentId } from './types.ts'

/**
 * The intent model as stored (model.generated.json): a linear softmax classifier over sparse features, with
 * the temperature and decision threshold measured at training time by cross-validation.
 */
export interface IntentModelJson {
  version: 1
  intents: string[]
  features: FeatureOptions
  /** Weights and biases are stored as integers; divide by this. */
  scale: number
  /** Softmax temperature that makes cross-validated confidences match observed accuracy. */
  temperature: number
  /** Below this calibrated confidence the answer is out_of_scope (or a clarifying question). */
  threshold: number
  /** Minimum share of the message's feature mass the model has seen; below it the message is out of scope. */
  minKnown: number
  /** A clarifying question between the top two needs the runner-up at least this likely, and both together this. */
  clarify: { minSecond: number; minPair: number }
  bias: number[]
  vocab: string[]
  /** Per vocabulary entry, interleaved [intentIndex, weight, intentIndex, weight, ...]. */
  weights: number[][]
  /** Facts about the training run (counts, cross-validated accuracy); informative only. */
  info: Record<string, number | string>
}

/** Calibrated probabilities for one message, best first. */
export interface IntentScores {
  ranked: { intent: IntentId; p: number }[]
  /** Share (0..1) of the message's L2 feature mass that the model knows. 0 for an empty message. */
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

/** Turns the stored model into lookup tables once; scoring a message is then a few map lookups per feature. */
export function loadIntentClassifier(model: IntentModelJson): IntentClassifier {
  const k = model.intents.length
  const inv = 1 / model.scale
  const table = new Map<string, Float64Array>()
  model.vocab.forEach((name, i) => {
    const row = model.weights[i] ?? []
    const arr = new Float64Array(row.length)
    for (let j = 0; j < row.length; j += 2) {
      arr[j] = row[j] as number
      arr[j + 1] = (row[j + 1] as number) * inv
    }
    table.set(name, arr)
  })
  const bias = Float64Array.from(model.bias, (b) => b * inv)
  const intents = model.intents as IntentId[]

  function logits(foldedTokens: readonly string[]): { logits: Float64Array; known: number } {
    const { names, values } = extractFeatures(foldedTokens, model.features)
    const out = Float64Array.from(bias)
    let known = 0
    for (let f = 0; f < names.length; f++) {
      const row = table.get(names[f] as string)
      if (!row) continue
      const x = values[f] as number
      known += x * x
      for (let j = 0; j < row.length; j += 2) {
        const c = row[j] as number
        out[c] = (out[c] as number) + x * (row[j + 1] as number)
      }
    }
    return { logits: out, known }
  }

  function score(foldedTokens: readonly string[]): IntentScores {
    const { logits: z, known } = logits(foldedTokens)
    const t = model.temperature
    let max = -Infinity
    for (let c = 0; c < k; c++) max = Math.max(max, (z[c] as number) / t)
    let sum = 0
    const p = new Float64Array(k)
    for (let c = 0; c < k; c++) {
      p[c] = Math.exp((z[c] as number) / t - max)
      sum += p[c] as number
    }
    const ranked = intents.map((intent, c) => ({ intent, p: (p[c] as number) / sum }))
    ranked.sort((a, b) => b.p - a.p)
    return { ranked, known, empty: foldedTokens.length === 0 }
  }

  return { model, score, logits }
}
