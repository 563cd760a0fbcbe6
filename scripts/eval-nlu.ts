/**
 * Scores the NLU on five sets, side by side:
 *   split    test/nlu/heldout.json — held out from the same writers as the training data (memory, mostly);
 *   dev      test/nlu/dev.json     — written from personas by people who never saw the training data: tune on it;
 *   dev2     test/nlu/dev2.json    — a second development set, from new personas (written later, the same way):
 *                                    tune on it too;
 *   sealed   test/nlu/sealed.json  — written the same way; nobody reads or tunes on it. Only its scores and its
 *                                    confusion counts are printed, never its messages;
 *   sealed2  test/nlu/sealed2.json — a second sealed set from the new personas, kept the same way.
 *
 *   npm run eval:nlu                      the committed model
 *   npm run eval:nlu -- --retrain         a model trained now from locales/vi/nlu/*.json
 *   npm run eval:nlu -- --model=<file>    another model file (an earlier commit's, for a before/after table)
 *   npm run eval:nlu -- --detail          also the split's and the dev sets' full reports (per intent, examples)
 *   npm run eval:nlu -- --misses          every dev- and dev2-set miss with the model's ranking (for finding failure kinds)
 *   npm run eval:nlu -- --no-sealed       split, dev and dev2 only, while tuning (the sealed sets are scored once per change)
 *   npm run eval:nlu -- --sealed-pairs    also the sealed sets' confusion pairs, as counts (not while tuning)
 *   npm run eval:nlu -- --json            the reports as JSON (sealed sets: scores only)
 */
import { readFileSync } from 'node:fs'
import { PLACES, placeNames } from '../prisma/seed/places.ts'
import { evaluate, formatConfusionCounts, formatReport, formatSideBySide, actionOf, type EvalReport, type LabelledMessage } from '../src/nlu/evaluate.ts'
import { createNlu, type IntentModelJson } from '../src/nlu/index.ts'
import { trainIntentModel } from '../src/nlu/train.ts'
import { TRAINING_DATA } from '../src/nlu/training-data.ts'
import dev from '../test/nlu/dev.json' with { type: 'json' }
import dev2 from '../test/nlu/dev2.json' with { type: 'json' }
import heldout from '../test/nlu/heldout.json' with { type: 'json' }
import sealed from '../test/nlu/sealed.json' with { type: 'json' }
import sealed2 from '../test/nlu/sealed2.json' with { type: 'json' }

// `… | head` closes the pipe early: stop quietly.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0)
  throw err
})

const argv = process.argv.slice(2)
const args = new Set(argv)
const modelFile = argv.find((a) => a.startsWith('--model='))?.slice('--model='.length)
const model: IntentModelJson | undefined = args.has('--retrain')
  ? trainIntentModel(TRAINING_DATA)
  : modelFile
    ? (JSON.parse(readFileSync(modelFile, 'utf8')) as IntentModelJson)
    : undefined
const nlu = createNlu({ places: placeNames(PLACES), ...(model ? { model } : {}) })
const now = new Date()
const predict = (text: string) => nlu.understand(text, now)

const withSealed = !args.has('--no-sealed')
/** Sets whose messages may be read (the split and the development sets); the sealed ones give scores only. */
const open = [
  { name: 'split', items: heldout as LabelledMessage[] },
  { name: 'dev', items: dev as LabelledMessage[] },
  { name: 'dev2', items: dev2 as LabelledMessage[] },
]
const closed = withSealed
  ? [
      { name: 'sealed', items: sealed as LabelledMessage[] },
      { name: 'sealed2', items: sealed2 as LabelledMessage[] },
    ]
  : []
const reports = [...open, ...closed].map((s) => ({ name: s.name, report: evaluate(s.items, predict) }))
const byName = new Map(reports.map((r) => [r.name, r.report]))
const openReports = open.map((s) => ({ name: s.name, report: byName.get(s.name) as EvalReport }))
const closedReports = closed.map((s) => ({ name: s.name, report: byName.get(s.name) as EvalReport }))
/** A sealed report as scores only: no message text, no per-intent detail or confusion pairs to tune on. */
const blind = (r: EvalReport): Partial<EvalReport> => {
  const { confusions: _c, perIntent: _p, ...scores } = r
  return scores
}

if (args.has('--json')) {
  console.log(
    JSON.stringify(
      { ...Object.fromEntries(openReports.map((r) => [r.name, r.report])), ...Object.fromEntries(closedReports.map((r) => [r.name, blind(r.report)])) },
      null,
      2,
    ),
  )
} else {
  console.log(`NLU evaluation — ${args.has('--retrain') ? 'freshly trained model' : modelFile ? modelFile : 'committed model'}`)
  console.log(formatSideBySide(reports))
  console.log(
    '\n  top-1: the answer is the labelled intent (buttons are not an answer); turned away: in-scope messages given the flat\n' +
      '  fallback; offered: in-scope messages whose intent is answered or among the "Ý bạn là…?" buttons; OOS recall:\n' +
      '  out-of-scope messages given the flat fallback. Buttons "?a|b" in the confusions.\n',
  )
  for (const { name, report } of openReports.slice(1)) {
    const personas = Object.keys(report.personas)
    console.log(`${`${name} per persona`.padEnd(18)}` + personas.map((p) => `${p} ${(report.personas[p]!.accuracy * 100).toFixed(0)}% (${report.personas[p]!.n})`).join(', '))
  }
  console.log('')
  const examples = (r: EvalReport, title: string, limit: number) =>
    [`${title}: ${r.confusions.reduce((a, c) => a + c.count, 0)} misses`, ...r.confusions.slice(0, limit).map((c) => `    ${c.count} × ${c.expected} → ${c.got}: ${c.examples.slice(0, 2).map((e) => JSON.stringify(e)).join(', ')}`)].join('\n')
  for (const { name, report } of openReports) console.log(examples(report, `${name} confusions`, name === 'split' ? 12 : 25))
  if (args.has('--sealed-pairs')) for (const { name, report } of closedReports) console.log(formatConfusionCounts(report, `${name} confusions (counts only)`, 25))
  if (args.has('--detail')) for (const { name, report } of openReports) console.log(`\n${formatReport(report, name)}`)
  if (args.has('--misses')) {
    for (const set of open.slice(1)) {
      console.log(`\n${set.name} misses (expected ⇒ action | ranking)`)
      for (const it of set.items) {
        const u = predict(it.text)
        const action = actionOf(u)
        if (action === it.intent) continue
        const ranking = [{ intent: u.intent, confidence: u.confidence }, ...u.alternatives].map((a) => `${a.intent} ${a.confidence.toFixed(2)}`).join(', ')
        console.log(`  [${it.persona ?? '-'}/${it.bucket}] ${it.intent} ⇒ ${action} | ${ranking}\n      ${JSON.stringify(it.text)}`)
      }
    }
  }
}
