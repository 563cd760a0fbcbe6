import { DEPRIVED_IF, INDICATOR_IDS, STANDARDS, type IndicatorId } from '../../src/poverty/index.ts'
import type { TestApp } from '../support/app.ts'
import { PAIRS, type PairId } from '../../src/eligibility/state.ts'

/**
 * A realistic mix of households for measuring the quick check's taps (issue #13 §5): income spread around the
 * poverty lines, 0–6 deprivations. Deterministic (seeded), so runs compare.
 */
export interface Household {
  area: 'rural' | 'urban'
  members: number
  /** Household income per month, VND. */
  incomeVnd: number
  deprived: IndicatorId[]
}

/** Mulberry32: a small seeded generator, enough for a reproducible sample. */
function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let x = a
    x = Math.imul(x ^ (x >>> 15), x | 1)
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61)
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296
  }
}

// Household sizes of a rural commune (weights): most households have 3 to 6 people.
const SIZES: [number, number][] = [[1, 5], [2, 10], [3, 18], [4, 25], [5, 20], [6, 12], [7, 6], [8, 4]]

/**
 * `count` households: 80% rural; income per person from 0.4 to 3 times the 2026 line of its area, evenly spread on a
 * log scale (about 45% at or below the line); 0 to 6 deprivations, as likely each, picked at random among the 12.
 */
export function householdMix(count: number, seed = 13): Household[] {
  const next = random(seed)
  const line = STANDARDS[0]!.incomeLineVnd
  const out: Household[] = []
  for (let i = 0; i < count; i++) {
    const area = next() < 0.8 ? 'rural' : 'urban'
    let pick = next() * SIZES.reduce((s, [, w]) => s + w, 0)
    const members = SIZES.find(([, w]) => (pick -= w) < 0)?.[0] ?? 4
    const ratio = Math.exp(Math.log(0.4) + next() * (Math.log(3) - Math.log(0.4)))
    const incomeVnd = Math.round((ratio * line[area] * members) / 100_000) * 100_000
    const shuffled = [...INDICATOR_IDS].sort(() => next() - 0.5)
    out.push({ area, members, incomeVnd: Math.max(incomeVnd, 100_000), deprived: shuffled.slice(0, Math.floor(next() * 7)) })
  }
  return out
}

/**
 * Runs the check for `household` through the app by buttons (the income typed, as it must be), and returns how many
 * inputs it took from "Kiểm tra hộ nghèo" to the result, and the result's first line.
 */
export async function tapThrough(t: TestApp, household: Household, conversationId: string): Promise<{ taps: number; title: string }> {
  let taps = 0
  let replies: { text: string; buttons?: { value: string }[] }[] = []
  const send = async (body: { text: string } | { button: string }) => {
    taps++
    t.clock.set(new Date(t.clock.now().getTime() + 5_000))
    const res = await t.post('/api/chat', { conversationId, ...body })
    replies = ((await res.json()) as { replies: typeof replies }).replies
  }
  const offered = () => replies.flatMap((r) => r.buttons?.map((b) => b.value) ?? [])
  await send({ button: 'elig:start' })
  for (let guard = 0; guard < 30; guard++) {
    const values = offered()
    const title = replies.find((r) => r.text.startsWith('📋'))?.text.split('\n')[0]
    if (title) return { taps, title }
    if (values.includes('elig:area:rural')) await send({ button: `elig:area:${household.area}` })
    else if (values.includes('elig:members:1')) await send(household.members <= 6 ? { button: `elig:members:${household.members}` } : { button: 'elig:members:more' })
    else if (replies.some((r) => r.text.includes('gõ số người'))) await send({ text: String(household.members) })
    else if (values.includes('elig:unknown_income')) await send({ text: `${household.incomeVnd / 1_000_000} triệu` })
    else if (values.some((v) => v.startsWith('elig:pair:'))) {
      const pair = values.find((v) => v.startsWith('elig:pair:'))!.split(':')[2] as PairId
      const [a, b] = PAIRS[pair].map((id) => !household.deprived.includes(id))
      await send({ button: `elig:pair:${pair}:${a && b ? 'ok' : a ? 'lackB' : b ? 'lackA' : 'lackBoth'}` })
    } else {
      const question = values.find((v) => /^elig:yes:/.test(v))
      if (!question) throw new Error(`no question to answer: ${replies.map((r) => r.text).join(' | ')}`)
      const id = question.slice('elig:yes:'.length) as IndicatorId
      const deprived = household.deprived.includes(id)
      const answer = deprived ? DEPRIVED_IF[id] : DEPRIVED_IF[id] === 'yes' ? 'no' : 'yes'
      await send({ button: `elig:${answer}:${id}` })
    }
  }
  throw new Error('the check did not end')
}
