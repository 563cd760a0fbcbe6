import { describe, expect, it } from 'vitest'
import { allTopics, type TopicId } from '../../src/policy/content.ts'
import { searchFold } from '../../src/policy/fold.ts'
import { createPolicySearch } from '../../src/policy/retrieval.ts'
import { tokenize } from '../../src/policy/tokenize.ts'
import data from './retrieval-queries.json' with { type: 'json' }

interface Query {
  q: string
  expect: string[]
  mixed?: boolean
  none?: boolean
}

const queries = (data as { queries: Query[] }).queries
const single = queries.filter((q) => !q.mixed && !q.none)
const search = createPolicySearch('vi')

describe('Vietnamese folding', () => {
  it('folds diacritics, đ and case, so accented and unaccented questions meet', () => {
    expect(searchFold('Bảo hiểm Y TẾ, Đăk Hà!')).toBe('bao hiem y te dak ha')
    expect(searchFold('Hoà / Hòa')).toBe('hoa hoa')
  })

  it('keeps "bảo hiểm" apart from "bao nhiêu" and "thẻ" apart from "thế nào"', () => {
    expect(tokenize('bảo hiểm bao nhiêu')).toEqual(['bao', 'hiem', 'bao_hiem'])
    expect(tokenize('thẻ BHYT như thế nào')).toEqual(['the', 'bhyt', 'the_bhyt'])
  })
})

describe('policy search over the free-form question set', () => {
  // Measured with test/bench/policy.bench.ts: top-1 0.95, top-3 1.00 on 40 single-topic questions.
  it('ranks the expected topic first for at least 90% of the questions', () => {
    const right = single.filter((q) => q.expect.includes(search.search(q.q)[0]?.topicId ?? ''))
    expect(right.length / single.length).toBeGreaterThanOrEqual(0.9)
  })

  it('has the expected topic among the 3 best for at least 97% of the questions', () => {
    const right = single.filter((q) => search.search(q.q, 3).some((hit) => q.expect.includes(hit.topicId)))
    expect(right.length / single.length).toBeGreaterThanOrEqual(0.97)
  })

  it('returns at most `limit` hits, best first', () => {
    const hits = search.search('hộ nghèo', 2)
    expect(hits).toHaveLength(2)
    expect(hits[0]!.score).toBeGreaterThanOrEqual(hits[1]!.score)
  })

  it.each(['vi', 'en'] as const)('finds every topic from its own title, accented and unaccented (%s)', (locale) => {
    const byLocale = createPolicySearch(locale)
    for (const topic of allTopics(locale)) {
      expect(byLocale.suggest(topic.title)[0], topic.title).toBe(topic.id)
      expect(byLocale.suggest(searchFold(topic.title))[0], searchFold(topic.title)).toBe(topic.id)
    }
  })
})

describe('"Ý bạn là…?" suggestions', () => {
  it('offers both topics for a question that mixes two', () => {
    expect(search.suggest('bảo hiểm y tế và vay vốn')).toEqual(['health_insurance', 'credit'])
    expect(search.suggest('bhyt voi vay von')).toEqual(['health_insurance', 'credit'])
    for (const q of queries.filter((x) => x.mixed)) {
      const suggested = search.suggest(q.q)
      for (const id of q.expect) expect(suggested, q.q).toContain(id as TopicId)
    }
  })

  it('offers one topic when one clearly fits', () => {
    expect(search.suggest('mien hoc phi cho con ho ngheo')).toEqual(['education'])
    expect(search.suggest('Hộ nghèo có được hỗ trợ tiền điện không?')).toEqual(['electricity'])
  })

  it('offers nothing for questions about something else, or nonsense', () => {
    for (const q of queries.filter((x) => x.none)) expect(search.suggest(q.q), q.q).toEqual([])
    expect(search.suggest('')).toEqual([])
    expect(search.suggest('???')).toEqual([])
  })

  it('puts the right topic first in at least 90% of the single-topic questions', () => {
    const right = single.filter((q) => q.expect.includes(search.suggest(q.q)[0] ?? ''))
    expect(right.length / single.length).toBeGreaterThanOrEqual(0.9)
  })

  it('never offers more than 3 topics', () => {
    expect(search.suggest('bhyt, hoc phi, vay von, tien dien, sua nha').length).toBeLessThanOrEqual(3)
  })
})
