import { DEPRIVED_IF, classify, classifyRange, isIndicatorId, type IndicatorId } from '../poverty/index.ts'
import type { Locale } from '../i18n.ts'
import { unanswered, type QuestionsState } from './state.ts'

/**
 * When the quick check can stop asking (issue #13 §5): the answers given decide the result under every standard
 * the result shows (in December 2026, both the 2026 and the 2027 standard). Whatever the questions not asked yet
 * would be answered, the category — or, for an unknown income, the category of every income band — stays the same.
 * A household of 4 earning 20 triệu a month is above every line: no indicator can change its result.
 */

/** The indicators the user's answers mark as deprived ("không" to "Nhà có nước sạch…?"); "không rõ" counts as not. */
export function deprivedIn(state: QuestionsState): IndicatorId[] {
  return Object.entries(state.answers).flatMap(([id, answer]) => (isIndicatorId(id) && answer === DEPRIVED_IF[id] ? [id] : []))
}

/** The categories the result would show for `deprivations`, under each standard shown on `today`. */
function outcome(state: QuestionsState, deprivations: IndicatorId[], today: string, locale: Locale): string | undefined {
  const { area, members, income } = state
  if (!area || members === undefined || !income) return undefined
  const household = { area, members, deprivations }
  try {
    if (income.kind === 'unknown') {
      const range = classifyRange(household, { today, locale })
      return JSON.stringify([range.bands.map((b) => b.category), range.next?.bands.map((b) => b.category)])
    }
    const input = income.kind === 'total' ? { ...household, monthlyIncomeVnd: income.vnd } : { ...household, incomePerPersonVnd: income.vnd }
    const result = classify(input, { today, locale })
    return JSON.stringify([result.category, result.next?.category])
  } catch {
    // Bad input is reported when the result is computed; until then, keep asking.
    return undefined
  }
}

/** Whether the answers given decide the result shown on `today`, whatever the remaining questions would be answered. */
export function outcomeDecided(state: QuestionsState, today: string, locale: Locale = 'vi'): boolean {
  const rest = unanswered(state)
  if (rest.length === 0) return true
  const now = deprivedIn(state)
  const least = outcome(state, now, today, locale)
  return least !== undefined && least === outcome(state, [...now, ...rest], today, locale)
}
