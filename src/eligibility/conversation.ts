import type { Db } from '../db.ts'
import type { Logger } from '../logger.ts'
import type { Reply } from '../messages.ts'
import { t } from '../i18n.ts'
import { MAX_REASONABLE_VND } from '../nlu/money.ts'
import { MAX_MEMBERS, parseMembers } from '../nlu/members.ts'
import {
  DEPRIVED_IF,
  PovertyInputError,
  classifyRange,
  spokenVnd,
  isIndicatorId,
  todayInVietnam,
  tryClassify,
  type Category,
  type HouseholdWithoutIncomeInput,
  type IndicatorId,
  type StandardId,
} from '../poverty/index.ts'
import type { Feature, SessionUpdate, TurnContext, TurnResult } from '../dialogue/types.ts'
import { MIN_INCOME_VND, isPerPerson, parseAnswer, parseArea, parseCommand, parseConsent, parseIncomeReply, parseMembersReply } from './parse.ts'
import {
  askAgain,
  cancelButton,
  cancelled,
  classificationSections,
  moreButton,
  back as backButton,
  consentQuestion,
  consentSaved,
  expired,
  incomeNoUnit,
  invalidLine,
  nextStepReply,
  opening,
  pack,
  question,
  rangeSections,
  resumeOffer,
} from './render.ts'
import {
  FLOW,
  FLOW_TTL_MS,
  answeredCount,
  isReachable,
  pairOf,
  questionCount,
  newState,
  nextStep,
  previousStep,
  readState,
  type Answer,
  type CheckState,
  type ConsentState,
  type IncomeAnswer,
  type QuestionsState,
  type RestState,
  type Step,
  PAIRS,
  PAIR_IDS,
  type PairChoice,
  type PairId,
  unanswered,
} from './state.ts'
import { countCheck, forgetEstimate, rememberEstimate } from './store.ts'
import { deprivedIn, outcomeDecided } from './decided.ts'
import type { Places } from '../places.ts'
import './texts.ts'


/**
 * The quick eligibility check (issue #4): a short conversation that estimates whether a household is poor,
 * near-poor or neither, with buttons for every answer. It fills what the first message already said, asks the
 * rest one question at a time, and ends with the estimate, its legal basis, the disclaimer and the next step.
 *
 * Flow `eligibility`, buttons `elig:*`:
 * - `elig:start` (menu) / intent `eligibility.check` — start, or offer to resume a check left half-way;
 * - `elig:resume`, `elig:restart`, `elig:back`, `elig:cancel`;
 * - answers: `elig:area:rural|urban`, `elig:members:<n>` (`elig:members:more` asks to type it), `elig:income:<vnd>`,
 *   `elig:unknown_income`, `elig:yes|no|unknown:<indicatorId>` — the user's own "có"/"không" to the question as asked;
 *   which answer means deprived is in DEPRIVED_IF;
 * - after the result: `elig:more` (answer the questions the result did not need), `elig:save:yes|no` (remember the
 *   estimate, only with consent), `elig:forget`.
 *
 * The check stops asking as soon as the answers decide the result under every standard it shows (decided.ts), the
 * deciding questions first; the rest are offered as optional.
 */
export function createEligibilityFeature(deps: { db: Db; logger: Logger; places: Places }): Feature {
  const { db, logger } = deps
  const placeFacts = (_db: Db, code: string | null | undefined, day: string) => deps.places.facts(code, day)
  const keep = (state: CheckState): SessionUpdate => ({ flow: FLOW, state, ttlMs: FLOW_TTL_MS })
  const today = (ctx: TurnContext) => todayInVietnam(ctx.now)
  const l = (ctx: TurnContext) => ctx.locale

  /** The check this contact has, active or expired (for "resume"), if it is one of ours and readable. */
  function checkOf(flow: TurnContext['flow']): CheckState | null {
    return flow?.name === FLOW ? readState(flow.state) : null
  }

  /** The check as long as it is still asking questions (not showing a result). */
  function asking(state: CheckState | null): QuestionsState | null {
    return state && state.at !== 'consent' && state.at !== 'rest' ? state : null
  }

  /** A check worth resuming: still asking, and with an answer the user gave (an area from their place is not one). */
  function resumable(state: CheckState | null): QuestionsState | null {
    const questions = asking(state)
    if (!questions) return null
    return answeredCount(questions) - (questions.area !== undefined ? 1 : 0) > 0 ? questions : null
  }

  const isPairId = (value: string): value is PairId => (PAIR_IDS as readonly string[]).includes(value)

  /** Whether the answers so far decide the result shown today (then the check stops asking). */
  const decider = (ctx: TurnContext) => (state: QuestionsState) => outcomeDecided(state, today(ctx), l(ctx))

  async function start(ctx: TurnContext, fromMessage: boolean): Promise<TurnResult> {
    const day = today(ctx)
    const entities = fromMessage ? (ctx.understanding?.entities ?? {}) : {}
    const said = await placeFacts(db, entities.place, day)
    const own = await placeFacts(db, ctx.contact.placeCode, day)
    const place = said ?? own
    const known: Parameters<typeof newState>[0] = { placeCode: said?.communeCode || own?.communeCode || '' }
    if (place?.area) known.area = place.area
    if (entities.members !== undefined) known.members = entities.members
    // Only one usable amount and nothing refused: "vay 50 triệu, thu nhập 3 triệu" is asked, not guessed.
    const amounts = entities.amountsVnd ?? []
    const amount = amounts[0]
    if (amounts.length === 1 && amount !== undefined && amount >= MIN_INCOME_VND && !entities.rejectedAmounts?.length) {
      const perPerson = ctx.text !== undefined && isPerPerson(ctx.text) && entities.members !== 1
      if (!perPerson || amount * (entities.members ?? 1) <= MAX_REASONABLE_VND) {
        known.income = perPerson ? { kind: 'perPerson', vnd: amount } : { kind: 'total', vnd: amount }
      }
    }
    const state = newState(known)
    return { replies: opening(l(ctx), state, day, place?.area ? place.name : null), session: keep(state) }
  }

  /** Entering by intent: a message with household facts starts afresh with them; a bare one may resume. */
  async function enter(ctx: TurnContext): Promise<TurnResult> {
    const e = ctx.understanding?.entities
    const carriesFacts = e?.members !== undefined || (e?.amountsVnd?.length ?? 0) > 0
    const previous = resumable(checkOf(ctx.flow) ?? checkOf(ctx.storedFlow))
    if (!carriesFacts && previous) return offerResume(ctx, previous)
    return start(ctx, true)
  }

  function offerResume(ctx: TurnContext, state: QuestionsState): TurnResult {
    const reply = resumeOffer(l(ctx), answeredCount(state), questionCount(state))
    // An active check stays active while the user decides; an expired one stays stored for "resume".
    return ctx.flow?.name === FLOW ? { replies: [reply], session: keep(state) } : { replies: [reply] }
  }

  function ask(ctx: TurnContext, state: QuestionsState, before?: string): TurnResult {
    const [q, ...rest] = question(l(ctx), state.at, today(ctx), state)
    return { replies: [before && q ? { ...q, text: `${before}\n\n${q.text}` } : q!, ...rest], session: keep(state) }
  }

  function reask(ctx: TurnContext, state: QuestionsState, why: string): TurnResult {
    return { replies: askAgain(l(ctx), state.at, today(ctx), why, state), session: keep(state) }
  }

  function cancel(ctx: TurnContext): TurnResult {
    return { replies: [cancelled(l(ctx), ctx.menu())], session: { clear: true } }
  }

  function back(ctx: TurnContext, state: QuestionsState): TurnResult {
    const previous = previousStep(state.at, state)
    if (!previous) return reask(ctx, state, t(l(ctx), 'eligibility.first_question'))
    return ask(ctx, { ...state, at: previous })
  }

  /** Records the answer to `step` and moves on: the next question, or the result after the last one. */
  async function answer(ctx: TurnContext, state: QuestionsState, step: Step, patch: Partial<QuestionsState>, noted?: string): Promise<TurnResult> {
    const updated: QuestionsState = { ...state, ...patch, answers: { ...state.answers, ...patch.answers } }
    const next = nextStep(updated, step, decider(ctx))
    if (next === 'done') return finish(ctx, updated)
    const before = noted ? t(l(ctx), 'eligibility.noted', { what: noted }) : undefined
    return ask(ctx, { ...updated, at: next }, before)
  }

  function incomeNoted(ctx: TurnContext, income: Exclude<IncomeAnswer, { kind: 'unknown' }>): string {
    const key = income.kind === 'total' ? 'eligibility.known_income_total' : 'eligibility.known_income_per_person'
    return t(l(ctx), key, { amount: spokenVnd(income.vnd, l(ctx)) })
  }

  /** A typed reply to the current question: the answer, a reason to ask again, or null when it is not a reply at all. */
  async function typed(ctx: TurnContext, state: QuestionsState, text: string): Promise<TurnResult | null> {
    const step = state.at
    const locale = l(ctx)
    const day = today(ctx)
    if (step === 'area') {
      const area = parseArea(text)
      if (area) return answer(ctx, state, step, { area })
      const placeCode = ctx.understanding?.entities.place
      if (placeCode) {
        const facts = await placeFacts(db, placeCode, day)
        if (facts?.area) return answer(ctx, state, step, { area: facts.area, placeCode: facts.communeCode || state.placeCode })
        if (facts) return reask(ctx, state, invalidLine(locale, step, day))
      }
      return null
    }
    if (step === 'members') {
      const parsed = parseMembersReply(text)
      if (!parsed.ok) return parsed.problem === 'outOfRange' ? reask(ctx, state, invalidLine(locale, step, day, { membersRange: true })) : null
      const patch: Partial<QuestionsState> = { members: parsed.members }
      const noted = [t(locale, 'eligibility.known_members', { members: parsed.members })]
      // "5 người, thu nhập 4 triệu" answers the next question too.
      if (state.income === undefined) {
        const income = parseIncomeReply(text, parsed.members)
        if (income.ok && income.income.kind !== 'unknown') {
          patch.income = income.income
          noted.push(incomeNoted(ctx, income.income))
        }
      }
      return answer(ctx, state, step, patch, noted.join(', '))
    }
    if (step === 'income') {
      // "nhà 3 người thu nhập 2 triệu" at this question restates the size too: take both.
      const restated = parseMembers(text)
      const members = restated ?? state.members
      const parsed = parseIncomeReply(text, members)
      if (parsed.ok) {
        const noted = [
          ...(restated !== undefined ? [t(locale, 'eligibility.known_members', { members: restated })] : []),
          ...(parsed.income.kind !== 'unknown' ? [incomeNoted(ctx, parsed.income)] : []),
        ].join(', ')
        const patch: Partial<QuestionsState> = restated !== undefined ? { income: parsed.income, members: restated } : { income: parsed.income }
        return answer(ctx, state, step, patch, noted || undefined)
      }
      if (parsed.problem === 'notMoney') return null
      if (parsed.problem === 'noUnit' && parsed.bareNumber && parsed.bareNumber > 0) {
        return { replies: [incomeNoUnit(locale, day, parsed.bareNumber)], session: keep(state) }
      }
      return reask(ctx, state, invalidLine(locale, step, day, { income: parsed.problem, ...(parsed.text ? { text: parsed.text } : {}) }))
    }
    const reply = parseAnswer(text)
    if (!reply) return null
    const pair = pairOf(state, step)
    if (pair) {
      // A typed "có" to a pair means both hold, "không" that both are missing; "không rõ" asks them one by one.
      const [a, b] = PAIRS[pair]
      if (reply === 'unknown') return ask(ctx, { ...state, singles: [...(state.singles ?? []), pair], at: a })
      const holds = (id: IndicatorId): Answer => (reply === 'yes' ? (DEPRIVED_IF[id] === 'yes' ? 'no' : 'yes') : DEPRIVED_IF[id])
      return answer(ctx, state, a, { answers: { [a]: holds(a), [b]: holds(b) } })
    }
    return answer(ctx, state, step, { answers: { [step]: reply } })
  }

  /** Every turn while a check is active. Declines (null) what is clearly meant for another feature. */
  async function inFlow(ctx: TurnContext): Promise<TurnResult | null> {
    const checked = checkOf(ctx.flow)
    if (ctx.button) return ctx.button.parts[0] === 'elig' ? onButton(ctx, checked) : null
    const text = ctx.text
    if (text === undefined || !checked) return null
    if (checked.at === 'consent') {
      const agreed = parseConsent(text) ?? (parseCommand(text) === 'cancel' ? false : null)
      return agreed === null ? null : consent(ctx, checked, agreed)
    }
    if (checked.at === 'rest') return null
    const state = checked
    const command = parseCommand(text)
    if (command === 'cancel') return cancel(ctx)
    if (command === 'back') return back(ctx, state)
    if (command === 'restart') return start(ctx, false)
    const result = await typed(ctx, state, text)
    if (result) return result
    const intent = ctx.understanding?.intent ?? 'out_of_scope'
    // A question about something else (a policy, a greeting) is answered; the check waits for the user's return.
    if (intent !== 'out_of_scope' && intent !== 'eligibility.check') return null
    if (intent === 'eligibility.check' && resumable(state)) return offerResume(ctx, state)
    return reask(ctx, state, invalidLine(l(ctx), state.at, today(ctx)))
  }

  /** `elig:*` buttons, with the active check (`state`) or, when it expired, the stored one. */
  async function onButton(ctx: TurnContext, active: CheckState | null): Promise<TurnResult> {
    const [, action = '', arg = ''] = ctx.button?.parts ?? []
    const stored = active ? null : checkOf(ctx.storedFlow)
    const questions = asking(active)
    switch (action) {
      case 'start': {
        const previous = resumable(active) ?? resumable(stored)
        return previous ? offerResume(ctx, previous) : start(ctx, false)
      }
      case 'restart':
        return start(ctx, false)
      case 'resume': {
        const previous = questions ?? asking(stored)
        if (previous) return ask(ctx, previous)
        const fresh = await start(ctx, false)
        const [first, ...rest] = fresh.replies
        const note = t(l(ctx), 'eligibility.not_resumable')
        return { ...fresh, replies: first ? [{ ...first, text: `${note}\n\n${first.text}` }, ...rest] : fresh.replies }
      }
      case 'cancel':
        return cancel(ctx)
      case 'more': {
        // "Trả lời tiếp": the questions the result did not need, for the list of what the household lacks.
        const shown = active ?? stored
        const rest = shown && (shown.at === 'consent' || shown.at === 'rest') ? shown.rest : undefined
        if (!rest || unanswered(rest).length === 0) return { replies: [expired(l(ctx), ctx.menu())] }
        const more: QuestionsState = { ...rest, more: true, at: unanswered(rest)[0]! }
        return ask(ctx, more, t(l(ctx), 'eligibility.more_intro', { count: questionCount(more) - answeredCount(more) }))
      }
      case 'save': {
        const check = active ?? stored
        if (check?.at !== 'consent') return { replies: [{ text: t(l(ctx), 'eligibility.consent.nothing'), buttons: ctx.menu() }] }
        return consent(ctx, check, arg === 'yes')
      }
      case 'forget': {
        const forgotten = await forgetEstimate(db, ctx.contact.id)
        const text = t(l(ctx), forgotten ? 'eligibility.consent.forgotten' : 'eligibility.consent.nothing')
        return { replies: [{ text, buttons: ctx.menu() }] }
      }
    }
    // An answer or "back": only meaningful inside a check that is still asking.
    if (!questions) {
      if (active?.at === 'consent') return { replies: [consentQuestion(l(ctx))], session: keep(active) }
      if (active?.at === 'rest') return { replies: [expired(l(ctx), ctx.menu())], session: { clear: true } }
      const previous = resumable(stored)
      return previous ? offerResume(ctx, previous) : { replies: [expired(l(ctx), ctx.menu())] }
    }
    if (action === 'back') return back(ctx, questions)
    const parsed = answerButton(action, arg, questions, ctx.button?.parts[3])
    if (!parsed || !isReachable(questions, parsed.step)) {
      return reask(ctx, questions, t(l(ctx), 'eligibility.passed'))
    }
    // "Không rõ" to a pair: its two questions, one at a time.
    if (parsed.split) return ask(ctx, { ...questions, ...parsed.patch, at: parsed.step })
    // "7 trở lên": the number is typed.
    if (parsed.step === 'members' && parsed.patch.members === undefined) {
      return { replies: [{ text: t(l(ctx), 'eligibility.ask.members_type'), buttons: [backButton(l(ctx)), cancelButton(l(ctx))] }], session: keep({ ...questions, at: 'members' }) }
    }
    const noted =
      parsed.patch.members !== undefined
        ? t(l(ctx), 'eligibility.known_members', { members: parsed.patch.members })
        : parsed.patch.income && parsed.patch.income.kind !== 'unknown'
          ? incomeNoted(ctx, parsed.patch.income)
          : undefined
    return answer(ctx, questions, parsed.step, parsed.patch, noted)
  }

  /** Reads an answer button; null for a malformed one (typed by hand, or from an older version). */
  function answerButton(action: string, arg: string, questions?: QuestionsState, choice = ''): { step: Step; patch: Partial<QuestionsState>; split?: true } | null {
    if (action === 'area' && (arg === 'rural' || arg === 'urban')) return { step: 'area', patch: { area: arg } }
    if (action === 'members') {
      if (arg === 'more') return { step: 'members', patch: {} }
      const n = Number(arg)
      return Number.isInteger(n) && n >= 1 && n <= MAX_MEMBERS ? { step: 'members', patch: { members: n } } : null
    }
    if (action === 'income') {
      const vnd = Number(arg)
      return Number.isInteger(vnd) && vnd >= MIN_INCOME_VND && vnd <= MAX_REASONABLE_VND
        ? { step: 'income', patch: { income: { kind: 'total', vnd } } }
        : null
    }
    if (action === 'unknown_income') return { step: 'income', patch: { income: { kind: 'unknown' } } }
    if (action === 'pair' && isPairId(arg)) {
      const [a, b] = PAIRS[arg]
      if (choice === 'unknown') return { step: a, patch: { singles: [...(questions?.singles ?? []), arg] }, split: true }
      const lacking = { ok: [], lackA: [a], lackB: [b], lackBoth: [a, b] }[choice as Exclude<PairChoice, 'unknown'>] as IndicatorId[] | undefined
      if (!lacking) return null
      // Recorded as the answers to the two single questions, which DEPRIVED_IF reads: lacking → the answer that means deprived.
      const said = (id: IndicatorId): Answer => (lacking.includes(id) ? DEPRIVED_IF[id] : DEPRIVED_IF[id] === 'yes' ? 'no' : 'yes')
      return { step: a, patch: { answers: { [a]: said(a), [b]: said(b) } } }
    }
    if ((action === 'yes' || action === 'no' || action === 'unknown') && isIndicatorId(arg)) {
      return { step: arg, patch: { answers: { [arg]: action as Answer } } }
    }
    return null
  }

  /** The result, the next step and (for a known income) the question whether to remember the estimate. */
  async function finish(ctx: TurnContext, state: QuestionsState): Promise<TurnResult> {
    const locale = l(ctx)
    const day = today(ctx)
    const { area, members, income } = state
    if (!area || members === undefined || !income) return ask(ctx, state)
    const household: HouseholdWithoutIncomeInput = { area, members, deprivations: deprivedIn(state) }
    const options = { today: day, locale }
    let sections: string[]
    let category: Category | 'unknown'
    let standard: StandardId
    if (income.kind === 'unknown') {
      try {
        const range = classifyRange(household, options)
        sections = rangeSections(locale, range, state, day)
        category = 'unknown'
        standard = range.standard
      } catch (err) {
        if (err instanceof PovertyInputError) return failed(ctx, err.message)
        throw err
      }
    } else {
      const input = income.kind === 'total' ? { ...household, monthlyIncomeVnd: income.vnd } : { ...household, incomePerPersonVnd: income.vnd }
      const classified = tryClassify(input, options)
      if (!classified.ok) return failed(ctx, classified.error.message)
      sections = classificationSections(locale, classified.result, state, day)
      category = classified.result.category
      standard = classified.result.standard
    }
    try {
      await countCheck(db, { day, standard, category, placeCode: state.placeCode })
    } catch (err) {
      // The statistics must never cost the user their result.
      logger.warn('eligibility.count_failed', { err })
    }
    // Questions the result did not need are offered, not asked: they only tell what the household lacks.
    // Counted as the user sees them: a pair asked as one is one question.
    const left = questionCount(state) - answeredCount(state)
    const results: Reply[] = pack(left > 0 ? [...sections, t(locale, 'eligibility.result.not_asked', { count: left })] : sections).map((text) => ({ text }))
    const last = results.at(-1)
    if (last && left > 0) last.buttons = [moreButton(locale, left)]
    const replies: Reply[] = [...results, nextStepReply(locale, category, day)]
    const rest = left > 0 ? { rest: { ...state, more: false } } : {}
    if (category === 'unknown') return { replies, session: left > 0 ? keep({ v: 2, at: 'rest', ...rest } as RestState) : { clear: true } }
    // Beyond the estimate (for the consent answer), only answers the user may still complete are kept, for the session.
    const kept: ConsentState = { v: 2, at: 'consent', category, standard, ...rest }
    return { replies: [...replies, consentQuestion(locale)], session: keep(kept) }
  }

  function failed(ctx: TurnContext, message: string): TurnResult {
    return { replies: [{ text: t(l(ctx), 'eligibility.result.error', { message }), buttons: ctx.menu() }], session: { clear: true } }
  }

  async function consent(ctx: TurnContext, state: ConsentState, agreed: boolean): Promise<TurnResult> {
    if (!agreed) return { replies: [{ text: t(l(ctx), 'eligibility.consent.declined'), buttons: ctx.menu() }], session: { clear: true } }
    await rememberEstimate(db, ctx.contact.id, state.category, state.standard, ctx.now)
    return { replies: [consentSaved(l(ctx), state.category, state.standard, ctx.menu())], session: { clear: true } }
  }

  return {
    name: 'eligibility',
    intents: { 'eligibility.check': enter },
    buttons: { elig: (ctx) => onButton(ctx, checkOf(ctx.flow)) },
    flows: { [FLOW]: inFlow },
    menu: [{ labelKey: 'eligibility.menu', value: 'elig:start', order: 20 }],
  }
}
