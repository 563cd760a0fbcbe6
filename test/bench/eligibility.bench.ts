import { buildTestApp } from '../support/app.ts'
import { householdMix, tapThrough } from '../eligibility/households.ts'
import { median, percentile, round } from './stats.ts'

/**
 * The quick check's taps (issue #13 §5) over a realistic mix of households (test/eligibility/households.ts:
 * income spread around the lines, 0–6 deprivations), through the real app: inputs from "Kiểm tra hộ nghèo" to the
 * result, the income typed once (`taps`), and the taps after the income (`tapsAfterIncome`). Measured on a day with
 * one standard (June 2026) and in December 2026, when the result shows both standards. "Before" is what every check
 * took until issue #13: start, area, size, income and all 12 indicator questions.
 */
export async function run(): Promise<Record<string, unknown>> {
  const households = householdMix(400)
  const out: Record<string, unknown> = { households: households.length, target: 'median ≤ 8' }
  for (const [name, now] of [['june2026', '2026-06-10T03:00:00Z'], ['december2026', '2026-12-10T03:00:00Z']] as const) {
    const t = await buildTestApp({ now })
    try {
      const taps: number[] = []
      const afterIncome: number[] = []
      const before: number[] = []
      for (const [i, h] of households.entries()) {
        const run = await tapThrough(t, h, `bench-${name}-${i}-aaaaaaaa`)
        taps.push(run.taps)
        // Start, area, size (two inputs for 7 people or more), income: what comes before the indicator questions.
        afterIncome.push(run.taps - (4 + (h.members > 6 ? 1 : 0)))
        before.push(4 + 12)
      }
      const stats = (xs: number[]) => ({ median: median(xs), p90: percentile(xs, 90), max: Math.max(...xs), mean: round(xs.reduce((s, x) => s + x, 0) / xs.length, 2) })
      out[name] = { taps: stats(taps), tapsAfterIncome: stats(afterIncome), beforeIssue13: { taps: 16, tapsAfterIncome: 12 } }
    } finally {
      await t.close()
    }
  }
  return out
}
