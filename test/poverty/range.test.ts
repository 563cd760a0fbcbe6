import { describe, expect, it } from 'vitest'
import type { HouseholdWithoutIncomeInput, RangeClassification } from '../../src/poverty/index.ts'
import { classifyRange } from '../../src/poverty/index.ts'

const TODAY = '2026-06-15'

function bands(result: RangeClassification) {
  return result.bands.map(({ category, aboveVnd, upToVnd }) => ({ category, aboveVnd, upToVnd }))
}

describe('classifyRange — income unknown ("không rõ")', () => {
  it('gives near-poor, middle and none bands for a rural household with 2 deprivations', () => {
    const result = classifyRange({ area: 'rural', members: 4, deprivations: ['water', 'telecom'] }, { today: TODAY })
    expect(bands(result)).toEqual([
      { category: 'near_poor', aboveVnd: undefined, upToVnd: 1_500_000 },
      { category: 'middle', aboveVnd: 1_500_000, upToVnd: 2_250_000 },
      { category: 'none', aboveVnd: 2_250_000, upToVnd: undefined },
    ])
    expect(result.bands[0]?.householdUpToVnd).toBe(6_000_000)
    expect(result.bands[0]?.text).toBe(
      'Nếu thu nhập chia đều mỗi người từ 1,5 triệu đồng một tháng trở xuống (cả hộ từ 6 triệu đồng một tháng trở xuống) thì ước tính thuộc diện hộ cận nghèo.',
    )
    expect(result.bands[1]?.text).toBe(
      'Nếu thu nhập chia đều mỗi người trên 1,5 triệu đồng đến 2,25 triệu đồng một tháng (cả hộ trên 6 triệu đồng đến 9 triệu đồng một tháng) thì ước tính thuộc diện hộ có mức sống trung bình.',
    )
    expect(result.explanation.startsWith(
      'Chưa rõ thu nhập. Hộ thiếu 2 trong 12 nhu cầu cơ bản (Nguồn nước sinh hoạt, Sử dụng dịch vụ viễn thông); theo Nghị định 07/2021/NĐ-CP, mức chuẩn nghèo ở nông thôn là 1,5 triệu đồng mỗi người một tháng.',
    )).toBe(true)
  })

  it('starts with poor when the household is deprived in 3 indicators', () => {
    const result = classifyRange({ area: 'urban', members: 1, deprivations: ['water', 'telecom', 'nutrition'] }, { today: TODAY })
    expect(result.bands.map((b) => b.category)).toEqual(['poor', 'middle', 'none'])
    expect(result.bands[0]?.upToVnd).toBe(2_000_000)
  })

  it('merges the band into none for a household that does not farm', () => {
    const result = classifyRange({ area: 'rural', members: 2, deprivations: [], agriculture: false }, { today: TODAY })
    expect(bands(result)).toEqual([
      { category: 'near_poor', aboveVnd: undefined, upToVnd: 1_500_000 },
      { category: 'none', aboveVnd: 1_500_000, upToVnd: undefined },
    ])
  })

  it('has only two bands under 2027–2030 and says the result is provisional', () => {
    const result = classifyRange({ area: 'urban', members: 3, deprivations: [] }, { today: '2027-05-01' })
    expect(result.standard).toBe('2027-2030')
    expect(bands(result)).toEqual([
      { category: 'near_poor', aboveVnd: undefined, upToVnd: 2_800_000 },
      { category: 'none', aboveVnd: 2_800_000, upToVnd: undefined },
    ])
    expect(result.provisional).toBe(true)
    expect(result.notes.map((n) => n.code)).toEqual(['provisionalIndicators', 'middleBandUnconfirmed'])
  })

  it('counts duplicates once and lets the floor area decide housing area', () => {
    const household: HouseholdWithoutIncomeInput = {
      area: 'rural',
      members: 2,
      deprivations: ['water', 'water', 'housingArea'],
      housingAreaM2: 16,
    }
    const result = classifyRange(household, { today: TODAY })
    expect(result.deprived).toEqual(['water'])
    expect(result.bands[0]?.category).toBe('near_poor')
  })

  it('in December 2026 also gives the bands from 1/1/2027', () => {
    const result = classifyRange({ area: 'rural', members: 1, deprivations: [] }, { today: '2026-12-20' })
    expect(result.next?.standard).toBe('2027-2030')
    expect(result.next?.bands[0]?.upToVnd).toBe(2_200_000)
    expect(result.notes.find((n) => n.code === 'transition')?.text).toBe(
      'Từ 01/01/2027 áp dụng chuẩn nghèo mới theo Nghị định 351/2025/NĐ-CP: mức chuẩn nghèo ở nông thôn là 2,2 triệu đồng mỗi người một tháng.',
    )
  })

  it('refuses a date before our data, like classify', () => {
    expect(() => classifyRange({ area: 'rural', members: 1, deprivations: [], date: '2020-01-01' })).toThrow(
      'date: chưa có chuẩn nghèo cho ngày 01/01/2020',
    )
  })
})
