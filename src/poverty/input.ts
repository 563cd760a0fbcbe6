import * as z from 'zod'
import type { Locale } from '../i18n.ts'
import { t } from '../i18n.ts'
import { formatNumber, spokenVnd } from './format.ts'
import { INDICATOR_IDS } from './indicators.ts'
import { STANDARD_IDS } from './standards.ts'

/**
 * The household the classifier takes, as a zod schema, and the translation of validation failures into
 * one short Vietnamese message with the path of the offending field.
 */

/** Largest household accepted: a sanity bound, not a legal one. */
export const MAX_MEMBERS = 100
/**
 * Largest monthly amount accepted (1.000 tỷ đồng). A sanity bound that keeps `line × members` and
 * `income × members` exact in floating point; the conversation layer rejects implausible amounts long
 * before this.
 */
export const MAX_MONEY_VND = 1_000_000_000_000
/** Largest house floor area accepted, in m². */
export const MAX_HOUSING_AREA_M2 = 100_000

const money = z.number().min(0).max(MAX_MONEY_VND)

const householdFields = {
  standard: z.enum(STANDARD_IDS).optional(),
  date: z.iso.date().optional(),
  area: z.enum(['rural', 'urban']),
  members: z.int().min(1).max(MAX_MEMBERS),
  /** Works in farming, forestry, fishing or salt-making (nông, lâm, ngư, diêm nghiệp). */
  agriculture: z.boolean().optional(),
  /** Indicators the household is deprived in; duplicates count once. */
  deprivations: z.array(z.enum(INDICATOR_IDS)),
  /** Total floor area of the house, in m²; when given, it decides `housingArea`. */
  housingAreaM2: z.number().min(0).max(MAX_HOUSING_AREA_M2).optional(),
}

/**
 * A household without its income: what `classifyRange` takes when the income is unknown ("không rõ").
 * Unknown keys are refused so that a typo (`"member"`) is an error, not a silently different answer.
 */
export const HouseholdWithoutIncomeSchema = z.strictObject(householdFields)

/**
 * A household as `classify` takes it. Exactly one of `monthlyIncomeVnd` (household total per month) and
 * `incomePerPersonVnd` must be given; that rule is checked by `parseHousehold`, after the schema, so the
 * schema's own messages stay simple.
 */
export const HouseholdSchema = z.strictObject({
  ...householdFields,
  /** Household total income per month, VND. */
  monthlyIncomeVnd: money.optional(),
  /** Income per person per month, VND. */
  incomePerPersonVnd: money.optional(),
})

/** What callers pass to `classify` (both income fields optional in the type; exactly one at run time). */
export type HouseholdInput = z.input<typeof HouseholdSchema>
/** A validated household. */
export type Household = z.output<typeof HouseholdSchema>
/** What callers pass to `classifyRange`. */
export type HouseholdWithoutIncomeInput = z.input<typeof HouseholdWithoutIncomeSchema>
/** A validated household without income. */
export type HouseholdWithoutIncome = z.output<typeof HouseholdWithoutIncomeSchema>

/** Why an input is not a valid household: a Vietnamese (or English) sentence and where the problem is. */
export interface InputProblem {
  message: string
  path: (string | number)[]
}

/**
 * An expected, user-facing failure (bad input, or a date our data has no standard for). Carries the
 * path of the field at fault; never a fault in the program.
 */
export class PovertyInputError extends Error {
  readonly path: (string | number)[]
  constructor(problem: InputProblem) {
    super(problem.message)
    this.name = 'PovertyInputError'
    this.path = problem.path
  }

  /** The `{ message, path }` shape the CLI prints. */
  toProblem(): InputProblem {
    return { message: this.message, path: this.path }
  }
}

/** A validated value, or the first problem found. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: InputProblem }

const FIELD_NAMES = Object.keys(HouseholdSchema.shape)

/** `["deprivations", 2]` → `deprivations[2]`. */
function pathText(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('')
}

function withPath(path: (string | number)[], message: string): InputProblem {
  return { message: path.length > 0 ? `${pathText(path)}: ${message}` : message, path }
}

function fieldRule(field: string, locale: Locale): string {
  return t(locale, `poverty.input.field.${field}`, {
    maxMembers: MAX_MEMBERS,
    maxMoney: spokenVnd(MAX_MONEY_VND, locale),
    maxArea: formatNumber(MAX_HOUSING_AREA_M2, locale),
  })
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let node = raw
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined
    node = (node as Record<PropertyKey, unknown>)[key]
  }
  return node
}

/** One zod issue → one sentence. Every field has one rule sentence, whatever exactly was wrong with it. */
function describeIssue(issue: z.core.$ZodIssue, raw: unknown, locale: Locale): InputProblem {
  const path = issue.path.map((p) => (typeof p === 'number' ? p : String(p)))
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? ''
    return withPath([...path, key], t(locale, 'poverty.input.unknownField', { fields: FIELD_NAMES.join(', ') }))
  }
  if (path.length === 0) {
    return withPath([], t(locale, 'poverty.input.notAnObject'))
  }
  const [field] = path
  if (field === 'deprivations' && path.length === 2) {
    return withPath(path, t(locale, 'poverty.input.unknownIndicator', {
      value: JSON.stringify(valueAt(raw, issue.path) ?? null),
      ids: INDICATOR_IDS.join(', '),
    }))
  }
  const rule = fieldRule(String(field), locale)
  const missing = path.length === 1 && valueAt(raw, issue.path) === undefined
  return withPath(path, missing ? t(locale, 'poverty.input.missing', { rule }) : rule)
}

function firstProblem(error: z.ZodError, raw: unknown, locale: Locale): InputProblem {
  // An unknown key usually is a misspelt known one, which explains the "missing" field reported with it.
  const issue = error.issues.find((i) => i.code === 'unrecognized_keys') ?? error.issues[0]
  if (!issue) return withPath([], t(locale, 'poverty.input.notAnObject'))
  return describeIssue(issue, raw, locale)
}

/**
 * Validate a household given without income (for `classifyRange`).
 * @example parseHouseholdWithoutIncome({ area: 'rural', members: 3, deprivations: [] })
 */
export function parseHouseholdWithoutIncome(raw: unknown, locale: Locale = 'vi'): ParseResult<HouseholdWithoutIncome> {
  const parsed = HouseholdWithoutIncomeSchema.safeParse(raw)
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: firstProblem(parsed.error, raw, locale) }
}

/**
 * Validate a household; on failure, the first problem as a short sentence in `locale` and its path.
 * @example parseHousehold({ area: 'rural', members: 0, deprivations: [], monthlyIncomeVnd: 1 })
 *   // { ok: false, error: { message: 'members: phải là số nguyên từ 1 đến 100', path: ['members'] } }
 */
export function parseHousehold(raw: unknown, locale: Locale = 'vi'): ParseResult<Household> {
  const parsed = HouseholdSchema.safeParse(raw)
  if (!parsed.success) return { ok: false, error: firstProblem(parsed.error, raw, locale) }
  const { monthlyIncomeVnd, incomePerPersonVnd } = parsed.data
  if (monthlyIncomeVnd !== undefined && incomePerPersonVnd !== undefined) {
    return { ok: false, error: withPath([], t(locale, 'poverty.input.bothIncomes')) }
  }
  if (monthlyIncomeVnd === undefined && incomePerPersonVnd === undefined) {
    return { ok: false, error: withPath([], t(locale, 'poverty.input.noIncome')) }
  }
  return { ok: true, value: parsed.data }
}
