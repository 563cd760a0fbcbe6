import { describe, expect, it } from 'vitest'
import type { Category, HouseholdInput, StandardId } from '../../src/poverty/index.ts'
import { classify } from '../../src/poverty/index.ts'

/**
 * Scenario table in the manner of OpenFisca tests: a plain-language name, the household, and what the
 * resident should be told. Unless a row says otherwise, "today" is 15/6/2026 (the 2022–2025 standard).
 */
interface Scenario {
  name: string
  household: HouseholdInput
  today?: string
  expected: {
    standard: StandardId
    category: Category
    line?: number
    deprivations?: number
    perPerson?: number
    provisional?: boolean
  }
}

const TODAY = '2026-06-15'
const three = ['employment', 'water', 'telecom'] as const
const two = ['employment', 'water'] as const

// prettier-ignore
const scenarios: Scenario[] = [
  // ── 2022–2025, rural line 1,5 triệu đồng, middle band up to 2,25 triệu đồng ────────────────────────────────
  { name: 'rural, exactly on the line, 3 deprivations → poor',
    household: { area: 'rural', members: 1, incomePerPersonVnd: 1_500_000, deprivations: [...three] },
    expected: { standard: '2022-2025', category: 'poor', line: 1_500_000, deprivations: 3 } },
  { name: 'rural, exactly on the line, 2 deprivations → near-poor',
    household: { area: 'rural', members: 1, incomePerPersonVnd: 1_500_000, deprivations: [...two] },
    expected: { standard: '2022-2025', category: 'near_poor', line: 1_500_000, deprivations: 2 } },
  { name: 'rural, 1 đ above the line, 3 deprivations → middle (deprivations no longer matter)',
    household: { area: 'rural', members: 1, incomePerPersonVnd: 1_500_001, deprivations: [...three] },
    expected: { standard: '2022-2025', category: 'middle', deprivations: 3 } },
  { name: 'rural, exactly on the top of the middle band → middle',
    household: { area: 'rural', members: 1, incomePerPersonVnd: 2_250_000, deprivations: [] },
    expected: { standard: '2022-2025', category: 'middle' } },
  { name: 'rural, 1 đ above the middle band → none',
    household: { area: 'rural', members: 1, incomePerPersonVnd: 2_250_001, deprivations: [...three] },
    expected: { standard: '2022-2025', category: 'none' } },
  { name: 'rural, no income at all and no deprivation → near-poor',
    household: { area: 'rural', members: 5, monthlyIncomeVnd: 0, deprivations: [] },
    expected: { standard: '2022-2025', category: 'near_poor', perPerson: 0 } },
  { name: 'rural, 4,5 triệu đồng for 3 people is exactly on the 1.500.000 line → near-poor',
    household: { area: 'rural', members: 3, monthlyIncomeVnd: 4_500_000, deprivations: [] },
    expected: { standard: '2022-2025', category: 'near_poor', perPerson: 1_500_000 } },
  { name: 'rural, 4.500.001 đồng for 3 people is above the line → middle, shown as 1.500.001 đồng',
    household: { area: 'rural', members: 3, monthlyIncomeVnd: 4_500_001, deprivations: [...three] },
    expected: { standard: '2022-2025', category: 'middle', perPerson: 1_500_001 } },
  { name: 'rural, 4.499.999 đồng for 3 people with 3 deprivations → poor, shown as 1,5 triệu đồng',
    household: { area: 'rural', members: 3, monthlyIncomeVnd: 4_499_999, deprivations: [...three] },
    expected: { standard: '2022-2025', category: 'poor', perPerson: 1_500_000 } },
  { name: 'rural, 6,75 triệu đồng for 3 people is exactly on the band top → middle',
    household: { area: 'rural', members: 3, monthlyIncomeVnd: 6_750_000, deprivations: [] },
    expected: { standard: '2022-2025', category: 'middle' } },
  { name: 'rural, 6.750.001 đồng for 3 people → none',
    household: { area: 'rural', members: 3, monthlyIncomeVnd: 6_750_001, deprivations: [] },
    expected: { standard: '2022-2025', category: 'none' } },
  { name: 'rural, 10.500.001 đồng for 7 people (1.500.000,14 đ each) is above the line → middle, shown as 1.500.001 đồng',
    household: { area: 'rural', members: 7, monthlyIncomeVnd: 10_500_001, deprivations: [] },
    expected: { standard: '2022-2025', category: 'middle', perPerson: 1_500_001 } },

  // ── 2022–2025, urban ("thành thị") line 2 triệu đồng, band up to 3 triệu đồng ──────────────────────────
  { name: 'urban, exactly on the line, 3 deprivations → poor',
    household: { area: 'urban', members: 2, monthlyIncomeVnd: 4_000_000, deprivations: [...three] },
    expected: { standard: '2022-2025', category: 'poor', line: 2_000_000 } },
  { name: 'urban, 1 đ above the line → middle',
    household: { area: 'urban', members: 1, incomePerPersonVnd: 2_000_001, deprivations: [...three] },
    expected: { standard: '2022-2025', category: 'middle', line: 2_000_000 } },
  { name: 'urban, exactly on the band top → middle',
    household: { area: 'urban', members: 1, incomePerPersonVnd: 3_000_000, deprivations: [] },
    expected: { standard: '2022-2025', category: 'middle' } },
  { name: 'urban, 1 đ above the band top → none',
    household: { area: 'urban', members: 1, incomePerPersonVnd: 3_000_001, deprivations: [] },
    expected: { standard: '2022-2025', category: 'none' } },
  { name: 'the same 1,8 triệu đồng is above the rural line…',
    household: { area: 'rural', members: 1, incomePerPersonVnd: 1_800_000, deprivations: [...three] },
    expected: { standard: '2022-2025', category: 'middle', line: 1_500_000 } },
  { name: '…and below the urban one',
    household: { area: 'urban', members: 1, incomePerPersonVnd: 1_800_000, deprivations: [...three] },
    expected: { standard: '2022-2025', category: 'poor', line: 2_000_000 } },

  // ── 2027–2030 (ND 351/2025): rural 2,2 triệu đồng, urban ("đô thị") 2,8 triệu đồng, no middle band ─────────
  { name: '2027–2030 rural, exactly on the line, 3 deprivations → poor, provisional',
    household: { standard: '2027-2030', area: 'rural', members: 4, monthlyIncomeVnd: 8_800_000, deprivations: [...three] },
    expected: { standard: '2027-2030', category: 'poor', line: 2_200_000, provisional: true } },
  { name: '2027–2030 rural, 1 đ above the line → none (no middle band is invented)',
    household: { standard: '2027-2030', area: 'rural', members: 4, monthlyIncomeVnd: 8_800_001, deprivations: [...three], agriculture: true },
    expected: { standard: '2027-2030', category: 'none', provisional: true } },
  { name: '2027–2030 urban, exactly on the line, 2 deprivations → near-poor',
    household: { standard: '2027-2030', area: 'urban', members: 1, incomePerPersonVnd: 2_800_000, deprivations: [...two] },
    expected: { standard: '2027-2030', category: 'near_poor', line: 2_800_000, provisional: true } },
  { name: '2027–2030 urban, 1 đ above the line → none',
    household: { standard: '2027-2030', area: 'urban', members: 1, incomePerPersonVnd: 2_800_001, deprivations: [] },
    expected: { standard: '2027-2030', category: 'none', provisional: true } },

  // ── choosing the standard: date, explicit standard, today ───────────────────────────────────────────
  { name: 'on 31/12/2026 the 2022–2025 standard still applies: 2 triệu đồng rural → middle',
    household: { date: '2026-12-31', area: 'rural', members: 1, incomePerPersonVnd: 2_000_000, deprivations: [...three] },
    expected: { standard: '2022-2025', category: 'middle', line: 1_500_000 } },
  { name: 'on 1/1/2027 the new standard applies: the same household → poor',
    household: { date: '2027-01-01', area: 'rural', members: 1, incomePerPersonVnd: 2_000_000, deprivations: [...three] },
    expected: { standard: '2027-2030', category: 'poor', line: 2_200_000, provisional: true } },
  { name: 'the first day of our data, 1/1/2022 → 2022–2025',
    household: { date: '2022-01-01', area: 'urban', members: 1, incomePerPersonVnd: 1, deprivations: [] },
    expected: { standard: '2022-2025', category: 'near_poor' } },
  { name: 'the last day of our data, 31/12/2030 → 2027–2030',
    household: { date: '2030-12-31', area: 'urban', members: 1, incomePerPersonVnd: 1, deprivations: [] },
    expected: { standard: '2027-2030', category: 'near_poor' } },
  { name: 'an explicit standard wins over a date in the other period (2022–2025 asked, 2028 date)',
    household: { standard: '2022-2025', date: '2028-05-01', area: 'rural', members: 1, incomePerPersonVnd: 2_000_000, deprivations: [] },
    expected: { standard: '2022-2025', category: 'middle' } },
  { name: 'an explicit standard wins even over a date our data does not cover',
    household: { standard: '2027-2030', date: '2019-01-01', area: 'rural', members: 1, incomePerPersonVnd: 2_000_000, deprivations: [] },
    expected: { standard: '2027-2030', category: 'near_poor' } },
  { name: 'with neither standard nor date, today decides (1/3/2027 → 2027–2030)',
    household: { area: 'rural', members: 1, incomePerPersonVnd: 2_000_000, deprivations: [] },
    today: '2027-03-01',
    expected: { standard: '2027-2030', category: 'near_poor' } },

  // ── deprivations: duplicates, raw housing area, farming ─────────────────────────────────────────────
  { name: 'the same indicator listed twice counts once: water, water, telecom → 2 → near-poor',
    household: { area: 'rural', members: 2, monthlyIncomeVnd: 1_000_000, deprivations: ['water', 'water', 'telecom'] },
    expected: { standard: '2022-2025', category: 'near_poor', deprivations: 2 } },
  { name: 'water three times is still one deprivation',
    household: { area: 'rural', members: 2, monthlyIncomeVnd: 1_000_000, deprivations: ['water', 'water', 'water'] },
    expected: { standard: '2022-2025', category: 'near_poor', deprivations: 1 } },
  { name: '32 m² for 4 people is exactly 8 m² each → not deprived in housing area',
    household: { area: 'rural', members: 4, monthlyIncomeVnd: 4_000_000, deprivations: [...two], housingAreaM2: 32 },
    expected: { standard: '2022-2025', category: 'near_poor', deprivations: 2 } },
  { name: '31,99 m² for 4 people is just under 8 m² each → deprived → poor',
    household: { area: 'rural', members: 4, monthlyIncomeVnd: 4_000_000, deprivations: [...two], housingAreaM2: 31.99 },
    expected: { standard: '2022-2025', category: 'poor', deprivations: 3 } },
  { name: 'the floor area overrides a listed housing-area deprivation (40 m² for 4)',
    household: { area: 'rural', members: 4, monthlyIncomeVnd: 4_000_000, deprivations: [...two, 'housingArea'], housingAreaM2: 40 },
    expected: { standard: '2022-2025', category: 'near_poor', deprivations: 2 } },
  { name: 'the floor area adds a housing-area deprivation the list left out (10 m² for 2)',
    household: { area: 'rural', members: 2, monthlyIncomeVnd: 2_000_000, deprivations: [...two], housingAreaM2: 10 },
    expected: { standard: '2022-2025', category: 'poor', deprivations: 3 } },
  { name: 'no floor area at all (0 m²) is deprived',
    household: { area: 'rural', members: 1, monthlyIncomeVnd: 1_000_000, deprivations: [], housingAreaM2: 0 },
    expected: { standard: '2022-2025', category: 'near_poor', deprivations: 1 } },
  { name: 'in the middle band, a farming household → middle',
    household: { area: 'rural', members: 1, incomePerPersonVnd: 2_000_000, deprivations: [], agriculture: true },
    expected: { standard: '2022-2025', category: 'middle' } },
  { name: 'in the middle band, a household that does not farm → none (the band is for farming households)',
    household: { area: 'rural', members: 1, incomePerPersonVnd: 2_000_000, deprivations: [], agriculture: false },
    expected: { standard: '2022-2025', category: 'none' } },
  { name: 'below the line, not farming does not matter → poor',
    household: { area: 'rural', members: 1, incomePerPersonVnd: 1_000_000, deprivations: [...three], agriculture: false },
    expected: { standard: '2022-2025', category: 'poor' } },
]

describe('classify — scenario table', () => {
  for (const row of scenarios) {
    it(row.name, () => {
      const result = classify(row.household, { today: row.today ?? TODAY })
      expect(result.standard).toBe(row.expected.standard)
      expect(result.category).toBe(row.expected.category)
      if (row.expected.line !== undefined) expect(result.povertyLineVnd).toBe(row.expected.line)
      if (row.expected.deprivations !== undefined) expect(result.deprivationCount).toBe(row.expected.deprivations)
      if (row.expected.perPerson !== undefined) expect(result.incomePerPersonVnd).toBe(row.expected.perPerson)
      expect(result.provisional).toBe(row.expected.provisional ?? (row.expected.standard === '2027-2030' ? true : undefined))
    })
  }
})
