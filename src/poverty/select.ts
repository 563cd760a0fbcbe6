import type { Locale } from '../i18n.ts'
import { t } from '../i18n.ts'
import { isIsoDate, nextDay, todayInVietnam } from './dates.ts'
import { formatDate } from './format.ts'
import type { StandardId, PovertyStandard } from './standards.ts'
import { coveredPeriod, getStandard, standardOn, successorOf } from './standards.ts'
import { PovertyInputError } from './input.ts'

/** Options shared by `classify` and `classifyRange`. */
export interface ClassifyOptions {
  /** The date to take as today (`YYYY-MM-DD`); default: today in Asia/Ho_Chi_Minh. */
  today?: string
  /** Language of the texts in the result; default `vi`. */
  locale?: Locale
}

/** The standard to apply, and the one about to replace it when the answer should mention both. */
export interface Selection {
  standard: PovertyStandard
  /** Set when the date lies in the last calendar month of `standard` and a successor starts the next day. */
  upcoming?: PovertyStandard
}

function resolveToday(options: ClassifyOptions): string {
  const today = options.today ?? todayInVietnam()
  if (!isIsoDate(today)) throw new TypeError(`options.today must be a YYYY-MM-DD date, got ${JSON.stringify(today)}`)
  return today
}

/**
 * Which standard applies: `standard` wins over `date`; with neither, the standard in force today.
 * A date our data has no standard for (before 2022, after 2030) is a `PovertyInputError`, not a guess.
 *
 * Transition: when the standard was chosen by date (or today) and that date lies in the calendar month in
 * which the standard ends — December 2026 — the selection also names the next standard, and the answer
 * carries the result under it. Always in that month, not only when the category differs: the lines
 * differ, the new result is provisional, and residents ask in December what January brings. An explicit
 * `standard` means the caller asked for that one only.
 */
export function selectStandard(
  household: { standard?: StandardId | undefined; date?: string | undefined },
  options: ClassifyOptions,
  locale: Locale,
): Selection {
  if (household.standard) return { standard: getStandard(household.standard) }
  const date = household.date ?? resolveToday(options)
  const standard = standardOn(date)
  if (!standard) {
    const period = coveredPeriod()
    const vars = { date: formatDate(date), from: formatDate(period.from), to: formatDate(period.to) }
    throw new PovertyInputError(
      household.date
        ? { message: `date: ${t(locale, 'poverty.input.noStandardForDate', vars)}`, path: ['date'] }
        : { message: t(locale, 'poverty.input.noStandardToday', vars), path: [] },
    )
  }
  const successor = successorOf(standard)
  const inLastMonth = date.slice(0, 7) === standard.effectiveTo.slice(0, 7)
  if (successor && inLastMonth && successor.effectiveFrom === nextDay(standard.effectiveTo)) {
    return { standard, upcoming: successor }
  }
  return { standard }
}
