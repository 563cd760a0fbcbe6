import type { Locale } from '../i18n.ts'
import { t } from '../i18n.ts'
import { housingAreaNote } from './explain.ts'
import type { IndicatorId } from './indicators.ts'
import type { HouseholdWithoutIncome } from './input.ts'
import { deprivedIndicators } from './rule.ts'
import type { Area, LegalReference, PovertyStandard, StandardId } from './standards.ts'

/** What every answer says, with or without a known income. */

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
export interface AnswerBase {
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

/** The income-free facts, before any text is written. */
export type IncomeFreeFacts = Omit<AnswerBase, 'notes' | 'explanation' | 'disclaimer'>

/** Standard, lines and deprivations of a household under `standard`. */
export function incomeFreeFacts(household: HouseholdWithoutIncome, standard: PovertyStandard): IncomeFreeFacts {
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

/** Notes that do not depend on the income: provisional indicators, the housing area decision. */
export function incomeFreeNotes(household: HouseholdWithoutIncome, standard: PovertyStandard, locale: Locale): Note[] {
  const notes: Note[] = []
  if (!standard.indicatorsConfirmed) {
    notes.push({ code: 'provisionalIndicators', text: t(locale, 'poverty.note.provisionalIndicators') })
  }
  if (household.housingAreaM2 !== undefined) {
    notes.push({ code: 'housingArea', text: housingAreaNote(household.housingAreaM2, household.members, locale) })
  }
  return notes
}
