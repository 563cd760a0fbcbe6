import { describe, expect, it } from 'vitest'
import { decidePolicy, questionReplies, topicReplies, type PolicyTools } from '../../src/policy/conversation.ts'
import { describesAsker } from '../../src/policy/facts.ts'
import { TOPIC_IDS } from '../../src/policy/content.ts'
import { createPolicySearch } from '../../src/policy/retrieval.ts'
import { CATEGORIES, type PolicyIntent } from '../../src/policy/schema.ts'
import type { IntentId, Understanding } from '../../src/nlu/types.ts'

// The routing rules with the classifier's output fixed, so they hold whatever the next model says.
const search = createPolicySearch('vi')

/** Parts of a message are classified by this table; anything else is out of scope. */
function tools(parts: Record<string, IntentId> = {}): PolicyTools {
  return { search, classify: (text) => parts[text] ?? 'out_of_scope' }
}

function understood(text: string, intent: IntentId, confidence: number, alternatives: [IntentId, number][] = []): Understanding {
  return { text, intent, confidence, alternatives: alternatives.map(([i, c]) => ({ intent: i, confidence: c })), entities: {} }
}

function decide(intent: PolicyIntent, text: string, confidence = 0.99, alternatives: [IntentId, number][] = [], parts: Record<string, IntentId> = {}) {
  return decidePolicy(intent, text, understood(text, intent, confidence, alternatives), tools(parts))
}

describe('decidePolicy', () => {
  it('Should answer the main topic when a button re-asks the intent (no text)', () => {
    expect(decidePolicy('policy.credit', undefined, undefined, tools())).toEqual({ kind: 'answer', topicId: 'credit' })
  })

  it.each([
    ['policy.health_insurance', 'ho ngheo co duoc the bhyt ko', 'health_insurance'],
    ['policy.registration', 'thủ tục thoát nghèo cần gì', 'exit_poverty'],
    ['policy.registration', 'không đồng ý kết quả bình xét thì khiếu nại ở đâu', 'complaints'],
    ['policy.registration', 'bao giờ bắt đầu rà soát hộ nghèo năm nay', 'review'],
    ['policy.poverty_standard', '12 chỉ số thiếu hụt gồm những gì', 'poverty_indicators'],
    ['policy.poverty_standard', 'chuẩn nghèo giai đoạn mới từ 2027 thay đổi gì', 'poverty_standard_2027'],
    // The 2027 topic mentions 2026 and ranks first, but the current standard is in the running: it wins.
    ['policy.poverty_standard', 'chuẩn nghèo năm 2026 là bao nhiêu', 'poverty_standard'],
  ] as const)('Should answer %s "%s" with %s', (intent, text, topicId) => {
    expect(decide(intent, text)).toEqual({ kind: 'answer', topicId })
  })

  it('Should offer both topics when the runner-up is another policy intent at 0.25 or more', () => {
    expect(decide('policy.housing', 'nhà ở và vay vốn làm nhà', 0.66, [['policy.credit', 0.34]])).toEqual({
      kind: 'choose',
      topicIds: ['housing', 'credit'],
      mixed: true,
    })
  })

  it('Should keep a clear question when the runner-up is weak or not a policy', () => {
    expect(decide('policy.jobs', 'học nghề miễn phí cho hộ nghèo', 0.86, [['policy.education', 0.13]])).toEqual({ kind: 'answer', topicId: 'jobs' })
    expect(decide('policy.credit', 'hộ nghèo ở Đắk Lắk được vay bao nhiêu', 0.6, [['lookup.stats', 0.4]])).toEqual({ kind: 'answer', topicId: 'credit' })
  })

  it('Should offer the topics of a message joining two questions when classifier and retrieval agree on each part', () => {
    const parts = { 'vay von': 'policy.credit', 'hoc nghe': 'policy.jobs' } as const
    expect(decide('policy.credit', 'vay vốn và học nghề', 0.99, [], parts)).toEqual({ kind: 'choose', topicIds: ['credit', 'jobs'], mixed: true })
    expect(decide('policy.health_insurance', 'bhyt, hoc phi', 0.99, [], { bhyt: 'policy.health_insurance', 'hoc phi': 'policy.education' })).toEqual({
      kind: 'choose',
      topicIds: ['health_insurance', 'education'],
      mixed: true,
    })
  })

  it('Should not split a question whose second part only the retrieval places', () => {
    // "tiền ăn" matches vocational training in the retrieval; the classifier calls the part out of scope.
    const parts = { 'hoc phi': 'policy.education', 'tien an cho con': 'out_of_scope' } as const
    expect(decide('policy.education', 'học phí và tiền ăn cho con', 0.99, [], parts)).toEqual({ kind: 'answer', topicId: 'education' })
  })

  it('Should not count a part that only says who asks ("nhà cận nghèo" is the family, not housing)', () => {
    const parts = { 'hoc cao dang': 'policy.education', 'nha can ngheo': 'policy.housing', 'co duoc mien hoc phi khong': 'policy.education' } as const
    expect(decide('policy.education', 'học cao đẳng, nhà cận nghèo, có được miễn học phí không', 0.99, [], parts)).toEqual({ kind: 'answer', topicId: 'education' })
  })

  it.each([
    ['nhà cận nghèo', true],
    ['mẹ tôi 80 tuổi', true],
    ['tôi là người dân tộc', true],
    ['nha e ngheo', true],
    ['nhà chật', false],
    ['vay vốn', false],
    ['', false],
  ] as const)('Should read "%s" as only saying who asks: %s', (text, expected) => {
    expect(describesAsker(text)).toBe(expected)
  })

  it('Should ask when the retrieval points only to other topics and the classifier is unsure, and answer when it is sure', () => {
    expect(decide('policy.housing', 'nhà đại đoàn kết đăng ký ở đâu', 0.75)).toEqual({ kind: 'choose', topicIds: ['housing', 'registration'], mixed: false })
    expect(decide('policy.housing', 'nhà đại đoàn kết đăng ký ở đâu', 0.9)).toEqual({ kind: 'answer', topicId: 'housing' })
  })
})

describe('topicReplies', () => {
  it('Should fit Zalo for every topic, part, category and locale, with a way onward on the last reply', () => {
    for (const locale of ['vi', 'en'] as const) {
      for (const id of TOPIC_IDS) {
        for (const part of ['short', 'details'] as const) {
          for (const category of [undefined, ...CATEGORIES]) {
            const replies = topicReplies(id, part, locale, category, '2026-11-29')
            expect(replies.length).toBeGreaterThan(0)
            for (const reply of replies) {
              expect(reply.text.length).toBeLessThanOrEqual(2000)
              expect(reply.buttons?.length ?? 0).toBeLessThanOrEqual(5)
              for (const button of reply.buttons ?? []) {
                expect(button.label.length).toBeLessThanOrEqual(20)
                expect(new TextEncoder().encode(button.value).length).toBeLessThanOrEqual(64)
              }
            }
            const buttons = replies.at(-1)!.buttons!.map((b) => b.value)
            expect(buttons.at(-1)).toBe('contact:start')
            if (part === 'short') expect(buttons[0]).toBe(`policy:${id}:details`)
            if (category) expect(buttons).not.toContain('intent:eligibility.check')
          }
        }
      }
    }
  })
})

describe('questionReplies — the classifier\'s second opinion', () => {
  const question = 'nhà chật bao nhiêu mét vuông thì bị tính là thiếu'
  it('Should answer a fact of the runner-up intent that explains clearly more of the question', () => {
    expect(questionReplies('housing', question, 'vi', undefined, '2026-12-01', 'policy.poverty_standard')[0]!.text).toContain('dưới 8 mét vuông')
  })

  it('Should keep the routed topic without a runner-up to agree', () => {
    expect(questionReplies('housing', question, 'vi', undefined, '2026-12-01')[0]!.text).not.toContain('8 mét vuông')
  })
})
