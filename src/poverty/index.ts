/**
 * Rules as code for the national multidimensional poverty standard: dated standards with legal
 * references, the 12 indicators, and `classify` / `classifyRange`. Runs on Workers (no fs, no node:);
 * the command line lives in `cli.ts`.
 */
export type { Note } from './answer.ts'
export type { Change, Classification } from './classify.ts'
export { classify, tryClassify } from './classify.ts'
export type { IncomeBandAnswer, RangeClassification } from './range.ts'
export { classifyRange } from './range.ts'
export type { ClassifyOptions } from './select.ts'
export { todayInVietnam } from './dates.ts'
export { formatDate, formatVnd, spokenVnd } from './format.ts'
export type { DimensionId, Indicator, IndicatorId } from './indicators.ts'
export { DIMENSION_IDS, INDICATOR_IDS, INDICATORS, MIN_HOUSING_AREA_M2_PER_PERSON, isIndicatorId } from './indicators.ts'
export type { Household, HouseholdInput, HouseholdWithoutIncomeInput, InputProblem, ParseResult } from './input.ts'
export {
  HouseholdSchema,
  HouseholdWithoutIncomeSchema,
  MAX_MEMBERS,
  MAX_MONEY_VND,
  PovertyInputError,
  parseHousehold,
  parseHouseholdWithoutIncome,
} from './input.ts'
export type { DimensionQuestions, IndicatorQuestion } from './questions.ts'
export { DEPRIVED_IF, indicatorQuestion, questionsByDimension } from './questions.ts'
export type { Category } from './rule.ts'
export { CATEGORIES } from './rule.ts'
export type { Area, LegalReference, PovertyStandard, StandardId } from './standards.ts'
export { STANDARDS, STANDARD_IDS, getStandard, standardOn } from './standards.ts'
