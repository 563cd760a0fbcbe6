import { INTENT_IDS, type IntentId } from './types.ts'

/**
 * Scoring of an intent recogniser on labelled messages: accuracy, macro-F1, accuracy per writing style
 * (accented / unaccented / teencode), out-of-scope recall, a confusion list and calibration (how well the
 * confidence matches the observed accuracy). Used by the eval script, the benchmark and the tests.
 */

export type Bucket = 'accented' | 'unaccented' | 'teencode'

export interface LabelledMessage {
  text: string
  intent: IntentId
  bucket: Bucket
}

export interface Prediction {
  intent: string
  confidence: number
  clarify?: readonly [string, string] | undefined
}

export interface EvalReport {
  n: number
  accuracy: number
  macroF1: number
  buckets: Record<string, { n: number; accuracy: number }>
  oosRecall: number
  /** Share of in-scope messages answered with a wrong in-scope intent (the costly mistake). */
  wrongAnswerRate: number
  /** Share of messages that got a clarifying question. */
  clarifyRate: number
  /** Of the clarifying questions, share whose two options include the right intent. */
  clarifyHitRate: number
  perIntent: { intent: string; n: number; precision: number; recall: number; f1: number }[]
  confusions: { expected: string; got: string; count: number; examples: string[] }[]
  calibration: {
    /** Expected calibration error over 10 equal-width confidence bins. */
    ece: number
    meanConfidenceCorrect: number
    meanConfidenceWrong: number
    bins: { from: number; to: number; n: number; meanConfidence: number; accuracy: number }[]
  }
}

function mean(xs: readonly number[]): number {
  return xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length
}

/** Scores `predict` on `items`. */
export function evaluate(items: readonly LabelledMessage[], predict: (text: string) => Prediction): EvalReport {
  const preds = items.map((it) => ({ it, p: predict(it.text) }))
  const correct = preds.filter(({ it, p }) => p.intent === it.intent)
  const buckets: EvalReport['buckets'] = {}
  for (const b of ['accented', 'unaccented', 'teencode']) {
    const inB = preds.filter(({ it }) => it.bucket === b)
    buckets[b] = { n: inB.length, accuracy: inB.length === 0 ? 0 : inB.filter(({ it, p }) => p.intent === it.intent).length / inB.length }
  }
  const perIntent = INTENT_IDS.map((intent) => {
    const tp = preds.filter(({ it, p }) => it.intent === intent && p.intent === intent).length
    const fp = preds.filter(({ it, p }) => it.intent !== intent && p.intent === intent).length
    const fn = preds.filter(({ it, p }) => it.intent === intent && p.intent !== intent).length
    const precision = tp + fp === 0 ? 0 : tp / (tp + fp)
    const recall = tp + fn === 0 ? 0 : tp / (tp + fn)
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall)
    return { intent, n: tp + fn, precision, recall, f1 }
  }).filter((r) => r.n > 0)
  const oos = preds.filter(({ it }) => it.intent === 'out_of_scope')
  const inScope = preds.filter(({ it }) => it.intent !== 'out_of_scope')
  const confusionMap = new Map<string, { expected: string; got: string; count: number; examples: string[] }>()
  for (const { it, p } of preds) {
    if (p.intent === it.intent) continue
    const key = `${it.intent}→${p.intent}`
    const c = confusionMap.get(key) ?? { expected: it.intent, got: p.intent, count: 0, examples: [] }
    c.count++
    if (c.examples.length < 3) c.examples.push(it.text)
    confusionMap.set(key, c)
  }
  const clarified = preds.filter(({ p }) => p.clarify !== undefined)
  const bins: EvalReport['calibration']['bins'] = []
  let ece = 0
  for (let b = 0; b < 10; b++) {
    const from = b / 10
    const to = (b + 1) / 10
    const inBin = preds.filter(({ p }) => p.confidence >= from && (b === 9 ? p.confidence <= to : p.confidence < to))
    if (inBin.length === 0) continue
    const conf = mean(inBin.map(({ p }) => p.confidence))
    const acc = inBin.filter(({ it, p }) => p.intent === it.intent).length / inBin.length
    ece += (inBin.length / preds.length) * Math.abs(conf - acc)
    bins.push({ from, to, n: inBin.length, meanConfidence: conf, accuracy: acc })
  }
  return {
    n: items.length,
    accuracy: items.length === 0 ? 0 : correct.length / items.length,
    macroF1: mean(perIntent.map((r) => r.f1)),
    buckets,
    oosRecall: oos.length === 0 ? 0 : oos.filter(({ p }) => p.intent === 'out_of_scope').length / oos.length,
    wrongAnswerRate: inScope.length === 0 ? 0 : inScope.filter(({ it, p }) => p.intent !== it.intent && p.intent !== 'out_of_scope').length / inScope.length,
    clarifyRate: items.length === 0 ? 0 : clarified.length / items.length,
    clarifyHitRate: clarified.length === 0 ? 0 : clarified.filter(({ it, p }) => p.clarify?.includes(it.intent) === true).length / clarified.length,
    perIntent,
    confusions: [...confusionMap.values()].sort((a, b) => b.count - a.count || a.expected.localeCompare(b.expected)),
    calibration: {
      ece,
      meanConfidenceCorrect: mean(correct.map(({ p }) => p.confidence)),
      meanConfidenceWrong: mean(preds.filter(({ it, p }) => p.intent !== it.intent).map(({ p }) => p.confidence)),
      bins,
    },
  }
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`
}

/** A plain-text rendering of a report, for the eval script. */
export function formatReport(r: EvalReport, title = 'NLU evaluation'): string {
  const lines = [
    `${title} — ${r.n} held-out messages`,
    `  accuracy        ${pct(r.accuracy)}`,
    `  macro-F1        ${r.macroF1.toFixed(3)}`,
    ...Object.entries(r.buckets).map(([b, v]) => `  ${b.padEnd(15)} ${pct(v.accuracy)} (n=${v.n})`),
    `  OOS recall      ${pct(r.oosRecall)}`,
    `  wrong answers   ${pct(r.wrongAnswerRate)} of in-scope messages answered with another intent`,
    `  clarify         ${pct(r.clarifyRate)} of messages (right intent among the two: ${pct(r.clarifyHitRate)})`,
    `  calibration     ECE ${r.calibration.ece.toFixed(3)}; mean confidence when right ${r.calibration.meanConfidenceCorrect.toFixed(3)}, when wrong ${r.calibration.meanConfidenceWrong.toFixed(3)}`,
    '  reliability     ' + r.calibration.bins.map((b) => `[${b.from.toFixed(1)}-${b.to.toFixed(1)}) n=${b.n} conf=${b.meanConfidence.toFixed(2)} acc=${b.accuracy.toFixed(2)}`).join('\n                  '),
    '  per intent      (n, precision, recall, F1)',
    ...r.perIntent.map((p) => `    ${p.intent.padEnd(26)} ${String(p.n).padStart(3)}  ${p.precision.toFixed(2)}  ${p.recall.toFixed(2)}  ${p.f1.toFixed(2)}`),
    `  confusions (expected → got)${r.confusions.length === 0 ? ': none' : ''}`,
    ...r.confusions.map((c) => `    ${c.count} × ${c.expected} → ${c.got}: ${c.examples.map((e) => JSON.stringify(e)).join(', ')}`),
  ]
  return lines.join('\n')
}
