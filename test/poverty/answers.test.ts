import { describe, expect, it } from 'vitest'
import type { Change, Classification, HouseholdInput } from '../../src/poverty/index.ts'
import { classify } from '../../src/poverty/index.ts'

const TODAY = '2026-06-15'

function changes(household: HouseholdInput, today = TODAY): Omit<Change, 'text'>[] {
  return classify(household, { today }).whatWouldChange.map(({ text: _text, ...rest }) => rest)
}

function texts(result: Classification): string[] {
  return result.whatWouldChange.map((c) => c.text)
}

describe('classify — what the resident is told', () => {
  it('explains a poor household in plain Vietnamese, naming the line, the decree and the deprivations', () => {
    const result = classify(
      { area: 'rural', members: 1, incomePerPersonVnd: 1_400_000, deprivations: ['water', 'employment', 'healthInsurance'] },
      { today: TODAY },
    )
    expect(result.explanation).toBe(
      'Thu nhập chia đều mỗi người 1,4 triệu đồng một tháng, không quá mức chuẩn nghèo ở nông thôn là 1,5 triệu đồng (theo Nghị định 07/2021/NĐ-CP); thiếu 3 trong 12 nhu cầu cơ bản (Việc làm, Bảo hiểm y tế, Nguồn nước sinh hoạt) — ước tính thuộc diện hộ nghèo.',
    )
    expect(result.categoryLabel).toBe('hộ nghèo')
  })

  it('says "không thiếu nhu cầu cơ bản nào" for a near-poor household without deprivations', () => {
    const result = classify({ area: 'urban', members: 2, monthlyIncomeVnd: 3_000_000, deprivations: [] }, { today: TODAY })
    expect(result.explanation).toBe(
      'Thu nhập chia đều mỗi người 1,5 triệu đồng một tháng, không quá mức chuẩn nghèo ở thành thị là 2 triệu đồng (theo Nghị định 07/2021/NĐ-CP); không thiếu nhu cầu cơ bản nào — ước tính thuộc diện hộ cận nghèo.',
    )
  })

  it('explains the middle band with both limits, and that deprivations no longer matter', () => {
    const result = classify({ area: 'rural', members: 1, incomePerPersonVnd: 2_000_000, deprivations: ['water'] }, { today: TODAY })
    expect(result.explanation).toBe(
      'Thu nhập chia đều mỗi người 2 triệu đồng một tháng, trên mức chuẩn nghèo ở nông thôn là 1,5 triệu đồng nhưng không quá 2,25 triệu đồng (theo Nghị định 07/2021/NĐ-CP) — ước tính thuộc diện hộ có mức sống trung bình.',
    )
    expect(result.notes.map((n) => n.code)).toEqual(['middleAgricultureOnly', 'deprivationsIgnoredAboveLine'])
  })

  it('tells a non-farming household in the band why it is not "mức sống trung bình"', () => {
    const result = classify(
      { area: 'rural', members: 1, incomePerPersonVnd: 2_000_000, deprivations: [], agriculture: false },
      { today: TODAY },
    )
    expect(result.categoryLabel).toBe('không thuộc diện hộ nghèo, hộ cận nghèo hay hộ có mức sống trung bình')
    expect(result.notes).toContainEqual({
      code: 'middleNotAgricultural',
      text: 'Thu nhập nằm trong khoảng của hộ có mức sống trung bình (trên 1,5 triệu đồng đến 2,25 triệu đồng), nhưng diện này chỉ xét cho hộ làm nông nghiệp, lâm nghiệp, ngư nghiệp hoặc diêm nghiệp.',
    })
  })

  it('uses "đô thị" and Nghị định 351/2025 for 2027–2030, and says the indicator list is provisional', () => {
    const result = classify(
      { standard: '2027-2030', area: 'urban', members: 1, incomePerPersonVnd: 3_000_000, deprivations: [] },
      { today: TODAY },
    )
    expect(result.explanation).toBe(
      'Thu nhập chia đều mỗi người 3 triệu đồng một tháng, trên mức chuẩn nghèo ở đô thị là 2,8 triệu đồng (theo Nghị định 351/2025/NĐ-CP) — ước tính không thuộc diện hộ nghèo, hộ cận nghèo.',
    )
    expect(result.provisional).toBe(true)
    expect(result.middleBandTopVnd).toBeNull()
    expect(result.notes.map((n) => n.code)).toEqual(['provisionalIndicators', 'middleBandUnconfirmed'])
  })

  it('explains the housing-area decision taken from the floor area, rounding down so 7,99 is never shown as 8', () => {
    const under = classify({ area: 'rural', members: 3, monthlyIncomeVnd: 1, deprivations: [], housingAreaM2: 23.999 }, { today: TODAY })
    expect(under.notes).toContainEqual({
      code: 'housingArea',
      text: 'Diện tích nhà chia đều mỗi người 7,99 m², dưới 8 m²: thiếu về diện tích nhà ở.',
    })
    const exact = classify({ area: 'rural', members: 3, monthlyIncomeVnd: 1, deprivations: [], housingAreaM2: 24 }, { today: TODAY })
    expect(exact.notes).toContainEqual({
      code: 'housingArea',
      text: 'Diện tích nhà chia đều mỗi người 8 m², từ 8 m² trở lên: không thiếu về diện tích nhà ở.',
    })
  })

  it('always carries the disclaimer that the commune review decides, naming TT 07/2021 only where it applies', () => {
    const now = classify({ area: 'rural', members: 1, incomePerPersonVnd: 1, deprivations: [] }, { today: TODAY })
    expect(now.disclaimer).toBe(
      'Đây chỉ là kết quả ước tính để tham khảo. Kết quả chính thức do UBND xã quyết định qua rà soát hộ nghèo, hộ cận nghèo (chấm điểm theo Thông tư 07/2021/TT-BLĐTBXH).',
    )
    // No successor to TT 07/2021 for 2026–2030 has been found, so the 2027 disclaimer names no method.
    const later = classify({ area: 'rural', members: 1, incomePerPersonVnd: 1, deprivations: [] }, { today: '2027-02-01' })
    expect(later.disclaimer).toBe(
      'Đây chỉ là kết quả ước tính để tham khảo. Kết quả chính thức do UBND xã quyết định qua rà soát hộ nghèo, hộ cận nghèo.',
    )
  })

  it('names the legal basis with article, sources and the date of the content check', () => {
    const now = classify({ area: 'rural', members: 1, incomePerPersonVnd: 1, deprivations: [] }, { today: TODAY })
    const incomeLine = now.legalBasis.find((r) => r.topic === 'incomeLine')
    expect(incomeLine?.citation).toBe('Điều 3 khoản 1 điểm a Nghị định 07/2021/NĐ-CP')
    expect(incomeLine?.sources.length).toBeGreaterThan(0)
    expect(incomeLine?.asOf).toBe('2026-11')
    expect(now.legalBasis.find((r) => r.topic === 'extension2026')?.document).toBe('Nghị định 351/2025/NĐ-CP')
    const later = classify({ standard: '2027-2030', area: 'rural', members: 1, incomePerPersonVnd: 1, deprivations: [] }, { today: TODAY })
    // No source quotes an article of ND 351/2025, so none is claimed.
    expect(later.legalBasis.map((r) => [r.citation, r.article])).toEqual([
      ['Nghị định 351/2025/NĐ-CP', undefined],
      ['Nghị định 351/2025/NĐ-CP', undefined],
    ])
  })

  it('answers in English when asked, with no untranslated key left in the text', () => {
    const result = classify(
      { area: 'rural', members: 3, monthlyIncomeVnd: 4_500_000, deprivations: ['water', 'water', 'telecom'] },
      { today: '2026-12-10', locale: 'en' },
    )
    expect(result.explanation).toBe(
      'Income 1.5 million VND per person per month, not above the rural poverty line of 1.5 million VND (under Nghị định 07/2021/NĐ-CP); deprived in 2 indicator(s) (Domestic water source, Use of telecommunication services) — estimated to be a near-poor household.',
    )
    const all = JSON.stringify(result)
    expect(all).not.toMatch(/poverty\.\w/)
    expect(all).not.toMatch(/\{\w+\}/)
  })
})

describe('classify — what would change the result', () => {
  it('near-poor with 2 deprivations: one more makes it poor; income above the line ends near-poor status', () => {
    const result = classify({ area: 'rural', members: 3, monthlyIncomeVnd: 4_200_000, deprivations: ['water', 'telecom'] }, { today: TODAY })
    expect(changes({ area: 'rural', members: 3, monthlyIncomeVnd: 4_200_000, deprivations: ['water', 'telecom'] })).toEqual([
      { kind: 'moreDeprivations', deprivations: 1, category: 'poor' },
      { kind: 'incomeAbove', perPersonVnd: 1_500_000, householdVnd: 4_500_000, category: 'middle' },
    ])
    expect(texts(result)).toEqual([
      'Nếu thiếu thêm 1 nhu cầu cơ bản nữa thì thuộc diện hộ nghèo.',
      'Nếu thu nhập chia đều mỗi người trên 1,5 triệu đồng một tháng (cả hộ trên 4,5 triệu đồng một tháng) thì không còn thuộc diện hộ cận nghèo.',
    ])
  })

  it('near-poor with no deprivation needs 3 more to be poor', () => {
    expect(changes({ area: 'urban', members: 1, incomePerPersonVnd: 0, deprivations: [] })[0]).toEqual({
      kind: 'moreDeprivations',
      deprivations: 3,
      category: 'poor',
    })
  })

  it('poor with 4 deprivations: losing 2 makes it near-poor; a farming-unknown household above the line would be middle', () => {
    const household: HouseholdInput = {
      area: 'rural',
      members: 2,
      monthlyIncomeVnd: 2_000_000,
      deprivations: ['water', 'telecom', 'sanitation', 'nutrition'],
    }
    expect(changes(household)).toEqual([
      { kind: 'fewerDeprivations', deprivations: 2, category: 'near_poor' },
      { kind: 'incomeAbove', perPersonVnd: 1_500_000, householdVnd: 3_000_000, category: 'middle' },
    ])
    expect(texts(classify(household, { today: TODAY }))[0]).toBe(
      'Nếu bớt thiếu được 2 nhu cầu (còn thiếu dưới 3) thì chuyển sang diện hộ cận nghèo.',
    )
  })

  it('poor, not farming: above the line it would be none, not middle', () => {
    expect(
      changes({ area: 'rural', members: 2, monthlyIncomeVnd: 0, deprivations: ['water', 'telecom', 'sanitation'], agriculture: false })[1],
    ).toEqual({ kind: 'incomeAbove', perPersonVnd: 1_500_000, householdVnd: 3_000_000, category: 'none' })
  })

  it('middle: above the band top it is none; at or below the line it is poor or near-poor by its deprivations', () => {
    const household: HouseholdInput = {
      area: 'urban',
      members: 4,
      monthlyIncomeVnd: 10_000_000,
      deprivations: ['water', 'telecom', 'sanitation'],
    }
    expect(changes(household)).toEqual([
      { kind: 'incomeAbove', perPersonVnd: 3_000_000, householdVnd: 12_000_000, category: 'none' },
      { kind: 'incomeAtOrBelow', perPersonVnd: 2_000_000, householdVnd: 8_000_000, category: 'poor' },
    ])
    expect(texts(classify(household, { today: TODAY }))).toEqual([
      'Nếu thu nhập chia đều mỗi người trên 3 triệu đồng một tháng (cả hộ trên 12 triệu đồng một tháng) thì không còn thuộc diện hộ có mức sống trung bình.',
      'Nếu thu nhập chia đều mỗi người từ 2 triệu đồng một tháng trở xuống (cả hộ từ 8 triệu đồng một tháng trở xuống) thì thuộc diện hộ nghèo.',
    ])
  })

  it('none above the band: only a lower income would change it (to middle)', () => {
    expect(changes({ area: 'rural', members: 2, monthlyIncomeVnd: 9_000_000, deprivations: [] })).toEqual([
      { kind: 'incomeAtOrBelow', perPersonVnd: 2_250_000, householdVnd: 4_500_000, category: 'middle' },
    ])
  })

  it('2027–2030 near-poor: above 2,2 triệu đồng it is none (no middle band)', () => {
    expect(changes({ standard: '2027-2030', area: 'rural', members: 5, monthlyIncomeVnd: 5_000_000, deprivations: [] })).toEqual([
      { kind: 'moreDeprivations', deprivations: 3, category: 'poor' },
      { kind: 'incomeAbove', perPersonVnd: 2_200_000, householdVnd: 11_000_000, category: 'none' },
    ])
  })

  it('for a one-person household, does not repeat the amount as a household total', () => {
    const result = classify({ area: 'rural', members: 1, incomePerPersonVnd: 1_000_000, deprivations: [] }, { today: TODAY })
    expect(texts(result)[1]).toBe(
      'Nếu thu nhập chia đều mỗi người trên 1,5 triệu đồng một tháng thì không còn thuộc diện hộ cận nghèo.',
    )
  })
})

describe('classify — December 2026, the month before the new standard', () => {
  const household: HouseholdInput = {
    area: 'rural',
    members: 2,
    monthlyIncomeVnd: 4_000_000,
    deprivations: ['water', 'telecom', 'sanitation'],
  }

  it('shows both standards: now middle (2 triệu đồng > 1,5 triệu đồng), from 1/1/2027 poor (≤ 2,2 triệu đồng)', () => {
    const result = classify({ ...household, date: '2026-12-01' })
    expect(result.standard).toBe('2022-2025')
    expect(result.category).toBe('middle')
    expect(result.next?.standard).toBe('2027-2030')
    expect(result.next?.category).toBe('poor')
    expect(result.next?.provisional).toBe(true)
    expect(result.next?.next).toBeUndefined()
    expect(result.notes.find((n) => n.code === 'transition')?.text).toBe(
      'Từ 01/01/2027 áp dụng chuẩn nghèo mới theo Nghị định 351/2025/NĐ-CP (mức chuẩn ở nông thôn là 2,2 triệu đồng mỗi người một tháng): với thu nhập và những thiếu thốn như trên, hộ ước tính thuộc diện hộ nghèo.',
    )
  })

  it('shows the next standard also when the category stays the same, saying "vẫn"', () => {
    const result = classify({ ...household, monthlyIncomeVnd: 1_000_000 }, { today: '2026-12-31' })
    expect(result.category).toBe('poor')
    expect(result.next?.category).toBe('poor')
    expect(result.notes.find((n) => n.code === 'transition')?.text).toContain('hộ ước tính vẫn thuộc diện hộ nghèo.')
  })

  it('does not show it in November 2026', () => {
    expect(classify({ ...household, date: '2026-11-30' }).next).toBeUndefined()
  })

  it('does not show it from 1/1/2027, when the new standard is the one in force', () => {
    expect(classify({ ...household, date: '2027-01-01' }).next).toBeUndefined()
  })

  it('does not show it when the caller asked for one standard explicitly', () => {
    expect(classify({ ...household, standard: '2022-2025', date: '2026-12-15' }).next).toBeUndefined()
  })
})
