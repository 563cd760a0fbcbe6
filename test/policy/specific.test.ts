import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../support/app.ts'
import { evaluateSpecific, formatSpecific, FRESH_QUESTIONS, SPECIFIC_AT, SPECIFIC_QUESTIONS, type SpecificQuestion } from './specific.ts'

let app: TestApp
let n = 0
beforeAll(async () => {
  app = await buildTestApp({ now: `${SPECIFIC_AT}T03:00:00Z` })
})
afterAll(() => app.close())

/** Each question in a fresh web conversation, through the real app. */
async function measure(questions: SpecificQuestion[]) {
  return evaluateSpecific(async (text) => {
    const res = await app.post('/api/chat', { text, conversationId: `specific-${++n}-aaaaaaaa` })
    return ((await res.json()) as { replies: { text: string }[] }).replies.map((r) => r.text)
  }, questions)
}

describe('the answer to the question asked comes first (issue #13)', () => {
  it(`states the asked fact in the first reply to at least 90% of ${SPECIFIC_QUESTIONS.length} specific questions`, async () => {
    const result = await measure(SPECIFIC_QUESTIONS)
    console.log(formatSpecific(result))
    expect(SPECIFIC_QUESTIONS.length).toBeGreaterThanOrEqual(60)
    expect(result.share).toBeGreaterThanOrEqual(0.9)
  }, 60_000)

  it(`does as well on the ${FRESH_QUESTIONS.length} questions written afterwards`, async () => {
    const result = await measure(FRESH_QUESTIONS)
    console.log(formatSpecific(result, 'Fresh set'))
    expect(result.share).toBeGreaterThanOrEqual(0.9)
  }, 60_000)
})
