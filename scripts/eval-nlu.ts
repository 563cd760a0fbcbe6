/**
 * Scores the NLU on three sets, side by side:
 *   split   test/nlu/heldout.json — held out from the same writers as the training data (memory, mostly);
 *   dev     test/nlu/dev.json     — written from personas by people who never saw the training data: tune on it;
 *   sealed  test/nlu/sealed.json  — written the same way; nobody reads or tunes on it. Only its scores and its
 *                                   confusion counts are printed, never its messages.
 *
 *   npm run eval:nlu                      the committed model
 *   npm run eval:nlu -- --retrain         a model trained now from locales/vi/nlu/*.json
 *   npm run eval:nlu -- --detail          also the split's and the dev set's full reports (per intent, examples)
 *   npm run eval:nlu -- --misses          every dev-set miss with the model's ranking (for finding failure kinds)
 *   npm run eval:nlu -- --no-sealed       split and dev only, while tuning (the sealed set is scored once per change)
 *   npm run eval:nlu -- --sealed-pairs    also the sealed set's confusion pairs, as counts (not while tuning)
 *   npm run eval:nlu -- --json            the reports as JSON (sealed: scores only)
 */
import { PLACES, placeNames } from '../prisma/seed/places.ts'
import { evaluate, formatConfusionCounts, formatReport, formatSideBySide, actionOf, type EvalReport, type LabelledMessage } from '../src/nlu/evaluate.ts'
import { createNlu } from '../src/nlu/index.ts'
import { trainIntentModel } from '../src/nlu/train.ts'
import { TRAINING_DATA } from '../src/nlu/training-data.ts'
import dev from '../test/nlu/dev.json' with { type: 'json' }
import heldout from '../test/nlu/heldout.json' with { type: 'json' }
import sealed from '../test/nlu/sealed.json' with { type: 'json' }

// `… | head` closes the pipe early: stop quietly.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0)
  throw err
})

const args = new Set(process.argv.slice(2))
const model = args.has('--retrain') ? trainIntentModel(TRAINING_DATA) : undefined
const nlu = createNlu({ places: placeNames(PLACES), ...(model ? { model } : {}) })
const now = new Date()
const predict = (text: string) => nlu.understand(text, now)

const withSealed = !args.has('--no-sealed')
const sets = [
  { name: 'split', items: heldout as LabelledMessage[] },
  { name: 'dev', items: dev as LabelledMessage[] },
  ...(withSealed ? [{ name: 'sealed', items: sealed as LabelledMessage[] }] : []),
]
const reports = sets.map((s) => ({ name: s.name, report: evaluate(s.items, predict) }))
const [split, devReport, sealedReport] = reports.map((r) => r.report) as [EvalReport, EvalReport, EvalReport | undefined]
/** The sealed report as scores only: no message text, no per-intent detail or confusion pairs to tune on. */
const blind = (r: EvalReport): Partial<EvalReport> => {
  const { confusions: _c, perIntent: _p, ...scores } = r
  return scores
}

if (args.has('--json')) {
  console.log(JSON.stringify({ split, dev: devReport, ...(sealedReport ? { sealed: blind(sealedReport) } : {}) }, null, 2))
} else {
  console.log(`NLU evaluation — ${model ? 'freshly trained model' : 'committed model'}`)
  console.log(formatSideBySide(reports))
  console.log(
    '\n  top-1: the answer is the labelled intent (buttons are not an answer); turned away: in-scope messages given the flat\n' +
      '  fallback; offered: in-scope messages whose intent is answered or among the "Ý bạn là…?" buttons; OOS recall:\n' +
      '  out-of-scope messages given the flat fallback. Buttons "?a|b" in the confusions.\n',
  )
  const personas = [...new Set(Object.keys(devReport.personas))]
  console.log('dev per persona   ' + personas.map((p) => `${p} ${(devReport.personas[p]!.accuracy * 100).toFixed(0)}% (${devReport.personas[p]!.n})`).join(', '))
  console.log('')
  const examples = (r: EvalReport, title: string, limit: number) =>
    [`${title}: ${r.confusions.reduce((a, c) => a + c.count, 0)} misses`, ...r.confusions.slice(0, limit).map((c) => `    ${c.count} × ${c.expected} → ${c.got}: ${c.examples.slice(0, 2).map((e) => JSON.stringify(e)).join(', ')}`)].join('\n')
  console.log(examples(split, 'split confusions', 12))
  console.log(examples(devReport, 'dev confusions', 25))
  if (sealedReport && args.has('--sealed-pairs')) console.log(formatConfusionCounts(sealedReport, 'sealed confusions (counts only)', 25))
  if (args.has('--detail')) {
    console.log(`\n${formatReport(split, 'split')}\n\n${formatReport(devReport, 'dev')}`)
  }
  if (args.has('--misses')) {
    console.log('\ndev misses (expected ⇒ action | ranking)')
    for (const it of dev as LabelledMessage[]) {
      const u = predict(it.text)
      const action = actionOf(u)
      if (action === it.intent) continue
      const ranking = [{ intent: u.intent, confidence: u.confidence }, ...u.alternatives].map((a) => `${a.intent} ${a.confidence.toFixed(2)}`).join(', ')
      console.log(`  [${it.persona ?? '-'}/${it.bucket}] ${it.intent} ⇒ ${action} | ${ranking}\n      ${JSON.stringify(it.text)}`)
    }
  }
}
