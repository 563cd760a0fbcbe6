import { buildTestApp } from '../support/app.ts'
import { householdMix, tapThrough } from '../eligibility/households.ts'
import { median, percentile, round } from './stats.ts'

/**
 * The quick check's taps (issue #13 §5) over a realistic mix of households (test/eligibility/households.ts:
 * income spread around the lines, 0–6 deprivations), through the real app: inputs from "Kiểm tra hộ nghèo" to the
 * result, the income typed once. Measured on a day with one standard (June 2026) and in December 2026, when the
 * result shows both standards. "Before" is what every check took until issue #13: all 12 indicator questions.
 */
export async function run(): Promise<Record<string, unknown>> {
  const households = householdMix(400)
  const out: Record<string, unknown> = { households: households.length, target: 'median ≤ 8' }
  for (const [name, now] of [['june2026', '2026-06-10T03:00:00Z'], ['december2026', '2026-12-10T03:00:00Z']] as const) {
    const t = await buildTestApp({ now })
    try {
      const taps: number[] = []
      const before: number[] = []
      for (const [i, h] of households.entries()) {
        taps.push((await tapThrough(t, h, `bench-${name}-${i}-aaaaaaaa`)).taps)
        before.push(4 + (h.members > 6 ? 1 : 0) + 12)
      }
      out[name] = {
        taps: { median: median(taps), p90: percentile(taps, 90), max: Math.max(...taps), mean: round(taps.reduce((s, x) => s + x, 0) / taps.length, 2) },
        beforeIssue13: { median: median(before), max: Math.max(...before) },
      }
    } finally {
      await t.close()
    }
  }
  return out
}
