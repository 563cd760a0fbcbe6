import type { Db } from '../db.ts'
import type { Area, PovertyStandard } from '../poverty/index.ts'
import { getStandard, INDICATOR_IDS } from '../poverty/index.ts'
import { bandIndex, deprivedIndicators, incomeBands } from '../poverty/rule.ts'
import type { Places } from '../places.ts'
import { Areas } from './areas.ts'
import { loadPlaceIndex } from './places.ts'
import type { Allowed } from './scope.ts'
import { canSee, scopeWhere } from './scope.ts'
import type { HouseholdCategory } from './values.ts'

/**
 * The 2027 what-if: the households of the latest list re-classified under Nghị định 351/2025/NĐ-CP's lines
 * (2.200.000 đ nông thôn, 2.800.000 đ đô thị; ≥ 3 deprivations for poor), with the rule of src/poverty, from the
 * income and indicators the list gives. An estimate: the official result comes from the commune's review, and the
 * 2027 indicator list is provisional (the 2022–2025 list stands in; FACTS §2).
 */

/** What a household is on its list, for comparing: middle-band and escaped households are neither poor nor near-poor. */
export type Status = 'poor' | 'near_poor' | 'other'
/** The 2027 estimate; `none` = neither poor nor near-poor (ND 351/2025 as read names no middle band). */
export type Estimate = 'poor' | 'near_poor' | 'none'
/** What a household lacks for an estimate. */
export type Lack = 'income' | 'deprivations' | 'area'

export interface Move {
  from: Status
  to: Estimate
  count: number
}

export interface Tally {
  households: number
  /** Households with what the estimate needs; `before` and `after` count these only, so they compare. */
  estimated: number
  before: { poor: number; nearPoor: number }
  after: { poor: number; nearPoor: number; none: number }
  /** Households that could not be estimated, by what they lack (the first missing one). */
  lacking: Record<Lack, number>
  /** Estimated households whose status changes, by from → to; households that stay are not listed. */
  moves: Move[]
  /** Estimated households whose status stays. */
  unchanged: number
}

export interface VillageWhatIf extends Tally {
  villageCode: string
  villageName: string
  communeName: string
}

export interface ChangedHousehold {
  code: string
  head: string
  villageName: string
  from: HouseholdCategory
  to: Estimate
  incomePerPersonVnd: number
  /** Null when the list does not give the indicators (the income alone decided). */
  deprivationCount: number | null
}

export interface WhatIf {
  /** The list year re-classified (the latest in the area, or the one asked for); null when none is imported. */
  year: number | null
  standard: PovertyStandard
  /** The 2027 indicator list is not confirmed: every estimate is provisional. */
  provisional: boolean
  total: Tally
  villages: VillageWhatIf[]
  /** Households whose status changes, when the reader may see households (else empty). */
  changed: ChangedHousehold[]
  /**
   * Estimated households whose recorded category the current standard (2022–2025) would not give from the same
   * income and indicators: the file and its figures disagree, so their move says little about 2027.
   */
  disagreeNow: number
}

export interface WhatIfQuery {
  year?: number
  placeCode?: string
  /** List the households that change (for those allowed to see households); default true. */
  withHouseholds?: boolean
}

export function statusOf(category: HouseholdCategory): Status {
  return category === 'poor' ? 'poor' : category === 'near_poor' ? 'near_poor' : 'other'
}

function estimateStatus(e: Estimate): Status {
  return e === 'none' ? 'other' : e
}

const ALL_IDS = [...INDICATOR_IDS]

/**
 * A household's category under `standard`, from its income per person, members and the indicator numbers
 * (1–12) it lacks. Unknown area or indicators are tried both ways: when every way gives the same category
 * it is the answer (an income above the line needs no indicators), otherwise what is missing is said.
 */
export function estimateUnder(
  standard: PovertyStandard,
  h: { area: Area | null; members: number; incomePerPersonVnd: number | null; deprivations: readonly number[] | null },
): { ok: true; category: 'poor' | 'near_poor' | 'middle' | 'none'; deprivationCount: number | null } | { ok: false; lack: Lack } {
  if (h.incomePerPersonVnd === null) return { ok: false, lack: 'income' }
  const income = { kind: 'perPerson' as const, perPersonVnd: h.incomePerPersonVnd }
  const deprivationSets = h.deprivations === null ? [[], ALL_IDS] : [h.deprivations.map((n) => INDICATOR_IDS[n - 1]).filter((id) => id !== undefined)]
  const areas: Area[] = h.area ? [h.area] : ['rural', 'urban']
  const results = new Set<string>()
  let deprivationCount = 0
  for (const area of areas) {
    const perArea = new Set<string>()
    for (const ids of deprivationSets) {
      deprivationCount = deprivedIndicators(standard, ids, h.members, undefined).length
      const bands = incomeBands(standard, area, deprivationCount, undefined)
      const category = bands[bandIndex(bands, income, h.members)]?.category ?? 'none'
      perArea.add(category)
      results.add(category)
    }
    if (perArea.size > 1) return { ok: false, lack: 'deprivations' }
  }
  if (results.size > 1) return { ok: false, lack: 'area' }
  return { ok: true, category: [...results][0] as 'poor' | 'near_poor' | 'middle' | 'none', deprivationCount: h.deprivations === null ? null : deprivationCount }
}

function emptyTally(): Tally {
  return {
    households: 0,
    estimated: 0,
    before: { poor: 0, nearPoor: 0 },
    after: { poor: 0, nearPoor: 0, none: 0 },
    lacking: { income: 0, deprivations: 0, area: 0 },
    moves: [],
    unchanged: 0,
  }
}

function count(t: Tally, from: Status, estimate: ReturnType<typeof estimateUnder>, to: Estimate | null): void {
  t.households++
  if (!estimate.ok || to === null) {
    if (!estimate.ok) t.lacking[estimate.lack]++
    return
  }
  t.estimated++
  if (from === 'poor') t.before.poor++
  if (from === 'near_poor') t.before.nearPoor++
  if (to === 'poor') t.after.poor++
  else if (to === 'near_poor') t.after.nearPoor++
  else t.after.none++
  if (estimateStatus(to) === from) {
    t.unchanged++
    return
  }
  const move = t.moves.find((m) => m.from === from && m.to === to)
  if (move) move.count++
  else t.moves.push({ from, to, count: 1 })
}

const ORDER: Record<string, number> = { poor: 0, near_poor: 1, other: 2, none: 2 }

function sortMoves(t: Tally): void {
  t.moves.sort((a, b) => (ORDER[a.from] ?? 9) - (ORDER[b.from] ?? 9) || (ORDER[a.to] ?? 9) - (ORDER[b.to] ?? 9))
}

/** Does the current standard, from the same figures, give the category the list records? */
function agreesNow(recorded: HouseholdCategory, now: 'poor' | 'near_poor' | 'middle' | 'none'): boolean {
  if (recorded === 'poor' || recorded === 'near_poor' || recorded === 'middle') return recorded === now
  return now !== 'poor' // thoát nghèo: no longer poor, whatever it is now
}

/**
 * The 2027 what-if for the reader's area. The nông thôn / đô thị side of each household is its village's, as the
 * place tree decides it (`places.facts`: a unit merged on 1/7/2025 keeps `rural` but not `urban`); unknown is
 * tried both ways.
 */
export async function whatIf2027(db: Db, places: Places, allowed: Allowed, query: WhatIfQuery = {}): Promise<WhatIf> {
  const next = getStandard('2027-2030')
  const current = getStandard('2022-2025')
  const index = await loadPlaceIndex(db)
  const areas = new Areas(index)
  const inSelection = (h: { villageCode: string; communeCode: string; formerCommuneCode: string | null }) =>
    canSee(allowed, h) && (!query.placeCode || areas.codes(h).has(query.placeCode))

  let year = query.year ?? null
  if (year === null) {
    const years = await db.household.groupBy({ by: ['year', 'villageCode', 'communeCode', 'formerCommuneCode'], where: scopeWhere(allowed) })
    year = years.filter(inSelection).reduce<number | null>((max, g) => (max === null || g.year > max ? g.year : max), null)
  }
  const result: WhatIf = { year, standard: next, provisional: !next.indicatorsConfirmed, total: emptyTally(), villages: [], changed: [], disagreeNow: 0 }
  if (year === null) return result

  const rows = (await db.household.findMany({ where: { AND: [scopeWhere(allowed), { year }] }, orderBy: [{ villageCode: 'asc' }, { headKey: 'asc' }] })).filter(inSelection)
  const villageArea = new Map<string, Area | null>()
  for (const code of new Set(rows.map((h) => h.villageCode))) villageArea.set(code, (await places.facts(code, next.effectiveFrom))?.area ?? null)
  const byVillage = new Map<string, VillageWhatIf>()
  for (const h of rows) {
    const deprivations = h.deprivations === null ? null : (JSON.parse(h.deprivations) as number[])
    const facts = { area: villageArea.get(h.villageCode) ?? null, members: h.members, incomePerPersonVnd: h.incomePerPersonVnd, deprivations }
    const recorded = h.category as HouseholdCategory
    const estimate = estimateUnder(next, facts)
    const to: Estimate | null = estimate.ok ? (estimate.category === 'poor' || estimate.category === 'near_poor' ? estimate.category : 'none') : null
    let village = byVillage.get(h.villageCode)
    if (!village) {
      const communeName = index.place(h.communeCode)?.name ?? h.communeCode
      village = { villageCode: h.villageCode, villageName: index.place(h.villageCode)?.name ?? h.villageCode, communeName, ...emptyTally() }
      byVillage.set(h.villageCode, village)
    }
    const from = statusOf(recorded)
    count(village, from, estimate, to)
    count(result.total, from, estimate, to)
    if (estimate.ok && to !== null) {
      const now = estimateUnder(current, facts)
      if (now.ok && !agreesNow(recorded, now.category)) result.disagreeNow++
      if (estimateStatus(to) !== from && query.withHouseholds !== false) {
        result.changed.push({
          code: h.code,
          head: h.head,
          villageName: village.villageName,
          from: recorded,
          to,
          incomePerPersonVnd: h.incomePerPersonVnd as number,
          deprivationCount: estimate.deprivationCount,
        })
      }
    }
  }
  result.villages = [...byVillage.values()].sort(
    (a, b) => b.after.poor - b.before.poor - (a.after.poor - a.before.poor) || a.communeName.localeCompare(b.communeName, 'vi') || a.villageName.localeCompare(b.villageName, 'vi'),
  )
  for (const v of result.villages) sortMoves(v)
  sortMoves(result.total)
  return result
}
