import { describe, expect, it } from 'vitest'
import { PLACES, placeNames } from '../../prisma/seed/places.ts'
import { createNlu, INTENT_IDS } from '../../src/nlu/index.ts'

const nlu = createNlu({ places: placeNames(PLACES) })
const NOW = new Date('2026-11-29T03:00:00Z')

describe('createNlu().understand', () => {
  it('gives intent, calibrated confidence, alternatives and every entity in one call', () => {
    const u = nlu.understand('nha e 5 ng o dak ha, thu nhap 6tr, hen gap can bo 8h sang mai', NOW)
    expect(u.text).toBe('nha e 5 ng o dak ha, thu nhap 6tr, hen gap can bo 8h sang mai')
    expect(INTENT_IDS).toContain(u.intent)
    expect(u.confidence).toBeGreaterThanOrEqual(0)
    expect(u.confidence).toBeLessThanOrEqual(1)
    expect(u.alternatives.length).toBeLessThanOrEqual(3)
    expect(u.alternatives.map((a) => a.intent)).not.toContain(u.intent)
    expect(u.entities).toEqual({
      amountsVnd: [6_000_000],
      members: 5,
      date: '2026-11-30T08:00:00+07:00',
      dateHasTime: true,
      place: 'quang-ngai/xa-dak-ha',
    })
  })

  it('omits entities that are absent', () => {
    expect(nlu.understand('xin chào', NOW).entities).toEqual({})
  })

  it('answers an empty message with out_of_scope', () => {
    const u = nlu.understand('', NOW)
    expect(u).toMatchObject({ text: '', intent: 'out_of_scope', confidence: 1, entities: {} })
  })

  describe('bad input', () => {
    const noise = Array.from({ length: 4000 }, (_, i) => String.fromCharCode(33 + ((i * 7919) % 90))).join('')
    it.each([
      ['emoji only', '😀😂🙏🏽👍'],
      ['4,000 characters of noise', noise],
      ['mixed scripts', 'hộ nghèo 贫困户 бедные семьи فقير vay vốn'],
      ['control characters', 'vay\u0000 vốn\u0007\u001b[0m\r\n\t hộ\u200b nghèo\uFEFF'],
      ['lone surrogates', 'vay \uD800 vốn \uDFFF'],
      ['a very long number', '9'.repeat(4000)],
    ])('survives %s with a valid answer', (_, text) => {
      const u = nlu.understand(text, NOW)
      expect(INTENT_IDS).toContain(u.intent)
      expect(Number.isFinite(u.confidence)).toBe(true)
      for (const a of u.entities.amountsVnd ?? []) expect(a).toBeLessThanOrEqual(10_000_000_000)
    })

    it('still understands the words inside mixed scripts and control characters', () => {
      expect(nlu.understand('vay\u0000 vốn\u0007 hộ\u200b nghèo 贫困户', NOW).intent).toBe('policy.credit')
    })

    it.each([
      ['0 triệu', 'zero'],
      ['-5tr', 'negative'],
      ['999999 tỷ', 'too_large'],
    ] as const)('reports %s as an unusable amount (%s), not as an amount', (text, reason) => {
      const u = nlu.understand(`thu nhập ${text}`, NOW)
      expect(u.entities.amountsVnd).toBeUndefined()
      expect(u.entities.rejectedAmounts?.[0]?.reason).toBe(reason)
    })

    it('treats a non-string as an empty message instead of throwing', () => {
      expect(nlu.understand(undefined as unknown as string, NOW).intent).toBe('out_of_scope')
    })
  })

  it('is fast: a thousand messages well within a second', () => {
    const texts = ['ho ngheo duoc ho tro gi', 'nhà em 5 người thu nhập 1tr2', 'tạo lịch tập huấn 8h sáng thứ hai tuần sau ở Đăk Hà']
    const started = performance.now()
    for (let i = 0; i < 1000; i++) nlu.understand(texts[i % texts.length] as string, NOW)
    expect(performance.now() - started).toBeLessThan(1000)
  })
})
