import { INTENT_IDS } from './types.ts'

/**
 * Scoring of an intent recogniser on labelled messages, as a person meets the bot: the answer it gives
 * (top-1), whether a real question is turned away with the flat fallback, whether the right intent is at
 * least offered (answered, or among the "Ý bạn là…?" buttons), out-of-scope recall, accuracy per writing style
 * and per persona, confusions and calibration. Used by the eval script, the benchmark and the tests.
 *
 * What the bot does with a prediction:
 *  - `clarify` present: it shows buttons (whatever `intent` says): neither an answer nor a fallback;
 *  - otherwise `intent` out_of_scope: the flat fallback ("I don't understand" + menu + contact);
 *  - otherwise it answers as `intent`.
 */

export type Bucket = 'accented' | 'unaccented' | 'teencode'

export interface LabelledMessage {
  text: string
  /** An intent id (string: an evaluation set may name an intent this model does not know yet). */
  intent: string
  bucket: Bucket
  persona?: string
}

export interface Prediction {
  intent: string
  confidence: number
  /** The intents offered as buttons instead of an answer. */
  clarify?: readonly string[] | undefined
}

export interface EvalReport {
  n: number
  /** Share of messages whose answer is exactly right (a clarifying question is not an answer). */
  accuracy: number
  macroF1: number
  buckets: Record<string, { n: number; accuracy: number }>
  personas: Record<string, { n: number; accuracy: number }>
  inScope: number
  /** Of the in-scope messages, share given the flat fallback: the resident is told the bot does not understand. */
  turnedAway: number
  /** Of the in-scope messages, share where the right intent is answered or among the buttons. */
  offered: number
  /** Of the out-of-scope messages, share given the flat fallback (no answer, no buttons). */
  oosRecall: number
  /** Share of in-scope messages answered with a wrong in-scope intent (the costly mistake). */
  wrongAnswerRate: number
  /** Share of messages that got a clarifying question. */
  clarifyRate: number
  /** Of the clarifying questions, share whose options include the right intent. */
  clarifyHitRate: number
  perIntent: { intent: string; n: number; precision: number; recall: number; f1: number }[]
  /** Misses grouped by what the bot did: another intent, out_of_scope (fallback), or "?a|b" (buttons). */
  confusions: { expected: string; got: string; count: number; examples: string[] }[]
  calibration: {
    /** Expected calibration error over 10 equal-width confidence bins. */
    ece: number
    meanConfidenceCorrect: number
    meanConfidenceWrong: number
    bins: { from: number; to: number; n: number; meanConfidence: number; accuracy: number }[]
  }
}

const OOS = 'out_of_scope'

function mean(xs: readonly number[]): number {
  return xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length
}

function share<T>(xs: readonly T[], ok: (x: T) => boolean): number {
  return xs.length === 0 ? 0 : xs.filter(ok).length / xs.length
}

/** What the bot does with a prediction: an intent it answers (or out_of_scope), or "?a|b" for buttons. */
export function actionOf(p: Prediction): string {
  return p.clarify && p.clarify.length > 0 ? `?${p.clarify.join('|')}` : p.intent
}

/** Scores `predict` on `items`. */
export function evaluate(items: readonly LabelledMessage[], predict: (text: string) => Prediction): EvalReport {
  const preds = items.map((it) => {
    const p = predict(it.text)
    const action = actionOf(p)
    const offered = action === it.intent || (it.intent !== OOS && (p.clarify ?? []).includes(it.intent))
    return { it, p, action, right: action === it.intent, offered }
  })
  const correct = preds.filter((r) => r.right)
  const groupAccuracy = (key: (it: LabelledMessage) => string | undefined): Record<string, { n: number; accuracy: number }> => {
    const out: Record<string, { n: number; accuracy: number }> = {}
    for (const g of [...new Set(preds.map((r) => key(r.it)).filter((k): k is string => k !== undefined))].sort()) {
      const inG = preds.filter((r) => key(r.it) === g)
      out[g] = { n: inG.length, accuracy: share(inG, (r) => r.right) }
    }
    return out
  }
  const buckets: EvalReport['buckets'] = {}
  for (const b of ['accented', 'unaccented', 'teencode']) {
    const inB = preds.filter((r) => r.it.bucket === b)
    buckets[b] = { n: inB.length, accuracy: share(inB, (r) => r.right) }
  }
  const labels = [...new Set([...INTENT_IDS, ...items.map((it) => it.intent)])]
  const perIntent = labels
    .map((intent) => {
      const tp = preds.filter((r) => r.it.intent === intent && r.action === intent).length
      const fp = preds.filter((r) => r.it.intent !== intent && r.action === intent).length
      const fn = preds.filter((r) => r.it.intent === intent && r.action !== intent).length
      const precision = tp + fp === 0 ? 0 : tp / (tp + fp)
      const recall = tp + fn === 0 ? 0 : tp / (tp + fn)
      const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall)
      return { intent, n: tp + fn, precision, recall, f1 }
    })
    .filter((r) => r.n > 0)
  const oos = preds.filter((r) => r.it.intent === OOS)
  const inScope = preds.filter((r) => r.it.intent !== OOS)
  const confusionMap = new Map<string, EvalReport['confusions'][number]>()
  for (const r of preds) {
    if (r.right) continue
    const key = `${r.it.intent}→${r.action}`
    const c = confusionMap.get(key) ?? { expected: r.it.intent, got: r.action, count: 0, examples: [] }
    c.count++
    if (c.examples.length < 3) c.examples.push(r.it.text)
    confusionMap.set(key, c)
  }
  const clarified = preds.filter((r) => r.action.startsWith('?'))
  const bins: EvalReport['calibration']['bins'] = []
  let ece = 0
  for (let b = 0; b < 10; b++) {
    const from = b / 10
    const to = (b + 1) / 10
    const inBin = preds.filter(({ p }) => p.confidence >= from && (b === 9 ? p.confidence <= to : p.confidence < to))
    if (inBin.length === 0) continue
    const conf = mean(inBin.map(({ p }) => p.confidence))
    const acc = share(inBin, (r) => r.right)
    ece += (inBin.length / preds.length) * Math.abs(conf - acc)
    bins.push({ from, to, n: inBin.length, meanConfidence: conf, accuracy: acc })
  }
  return {
    n: items.length,
    accuracy: share(preds, (r) => r.right),
    macroF1: mean(perIntent.map((r) => r.f1)),
    buckets,
    personas: groupAccuracy((it) => it.persona),
    inScope: inScope.length,
    turnedAway: share(inScope, (r) => r.action === OOS),
    offered: share(inScope, (r) => r.offered),
    oosRecall: share(oos, (r) => r.action === OOS),
    wrongAnswerRate: share(inScope, (r) => r.action !== r.it.intent && r.action !== OOS && !r.action.startsWith('?')),
    clarifyRate: share(preds, (r) => r.action.startsWith('?')),
    clarifyHitRate: share(clarified, (r) => (r.p.clarify ?? []).includes(r.it.intent)),
    perIntent,
    confusions: [...confusionMap.values()].sort((a, b) => b.count - a.count || a.expected.localeCompare(b.expected) || a.got.localeCompare(b.got)),
    calibration: {
      ece,
      meanConfidenceCorrect: mean(correct.map(({ p }) => p.confidence)),
      meanConfidenceWrong: mean(preds.filter((r) => !r.right).map(({ p }) => p.confidence)),
      bins,
    },
  }
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`
}

/** A plain-text rendering of one report, in detail (the split or the development set; never the sealed set's texts). */
export function formatReport(r: EvalReport, title = 'NLU evaluation'): string {
  const lines = [
    `${title} — ${r.n} messages`,
    `  accuracy        ${pct(r.accuracy)}`,
    `  macro-F1        ${r.macroF1.toFixed(3)}`,
    ...Object.entries(r.buckets).map(([b, v]) => `  ${b.padEnd(15)} ${pct(v.accuracy)} (n=${v.n})`),
    ...Object.entries(r.personas).map(([b, v]) => `  persona ${b.padEnd(7)} ${pct(v.accuracy)} (n=${v.n})`),
    `  turned away     ${pct(r.turnedAway)} of in-scope messages got the flat fallback`,
    `  offered         ${pct(r.offered)} of in-scope messages got the right intent answered or as a button`,
    `  OOS recall      ${pct(r.oosRecall)}`,
    `  wrong answers   ${pct(r.wrongAnswerRate)} of in-scope messages answered with another intent`,
    `  clarify         ${pct(r.clarifyRate)} of messages (right intent among the buttons: ${pct(r.clarifyHitRate)})`,
    `  calibration     ECE ${r.calibration.ece.toFixed(3)}; mean confidence when right ${r.calibration.meanConfidenceCorrect.toFixed(3)}, when wrong ${r.calibration.meanConfidenceWrong.toFixed(3)}`,
    '  reliability     ' + r.calibration.bins.map((b) => `[${b.from.toFixed(1)}-${b.to.toFixed(1)}) n=${b.n} conf=${b.meanConfidence.toFixed(2)} acc=${b.accuracy.toFixed(2)}`).join('\n                  '),
    '  per intent      (n, precision, recall, F1)',
    ...r.perIntent.map((p) => `    ${p.intent.padEnd(26)} ${String(p.n).padStart(3)}  ${p.precision.toFixed(2)}  ${p.recall.toFixed(2)}  ${p.f1.toFixed(2)}`),
    `  confusions (expected → got)${r.confusions.length === 0 ? ': none' : ''}`,
    ...r.confusions.map((c) => `    ${c.count} × ${c.expected} → ${c.got}: ${c.examples.map((e) => JSON.stringify(e)).join(', ')}`),
  ]
  return lines.join('\n')
}

/** The headline measures of several reports side by side, one column each. */
export function formatSideBySide(columns: readonly { name: string; report: EvalReport }[]): string {
  const rows: [string, (r: EvalReport) => string][] = [
    ['messages', (r) => String(r.n)],
    ['top-1 accuracy', (r) => pct(r.accuracy)],
    ['unaccented', (r) => `${pct(r.buckets.unaccented?.accuracy ?? 0)} (${r.buckets.unaccented?.n ?? 0})`],
    ['accented', (r) => `${pct(r.buckets.accented?.accuracy ?? 0)} (${r.buckets.accented?.n ?? 0})`],
    ['teencode', (r) => `${pct(r.buckets.teencode?.accuracy ?? 0)} (${r.buckets.teencode?.n ?? 0})`],
    ['in-scope turned away', (r) => pct(r.turnedAway)],
    ['OOS recall', (r) => pct(r.oosRecall)],
    ['right intent offered', (r) => pct(r.offered)],
    ['wrong answer', (r) => pct(r.wrongAnswerRate)],
    ['buttons shown', (r) => `${pct(r.clarifyRate)} (hit ${pct(r.clarifyHitRate)})`],
    ['macro-F1', (r) => r.macroF1.toFixed(3)],
    ['calibration ECE', (r) => r.calibration.ece.toFixed(3)],
  ]
  const width = 22
  const head = ''.padEnd(width) + columns.map((c) => c.name.padStart(18)).join('')
  return [head, ...rows.map(([label, f]) => label.padEnd(width) + columns.map((c) => f(c.report).padStart(18)).join(''))].join('\n')
}

/** Confusion pairs as counts only: for the sealed set, whose messages must not be read. */
export function formatConfusionCounts(r: EvalReport, title: string, limit = 20): string {
  const shown = r.confusions.slice(0, limit)
  return [
    `${title}: ${r.confusions.reduce((a, c) => a + c.count, 0)} misses${r.confusions.length > limit ? ` (top ${limit} pairs)` : ''}`,
    ...shown.map((c) => `    ${c.count} × ${c.expected} → ${c.got}`),
  ].join('\n')
}
