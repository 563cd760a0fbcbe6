import { describe, expect, it } from 'vitest'
import { allTopics, getTopic, TOPIC_IDS, topicForIntent, topicsForIntent } from '../../src/policy/content.ts'
import { POLICY_INTENTS } from '../../src/policy/schema.ts'
import { validateContent, type RawContent } from '../../src/policy/validate.ts'

/** The real content as raw objects, deep-copied so a test can break one topic. */
function realContent(): RawContent {
  return {
    vi: Object.fromEntries(TOPIC_IDS.map((id) => [id, structuredClone(getTopic(id, 'vi'))])),
    en: Object.fromEntries(TOPIC_IDS.map((id) => [id, structuredClone(getTopic(id, 'en'))])),
  }
}

function errorsOf(raw: RawContent): string[] {
  const result = validateContent(raw)
  return result.ok ? [] : result.errors
}

describe('policy content coverage', () => {
  it.each(POLICY_INTENTS)('answers %s with a topic in Vietnamese and in English', (intent) => {
    const id = topicForIntent(intent)
    expect(getTopic(id, 'vi').intent).toBe(intent)
    expect(getTopic(id, 'en').intent).toBe(intent)
    expect(getTopic(id, 'en').legalBasis.length).toBe(getTopic(id, 'vi').legalBasis.length)
  })

  it('covers the 12 indicators, the 2027 standard, review, exit and complaints as their own topics', () => {
    expect(topicsForIntent('policy.poverty_standard')).toEqual(['poverty_standard', 'poverty_indicators', 'poverty_standard_2027'])
    expect(topicsForIntent('policy.registration')).toEqual(['registration', 'review', 'exit_poverty', 'complaints'])
  })

  it('gives every topic a legal basis and the date it was checked against the facts', () => {
    for (const topic of [...allTopics('vi'), ...allTopics('en')]) {
      expect(topic.legalBasis.length, topic.id).toBeGreaterThan(0)
      expect(topic.checkedAt >= '2026-11-29', topic.id).toBe(true)
    }
  })

  it('keeps the short answer to at most 4 lines', () => {
    for (const topic of [...allTopics('vi'), ...allTopics('en')]) {
      expect(topic.short.split('\n').length, topic.id).toBeLessThanOrEqual(4)
    }
  })

  it('gives near-poor households their own health-insurance line with the 70% / 95% figures', () => {
    const line = getTopic('health_insurance', 'vi').byCategory?.near_poor ?? ''
    expect(line).toContain('cận nghèo')
    expect(line).toContain('70%')
    expect(line).toContain('95%')
  })

  it('sends residents to the commune (no district level since 1/7/2025) and names the new communes', () => {
    const details = getTopic('registration', 'vi').details
    expect(details).toContain('Từ 1/7/2025 không còn cấp huyện')
    for (const commune of ['Đăk Hà', 'Đăk Pxi', 'Đăk Mar', 'Đăk Ui', 'Ngọk Réo']) expect(details).toContain(commune)
  })

  it('never states figures the domain facts mark as unverified or superseded', () => {
    // Computed electricity amount, draft 2027 lines, draft housing loan, unverified housing campaign amounts,
    // the old study-cost allowance, and the unchecked programme decision number.
    const forbidden = ['59.520', '1.900.000', '1,9 triệu', '2.500.000', '2,5 triệu', '25 triệu', '60 triệu', '30 triệu', '150.000', '417/QĐ-BNNMT']
    for (const topic of [...allTopics('vi'), ...allTopics('en')]) {
      const text = JSON.stringify(topic)
      for (const figure of forbidden) expect(text, `${topic.id} mentions ${figure}`).not.toContain(figure)
    }
  })

  it('sends the unverified amounts to the commune instead of stating them', () => {
    expect(getTopic('electricity', 'vi').short).toContain('Số tiền cụ thể hiện nay: hỏi UBND xã')
    expect(getTopic('housing', 'vi').short).toContain('cần hỏi UBND xã')
    expect(getTopic('credit', 'vi').byCategory?.near_poor).toContain('mức vay tối đa hỏi')
  })
})

describe('content validation', () => {
  it('accepts the real content', () => {
    expect(errorsOf(realContent())).toEqual([])
  })

  it('rejects a topic without a legal basis, naming the topic and the field', () => {
    const raw = realContent()
    delete (raw.vi.credit as Record<string, unknown>).legalBasis
    expect(errorsOf(raw)).toContainEqual(expect.stringMatching(/^vi\/credit: legalBasis — /))
  })

  it('rejects a topic with an empty legal basis list', () => {
    const raw = realContent()
    ;(raw.en.housing as Record<string, unknown>).legalBasis = []
    expect(errorsOf(raw)).toContain('en/housing: legalBasis — needs at least one legal document')
  })

  it('rejects a topic without a check date, and one with a date that is not YYYY-MM-DD', () => {
    const raw = realContent()
    delete (raw.vi.electricity as Record<string, unknown>).checkedAt
    ;(raw.vi.jobs as Record<string, unknown>).checkedAt = '29/11/2026'
    const errors = errorsOf(raw)
    expect(errors).toContainEqual(expect.stringMatching(/^vi\/electricity: checkedAt — /))
    expect(errors).toContain('vi/jobs: checkedAt — must be a date YYYY-MM-DD')
  })

  it('rejects a short answer longer than 4 lines and a button label longer than 20 characters', () => {
    const raw = realContent()
    ;(raw.vi.education as Record<string, unknown>).short = 'một\nhai\nba\nbốn\nnăm'
    ;(raw.vi.education as Record<string, unknown>).label = 'Học phí và hỗ trợ đi học'
    const errors = errorsOf(raw)
    expect(errors).toContain('vi/education: short — must be at most 4 lines')
    expect(errors).toContainEqual(expect.stringMatching(/^vi\/education: label — must be at most 20 characters/))
  })

  it('rejects a related topic that does not exist', () => {
    const raw = realContent()
    ;(raw.vi.credit as { related: string[] }).related = ['credit_cards']
    ;(raw.en.credit as { related: string[] }).related = ['credit_cards']
    expect(errorsOf(raw)).toContain('vi/credit: related — no topic "credit_cards"')
  })

  it('rejects an English version missing a topic or citing different documents', () => {
    const raw = realContent()
    delete raw.en.review
    ;(raw.en.education as { legalBasis: { document: string }[] }).legalBasis[0]!.document = 'Decree 81/2021/NĐ-CP'
    const errors = errorsOf(raw)
    expect(errors).toContain('en/review: missing — topic exists in vi')
    expect(errors).toContain('vi+en/education: legalBasis — document numbers differ between languages')
  })

  it('rejects content where a policy intent has no topic', () => {
    const raw = realContent()
    delete raw.vi.livelihood
    delete raw.en.livelihood
    expect(errorsOf(raw)).toContain('vi: intent policy.livelihood has no topic "livelihood"')
  })

  it('rejects a file whose name differs from the topic id', () => {
    const raw = realContent()
    raw.vi.loans = raw.vi.credit
    raw.en.loans = raw.en.credit
    expect(errorsOf(raw)).toContain('vi/loans: id — "credit" does not match the file name')
  })
})
