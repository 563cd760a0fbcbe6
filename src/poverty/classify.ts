import type { Locale } from '../i18n.ts'
import { t } from '../i18n.ts'
import { isIsoDate, nextDay, todayInVietnam } from './dates.ts'
import type { IncomePosition } from './explain.ts'
import {
  bandText,
  categoryLabel,
  describeDeprivations,
  disclaimer,
  explainClassification,
  housingAreaNote,
  incomeAboveText,
  incomeAtOrBelowText,
  transitionNote,
  verdict,
  areaLabel,
} from './explain.ts'
import { formatDate, formatVnd } from './format.ts'
import type { IndicatorId } from './indicators.ts'
import type { HouseholdInput, HouseholdWithoutIncome, HouseholdWithoutIncomeInput, InputProblem } from './input.ts'
import { PovertyInputError, parseHousehold, parseHouseholdWithoutIncome } from './input.ts'
import type { Band, Category, Income } from './rule.ts'
import {
  bandIndex,
  deprivedIndicators,
  householdTotalRoundedUp,
  incomeBands,
  perPersonAtMost,
  perPersonRoundedUp,
} from './rule.ts'
import type { Area, LegalReference, PovertyStandard, StandardId } from './standards.ts'
import { coveredPeriod, getStandard, standardOn, successorOf } from './standards.ts'

/** Options shared by `classify` and `classifyRange`. */
export interface ClassifyOptions {
  /** The date to take as today (`YYYY-MM-DD`); default: today in Asia/Ho_Chi_Minh. */
  today?: string
  /** Language of the texts in the result; default `vi`. */
  locale?: Locale
}

/** A change that would move the household to another category, everything else staying the same. */
export type Change =
  | { kind: 'moreDeprivations'; deprivations: number; category: Category; text: string }
  | { kind: 'fewerDeprivations'; deprivations: number; category: Category; text: string }
  | { kind: 'incomeAbove'; perPersonVnd: number; householdVnd: number; category: Category; text: string }
  | { kind: 'incomeAtOrBelow'; perPersonVnd: number; householdVnd: number; category: Category; text: string }

/** A remark the chat should show with the result. */
export interface Note {
  code:
    | 'provisionalIndicators'
    | 'middleAgricultureOnly'
    | 'middleNotAgricultural'
    | 'middleBandUnconfirmed'
    | 'deprivationsIgnoredAboveLine'
    | 'housingArea'
    | 'transition'
  text: string
}

/** The part of an answer that does not depend on the income. */
interface AnswerBase {
  standard: StandardId
  area: Area
  members: number
  povertyLineVnd: number
  /** Upper end of the middle band; `null` when the standard has none (2027–2030: not confirmed). */
  middleBandTopVnd: number | null
  deprivationCount: number
  /** Indicators deprived in, each once, in the standard's order. */
  deprived: IndicatorId[]
  /** Present when the standard's indicator list is not confirmed (2027–2030). */
  provisional?: true
  notes: Note[]
  legalBasis: LegalReference[]
  explanation: string
  /** Always show this: the official result comes from the commune review. */
  disclaimer: string
}

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
  bands: IncomeBandAnswer[]
  next?: RangeClassification
}

function resolveToday(options: ClassifyOptions): string {
  const today = options.today ?? todayInVietnam()
  if (!isIsoDate(today)) throw new TypeError(`options.today must be a YYYY-MM-DD date, got ${JSON.stringify(today)}`)
  return today
}

interface Selection {
  standard: PovertyStandard
  /** The standard that takes over the day after `standard` ends, when `date` is in `standard`'s last month. */
  upcoming?: PovertyStandard
}

/**
 * `standard` wins over `date`; with neither, the standard in force today. A date our data has no
 * standard for is an error, not a guess.
 *
 * Transition: when the standard was chosen by date and that date lies in the calendar month in which the
 * standard ends (December 2026), the answer also carries the next standard's result — always, not only
 * when the category differs, because the lines differ and residents ask in December what January brings.
 */
function selectStandard(household: HouseholdWithoutIncome, options: ClassifyOptions, locale: Locale): Selection {
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

type IncomeFreeFacts = Omit<AnswerBase, 'notes' | 'explanation' | 'disclaimer'>

function baseAnswer(household: HouseholdWithoutIncome, standard: PovertyStandard): IncomeFreeFacts {
  const deprived = deprivedIndicators(standard, household.deprivations, household.members, household.housingAreaM2)
  return {
    standard: standard.id,
    area: household.area,
    members: household.members,
    povertyLineVnd: standard.incomeLineVnd[household.area],
    middleBandTopVnd: standard.middleBandTopVnd ? standard.middleBandTopVnd[household.area] : null,
    deprivationCount: deprived.length,
    deprived,
    ...(standard.indicatorsConfirmed ? {} : { provisional: true as const }),
    legalBasis: [...standard.legalBasis],
  }
}

function commonNotes(household: HouseholdWithoutIncome, standard: PovertyStandard, locale: Locale): Note[] {
  const notes: Note[] = []
  if (!standard.indicatorsConfirmed) notes.push({ code: 'provisionalIndicators', text: t(locale, 'poverty.note.provisionalIndicators') })
  if (household.housingAreaM2 !== undefined) {
    notes.push({ code: 'housingArea', text: housingAreaNote(household.housingAreaM2, household.members, locale) })
  }
  return notes
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
  const base = baseAnswer(household, standard)
  const bands = incomeBands(standard, household.area, base.deprivationCount, household.agriculture)
  const index = bandIndex(bands, income, household.members)
  const category = bands[index]?.category ?? 'none'
  const position = positionOf(standard, household, income)
  const incomePerPersonVnd = perPersonRoundedUp(income, household.members)

  const notes = commonNotes(household, standard, locale)
  if (position === 'inMiddleBand' && household.agriculture === undefined) {
    notes.push({ code: 'middleAgricultureOnly', text: t(locale, 'poverty.note.middleAgricultureOnly') })
  }
  if (position === 'inMiddleBandNotAgricultural') {
    notes.push({
      code: 'middleNotAgricultural',
      text: t(locale, 'poverty.note.middleNotAgricultural', {
        line: formatVnd(base.povertyLineVnd, locale),
        top: formatVnd(base.middleBandTopVnd ?? 0, locale),
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

function failWith(problem: InputProblem): never {
  throw new PovertyInputError(problem)
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
  if (!parsed.ok) failWith(parsed.error)
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

function rangeUnder(household: HouseholdWithoutIncome, standard: PovertyStandard, locale: Locale): RangeClassification {
  const base = baseAnswer(household, standard)
  const bands = incomeBands(standard, household.area, base.deprivationCount, household.agriculture)
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
  const notes = commonNotes(household, standard, locale)
  if (answers.some((a) => a.category === 'middle') && household.agriculture === undefined) {
    notes.push({ code: 'middleAgricultureOnly', text: t(locale, 'poverty.note.middleAgricultureOnly') })
  }
  if (!standard.middleBandTopVnd) {
    notes.push({ code: 'middleBandUnconfirmed', text: t(locale, 'poverty.note.middleBandUnconfirmed') })
  }
  const intro = t(locale, 'poverty.range.intro', {
    deprivations: describeDeprivations(base.deprived, locale),
    basis: standard.shortBasis,
    area: areaLabel(household.area, standard, locale),
    line: formatVnd(base.povertyLineVnd, locale),
  })
  return {
    ...base,
    notes,
    bands: answers,
    explanation: [intro, ...answers.map((a) => a.text)].join(' '),
    disclaimer: disclaimer(standard, locale),
  }
}

/**
 * The category for each income band when the household's income is unknown ("không rõ"), so the chat
 * can say "nếu thu nhập từ X trở xuống thì …". Same standard selection, transition and errors as
 * `classify`; the input must not contain an income.
 *
 * @example
 * classifyRange({ area: 'rural', members: 4, deprivations: [] }, { today: '2026-06-01' }).bands
 * // → near_poor up to 1.500.000 đ, middle up to 2.250.000 đ, none above
 */
export function classifyRange(input: HouseholdWithoutIncomeInput, options: ClassifyOptions = {}): RangeClassification {
  const locale = options.locale ?? 'vi'
  const parsed = parseHouseholdWithoutIncome(input, locale)
  if (!parsed.ok) failWith(parsed.error)
  const household = parsed.value
  const { standard, upcoming } = selectStandard(household, options, locale)
  const result = rangeUnder(household, standard, locale)
  if (!upcoming) return result
  result.notes.push({ code: 'transition', text: transitionNote({ next: upcoming, area: household.area, locale }) })
  return { ...result, next: rangeUnder(household, upcoming, locale) }
}

/**
 * `classify` for input of unknown shape (a JSON line, a chat form): never throws for bad input.
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
