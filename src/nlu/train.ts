import { loadIntentClassifier, type IntentModelJson } from './classifier.ts'
import { DEFAULT_FEATURE_OPTIONS, extractFeatures, type FeatureOptions } from './features.ts'
import { decideIntent, type DecisionPolicy } from './intents.ts'
import { analyzeText } from './normalize.ts'
import { findPersonName } from './names.ts'
import { classifierTokens } from './senses.ts'
import { INTENT_IDS, type IntentId } from './types.ts'

/**
 * Training of the intent model from our utterances (locales/vi/nlu/train.json): multinomial logistic
 * regression by SGD and a softmax temperature fitted on cross-validated predictions. The decision policy is
 * not learnt from the training utterances (they are too easy for it): it is tuned on the development set and
 * given here. Deterministic: same data and options, same model.
 * Runs at build time (scripts/nlu-build-model.ts); pure, so tests can check the committed model is current.
 */

/** Utterances per intent id. */
export type TrainingData = Record<string, readonly string[]>

export interface TrainOptions {
  features: FeatureOptions
  epochs: number
  learningRate: number
  l2: number
  seed: number
  /** Folds for the cross-validation that calibrates the temperature. */
  folds: number
  /** Integer scale of stored weights. */
  scale: number
  /** Stored weights with |w × scale| below this are dropped (model size). */
  prune: number
  /** Features seen in fewer training messages are not kept. */
  minCount: number
  /**
   * Answer / buttons / fall back: tuned on test/nlu/dev.json and dev2.json by scripts/nlu-tune.ts (ties broken by the
   * persona folds), never on the sealed sets.
   */
  decision: DecisionPolicy
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  features: DEFAULT_FEATURE_OPTIONS,
  epochs: 40,
  learningRate: 3,
  l2: 3e-5,
  seed: 20261129,
  folds: 5,
  scale: 100,
  prune: 5,
  minCount: 1,
  decision: { answer: 0.5, sure: 0.6, ahead: 0.7, oosSure: 0.3, minOption: 0.05, cover: 0.3, maxOptions: 3, minKnown: 0.2 },
}

interface Example {
  idx: Int32Array
  val: Float64Array
  y: number
}

/** Small seeded PRNG (mulberry32): the shuffles, hence the model, are reproducible. */
function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function shuffle<T>(xs: T[], rand: () => number): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1))
    const t = xs[i] as T
    xs[i] = xs[j] as T
    xs[j] = t
  }
  return xs
}

interface Labelled {
  text: string
  y: number
}

function labelled(data: TrainingData): Labelled[] {
  const out: Labelled[] = []
  INTENT_IDS.forEach((intent, y) => {
    for (const text of data[intent] ?? []) out.push({ text, y })
  })
  return out
}

/** What the classifier reads of a message, exactly as index.ts gives it at run time. */
function tokensOf(text: string): string[] {
  return classifierTokens(analyzeText(text), findPersonName(text)?.typed)
}

interface Row {
  hashes: number[]
  values: number[]
  y: number
}

function featurize(items: readonly Labelled[], opts: TrainOptions): { rows: Row[] } {
  return {
    rows: items.map((it) => ({ ...extractFeatures(tokensOf(it.text), opts.features), y: it.y })),
  }
}

function buildVocab(rows: readonly Row[], minCount: number): number[] {
  const df = new Map<number, number>()
  for (const r of rows) for (const h of r.hashes) df.set(h, (df.get(h) ?? 0) + 1)
  return [...df.entries()]
    .filter(([, c]) => c >= minCount)
    .map(([h]) => h)
    .sort((a, b) => a - b)
}

function toExamples(rows: readonly Row[], index: Map<number, number>): Example[] {
  return rows.map((r) => {
    const idx: number[] = []
    const val: number[] = []
    r.hashes.forEach((n, i) => {
      const k = index.get(n)
      if (k !== undefined) {
        idx.push(k)
        val.push(r.values[i] as number)
      }
    })
    return { idx: Int32Array.from(idx), val: Float64Array.from(val), y: r.y }
  })
}

interface Weights {
  w: Float64Array
  b: Float64Array
}

function sgd(examples: readonly Example[], v: number, c: number, opts: TrainOptions): Weights {
  const w = new Float64Array(v * c)
  const b = new Float64Array(c)
  const z = new Float64Array(c)
  const rand = rng(opts.seed)
  const order = examples.map((_, i) => i)
  let step = 0
  const total = opts.epochs * examples.length
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    shuffle(order, rand)
    for (const i of order) {
      const ex = examples[i] as Example
      const lr = opts.learningRate / (1 + (4 * step) / total)
      step++
      z.set(b)
      for (let f = 0; f < ex.idx.length; f++) {
        const base = (ex.idx[f] as number) * c
        const x = ex.val[f] as number
        for (let k = 0; k < c; k++) z[k] = (z[k] as number) + x * (w[base + k] as number)
      }
      let max = -Infinity
      for (let k = 0; k < c; k++) max = Math.max(max, z[k] as number)
      let sum = 0
      for (let k = 0; k < c; k++) {
        z[k] = Math.exp((z[k] as number) - max)
        sum += z[k] as number
      }
      for (let k = 0; k < c; k++) {
        const g = (z[k] as number) / sum - (k === ex.y ? 1 : 0)
        z[k] = g
        b[k] = (b[k] as number) - lr * g
      }
      for (let f = 0; f < ex.idx.length; f++) {
        const base = (ex.idx[f] as number) * c
        const x = ex.val[f] as number
        for (let k = 0; k < c; k++) {
          const wi = base + k
          const wv = w[wi] as number
          w[wi] = wv - lr * ((z[k] as number) * x + opts.l2 * wv)
        }
      }
    }
  }
  return { w, b }
}

type Measured = Pick<IntentModelJson, 'temperature' | 'info'>

function toJson(vocab: readonly number[], { w, b }: Weights, c: number, opts: TrainOptions, extra: Measured): IntentModelJson {
  const keptVocab: number[] = []
  const rowLengths: number[] = []
  const classes: number[] = []
  const weights: number[] = []
  vocab.forEach((hash, f) => {
    let kept = 0
    for (let k = 0; k < c; k++) {
      const q = Math.round((w[f * c + k] as number) * opts.scale)
      if (Math.abs(q) < opts.prune) continue
      classes.push(k)
      weights.push(q)
      kept++
    }
    if (kept > 0) {
      keptVocab.push(hash)
      rowLengths.push(kept)
    }
  })
  return {
    version: 4,
    intents: [...INTENT_IDS],
    features: opts.features,
    scale: opts.scale,
    temperature: extra.temperature,
    decision: opts.decision,
    bias: Array.from(b, (x) => Math.round(x * opts.scale)),
    vocab: keptVocab,
    rowLengths,
    classes,
    weights,
    info: { ...extra.info, vocabulary: keptVocab.length },
  }
}

function fit(items: readonly Labelled[], opts: TrainOptions, extra: Measured): IntentModelJson {
  const { rows } = featurize(items, opts)
  const vocab = buildVocab(rows, opts.minCount)
  const index = new Map(vocab.map((n, i) => [n, i]))
  const c = INTENT_IDS.length
  return toJson(vocab, sgd(toExamples(rows, index), vocab.length, c, opts), c, opts, extra)
}

/** Out-of-fold raw logits for every training message, for calibration. */
export interface CrossValidation {
  logits: Float64Array[]
  known: number[]
  y: number[]
}

function crossValidate(items: readonly Labelled[], opts: TrainOptions): CrossValidation {
  // Stratified folds: each intent's messages are dealt round-robin after a seeded shuffle.
  const rand = rng(opts.seed ^ 0x5eed)
  const foldOf = new Int32Array(items.length)
  const byIntent = new Map<number, number[]>()
  items.forEach((it, i) => byIntent.set(it.y, [...(byIntent.get(it.y) ?? []), i]))
  for (const idxs of byIntent.values()) shuffle(idxs, rand).forEach((i, k) => (foldOf[i] = k % opts.folds))
  const cv: CrossValidation = { logits: new Array(items.length), known: new Array(items.length), y: items.map((it) => it.y) }
  for (let f = 0; f < opts.folds; f++) {
    const train = items.filter((_, i) => foldOf[i] !== f)
    const model = loadIntentClassifier(fit(train, opts, { temperature: 1, info: {} }))
    items.forEach((it, i) => {
      if (foldOf[i] !== f) return
      const r = model.logits(tokensOf(it.text))
      cv.logits[i] = r.logits
      cv.known[i] = r.known
    })
  }
  return cv
}

function softmax(z: Float64Array, t: number): Float64Array {
  let max = -Infinity
  for (const v of z) max = Math.max(max, v / t)
  const p = new Float64Array(z.length)
  let sum = 0
  for (let k = 0; k < z.length; k++) {
    p[k] = Math.exp((z[k] as number) / t - max)
    sum += p[k] as number
  }
  for (let k = 0; k < z.length; k++) p[k] = (p[k] as number) / sum
  return p
}

/** The temperature minimising the negative log-likelihood of the cross-validated predictions. */
export function fitTemperature(cv: CrossValidation): number {
  let best = 1
  let bestNll = Infinity
  for (let t = 0.05; t <= 5.0001; t += 0.05) {
    let nll = 0
    cv.logits.forEach((z, i) => {
      nll -= Math.log(Math.max(1e-12, softmax(z, t)[cv.y[i] as number] as number))
    })
    if (nll < bestNll - 1e-9) {
      bestNll = nll
      best = Math.round(t * 100) / 100
    }
  }
  return best
}

/** Cross-validated accuracy of the decision policy (an answer counts; buttons and fallbacks do not), for the model's info. */
function cvAccuracy(cv: CrossValidation, temperature: number, decision: DecisionPolicy): number {
  let ok = 0
  cv.logits.forEach((z, i) => {
    const p = softmax(z, temperature)
    const ranked = [...p].map((pk, k) => ({ intent: INTENT_IDS[k] as IntentId, p: pk })).sort((a, b) => b.p - a.p).slice(0, 4)
    const d = decideIntent({ ranked, known: cv.known[i] as number, empty: false }, decision)
    if (!d.clarify && d.intent === INTENT_IDS[cv.y[i] as number]) ok++
  })
  return ok / cv.logits.length
}

/**
 * Trains the intent model from utterances per intent. Also runs the cross-validation that sets the softmax
 * temperature. Takes a few seconds; meant for build time.
 */
export function trainIntentModel(data: TrainingData, opts: TrainOptions = DEFAULT_TRAIN_OPTIONS): IntentModelJson {
  const items = labelled(data)
  const cv = crossValidate(items, opts)
  const temperature = fitTemperature(cv)
  const info = {
    examples: items.length,
    folds: opts.folds,
    cvAccuracy: Math.round(cvAccuracy(cv, temperature, opts.decision) * 1e4) / 1e4,
  }
  return fit(items, opts, { temperature, info })
}

/**
 * The model as committed in src/nlu/model.generated.json: JSON with the settings first, one per line, and the
 * big arrays wrapped at a fixed width, so a retrained model shows up as a diff of limited size.
 */
export function serializeModel(model: IntentModelJson): string {
  const { vocab, rowLengths, classes, weights, ...head } = model
  const lines = ['{']
  for (const [k, v] of Object.entries(head)) lines.push(`  ${JSON.stringify(k)}: ${JSON.stringify(v)},`)
  const arrays: [string, number[], number][] = [
    ['vocab', vocab, 10],
    ['rowLengths', rowLengths, 40],
    ['classes', classes, 40],
    ['weights', weights, 24],
  ]
  arrays.forEach(([name, xs, perLine], a) => {
    lines.push(`  ${JSON.stringify(name)}: [`)
    for (let i = 0; i < xs.length; i += perLine) lines.push(`    ${xs.slice(i, i + perLine).join(',')}${i + perLine < xs.length ? ',' : ''}`)
    lines.push(`  ]${a < arrays.length - 1 ? ',' : ''}`)
  })
  lines.push('}')
  return `${lines.join('\n')}\n`
}
