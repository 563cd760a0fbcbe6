import type { Db } from '../db.ts'
import { foldText } from './text.ts'

/**
 * Communes and villages as communes write them in their lists, resolved against the Place table: names with or
 * without diacritics or "xã", spelling variants (Đắk/Đăk/Dak, Ngọc/Ngọk, Psi/Pxi, Uy/Ui), and units merged on
 * 1/7/2025, which map to the commune that took them over.
 */

export interface PlaceRow {
  code: string
  name: string
  kind: string
  parentCode: string | null
  area: string
  aliases: string
  validTo: string | null
  successorCode: string | null
}

export type CommuneMatch =
  | { ok: true; communeCode: string; communeName: string; /** the merged unit the file named */ formerCode: string | null; /** the unit named */ namedCode: string }
  | { ok: false; rule: 'unknownCommune' }
  | { ok: false; rule: 'ambiguousCommune'; vars: { names: string } }

export interface VillageMatch {
  code: string
  name: string
  parentCode: string
  /** Not in the Place table yet: created with the import. */
  isNew: boolean
}

const VARIANTS = new Map([
  ['uy', 'ui'],
  ['ngoc', 'ngok'],
  ['psi', 'pxi'],
  ['pxy', 'pxi'],
  ['psy', 'pxi'],
  ['dac', 'dak'],
  ['dack', 'dak'],
  ['kontum', 'kon tum'],
])

const PREFIXES: readonly (readonly [string[], string])[] = [
  [['thi', 'tran'], 'thitran'],
  [['tt'], 'thitran'],
  [['xa'], 'xa'],
  [['phuong'], 'phuong'],
]

/** A unit name split into its kind word ("xã", "thị trấn") and the rest, folded, variants unified, spaces dropped. */
function communeKey(text: string): { prefix: string | null; bare: string } {
  let words = foldText(text.replace(/\([^)]*\)/g, ' '))
    .split(' ')
    .filter((w) => w !== '')
    .flatMap((w) => (VARIANTS.get(w) ?? w).split(' '))
  let prefix: string | null = null
  for (const [lead, name] of PREFIXES) {
    if (words.length > lead.length && lead.every((w, i) => words[i] === w)) {
      prefix = name
      words = words.slice(lead.length)
      break
    }
  }
  return { prefix, bare: words.join('') }
}

/** A village name without "thôn"/"làng", folded, spaces dropped: "Thôn Kon Gung" and "kon gung" are one village. */
export function villageKey(text: string): string {
  return villageWords(text).join('')
}

function villageWords(text: string): string[] {
  const words = foldText(text).split(' ').filter((w) => w !== '')
  return words.length > 1 && (words[0] === 'thon' || words[0] === 'lang') ? words.slice(1) : words
}

/** A place's spelling variants (the JSON array in Place.aliases); none when the column is not a JSON array. */
export function aliasesOf(place: { aliases: string }): string[] {
  try {
    const parsed: unknown = JSON.parse(place.aliases)
    return Array.isArray(parsed) ? parsed.filter((a): a is string => typeof a === 'string') : []
  } catch {
    return []
  }
}

const KIND_PREFIX: Record<string, string> = { commune: 'xa', town: 'thitran' }
const MAX_HOPS = 4

/** The places of the deployment, indexed for an import. Villages created during the import are added to it. */
export class PlaceIndex {
  private readonly byCode = new Map<string, PlaceRow>()
  private readonly communes = new Map<string, Set<string>>()
  private readonly villages = new Map<string, Map<string, PlaceRow>>()
  private readonly predecessors = new Map<string, string[]>()
  private readonly children = new Map<string, string[]>()
  /** Villages this import creates. */
  readonly created = new Map<string, PlaceRow>()

  constructor(places: readonly PlaceRow[]) {
    for (const p of places) {
      this.byCode.set(p.code, p)
      if (p.parentCode) this.children.set(p.parentCode, [...(this.children.get(p.parentCode) ?? []), p.code])
    }
    for (const p of places) {
      if (p.kind === 'commune' || p.kind === 'town') {
        this.addCommuneKey(p.code, p.code)
        for (const name of [p.name, ...aliasesOf(p)]) {
          const { prefix, bare } = communeKey(name)
          if (bare === '') continue
          this.addCommuneKey(bare, p.code)
          this.addCommuneKey((prefix ?? KIND_PREFIX[p.kind] ?? '') + bare, p.code)
        }
        if (p.successorCode) this.predecessors.set(p.successorCode, [...(this.predecessors.get(p.successorCode) ?? []), p.code])
      }
      if (p.kind === 'village' && p.parentCode) this.addVillage(p)
    }
  }

  private addCommuneKey(key: string, code: string): void {
    const set = this.communes.get(key) ?? new Set<string>()
    set.add(code)
    this.communes.set(key, set)
  }

  private addVillage(p: PlaceRow): void {
    const parent = p.parentCode as string
    const byKey = this.villages.get(parent) ?? new Map<string, PlaceRow>()
    for (const name of [p.name, ...aliasesOf(p)]) {
      const key = villageKey(name)
      if (key !== '' && !byKey.has(key)) byKey.set(key, p)
    }
    this.villages.set(parent, byKey)
  }

  place(code: string): PlaceRow | undefined {
    return this.byCode.get(code)
  }

  /** The current commune a unit belongs to now: itself, or the end of its successor chain. */
  currentOf(code: string): string | null {
    let place = this.byCode.get(code)
    for (let hops = 0; place && hops < MAX_HOPS; hops++) {
      if (place.validTo === null) return place.code
      if (!place.successorCode) return null
      place = this.byCode.get(place.successorCode)
    }
    return null
  }

  childrenOf(code: string): readonly string[] {
    return this.children.get(code) ?? []
  }

  /** Units merged into this commune on reorganisation. */
  predecessorsOf(code: string): readonly string[] {
    return this.predecessors.get(code) ?? []
  }

  /** The commune a list names: its current commune, and the merged unit when the list named one. */
  commune(text: string): CommuneMatch {
    const exact = this.byCode.get(text.trim())
    const { prefix, bare } = communeKey(text)
    const candidates = exact && (exact.kind === 'commune' || exact.kind === 'town')
      ? new Set([exact.code])
      : (prefix ? this.communes.get(prefix + bare) : undefined) ?? this.communes.get(bare) ?? new Set<string>()
    const resolved = new Map<string, string[]>()
    for (const code of candidates) {
      const current = this.currentOf(code)
      if (current) resolved.set(current, [...(resolved.get(current) ?? []), code])
    }
    if (resolved.size === 0) return { ok: false, rule: 'unknownCommune' }
    if (resolved.size > 1) {
      const names = [...resolved.keys()].map((c) => this.byCode.get(c)?.name ?? c).join(', ')
      return { ok: false, rule: 'ambiguousCommune', vars: { names } }
    }
    const [[communeCode, named]] = [...resolved.entries()] as [[string, string[]]]
    // A name both units share ("xã Đăk Mar") means the commune of today.
    const namedCurrent = named.includes(communeCode)
    const formerCode = namedCurrent || named.length !== 1 ? null : (named[0] as string)
    return { ok: true, communeCode, communeName: this.byCode.get(communeCode)?.name ?? communeCode, formerCode, namedCode: formerCode ?? communeCode }
  }

  /**
   * The village a list names under the unit it named. A list naming today's commune may mean a village recorded
   * under one of the units it took over (the seed's thôn Kon Trang Long Loi under the former thị trấn): that one
   * is used when exactly one of them has it. Otherwise the village is new, under the unit named.
   */
  village(namedCode: string, text: string): VillageMatch | null {
    const key = villageKey(text)
    if (key === '') return null
    const own = this.villages.get(namedCode)?.get(key)
    if (own) return { code: own.code, name: own.name, parentCode: namedCode, isNew: this.created.has(own.code) }
    if (this.byCode.get(namedCode)?.validTo === null) {
      const found = this.predecessorsOf(namedCode)
        .map((p) => this.villages.get(p)?.get(key))
        .filter((v): v is PlaceRow => v !== undefined)
      if (found.length === 1) {
        const v = found[0] as PlaceRow
        return { code: v.code, name: v.name, parentCode: v.parentCode as string, isNew: false }
      }
    }
    const created: PlaceRow = {
      code: `${namedCode}/${villageWords(text).join('-')}`,
      name: text,
      kind: 'village',
      parentCode: namedCode,
      area: 'unknown',
      aliases: '[]',
      validTo: null,
      successorCode: null,
    }
    const taken = this.byCode.get(created.code)
    if (taken) return { code: taken.code, name: taken.name, parentCode: namedCode, isNew: this.created.has(taken.code) }
    this.byCode.set(created.code, created)
    this.created.set(created.code, created)
    this.addVillage(created)
    return { code: created.code, name: created.name, parentCode: namedCode, isNew: true }
  }
}

const PLACE_SELECT = { code: true, name: true, kind: true, parentCode: true, area: true, aliases: true, validTo: true, successorCode: true } as const

/** Every place (a few dozen rows plus the villages). */
export async function loadPlaces(db: Db): Promise<PlaceRow[]> {
  return db.place.findMany({ select: PLACE_SELECT, orderBy: { code: 'asc' } })
}

export async function loadPlaceIndex(db: Db): Promise<PlaceIndex> {
  return new PlaceIndex(await loadPlaces(db))
}
