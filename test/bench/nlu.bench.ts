/**
 * NLU benchmark, side by side in one run: our NLU and NLP.js (node-nlp's NlpManager, language 'vi') trained on
 * the same utterances (locales/vi/nlu/train.json) and scored on the same held-out split (test/nlu/heldout.json).
 * `npm run bench` imports {@link run}; `npx tsx test/bench/nlu.bench.ts` runs it alone.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { gzipSync } from 'node:zlib'
import train from '../../locales/vi/nlu/train.json' with { type: 'json' }
import { PLACES, placeNames } from '../../prisma/seed/places.ts'
import { loadIntentClassifier, type IntentModelJson } from '../../src/nlu/classifier.ts'
import { evaluate, type LabelledMessage } from '../../src/nlu/evaluate.ts'
import { createNlu } from '../../src/nlu/index.ts'
import { trainIntentModel } from '../../src/nlu/train.ts'
import heldoutJson from '../nlu/heldout.json' with { type: 'json' }

interface NlpJsResult {
  intent: string
  score: number
}
interface NlpJsManager {
  addDocument(locale: string, utterance: string, intent: string): void
  train(): Promise<void>
  process(locale: string, utterance: string): Promise<NlpJsResult>
}
type NlpJsCtor = new (settings: Record<string, unknown>) => NlpJsManager

const heldout = heldoutJson as LabelledMessage[]
const trainData = train as Record<string, string[]>
const NOW = new Date('2026-11-29T03:00:00Z')

/**
 * Chat particles appended to make every timed message unique: NLP.js caches the preparation of texts it has
 * seen, and real traffic is mostly unseen text, so neither system may time a repeat.
 */
const PARTICLES = ['', 'ạ', 'nhé', 'với', 'ad ơi', 'giúp em', 'nha', 'vậy', 'đó', 'luôn', 'thế', 'ạ ad', 'nhé ad', 'với ạ', 'giúp mình', 'nhỉ']

/** Every held-out message once per particle, each a text neither system has seen. */
function timedTexts(): string[] {
  return PARTICLES.flatMap((p) => heldout.map((h) => (p === '' ? h.text : `${h.text} ${p}`)))
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))
  return sorted[i] as number
}

function latencyStats(samples: number[]): { medianMs: number; p99Ms: number; meanMs: number; samples: number } {
  const sorted = [...samples].sort((a, b) => a - b)
  return {
    medianMs: quantile(sorted, 0.5),
    p99Ms: quantile(sorted, 0.99),
    meanMs: samples.reduce((a, b) => a + b, 0) / samples.length,
    samples: samples.length,
  }
}

function round(x: number, digits = 4): number {
  const f = 10 ** digits
  return Math.round(x * f) / f
}

async function nlpJs(): Promise<Record<string, unknown>> {
  const require = createRequire(import.meta.url)
  let NlpManager: NlpJsCtor
  try {
    ;({ NlpManager } = require('node-nlp') as { NlpManager: NlpJsCtor })
  } catch (err) {
    return { error: `node-nlp could not be loaded: ${err instanceof Error ? err.message : String(err)}` }
  }
  const results: Record<string, unknown> = {}
  // Defaults as people use it, and a lean variant without sentiment analysis (its fastest fair setting).
  for (const [name, settings] of [
    ['default', { languages: ['vi'], nlu: { log: false }, autoSave: false }],
    ['noSentiment', { languages: ['vi'], nlu: { log: false }, autoSave: false, calculateSentiment: false }],
  ] as const) {
    const manager = new NlpManager({ ...settings })
    for (const [intent, utterances] of Object.entries(trainData)) for (const u of utterances) manager.addDocument('vi', u, intent)
    const t0 = performance.now()
    await manager.train()
    const trainMs = performance.now() - t0
    // Warm the JIT on the training utterances, which are not timed.
    for (const u of Object.values(trainData).flat()) await manager.process('vi', u)
    const predictions = new Map<string, NlpJsResult>()
    const samples: number[] = []
    for (const text of timedTexts()) {
      const s = performance.now()
      const r = await manager.process('vi', text)
      samples.push(performance.now() - s)
      if (!predictions.has(text)) predictions.set(text, r)
    }
    // NLP.js answers "None" below its own threshold: that is its out-of-scope.
    const report = evaluate(heldout, (text) => {
      const r = predictions.get(text) as NlpJsResult
      return { intent: r.intent === 'None' ? 'out_of_scope' : r.intent, confidence: r.score }
    })
    results[name] = {
      accuracy: round(report.accuracy),
      macroF1: round(report.macroF1),
      unaccented: round(report.buckets.unaccented?.accuracy ?? 0),
      teencode: round(report.buckets.teencode?.accuracy ?? 0),
      accented: round(report.buckets.accented?.accuracy ?? 0),
      oosRecall: round(report.oosRecall),
      trainMs: round(trainMs, 1),
      latency: latencyStats(samples),
    }
  }
  return results
}

/** Measures everything and prints a table; returns the numbers. */
export async function run(): Promise<Record<string, unknown>> {
  const modelText = readFileSync(new URL('../../src/nlu/model.generated.json', import.meta.url), 'utf8')

  // Start-up as a Worker sees it: parse the bundled model and build its tables.
  const loadStart = performance.now()
  const parsed = JSON.parse(modelText) as IntentModelJson
  loadIntentClassifier(parsed)
  const loadMs = performance.now() - loadStart

  const trainStart = performance.now()
  trainIntentModel(trainData)
  const trainMs = performance.now() - trainStart

  const nlu = createNlu({ places: placeNames(PLACES) })
  const report = evaluate(heldout, (text) => nlu.understand(text, NOW))

  // Latency of the whole understand() (normalize + intent + entities), warm, on the same unique texts.
  for (const u of Object.values(trainData).flat()) nlu.understand(u, NOW)
  const samples: number[] = []
  for (let round = 0; round < 5; round++) {
    for (const text of timedTexts()) {
      const s = performance.now()
      nlu.understand(text, NOW)
      samples.push(performance.now() - s)
    }
  }
  const ours = {
    accuracy: round(report.accuracy),
    macroF1: round(report.macroF1),
    accented: round(report.buckets.accented?.accuracy ?? 0),
    unaccented: round(report.buckets.unaccented?.accuracy ?? 0),
    teencode: round(report.buckets.teencode?.accuracy ?? 0),
    oosRecall: round(report.oosRecall),
    wrongAnswerRate: round(report.wrongAnswerRate),
    ece: round(report.calibration.ece),
    latency: latencyStats(samples),
    modelBytes: Buffer.byteLength(modelText),
    modelGzipBytes: gzipSync(modelText).length,
    trainMs: round(trainMs, 1),
    loadMs: round(loadMs, 2),
  }
  const other = await nlpJs()
  const lean = (other.noSentiment ?? other.default) as { accuracy: number; latency: { medianMs: number } } | undefined
  const result: Record<string, unknown> = {
    heldout: heldout.length,
    trainingUtterances: Object.values(trainData).flat().length,
    ours,
    nlpjs: other,
    speedupVsNlpJsMedian: lean ? round(lean.latency.medianMs / ours.latency.medianMs, 1) : null,
  }

  const row = (label: string, a: string, b: string) => `${label.padEnd(26)}${a.padStart(16)}${b.padStart(16)}`
  const nj = (other.default ?? {}) as Record<string, unknown> & { latency?: ReturnType<typeof latencyStats> }
  const njLean = (other.noSentiment ?? {}) as Record<string, unknown> & { latency?: ReturnType<typeof latencyStats> }
  const pct = (x: unknown) => (typeof x === 'number' ? `${(x * 100).toFixed(1)}%` : '—')
  const ms = (x: unknown) => (typeof x === 'number' ? `${x.toFixed(4)} ms` : '—')
  console.log(
    [
      `NLU benchmark — ${heldout.length} held-out messages, ${result.trainingUtterances as number} training utterances`,
      row('', 'ours', 'NLP.js'),
      row('accuracy', pct(ours.accuracy), pct(nj.accuracy)),
      row('macro-F1', ours.macroF1.toFixed(3), typeof nj.macroF1 === 'number' ? nj.macroF1.toFixed(3) : '—'),
      row('accented', pct(ours.accented), pct(nj.accented)),
      row('unaccented', pct(ours.unaccented), pct(nj.unaccented)),
      row('teencode', pct(ours.teencode), pct(nj.teencode)),
      row('out-of-scope recall', pct(ours.oosRecall), pct(nj.oosRecall)),
      row('median per message', ms(ours.latency.medianMs), ms(nj.latency?.medianMs)),
      row('p99 per message', ms(ours.latency.p99Ms), ms(nj.latency?.p99Ms)),
      row('median, no sentiment', '', ms(njLean.latency?.medianMs)),
      row('training', `${ours.trainMs.toFixed(0)} ms`, typeof nj.trainMs === 'number' ? `${nj.trainMs.toFixed(0)} ms` : '—'),
      row('model load (start-up)', `${ours.loadMs.toFixed(1)} ms`, ''),
      row('model size gzip', `${(ours.modelGzipBytes / 1024).toFixed(0)} KB`, ''),
      `speed-up vs NLP.js (median, its lean setting): ${String(result.speedupVsNlpJsMedian)}×`,
      ...(typeof other.error === 'string' ? [`NLP.js: ${other.error}`] : []),
    ].join('\n'),
  )
  return result
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  run().then(
    (r) => console.log(JSON.stringify(r, null, 2)),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : String(err))
      process.exitCode = 1
    },
  )
}
