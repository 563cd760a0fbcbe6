import type { Locale } from '../i18n.ts'
import { t } from '../i18n.ts'
import { formatDate, formatNumber, spokenVnd } from './format.ts'
import type { IndicatorId } from './indicators.ts'
import { MIN_HOUSING_AREA_M2_PER_PERSON } from './indicators.ts'
import type { Band, Category } from './rule.ts'
import type { Area, PovertyStandard } from './standards.ts'

/**
 * Plain-language texts of a classification, from `locales/<lang>/poverty.json`. Only wording lives here;
 * every number it prints was decided elsewhere.
 */

/** "hộ nghèo", …; for `none`, what the household is not (which depends on whether a middle band exists). */
export function categoryLabel(category: Category, standard: PovertyStandard, locale: Locale): string {
  if (category === 'none' && standard.middleBandTopVnd) return t(locale, 'poverty.category.noneWithMiddle')
  return t(locale, `poverty.category.${category}`)
}

/** "thuộc diện hộ nghèo" / "không thuộc diện …", to end a sentence with. */
export function verdict(category: Category, standard: PovertyStandard, locale: Locale): string {
  const label = categoryLabel(category, standard, locale)
  return category === 'none' ? label : t(locale, 'poverty.verdict', { category: label })
}

/** "nông thôn" / "thành thị" (2022–2025) / "đô thị" (ND 351/2025). */
export function areaLabel(area: Area, standard: PovertyStandard, locale: Locale): string {
  return t(locale, area === 'rural' ? 'poverty.area.rural' : standard.urbanLabelKey)
}

/** The indicator's name, e.g. "Bảo hiểm y tế". */
export function indicatorName(id: IndicatorId, locale: Locale): string {
  return t(locale, `poverty.indicator.${id}.name`)
}

/** "thiếu hụt 3 chỉ số (Việc làm, …)" or "không thiếu hụt chỉ số nào". */
export function describeDeprivations(deprived: readonly IndicatorId[], locale: Locale): string {
  if (deprived.length === 0) return t(locale, 'poverty.explain.deprivedNone')
  return t(locale, 'poverty.explain.deprivedSome', {
    count: deprived.length,
    list: deprived.map((id) => indicatorName(id, locale)).join(', '),
  })
}

/** Where the income stands relative to the standard's lines, as the explanation needs to know it. */
export type IncomePosition = 'atOrBelowLine' | 'inMiddleBand' | 'inMiddleBandNotAgricultural' | 'aboveMiddleBand' | 'aboveLine'

/** The one-sentence explanation of a classification with a known income. */
export function explainClassification(args: {
  standard: PovertyStandard
  area: Area
  position: IncomePosition
  category: Category
  incomePerPersonVnd: number
  deprived: readonly IndicatorId[]
  locale: Locale
}): string {
  const { standard, area, locale } = args
  return t(locale, `poverty.explain.${args.position}`, {
    income: spokenVnd(args.incomePerPersonVnd, locale),
    area: areaLabel(area, standard, locale),
    line: spokenVnd(standard.incomeLineVnd[area], locale),
    top: standard.middleBandTopVnd ? spokenVnd(standard.middleBandTopVnd[area], locale) : '',
    basis: standard.shortBasis,
    deprivations: describeDeprivations(args.deprived, locale),
    verdict: verdict(args.category, standard, locale),
  })
}

function householdPart(key: string, members: number, vars: Record<string, number>, locale: Locale): string {
  if (members === 1) return ''
  const money = Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, spokenVnd(v * members, locale)]))
  return t(locale, key, money)
}

/** "Nếu thu nhập bình quân trên X/người/tháng (tổng thu nhập của hộ trên Y/tháng) thì không còn thuộc diện …". */
export function incomeAboveText(perPersonVnd: number, members: number, current: string, locale: Locale): string {
  return t(locale, 'poverty.change.incomeAbove', {
    perPerson: spokenVnd(perPersonVnd, locale),
    household: householdPart('poverty.change.householdAbove', members, { amount: perPersonVnd }, locale),
    current,
  })
}

/** "Nếu thu nhập bình quân từ X/người/tháng trở xuống (…) thì thuộc diện …". */
export function incomeAtOrBelowText(perPersonVnd: number, members: number, target: string, locale: Locale): string {
  return t(locale, 'poverty.change.incomeAtOrBelow', {
    perPerson: spokenVnd(perPersonVnd, locale),
    household: householdPart('poverty.change.householdAtOrBelow', members, { amount: perPersonVnd }, locale),
    verdict: target,
  })
}

/** One income band of a range answer: "Nếu thu nhập bình quân trên X đến Y/người/tháng (…) thì ước tính …". */
export function bandText(
  band: Band,
  previousUpToVnd: number | null,
  members: number,
  standard: PovertyStandard,
  locale: Locale,
): string {
  const shape = previousUpToVnd === null ? 'atOrBelow' : band.upToVnd === null ? 'above' : 'between'
  const amounts: Record<string, number> = {}
  if (previousUpToVnd !== null) amounts.above = previousUpToVnd
  if (band.upToVnd !== null) amounts.upTo = band.upToVnd
  const perPerson = Object.fromEntries(Object.entries(amounts).map(([k, v]) => [k, spokenVnd(v, locale)]))
  const householdKey = `poverty.range.household${shape[0]?.toUpperCase()}${shape.slice(1)}`
  return t(locale, `poverty.range.${shape}`, {
    ...perPerson,
    household: householdPart(householdKey, members, amounts, locale),
    verdict: verdict(band.category, standard, locale),
  })
}

/**
 * What the house floor area says about `housingArea`. The per-person figure is rounded DOWN to 0,01 m²
 * so that it never shows "8" for an area that is in fact below 8 m² per person.
 */
export function housingAreaNote(housingAreaM2: number, members: number, locale: Locale): string {
  const perPerson = Math.floor((housingAreaM2 / members) * 100) / 100
  const deprived = housingAreaM2 < MIN_HOUSING_AREA_M2_PER_PERSON * members
  return t(locale, deprived ? 'poverty.note.housingAreaDeprived' : 'poverty.note.housingAreaNotDeprived', {
    perPerson: formatNumber(perPerson, locale),
    min: MIN_HOUSING_AREA_M2_PER_PERSON,
  })
}

/** The sentence about the standard that starts on `next.effectiveFrom`. */
export function transitionNote(args: {
  next: PovertyStandard
  area: Area
  locale: Locale
  /** Categories now and under `next`; absent for a range answer. */
  categories?: { now: Category; next: Category }
}): string {
  const { next, area, locale, categories } = args
  const vars = {
    date: formatDate(next.effectiveFrom),
    basis: next.shortBasis,
    area: areaLabel(area, next, locale),
    line: spokenVnd(next.incomeLineVnd[area], locale),
    verdict: categories ? verdict(categories.next, next, locale) : '',
  }
  if (!categories) return t(locale, 'poverty.note.transitionRange', vars)
  const key = categories.now === categories.next ? 'poverty.note.transitionSame' : 'poverty.note.transitionChanges'
  return t(locale, key, vars)
}

/** The reminder that only the commune review decides, naming the scoring method when it is known. */
export function disclaimer(standard: PovertyStandard, locale: Locale): string {
  return t(locale, standard.disclaimerKey)
}
