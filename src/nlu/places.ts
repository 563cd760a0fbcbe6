import { analyzeText } from './normalize.ts'
import type { PlaceName } from './types.ts'

/**
 * Place names in any of the spellings people use: with or without diacritics, Đăk/Đắk/Đắc/Dak, Ngọk/Ngọc/Ngok,
 * Pxi/Psi/Pxy, Ui/Uy, "Kon Tum"/"Kontum", "Dakha" written as one word. The longest match wins, so
 * "thị trấn Đăk Hà" is the old town and "Đăk Hà" alone whatever place lists that bare spelling.
 */

const VARIANTS = new Map([
  ['uy', 'ui'],
  ['ngoc', 'ngok'],
  ['psi', 'pxi'],
  ['pxy', 'pxi'],
  ['psy', 'pxi'],
  ['kontum', 'kon tum'],
])

/** Spelling variants reduced to one form, per folded token; used on both the names and the message. */
function canonicalToken(t: string): string {
  const v = VARIANTS.get(t)
  if (v !== undefined) return v
  // "đắc", "dack", "đăk" and "dak" glued to the next word ("dakha").
  return mayBeDak(t) ? t.replace(/^da(?:ck|c|k)(?!h$)/, 'dak') : t
}

/** Starts like "dac…"/"dak…" (cheap test before the regular expression). */
function mayBeDak(t: string): boolean {
  const c = t.charCodeAt(2)
  return t.charCodeAt(0) === 100 && t.charCodeAt(1) === 97 && (c === 99 || c === 107)
}

function canonicalTokens(tokens: readonly string[]): readonly string[] {
  let out: string[] | undefined
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string
    const c = canonicalToken(t)
    if (c === t && out === undefined) continue
    out ??= tokens.slice(0, i)
    if (c.includes(' ')) out.push(...c.split(' '))
    else out.push(c)
  }
  return out ?? tokens
}

interface Entry {
  code: string
  tokens: string[]
  current: boolean
  order: number
}

/** Every way to write a name with some of its word breaks removed ("dak ha" → also "dakha"). */
function joinedVariants(tokens: string[]): string[][] {
  const out: string[][] = [tokens]
  if (tokens.length > 4) return out
  const gaps = tokens.length - 1
  for (let mask = 1; mask < 1 << gaps; mask++) {
    const v: string[] = [tokens[0] as string]
    for (let g = 0; g < gaps; g++) {
      const next = tokens[g + 1] as string
      if (mask & (1 << g)) v[v.length - 1] += next
      else v.push(next)
    }
    out.push(v)
  }
  return out
}

/** Finds places in messages; build once per place table with {@link createPlaceMatcher}. */
export interface PlaceMatcher {
  /** The best place in folded, normalised tokens: leftmost, then longest, then the current unit. */
  matchTokens(tokens: readonly string[]): string | undefined
  /** The best place in raw text. */
  match(text: string): string | undefined
}

/**
 * Builds a matcher for a place table. When two places share a spelling of the same length ("xã Đăk Mar" is
 * both the old commune's name and the new commune's alias), the one marked `current` wins, else the later
 * one in the table (the seed lists the 2025 communes after the units they replaced).
 */
export function createPlaceMatcher(places: readonly PlaceName[]): PlaceMatcher {
  const byFirst = new Map<string, Entry[]>()
  places.forEach((p, order) => {
    const seen = new Set<string>()
    for (const name of p.names) {
      const base = [...canonicalTokens(analyzeText(name).folded)]
      if (base.length === 0) continue
      for (const tokens of joinedVariants(base)) {
        const key = tokens.join(' ')
        if (seen.has(key)) continue
        seen.add(key)
        const first = tokens[0] as string
        const list = byFirst.get(first) ?? []
        list.push({ code: p.code, tokens, current: p.current === true, order })
        byFirst.set(first, list)
      }
    }
  })
  for (const list of byFirst.values()) {
    list.sort((a, b) => b.tokens.length - a.tokens.length || Number(b.current) - Number(a.current) || b.order - a.order)
  }

  const starts = new Set([...byFirst.keys(), ...VARIANTS.keys()])

  function matchTokens(raw: readonly string[]): string | undefined {
    // Most messages name no place: skip the spelling work unless some token could start a name.
    let possible = false
    for (const t of raw) {
      if (starts.has(t) || mayBeDak(t)) {
        possible = true
        break
      }
    }
    if (!possible) return undefined
    const tokens = canonicalTokens(raw)
    for (let i = 0; i < tokens.length; i++) {
      const list = byFirst.get(tokens[i] as string)
      if (!list) continue
      for (const e of list) if (e.tokens.every((t, k) => tokens[i + k] === t)) return e.code
    }
    return undefined
  }

  return {
    matchTokens,
    match: (text) => matchTokens(analyzeText(text).folded),
  }
}
