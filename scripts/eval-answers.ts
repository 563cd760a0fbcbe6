/**
 * `npm run -s eval:answers` — the specific-question measurement of issue #13: the share of questions whose first reply
 * states the fact they ask for, on test/policy/specific-questions.json (the set the answers were tuned on) and
 * test/policy/specific-questions-fresh.json (written afterwards), through the real app as of the sets' day. Misses are
 * listed with what came instead.
 */
import { buildTestApp } from '../test/support/app.ts'
import { evaluateSpecific, formatSpecific, FRESH_QUESTIONS, SPECIFIC_AT, SPECIFIC_QUESTIONS } from '../test/policy/specific.ts'

const app = await buildTestApp({ now: `${SPECIFIC_AT}T03:00:00Z` })
let n = 0
const ask = async (text: string) => {
  const res = await app.post('/api/chat', { text, conversationId: `eval-${++n}-aaaaaaaa` })
  return ((await res.json()) as { replies: { text: string }[] }).replies.map((r) => r.text)
}
try {
  console.log(formatSpecific(await evaluateSpecific(ask, SPECIFIC_QUESTIONS), 'Tuned set'))
  console.log(formatSpecific(await evaluateSpecific(ask, FRESH_QUESTIONS), 'Fresh set'))
} finally {
  await app.close()
}
