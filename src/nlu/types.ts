/**
 * The contract between the Vietnamese NLU and everything that uses it (dialogue handlers, CLI, evaluation).
 * Intent ids are fixed by issue #3: handlers and the evaluation rely on them exactly.
 */
export const INTENT_IDS = [
  'greeting',
  'help',
  'thanks_bye',
  'policy.poverty_standard',
  'policy.health_insurance',
  'policy.education',
  'policy.credit',
  'policy.housing',
  'policy.electricity',
  'policy.jobs',
  'policy.livelihood',
  'policy.registration',
  'policy.overview',
  'policy.legal_aid',
  'policy.social_pension',
  'eligibility.check',
  'contact.officer',
  'reminder.list',
  'reminder.subscribe',
  'reminder.unsubscribe',
  'reminder.create',
  'lookup.stats',
  'lookup.household',
  'out_of_scope',
] as const

export type IntentId = (typeof INTENT_IDS)[number]

/** A place the entity parser can recognise: its code in the `Place` table and every spelling to accept. */
export interface PlaceName {
  code: string
  names: string[]
  /** The unit exists today (not merged away); wins a tie when two places share a spelling. */
  current?: boolean
}

export interface Entities {
  /** Every reasonable money amount mentioned, in VND, in order of appearance. */
  amountsVnd?: number[]
  /** Amounts that were recognised but are not usable (zero, negative, absurd), with the reason. */
  rejectedAmounts?: { text: string; reason: 'zero' | 'negative' | 'too_large' }[]
  /** Household size. */
  members?: number
  /** A date/time resolved in Asia/Ho_Chi_Minh, as an ISO string with +07:00 offset. */
  date?: string
  /** True when the message gave a time of day; otherwise `date` is at 00:00. */
  dateHasTime?: boolean
  /** Code of the best-matching place. */
  place?: string
  /** A person's name, written the usual way ("Ksor H'Bian", "Y Kim", "Nguyễn Văn Hải"): whose household to look up. */
  personName?: string
  /** A household code, upper-cased with a hyphen ("HN-023", "CN-107"). */
  householdCode?: string
}

export interface Understanding {
  text: string
  intent: IntentId
  /** Calibrated probability of `intent`, 0..1. */
  confidence: number
  /** Runner-up intents with their confidence, best first (at most 3). */
  alternatives: { intent: IntentId; confidence: number }[]
  /**
   * When no intent is sure enough but two or three together hold the answer: the intents to offer as "Ý bạn
   * là…?" buttons, best first (then `intent` is out_of_scope). Absent for an answer or a real out-of-scope.
   */
  clarify?: readonly IntentId[]
  entities: Entities
}
