import type { Db } from '../db.ts'
import type { Household } from '../generated/prisma-node/client.ts'
import { aliasesOf, villageKey } from './places.ts'
import type { Allowed } from './scope.ts'
import { canSee, scopeWhere } from './scope.ts'
import { foldText, nameKey } from './text.ts'
import type { HouseholdCategory } from './values.ts'

/**
 * Finding a household in the register by its code, or by the head's name (and village), for an officer of its
 * area. Names are matched without diacritics, case, apostrophes or spaces, in any word order, so "ksor hlan",
 * "H'Lan" and "Hlan Ksor" all find Ksor H'Lan, and "Bia" finds Y Bia.
 */

/** One household as an officer sees it: its latest year on the list. */
export interface HouseholdRecord {
  /** The stored row of this year (for buttons, links and the audit log's subject). */
  id: number
  code: string
  year: number
  head: string
  members: number
  category: HouseholdCategory
  ethnicMinority: boolean
  villageCode: string
  villageName: string
  communeCode: string
  communeName: string
  /** The merged unit the list named, when it named one ("xã Hà Mòn"). */
  formerCommuneName: string | null
  incomePerPersonVnd: number | null
  deprivations: number[] | null
}

/** The household in one year of the register. */
export interface YearEntry {
  year: number
  category: HouseholdCategory
  members: number
  villageName: string
}

export type FindQuery = { code: string } | { name: string; village?: string }

export type FindResult =
  /** The name has fewer than two letters: ask for more. */
  | { kind: 'tooShort' }
  | { kind: 'none' }
  | { kind: 'one'; household: HouseholdRecord; /** every year, oldest first */ history: YearEntry[] }
  | { kind: 'many'; matches: HouseholdRecord[]; /** all matches, of which `matches` are the best */ total: number }

/** Matches shown at once (as buttons on a phone). */
export const MAX_MATCHES = 8
/** D1 takes LIKE patterns of at most 50 bytes; longer names are matched on their start, then checked in full. */
const MAX_PATTERN = 40

type Named = { names: Map<string, string> }

async function placeNames(db: Db, codes: Iterable<string>): Promise<Named> {
  const list = [...new Set(codes)]
  const names = new Map<string, string>()
  for (let i = 0; i < list.length; i += 90) {
    for (const p of await db.place.findMany({ where: { code: { in: list.slice(i, i + 90) } }, select: { code: true, name: true } })) names.set(p.code, p.name)
  }
  return { names }
}

function record(h: Household, { names }: Named): HouseholdRecord {
  return {
    id: h.id,
    code: h.code,
    year: h.year,
    head: h.head,
    members: h.members,
    category: h.category as HouseholdCategory,
    ethnicMinority: h.ethnicMinority,
    villageCode: h.villageCode,
    villageName: names.get(h.villageCode) ?? h.villageCode,
    communeCode: h.communeCode,
    communeName: names.get(h.communeCode) ?? h.communeCode,
    formerCommuneName: h.formerCommuneCode ? (names.get(h.formerCommuneCode) ?? h.formerCommuneCode) : null,
    incomePerPersonVnd: h.incomePerPersonVnd,
    deprivations: h.deprivations === null ? null : (JSON.parse(h.deprivations) as number[]),
  }
}

/** The latest year of each household (commune + code), from rows of any years. */
function latestPerHousehold(rows: readonly Household[]): Household[] {
  const latest = new Map<string, Household>()
  for (const h of rows) {
    const key = `${h.communeCode}|${h.code}`
    const seen = latest.get(key)
    if (!seen || h.year > seen.year) latest.set(key, h)
  }
  return [...latest.values()]
}

/**
 * How well a name matches (lower is better): 0 the whole name, 1 every word typed is a word of the name,
 * 2 what was typed starts at a word of the name ("hlan" in "ksor hlan"), 3 inside a word, 4 only the words
 * typed appear, apart.
 */
export function nameRank(head: string, query: string): number {
  const q = nameKey(query)
  const key = nameKey(head)
  if (key === q) return 0
  const words = foldText(head).split(' ')
  const typed = foldText(query).split(' ')
  if (typed.every((w) => words.includes(w))) return 1
  let start = 0
  const starts = words.map((w) => {
    const at = start
    start += w.length
    return at
  })
  const at = key.indexOf(q)
  if (at >= 0) return starts.some((s) => key.startsWith(q, s)) ? 2 : 3
  return 4
}

/** Finds households in the reader's area. The caller audit-logs the lookup. */
export async function findHouseholds(db: Db, allowed: Allowed, query: FindQuery): Promise<FindResult> {
  const scope = scopeWhere(allowed)
  if ('code' in query) {
    const code = query.code.replace(/\s+/g, '').toUpperCase()
    if (code === '') return { kind: 'tooShort' }
    const rows = (await db.household.findMany({ where: { code, ...scope } })).filter((h) => canSee(allowed, h))
    return answer(db, allowed, latestPerHousehold(rows))
  }

  const key = nameKey(query.name)
  if (key.length < 2) return { kind: 'tooShort' }
  const words = foldText(query.name).split(' ').filter((w) => w !== '')
  const byKey = { headKey: { contains: key.slice(0, MAX_PATTERN) } }
  const byWords = { AND: words.map((w) => ({ headKey: { contains: w.slice(0, MAX_PATTERN) } })) }
  const rows = (await db.household.findMany({ where: { AND: [scope, words.length > 1 ? { OR: [byKey, byWords] } : byKey] } })).filter(
    (h) => canSee(allowed, h) && (words.length === 1 || h.headKey.includes(key) || words.every((w) => h.headKey.includes(w))),
  )
  let households = latestPerHousehold(rows)
  if (query.village && villageKey(query.village) !== '') {
    const wanted = villageKey(query.village)
    const villages = await db.place.findMany({
      where: { code: { in: [...new Set(households.map((h) => h.villageCode))].slice(0, 500) } },
      select: { code: true, name: true, aliases: true },
    })
    const matching = new Set(
      villages
        .filter((v) => [v.name, ...aliasesOf(v)].some((n) => villageKey(n).includes(wanted)))
        .map((v) => v.code),
    )
    households = households.filter((h) => matching.has(h.villageCode))
  }
  const ranked = households.map((h) => ({ h, rank: nameRank(h.head, query.name) })).sort(
    (a, b) => a.rank - b.rank || a.h.headKey.localeCompare(b.h.headKey) || a.h.villageCode.localeCompare(b.h.villageCode) || a.h.code.localeCompare(b.h.code),
  )
  // Close matches hide the loose ones: a whole word typed hides names that only start with it, and "Lan" does not
  // list every name holding an l, an a and an n once some name has the word.
  const bestRank = ranked[0]?.rank ?? 4
  const best = ranked.filter((r) => r.rank <= Math.max(1, bestRank))
  const chosen = best.map((r) => r.h)
  return answer(db, allowed, chosen)
}

/**
 * One household by a stored row's id (a tapped match, a link on the console), with its history: `none` when the row
 * does not exist or lies outside the reader's area, so a guessed id tells nothing.
 */
export async function householdById(db: Db, allowed: Allowed, id: number): Promise<Extract<FindResult, { kind: 'one' | 'none' }>> {
  const row = Number.isSafeInteger(id) && id > 0 ? await db.household.findUnique({ where: { id } }) : null
  if (!row || !canSee(allowed, row)) return { kind: 'none' }
  const latest = await db.household.findFirst({ where: { communeCode: row.communeCode, code: row.code }, orderBy: { year: 'desc' } })
  return (await answer(db, allowed, [latest && canSee(allowed, latest) ? latest : row])) as Extract<FindResult, { kind: 'one' }>
}

async function answer(db: Db, allowed: Allowed, households: Household[]): Promise<FindResult> {
  if (households.length === 0) return { kind: 'none' }
  if (households.length === 1) {
    const only = households[0] as Household
    const years = (await db.household.findMany({ where: { communeCode: only.communeCode, code: only.code }, orderBy: { year: 'asc' } })).filter((y) =>
      canSee(allowed, y),
    )
    const named = await placeNames(db, [...years.map((y) => y.villageCode), only.communeCode, ...(only.formerCommuneCode ? [only.formerCommuneCode] : [])])
    return {
      kind: 'one',
      household: record(only, named),
      history: years.map((y) => ({ year: y.year, category: y.category as HouseholdCategory, members: y.members, villageName: named.names.get(y.villageCode) ?? y.villageCode })),
    }
  }
  const shown = households.slice(0, MAX_MATCHES)
  const named = await placeNames(db, shown.flatMap((h) => [h.villageCode, h.communeCode, ...(h.formerCommuneCode ? [h.formerCommuneCode] : [])]))
  return { kind: 'many', matches: shown.map((h) => record(h, named)), total: households.length }
}
