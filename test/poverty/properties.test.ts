import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { HouseholdInput, IndicatorId } from '../../src/poverty/index.ts'
import { CATEGORIES, INDICATOR_IDS, classify, classifyRange } from '../../src/poverty/index.ts'

const TODAY = '2026-06-15'
const rank = (category: string) => CATEGORIES.indexOf(category as (typeof CATEGORIES)[number])

const indicator = fc.constantFrom(...INDICATOR_IDS)
const householdWithoutIncome = fc.record(
  {
    standard: fc.constantFrom('2022-2025' as const, '2027-2030' as const),
    area: fc.constantFrom('rural' as const, 'urban' as const),
    members: fc.integer({ min: 1, max: 100 }),
    agriculture: fc.boolean(),
    deprivations: fc.array(indicator, { maxLength: 15 }),
    housingAreaM2: fc.double({ min: 0, max: 2_000, noNaN: true }),
  },
  { requiredKeys: ['standard', 'area', 'members', 'deprivations'] },
)

describe('classify — properties', () => {
  it('more income never makes a household poorer', () => {
    fc.assert(
      fc.property(householdWithoutIncome, fc.nat(400_000_000), fc.nat(400_000_000), (household, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a]
        const poorer = classify({ ...household, monthlyIncomeVnd: low }, { today: TODAY })
        const richer = classify({ ...household, monthlyIncomeVnd: high }, { today: TODAY })
        expect(rank(richer.category)).toBeGreaterThanOrEqual(rank(poorer.category))
      }),
    )
  })

  it('listing an indicator twice, or in another order, never changes the answer', () => {
    fc.assert(
      fc.property(householdWithoutIncome, fc.nat(400_000_000), fc.array(indicator, { maxLength: 12 }), (household, income, extra) => {
        const present = household.deprivations.filter((id: IndicatorId) => extra.includes(id))
        const noisy = [...present, ...household.deprivations].reverse()
        const once = classify({ ...household, monthlyIncomeVnd: income }, { today: TODAY })
        const twice = classify({ ...household, deprivations: noisy, monthlyIncomeVnd: income }, { today: TODAY })
        expect(twice).toEqual(once)
      }),
    )
  })

  it('a household total and the same income per person give the same category', () => {
    fc.assert(
      fc.property(householdWithoutIncome, fc.nat(5_000_000), (household, perPerson) => {
        const byTotal = classify({ ...household, monthlyIncomeVnd: perPerson * household.members }, { today: TODAY })
        const byPerson = classify({ ...household, incomePerPersonVnd: perPerson }, { today: TODAY })
        expect(byTotal.category).toBe(byPerson.category)
        expect(byTotal.incomePerPersonVnd).toBe(perPerson)
      }),
    )
  })

  it('a household exactly on the line is at or below it, and 1 đ more is above it, for every size', () => {
    fc.assert(
      fc.property(householdWithoutIncome, (household) => {
        const on = classify({ ...household, monthlyIncomeVnd: 0 } as HouseholdInput, { today: TODAY })
        const line = on.povertyLineVnd * household.members
        const exactly = classify({ ...household, monthlyIncomeVnd: line }, { today: TODAY })
        const above = classify({ ...household, monthlyIncomeVnd: line + 1 }, { today: TODAY })
        expect(['poor', 'near_poor']).toContain(exactly.category)
        expect(['middle', 'none']).toContain(above.category)
      }),
    )
  })

  it('the income shown never contradicts the category (it is rounded up, not to nearest)', () => {
    fc.assert(
      fc.property(householdWithoutIncome, fc.nat(400_000_000), (household, income) => {
        const result = classify({ ...household, monthlyIncomeVnd: income }, { today: TODAY })
        const atOrBelowLine = result.category === 'poor' || result.category === 'near_poor'
        expect(result.incomePerPersonVnd <= result.povertyLineVnd).toBe(atOrBelowLine)
      }),
    )
  })

  it('classifyRange agrees with classify at both ends of every band', () => {
    fc.assert(
      fc.property(householdWithoutIncome, (household) => {
        const range = classifyRange(household, { today: TODAY })
        for (const band of range.bands) {
          const lowest = band.householdAboveVnd === undefined ? 0 : band.householdAboveVnd + 1
          const highest = band.householdUpToVnd ?? lowest + 1_000_000
          for (const income of [lowest, highest]) {
            expect(classify({ ...household, monthlyIncomeVnd: income }, { today: TODAY }).category).toBe(band.category)
          }
        }
      }),
    )
  })
})
