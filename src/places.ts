import type { Db } from './db.ts'
import { vnDate } from './clock.ts'
import type { Scope } from './roles/actor.ts'

/** The communes the bot has contact data for: the five that cover the former huyện Đăk Hà since 1/7/2025. */
export const SERVED_COMMUNES = ['quang-ngai/xa-dak-ha', 'quang-ngai/xa-dak-pxi', 'quang-ngai/xa-dak-mar', 'quang-ngai/xa-dak-ui', 'quang-ngai/xa-ngok-reo'] as const

/** A row of the Place table, as the tree keeps it. */
export interface PlaceRow {
  code: string
  name: string
  kind: string
  parentCode: string | null
  area: string
  validTo: string | null
  successorCode: string | null
}

/** What a place tells the check: its current commune (for the statistics) and, when it is safe to say, its area. */
export interface PlaceFacts {
  /** Current commune code, "" above commune level. */
  communeCode: string
  /** `null`: ask the household. */
  area: 'rural' | 'urban' | null
  /** The place's own name. */
  name: string
  /** The current commune's name, "" above commune level. */
  communeName: string
}

const MAX_HOPS = 4
/** How long a process or isolate trusts its copy of the tree (imports add villages; `invalidate` after them). */
const REFRESH_MS = 60_000

/**
 * The place tree, read once and kept for a minute: names, the walk from any place (an old commune, a village) to its
 * current commune, and scope containment for roles. Shared by chat, console and scheduled tasks.
 */
export interface Places {
  get(code: string | null | undefined): Promise<PlaceRow | null>
  /** The place's name, or the code itself when unknown. */
  name(code: string): Promise<string>
  facts(code: string | null | undefined, today: string): Promise<PlaceFacts | null>
  /** The current commune of a place, if it is one the bot serves (see {@link currentCommuneIn}). */
  currentCommune(code: string | null | undefined, now: Date): Promise<{ code: string; name: string } | null>
  /** Whether `code` lies inside `scope` (see {@link scopeClosure}). */
  contains(scope: Scope, code: string | null | undefined): Promise<boolean>
  /** Every place code inside `scope`, or 'all'. */
  codesIn(scope: Scope): Promise<ReadonlySet<string> | 'all'>
  /** The served communes, in code order. */
  servedCommunes(): Promise<PlaceRow[]>
  /** Children of a place (villages of a commune), by name. */
  children(code: string): Promise<PlaceRow[]>
  /** Forget the cached tree (after an import added villages). */
  invalidate(): void
}

interface Tree {
  byCode: Map<string, PlaceRow>
  children: Map<string, PlaceRow[]>
  /** Units merged into a place (successor → predecessors). */
  predecessors: Map<string, PlaceRow[]>
  closures: Map<string, ReadonlySet<string>>
}

function buildTree(rows: PlaceRow[]): Tree {
  const byCode = new Map(rows.map((r) => [r.code, r]))
  const children = new Map<string, PlaceRow[]>()
  const predecessors = new Map<string, PlaceRow[]>()
  for (const r of rows) {
    if (r.parentCode) children.set(r.parentCode, [...(children.get(r.parentCode) ?? []), r])
    if (r.successorCode) predecessors.set(r.successorCode, [...(predecessors.get(r.successorCode) ?? []), r])
  }
  for (const list of children.values()) list.sort((a, b) => a.name.localeCompare(b.name, 'vi'))
  return { byCode, children, predecessors, closures: new Map() }
}

/**
 * Everything inside a place: the place, its descendants, the units merged into any of those (an officer of the new
 * xã Đăk Hà also covers the former thị trấn Đăk Hà and its villages), and, for a unit that no longer exists (the
 * former huyện Đăk Hà), the communes its units were merged into.
 */
export function scopeClosure(tree: Pick<Tree, 'byCode' | 'children' | 'predecessors'>, root: string): Set<string> {
  const inside = new Set<string>()
  const queue = [root]
  while (queue.length > 0) {
    const code = queue.pop()!
    if (inside.has(code)) continue
    inside.add(code)
    for (const child of tree.children.get(code) ?? []) queue.push(child.code)
    for (const merged of tree.predecessors.get(code) ?? []) queue.push(merged.code)
    const row = tree.byCode.get(code)
    // A former unit's area now lies in its successor: the district's communes lead to the new communes.
    if (row && row.validTo !== null && row.successorCode && code !== root && tree.byCode.get(root)?.validTo !== null) queue.push(row.successorCode)
  }
  return inside
}

/**
 * The area (nông thôn / thành thị) a place's households fall in, and its current commune.
 *
 * A village without its own area takes its commune's. A unit merged away on 1/7/2025 keeps a `rural` area
 * (a xã merged into a xã), but not an `urban` one: whether the former thị trấn Đăk Hà still counts as urban
 * inside the new xã Đăk Hà is UNVERIFIED (FACTS §6, §7 q.6), so the household is asked.
 */
function factsOf(tree: Tree, code: string | null | undefined, today: string): PlaceFacts | null {
  if (!code) return null
  const start = tree.byCode.get(code)
  if (!start) return null
  let area: PlaceFacts['area'] = null
  let decided = false
  let current: PlaceRow | undefined = start
  for (let hops = 0; current && hops < MAX_HOPS; hops++) {
    if (!decided && (current.area === 'rural' || current.area === 'urban')) {
      const merged = current.validTo !== null && current.validTo < today
      area = merged && current.area === 'urban' ? null : current.area
      decided = true
    }
    if (current.kind === 'village' && current.parentCode) {
      current = tree.byCode.get(current.parentCode)
      continue
    }
    if (current.successorCode && current.validTo !== null && current.validTo < today) {
      // The successor's area is not used: the household lived in the merged unit, and that decided above.
      decided = true
      current = tree.byCode.get(current.successorCode)
      continue
    }
    break
  }
  const isCommune = current !== undefined && (current.kind === 'commune' || current.kind === 'town')
  return { communeCode: isCommune ? current!.code : '', communeName: isCommune ? current!.name : '', area, name: start.name }
}

/** The place tree service over the database (see {@link Places}). */
export function createPlaces(db: Db, now: () => number = Date.now): Places {
  let tree: Tree | null = null
  let loadedAt = 0
  let loading: Promise<Tree> | null = null
  const load = async (): Promise<Tree> => {
    if (tree && now() - loadedAt < REFRESH_MS) return tree
    loading ??= db.place
      .findMany({ select: { code: true, name: true, kind: true, parentCode: true, area: true, validTo: true, successorCode: true } })
      .then((rows) => {
        tree = buildTree(rows)
        loadedAt = now()
        return tree
      })
      .finally(() => {
        loading = null
      })
    return loading
  }
  const closure = (t: Tree, root: string) => {
    let set = t.closures.get(root)
    if (!set) {
      set = scopeClosure(t, root)
      t.closures.set(root, set)
    }
    return set
  }
  return {
    async get(code) {
      return code ? ((await load()).byCode.get(code) ?? null) : null
    },
    async name(code) {
      return (await load()).byCode.get(code)?.name ?? code
    },
    async facts(code, today) {
      return factsOf(await load(), code, today)
    },
    async currentCommune(code, at) {
      const facts = factsOf(await load(), code, vnDate(at))
      if (!facts || !(SERVED_COMMUNES as readonly string[]).includes(facts.communeCode)) return null
      return { code: facts.communeCode, name: facts.communeName }
    },
    async contains(scope, code) {
      if (scope.kind === 'all') return true
      if (!code) return false
      return closure(await load(), scope.placeCode).has(code)
    },
    async codesIn(scope) {
      if (scope.kind === 'all') return 'all'
      return closure(await load(), scope.placeCode)
    },
    async servedCommunes() {
      const t = await load()
      return SERVED_COMMUNES.map((code) => t.byCode.get(code)).filter((r): r is PlaceRow => r !== undefined)
    },
    async children(code) {
      return (await load()).children.get(code) ?? []
    },
    invalidate() {
      tree = null
    },
  }
}
