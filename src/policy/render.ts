import { t, type Locale } from '../i18n.ts'
import { composeDetails, composeShort } from './compose.ts'
import { getTopic, isTopicId, type TopicId } from './content.ts'
import type { Category } from './schema.ts'
import { splitText, ZALO_MAX_CHARS } from '../util/split.ts'
import './texts.ts'

/** Same shape as `Reply` in src/channels/types.ts; kept structural so policy does not depend on channels. */
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
  /** The eligibility category the bot knows for this user; puts the matching line first. */
  category?: Category
  part: 'short' | 'details'
  /** Longest text per reply; default 2,000 (Zalo). Telegram allows 4,096. */
  maxChars?: number
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

function relatedButtons(id: TopicId, locale: Locale): { label: string; value: string }[] {
  return getTopic(id, locale)
    .related.filter(isTopicId)
    .map((related) => ({ label: getTopic(related, locale).label, value: policyButtonValue(related) }))
}

/** Split `text` into replies of at most `maxChars`, with `buttons` on the last one. */
function toReplies(text: string, maxChars: number, buttons: { label: string; value: string }[]): Reply[] {
  const parts = splitText(text, maxChars)
  return parts.map((part, i) => (i === parts.length - 1 && buttons.length > 0 ? { text: part, buttons } : { text: part }))
}

/**
 * A policy topic as chat replies.
 *
 * - `short`: the category line first (if `category` is given and the topic has one), the 2–4 line answer, the
 *   legal basis with the check date; buttons "Xem chi tiết" + related topics (at most 5 buttons).
 * - `details`: the long text, every legal basis, the check date, the next step and the caveats; buttons for
 *   related topics (at most 4, leaving room for one from the dialogue).
 *
 * Text longer than `maxChars` is split at paragraph, sentence, then word boundaries; buttons go on the last reply.
 *
 * @throws RangeError for an unknown topic id.
 * @example renderTopic('health_insurance', { locale: 'vi', category: 'near_poor', part: 'short' })
 */
export function renderTopic(topicId: TopicId, options: RenderOptions): Reply[] {
  const { locale, category, part, maxChars = ZALO_MAX_CHARS } = options
  const topic = getTopic(topicId, locale)
  const related = relatedButtons(topicId, locale).slice(0, MAX_RELATED_BUTTONS)
  if (part === 'details') return toReplies(composeDetails(topic, locale), maxChars, related)
  const details = { label: t(locale, 'policy.detailsButton'), value: policyButtonValue(topicId, 'details') }
  return toReplies(composeShort(topic, locale, category), maxChars, [details, ...related].slice(0, MAX_BUTTONS))
}

/**
 * "Ý bạn là…?" with one button per suggested topic (from `PolicySearch.suggest`). No topics → no replies,
 * so the caller falls back to its own answer.
 */
export function renderSuggestions(topicIds: readonly TopicId[], locale: Locale): Reply[] {
  if (topicIds.length === 0) return []
  const buttons = topicIds
    .slice(0, MAX_BUTTONS)
    .map((id) => ({ label: getTopic(id, locale).label, value: policyButtonValue(id) }))
  return [{ text: t(locale, 'policy.didYouMean'), buttons }]
}

/** The answer to a question about another province: the content covers national policy and the former Đăk Hà area. */
export function renderOutOfArea(locale: Locale): Reply[] {
  return [{ text: t(locale, 'policy.outOfArea') }]
}
