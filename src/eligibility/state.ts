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

/**
 * The 12 indicators in the order they are asked. The check stops as soon as the answers decide the result, so the
 * order matters for how many questions a household gets: first what a household sees at home and answers at once
 * (water and toilet, the house, phone and TV or loudspeaker — asked two at a time, see {@link PAIRS}), then the
 * health insurance cards, then what needs thinking about each member. FACTS has no figures on which deprivations
 * are commonest in the communes; the order is a judgment, to revise when the commune's review data can say.
 */
export const ASK_ORDER = [
  'water',
  'sanitation',
  'housingQuality',
  'housingArea',
  'telecom',
  'infoAccess',
  'healthInsurance',
  'nutrition',
  'adultEducation',
  'childSchooling',
  'employment',
  'dependents',
] as const satisfies readonly IndicatorId[]

/**
 * The two indicators of each dimension, asked together: one message states both as things a household has or
 * that hold for it ("Nước sạch để dùng", "Nhà vệ sinh hợp vệ sinh"), with one button per case, named by what is
 * missing ("Có đủ cả hai", "Thiếu nước sạch", "Thiếu nhà vệ sinh", "Thiếu cả hai", "Không rõ"). One tap answers two;
 * after "Không rõ" the two are asked one by one.
 */
export const PAIRS = {
  water: ['water', 'sanitation'],
  housing: ['housingQuality', 'housingArea'],
  information: ['telecom', 'infoAccess'],
  health: ['healthInsurance', 'nutrition'],
  education: ['adultEducation', 'childSchooling'],
  work: ['employment', 'dependents'],
} as const satisfies Record<string, readonly [IndicatorId, IndicatorId]>

/** The buttons of a pair: both hold, the first is missing, the second, both, or the user does not know. */
export const PAIR_CHOICES = ['ok', 'lackA', 'lackB', 'lackBoth', 'unknown'] as const
export type PairChoice = (typeof PAIR_CHOICES)[number]
export type PairId = keyof typeof PAIRS
export const PAIR_IDS = Object.keys(PAIRS) as PairId[]

/** The pair `step` is asked in, unless the user asked for its two questions one by one. */
export function pairOf(state: Pick<QuestionsState, 'singles'>, step: Step): PairId | undefined {
  const pair = PAIR_IDS.find((id) => (PAIRS[id] as readonly string[]).includes(step))
  return pair && !state.singles?.includes(pair) ? pair : undefined
}

/** The messages the indicators take (a pair is one), in order: "Câu 3/9" counts these. */
export function screens(state: Pick<QuestionsState, 'singles'>): Step[] {
  return ASK_ORDER.filter((id) => {
    const pair = pairOf(state, id)
    return !pair || PAIRS[pair][0] === id
  })
}

/** The questions in the order they are asked: area, household size, income, then the indicators. */
export const STEPS = ['area', 'members', 'income', ...ASK_ORDER] as const
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
  // 2: answers are the user's own "có"/"không" to the positive questions (see DEPRIVED_IF), not "deprived or not".
  v: z.literal(2),
  at: z.enum(STEPS),
  area: z.enum(['rural', 'urban']).optional(),
  /** Commune code for the anonymous statistics ("" unknown); never shown to anyone. */
  placeCode: z.string().default(''),
  members: z.int().min(1).max(MAX_MEMBERS).optional(),
  income: IncomeSchema.optional(),
  answers: z.partialRecord(z.enum(INDICATOR_IDS), AnswerSchema).default({}),
  /** The result was shown and the user chose to answer the remaining questions: ask them all. */
  more: z.boolean().optional(),
  /** Pairs the user answered "Không rõ" to: asked one question at a time. */
  singles: z.array(z.enum(['water', 'housing', 'information', 'health', 'education', 'work'])).optional(),
})

const ConsentState = z.object({
  v: z.literal(2),
  at: z.literal('consent'),
  category: z.enum(CATEGORIES),
  standard: z.enum(STANDARD_IDS),
  /** The answers so far, while the user may still answer the questions the result did not need. */
  rest: QuestionsState.optional(),
})

/** A result for an unknown income, with questions the user may still answer ("Trả lời tiếp"). */
const RestState = z.object({ v: z.literal(2), at: z.literal('rest'), rest: QuestionsState })

export type QuestionsState = z.infer<typeof QuestionsState>
export type ConsentState = z.infer<typeof ConsentState>
export type RestState = z.infer<typeof RestState>
export type CheckState = QuestionsState | ConsentState | RestState

const StateSchema = z.union([ConsentState, RestState, QuestionsState])

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

/** How many of the questions have an answer (a pair asked as one counts once). */
export function answeredCount(state: QuestionsState): number {
  const household = (['area', 'members', 'income'] as const).filter((s) => isAnswered(state, s)).length
  return household + screens(state).filter((s) => {
    const pair = pairOf(state, s)
    return pair ? PAIRS[pair].every((id) => state.answers[id] !== undefined) : isAnswered(state, s)
  }).length
}

/** How many questions a check asks at most: area, size, income and one per screen (a pair is one). */
export function questionCount(state: Pick<QuestionsState, 'singles'>): number {
  return 3 + screens(state).length
}

/**
 * The step after `from`: the first unanswered one after it, else the first unanswered one anywhere; `done`
 * when all are answered, or — unless the user asked to answer them all — when `decided` says the answers given
 * already decide the result. Going back and changing an answer therefore returns to where the user was.
 */
export function nextStep(state: QuestionsState, from: Step, decided: (state: QuestionsState) => boolean = () => false): Step | 'done' {
  const household = STEPS.slice(0, 3).find((s) => !isAnswered(state, s))
  if (household === undefined && !state.more && decided(state)) return 'done'
  const index = STEPS.indexOf(from)
  const after = STEPS.slice(index + 1).find((s) => !isAnswered(state, s))
  if (after) return after
  return STEPS.find((s) => !isAnswered(state, s)) ?? 'done'
}

/** The indicators not answered yet, in the order they are asked. */
export function unanswered(state: QuestionsState): IndicatorId[] {
  return ASK_ORDER.filter((id) => state.answers[id] === undefined)
}

/** The step before `step` (the first of the previous pair, when it is asked as one), or null for the first. */
export function previousStep(step: Step, state: Pick<QuestionsState, 'singles'> = {}): Step | null {
  const pair = pairOf(state, step)
  const from = pair ? PAIRS[pair][0] : step
  const index = STEPS.indexOf(from)
  const before = index > 0 ? (STEPS[index - 1] ?? null) : null
  if (!before) return null
  const previousPair = pairOf(state, before)
  return previousPair ? PAIRS[previousPair][0] : before
}

/** Whether `step` may be answered now: the current step, or one already passed (an older message's button). */
export function isReachable(state: QuestionsState, step: Step): boolean {
  return STEPS.indexOf(step) <= STEPS.indexOf(state.at) || isAnswered(state, step)
}

/** A fresh check with what is already known. */
export function newState(known: Partial<Pick<QuestionsState, 'area' | 'members' | 'income' | 'placeCode'>>): QuestionsState {
  const state: QuestionsState = { v: 2, at: 'area', placeCode: known.placeCode ?? '', answers: {} }
  if (known.area) state.area = known.area
  if (known.members !== undefined) state.members = known.members
  if (known.income) state.income = known.income
  const first = STEPS.find((s) => !isAnswered(state, s))
  state.at = first ?? 'area'
  return state
}
