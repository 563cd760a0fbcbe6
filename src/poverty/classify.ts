import type { Locale } from '../i18n.ts'
import { t } from '../i18n.ts'
import type { AnswerBase } from './answer.ts'
import { incomeFreeFacts, incomeFreeNotes } from './answer.ts'
import type { IncomePosition } from './explain.ts'
import {
  categoryLabel,
  disclaimer,
  explainClassification,
  incomeAboveText,
  incomeAtOrBelowText,
  transitionNote,
  verdict,
} from './explain.ts'
import { spokenVnd } from './format.ts'
import type { HouseholdInput, HouseholdWithoutIncome, InputProblem } from './input.ts'
import { PovertyInputError, parseHousehold } from './input.ts'
import type { Band, Category, Income } from './rule.ts'
import { bandIndex, householdTotalRoundedUp, incomeBands, perPersonAtMost, perPersonRoundedUp } from './rule.ts'
import type { ClassifyOptions } from './select.ts'
import { selectStandard } from './select.ts'
import type { PovertyStandard } from './standards.ts'

/** A change that would move the household to another category, everything else staying the same. */
export type Change =
  | { kind: 'moreDeprivations'; deprivations: number; category: Category; text: string }
  | { kind: 'fewerDeprivations'; deprivations: number; category: Category; text: string }
  | { kind: 'incomeAbove'; perPersonVnd: number; householdVnd: number; category: Category; text: string }
  | { kind: 'incomeAtOrBelow'; perPersonVnd: number; householdVnd: number; category: Category; text: string }

/** The estimated category of a household with a known income. */
export interface Classification extends AnswerBase {
  category: Category
  categoryLabel: string
  /** Income per person per month, rounded up to the whole đồng (the decision used the exact figure). */
  incomePerPersonVnd: number
  /** Household income per month, rounded up to the whole đồng. */
  householdIncomeVnd: number
  whatWouldChange: Change[]
  /** In the last month of a standard (December 2026): the same household under the next standard. */
  next?: Classification
}

function incomeOf(household: { monthlyIncomeVnd?: number | undefined; incomePerPersonVnd?: number | undefined }): Income {
  return household.monthlyIncomeVnd !== undefined
    ? { kind: 'household', totalVnd: household.monthlyIncomeVnd }
    : { kind: 'perPerson', perPersonVnd: household.incomePerPersonVnd ?? 0 }
}

function positionOf(standard: PovertyStandard, household: HouseholdWithoutIncome, income: Income): IncomePosition {
  const { area, members } = household
  if (perPersonAtMost(income, members, standard.incomeLineVnd[area])) return 'atOrBelowLine'
  if (!standard.middleBandTopVnd) return 'aboveLine'
  if (!perPersonAtMost(income, members, standard.middleBandTopVnd[area])) return 'aboveMiddleBand'
  return household.agriculture === false ? 'inMiddleBandNotAgricultural' : 'inMiddleBand'
}

function changesFor(
  bands: readonly Band[],
  index: number,
  deprivationCount: number,
  standard: PovertyStandard,
  members: number,
  locale: Locale,
): Change[] {
  const band = bands[index]
  if (!band) return []
  const changes: Change[] = []
  const min = standard.minDeprivationsForPoor
  if (band.category === 'near_poor') {
    const needed = min - deprivationCount
    changes.push({
      kind: 'moreDeprivations',
      deprivations: needed,
      category: 'poor',
      text: t(locale, 'poverty.change.moreDeprivations', { count: needed }),
    })
  }
  if (band.category === 'poor') {
    const fewer = deprivationCount - (min - 1)
    changes.push({
      kind: 'fewerDeprivations',
      deprivations: fewer,
      category: 'near_poor',
      text: t(locale, 'poverty.change.fewerDeprivations', { count: fewer, min }),
    })
  }
  const above = bands[index + 1]
  if (band.upToVnd !== null && above) {
    changes.push({
      kind: 'incomeAbove',
      perPersonVnd: band.upToVnd,
      householdVnd: band.upToVnd * members,
      category: above.category,
      text: incomeAboveText(band.upToVnd, members, categoryLabel(band.category, standard, locale), locale),
    })
  }
  const below = bands[index - 1]
  if (below && below.upToVnd !== null) {
    changes.push({
      kind: 'incomeAtOrBelow',
      perPersonVnd: below.upToVnd,
      householdVnd: below.upToVnd * members,
      category: below.category,
      text: incomeAtOrBelowText(below.upToVnd, members, verdict(below.category, standard, locale), locale),
    })
  }
  return changes
}

function classifyUnder(
  household: HouseholdWithoutIncome,
  income: Income,
  standard: PovertyStandard,
  locale: Locale,
): Classification {
  const base = incomeFreeFacts(household, standard)
  const bands = incomeBands(standard, household.area, base.deprivationCount, household.agriculture)
  const index = bandIndex(bands, income, household.members)
  const category = bands[index]?.category ?? 'none'
  const position = positionOf(standard, household, income)
  const incomePerPersonVnd = perPersonRoundedUp(income, household.members)

  const notes = incomeFreeNotes(household, standard, locale)
  if (position === 'inMiddleBand' && household.agriculture === undefined) {
    notes.push({ code: 'middleAgricultureOnly', text: t(locale, 'poverty.note.middleAgricultureOnly') })
  }
  if (position === 'inMiddleBandNotAgricultural') {
    notes.push({
      code: 'middleNotAgricultural',
      text: t(locale, 'poverty.note.middleNotAgricultural', {
        line: spokenVnd(base.povertyLineVnd, locale),
        top: spokenVnd(base.middleBandTopVnd ?? 0, locale),
      }),
    })
  }
  if (position === 'aboveLine') {
    notes.push({ code: 'middleBandUnconfirmed', text: t(locale, 'poverty.note.middleBandUnconfirmed') })
  }
  if (position !== 'atOrBelowLine' && base.deprivationCount > 0) {
    notes.push({ code: 'deprivationsIgnoredAboveLine', text: t(locale, 'poverty.note.deprivationsIgnoredAboveLine') })
  }

  return {
    standard: base.standard,
    category,
    categoryLabel: categoryLabel(category, standard, locale),
    area: base.area,
    members: base.members,
    incomePerPersonVnd,
    householdIncomeVnd: householdTotalRoundedUp(income, household.members),
    povertyLineVnd: base.povertyLineVnd,
    middleBandTopVnd: base.middleBandTopVnd,
    deprivationCount: base.deprivationCount,
    deprived: base.deprived,
    ...(base.provisional ? { provisional: base.provisional } : {}),
    whatWouldChange: changesFor(bands, index, base.deprivationCount, standard, household.members, locale),
    notes,
    legalBasis: base.legalBasis,
    explanation: explainClassification({
      standard,
      area: household.area,
      position,
      category,
      incomePerPersonVnd,
      deprived: base.deprived,
      locale,
    }),
    disclaimer: disclaimer(standard, locale),
  }
}

/**
 * Estimate the category of a household (rules as code; the official result comes only from the
 * commune review).
 *
 * Throws `PovertyInputError` (message in `options.locale`, with the path of the field at fault) when the
 * input is not a valid household or its date has no standard in our data; `TypeError` for a malformed
 * `options.today`.
 *
 * @example
 * classify({ area: 'rural', members: 3, monthlyIncomeVnd: 4_500_000, deprivations: ['water'] },
 *          { today: '2026-06-01' })
 * // → { standard: '2022-2025', category: 'near_poor', incomePerPersonVnd: 1500000, … }
 */
export function classify(input: HouseholdInput, options: ClassifyOptions = {}): Classification {
  const locale = options.locale ?? 'vi'
  const parsed = parseHousehold(input, locale)
  if (!parsed.ok) throw new PovertyInputError(parsed.error)
  const household = parsed.value
  const income = incomeOf(household)
  const { standard, upcoming } = selectStandard(household, options, locale)
  const result = classifyUnder(household, income, standard, locale)
  if (!upcoming) return result
  const next = classifyUnder(household, income, upcoming, locale)
  result.notes.push({
    code: 'transition',
    text: transitionNote({ next: upcoming, area: household.area, locale, categories: { now: result.category, next: next.category } }),
  })
  return { ...result, next }
}

/**
 * `classify` for input of unknown shape (a JSON line, a chat form): bad input comes back as
 * `{ ok: false, error }` instead of a throw; anything else (a fault of ours) is rethrown.
 * @example tryClassify(JSON.parse(line)) // { ok: true, result } | { ok: false, error: { message, path } }
 */
export function tryClassify(
  raw: unknown,
  options: ClassifyOptions = {},
): { ok: true; result: Classification } | { ok: false; error: InputProblem } {
  try {
    return { ok: true, result: classify(raw as HouseholdInput, options) }
  } catch (error) {
    if (error instanceof PovertyInputError) return { ok: false, error: error.toProblem() }
    throw error
  }
}
