/**
 * NLU benchmark, side by side in one run: our NLU and NLP.js (node-nlp's NlpManager, language 'vi') trained on
 * the same utterances (locales/vi/nlu/train.json + personas.json + learned.json) and scored on the same five sets:
 * the held-out split (test/nlu/heldout.json), the development sets (test/nlu/dev.json, dev2.json) and the sealed
 * sets (test/nlu/sealed.json, sealed2.json; scores only). Latency is timed on the split.
 * `npm run bench` imports {@link run}; `npx tsx test/bench/nlu.bench.ts` runs it alone.
 *
 * Every timed text is new to every system (held-out messages with chat particles appended). Timing runs in two
 * orders: in blocks (one round of messages through each system in turn, each warm: a dedicated NLU's steady
 * state) and interleaved message by message (each system runs with caches the others just used). Load from
 * other processes hits all systems alike in both.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { gzipSync } from 'node:zlib'
import { PLACES, placeNames } from '../../prisma/seed/places.ts'
import { loadIntentClassifier, type IntentModelJson } from '../../src/nlu/classifier.ts'
import { evaluate, type LabelledMessage } from '../../src/nlu/evaluate.ts'
import { createNlu } from '../../src/nlu/index.ts'
import { trainIntentModel } from '../../src/nlu/train.ts'
import { TRAINING_DATA } from '../../src/nlu/training-data.ts'
import devJson from '../nlu/dev.json' with { type: 'json' }
import dev2Json from '../nlu/dev2.json' with { type: 'json' }
import heldoutJson from '../nlu/heldout.json' with { type: 'json' }
import sealedJson from '../nlu/sealed.json' with { type: 'json' }
import sealed2Json from '../nlu/sealed2.json' with { type: 'json' }

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
/** The sets scored for accuracy (the split is also the timed one). */
const SETS: { name: 'split' | 'dev' | 'dev2' | 'sealed' | 'sealed2'; items: LabelledMessage[] }[] = [
  { name: 'split', items: heldout },
  { name: 'dev', items: devJson as LabelledMessage[] },
  { name: 'dev2', items: dev2Json as LabelledMessage[] },
  { name: 'sealed', items: sealedJson as LabelledMessage[] },
  { name: 'sealed2', items: sealed2Json as LabelledMessage[] },
]
const trainData = TRAINING_DATA as Record<string, string[]>
const NOW = new Date('2026-11-29T03:00:00Z')

/**
 * Chat particles appended to make every timed message unique: NLP.js caches the preparation of texts it has
 * seen, and real traffic is mostly unseen text, so no system may time a repeat.
 */
const PARTICLES = ['', 'ạ', 'nhé', 'với', 'ad ơi', 'giúp em', 'nha', 'vậy', 'đó', 'luôn', 'thế', 'ạ ad', 'nhé ad', 'với ạ', 'giúp mình', 'nhỉ']

/** Every held-out message once per particle, each a text no system has seen. */
function timedTexts(): string[] {
  return PARTICLES.flatMap((p) => heldout.map((h) => (p === '' ? h.text : `${h.text} ${p}`)))
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))
  return sorted[i] as number
}

interface Latency {
  medianMs: number
  p99Ms: number
  meanMs: number
  samples: number
}

function latencyStats(samples: readonly number[]): Latency {
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

interface AccuracyFigures {
  accuracy: number
  macroF1: number
  accented: number
  unaccented: number
  teencode: number
  oosRecall: number
  turnedAway: number
  offered: number
}

function accuracyFigures(report: ReturnType<typeof evaluate>): AccuracyFigures {
  return {
    accuracy: round(report.accuracy),
    macroF1: round(report.macroF1),
    accented: round(report.buckets.accented?.accuracy ?? 0),
    unaccented: round(report.buckets.unaccented?.accuracy ?? 0),
    teencode: round(report.buckets.teencode?.accuracy ?? 0),
    oosRecall: round(report.oosRecall),
    turnedAway: round(report.turnedAway),
    offered: round(report.offered),
  }
}

interface NlpJsSystem {
  name: string
  manager: NlpJsManager
  trainMs: number
}

async function nlpJsSystems(): Promise<NlpJsSystem[] | string> {
  const require = createRequire(import.meta.url)
  let NlpManager: NlpJsCtor
  try {
    ;({ NlpManager } = require('node-nlp') as { NlpManager: NlpJsCtor })
  } catch (err) {
    return `node-nlp could not be loaded: ${err instanceof Error ? err.message : String(err)}`
  }
  const systems: NlpJsSystem[] = []
  // Defaults as people use it, and a lean variant without sentiment analysis (its fastest fair setting).
  for (const [name, settings] of [
    ['default', { languages: ['vi'], nlu: { log: false }, autoSave: false }],
    ['noSentiment', { languages: ['vi'], nlu: { log: false }, autoSave: false, calculateSentiment: false }],
  ] as const) {
    const manager = new NlpManager({ ...settings })
    for (const [intent, utterances] of Object.entries(trainData)) for (const u of utterances) manager.addDocument('vi', u, intent)
    const t0 = performance.now()
    await manager.train()
    systems.push({ name, manager, trainMs: performance.now() - t0 })
  }
  return systems
}

/** Measures everything and prints a table; returns the numbers. */
export async function run(): Promise<Record<string, unknown>> {
  const modelText = readFileSync(new URL('../../src/nlu/model.generated.json', import.meta.url), 'utf8')

  // Start-up as a Worker sees it: parse the bundled model and build its tables.
  const loadStart = performance.now()
  loadIntentClassifier(JSON.parse(modelText) as IntentModelJson)
  const loadMs = performance.now() - loadStart

  const nlu = createNlu({ places: placeNames(PLACES) })
  const ourReport = evaluate(heldout, (text) => nlu.understand(text, NOW))
  const ourSets = Object.fromEntries(SETS.map((set) => [set.name, accuracyFigures(evaluate(set.items, (text) => nlu.understand(text, NOW)))]))
  const others = await nlpJsSystems()
  const systems = typeof others === 'string' ? [] : others
  // NLP.js on every set, untimed (its answers are cached by text, so this runs before the timed texts, which are new).
  const nlpJsSets: Record<string, Record<string, AccuracyFigures>> = {}
  for (const sys of systems) {
    nlpJsSets[sys.name] = {}
    for (const set of SETS) {
      const answers = new Map<string, NlpJsResult>()
      for (const it of set.items) answers.set(it.text, await sys.manager.process('vi', it.text))
      ;(nlpJsSets[sys.name] as Record<string, AccuracyFigures>)[set.name] = accuracyFigures(
        evaluate(set.items, (text) => {
          const r = answers.get(text) as NlpJsResult
          return { intent: r.intent === 'None' ? 'out_of_scope' : r.intent, confidence: r.score }
        }),
      )
    }
  }

  // Warm every JIT on the training utterances (in a few new variants each, so NLP.js's cache does not shortcut
  // its pipeline); these are never timed.
  for (const suffix of ['', 'hả', 'á', 'nhá', 'à', 'hen']) {
    for (const u of Object.values(trainData).flat()) {
      const text = suffix === '' ? u : `${u} ${suffix}`
      nlu.understand(text, NOW)
      for (const sys of systems) await sys.manager.process('vi', text)
    }
  }

  const texts = timedTexts()
  const rounds = PARTICLES.length
  const perRound = heldout.length

  // Blocks: for each round of fresh texts, ours, then each NLP.js setting, each over the whole round.
  const ours: number[] = []
  const theirs = systems.map(() => [] as number[])
  const predictions = systems.map(() => new Map<string, NlpJsResult>())
  const roundRatios: number[] = []
  for (let r = 0; r < rounds; r++) {
    const slice = texts.slice(r * perRound, (r + 1) * perRound)
    const mineRound: number[] = []
    for (const text of slice) {
      const s = performance.now()
      nlu.understand(text, NOW)
      mineRound.push(performance.now() - s)
    }
    ours.push(...mineRound)
    for (let k = 0; k < systems.length; k++) {
      const theirRound: number[] = []
      for (const text of slice) {
        const s = performance.now()
        const res = await (systems[k] as NlpJsSystem).manager.process('vi', text)
        theirRound.push(performance.now() - s)
        ;(predictions[k] as Map<string, NlpJsResult>).set(text, res)
      }
      ;(theirs[k] as number[]).push(...theirRound)
      if ((systems[k] as NlpJsSystem).name === 'noSentiment') roundRatios.push(latencyStats(theirRound).medianMs / latencyStats(mineRound).medianMs)
    }
  }

  // Interleaved: the same texts with a second particle, message by message across systems.
  const oursInterleaved: number[] = []
  const theirsInterleaved: number[] = []
  const lean = systems.find((sys) => sys.name === 'noSentiment')
  if (lean) {
    for (const text of texts) {
      const t = `${text} nữa`
      let s = performance.now()
      nlu.understand(t, NOW)
      oursInterleaved.push(performance.now() - s)
      s = performance.now()
      await lean.manager.process('vi', t)
      theirsInterleaved.push(performance.now() - s)
    }
  }

  // Training last: its garbage would otherwise be collected inside the latency measurement.
  const trainStart = performance.now()
  trainIntentModel(trainData)
  const trainMs = performance.now() - trainStart

  const nlpjs: Record<string, unknown> = typeof others === 'string' ? { error: others } : {}
  systems.forEach((sys, k) => {
    // NLP.js answers "None" below its own threshold: that is its out-of-scope.
    const report = evaluate(heldout, (text) => {
      const r = (predictions[k] as Map<string, NlpJsResult>).get(text) as NlpJsResult
      return { intent: r.intent === 'None' ? 'out_of_scope' : r.intent, confidence: r.score }
    })
    nlpjs[sys.name] = { ...accuracyFigures(report), sets: nlpJsSets[sys.name], trainMs: round(sys.trainMs, 1), latency: latencyStats(theirs[k] as number[]) }
  })

  const mine = latencyStats(ours)
  const result = {
    heldout: heldout.length,
    trainingUtterances: Object.values(trainData).flat().length,
    ours: {
      ...accuracyFigures(ourReport),
      sets: ourSets,
      wrongAnswerRate: round(ourReport.wrongAnswerRate),
      ece: round(ourReport.calibration.ece),
      latency: mine,
      modelBytes: Buffer.byteLength(modelText),
      modelGzipBytes: gzipSync(modelText).length,
      trainMs: round(trainMs, 1),
      loadMs: round(loadMs, 2),
    },
    nlpjs,
    /** Median over rounds of (NLP.js without sentiment, its fastest setting: median ms) / (ours: median ms), warm. */
    speedupWarm: roundRatios.length > 0 ? round(quantile([...roundRatios].sort((a, b) => a - b), 0.5), 1) : null,
    /** The same ratio of medians when the systems alternate message by message (caches shared). */
    speedupInterleaved: lean ? round(latencyStats(theirsInterleaved).medianMs / latencyStats(oursInterleaved).medianMs, 1) : null,
    interleaved: lean ? { ours: latencyStats(oursInterleaved), nlpjsNoSentiment: latencyStats(theirsInterleaved) } : null,
  }

  const row = (label: string, a: string, b: string, c: string) => `${label.padEnd(24)}${a.padStart(13)}${b.padStart(16)}${c.padStart(16)}`
  const nj = (nlpjs.default ?? {}) as Record<string, number> & { latency?: Latency }
  const njLean = (nlpjs.noSentiment ?? {}) as Record<string, number> & { latency?: Latency }
  const pct = (x: unknown) => (typeof x === 'number' ? `${(x * 100).toFixed(1)}%` : '—')
  const ms = (x: unknown) => (typeof x === 'number' ? `${x.toFixed(4)} ms` : '—')
  const o = result.ours
  const setRows = SETS.flatMap((set) => {
    const a = ourSets[set.name] as AccuracyFigures
    const b = nlpJsSets.default?.[set.name]
    const c = nlpJsSets.noSentiment?.[set.name]
    return [
      row(`${set.name} (${set.items.length}) top-1`, pct(a.accuracy), pct(b?.accuracy), pct(c?.accuracy)),
      row(`${set.name} unaccented`, pct(a.unaccented), pct(b?.unaccented), pct(c?.unaccented)),
      row(`${set.name} turned away`, pct(a.turnedAway), pct(b?.turnedAway), pct(c?.turnedAway)),
      row(`${set.name} OOS recall`, pct(a.oosRecall), pct(b?.oosRecall), pct(c?.oosRecall)),
      row(`${set.name} offered`, pct(a.offered), pct(b?.offered), pct(c?.offered)),
    ]
  })
  console.log(
    [
      `NLU benchmark — ${heldout.length} held-out messages, ${result.trainingUtterances} training utterances, ${ours.length} timed messages each`,
      row('', 'ours', 'NLP.js', 'NLP.js lean'),
      ...setRows,
      row('split macro-F1', String(o.macroF1), String(nj.macroF1 ?? '—'), String(njLean.macroF1 ?? '—')),
      `  (NLP.js offers no buttons, so its "offered" is its top-1 on in-scope messages; latency below is on the split)`,
      row('median per message', ms(o.latency.medianMs), ms(nj.latency?.medianMs), ms(njLean.latency?.medianMs)),
      row('p99 per message', ms(o.latency.p99Ms), ms(nj.latency?.p99Ms), ms(njLean.latency?.p99Ms)),
      row('mean per message', ms(o.latency.meanMs), ms(nj.latency?.meanMs), ms(njLean.latency?.meanMs)),
      row('training', `${o.trainMs.toFixed(0)} ms`, nj.trainMs === undefined ? '—' : `${nj.trainMs.toFixed(0)} ms`, njLean.trainMs === undefined ? '—' : `${njLean.trainMs.toFixed(0)} ms`),
      row('model load (start-up)', `${o.loadMs.toFixed(1)} ms`, '', ''),
      row('model size gzip', `${(o.modelGzipBytes / 1024).toFixed(0)} KB`, '', ''),
      `speed-up over NLP.js lean (no sentiment), median latency: ${String(result.speedupWarm)}× warm (in blocks), ${String(result.speedupInterleaved)}× interleaved message by message` +
        (result.interleaved ? ` (${ms(result.interleaved.ours.medianMs)} vs ${ms(result.interleaved.nlpjsNoSentiment.medianMs)})` : ''),
      ...(typeof others === 'string' ? [`NLP.js: ${others}`] : []),
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
