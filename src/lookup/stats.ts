import type { Db } from '../db.ts'
import { Areas } from './areas.ts'
import { loadPlaceIndex } from './places.ts'
import type { Allowed } from './scope.ts'
import { canSee, scopeWhere } from './scope.ts'

/**
 * Poverty statistics by village, commune or former district and year, from two sources kept apart:
 * - the imported register: counts of the households on the lists, and their share of the households listed
 *   (a list may hold only the households reviewed, so this is not the rate over all households of the place);
 * - reported figures (PovertyStatistic), each exactly as its source states it, with the source named.
 */

export type Level = 'village' | 'commune' | 'district'

export interface Counts {
  /** Households on the lists. */
  listed: number
  poor: number
  nearPoor: number
  middle: number
  escaped: number
  ethnicMinority: number
  ethnicMinorityPoor: number
}

export interface PlaceYear {
  placeCode: string
  placeName: string
  year: number
  counts: Counts
  /** Poor households per 10,000 households listed (14,87% → 1487), rounded half up. */
  poorRateBp: number
  nearPoorRateBp: number
  /** The latest earlier year with a list for this place. */
  previous?: { year: number; counts: Counts; poorRateBp: number; nearPoorRateBp: number }
}

export interface ReportedFigure {
  placeCode: string
  placeName: string
  year: number
  standard: string | null
  poorHouseholds: number | null
  nearPoorHouseholds: number | null
  /** As the source states it, in hundredths of a percent. */
  poorRateBp: number | null
  ethnicMinorityPoor: number | null
  source: string
  sourceUrl: string | null
  note: string | null
}

export interface Stats {
  level: Level
  /** The year shown: the one asked for, or the latest with a list. Null when no list is imported. */
  year: number | null
  /** Years with a list, oldest first. */
  years: number[]
  /** The places of `level` for `year`, most poor households first. */
  places: PlaceYear[]
  /** All places of the selection together, for `year`, with the previous year when there is one. */
  total: PlaceYear | null
  /** The place(s) with the most poor households in `year` (several on a tie); empty when none has any. */
  mostPoor: PlaceYear[]
  /** Reported figures about the selection, newest first. */
  reported: ReportedFigure[]
}

export interface StatsQuery {
  level: Level
  year?: number
  /** Only households counted under this place (a village, a commune of today or before, a former district). */
  placeCode?: string
}

const EMPTY: Counts = { listed: 0, poor: 0, nearPoor: 0, middle: 0, escaped: 0, ethnicMinority: 0, ethnicMinorityPoor: 0 }

/** `part / whole` in basis points, rounded half up; 0 when nothing is listed. */
export function rateBp(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.floor((part * 20_000 + whole) / (2 * whole))
}

function add(into: Counts, category: string, ethnicMinority: boolean, n: number): void {
  into.listed += n
  if (category === 'poor') into.poor += n
  else if (category === 'near_poor') into.nearPoor += n
  else if (category === 'middle') into.middle += n
  else if (category === 'escaped') into.escaped += n
  if (ethnicMinority) {
    into.ethnicMinority += n
    if (category === 'poor') into.ethnicMinorityPoor += n
  }
}

function placeYear(placeCode: string, placeName: string, year: number, counts: Counts): PlaceYear {
  return { placeCode, placeName, year, counts, poorRateBp: rateBp(counts.poor, counts.listed), nearPoorRateBp: rateBp(counts.nearPoor, counts.listed) }
}

function withPrevious(row: PlaceYear, byYear: Map<number, Counts> | undefined): PlaceYear {
  const earlier = [...(byYear?.keys() ?? [])].filter((y) => y < row.year).sort((a, b) => b - a)[0]
  if (earlier === undefined) return row
  const counts = byYear!.get(earlier) as Counts
  return { ...row, previous: { year: earlier, counts, poorRateBp: rateBp(counts.poor, counts.listed), nearPoorRateBp: rateBp(counts.nearPoor, counts.listed) } }
}

/** Statistics of the reader's area. Counts only: no household is named. */
export async function computeStats(db: Db, allowed: Allowed, query: StatsQuery): Promise<Stats> {
  const places = await loadPlaceIndex(db)
  const areas = new Areas(places)
  const groups = await db.household.groupBy({
    by: ['year', 'villageCode', 'communeCode', 'formerCommuneCode', 'category', 'ethnicMinority'],
    where: scopeWhere(allowed),
    _count: { _all: true },
  })

  // place → year → counts, for the level asked; and year → counts for the whole selection.
  const byPlace = new Map<string, Map<number, Counts>>()
  const totalByYear = new Map<number, Counts>()
  for (const g of groups) {
    if (!canSee(allowed, g)) continue
    if (query.placeCode && !areas.codes(g).has(query.placeCode)) continue
    const key = query.level === 'village' ? g.villageCode : query.level === 'commune' ? g.communeCode : (areas.district(g) ?? '')
    const years = byPlace.get(key) ?? new Map<number, Counts>()
    byPlace.set(key, years)
    const counts = years.get(g.year) ?? { ...EMPTY }
    years.set(g.year, counts)
    add(counts, g.category, g.ethnicMinority, g._count._all)
    const total = totalByYear.get(g.year) ?? { ...EMPTY }
    totalByYear.set(g.year, total)
    add(total, g.category, g.ethnicMinority, g._count._all)
  }

  const years = [...totalByYear.keys()].sort((a, b) => a - b)
  const year = query.year ?? years[years.length - 1] ?? null
  const nameOf = (code: string) => (code === '' ? '' : (places.place(code)?.name ?? code))
  const rows: PlaceYear[] = []
  if (year !== null) {
    for (const [code, byYear] of byPlace) {
      const counts = byYear.get(year)
      if (counts) rows.push(withPrevious(placeYear(code, nameOf(code), year, counts), byYear))
    }
  }
  rows.sort((a, b) => b.counts.poor - a.counts.poor || b.counts.nearPoor - a.counts.nearPoor || a.placeName.localeCompare(b.placeName, 'vi'))
  const totalCounts = year === null ? undefined : totalByYear.get(year)
  const total = totalCounts && year !== null ? withPrevious(placeYear(query.placeCode ?? '', nameOf(query.placeCode ?? ''), year, totalCounts), totalByYear) : null
  const top = rows[0]?.counts.poor ?? 0
  const mostPoor = top > 0 ? rows.filter((r) => r.counts.poor === top) : []

  return { level: query.level, year, years, places: rows, total, mostPoor, reported: await reportedFigures(db, areas, allowed, query) }
}

/**
 * Reported figures only: public (the press, the district's reports), so for anyone, about a place or the whole
 * deployment. No imported household is counted.
 */
export async function publicFigures(db: Db, query: { year?: number; placeCode?: string }): Promise<ReportedFigure[]> {
  const areas = new Areas(await loadPlaceIndex(db))
  return reportedFigures(db, areas, 'all', { level: 'commune', ...query })
}

/**
 * Reported figures about the selection: for a place asked about, those about it, what lies in it, the units it
 * took over and their district; otherwise those about the reader's area in the same sense. They are public
 * figures (the press, the district's reports), so the reader's area only chooses which are relevant.
 */
async function reportedFigures(db: Db, areas: Areas, allowed: Allowed, query: StatsQuery): Promise<ReportedFigure[]> {
  const rows = await db.povertyStatistic.findMany({ ...(query.year !== undefined ? { where: { year: query.year } } : {}), orderBy: [{ year: 'desc' }, { placeCode: 'asc' }] })
  let relevant: Set<string> | null = null
  if (query.placeCode) relevant = areas.related(query.placeCode)
  else if (allowed !== 'all') {
    relevant = new Set<string>()
    for (const code of allowed) for (const c of areas.related(code)) relevant.add(c)
  }
  return rows
    .filter((r) => relevant === null || relevant.has(r.placeCode))
    .map((r) => ({
      placeCode: r.placeCode,
      placeName: areas.places.place(r.placeCode)?.name ?? r.placeCode,
      year: r.year,
      standard: r.standard,
      poorHouseholds: r.poorHouseholds,
      nearPoorHouseholds: r.nearPoorHouseholds,
      poorRateBp: r.poorRateBasisPoints,
      ethnicMinorityPoor: r.ethnicMinorityPoor,
      source: r.source,
      sourceUrl: r.sourceUrl,
      note: r.note,
    }))
}
