import { describe, expect, it } from 'vitest'
import { leafKeys, messages } from '../../src/i18n.ts'
import {
  DIMENSION_IDS,
  INDICATORS,
  INDICATOR_IDS,
  STANDARDS,
  formatVnd,
  spokenVnd,
  getStandard,
  questionsByDimension,
  standardOn,
  todayInVietnam,
} from '../../src/poverty/index.ts'

describe('poverty standards data', () => {
  it('has the income lines of FACTS §1.2 and §2', () => {
    expect(getStandard('2022-2025').incomeLineVnd).toEqual({ rural: 1_500_000, urban: 2_000_000 })
    expect(getStandard('2022-2025').middleBandTopVnd).toEqual({ rural: 2_250_000, urban: 3_000_000 })
    expect(getStandard('2027-2030').incomeLineVnd).toEqual({ rural: 2_200_000, urban: 2_800_000 })
    expect(getStandard('2027-2030').middleBandTopVnd).toBeNull()
  })

  it('covers 2022–2030 day after day, without gaps or overlaps', () => {
    for (let i = 1; i < STANDARDS.length; i++) {
      const before = STANDARDS[i - 1]
      const after = STANDARDS[i]
      const dayAfter = new Date(Date.parse(`${before?.effectiveTo}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
      expect(after?.effectiveFrom).toBe(dayAfter)
    }
    expect(standardOn('2021-12-31')).toBeUndefined()
    expect(standardOn('2026-12-31')?.id).toBe('2022-2025')
    expect(standardOn('2027-01-01')?.id).toBe('2027-2030')
    expect(standardOn('2031-01-01')).toBeUndefined()
  })

  it('gives every standard a legal basis with sources', () => {
    for (const standard of STANDARDS) {
      expect(standard.legalBasis.length).toBeGreaterThan(0)
      for (const ref of standard.legalBasis) expect(ref.sources.length).toBeGreaterThan(0)
    }
  })
})

describe('indicators', () => {
  it('are the 12 of FACTS §1.3, in 6 dimensions, 2 each', () => {
    expect(INDICATOR_IDS).toHaveLength(12)
    for (const dimension of DIMENSION_IDS) {
      expect(INDICATOR_IDS.filter((id) => INDICATORS[id].dimension === dimension)).toHaveLength(2)
    }
  })

  it('never claim a verified threshold, and flag the ones FACTS marks UNVERIFIED', () => {
    expect(INDICATOR_IDS.every((id) => INDICATORS[id].thresholdVerified === false)).toBe(true)
    const unverified = INDICATOR_IDS.filter((id) => INDICATORS[id].wordingStatus === 'unverified')
    expect(unverified).toEqual(['employment', 'dependents', 'nutrition', 'healthInsurance', 'telecom', 'infoAccess'])
  })

  it('give the chat one short yes/no question per indicator, grouped by dimension', () => {
    const groups = questionsByDimension('vi')
    expect(groups.map((g) => g.name)).toEqual(['Việc làm', 'Y tế', 'Giáo dục', 'Nhà ở', 'Nước sinh hoạt và vệ sinh', 'Thông tin'])
    const health = groups[1]?.indicators.find((i) => i.id === 'healthInsurance')
    expect(health?.question).toBe('Mọi người trong nhà từ 6 tuổi trở lên đều có thẻ bảo hiểm y tế không?')
    expect(health?.deprivedIf).toBe('no')
    expect(health?.wordingNote).toContain('cần xác nhận với UBND xã')
    for (const question of groups.flatMap((g) => g.indicators)) {
      expect(question.question.endsWith('?')).toBe(true)
      expect(question.question.length).toBeLessThanOrEqual(200)
    }
  })
})

describe('poverty texts', () => {
  it('has every key in both Vietnamese and English', () => {
    const vi = leafKeys(messages.vi.poverty as never).sort()
    const en = leafKeys(messages.en.poverty as never).sort()
    expect(en).toEqual(vi)
  })

  it('has a name, question and threshold for every indicator, and a name for every dimension', () => {
    const keys = new Set(leafKeys(messages.vi.poverty as never))
    for (const id of INDICATOR_IDS) {
      for (const field of ['name', 'question', 'threshold']) expect(keys.has(`indicator.${id}.${field}`)).toBe(true)
    }
    for (const dimension of DIMENSION_IDS) expect(keys.has(`dimension.${dimension}`)).toBe(true)
  })

  it('says money the way people say it', () => {
    expect(spokenVnd(1_500_000, 'vi')).toBe('1,5 triệu đồng')
    expect(spokenVnd(0, 'vi')).toBe('0 đồng')
    expect(spokenVnd(999, 'vi')).toBe('999 đồng')
    expect(spokenVnd(800_000, 'vi')).toBe('800 nghìn đồng')
    expect(spokenVnd(1_166_667, 'vi')).toBe('1.166.667 đồng')
    expect(spokenVnd(2_250_000, 'vi')).toBe('2,25 triệu đồng')
    expect(spokenVnd(1_000_000_000_000, 'vi')).toBe('1.000 tỷ đồng')
    expect(spokenVnd(1_500_000, 'en')).toBe('1.5 million VND')
  })

  it('writes exact money for officers the Vietnamese way', () => {
    expect(formatVnd(1_500_000, 'vi')).toBe('1.500.000 đ')
    expect(formatVnd(-1_166_667, 'vi')).toBe('-1.166.667 đ')
    expect(formatVnd(1_500_000, 'en')).toBe('1,500,000 VND')
  })
})

describe('today in Vietnam', () => {
  it('is already tomorrow after 17:00 UTC (UTC+7, no daylight saving)', () => {
    expect(todayInVietnam(new Date('2026-12-31T16:59:59Z'))).toBe('2026-12-31')
    expect(todayInVietnam(new Date('2026-12-31T17:00:00Z'))).toBe('2027-01-01')
  })
})

describe('runtime', () => {
  it('keeps the classifier runnable on Workers: no Node built-ins outside cli.ts', async () => {
    const { readdir, readFile } = await import('node:fs/promises')
    const dir = new URL('../../src/poverty/', import.meta.url)
    const files = (await readdir(dir)).filter((f) => f.endsWith('.ts') && f !== 'cli.ts')
    expect(files.length).toBeGreaterThan(5)
    for (const file of files) {
      const source = await readFile(new URL(file, dir), 'utf8')
      expect(source, file).not.toMatch(/from ['"](node:|fs['"]|path['"])|\bprocess\.|\brequire\(/)
    }
  })
})
