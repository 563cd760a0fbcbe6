/**
 * Tunes the decision policy (answer / "Ý bạn là…?" buttons / fall back, src/nlu/intents.ts) on the development
 * sets, test/nlu/dev.json and dev2.json taken together — never on the sealed sets. Prints the best settings found by a grid search; the chosen one
 * goes into DEFAULT_TRAIN_OPTIONS.decision (src/nlu/train.ts), then `npm run nlu:train`.
 *   npm run nlu:tune                       the committed model's scores on the dev sets
 *   npm run nlu:tune -- --retrain          a model trained now
 *   npm run nlu:tune -- --personas         also the persona utterances, each scored by a model trained without it
 *                                          (5 folds): more and harder messages than the dev set alone
 *   npm run nlu:tune -- '{"answer":0.5}'   also the scores of the committed policy with these changes
 *
 * A close-call band (`sure`, `ahead`): below `sure`, the top intent is answered only when clearly ahead of the next
 * in-scope intent, else the two or three are offered as buttons.
 * Constraints (the targets, with a margin for the sealed set): in-scope turned away ≤ 3%, OOS recall ≥ 92%,
 * right intent offered ≥ 98.5%; among those, the best top-1 accuracy, then the most offered and fewest wrong or
 * turned away, on the dev sets (as the issue says: tune on the development set).
 * With --personas, the persona folds also break ties: the dev sets are now nearly all answered right, so thousands
 * of settings tie on them. Among those within half a point of the best dev top-1 (and OOS recall ≥ 90% on the
 * folds), the best on the folds by top-1 + offered − wrong − turned away + OOS recall are printed last. Settings
 * within a few tenths of each other there trade places as the data grows; the chosen one (train.ts) is among them
 * and has no wrong answer on dev + dev2. An earlier ranking by the folds alone (top-1 + offered − 2 × wrong) chose answer 0.55 for every
 * message, which did not carry over to new messages (the sealed set lost 2 points top-1 and gained nothing
 * offered: its wrong answers are confident ones); the close-call band only asks when the runner-up is close.
 */
import learned from '../locales/vi/nlu/learned.json' with { type: 'json' }
import personas from '../locales/vi/nlu/personas.json' with { type: 'json' }
import written from '../locales/vi/nlu/train.json' with { type: 'json' }
import modelJson from '../src/nlu/model.generated.json' with { type: 'json' }
import { loadIntentClassifier, type IntentClassifier, type IntentModelJson, type IntentScores } from '../src/nlu/classifier.ts'
import { decideIntent, type DecisionPolicy } from '../src/nlu/intents.ts'
import { findPersonName } from '../src/nlu/names.ts'
import { analyzeText } from '../src/nlu/normalize.ts'
import { classifierTokens } from '../src/nlu/senses.ts'
import { trainIntentModel } from '../src/nlu/train.ts'
import { concatTrainingData, mergeTrainingData, TRAINING_DATA } from '../src/nlu/training-data.ts'
import dev from '../test/nlu/dev.json' with { type: 'json' }
import dev2 from '../test/nlu/dev2.json' with { type: 'json' }

// `… | head` closes the pipe early: stop quietly.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0)
  throw err
})

interface Item {
  text: string
  intent: string
}
interface Scored extends Item {
  scores: IntentScores
}
const OOS = 'out_of_scope'
const args = process.argv.slice(2)
const model = args.includes('--retrain') ? trainIntentModel(TRAINING_DATA) : (modelJson as unknown as IntentModelJson)
const score = (c: IntentClassifier, text: string) => c.score(classifierTokens(analyzeText(text), findPersonName(text)?.typed))
const classifier = loadIntentClassifier(model)
const scoreAll = (items: readonly Item[]): Scored[] => items.map((it) => ({ ...it, scores: score(classifier, it.text) }))
/** Both development sets, tuned on as one; each is also shown alone. */
const devOne = scoreAll(dev as Item[])
const devTwo = scoreAll(dev2 as Item[])
const devItems: Scored[] = [...devOne, ...devTwo]

function personaItems(): Scored[] {
  const items = Object.entries(personas as Record<string, string[]>).flatMap(([intent, us]) => us.map((text) => ({ text, intent })))
  const foldOf = (i: number) => (i * 7919) % 5
  const out: Scored[] = []
  for (let f = 0; f < 5; f++) {
    const rest: Record<string, string[]> = {}
    items.forEach((it, i) => {
      if (foldOf(i) !== f) (rest[it.intent] ??= []).push(it.text)
    })
    const c = loadIntentClassifier(trainIntentModel(mergeTrainingData(concatTrainingData(written, rest), learned as { text: string; intent: string }[])))
    items.forEach((it, i) => {
      if (foldOf(i) === f) out.push({ ...it, scores: score(c, it.text) })
    })
  }
  return out
}
const personaScored = args.includes('--personas') ? personaItems() : []

interface Score {
  top1: number
  away: number
  oos: number
  offered: number
  wrong: number
  buttons: number
}

function measure(items: readonly Scored[], policy: DecisionPolicy): Score {
  let top1 = 0
  let away = 0
  let oosOk = 0
  let offered = 0
  let wrong = 0
  let buttons = 0
  let nIn = 0
  let nOos = 0
  for (const it of items) {
    const d = decideIntent(it.scores, policy)
    const action = d.clarify ? '?' : d.intent
    if (d.clarify) buttons++
    if (action === it.intent) top1++
    if (it.intent === OOS) {
      nOos++
      if (action === OOS) oosOk++
    } else {
      nIn++
      if (action === OOS) away++
      if (action === it.intent || d.clarify?.includes(it.intent as never)) offered++
      if (action !== OOS && action !== '?' && action !== it.intent) wrong++
    }
  }
  const n = Math.max(1, items.length)
  return { top1: top1 / n, away: away / Math.max(1, nIn), oos: oosOk / Math.max(1, nOos), offered: offered / Math.max(1, nIn), wrong: wrong / Math.max(1, nIn), buttons: buttons / n }
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7)
const show = (s: Score) => `top1 ${pct(s.top1)} away ${pct(s.away)} oos ${pct(s.oos)} offered ${pct(s.offered)} wrong ${pct(s.wrong)} buttons ${pct(s.buttons)}`
const line = (policy: DecisionPolicy) =>
  `dev+dev2 ${show(measure(devItems, policy))}\n      dev      ${show(measure(devOne, policy))}\n      dev2     ${show(measure(devTwo, policy))}` + (personaScored.length > 0 ? `\n      personas ${show(measure(personaScored, policy))}` : '') + `\n      ${JSON.stringify(policy)}`

const results: { policy: DecisionPolicy; dev: Score; personas?: Score; rank: number }[] = []
/** No close-call band, or answers between `answer` and `sure` only when the runner-up is under `ahead` × the top. */
const bands: { sure?: number; ahead?: number }[] = [{}, ...[0.5, 0.55, 0.6].flatMap((sure) => [0.5, 0.7].map((ahead) => ({ sure, ahead })))]
for (const answer of [0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7])
  for (const band of bands)
    for (const oosSure of [0.3, 0.4, 0.5, 0.6, 0.7])
      for (const minOption of [0.05, 0.1, 0.15, 0.2])
        for (const cover of [0.3, 0.4, 0.5, 0.6, 0.7])
          for (const maxOptions of [2, 3]) {
            if (band.sure !== undefined && band.sure <= answer) continue
            const policy: DecisionPolicy = { answer, ...band, oosSure, minOption, cover, maxOptions, minKnown: model.decision.minKnown }
            const d = measure(devItems, policy)
            // Best top-1; then, for people, the right intent offered rather than turned away or answered wrongly.
            const p = personaScored.length > 0 ? measure(personaScored, policy) : undefined
            results.push({ policy, dev: d, ...(p ? { personas: p } : {}), rank: d.top1 + (d.offered - d.wrong - d.away) / 100 })
          }

console.log(`current: ${line(model.decision)}`)
const asked = args.find((a) => a.startsWith('{'))
if (asked) console.log(`asked:   ${line({ ...model.decision, ...(JSON.parse(asked) as Partial<DecisionPolicy>) })}`)
const ok = results.filter((s) => s.dev.away <= 0.03 && s.dev.oos >= 0.92 && s.dev.offered >= 0.985 && (s.personas?.oos ?? 1) >= 0.9).sort((a, b) => b.rank - a.rank)
console.log(`${ok.length} of ${results.length} settings meet the constraints on the dev sets${personaScored.length > 0 ? ' (and OOS recall ≥ 90% on the persona folds)' : ''}; the best:`)
for (const s of ok.slice(0, 10)) console.log(`  ${line(s.policy)}`)
if (personaScored.length > 0 && ok.length > 0) {
  // The dev sets are nearly all answered right by now, so many settings tie on them. Among those within half a
  // point of the best dev top-1, the persona folds (harder, unseen by their model) break the tie: the most right
  // intents offered without losing top-1 there, nor out-of-scope recall (below target on the first sealed set).
  const best = ok[0]!.dev.top1
  const near = ok
    .filter((s) => s.dev.top1 >= best - 0.005 && s.personas)
    .sort((a, b) => {
      const v = (x: Score) => x.top1 + x.offered - x.wrong - x.away + x.oos
      return v(b.personas!) - v(a.personas!)
    })
  console.log(`\nwithin half a point of the best dev top-1, best on the persona folds (top-1 + offered − wrong − turned away + OOS recall):`)
  for (const s of near.slice(0, 6)) console.log(`  ${line(s.policy)}`)
}
