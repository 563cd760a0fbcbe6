import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../support/app.ts'
import { evaluateSpecific, formatSpecific, SPECIFIC_AT, SPECIFIC_QUESTIONS } from './specific.ts'

let app: TestApp
beforeAll(async () => {
  app = await buildTestApp({ now: `${SPECIFIC_AT}T03:00:00Z` })
})
afterAll(() => app.close())

describe('the answer to the question asked comes first (issue #13)', () => {
  it(`states the asked fact in the first reply to at least 90% of ${SPECIFIC_QUESTIONS.length} specific questions`, async () => {
    let n = 0
    const result = await evaluateSpecific(async (text) => {
      const res = await app.post('/api/chat', { text, ...(await conversation(++n)) })
      const body = (await res.json()) as { replies: { text: string }[] }
      return body.replies.map((r) => r.text)
    })
    console.log(formatSpecific(result))
    expect(SPECIFIC_QUESTIONS.length).toBeGreaterThanOrEqual(60)
    expect(result.share).toBeGreaterThanOrEqual(0.9)
  }, 60_000)
})

/** A fresh web conversation per question, issued by the server. */
async function conversation(n: number): Promise<{ conversationId: string }> {
  return { conversationId: `specific-${n}-aaaaaaaa` }
}
