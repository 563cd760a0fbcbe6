import type { Locale } from '../i18n.ts'
import { t } from '../i18n.ts'
import type { DimensionId, Indicator, IndicatorId } from './indicators.ts'
import { DIMENSION_IDS, INDICATOR_IDS, INDICATORS } from './indicators.ts'

/**
 * The yes/no questions the chat asks a resident, one per indicator, grouped by dimension. Each is asked the way
 * people answer it without thinking twice — "Nhà có ai dùng điện thoại hoặc internet không?", not "Cả nhà không ai
 * dùng…, đúng không?" — so "có" means deprived for some and not deprived for others: `deprivedIf` says which.
 */

/**
 * The answer that means deprived, per indicator: "có" to "Trong nhà có ai … không có việc làm …?", "không" to
 * "Nhà có nhà vệ sinh hợp vệ sinh không?". One flipped answer can move a household across the poor / near-poor
 * line, so the mapping lives here, in code, next to the questions' keys.
 */
export const DEPRIVED_IF: Readonly<Record<IndicatorId, 'yes' | 'no'>> = {
  employment: 'yes',
  dependents: 'yes',
  nutrition: 'yes',
  healthInsurance: 'no',
  adultEducation: 'yes',
  childSchooling: 'yes',
  housingQuality: 'no',
  housingArea: 'no',
  water: 'no',
  sanitation: 'no',
  telecom: 'no',
  infoAccess: 'no',
}

/** One indicator as the chat shows it. */
export interface IndicatorQuestion {
  id: IndicatorId
  name: string
  /** Short, concrete question; the answer {@link IndicatorQuestion.deprivedIf} means deprived. */
  question: string
  deprivedIf: 'yes' | 'no'
  /** Simplified description of the threshold — never the decree's own words. */
  threshold: string
  /** How far the description can be trusted, in words ("cần xác nhận với UBND xã" when unverified). */
  wordingNote: string
  wordingStatus: Indicator['wordingStatus']
}

/** One dimension and its indicators, in the order of FACTS §1.3. */
export interface DimensionQuestions {
  dimension: DimensionId
  name: string
  indicators: IndicatorQuestion[]
}

/** The question, name and threshold description of one indicator. */
export function indicatorQuestion(id: IndicatorId, locale: Locale = 'vi'): IndicatorQuestion {
  const { wordingStatus } = INDICATORS[id]
  return {
    id,
    name: t(locale, `poverty.indicator.${id}.name`),
    question: t(locale, `poverty.indicator.${id}.question`),
    deprivedIf: DEPRIVED_IF[id],
    threshold: t(locale, `poverty.indicator.${id}.threshold`),
    wordingNote: t(locale, `poverty.wording.${wordingStatus}`),
    wordingStatus,
  }
}

/**
 * All 12 questions grouped by their 6 dimensions.
 * @example questionsByDimension('vi')[1] // { dimension: 'health', name: 'Y tế', indicators: [nutrition, healthInsurance] }
 */
export function questionsByDimension(locale: Locale = 'vi'): DimensionQuestions[] {
  return DIMENSION_IDS.map((dimension) => ({
    dimension,
    name: t(locale, `poverty.dimension.${dimension}`),
    indicators: INDICATOR_IDS.filter((id) => INDICATORS[id].dimension === dimension).map((id) =>
      indicatorQuestion(id, locale),
    ),
  }))
}
