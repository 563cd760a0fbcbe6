import { describe, expect, it } from 'vitest'
import { TOPIC_IDS } from '../../src/policy/content.ts'
import {
  MAX_BUTTONS,
  parsePolicyButton,
  policyButtonValue,
  renderOutOfArea,
  renderSuggestions,
  renderTopic,
  type Reply,
} from '../../src/policy/render.ts'
import { CATEGORIES } from '../../src/policy/schema.ts'
import { BUTTON_VALUE } from '../../src/messages.ts'

const LOCALES = ['vi', 'en'] as const
const PARTS = ['short', 'details'] as const

function everyRendering(): { where: string; replies: Reply[] }[] {
  const out: { where: string; replies: Reply[] }[] = []
  for (const id of TOPIC_IDS) {
    for (const locale of LOCALES) {
      for (const category of [undefined, ...CATEGORIES]) {
        for (const part of PARTS) {
          out.push({ where: `${locale}/${id}/${part}/${category}`, replies: renderTopic(id, { locale, category, part }) })
        }
      }
    }
  }
  return out
}

describe('renderTopic — short answer', () => {
  it('puts the near-poor figures first for a near-poor user asking about health insurance', () => {
    const [reply] = renderTopic('health_insurance', { locale: 'vi', category: 'near_poor', part: 'short' })
    const firstLine = reply!.text.split('\n')[0]!
    expect(firstLine).toContain('cận nghèo')
    expect(firstLine).toContain('70%')
    expect(firstLine).toContain('95%')
  })

  it('starts with the general answer when the bot knows no category', () => {
    const [reply] = renderTopic('health_insurance', { locale: 'vi', part: 'short' })
    expect(reply!.text.startsWith('Người thuộc hộ nghèo: Nhà nước đóng 100%')).toBe(true)
  })

  it('falls back to the general answer for a category the topic has no line for', () => {
    const withNone = renderTopic('health_insurance', { locale: 'vi', category: 'none', part: 'short' })
    expect(withNone).toEqual(renderTopic('health_insurance', { locale: 'vi', part: 'short' }))
  })

  it('ends with the legal basis and the check date, and offers "Xem chi tiết" first', () => {
    const [reply] = renderTopic('credit', { locale: 'vi', part: 'short' })
    expect(reply!.text).toMatch(/\n\nCăn cứ: Biểu lãi suất cho vay của Ngân hàng Chính sách xã hội; Nghị định 78\/2002\/NĐ-CP, Điều 13 khoản 1 \(cập nhật 29\/11\/2026\)\.$/)
    expect(reply!.buttons?.[0]).toEqual({ label: 'Xem chi tiết', value: 'policy:credit:details' })
    expect(reply!.buttons?.slice(1).map((b) => b.value)).toEqual([
      'policy:livelihood',
      'policy:housing',
      'policy:exit_poverty',
      'policy:education',
    ])
  })

  it('speaks English in the English locale', () => {
    const [reply] = renderTopic('credit', { locale: 'en', category: 'poor', part: 'short' })
    expect(reply!.text).toMatch(/^Your household may be poor: borrow .* at 6\.6% per year/)
    expect(reply!.text).toContain('(checked 29/11/2026).')
    expect(reply!.buttons?.[0]?.label).toBe('See details')
  })

  it('fits every short answer in one Zalo message', () => {
    for (const { where, replies } of everyRendering().filter((r) => r.where.includes('/short/'))) {
      expect(replies, where).toHaveLength(1)
    }
  })
})

describe('renderTopic — details', () => {
  it('lists every legal document with its article, the check date, the next step and the caveats', () => {
    const text = renderTopic('health_insurance', { locale: 'vi', part: 'details' })
      .map((r) => r.text)
      .join('\n\n')
    expect(text).toContain('Căn cứ pháp lý:\n• Nghị định 146/2018/NĐ-CP (sửa bởi Nghị định 75/2023/NĐ-CP), Điều 3 khoản 9 điểm a — ')
    expect(text).toContain('• Nghị định 20/2021/NĐ-CP — ')
    expect(text).toContain('Nội dung được kiểm tra lần cuối ngày 29/11/2026.')
    expect(text).toContain('Bước tiếp theo: ')
    expect(text).toContain('Lưu ý:\n• Sau khi Luật 51/2024/QH15')
  })

  it('offers related topics but not "Xem chi tiết" again', () => {
    const replies = renderTopic('registration', { locale: 'vi', part: 'details' })
    const buttons = replies.at(-1)?.buttons ?? []
    expect(buttons.map((b) => b.label)).toEqual(['Lịch rà soát', 'Khiếu nại kết quả', 'Thoát nghèo', 'Chuẩn nghèo'])
  })
})

describe('renderTopic — channel limits', () => {
  it('keeps every message within 2,000 characters, at most 5 buttons, labels of at most 20 characters', () => {
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
    const whole = renderTopic('poverty_indicators', { locale: 'vi', part: 'details', maxChars: 4096 })
    const parts = renderTopic('poverty_indicators', { locale: 'vi', part: 'details', maxChars: 500 })
    expect(whole).toHaveLength(1)
    expect(parts.length).toBeGreaterThan(3)
    for (const part of parts.slice(0, -1)) expect(part.buttons).toBeUndefined()
    expect(parts.at(-1)?.buttons).toEqual(whole[0]?.buttons)
    for (const part of parts) expect(part.text.length).toBeLessThanOrEqual(500)
    // Nothing lost, nothing cut mid-paragraph: the parts put back together give the same text.
    expect(parts.map((p) => p.text).join('\n\n')).toBe(whole[0]?.text)
  })

  it('throws for an unknown topic id', () => {
    expect(() => renderTopic('weather' as never, { locale: 'vi', part: 'short' })).toThrow(/Unknown policy topic "weather"/)
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
