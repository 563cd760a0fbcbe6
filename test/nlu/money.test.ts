import * as fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MAX_REASONABLE_VND, parseMoney } from '../../src/nlu/money.ts'

describe('parseMoney', () => {
  it.each([
    ['6 triệu', [6_000_000]],
    ['6tr', [6_000_000]],
    ['6 TR', [6_000_000]],
    ['1tr2', [1_200_000]],
    ['1tr250', [1_250_000]],
    ['1 triệu rưỡi', [1_500_000]],
    ['1 trieu ruoi', [1_500_000]],
    ['2,5 triệu', [2_500_000]],
    ['2.5tr', [2_500_000]],
    ['800k', [800_000]],
    ['800 k', [800_000]],
    ['800 nghìn', [800_000]],
    ['800 ngàn', [800_000]],
    ['3.000.000 đ', [3_000_000]],
    ['3.000.000đ', [3_000_000]],
    ['3000000 đồng', [3_000_000]],
    ['1,500,000', [1_500_000]],
    ['năm triệu', [5_000_000]],
    ['nam trieu', [5_000_000]],
    ['mười lăm triệu', [15_000_000]],
    ['hai trăm nghìn', [200_000]],
    ['một triệu hai', [1_200_000]],
    ['nửa triệu', [500_000]],
    ['1 triệu 2 trăm nghìn', [1_200_000]],
    ['2 triệu 500', [2_500_000]],
    ['2 triệu 500 nghìn', [2_500_000]],
    ['1 củ', [1_000_000]],
    ['1 tỷ 2', [1_200_000_000]],
    ['5-6tr', [5_000_000, 6_000_000]],
    ['từ 5 đến 6 triệu', [5_000_000, 6_000_000]],
    ['lương 2tr/tháng, vợ 1tr5', [2_000_000, 1_500_000]],
    ['khoảng 3000000 một tháng', [3_000_000]],
  ])('reads %s as %j VND', (text, amounts) => {
    expect(parseMoney(text)).toEqual({ amountsVnd: amounts, rejected: [] })
  })

  it.each([
    ['nhà 5 người'],
    ['năm 2021 có 500 hộ nghèo'],
    ['gọi 0905123456'],
    ['8h sáng 15/12'],
    ['hỗ trợ 70%'],
    ['hộ HN-001'],
    ['hai triệu năm nay'],
  ])('finds no money where there is none, or only the real amount: %s', (text) => {
    const r = parseMoney(text)
    expect(r.rejected).toEqual([])
    expect(r.amountsVnd.every((a) => a >= 1_000_000)).toBe(true)
  })

  it('does not take the household size after an amount as part of it', () => {
    expect(parseMoney('2 triệu 5 người').amountsVnd).toEqual([2_000_000])
  })

  it('reports zero, negative and absurd amounts instead of using them', () => {
    expect(parseMoney('0 triệu')).toEqual({ amountsVnd: [], rejected: [{ text: '0 trieu', reason: 'zero' }] })
    expect(parseMoney('-5tr')).toEqual({ amountsVnd: [], rejected: [{ text: '-5tr', reason: 'negative' }] })
    expect(parseMoney('âm 5 triệu').rejected).toEqual([{ text: 'am 5 trieu', reason: 'negative' }])
    expect(parseMoney('999999 tỷ')).toEqual({ amountsVnd: [], rejected: [{ text: '999999 ty', reason: 'too_large' }] })
  })

  it('keeps the usable amounts next to a rejected one', () => {
    expect(parseMoney('thu nhập 2tr, nợ -5tr')).toEqual({ amountsVnd: [2_000_000], rejected: [{ text: '-5tr', reason: 'negative' }] })
  })

  it('shortens the echoed text of a huge rejected number', () => {
    const r = parseMoney(`${'9'.repeat(4000)} tỷ`)
    expect(r.rejected).toHaveLength(1)
    expect(r.rejected[0]?.reason).toBe('too_large')
    expect(r.rejected[0]?.text.length).toBeLessThanOrEqual(40)
  })
})

/** Ways residents write an amount of whole thousands; each must read back as the same number. */
function spellings(vnd: number): string[] {
  const millions = Math.floor(vnd / 1_000_000)
  const thousands = Math.floor((vnd % 1_000_000) / 1000)
  const grouped = vnd.toLocaleString('de-DE') // 1.234.000
  const out = [`${grouped} đ`, `${grouped}đ`, `${vnd} đồng`, `${vnd / 1000}k`, `${vnd / 1000} nghìn`]
  if (millions > 0 && thousands === 0) out.push(`${millions} triệu`, `${millions}tr`)
  if (millions > 0 && thousands > 0) {
    out.push(`${millions} triệu ${thousands} nghìn`, `${millions} triệu ${thousands}k`)
    if (thousands % 100 === 0) out.push(`${millions}tr${thousands / 100}`, `${millions} triệu ${thousands / 100}`, `${millions},${thousands / 100} triệu`)
  }
  return out
}

describe('parseMoney (properties)', () => {
  it('never throws, on any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        const r = parseMoney(s)
        expect(r.amountsVnd.every((a) => Number.isInteger(a) && a > 0 && a <= MAX_REASONABLE_VND)).toBe(true)
      }),
    )
  })

  it('never throws on number-heavy text and only returns reasonable amounts', () => {
    const numbery = fc.string({
      unit: fc.constantFrom(...'0123456789.,-/:% '.split(''), 'k', 'tr', 'triệu', 'tỷ', 'đ', 'nghìn', 'rưỡi', 'năm', 'hai', 'mươi', 'trăm', ' '),
      maxLength: 40,
    })
    fc.assert(
      fc.property(numbery, (s) => {
        const r = parseMoney(s)
        for (const a of r.amountsVnd) expect(Number.isInteger(a) && a > 0 && a <= MAX_REASONABLE_VND).toBe(true)
      }),
      { numRuns: 500 },
    )
  })

  it('reads back every usual spelling of a generated amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99_999 }), (k) => {
        const vnd = k * 1000
        for (const s of spellings(vnd)) expect(parseMoney(`thu nhập ${s} một tháng`).amountsVnd, s).toEqual([vnd])
      }),
      { numRuns: 300 },
    )
  })

  it('reads back "X triệu Y" for any X and one-digit Y as X,Y million', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 1, max: 9 }), (x, y) => {
        const expected = x * 1_000_000 + y * 100_000
        expect(parseMoney(`${x} triệu ${y}`).amountsVnd).toEqual([expected])
        expect(parseMoney(`${x}tr${y}`).amountsVnd).toEqual([expected])
      }),
    )
  })
})
