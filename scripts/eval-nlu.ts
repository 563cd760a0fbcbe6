/**
 * Scores the NLU on the held-out split (test/nlu/heldout.json: messages never used in training):
 * accuracy, macro-F1, accuracy per writing style, out-of-scope recall, calibration, confusions.
 *   npx tsx scripts/eval-nlu.ts            the committed model
 *   npx tsx scripts/eval-nlu.ts --retrain  a model trained now from locales/vi/nlu/train.json
 *   npx tsx scripts/eval-nlu.ts --json     the report as JSON
 */
import { PLACES, placeNames } from '../prisma/seed/places.ts'
import { evaluate, formatReport, type LabelledMessage } from '../src/nlu/evaluate.ts'
import { createNlu } from '../src/nlu/index.ts'
import { trainIntentModel } from '../src/nlu/train.ts'
import { TRAINING_DATA } from '../src/nlu/training-data.ts'
import heldout from '../test/nlu/heldout.json' with { type: 'json' }

const args = new Set(process.argv.slice(2))
const model = args.has('--retrain') ? trainIntentModel(TRAINING_DATA) : undefined
const nlu = createNlu({ places: placeNames(PLACES), ...(model ? { model } : {}) })
const now = new Date()
const report = evaluate(heldout as LabelledMessage[], (text) => nlu.understand(text, now))
console.log(args.has('--json') ? JSON.stringify(report, null, 2) : formatReport(report))
