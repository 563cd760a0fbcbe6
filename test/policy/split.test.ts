import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { splitText } from '../../src/util/split.ts'

describe('splitText', () => {
  it('leaves a text that fits alone', () => {
    expect(splitText('Ngắn thôi.', 2000)).toEqual(['Ngắn thôi.'])
  })

  it('breaks between paragraphs first', () => {
    const text = `${'a'.repeat(30)}\n\n${'b'.repeat(30)}\n\n${'c'.repeat(30)}`
    expect(splitText(text, 70)).toEqual([`${'a'.repeat(30)}\n\n${'b'.repeat(30)}`, 'c'.repeat(30)])
  })

  it('breaks a long paragraph between sentences, not inside them', () => {
    const text = 'Hộ nghèo được vay vốn. Lãi suất 6,6%/năm. Hỏi Tổ tiết kiệm và vay vốn.'
    expect(splitText(text, 45)).toEqual(['Hộ nghèo được vay vốn. Lãi suất 6,6%/năm.', 'Hỏi Tổ tiết kiệm và vay vốn.'])
  })

  it('keeps numbers like 1.500.000 whole when breaking sentences', () => {
    const parts = splitText('Thu nhập từ 1.500.000 đ trở xuống. Thiếu từ 3 chỉ số.', 40)
    expect(parts).toEqual(['Thu nhập từ 1.500.000 đ trở xuống.', 'Thiếu từ 3 chỉ số.'])
  })

  it('breaks between words when a sentence is too long, and cuts only a word longer than the limit', () => {
    expect(splitText('một hai ba bốn năm', 8)).toEqual(['một hai', 'ba bốn', 'năm'])
    expect(splitText('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij'])
  })

  it('rejects a limit below one character', () => {
    expect(() => splitText('x', 0)).toThrow(RangeError)
  })

  it('never exceeds the limit, never returns an empty part, and loses no word', () => {
    const word = fc.stringMatching(/^[a-zđăâêôơư]{1,12}$/)
    const sentence = fc.array(word, { minLength: 1, maxLength: 15 }).map((w) => `${w.join(' ')}.`)
    const paragraph = fc.array(sentence, { minLength: 1, maxLength: 6 }).map((s) => s.join(' '))
    const text = fc.array(paragraph, { minLength: 1, maxLength: 6 }).map((p) => p.join('\n\n'))
    fc.assert(
      fc.property(text, fc.integer({ min: 13, max: 400 }), (t, max) => {
        const parts = splitText(t, max)
        expect(parts.every((p) => p.length <= max && p.trim() !== '')).toBe(true)
        expect(parts.join(' ').split(/\s+/)).toEqual(t.split(/\s+/))
      }),
    )
  })
})
