import { t } from '../../src/i18n.ts'
import { getTopic, isTopicId } from '../../src/policy/content.ts'
import { validOn, OVERVIEW_TOPICS } from '../../src/policy/validate.ts'
import data from './specific-questions.json' with { type: 'json' }

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

export const SPECIFIC_AT: string = data.at
export const SPECIFIC_QUESTIONS: SpecificQuestion[] = data.questions

/** What the reply must contain for one expectation, on the day of the set. */
export function expectedText(expectation: string): string[] {
  if (expectation === 'overview') return OVERVIEW_TOPICS.map((id) => `${getTopic(id, 'vi').label}:`)
  if (expectation === 'not_covered') return [t('vi', 'policy.notCovered').split('"{thing}"')[0]!.trim()]
  const [topicId, factId] = expectation.split('/')
  if (!topicId || !isTopicId(topicId)) throw new Error(`unknown topic in ${expectation}`)
  const fact = getTopic(topicId, 'vi').facts.find((f) => f.id === factId && validOn(f, SPECIFIC_AT))
  if (!fact) throw new Error(`no fact ${expectation} valid on ${SPECIFIC_AT}`)
  return [fact.text]
}

/** Asks every question in a fresh conversation and checks the reply; `ask` returns the replies' texts. */
export async function evaluateSpecific(ask: (text: string) => Promise<string[]>): Promise<{ rows: SpecificRow[]; share: number }> {
  const rows: SpecificRow[] = []
  for (const question of SPECIFIC_QUESTIONS) {
    const texts = await ask(question.q)
    const reply = texts.join('\n\n')
    const ok = question.expect.some((e) => expectedText(e).every((part) => reply.includes(part)))
    rows.push({ ...question, ok, got: (texts.find((x) => !x.startsWith('Tôi chỉ có thông tin')) ?? '').split('\n')[0] ?? '' })
  }
  return { rows, share: rows.filter((r) => r.ok).length / rows.length }
}

/** The measurement as a table: share first, then every miss with what came instead. */
export function formatSpecific(result: { rows: SpecificRow[]; share: number }): string {
  const misses = result.rows.filter((r) => !r.ok)
  const lines = [
    `Specific questions: ${result.rows.length - misses.length}/${result.rows.length} first replies state the asked fact (${(100 * result.share).toFixed(1)}%), as of ${SPECIFIC_AT}`,
  ]
  for (const m of misses) lines.push(`  ✗ ${m.q}\n      expected ${m.expect.join(' | ')}\n      got      ${m.got.slice(0, 140)}`)
  return lines.join('\n')
}
