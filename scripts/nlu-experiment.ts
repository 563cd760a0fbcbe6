/**
 * Compares training settings for the intent model: cross-validated accuracy on the training utterances (what
 * settings are chosen by) and, for information, held-out accuracy. Not part of the build.
 *   npx tsx scripts/nlu-experiment.ts '{"epochs":60}' '{"features":{"charMin":1,"charMax":5,"charWeight":1,"wordBigrams":true}}'
 */
import { PLACES, placeNames } from '../prisma/seed/places.ts'
import { evaluate, type LabelledMessage } from '../src/nlu/evaluate.ts'
import { createNlu } from '../src/nlu/index.ts'
import { DEFAULT_TRAIN_OPTIONS, serializeModel, trainIntentModel, type TrainOptions } from '../src/nlu/train.ts'
import { TRAINING_DATA } from '../src/nlu/training-data.ts'
import heldout from '../test/nlu/heldout.json' with { type: 'json' }
import { gzipSync } from 'node:zlib'

const configs = process.argv.slice(2).map((a) => JSON.parse(a) as Partial<TrainOptions>)
if (configs.length === 0) configs.push({})
for (const c of configs) {
  const opts: TrainOptions = { ...DEFAULT_TRAIN_OPTIONS, ...c }
  const t0 = performance.now()
  const model = trainIntentModel(TRAINING_DATA, opts)
  const ms = performance.now() - t0
  const nlu = createNlu({ places: placeNames(PLACES), model })
  const now = new Date()
  const r = evaluate(heldout as LabelledMessage[], (text) => nlu.understand(text, now))
  const gz = gzipSync(JSON.stringify(model)).length
  const texts = (heldout as LabelledMessage[]).map((h) => h.text)
  for (let r = 0; r < 50; r++) for (const t of texts) nlu.understand(t, now)
  const c0 = process.cpuUsage()
  for (let r = 0; r < 100; r++) for (const t of texts) nlu.understand(t, now)
  const cpu = process.cpuUsage(c0)
  const usPerMessage = (cpu.user + cpu.system) / (100 * texts.length)
  console.log(
    `${JSON.stringify(c)}\n   cv=${model.info.cvAccuracy} T=${model.temperature} th=${model.threshold} | heldout acc=${r.accuracy.toFixed(3)} ` +
      `unacc=${r.buckets.unaccented?.accuracy.toFixed(3)} teen=${r.buckets.teencode?.accuracy.toFixed(3)} oos=${r.oosRecall.toFixed(3)} ` +
      `wrong=${r.wrongAnswerRate.toFixed(3)} ece=${r.calibration.ece.toFixed(3)} | vocab=${model.vocab.length} gz=${(gz / 1024).toFixed(0)}KB raw=${(serializeModel(model).length / 1024).toFixed(0)}KB train=${ms.toFixed(0)}ms cpu/msg=${usPerMessage.toFixed(1)}µs`,
  )
}
