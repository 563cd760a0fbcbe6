import * as z from 'zod'
import { INDICATOR_IDS, type IndicatorId } from '../poverty/index.ts'
import { CATEGORIES, STANDARD_IDS } from '../poverty/index.ts'
import { MAX_MEMBERS } from '../nlu/members.ts'

/**
 * The state of one eligibility check, as stored in the session between turns. It holds the household's answers
 * only while the check runs: the result step keeps nothing but the estimated category, and the session is
 * cleared when the check ends.
 */

/** Name of the flow in the session. */
export const FLOW = 'eligibility'

/** A check left alone this long is no longer active; the user is then offered to resume or start over. */
export const FLOW_TTL_MS = 30 * 60 * 1000

/** The questions in the order they are asked: area, household size, income, then the 12 indicators. */
export const STEPS = ['area', 'members', 'income', ...INDICATOR_IDS] as const
export type Step = (typeof STEPS)[number]

/** Steps before the indicators. */
export type HouseholdStep = 'area' | 'members' | 'income'

export function isIndicatorStep(step: Step): step is IndicatorId {
  return step !== 'area' && step !== 'members' && step !== 'income'
}

const IncomeSchema = z.discriminatedUnion('kind', [
  /** Household total per month. */
  z.object({ kind: z.literal('total'), vnd: z.number().min(0) }),
  /** Per person per month, when the user said "mỗi người". */
  z.object({ kind: z.literal('perPerson'), vnd: z.number().min(0) }),
  /** "không rõ": the answer is given per income band. */
  z.object({ kind: z.literal('unknown') }),
])
export type IncomeAnswer = z.infer<typeof IncomeSchema>

export const AnswerSchema = z.enum(['yes', 'no', 'unknown'])
export type Answer = z.infer<typeof AnswerSchema>

const QuestionsState = z.object({
  v: z.literal(1),
  at: z.enum(STEPS),
  area: z.enum(['rural', 'urban']).optional(),
  /** Commune code for the anonymous statistics ("" unknown); never shown to anyone. */
  placeCode: z.string().default(''),
  members: z.int().min(1).max(MAX_MEMBERS).optional(),
  income: IncomeSchema.optional(),
  answers: z.partialRecord(z.enum(INDICATOR_IDS), AnswerSchema).default({}),
})

const ConsentState = z.object({
  v: z.literal(1),
  at: z.literal('consent'),
  category: z.enum(CATEGORIES),
  standard: z.enum(STANDARD_IDS),
})

export type QuestionsState = z.infer<typeof QuestionsState>
export type ConsentState = z.infer<typeof ConsentState>
export type CheckState = QuestionsState | ConsentState

const StateSchema = z.union([ConsentState, QuestionsState])

/** The stored state, or null when it is not ours or not readable (an older shape): the check then starts afresh. */
export function readState(raw: unknown): CheckState | null {
  const parsed = StateSchema.safeParse(raw)
  return parsed.success ? parsed.data : null
}

export function isAnswered(state: QuestionsState, step: Step): boolean {
  if (step === 'area') return state.area !== undefined
  if (step === 'members') return state.members !== undefined
  if (step === 'income') return state.income !== undefined
  return state.answers[step] !== undefined
}

/** How many of the questions have an answer. */
export function answeredCount(state: QuestionsState): number {
  return STEPS.filter((s) => isAnswered(state, s)).length
}

/**
 * The step after `from`: the first unanswered one after it, else the first unanswered one anywhere; `done`
 * when all are answered. Going back and changing an answer therefore returns to where the user was.
 */
export function nextStep(state: QuestionsState, from: Step): Step | 'done' {
  const index = STEPS.indexOf(from)
  const after = STEPS.slice(index + 1).find((s) => !isAnswered(state, s))
  if (after) return after
  return STEPS.find((s) => !isAnswered(state, s)) ?? 'done'
}

/** The step before `step`, or null for the first. */
export function previousStep(step: Step): Step | null {
  const index = STEPS.indexOf(step)
  return index > 0 ? (STEPS[index - 1] ?? null) : null
}

/** Whether `step` may be answered now: the current step, or one already passed (an older message's button). */
export function isReachable(state: QuestionsState, step: Step): boolean {
  return STEPS.indexOf(step) <= STEPS.indexOf(state.at) || isAnswered(state, step)
}

/** A fresh check with what is already known. */
export function newState(known: Partial<Pick<QuestionsState, 'area' | 'members' | 'income' | 'placeCode'>>): QuestionsState {
  const state: QuestionsState = { v: 1, at: 'area', placeCode: known.placeCode ?? '', answers: {} }
  if (known.area) state.area = known.area
  if (known.members !== undefined) state.members = known.members
  if (known.income) state.income = known.income
  const first = STEPS.find((s) => !isAnswered(state, s))
  state.at = first ?? 'area'
  return state
}
