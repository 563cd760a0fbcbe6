import { t } from '../../src/i18n.ts'
import { getTopic, isTopicId } from '../../src/policy/content.ts'
import { validOn, OVERVIEW_TOPICS } from '../../src/policy/validate.ts'
import tuned from './specific-questions.json' with { type: 'json' }
import fresh from './specific-questions-fresh.json' with { type: 'json' }

/**
 * The specific-question measurement (issue #13): does the first reply to a question state the fact it asks for?
 * Shared by test/policy/specific.test.ts (which holds it to a floor) and scripts/eval-answers.ts (which prints it).
 */

export interface SpecificQuestion {
  q: string
  expect: string[]
}

export interface SpecificRow extends SpecificQuestion {
  ok: boolean
  /** The first line of the reply, to read the failures at a glance. */
  got: string
}

/** Both sets are as of the same day. */
export const SPECIFIC_AT: string = tuned.at
/** The set the content and the answer logic were tuned on. */
export const SPECIFIC_QUESTIONS: SpecificQuestion[] = tuned.questions
/** The set written afterwards and measured as it came. */
export const FRESH_QUESTIONS: SpecificQuestion[] = fresh.questions

/** What the reply must contain for one expectation, on the day of the set. */
export function expectedText(expectation: string): string[] {
  if (expectation === 'overview') return OVERVIEW_TOPICS.map((id) => `${getTopic(id, 'vi').label}:`)
  if (expectation === 'not_covered') return [t('vi', 'policy.notCovered').split('"{thing}"')[0]!.trim()]
  // "topic/fact" is the version valid on the set's day; "topic/fact@2027-01-01" the one valid on that day.
  const [path, on = SPECIFIC_AT] = expectation.split('@')
  const [topicId, factId] = (path ?? '').split('/')
  if (!topicId || !isTopicId(topicId)) throw new Error(`unknown topic in ${expectation}`)
  const fact = getTopic(topicId, 'vi').facts.find((f) => f.id === factId && validOn(f, on))
  if (!fact) throw new Error(`no fact ${expectation} valid on ${on}`)
  return [fact.text]
}

/** Asks every question in a fresh conversation and checks the reply; `ask` returns the replies' texts. */
export async function evaluateSpecific(ask: (text: string) => Promise<string[]>, questions = SPECIFIC_QUESTIONS): Promise<{ rows: SpecificRow[]; share: number }> {
  const rows: SpecificRow[] = []
  for (const question of questions) {
    const texts = await ask(question.q)
    const reply = texts.join('\n\n')
    const ok = question.expect.some((e) => expectedText(e).every((part) => reply.includes(part)))
    rows.push({ ...question, ok, got: (texts.find((x) => !x.startsWith('Tôi chỉ có thông tin')) ?? '').split('\n')[0] ?? '' })
  }
  return { rows, share: rows.filter((r) => r.ok).length / rows.length }
}

/** The measurement as a table: share first, then every miss with what came instead. */
export function formatSpecific(result: { rows: SpecificRow[]; share: number }, name = 'Specific questions'): string {
  const misses = result.rows.filter((r) => !r.ok)
  const lines = [
    `${name}: ${result.rows.length - misses.length}/${result.rows.length} first replies state the asked fact (${(100 * result.share).toFixed(1)}%), as of ${SPECIFIC_AT}`,
  ]
  for (const m of misses) lines.push(`  ✗ ${m.q}\n      expected ${m.expect.join(' | ')}\n      got      ${m.got.slice(0, 140)}`)
  return lines.join('\n')
}
