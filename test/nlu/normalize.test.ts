import * as fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fold, normalize, normalizeTokens, placeTone } from '../../src/nlu/normalize.ts'

describe('placeTone', () => {
  it.each([
    ['hoà', 'hòa'],
    ['hòa', 'hòa'],
    ['thuý', 'thúy'],
    ['thúy', 'thúy'],
    ['khoẻ', 'khỏe'],
    ['huỷ', 'hủy'],
    ['xoè', 'xòe'],
  ])('puts the tone of %s where the classic rule does (%s)', (input, expected) => {
    expect(placeTone(input)).toBe(expected)
  })

  it.each(['quý', 'quà', 'giữa', 'gì', 'hoàn', 'hoàng', 'thuyền', 'người', 'của', 'khuỷu', 'khoái', 'thuở', 'réo', 'ngọk'])(
    'leaves %s alone: its tone is already where both styles put it',
    (word) => {
      expect(placeTone(word)).toBe(word)
    },
  )

  it('leaves words that are not one Vietnamese syllable unchanged', () => {
    expect(placeTone('konplông')).toBe('konplông')
    expect(placeTone('xyz')).toBe('xyz')
  })
})

describe('normalize', () => {
  it('makes old and new tone placement the same text', () => {
    expect(normalize('Khánh Hoà')).toBe(normalize('Khánh Hòa'))
    expect(normalize('chị Thuý')).toBe(normalize('chị Thúy'))
  })

  it('gives the same result for composed and decomposed (NFD) input', () => {
    const composed = 'Hộ nghèo được hỗ trợ gì'
    expect(normalize(composed.normalize('NFD'))).toBe(normalize(composed))
  })

  it('lowercases, drops punctuation and squashes chat elongation', () => {
    expect(normalize('Chàoooo AD!!!')).toBe('chào admin')
  })

  it.each([
    ['ko biết', 'không biết'],
    ['hok có', 'không có'],
    ['hộ nghèo đc hỗ trợ j', 'hộ nghèo được hỗ trợ gì'],
    ['ho ngheo dc ho tro j', 'ho ngheo được ho tro gì'],
    ['vay ntn', 'vay như thế nào'],
    ['cho xin sđt', 'cho xin số điện thoại'],
    ['bhyt', 'bảo hiểm y tế'],
  ])('expands teencode: %s → %s', (input, expected) => {
    expect(normalize(input)).toBe(expected)
  })

  it('reads "k" as nghìn after a number but as không elsewhere', () => {
    expect(normalize('800 k')).toBe('800 nghìn')
    expect(normalize('k biết')).toBe('không biết')
    expect(normalize('800k')).toBe('800k')
  })

  it('reads "tr" as triệu only after a number', () => {
    expect(normalize('6 tr')).toBe('6 triệu')
    expect(normalize('tr')).toBe('tr')
    expect(normalize('6tr')).toBe('6tr')
  })

  it('reads "ng" after a number as người', () => {
    expect(normalize('nhà 5 ng')).toBe('nhà 5 người')
  })

  it('resolves "bn" from context, and leaves it when the context says nothing', () => {
    expect(normalize('vay được bn')).toBe('vay được bao nhiêu')
    expect(normalize('bn tiền')).toBe('bao nhiêu tiền')
    expect(normalize('chào bn')).toBe('chào bạn')
    expect(normalize('bn ơi')).toBe('bạn ơi')
    expect(normalize('xyz bn xyz')).toBe('xyz bn xyz')
  })

  it('keeps numbers, money, dates, times and codes as single tokens', () => {
    expect(normalizeTokens('3.000.000đ, 1tr2 và 2,5 triệu; 15/12/2026 lúc 14:30 hộ HN-001 -5tr 70%')).toEqual([
      '3.000.000đ', '1tr2', 'và', '2,5', 'triệu', '15/12/2026', 'lúc', '14:30', 'hộ', 'hn-001', '-5tr', '70%',
    ])
  })

  it('splits words glued by punctuation', () => {
    expect(normalize('ho ngheo,vay von')).toBe('ho ngheo vay von')
  })

  it('returns an empty string for emoji, control characters and punctuation only', () => {
    expect(normalize('😀🙏🏽')).toBe('')
    expect(normalize('\u0000\u0007\u001b[31m')).toBe('31m')
    expect(normalize('?!...')).toBe('')
  })
})

describe('fold', () => {
  it('removes every diacritic and turns đ into d', () => {
    expect(fold('Đăk Hà, Ngọk Réo, hỗ trợ, được')).toBe('Dak Ha, Ngok Reo, ho tro, duoc')
  })

  it('folds different words to the same form (the collision the classifier lives with)', () => {
    expect(new Set(['ma', 'mà', 'má', 'mả', 'mã', 'mạ'].map(fold))).toEqual(new Set(['ma']))
    expect(fold('năm')).toBe(fold('nam'))
  })
})

const vietnamese = fc.string({
  unit: fc.constantFrom(
    ...'aàáảãạăằắẳẵặâầấẩẫậđeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵ'.split(''),
    ...'bcdghklmnpqrstvxAĐHQ0123456789 .,/:-%?!'.split(''),
    'k', 'ko', 'dc', 'bn', 'tr', 'ng', ' 800k ', ' 1tr2 ', '\u0301', '\u0300', '😀', '\n', '\t',
  ),
  maxLength: 60,
})

describe('normalize (properties)', () => {
  it('never throws, on any string at all', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        normalize(s)
        fold(s)
      }),
    )
  })

  it('is idempotent on Vietnamese-like chat text', () => {
    fc.assert(
      fc.property(vietnamese, (s) => {
        const once = normalize(s)
        expect(normalize(once)).toBe(once)
      }),
      { numRuns: 500 },
    )
  })

  it('is idempotent on arbitrary Unicode', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (s) => {
        const once = normalize(s)
        expect(normalize(once)).toBe(once)
      }),
      { numRuns: 300 },
    )
  })

  it('leaves no diacritic and no đ in the folded form', () => {
    fc.assert(
      fc.property(fc.oneof(vietnamese, fc.string({ unit: 'binary', maxLength: 80 })), (s) => {
        const folded = fold(normalize(s))
        expect(folded.normalize('NFD')).not.toMatch(/[\u0300-\u036f]/)
        expect(folded).not.toMatch(/[đĐ]/)
      }),
      { numRuns: 500 },
    )
  })
})


describe('tokenizer (differential)', () => {
  // The specification the hand-written scanner implements, as the regular expression it replaced.
  const TOKEN =
    /(?:(?<![\p{L}\p{N}])-(?=\p{N}))?[\p{L}\p{M}\p{N}]+(?:(?:(?<=\p{N})[.,:/](?=\p{N})|(?<=\p{N})-(?=[\p{L}\p{N}])|(?<=\p{L})-(?=\p{N}))[\p{L}\p{M}\p{N}]+)*%?/gu
  const reference = (text: string) =>
    (text.normalize('NFC').toLowerCase().match(TOKEN) ?? []).map((t) => (/\p{N}/u.test(t) ? t : placeTone(t.replace(/(\p{L})\1{2,}/gu, '$1'))))
  // Letters that are no teencode key, so only segmentation, elongation and tone placement are compared.
  const text = fc.string({
    unit: fc.constantFrom(...'abxyABôữ0123456789.,:/-% _\n'.split(''), '\u0301', '😀', '𝒜', '٣', '²', '中'),
    maxLength: 40,
  })

  it('splits text exactly as the reference regular expression does', () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(normalizeTokens(s)).toEqual(reference(s))
      }),
      { numRuns: 2000 },
    )
  })
})

describe('elongation', () => {
  it('squashes a letter typed three or more times, astral letters included', () => {
    expect(normalize('chàooooo')).toBe('chào')
    expect(normalize('𝒜𝒜𝒜')).toBe(normalize('𝒜'))
  })
})

describe('placeTone on malformed input', () => {
  it('leaves a syllable with a stray combining mark alone, so normalising twice changes nothing', () => {
    const odd = 'âỉ\u0301'
    expect(placeTone(odd)).toBe(odd)
    expect(normalize(normalize(odd))).toBe(normalize(odd))
  })
})

describe('placeTone on noise', () => {
  it('leaves vowel runs longer than any Vietnamese syllable alone', () => {
    expect(placeTone('aaảadc')).toBe('aaảadc')
    expect(normalize(normalize('aaảadc'))).toBe(normalize('aaảadc'))
  })
})
