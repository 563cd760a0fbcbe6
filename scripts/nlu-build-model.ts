/**
 * Trains the intent model from locales/vi/nlu/train.json (+ learned.json) and writes src/nlu/model.generated.json (committed,
 * bundled into the Worker). Run after changing utterances, teencode or features:
 *   npx tsx scripts/nlu-build-model.ts
 * test/nlu/model.test.ts fails while the committed model differs from what training produces.
 */
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { serializeModel, trainIntentModel } from '../src/nlu/train.ts'
import { TRAINING_DATA } from '../src/nlu/training-data.ts'

const started = performance.now()
const model = trainIntentModel(TRAINING_DATA)
const ms = performance.now() - started
const out = fileURLToPath(new URL('../src/nlu/model.generated.json', import.meta.url))
const text = serializeModel(model)
writeFileSync(out, text)
console.log(
  `model: ${model.info.examples} utterances, ${model.vocab.length} features, T=${model.temperature}, ` +
    `cv accuracy ${model.info.cvAccuracy}, ${(text.length / 1024).toFixed(0)} KB, trained in ${ms.toFixed(0)} ms → ${out}`,
)
