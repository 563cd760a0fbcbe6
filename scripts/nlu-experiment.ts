/**
 * Compares training settings for the intent model: cross-validated accuracy on the training utterances, and the
 * split's and the development set's scores (never the sealed set: settings are chosen here). Not part of the build.
 *   npx tsx scripts/nlu-experiment.ts '{"epochs":60}' '{"features":{"charMin":1,"charMax":5,"charWeight":1,"wordBigrams":true}}'
 */
import { PLACES, placeNames } from '../prisma/seed/places.ts'
import { evaluate, type EvalReport, type LabelledMessage } from '../src/nlu/evaluate.ts'
import { createNlu } from '../src/nlu/index.ts'
import { DEFAULT_TRAIN_OPTIONS, serializeModel, trainIntentModel, type TrainOptions } from '../src/nlu/train.ts'
import { TRAINING_DATA } from '../src/nlu/training-data.ts'
import dev from '../test/nlu/dev.json' with { type: 'json' }
import heldout from '../test/nlu/heldout.json' with { type: 'json' }
import { gzipSync } from 'node:zlib'

const configs = process.argv.slice(2).map((a) => JSON.parse(a) as Partial<TrainOptions>)
if (configs.length === 0) configs.push({})
const brief = (r: EvalReport) =>
  `top1=${(r.accuracy * 100).toFixed(1)} unacc=${((r.buckets.unaccented?.accuracy ?? 0) * 100).toFixed(1)} away=${(r.turnedAway * 100).toFixed(1)} ` +
  `oos=${(r.oosRecall * 100).toFixed(1)} offered=${(r.offered * 100).toFixed(1)} wrong=${(r.wrongAnswerRate * 100).toFixed(1)}`
for (const c of configs) {
  const opts: TrainOptions = { ...DEFAULT_TRAIN_OPTIONS, ...c }
  const t0 = performance.now()
  const model = trainIntentModel(TRAINING_DATA, opts)
  const ms = performance.now() - t0
  const nlu = createNlu({ places: placeNames(PLACES), model })
  const now = new Date()
  const split = evaluate(heldout as LabelledMessage[], (text) => nlu.understand(text, now))
  const d = evaluate(dev as LabelledMessage[], (text) => nlu.understand(text, now))
  const gz = gzipSync(serializeModel(model)).length
  const texts = (dev as LabelledMessage[]).map((h) => h.text)
  for (let r = 0; r < 50; r++) for (const t of texts) nlu.understand(t, now)
  const c0 = process.cpuUsage()
  for (let r = 0; r < 100; r++) for (const t of texts) nlu.understand(t, now)
  const cpu = process.cpuUsage(c0)
  const usPerMessage = (cpu.user + cpu.system) / (100 * texts.length)
  console.log(
    `${JSON.stringify(c)}\n   cv=${model.info.cvAccuracy} T=${model.temperature} | split ${brief(split)}\n   dev ${brief(d)}\n` +
      `   vocab=${model.vocab.length} gz=${(gz / 1024).toFixed(0)}KB train=${ms.toFixed(0)}ms cpu/msg=${usPerMessage.toFixed(1)}µs`,
  )
}
