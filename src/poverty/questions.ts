import type { Locale } from '../i18n.ts'
import { t } from '../i18n.ts'
import type { DimensionId, Indicator, IndicatorId } from './indicators.ts'
import { DIMENSION_IDS, INDICATOR_IDS, INDICATORS } from './indicators.ts'

/**
 * The yes/no questions the chat asks a resident, one per indicator, grouped by dimension. Answering
 * "có" (yes) to a question means the household is deprived in that indicator.
 */

/** One indicator as the chat shows it. */
export interface IndicatorQuestion {
  id: IndicatorId
  name: string
  /** Short, concrete question; "yes" means deprived. */
  question: string
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
