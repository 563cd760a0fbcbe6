import type { Db } from '../db.ts'
import type { Logger } from '../logger.ts'
import type { Button, Reply } from '../messages.ts'
import { t, type Locale } from '../i18n.ts'
import type { IntentId, Understanding } from '../nlu/types.ts'
import { createNlu } from '../nlu/index.ts'
import { vnDate } from '../clock.ts'
import { allTopics, getTopic, topicForIntent, topicsForIntent, type TopicId } from './content.ts'
import { coverage } from './coverage.ts'
import { askedFuture, askerOf, describesAsker, factsOn, matchAcross } from './facts.ts'
import { formatDate } from './compose.ts'
import { COVERAGE } from './validate.ts'
import {
  MAX_BUTTONS,
  parsePolicyButton,
  policyButtonValue,
  renderAnswer,
  renderOutOfArea,
  renderOverview,
  renderSuggestions,
  renderTopic,
  type Reply as PolicyReply,
} from './render.ts'
import { createPolicySearch, type PolicySearch } from './retrieval.ts'
import { mentionsOtherProvince } from './provinces.ts'
import { CATEGORIES, POLICY_INTENTS, type Audience, type Category, type Fact, type PolicyIntent, type Topic } from './schema.ts'
import { questionParts } from './tokenize.ts'
import type { Feature, Handler, TurnContext, TurnResult } from '../dialogue/types.ts'
import { clarifyReplies, fallback } from '../core/conversation.ts'
import { recordUnanswered } from '../core/unanswered.ts'
import './texts.ts'

/**
 * Policy answers in the conversation (issues #5, #13): the `policy.*` intents answered from the dated policy facts
 * as of the day asked (`ctx.now`), the asked fact first; `policy:<topic>` and `policy:<topic>:details` buttons; the
 * overview of every support; a topic picker in the main menu; mixed questions offered as topic buttons; a support
 * no fact covers said plainly ("not covered yet" + the commune office); and the out-of-scope path — another
 * province, then "did you mean" from the retrieval, then the core fallback that records the question for officers.
 */

// The classifier's runner-up counts as a second question only this sure: above it, "BHYT và vay vốn" is two
// questions; below it, a clear question keeps its answer ("học nghề miễn phí" is jobs 0.86, education 0.13).
// The classifier answers from 0.59, so a runner-up can reach at most 0.41.
export const MIXED_MIN_SECOND = 0.25
// Below this confidence, a classifier the retrieval contradicts is not trusted alone ("chương trình mục tiêu quốc
// gia giảm nghèo" is poverty_standard at 0.78; the retrieval finds the programme topic): ask rather than guess.
export const DISAGREE_BELOW = 0.8

/**
 * A question no intent took is still answered when a phrase of it names one fact this well (a three-word cue such as
 * "thị trấn Đăk Hà", "rà soát viên đến nhà"): the fact is more specific than any "did you mean".
 */
export const RESCUE_SCORE = 3
/** How many more points a fact of the runner-up intent needs than the routed topic's best to be answered instead. */
export const ELSEWHERE_MARGIN = 1.5
/** The runner-up's confidence for its facts to be weighed against the routed topic's. */
export const SECOND_OPINION_MIN = 0.1

/** Out of scope at or above this confidence is taken at its word: no "did you mean" from retrieval. */
export const CONFIDENT_OUT_OF_SCOPE = 0.85
// Topics offered at once for a mixed or ambiguous question (retrieval gives at most three).
const MAX_CHOICES = 3

/** Main topics of the picker, in messages of at most five buttons (Zalo's limit). */
const PICKER: { headingKey: string; topics: TopicId[]; contact?: true }[] = [
  { headingKey: 'policy.pickerSupport', topics: ['health_insurance', 'education', 'credit', 'housing', 'electricity'] },
  { headingKey: 'policy.pickerLiving', topics: ['livelihood', 'jobs', 'legal_aid', 'social_pension', 'overview'] },
  { headingKey: 'policy.pickerMore', topics: ['poverty_standard', 'registration'], contact: true },
]

/** What to answer to a policy question. */
export type PolicyDecision =
  /** One topic's short answer. */
  | { kind: 'answer'; topicId: TopicId }
  /** Two or three topics as buttons: the message asks about several, or the classifier and the retrieval disagree. */
  | { kind: 'choose'; topicIds: TopicId[]; mixed: boolean }

// One search per locale and isolate: building it costs a few milliseconds, a query microseconds.
const searches = new Map<Locale, PolicySearch>()
function searchFor(locale: Locale): PolicySearch {
  let search = searches.get(locale)
  if (!search) {
    search = createPolicySearch(locale)
    searches.set(locale, search)
  }
  return search
}

function isPolicyIntent(intent: IntentId): intent is PolicyIntent {
  return (POLICY_INTENTS as readonly string[]).includes(intent)
}

function intentOf(topicId: TopicId): PolicyIntent {
  return getTopic(topicId, 'vi').intent
}

/** What {@link decidePolicy} consults: the policy retrieval and the intent classifier (for the parts of a message). */
export interface PolicyTools {
  search: PolicySearch
  classify: (text: string) => IntentId
}

/**
 * The topics asked about in a message that joins several questions ("vay vốn và học nghề", "tiền điện, nhà ở"):
 * a part counts only when the classifier and the retrieval agree on it, so "học phí và tiền ăn cho con" stays one
 * question (the retrieval matches "tiền ăn" to vocational training, the classifier does not). A part that only says who
 * asks ("nhà cận nghèo") is no question.
 */
function topicsOfParts(text: string, tools: PolicyTools): TopicId[] {
  const parts = questionParts(text)
  if (parts.length < 2) return []
  const topics = new Set<TopicId>()
  for (const part of parts) {
    // "…, nhà cận nghèo, …" says who asks, not what.
    if (describesAsker(part)) continue
    const topic = tools.search.suggest(part)[0]
    if (topic !== undefined && intentOf(topic) === tools.classify(part)) topics.add(topic)
  }
  return [...topics]
}

/**
 * The answer to a message the classifier put under `intent`. Pure: the routing rules in one place, tested through
 * the app and measured on the NLU's held-out set.
 *
 * - The classifier's runner-up is another policy intent at ≥ {@link MIXED_MIN_SECOND}, or the message joins
 *   questions on two or more topics (see `topicsOfParts`) → those topics as buttons.
 * - The retrieval's best topic is another of this intent's topics and the main one is not suggested → that topic
 *   ("thoát nghèo thì sao" → exit_poverty, not the registration topic that heads policy.registration).
 * - The retrieval finds only other intents' topics and the classifier is below {@link DISAGREE_BELOW} → ask.
 * - Otherwise the intent's main topic.
 */
export function decidePolicy(intent: PolicyIntent, text: string | undefined, understanding: Understanding | undefined, tools: PolicyTools): PolicyDecision {
  const main = topicForIntent(intent)
  if (!text) return { kind: 'answer', topicId: main }
  const own = topicsForIntent(intent)
  const suggested = tools.search.suggest(text)
  // A sub-topic only when the main topic is not in the running: "chuẩn nghèo năm 2026" ranks the 2027 topic
  // (which mentions 2026) just above the current standard, and the current one is the safer answer.
  const first = suggested[0]
  const best = first !== undefined && own.includes(first) && !suggested.includes(main) ? first : main

  const runnerUp = understanding?.alternatives[0]
  if (runnerUp && isPolicyIntent(runnerUp.intent) && runnerUp.intent !== intent && runnerUp.confidence >= MIXED_MIN_SECOND) {
    return { kind: 'choose', topicIds: [best, topicForIntent(runnerUp.intent)], mixed: true }
  }
  const parts = topicsOfParts(text, tools)
  if (parts.length > 1) return { kind: 'choose', topicIds: parts.slice(0, MAX_CHOICES), mixed: true }
  const suggestedIntents = new Set(suggested.map(intentOf))
  if (suggested.length > 0 && !suggestedIntents.has(intent) && (understanding?.confidence ?? 1) < DISAGREE_BELOW) {
    return { kind: 'choose', topicIds: [main, ...suggested].slice(0, MAX_CHOICES), mixed: false }
  }
  return { kind: 'answer', topicId: best }
}

/** The contact's eligibility estimate as a content category, if it is one. */
function categoryOf(ctx: TurnContext): Category | undefined {
  const value = ctx.contact.estimatedCategory
  return (CATEGORIES as readonly string[]).includes(value ?? '') ? (value as Category) : undefined
}

function contactButton(locale: Locale): Button {
  return { label: t(locale, 'policy.contactButton'), value: 'contact:start' }
}

function eligibilityButton(locale: Locale): Button {
  return { label: t(locale, 'policy.eligibilityButton'), value: 'intent:eligibility.check' }
}

/** Whether a topic says something different per category on `date` (then the eligibility check is worth a button). */
function hasCategoryFacts(topicId: TopicId, date: string): boolean {
  return factsOn(getTopic(topicId, 'vi'), date).some((f) => f.for.some((a) => a === 'poor' || a === 'near_poor'))
}

/**
 * Adds the way onward to the last reply: "Xem chi tiết" and related topics (from the content), the eligibility check
 * when the bot does not know the household's category yet and the topic differs by category, and the commune office.
 * At most five buttons.
 */
function withOnward(replies: PolicyReply[], topicId: TopicId, part: 'short' | 'details', locale: Locale, category: Category | undefined, date: string): Reply[] {
  const last = replies.at(-1)
  if (!last) return replies
  const buttons = last.buttons ?? []
  const details = buttons.filter((b) => b.value === policyButtonValue(topicId, 'details'))
  const related = buttons.filter((b) => !details.includes(b))
  const onward: Button[] = []
  if (part === 'short' && !category && hasCategoryFacts(topicId, date)) onward.push(eligibilityButton(locale))
  onward.push(contactButton(locale))
  last.buttons = [...details, ...related.slice(0, MAX_BUTTONS - details.length - onward.length), ...onward]
  return replies
}

/** A topic's general answer (to `text`, if given) or its details as replies, as of `date`, with the way onward on the last one. */
export function topicReplies(topicId: TopicId, part: 'short' | 'details', locale: Locale, category: Category | undefined, date: string, text?: string): Reply[] {
  const replies = renderTopic(topicId, { locale, part, date, ...(category ? { category } : {}), ...(text ? { text } : {}) })
  return withOnward(replies, topicId, part, locale, category, date)
}

/**
 * The answer to a question routed to `topicId`: the facts its words ask for (the loan amount for "vay bao nhiêu
 * tiền", the papers for "giấy tờ gì"), for the asker's category and age — looked for in the topic first, then in
 * the other topics of its intent ("chuẩn nghèo mới áp dụng từ khi nào" is the 2027 topic's); the topic's general
 * answer when the question asks for nothing in particular.
 */
export function questionReplies(topicId: TopicId, text: string, locale: Locale, category: Category | undefined, date: string, secondOpinion?: PolicyIntent): Reply[] {
  // "từ năm 2027 … bao nhiêu": the rules of that day, said as such.
  const future = askedFuture(text, date, COVERAGE.to)
  if (future) {
    const later = matchIn(topicId, text, locale, category, future)
    if (later) return withOnward(renderAnswer(later.topic.id as TopicId, later.said, { locale, date: future, lead: t(locale, 'policy.fromLead', { date: formatDate(future) }) }), later.topic.id as TopicId, 'short', locale, category, date)
  }
  const siblings = topicsForIntent(getTopic(topicId, 'vi').intent).filter((id) => id !== topicId)
  const routed = matchAcross([topicId, ...siblings].map((id) => getTopic(id, locale)), text, date, category, extraCues(locale))
  const match =
    (routed && secondOpinion && betterElsewhere(routed.score, secondOpinion, text, locale, category, date)) ??
    routed ??
    // Nothing in the routed topics: a fact elsewhere that a phrase of the question names ("thoát nghèo rồi có còn được bhyt").
    rescueMatch(text, locale, category, date)
  if (!match) return topicReplies(topicId, 'short', locale, category, date, text)
  const answered = match.topic.id as TopicId
  return withOnward(renderAnswer(answered, match.said, { locale, date }), answered, 'short', locale, category, date)
}

/** The topic of the one fact that every part of a many-part question asks for, if there is one. */
function oneFact(topics: readonly Topic[], text: string, date: string, category: Category | undefined, locale: Locale): TopicId | undefined {
  const whole = matchAcross(topics, text, date, category, extraCues(locale))
  const fact = whole?.said[0]?.fact
  if (!whole || !fact) return undefined
  const parts = questionParts(text)
  const same = parts.every((part) => matchAcross([whole.topic], part, date, category, extraCues(locale))?.said.some((s) => s.fact === fact))
  return same ? (whole.topic.id as TopicId) : undefined
}

/** Facts of `topicId` and its intent's other topics that answer `text` on `date`. */
function matchIn(topicId: TopicId, text: string, locale: Locale, category: Category | undefined, date: string) {
  const siblings = topicsForIntent(getTopic(topicId, 'vi').intent).filter((id) => id !== topicId)
  return matchAcross([topicId, ...siblings].map((id) => getTopic(id, locale)), text, date, category, extraCues(locale))
}

/**
 * The best fact anywhere in the content, when the question names its topic (one of the topic's keywords) and a
 * phrase of it names the fact well enough ({@link RESCUE_SCORE}).
 */
function rescueMatch(text: string, locale: Locale, category: Category | undefined, date: string) {
  const match = matchAcross(allTopics(locale), text, date, category, extraCues(locale))
  return match && match.score >= RESCUE_SCORE && match.named > 0 ? match : undefined
}

/**
 * A fact of the classifier's runner-up intent that explains clearly more of the question than the routed topic's
 * best ({@link ELSEWHERE_MARGIN}): "nhà chật bao nhiêu mét vuông thì bị tính là thiếu" is the housing-area indicator
 * (poverty standard, the runner-up), though "nhà" sends the classifier to the housing support, whose best fact only
 * shares "bao nhiêu". Both signals must point there: the words alone would pull "tiền điện mỗi tháng bao nhiêu"
 * toward any monthly amount.
 */
function betterElsewhere(routedScore: number, intent: PolicyIntent, text: string, locale: Locale, category: Category | undefined, date: string) {
  const match = matchAcross(topicsForIntent(intent).map((id) => getTopic(id, locale)), text, date, category, extraCues(locale))
  return match && match.score >= RESCUE_SCORE && match.score >= routedScore + ELSEWHERE_MARGIN ? match : undefined
}

/** The classifier's runner-up when it is another policy intent with a real share of the confidence ({@link SECOND_OPINION_MIN}). */
function secondOpinionOf(intent: PolicyIntent, understanding: Understanding | undefined): PolicyIntent | undefined {
  const runnerUp = understanding?.alternatives[0]
  return runnerUp && isPolicyIntent(runnerUp.intent) && runnerUp.intent !== intent && runnerUp.confidence >= SECOND_OPINION_MIN ? runnerUp.intent : undefined
}

function rescue(text: string, locale: Locale, category: Category | undefined, date: string): TopicId | undefined {
  return rescueMatch(text, locale, category, date)?.topic.id as TopicId | undefined
}

/** Residents type Vietnamese whatever the reply language: an English topic's facts also match the Vietnamese cues. */
function extraCues(locale: Locale): ((topic: Topic, fact: Fact) => readonly string[]) | undefined {
  if (locale === 'vi') return undefined
  return (topic, fact) => getTopic(topic.id as TopicId, 'vi').facts.find((f) => f.id === fact.id && f.validFrom === fact.validFrom)?.cues ?? []
}

/** "Tôi chưa có thông tin về “tiền nước”…" with the commune office and the overview: never a near topic instead. */
function notCoveredReplies(name: string, locale: Locale): Reply[] {
  return [
    {
      text: t(locale, 'policy.notCovered', { thing: name }),
      buttons: [contactButton(locale), { label: t(locale, 'policy.overviewButton'), value: policyButtonValue('overview') }],
    },
  ]
}

/** The overview of every support for who asks, the commune office on the last message. */
function overviewReplies(locale: Locale, date: string, categories: readonly Audience[]): Reply[] {
  const replies: Reply[] = renderOverview(locale, date, categories)
  const last = replies.at(-1)
  if (last && (last.buttons?.length ?? 0) < MAX_BUTTONS) last.buttons = [...(last.buttons ?? []), contactButton(locale)]
  return replies
}

/** The asker's categories: what the question says ("cận nghèo"), else what the eligibility check remembered. */
function categoriesAsked(text: string | undefined, known: Category | undefined): Audience[] {
  const said = [...askerOf(text ?? '').audiences].filter((a): a is Audience => a === 'poor' || a === 'near_poor' || a === 'middle')
  if (said.length > 0) return said
  return known && known !== 'none' ? [known] : []
}

/** Topic buttons with a question; the commune office as the last button when there is room. */
function choiceReplies(topicIds: TopicId[], mixed: boolean, locale: Locale): Reply[] {
  const replies = renderSuggestions(topicIds, locale)
  const first = replies[0]
  if (!first) return replies
  if (mixed) first.text = t(locale, 'policy.mixed')
  if ((first.buttons?.length ?? 0) < MAX_BUTTONS) first.buttons = [...(first.buttons ?? []), contactButton(locale)]
  return replies
}

function pickerReplies(locale: Locale): Reply[] {
  return PICKER.map((group) => ({
    text: t(locale, group.headingKey),
    buttons: [
      ...group.topics.map((id) => ({ label: getTopic(id, locale).label, value: policyButtonValue(id) })),
      ...(group.contact ? [contactButton(locale)] : []),
    ],
  }))
}

/** The note that the content is national plus the former Đăk Hà area, said before the national answer. */
function outOfAreaNote(locale: Locale): Reply {
  const [note] = renderOutOfArea(locale)
  return { text: `${note?.text ?? ''}\n\n${t(locale, 'policy.nationalBelow')}` }
}

export interface PolicyFeatureDeps {
  db: Db
  logger: Logger
  /** Intent of a part of a message; default: the bundled NLU model (features are not given the app's NLU). */
  classify?: (text: string) => IntentId
}

export function createPolicyFeature(deps: PolicyFeatureDeps): Feature {
  let classify = deps.classify
  const tools = (locale: Locale): PolicyTools => {
    if (!classify) {
      // Places are not needed to tell intents apart, and the model tables are shared with the app's NLU.
      const nlu = createNlu({ places: [] })
      classify = (text) => nlu.understand(text, new Date(0)).intent
    }
    return { search: searchFor(locale), classify }
  }

  function answerIntent(intent: PolicyIntent): Handler {
    return async (ctx) => {
      const date = vnDate(ctx.now)
      const category = categoryOf(ctx)
      const replies = await answer(ctx, intent, date, category)
      // A question about another province still gets the national answer, after saying local amounts differ.
      if (ctx.text && mentionsOtherProvince(ctx.text)) replies.unshift(outOfAreaNote(ctx.locale))
      return { replies }
    }
  }

  async function answer(ctx: TurnContext, intent: PolicyIntent, date: string, category: Category | undefined): Promise<Reply[]> {
    const text = ctx.text
    const locale = ctx.locale
    if (intent === 'policy.overview') {
      const covered = text ? coverage(text, ['overview'], locale) : { covered: true as const }
      if (!covered.covered) return notCovered(ctx, covered.name)
      if ('topicId' in covered) return questionReplies(covered.topicId, text ?? '', locale, category, date)
      return overviewReplies(locale, date, categoriesAsked(text, category))
    }
    const decision = decidePolicy(intent, text, ctx.understanding, tools(locale))
    if (decision.kind === 'choose') {
      // A question split at a comma whose every part names the same fact ("làm thế nào để khá lên, hết nghèo") is one question.
      const topics = [...new Set(decision.topicIds.flatMap((id) => topicsForIntent(intentOf(id))))].map((id) => getTopic(id, locale))
      const one = text && decision.mixed ? oneFact(topics, text, date, category, locale) : undefined
      if (one) return questionReplies(one, text ?? '', locale, category, date)
      return choiceReplies(decision.topicIds, decision.mixed, locale)
    }
    if (!text) return topicReplies(decision.topicId, 'short', locale, category, date)
    const covered = coverage(text, topicsForIntent(intent), locale)
    if (!covered.covered) return notCovered(ctx, covered.name)
    return questionReplies('topicId' in covered ? covered.topicId : decision.topicId, text, locale, category, date, secondOpinionOf(intent, ctx.understanding))
  }

  /** A support no fact covers: said plainly, and recorded so officers see what residents ask for. */
  async function notCovered(ctx: TurnContext, name: string): Promise<Reply[]> {
    await recordUnanswered(deps.db, ctx).catch((err: unknown) => deps.logger.warn('unanswered.record_failed', { err }))
    return notCoveredReplies(name, ctx.locale)
  }

  /**
   * Out of scope or too unsure (and, through the engine, any intent no feature answers yet): another province,
   * then "did you mean", then the polite fallback. Only the fallback records the question as unanswered.
   */
  async function outOfScope(ctx: TurnContext): Promise<TurnResult> {
    const text = ctx.text
    if (!text) return fallback(deps, ctx)
    // Confidently out of scope ("đăng ký kết hôn"): words like "đăng ký" must not pull in a policy topic.
    const confidentlyElsewhere = ctx.understanding?.intent === 'out_of_scope' && ctx.understanding.confidence >= CONFIDENT_OUT_OF_SCOPE
    if (!confidentlyElsewhere && !mentionsOtherProvince(text)) {
      const date = vnDate(ctx.now)
      // "ở thị trấn Đăk Hà cũ tính nông thôn hay thành thị": a phrase that names one fact is answered with it.
      const rescued = rescue(text, ctx.locale, categoryOf(ctx), date)
      if (rescued) {
        // Still a guess, however good: officers see the question and can teach the classifier its intent.
        await recordUnanswered(deps.db, ctx).catch((err: unknown) => deps.logger.warn('unanswered.record_failed', { err }))
        return { replies: questionReplies(rescued, text, ctx.locale, categoryOf(ctx), date) }
      }
      // "hộ nghèo có được hỗ trợ xe máy không": a support nobody wrote a fact about is said to be not covered.
      const covered = coverage(text, [], ctx.locale)
      if (!covered.covered) return { replies: await notCovered(ctx, covered.name) }
    }
    const suggested = confidentlyElsewhere ? [] : searchFor(ctx.locale).suggest(text)
    if (mentionsOtherProvince(text)) {
      const note = renderOutOfArea(ctx.locale)
      if (suggested.length > 0) return { replies: [...note, ...choiceReplies(suggested, false, ctx.locale)] }
      const onward = [{ label: t(ctx.locale, 'policy.menu'), value: 'policy:menu' }, contactButton(ctx.locale)]
      return { replies: note.map((reply) => ({ ...reply, buttons: onward })) }
    }
    if (suggested.length > 0) {
      // Only a guess: officers should still see what was asked.
      await recordUnanswered(deps.db, ctx).catch((err: unknown) => deps.logger.warn('unanswered.record_failed', { err }))
      return { replies: choiceReplies(suggested, false, ctx.locale) }
    }
    return fallback(deps, ctx)
  }

  /**
   * Two plausible intents: say first when the question is about another province, and answer directly when
   * retrieval points to exactly one topic of one of the two; otherwise ask which one.
   */
  async function clarify(ctx: TurnContext): Promise<TurnResult> {
    const pair = ctx.understanding?.clarify ?? []
    const note = ctx.text && mentionsOtherProvince(ctx.text) ? [outOfAreaNote(ctx.locale)] : []
    const text = ctx.text ?? ''
    const date = vnDate(ctx.now)
    const policies = (pair as readonly IntentId[]).filter(isPolicyIntent)
    if (text && policies.length > 0) {
      // "hộ nghèo có được hỗ trợ tiền nước không" hesitates between electricity and the overview: neither covers it.
      const covered = coverage(text, policies.flatMap((intent) => topicsForIntent(intent)), ctx.locale)
      if (!covered.covered) return { replies: [...note, ...(await notCovered(ctx, covered.name))] }
      if ('topicId' in covered) return { replies: [...note, ...questionReplies(covered.topicId, text, ctx.locale, categoryOf(ctx), date)] }
    }
    const suggested = text ? searchFor(ctx.locale).suggest(text) : []
    const only = suggested.length === 1 ? suggested[0]! : undefined
    if (only && (pair as readonly IntentId[]).includes(intentOf(only))) {
      return { replies: [...note, ...questionReplies(only, text, ctx.locale, categoryOf(ctx), date)] }
    }
    // A phrase of the question names a fact of one of the two ("khám bệnh được trả bao nhiêu"): that is the answer.
    const topics = policies.flatMap((intent) => topicsForIntent(intent)).map((id) => getTopic(id, ctx.locale))
    const match = matchAcross(topics, text, date, categoryOf(ctx), extraCues(ctx.locale))
    if (match && match.score >= 2) return { replies: [...note, ...questionReplies(match.topic.id as TopicId, text, ctx.locale, categoryOf(ctx), date)] }
    return { replies: [...note, ...clarifyReplies(ctx.locale, pair)] }
  }

  function button(ctx: TurnContext): TurnResult {
    const parsed = parsePolicyButton(ctx.button?.value ?? '')
    // `policy:menu`, and a stale button whose topic no longer exists, both show the picker.
    if (!parsed) return { replies: pickerReplies(ctx.locale) }
    const date = vnDate(ctx.now)
    if (parsed.topicId === 'overview' && parsed.part === 'short') return { replies: overviewReplies(ctx.locale, date, categoriesAsked(undefined, categoryOf(ctx))) }
    return { replies: topicReplies(parsed.topicId, parsed.part, ctx.locale, categoryOf(ctx), date) }
  }

  const intents: Feature['intents'] = { out_of_scope: outOfScope }
  for (const intent of POLICY_INTENTS) intents[intent] = answerIntent(intent)

  return {
    name: 'policy',
    intents,
    clarify,
    buttons: { policy: button },
    menu: [{ labelKey: 'policy.menu', value: 'policy:menu', order: 10 }],
  }
}
