import { t, type Locale } from '../i18n.ts'
import { composeDetails, composeFacts, formatDate } from './compose.ts'
import { getTopic, isTopicId, type TopicId } from './content.ts'
import { generalFacts, overviewLine, startingSoon, type Said } from './facts.ts'
import type { Audience, Category } from './schema.ts'
import { OVERVIEW_TOPICS } from './validate.ts'
import { splitText, ZALO_MAX_CHARS } from '../util/split.ts'
import './texts.ts'

/** Same shape as `Reply` in src/messages.ts; kept structural so policy does not depend on channels. */
export interface Reply {
  text: string
  buttons?: { label: string; value: string }[]
}

/** Zalo shows only a few buttons under a message; 5 is the most that stays readable on a phone. */
export const MAX_BUTTONS = 5
// Related topics per reply: leaves one of the five slots for the dialogue (e.g. "talk to an officer").
const MAX_RELATED_BUTTONS = MAX_BUTTONS - 1

export interface RenderOptions {
  locale: Locale
  /** The day the answer is for (YYYY-MM-DD, Vietnam): only facts valid that day are said. */
  date: string
  /** The eligibility category the bot knows for this user; its facts come first, other categories' are left out. */
  category?: Category
  part: 'short' | 'details'
  /** Longest text per reply; default 2,000 (Zalo). Telegram allows 4,096. */
  maxChars?: number
  /** The question, when the general answer replies to one: facts for the category it names come first. */
  text?: string
}

/** Button value opening a topic's short answer, or its details. */
export function policyButtonValue(id: TopicId, part: 'short' | 'details' = 'short'): string {
  return part === 'details' ? `policy:${id}:details` : `policy:${id}`
}

/**
 * Read a button value made by `policyButtonValue`; undefined for anything else (other handlers' buttons,
 * unknown or removed topics).
 *
 * @example parsePolicyButton('policy:credit:details') // { topicId: 'credit', part: 'details' }
 */
export function parsePolicyButton(value: string): { topicId: TopicId; part: 'short' | 'details' } | undefined {
  const match = /^policy:([a-z0-9_]+)(:details)?$/.exec(value)
  const id = match?.[1]
  if (!id || !isTopicId(id)) return undefined
  return { topicId: id, part: match[2] ? 'details' : 'short' }
}

function topicButton(id: TopicId, locale: Locale) {
  return { label: getTopic(id, locale).label, value: policyButtonValue(id) }
}

function relatedButtons(id: TopicId, locale: Locale): { label: string; value: string }[] {
  return getTopic(id, locale)
    .related.filter(isTopicId)
    .map((related) => topicButton(related, locale))
}

/** Split `text` into replies of at most `maxChars`, with `buttons` on the last one. */
function toReplies(text: string, maxChars: number, buttons: { label: string; value: string }[]): Reply[] {
  const parts = splitText(text, maxChars)
  return parts.map((part, i) => (i === parts.length - 1 && buttons.length > 0 ? { text: part, buttons } : { text: part }))
}

/** "Hộ bạn có thể là hộ cận nghèo (theo kiểm tra nhanh):" before the answer, when the check gave a category. */
function categoryLead(category: Category | undefined, locale: Locale): string | undefined {
  return category && category !== 'none' ? t(locale, 'policy.knownCategory', { category: t(locale, `poverty.category.${category}`) }) : undefined
}

function noContent(topicId: TopicId, locale: Locale, date: string): string {
  return t(locale, 'policy.noContent', { topic: getTopic(topicId, locale).title, date: formatDate(date) })
}

/**
 * A policy topic as chat replies, as of `options.date`.
 *
 * - `short`: the topic's general answer — its main facts for the user's category (that category's first), what
 *   changes within the month, the legal basis in plain words with the check date; buttons "Xem chi tiết" +
 *   related topics (at most 5 buttons).
 * - `details`: every fact valid that day, the known later versions, each document with its articles and dates,
 *   the next step; buttons for related topics (at most 4, leaving room for one from the dialogue).
 *
 * Text longer than `maxChars` is split at paragraph, sentence, then word boundaries; buttons go on the last reply.
 *
 * @throws RangeError for an unknown topic id.
 * @example renderTopic('health_insurance', { locale: 'vi', date: '2026-12-01', category: 'near_poor', part: 'short' })
 */
export function renderTopic(topicId: TopicId, options: RenderOptions): Reply[] {
  const { locale, category, part, date, maxChars = ZALO_MAX_CHARS } = options
  const topic = getTopic(topicId, locale)
  const related = relatedButtons(topicId, locale).slice(0, MAX_RELATED_BUTTONS)
  if (part === 'details') return toReplies(composeDetails(topic, date, locale), maxChars, related)
  const details = { label: t(locale, 'policy.detailsButton'), value: policyButtonValue(topicId, 'details') }
  const said = generalFacts(topic, date, options.text ?? '', category)
  const text =
    said.length > 0 ? composeFacts(topic, said, locale, { lead: categoryLead(category, locale), starting: startingSoon(topic, date) }) : noContent(topicId, locale, date)
  return toReplies(text, maxChars, [details, ...related].slice(0, MAX_BUTTONS))
}

/**
 * The first reply to a specific question: the facts that answer it (from `matchFacts`), what changes within the
 * month, and their legal basis in plain words; buttons "Xem chi tiết" (the topic overview) and related topics.
 */
export function renderAnswer(topicId: TopicId, said: readonly Said[], options: Omit<RenderOptions, 'part'> & { lead?: string }): Reply[] {
  const { locale, maxChars = ZALO_MAX_CHARS } = options
  const topic = getTopic(topicId, locale)
  const details = { label: t(locale, 'policy.detailsButton'), value: policyButtonValue(topicId, 'details') }
  const text = composeFacts(topic, said, locale, options.lead ? { lead: options.lead } : {})
  return toReplies(text, maxChars, [details, ...relatedButtons(topicId, locale)].slice(0, MAX_BUTTONS))
}

// The overview in two messages: Zalo shows at most five buttons under one.
const OVERVIEW_FIRST = 5

/**
 * Every support in one overview (issue #13): one line and one button per support of {@link OVERVIEW_TOPICS}, as of
 * `date`, in the words for the asked category (near-poor households read their own figures). Two messages, the
 * second ending with the commune office button added by the caller.
 */
export function renderOverview(locale: Locale, date: string, categories: readonly Audience[]): Reply[] {
  const heading = categories.includes('near_poor') && !categories.includes('poor') ? 'near_poor' : categories.includes('poor') && !categories.includes('near_poor') ? 'poor' : 'everyone'
  const entries = OVERVIEW_TOPICS.flatMap((id) => {
    const topic = getTopic(id, locale)
    const line = overviewLine(topic, date, categories)
    return line ? [{ id, text: `• ${topic.label}: ${line.text}` }] : []
  })
  const first = entries.slice(0, OVERVIEW_FIRST)
  const rest = entries.slice(OVERVIEW_FIRST)
  const replies: Reply[] = [
    { text: [t(locale, `policy.overviewHeading.${heading}`), ...first.map((e) => e.text)].join('\n'), buttons: first.map((e) => topicButton(e.id, locale)) },
  ]
  if (rest.length > 0) {
    replies.push({ text: [...rest.map((e) => e.text), '', t(locale, 'policy.overviewFooter')].join('\n'), buttons: rest.map((e) => topicButton(e.id, locale)) })
  }
  return replies
}

/**
 * "Ý bạn là…?" with one button per suggested topic (from `PolicySearch.suggest`). No topics → no replies,
 * so the caller falls back to its own answer.
 */
export function renderSuggestions(topicIds: readonly TopicId[], locale: Locale): Reply[] {
  if (topicIds.length === 0) return []
  return [{ text: t(locale, 'policy.didYouMean'), buttons: topicIds.slice(0, MAX_BUTTONS).map((id) => topicButton(id, locale)) }]
}

/** The answer to a question about another province: the content covers national policy and the former Đăk Hà area. */
export function renderOutOfArea(locale: Locale): Reply[] {
  return [{ text: t(locale, 'policy.outOfArea') }]
}
