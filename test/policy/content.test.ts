import { describe, expect, it } from 'vitest'
import register from '../../locales/legal-documents.json'
import { allDocuments, allTopics, getDocument, getTopic, TOPIC_IDS, topicForIntent, topicsForIntent } from '../../src/policy/content.ts'
import { POLICY_INTENTS, type Fact } from '../../src/policy/schema.ts'
import { COVERAGE, OVERVIEW_TOPICS, validateContent, validOn, type RawContent } from '../../src/policy/validate.ts'

/** The real content as raw objects, deep-copied so a test can break one topic. */
function realContent(): RawContent {
  return {
    vi: Object.fromEntries(TOPIC_IDS.map((id) => [id, structuredClone(getTopic(id, 'vi'))])),
    en: Object.fromEntries(TOPIC_IDS.map((id) => [id, structuredClone(getTopic(id, 'en'))])),
  }
}

function errorsOf(raw: RawContent, reg: unknown = register): string[] {
  const result = validateContent(raw, reg)
  return result.ok ? [] : result.errors
}

type RawFact = Record<string, unknown> & { id: string; basis: { doc: string }[] }
const factsOf = (raw: RawContent, locale: 'vi' | 'en', topic: string) => (raw[locale][topic] as { facts: RawFact[] }).facts

/** The version of a fact that holds on `date`. */
function factOn(topic: (typeof TOPIC_IDS)[number], id: string, date: string, locale: 'vi' | 'en' = 'vi'): Fact | undefined {
  return getTopic(topic, locale).facts.find((f) => f.id === id && validOn(f, date))
}

describe('policy content coverage', () => {
  it.each(POLICY_INTENTS)('answers %s with a topic in Vietnamese and in English', (intent) => {
    const id = topicForIntent(intent)
    expect(getTopic(id, 'vi').intent).toBe(intent)
    expect(getTopic(id, 'en').intent).toBe(intent)
  })

  it('covers the 12 indicators, the 2027 standard, review, exit and complaints as their own topics', () => {
    expect(topicsForIntent('policy.poverty_standard')).toEqual(['poverty_standard', 'poverty_indicators', 'poverty_standard_2027'])
    expect(topicsForIntent('policy.registration')).toEqual(['registration', 'review', 'exit_poverty', 'complaints'])
  })

  it('has legal aid (FACTS §4.7) and the 75+ social pension with its card (§4.1), without the unverified amount', () => {
    expect(factOn('legal_aid', 'poor', '2026-12-01')?.basis[0]).toEqual({ doc: 'luat-tgpl-2017', article: 'Điều 7 khoản 2' })
    expect(factOn('legal_aid', 'accused', '2026-12-01')?.for).toEqual(['near_poor'])
    const pension = getTopic('social_pension', 'vi').facts
    expect(pension.find((f) => f.id === 'card')?.text).toContain('thẻ bảo hiểm y tế')
    expect(factOn('social_pension', 'amount', '2026-12-01')?.status).toBe('unverified')
    for (const fact of pension) expect(fact.text, fact.id).not.toMatch(/\d[\d.,]*\s*(?:đồng|nghìn|triệu|đ\b)/)
  })

  it('says 100% for near-poor treatment from 1/1/2026 (NQ 261/2025/QH15) and 95% before, citing ND 146/2018 only until its repeal', () => {
    expect(factOn('health_insurance', 'benefit_near_poor', '2025-06-01')?.text).toContain('95%')
    expect(factOn('health_insurance', 'benefit_near_poor', '2025-06-01')?.basis.map((b) => b.doc)).toEqual(['nd-146-2018'])
    const now = factOn('health_insurance', 'benefit_near_poor', '2026-01-01')!
    expect(now.text).toContain('100%')
    expect(now.basis.map((b) => b.doc)).toContain('nq-261-2025')
    const repealed = getDocument('nd-146-2018').repealed
    expect(repealed).toEqual({ on: '2025-08-15', by: 'nd-188-2025' })
    for (const topic of [...allTopics('vi'), ...allTopics('en')]) {
      for (const fact of topic.facts.filter((f) => f.basis.some((b) => b.doc === 'nd-146-2018'))) {
        expect(fact.validTo, `${topic.id}/${fact.id}`).not.toBeNull()
        expect(fact.validTo! < repealed!.on!, `${topic.id}/${fact.id}`).toBe(true)
      }
    }
  })

  it('says "2026" only while it is 2026: the standard from 1/1/2027 is stated as current without editing a file', () => {
    expect(factOn('poverty_standard', 'line_rural', '2026-12-31')?.text).toContain('1,5 triệu')
    expect(factOn('poverty_standard', 'line_rural', '2027-01-01')?.text).toContain('2,2 triệu')
    expect(factOn('poverty_standard', 'name', '2027-01-01')?.text).not.toMatch(/năm 2026/i)
    expect(factOn('poverty_standard_2027', 'when', '2026-12-31')?.text).toContain('sẽ')
    expect(factOn('poverty_standard_2027', 'when', '2027-01-01')?.text).not.toContain('sẽ')
  })

  it('gives every verified fact a legal basis from the register, and every topic a check date', () => {
    for (const topic of [...allTopics('vi'), ...allTopics('en')]) {
      expect(topic.checkedAt, topic.id).toMatch(/^\d{4}-\d{2}-\d{2}$/)
      for (const fact of topic.facts) {
        if (fact.status === 'verified') expect(fact.basis.length, `${topic.id}/${fact.id}`).toBeGreaterThan(0)
        for (const ref of fact.basis) expect(() => getDocument(ref.doc)).not.toThrow()
      }
    }
    for (const doc of allDocuments()) expect(doc.sources.length, doc.id).toBeGreaterThan(0)
  })

  it('sends everything FACTS marks unverified to the commune (or the school, the bank) instead of stating it', () => {
    for (const topic of allTopics('vi')) {
      for (const fact of topic.facts.filter((f) => f.status === 'unverified')) expect(fact.text, `${topic.id}/${fact.id}`).toMatch(/hỏi(?!\p{L})/iu)
    }
    for (const topic of allTopics('en')) {
      for (const fact of topic.facts.filter((f) => f.status === 'unverified')) expect(fact.text.toLowerCase(), `${topic.id}/${fact.id}`).toMatch(/\bask\b/)
    }
  })

  it('never states figures the domain facts mark as unverified or superseded', () => {
    // Computed electricity amount, draft 2027 lines, draft housing loan, unverified housing campaign amounts,
    // the old study-cost allowance, and the unchecked programme decision number.
    const forbidden = ['59.520', '1.900.000', '1,9 triệu', '2.500.000', '2,5 triệu', '25 triệu', '60 triệu', '30 triệu', '150.000', '417/QĐ-BNNMT']
    for (const topic of [...allTopics('vi'), ...allTopics('en')]) {
      const text = JSON.stringify(topic.facts.map((f) => f.text))
      // Not inside a larger figure: "2,25 triệu" (the middle band) is not "25 triệu".
      for (const figure of forbidden) expect(text, `${topic.id} mentions ${figure}`).not.toMatch(new RegExp(`(?<![\\d.,])${figure.replace(/[.]/g, '\\.')}`))
    }
  })

  it('sends residents to the commune (no district level since 1/7/2025) and names the new communes', () => {
    const fact = factOn('registration', 'commune', '2026-12-01')!
    expect(fact.text).toContain('Từ 1/7/2025 không còn cấp huyện')
    for (const commune of ['Đăk Hà', 'Đăk Pxi', 'Đăk Mar', 'Đăk Ui', 'Ngọk Réo']) expect(fact.text).toContain(commune)
  })

  it('has an overview line for every support the overview lists, on every day of the period it covers', () => {
    for (const day of [COVERAGE.from, '2026-12-31', '2027-01-01', COVERAGE.to]) {
      for (const id of OVERVIEW_TOPICS) expect(getTopic(id, 'vi').facts.some((f) => f.role === 'overview' && validOn(f, day)), `${id} ${day}`).toBe(true)
    }
  })
})

describe('content validation', () => {
  it('accepts the real content', () => {
    expect(errorsOf(realContent())).toEqual([])
  })

  it('fails when a fact cites a document that is repealed while the fact still holds', () => {
    const raw = realContent()
    const facts = factsOf(raw, 'vi', 'health_insurance')
    const current = facts.find((f) => f.id === 'card_poor' && f.validTo === null)!
    current.basis = [{ doc: 'nd-146-2018' }]
    expect(errorsOf(raw)).toContain('vi/health_insurance/card_poor: basis — cites nd-146-2018, repealed from 2025-08-15, but the fact holds with no end')
  })

  it('treats a replacement with an unknown date as a repeal from 1 January of the replacing document’s year', () => {
    const raw = realContent()
    const facts = factsOf(raw, 'vi', 'electricity')
    facts.find((f) => f.id === 'mechanism' && f.validTo === '2024-12-31')!.validTo = '2025-03-31'
    facts.find((f) => f.id === 'mechanism' && f.validFrom === '2025-01-01')!.validFrom = '2025-04-01'
    expect(errorsOf(raw)).toContainEqual(expect.stringContaining('vi/electricity/mechanism: basis — cites qd-28-2014, repealed from 2025-01-01, but the fact holds until 2025-03-31'))
  })

  it('fails when a fact starts before the document it cites is in force', () => {
    const raw = realContent()
    factsOf(raw, 'vi', 'education').find((f) => f.id === 'public_free')!.validFrom = '2025-01-01'
    expect(errorsOf(raw)).toContainEqual(expect.stringContaining('vi/education/public_free: basis — cites nd-238-2025, in force only from 2025-09-03'))
  })

  it('fails for a verified fact without a legal basis, and for a basis the register lacks', () => {
    const raw = realContent()
    factsOf(raw, 'vi', 'credit').find((f) => f.id === 'rates')!.basis = []
    factsOf(raw, 'vi', 'jobs').find((f) => f.id === 'short_course')!.basis = [{ doc: 'qd-99-2099' }]
    const errors = errorsOf(raw)
    expect(errors).toContainEqual(expect.stringMatching(/^vi\/credit: facts\.\d+\.basis — a verified fact needs its legal basis/))
    expect(errors).toContain('vi/jobs/short_course: basis — no document "qd-99-2099" in the register')
  })

  it('fails for overlapping versions of a fact, and for a day a topic has nothing to say', () => {
    const raw = realContent()
    factsOf(raw, 'vi', 'poverty_standard').find((f) => f.id === 'line_rural' && f.validFrom === '2027-01-01')!.validFrom = '2026-12-01'
    for (const f of factsOf(raw, 'vi', 'jobs')) f.validFrom = '2027-01-01'
    const errors = errorsOf(raw)
    expect(errors).toContain('vi/poverty_standard/line_rural: validFrom — version from 2026-12-01 overlaps the one from 2022-01-01')
    expect(errors).toContain('vi/jobs: facts — no main fact valid on 2026-01-01')
  })

  it('fails when the two languages differ in anything but wording', () => {
    const raw = realContent()
    delete raw.en.review
    factsOf(raw, 'en', 'education').find((f) => f.id === 'public_free')!.validTo = '2030-12-31'
    const errors = errorsOf(raw)
    expect(errors).toContain('en/review: missing — topic exists in vi')
    expect(errors).toContainEqual(expect.stringMatching(/^vi\+en\/education: facts\.\d+ \(public_free\): validFrom\/validTo — differ between languages$/))
  })

  it('fails for a bad date, a long label, a long fact, a related topic that does not exist, and a file named differently', () => {
    const raw = realContent()
    ;(raw.vi.jobs as Record<string, unknown>).checkedAt = '29/11/2026'
    ;(raw.vi.education as Record<string, unknown>).label = 'Học phí và hỗ trợ đi học'
    factsOf(raw, 'vi', 'housing')[0]!.text = 'x'.repeat(400)
    ;(raw.vi.credit as { related: string[] }).related = ['credit_cards']
    raw.vi.loans = raw.vi.credit
    raw.en.loans = raw.en.credit
    const errors = errorsOf(raw)
    expect(errors).toContain('vi/jobs: checkedAt — must be a date YYYY-MM-DD')
    expect(errors).toContainEqual(expect.stringMatching(/^vi\/education: label — must be at most 20 characters/))
    expect(errors).toContainEqual(expect.stringMatching(/^vi\/housing: facts\.0\.text — must be at most 320 characters/))
    expect(errors).toContain('vi/credit: related — no topic "credit_cards"')
    expect(errors).toContain('vi/loans: id — "credit" does not match the file name')
  })

  it('fails when a policy intent has no topic, and when the register names a replacing document it lacks', () => {
    const raw = realContent()
    delete raw.vi.livelihood
    delete raw.en.livelihood
    const reg = structuredClone(register) as { documents: { id: string; repealed: unknown }[] }
    reg.documents.find((d) => d.id === 'nd-81-2021')!.repealed = { on: '2025-09-03', by: 'nd-999-2030' }
    const errors = errorsOf(raw, reg)
    expect(errors).toContain('vi: intent policy.livelihood has no topic "livelihood"')
    expect(errors).toContain('register/nd-81-2021: repealed.by — no document "nd-999-2030"')
  })
})
