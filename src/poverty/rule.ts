import type { IndicatorId } from './indicators.ts'
import { MIN_HOUSING_AREA_M2_PER_PERSON } from './indicators.ts'
import type { Area, PovertyStandard } from './standards.ts'

/**
 * The classification rule itself, numbers only (no texts): FACTS §0.2 and §6.
 * Income at or below the line ⇒ poor when deprived in ≥ 3 indicators, near-poor otherwise; above the
 * line and within the middle band ⇒ middle; otherwise none. Deprivations do not matter above the line.
 */

/** Categories, poorest first: the index is the order used for "more income never makes a household poorer". */
export const CATEGORIES = ['poor', 'near_poor', 'middle', 'none'] as const

/** `poor` (hộ nghèo), `near_poor` (hộ cận nghèo), `middle` (hộ có mức sống trung bình), `none`. */
export type Category = (typeof CATEGORIES)[number]

/** Monthly income as the household reported it: a household total, or already per person. */
export type Income = { kind: 'household'; totalVnd: number } | { kind: 'perPerson'; perPersonVnd: number }

/**
 * Is income per person at most `limitVnd`? Decided without dividing (total ≤ limit × members), so a
 * household of 3 with 4.500.000 đ is exactly on a 1.500.000 đ line. `limitVnd × members` is an integer
 * below 2^53, hence exact.
 */
export function perPersonAtMost(income: Income, members: number, limitVnd: number): boolean {
  return income.kind === 'household' ? income.totalVnd <= limitVnd * members : income.perPersonVnd <= limitVnd
}

/**
 * Income per person rounded UP to the whole đồng. Rounding up keeps the shown figure on the same side of
 * every whole-đồng line as the exact one (x ≤ L ⇔ ⌈x⌉ ≤ L), so "1.500.000 đ — không vượt chuẩn" never
 * shows for an income that is in fact above it. Never used to decide.
 */
export function perPersonRoundedUp(income: Income, members: number): number {
  if (income.kind === 'perPerson') return Math.ceil(income.perPersonVnd)
  let c = Math.ceil(income.totalVnd / members)
  // Correct a floating-point quotient so that c is the least whole number with total ≤ c × members.
  while (c > 0 && income.totalVnd <= (c - 1) * members) c--
  while (income.totalVnd > c * members) c++
  return c
}

/** Household total per month, rounded up to the whole đồng. */
export function householdTotalRoundedUp(income: Income, members: number): number {
  return Math.ceil(income.kind === 'household' ? income.totalVnd : income.perPersonVnd * members)
}

/**
 * The indicators a household is deprived in, each once, in the standard's order. When the house floor
 * area is given it decides `housingArea` (deprived below 8 m² per person, compared as area < 8 × members),
 * whatever the list said.
 */
export function deprivedIndicators(
  standard: PovertyStandard,
  deprivations: readonly IndicatorId[],
  members: number,
  housingAreaM2: number | undefined,
): IndicatorId[] {
  const set = new Set(deprivations)
  if (housingAreaM2 !== undefined) {
    set.delete('housingArea')
    if (housingAreaM2 < MIN_HOUSING_AREA_M2_PER_PERSON * members) set.add('housingArea')
  }
  return standard.indicators.filter((id) => set.has(id))
}

/** An income band: per-person incomes above the previous band's `upToVnd`, up to this one (inclusive). */
export interface Band {
  category: Category
  /** Inclusive upper end, VND per person per month; `null` for the open top band. */
  upToVnd: number | null
}

/**
 * What a household with these deprivations would be at each income, lowest band first; adjacent bands
 * with the same category are merged.
 *
 * The middle band applies in policy only to households in farming, forestry, fishing or salt-making
 * (FACTS §1.2 "policy use", §6): `agriculture: false` turns it into `none`; unknown (`undefined`) keeps
 * `middle`, and the result carries a note saying the category is for such households only — most
 * households this bot serves farm, and hiding the band when the chat has not asked would mislead more.
 */
export function incomeBands(
  standard: PovertyStandard,
  area: Area,
  deprivationCount: number,
  agriculture: boolean | undefined,
): Band[] {
  const atOrBelowLine: Category = deprivationCount >= standard.minDeprivationsForPoor ? 'poor' : 'near_poor'
  const bands: Band[] = [{ category: atOrBelowLine, upToVnd: standard.incomeLineVnd[area] }]
  if (standard.middleBandTopVnd) {
    bands.push({ category: agriculture === false ? 'none' : 'middle', upToVnd: standard.middleBandTopVnd[area] })
  }
  bands.push({ category: 'none', upToVnd: null })
  return bands.reduce<Band[]>((merged, band) => {
    const last = merged[merged.length - 1]
    if (last && last.category === band.category) last.upToVnd = band.upToVnd
    else merged.push({ ...band })
    return merged
  }, [])
}

/** Index of the band this income falls in. */
export function bandIndex(bands: readonly Band[], income: Income, members: number): number {
  const index = bands.findIndex((b) => b.upToVnd === null || perPersonAtMost(income, members, b.upToVnd))
  return index >= 0 ? index : bands.length - 1
}
