import { describe, expect, it } from 'vitest'
import { getTopic, TOPIC_IDS } from '../../src/policy/content.ts'
import {
  MAX_BUTTONS,
  parsePolicyButton,
  policyButtonValue,
  renderOutOfArea,
  renderOverview,
  renderSuggestions,
  renderTopic,
  type Reply,
} from '../../src/policy/render.ts'
import { CATEGORIES } from '../../src/policy/schema.ts'
import { changeDays, COVERAGE, OVERVIEW_TOPICS } from '../../src/policy/validate.ts'
import { BUTTON_VALUE } from '../../src/messages.ts'

const LOCALES = ['vi', 'en'] as const
const PARTS = ['short', 'details'] as const
const NOW = '2026-11-29'
const text = (replies: Reply[]) => replies.map((r) => r.text).join('\n\n')

/** Every topic, part, category and locale, on every day its content changes. */
function everyRendering(): { where: string; replies: Reply[] }[] {
  const out: { where: string; replies: Reply[] }[] = []
  for (const id of TOPIC_IDS) {
    for (const locale of LOCALES) {
      for (const date of changeDays(getTopic(id, locale).facts, COVERAGE.from, COVERAGE.to)) {
        for (const category of [undefined, ...CATEGORIES]) {
          for (const part of PARTS) {
            out.push({ where: `${locale}/${id}/${part}/${category}/${date}`, replies: renderTopic(id, { locale, category, part, date }) })
          }
        }
      }
    }
  }
  return out
}

describe('renderTopic — short answer, as of the day asked', () => {
  it('puts the near-poor facts first for a near-poor user, and leaves out the poor-only ones', () => {
    const [reply] = renderTopic('health_insurance', { locale: 'vi', category: 'near_poor', part: 'short', date: NOW })
    const lines = reply!.text.split('\n')
    expect(lines[0]).toBe('Theo kết quả kiểm tra nhanh, hộ bạn có thể là hộ cận nghèo:')
    expect(lines[1]).toContain('cận nghèo')
    expect(reply!.text).toContain('trả 100% chi phí')
    expect(reply!.text).not.toContain('Người thuộc hộ nghèo được Nhà nước đóng toàn bộ')
  })

  it('gives both categories when the bot knows none', () => {
    const [reply] = renderTopic('health_insurance', { locale: 'vi', part: 'short', date: NOW })
    expect(reply!.text.startsWith('Người thuộc hộ nghèo được Nhà nước đóng toàn bộ tiền thẻ')).toBe(true)
    expect(reply!.text).toContain('Người thuộc hộ cận nghèo')
  })

  it('said 95% for near-poor treatment in 2025 and says 100% from 2026, each with its own legal basis', () => {
    const before = text(renderTopic('health_insurance', { locale: 'vi', category: 'near_poor', part: 'short', date: '2025-06-01' }))
    const after = text(renderTopic('health_insurance', { locale: 'vi', category: 'near_poor', part: 'short', date: '2026-02-01' }))
    expect(before).toContain('95%')
    expect(before).toContain('Nghị định 146/2018/NĐ-CP')
    expect(after).toContain('100%')
    expect(after).not.toContain('146/2018')
    expect(after).toContain('Nghị quyết 261/2025/QH15')
  })

  it('in December 2026 also says what changes on 1/1/2027, and from 1/1/2027 states the new rules as current', () => {
    const november = text(renderTopic('poverty_standard', { locale: 'vi', part: 'short', date: '2026-11-29' }))
    const december = text(renderTopic('poverty_standard', { locale: 'vi', part: 'short', date: '2026-12-15' }))
    const january = text(renderTopic('poverty_standard', { locale: 'vi', part: 'short', date: '2027-01-01' }))
    expect(november).toContain('1,5 triệu đồng')
    expect(november).not.toContain('2,2 triệu')
    expect(december).toContain('1,5 triệu đồng')
    expect(december).toContain('Từ 01/01/2027: Ở nông thôn, mức chuẩn là 2,2 triệu đồng')
    expect(january).toContain('Ở nông thôn, mức chuẩn là 2,2 triệu đồng')
    expect(january).not.toContain('1,5 triệu')
    expect(january).not.toMatch(/năm 2026/i)
  })

  it('ends with the legal basis in plain words — document names, no article numbers — and the check date', () => {
    const [reply] = renderTopic('credit', { locale: 'vi', part: 'short', date: NOW })
    expect(reply!.text).toMatch(/\n\nCăn cứ: Biểu lãi suất của Ngân hàng Chính sách xã hội; [^\n]* \(cập nhật 01\/12\/2026\)\.$/)
    expect(reply!.text).not.toContain('Điều ')
    expect(reply!.buttons?.[0]).toEqual({ label: 'Xem chi tiết', value: 'policy:credit:details' })
    expect(reply!.buttons?.slice(1).map((b) => b.value)).toEqual(['policy:livelihood', 'policy:housing', 'policy:exit_poverty', 'policy:education'])
  })

  it('says plainly when the content has nothing checked for that day', () => {
    const [reply] = renderTopic('social_pension', { locale: 'vi', part: 'short', date: '2024-01-01' })
    expect(reply!.text).toBe('Tôi chưa có thông tin đã kiểm tra về "Trợ cấp hưu trí xã hội cho người cao tuổi" cho ngày 01/01/2024. Bạn hỏi UBND xã nhé.')
  })

  it('speaks English in the English locale', () => {
    const [reply] = renderTopic('credit', { locale: 'en', category: 'poor', part: 'short', date: NOW })
    expect(reply!.text).toMatch(/^From the quick check, your household may be a poor household:\n/)
    expect(reply!.text).toContain('6.6% a year')
    expect(reply!.text).toContain('(checked 01/12/2026).')
    expect(reply!.buttons?.[0]?.label).toBe('See details')
  })

  it('fits every short answer in one Zalo message', () => {
    for (const { where, replies } of everyRendering().filter((r) => r.where.includes('/short/'))) expect(replies, where).toHaveLength(1)
  })
})

describe('renderTopic — details (the topic overview behind "Xem chi tiết")', () => {
  it('lists the facts, what to ask the commune, each document with its articles, title and dates, the check date and the next step', () => {
    const details = text(renderTopic('health_insurance', { locale: 'vi', part: 'details', date: NOW }))
    expect(details).toContain('Cần hỏi UBND xã:\n• ')
    expect(details).toContain('Căn cứ pháp lý:\n')
    expect(details).toContain('• Nghị định 188/2025/NĐ-CP — Quy định chi tiết và hướng dẫn thi hành Luật Bảo hiểm y tế')
    expect(details).toContain('(ký ngày 01/07/2025, hiệu lực từ 15/08/2025)')
    expect(details).toContain('Nội dung được kiểm tra lần cuối ngày 01/12/2026.')
    expect(details).toContain('Bước tiếp theo: ')
    expect(details).not.toContain('146/2018')
  })

  it('names the articles in the details, and the changes the content already knows of', () => {
    const details = text(renderTopic('poverty_standard', { locale: 'vi', part: 'details', date: '2026-06-01' }))
    expect(details).toContain('• Nghị định 07/2021/NĐ-CP, Điều 3; Điều 3 khoản 2; Điều 3 khoản 1 điểm a')
    expect(details).toContain('Sắp thay đổi:\n• Từ 1/1/2027 đến hết năm 2030 dùng chuẩn nghèo mới')
    expect(details).toContain('• Từ 01/01/2027: Ở nông thôn, mức chuẩn là 2,2 triệu đồng')
  })

  it('offers related topics but not "Xem chi tiết" again', () => {
    const buttons = renderTopic('registration', { locale: 'vi', part: 'details', date: NOW }).at(-1)?.buttons ?? []
    expect(buttons.map((b) => b.label)).toEqual(['Lịch rà soát', 'Khiếu nại kết quả', 'Thoát nghèo', 'Chuẩn nghèo'])
  })
})

describe('renderOverview — every support, one line and one button each', () => {
  it('lists health insurance, tuition, credit, housing, electricity, livelihood, jobs, legal aid and the social pension in two messages', () => {
    const replies = renderOverview('vi', NOW, [])
    expect(replies).toHaveLength(2)
    expect(replies[0]!.text.split('\n')[0]).toBe('Hộ nghèo, hộ cận nghèo được hỗ trợ:')
    const buttons = replies.flatMap((r) => r.buttons ?? [])
    expect(buttons.map((b) => b.value)).toEqual(OVERVIEW_TOPICS.map((id) => `policy:${id}`))
    for (const reply of replies) expect(reply.buttons!.length).toBeLessThanOrEqual(MAX_BUTTONS)
    const lines = replies.flatMap((r) => r.text.split('\n')).filter((l) => l.startsWith('• '))
    expect(lines).toHaveLength(OVERVIEW_TOPICS.length)
    for (const [i, id] of OVERVIEW_TOPICS.entries()) expect(lines[i]).toMatch(new RegExp(`^• ${getTopic(id, 'vi').label}: `))
  })

  it('reads the near-poor figures to a near-poor household', () => {
    const near = text(renderOverview('vi', NOW, ['near_poor']))
    expect(near.split('\n')[0]).toBe('Hộ cận nghèo được hỗ trợ:')
    expect(near).toContain('• Vay vốn: hộ cận nghèo vay Ngân hàng Chính sách xã hội với lãi suất 7,92% một năm.')
    expect(near).not.toContain('6,6%')
  })
})

describe('renderTopic — channel limits', () => {
  it('keeps every message within 2,000 characters, at most 5 buttons, labels of at most 20 characters, on every day', () => {
    for (const { where, replies } of everyRendering()) {
      for (const reply of replies) {
        expect(reply.text.length, where).toBeLessThanOrEqual(2000)
        expect(reply.text.trim(), where).not.toBe('')
        expect(reply.buttons?.length ?? 0, where).toBeLessThanOrEqual(MAX_BUTTONS)
        for (const button of reply.buttons ?? []) {
          expect(button.label.length, `${where} ${button.label}`).toBeLessThanOrEqual(20)
          expect(button.value, where).toMatch(BUTTON_VALUE)
        }
      }
    }
  })

  it('splits long details at paragraph boundaries for a smaller limit, with buttons only on the last part', () => {
    const whole = renderTopic('health_insurance', { locale: 'vi', part: 'details', date: NOW, maxChars: 4096 })
    const parts = renderTopic('health_insurance', { locale: 'vi', part: 'details', date: NOW, maxChars: 500 })
    expect(whole).toHaveLength(1)
    expect(parts.length).toBeGreaterThan(3)
    for (const part of parts.slice(0, -1)) expect(part.buttons).toBeUndefined()
    expect(parts.at(-1)?.buttons).toEqual(whole[0]?.buttons)
    for (const part of parts) expect(part.text.length).toBeLessThanOrEqual(500)
  })

  it('throws for an unknown topic id', () => {
    expect(() => renderTopic('weather' as never, { locale: 'vi', part: 'short', date: NOW })).toThrow(/Unknown policy topic "weather"/)
  })
})

describe('policy buttons', () => {
  it('reads back the values it makes, and ignores other handlers’ buttons and unknown topics', () => {
    expect(parsePolicyButton(policyButtonValue('housing', 'details'))).toEqual({ topicId: 'housing', part: 'details' })
    expect(parsePolicyButton(policyButtonValue('housing'))).toEqual({ topicId: 'housing', part: 'short' })
    expect(parsePolicyButton('menu:help')).toBeUndefined()
    expect(parsePolicyButton('policy:weather')).toBeUndefined()
    expect(parsePolicyButton('policy:credit:summary')).toBeUndefined()
  })
})

describe('suggestions and out-of-area answers', () => {
  it('asks "Ý bạn là…?" with one button per suggested topic', () => {
    expect(renderSuggestions(['health_insurance', 'credit'], 'vi')).toEqual([
      {
        text: 'Ý bạn là…?',
        buttons: [
          { label: 'Bảo hiểm y tế', value: 'policy:health_insurance' },
          { label: 'Vay vốn', value: 'policy:credit' },
        ],
      },
    ])
  })

  it('says nothing when there is nothing to suggest', () => {
    expect(renderSuggestions([], 'vi')).toEqual([])
  })

  it('tells someone from another province that the content covers national policy and the former Đăk Hà area', () => {
    const [reply] = renderOutOfArea('vi')
    expect(reply!.text).toContain('chính sách chung của cả nước')
    expect(reply!.text).toContain('huyện Đăk Hà cũ (nay là các xã Đăk Hà, Đăk Pxi, Đăk Mar, Đăk Ui, Ngọk Réo, tỉnh Quảng Ngãi)')
    expect(reply!.text).toContain('hỏi UBND xã nơi mình ở')
  })
})
