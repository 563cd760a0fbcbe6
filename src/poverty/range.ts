import type { Locale } from '../i18n.ts'
import { t } from '../i18n.ts'
import type { AnswerBase } from './answer.ts'
import { incomeFreeFacts, incomeFreeNotes } from './answer.ts'
import { areaLabel, bandText, categoryLabel, describeDeprivations, disclaimer, transitionNote } from './explain.ts'
import { spokenVnd } from './format.ts'
import type { HouseholdWithoutIncome, HouseholdWithoutIncomeInput } from './input.ts'
import { PovertyInputError, parseHouseholdWithoutIncome } from './input.ts'
import type { Category } from './rule.ts'
import { incomeBands } from './rule.ts'
import type { ClassifyOptions } from './select.ts'
import { selectStandard } from './select.ts'
import type { PovertyStandard } from './standards.ts'

/** One band of a range answer: per-person income above `aboveVnd` (exclusive) up to `upToVnd` (inclusive). */
export interface IncomeBandAnswer {
  category: Category
  categoryLabel: string
  aboveVnd?: number
  upToVnd?: number
  householdAboveVnd?: number
  householdUpToVnd?: number
  text: string
}

/** The category of a household for every income band, when its income is not known. */
export interface RangeClassification extends AnswerBase {
  /** Lowest income first; adjacent bands always differ in category. */
  bands: IncomeBandAnswer[]
  /** In December 2026: the bands under the standard from 1/1/2027. */
  next?: RangeClassification
}

function rangeUnder(household: HouseholdWithoutIncome, standard: PovertyStandard, locale: Locale): RangeClassification {
  const facts = incomeFreeFacts(household, standard)
  const bands = incomeBands(standard, household.area, facts.deprivationCount, household.agriculture)
  const members = household.members
  const answers = bands.map((band, i): IncomeBandAnswer => {
    const previous = i > 0 ? (bands[i - 1]?.upToVnd ?? null) : null
    return {
      category: band.category,
      categoryLabel: categoryLabel(band.category, standard, locale),
      ...(previous !== null ? { aboveVnd: previous, householdAboveVnd: previous * members } : {}),
      ...(band.upToVnd !== null ? { upToVnd: band.upToVnd, householdUpToVnd: band.upToVnd * members } : {}),
      text: bandText(band, previous, members, standard, locale),
    }
  })
  const notes = incomeFreeNotes(household, standard, locale)
  if (answers.some((a) => a.category === 'middle') && household.agriculture === undefined) {
    notes.push({ code: 'middleAgricultureOnly', text: t(locale, 'poverty.note.middleAgricultureOnly') })
  }
  if (!standard.middleBandTopVnd) {
    notes.push({ code: 'middleBandUnconfirmed', text: t(locale, 'poverty.note.middleBandUnconfirmed') })
  }
  const intro = t(locale, 'poverty.range.intro', {
    deprivations: describeDeprivations(facts.deprived, locale),
    basis: standard.shortBasis,
    area: areaLabel(household.area, standard, locale),
    line: spokenVnd(facts.povertyLineVnd, locale),
  })
  return {
    ...facts,
    notes,
    bands: answers,
    explanation: [intro, ...answers.map((a) => a.text)].join(' '),
    disclaimer: disclaimer(standard, locale),
  }
}

/**
 * The category for each income band when the household's income is unknown ("không rõ"), so the chat
 * can say "nếu thu nhập từ X trở xuống thì …". Same standard selection, transition and errors as
 * `classify`; the input must not contain an income. Throws `PovertyInputError` for bad input.
 *
 * @example
 * classifyRange({ area: 'rural', members: 4, deprivations: [] }, { today: '2026-06-01' }).bands
 * // → near_poor up to 1.500.000 đ, middle above it up to 2.250.000 đ, none above that
 */
export function classifyRange(input: HouseholdWithoutIncomeInput, options: ClassifyOptions = {}): RangeClassification {
  const locale = options.locale ?? 'vi'
  const parsed = parseHouseholdWithoutIncome(input, locale)
  if (!parsed.ok) throw new PovertyInputError(parsed.error)
  const household = parsed.value
  const { standard, upcoming } = selectStandard(household, options, locale)
  const result = rangeUnder(household, standard, locale)
  if (!upcoming) return result
  result.notes.push({ code: 'transition', text: transitionNote({ next: upcoming, area: household.area, locale }) })
  return { ...result, next: rangeUnder(household, upcoming, locale) }
}
