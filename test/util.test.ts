import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { splitText } from '../src/util/split.ts'
import { timingSafeEqualStrings } from '../src/util/secure.ts'
import { scrub } from '../src/logger.ts'

describe('splitText', () => {
  it('keeps short text whole', () => {
    expect(splitText('Xin chào', 2000)).toEqual(['Xin chào'])
  })

  it('splits at paragraph boundaries first', () => {
    const a = 'A'.repeat(1200)
    const b = 'B'.repeat(1200)
    expect(splitText(`${a}\n\n${b}`, 2000)).toEqual([a, b])
  })

  it('never loses or adds words and keeps every part within the limit', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-zà-ỹ]{1,30}$/), { minLength: 1, maxLength: 400 }), fc.integer({ min: 40, max: 500 }), (words, max) => {
        const text = words.join(' ')
        const parts = splitText(text, max)
        expect(parts.every((p) => p.length <= max && p.length > 0)).toBe(true)
        expect(parts.join(' ').split(/\s+/)).toEqual(text.split(/\s+/))
      }),
    )
  })
})

describe('timingSafeEqualStrings', () => {
  it('is true only for identical strings', () => {
    expect(timingSafeEqualStrings('abc', 'abc')).toBe(true)
    expect(timingSafeEqualStrings('abd', 'abc')).toBe(false)
    expect(timingSafeEqualStrings('', 'abc')).toBe(false)
    expect(timingSafeEqualStrings('abcd', 'abc')).toBe(false)
  })
})

describe('scrub', () => {
  it('removes phone numbers and e-mail addresses from free text', () => {
    expect(scrub('gọi 0905 123 456 hoặc +84905123456, a.b@x.vn')).toBe('gọi [phone] hoặc [phone], [email]')
  })
})
