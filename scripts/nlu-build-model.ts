/**
 * Trains the intent model from locales/vi/nlu/train.json and writes src/nlu/model.generated.json (committed,
 * bundled into the Worker). Run after changing utterances, teencode or features:
 *   npx tsx scripts/nlu-build-model.ts
 * test/nlu/model.test.ts fails while the committed model differs from what training produces.
 */
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import train from '../locales/vi/nlu/train.json' with { type: 'json' }
import { serializeModel, trainIntentModel } from '../src/nlu/train.ts'

const started = performance.now()
const model = trainIntentModel(train)
const ms = performance.now() - started
const out = fileURLToPath(new URL('../src/nlu/model.generated.json', import.meta.url))
const text = serializeModel(model)
writeFileSync(out, text)
console.log(
  `model: ${model.info.examples} utterances, ${model.vocab.length} features, T=${model.temperature}, threshold=${model.threshold}, ` +
    `cv accuracy ${model.info.cvAccuracy}, ${(text.length / 1024).toFixed(0)} KB, trained in ${ms.toFixed(0)} ms → ${out}`,
)
