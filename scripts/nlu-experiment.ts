/**
 * Compares training settings for the intent model, on what settings may be chosen by — never the sealed set:
 *   - the development sets (test/nlu/dev.json, dev2.json) and the split;
 *   - with --personas, 5-fold cross-validation over the persona-written utterances (locales/vi/nlu/personas.json):
 *     each fold is scored by a model trained on everything else, so it shows how the model generalises to
 *     messages in the people's own voice beyond the dev set, which the training data was written to cover.
 *   npx tsx scripts/nlu-experiment.ts '{"epochs":60}' '{"features":{"charMin":1,"charMax":5,"charWeight":1,"wordBigrams":true}}'
 *   npx tsx scripts/nlu-experiment.ts --personas '{}' '{"l2":1e-4}'
 *   npx tsx scripts/nlu-experiment.ts --personas --misses    and every persona utterance the folds got wrong
 */
import { gzipSync } from 'node:zlib'
import { PLACES, placeNames } from '../prisma/seed/places.ts'
import { evaluate, type EvalReport, type LabelledMessage } from '../src/nlu/evaluate.ts'
import { createNlu, fold } from '../src/nlu/index.ts'
import { DEFAULT_TRAIN_OPTIONS, serializeModel, trainIntentModel, type TrainingData, type TrainOptions } from '../src/nlu/train.ts'
import { concatTrainingData, mergeTrainingData, TRAINING_DATA } from '../src/nlu/training-data.ts'
import learned from '../locales/vi/nlu/learned.json' with { type: 'json' }
import personas from '../locales/vi/nlu/personas.json' with { type: 'json' }
import written from '../locales/vi/nlu/train.json' with { type: 'json' }
import dev from '../test/nlu/dev.json' with { type: 'json' }
import dev2 from '../test/nlu/dev2.json' with { type: 'json' }
import heldout from '../test/nlu/heldout.json' with { type: 'json' }

const args = process.argv.slice(2)
const crossPersonas = args.includes('--personas')
/** --weight=2: each persona utterance counts twice in training (folds only). */
const personaWeight = Number(args.find((a) => a.startsWith('--weight='))?.slice('--weight='.length) ?? 1)
const configs = args.filter((a) => a.startsWith('{')).map((a) => JSON.parse(a) as Partial<TrainOptions>)
if (configs.length === 0) configs.push({})
const brief = (r: EvalReport) =>
  `top1=${(r.accuracy * 100).toFixed(1)} acc=${((r.buckets.accented?.accuracy ?? 0) * 100).toFixed(1)} unacc=${((r.buckets.unaccented?.accuracy ?? 0) * 100).toFixed(1)} away=${(r.turnedAway * 100).toFixed(1)} ` +
  `oos=${(r.oosRecall * 100).toFixed(1)} offered=${(r.offered * 100).toFixed(1)} wrong=${(r.wrongAnswerRate * 100).toFixed(1)}`
const now = new Date()
const places = placeNames(PLACES)

/** Out-of-fold scores on the persona utterances. */
function personaFolds(opts: TrainOptions): EvalReport {
  const items: LabelledMessage[] = Object.entries(personas as Record<string, string[]>).flatMap(([intent, us]) =>
    us.map((text) => ({ text, intent, bucket: fold(text) === text ? ('unaccented' as const) : ('accented' as const) })),
  )
  const foldOf = (i: number) => (i * 7919) % 5
  const predictions = new Map<string, ReturnType<ReturnType<typeof createNlu>['understand']>>()
  for (let f = 0; f < 5; f++) {
    const rest: Record<string, string[]> = {}
    items.forEach((it, i) => {
      if (foldOf(i) !== f) (rest[it.intent] ??= []).push(it.text)
    })
    let weighted: TrainingData = {}
    for (let w = 0; w < personaWeight; w++) weighted = concatTrainingData(weighted, rest)
    const data = mergeTrainingData(concatTrainingData(written, weighted), learned as { text: string; intent: string }[])
    const nlu = createNlu({ places, model: trainIntentModel(data, opts) })
    items.forEach((it, i) => {
      if (foldOf(i) === f) predictions.set(it.text, nlu.understand(it.text, now))
    })
  }
  if (args.includes('--misses')) {
    for (const it of items) {
      const u = predictions.get(it.text)!
      const action = u.clarify ? `?${u.clarify.join('|')}` : u.intent
      if (action !== it.intent) console.log(`   miss ${it.intent} ⇒ ${action} (${u.confidence}) ${JSON.stringify(it.text)}`)
    }
  }
  return evaluate(items, (text) => predictions.get(text)!)
}

for (const c of configs) {
  const opts: TrainOptions = { ...DEFAULT_TRAIN_OPTIONS, ...c }
  const t0 = performance.now()
  const model = trainIntentModel(TRAINING_DATA, opts)
  const ms = performance.now() - t0
  const nlu = createNlu({ places, model })
  const split = evaluate(heldout as LabelledMessage[], (text) => nlu.understand(text, now))
  const d = evaluate(dev as LabelledMessage[], (text) => nlu.understand(text, now))
  const d2 = evaluate(dev2 as LabelledMessage[], (text) => nlu.understand(text, now))
  const gz = gzipSync(serializeModel(model)).length
  const texts = (dev as LabelledMessage[]).map((h) => h.text)
  for (let r = 0; r < 50; r++) for (const t of texts) nlu.understand(t, now)
  const c0 = process.cpuUsage()
  for (let r = 0; r < 100; r++) for (const t of texts) nlu.understand(t, now)
  const cpu = process.cpuUsage(c0)
  const usPerMessage = (cpu.user + cpu.system) / (100 * texts.length)
  console.log(
    `${JSON.stringify(c)}\n   cv=${model.info.cvAccuracy} T=${model.temperature} | split ${brief(split)}\n   dev  ${brief(d)}\n   dev2 ${brief(d2)}\n` +
      (crossPersonas ? `   personas (5-fold) ${brief(personaFolds(opts))}\n` : '') +
      `   vocab=${model.vocab.length} gz=${(gz / 1024).toFixed(0)}KB train=${ms.toFixed(0)}ms cpu/msg=${usPerMessage.toFixed(1)}µs`,
  )
}
