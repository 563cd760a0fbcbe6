import type { PlaceIndex } from './places.ts'
import type { HouseholdPlaces } from './scope.ts'

/**
 * Which places a household counts under: its village and the units above it, its commune of today, the unit its
 * list named when that was merged on 1/7/2025, and the former district (huyện) of that unit. A household listed
 * under today's xã Đăk Pxi counts under the former huyện Đăk Hà when every unit the commune took over lay in it.
 */
export class Areas {
  private readonly cache = new Map<string, { district: string | null; codes: ReadonlySet<string> }>()

  constructor(readonly places: PlaceIndex) {}

  private entry(h: HouseholdPlaces) {
    const key = `${h.villageCode}|${h.communeCode}|${h.formerCommuneCode ?? ''}`
    let found = this.cache.get(key)
    if (!found) {
      const codes = new Set<string>()
      const climb = (code: string | null) => {
        for (let c = code, hops = 0; c && hops < 6; hops++) {
          codes.add(c)
          c = this.places.place(c)?.parentCode ?? null
        }
      }
      climb(h.villageCode)
      climb(h.communeCode)
      climb(h.formerCommuneCode)
      const district = this.districtOf(h)
      if (district) codes.add(district)
      found = { district, codes }
      this.cache.set(key, found)
    }
    return found
  }

  /** The former district, or null when the commune of today took over units of more than one. */
  private districtOf(h: HouseholdPlaces): string | null {
    const districtAbove = (code: string | null): string | null => {
      for (let c = code, hops = 0; c && hops < 6; hops++) {
        const p = this.places.place(c)
        if (!p) return null
        if (p.kind === 'district') return p.code
        c = p.parentCode
      }
      return null
    }
    const named = districtAbove(h.formerCommuneCode) ?? districtAbove(h.villageCode)
    if (named) return named
    const districts = new Set(this.places.predecessorsOf(h.communeCode).map((p) => districtAbove(p)))
    const only = [...districts][0]
    return districts.size === 1 && only ? only : null
  }

  /** Every place code the household counts under. */
  codes(h: HouseholdPlaces): ReadonlySet<string> {
    return this.entry(h).codes
  }

  district(h: HouseholdPlaces): string | null {
    return this.entry(h).district
  }

  /**
   * The places a reported figure may be about when one asks about `code`: the place, what lies in it, the units
   * it took over, what lay in those, and the districts they belonged to.
   */
  related(code: string): Set<string> {
    const out = new Set<string>([code])
    const below = (c: string) => {
      for (const child of this.places.childrenOf(c)) if (!out.has(child)) {
        out.add(child)
        below(child)
      }
    }
    below(code)
    for (const p of this.places.predecessorsOf(code)) {
      out.add(p)
      below(p)
      const parent = this.places.place(p)?.parentCode
      if (parent && this.places.place(parent)?.kind === 'district') out.add(parent)
    }
    return out
  }
}
