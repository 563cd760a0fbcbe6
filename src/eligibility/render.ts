import type { Button, Reply } from '../messages.ts'
import { t, type Locale } from '../i18n.ts'
import {
  DIMENSION_IDS,
  INDICATORS,
  INDICATOR_IDS,
  formatDate,
  spokenVnd,
  getStandard,
  indicatorQuestion,
  questionsByDimension,
  standardOn,
  type Category,
  type Classification,
  type IndicatorId,
  type LegalReference,
  type Note,
  type RangeClassification,
  type StandardId,
} from '../poverty/index.ts'
import { MAX_MEMBERS } from '../nlu/members.ts'
import type { IncomeProblem } from './parse.ts'
import { PAIR_CHOICES, PAIRS, STEPS, pairOf, screens, type QuestionsState, type Step } from './state.ts'
import './texts.ts'

/** Longest message we send; Zalo cuts at 2,000 characters. */
export const MAX_REPLY_CHARS = 2000

const k = (key: string) => `eligibility.${key}`

/** Button helpers: every value matches BUTTON_VALUE (`elig:<rest>`), every label stays short for Zalo. */
const button = (locale: Locale, key: string, value: string, vars?: Record<string, string | number>): Button => ({
  label: t(locale, k(`button.${key}`), vars),
  value,
})
export const back = (locale: Locale) => button(locale, 'back', 'elig:back')
export const cancelButton = (locale: Locale) => button(locale, 'cancel', 'elig:cancel')
const cancel = cancelButton

/** "Trả lời tiếp (3 câu)": the questions the result did not need. */
export const moreButton = (locale: Locale, count: number) => button(locale, 'more', 'elig:more', { count })

/** "Thành thị" until 2026, "Đô thị" under Nghị định 351/2025 (the decree's own word). */
function urbanKey(today: string): 'urban2022' | 'urbanFrom2027' {
  return standardOn(today)?.urbanLabelKey === 'poverty.area.urbanFrom2027' ? 'urbanFrom2027' : 'urban2022'
}

function urbanWord(locale: Locale, today: string): string {
  return t(locale, k(`button.${urbanKey(today)}`)).toLocaleLowerCase(locale)
}

/** The area word in running text ("nông thôn", "thành thị"/"đô thị"). */
export function areaWord(locale: Locale, area: 'rural' | 'urban', today: string): string {
  return area === 'rural' ? t(locale, 'poverty.area.rural') : urbanWord(locale, today)
}

// Household sizes as buttons: 1 to 6, then "7 trở lên" (typed), in two messages of at most five (Zalo's limit).
const MEMBER_CHOICES = [1, 2, 3, 4, 5, 6] as const
const MEMBERS_FIRST = 5

/** The question for `step`, with its buttons (at most 5 per message, as Zalo shows). */
export function question(locale: Locale, step: Step, today: string, state: Pick<QuestionsState, 'singles'> = {}): Reply[] {
  switch (step) {
    case 'area':
      return [
        {
          text: t(locale, k('ask.area'), { urban: urbanWord(locale, today) }),
          buttons: [button(locale, 'rural', 'elig:area:rural'), button(locale, urbanKey(today), 'elig:area:urban'), cancel(locale)],
        },
      ]
    case 'members': {
      const sizes = MEMBER_CHOICES.map((n) => button(locale, 'members', `elig:members:${n}`, { count: n }))
      return [
        { text: t(locale, k('ask.members')), buttons: sizes.slice(0, MEMBERS_FIRST) },
        {
          text: t(locale, k('ask.members_more')),
          buttons: [...sizes.slice(MEMBERS_FIRST), button(locale, 'members_more', 'elig:members:more'), back(locale), cancel(locale)],
        },
      ]
    }
    case 'income':
      return [{ text: t(locale, k('ask.income')), buttons: [button(locale, 'unknown_income', 'elig:unknown_income'), back(locale), cancel(locale)] }]
    default: {
      const pair = pairOf(state, step)
      const position = screens(state).indexOf(pair ? PAIRS[pair][0] : step) + 1
      if (pair) {
        const dimension = questionsByDimension(locale).find((d) => d.indicators.some((i) => i.id === step))
        return [{
          text: t(locale, k('ask.indicator'), { number: position, total: screens(state).length, dimension: dimension?.name ?? '', question: t(locale, k(`pair.${pair}.question`)) }),
          buttons: PAIR_CHOICES.map((choice) => ({
            label: t(locale, k(choice === 'unknown' ? 'button.unknown' : `pair.${pair}.${choice}`)),
            value: `elig:pair:${pair}:${choice}`,
          })),
        }]
      }
      const q = indicatorQuestion(step, locale)
      const dimension = questionsByDimension(locale).find((d) => d.indicators.some((i) => i.id === step))
      return [{
        text: t(locale, k('ask.indicator'), {
          number: position,
          total: screens(state).length,
          dimension: dimension?.name ?? '',
          question: q.question,
        }),
        buttons: [
          button(locale, 'yes', `elig:yes:${step}`),
          button(locale, 'no', `elig:no:${step}`),
          button(locale, 'unknown', `elig:unknown:${step}`),
          back(locale),
          cancel(locale),
        ],
      }]
    }
  }
}

/** The question again, after a short line saying why (bad input, first question, a stale button). */
export function askAgain(locale: Locale, step: Step, today: string, why: string, state: Pick<QuestionsState, 'singles'> = {}): Reply[] {
  const [q, ...rest] = question(locale, step, today, state)
  return [{ ...q!, text: `${why}\n\n${q!.text}` }, ...rest]
}

/** The line explaining why a step is asked again. */
export function invalidLine(
  locale: Locale,
  step: Step,
  today: string,
  problem?: { income?: IncomeProblem; text?: string; membersRange?: boolean },
): string {
  if (step === 'area') return t(locale, k('invalid.area'), { urban: urbanWord(locale, today) })
  if (step === 'members') {
    return problem?.membersRange ? t(locale, k('invalid.members_range'), { max: MAX_MEMBERS }) : t(locale, k('invalid.members_not_number'))
  }
  if (step === 'income') {
    const key = {
      notMoney: 'income_not_money',
      negative: 'income_negative',
      tooLarge: 'income_too_large',
      zero: 'income_zero',
      several: 'income_several',
      tooSmall: 'income_too_small',
      noUnit: 'income_no_unit',
    }[problem?.income ?? 'notMoney']
    return t(locale, k(`invalid.${key}`), { text: problem?.text ?? '' })
  }
  return t(locale, k('invalid.answer'))
}

/** "Is it 7 triệu?" for a bare "7" at the income question: the reading as a button, plus the usual ones. */
export function incomeNoUnit(locale: Locale, today: string, count: number): Reply {
  const [q] = question(locale, 'income', today) as [Reply]
  return {
    text: `${t(locale, k('invalid.income_no_unit'), { count })}\n\n${q.text}`,
    buttons: [button(locale, 'million', `elig:income:${count * 1_000_000}`, { count }), ...(q.buttons ?? []).slice(0, 3)],
  }
}

/** How many questions are left to ask at most in a fresh check (a pair is one). */
export function remainingCount(state: QuestionsState): number {
  const household = (['area', 'members', 'income'] as const).filter((s) => state[s] === undefined).length
  return household + screens(state).filter((s) => state.answers[s as IndicatorId] === undefined).length
}

/** The opening of a check: what it is, what was understood already, and the first question. */
export function opening(locale: Locale, state: QuestionsState, today: string, areaPlace: string | null): Reply[] {
  const known: string[] = []
  if (state.area && areaPlace) known.push(t(locale, k('known_area'), { area: areaWord(locale, state.area, today), place: areaPlace }))
  if (state.members !== undefined) known.push(t(locale, k('known_members'), { members: state.members }))
  if (state.income?.kind === 'total') known.push(t(locale, k('known_income_total'), { amount: spokenVnd(state.income.vnd, locale) }))
  if (state.income?.kind === 'perPerson') known.push(t(locale, k('known_income_per_person'), { amount: spokenVnd(state.income.vnd, locale) }))
  const intro = t(locale, k('intro'), { count: remainingCount(state) })
  const lines = known.length > 0 ? `${intro}\n${t(locale, k('known'), { list: known.join(', ') })}` : intro
  const [q, ...rest] = question(locale, state.at, today, state)
  // Going back from the first question corrects an area taken from the user's place.
  return [{ ...q!, text: `${lines}\n\n${q!.text}` }, ...rest]
}

export function resumeOffer(locale: Locale, answered: number, total: number): Reply {
  return {
    text: t(locale, k('resume_offer'), { answered, total }),
    buttons: [button(locale, 'resume', 'elig:resume'), button(locale, 'restart', 'elig:restart')],
  }
}

export function cancelled(locale: Locale, menu: Button[]): Reply {
  return { text: t(locale, k('cancelled')), buttons: menu }
}

export function expired(locale: Locale, menu: Button[]): Reply {
  return { text: t(locale, k('expired')), buttons: [button(locale, 'check_again', 'elig:restart'), ...menu].slice(0, 5) }
}

/** The category in words, as the classifier says it ("hộ cận nghèo"; "không thuộc diện …" for none). */
export function categoryWords(locale: Locale, category: Category, standard: StandardId): string {
  const key = category === 'none' && getStandard(standard).middleBandTopVnd ? 'noneWithMiddle' : category
  return t(locale, `poverty.category.${key}`)
}

function capitalize(text: string, locale: Locale): string {
  return text.charAt(0).toLocaleUpperCase(locale) + text.slice(1)
}

function indicatorList(locale: Locale, ids: readonly IndicatorId[]): string {
  return ids.map((id) => indicatorQuestion(id, locale).name).join(', ')
}

const SHOWN_TOPICS: readonly LegalReference['topic'][] = ['incomeLine', 'categories', 'extension2026']

/** The citations to show: income line, categories, the 2026 extension; the middle band when it matters. */
function citations(refs: readonly LegalReference[], withMiddle: boolean, today: string): string {
  const topics = new Set<LegalReference['topic']>(withMiddle ? [...SHOWN_TOPICS, 'middleBand', 'middleBandPolicyUse'] : SHOWN_TOPICS)
  // The 2026 extension only matters once 2026 has begun.
  if (today < '2026-01-01') topics.delete('extension2026')
  const shown: string[] = []
  for (const ref of refs) if (topics.has(ref.topic) && !shown.includes(ref.citation)) shown.push(ref.citation)
  return shown.join('; ')
}

function bullets(lines: readonly string[]): string {
  return lines.map((l) => `• ${l}`).join('\n')
}

/**
 * The deprived indicators named, those the user was unsure of, and which deprived ones have a threshold whose
 * wording is UNVERIFIED (FACTS §1.3, §8) and so must be confirmed with the commune.
 */
function deprivationsBlock(locale: Locale, deprived: readonly IndicatorId[], state: QuestionsState): string | null {
  const asked = INDICATOR_IDS.filter((id) => state.answers[id] !== undefined)
  // Nothing asked (the income alone decided): the line saying why comes with the offer to go on.
  if (asked.length === 0) return null
  const lines = [
    deprived.length > 0
      ? t(locale, k('result.deprived'), { count: deprived.length, list: deprived.map((id) => t(locale, k(`lack.${id}`))).join(', ') })
      : t(locale, k(asked.length < INDICATOR_IDS.length ? 'result.deprived_none_asked' : 'result.deprived_none')),
  ]
  const unverified = deprived.filter((id) => INDICATORS[id].wordingStatus === 'unverified')
  const plain = (ids: readonly IndicatorId[]) => ids.map((id) => t(locale, k(`lack.${id}`))).join(', ')
  if (unverified.length > 0) lines.push(t(locale, k('result.needs_confirmation'), { list: plain(unverified) }))
  const unknown = INDICATOR_IDS.filter((id) => state.answers[id] === 'unknown')
  if (unknown.length > 0) lines.push(t(locale, k('result.unknown'), { count: unknown.length, list: plain(unknown) }))
  return lines.join('\n')
}

function notesBlock(locale: Locale, notes: readonly Note[]): string | null {
  if (notes.length === 0) return null
  return `${t(locale, k('result.notes'))}\n${bullets(notes.map((n) => n.text))}`
}

/** The sections of a result with a known income, in reading order. */
export function classificationSections(locale: Locale, result: Classification, state: QuestionsState, today: string): string[] {
  const sections = [`${t(locale, k('result.title'), { category: capitalize(result.categoryLabel, locale) })}\n${result.explanation}`]
  const lacking = deprivationsBlock(locale, result.deprived, state)
  if (lacking) sections.push(lacking)
  if (result.whatWouldChange.length > 0) {
    sections.push(`${t(locale, k('result.changes'))}\n${bullets(result.whatWouldChange.map((c) => c.text))}`)
  }
  // In December 2026 the notes carry the result under the next standard; its own notes say it is provisional.
  const notes = [...result.notes, ...(result.next?.notes.filter((n) => n.code === 'provisionalIndicators') ?? [])]
  const block = notesBlock(locale, notes)
  if (block) sections.push(block)
  const withMiddle = result.category === 'middle' || result.next?.category === 'middle'
  const refs = [...result.legalBasis, ...(result.next?.legalBasis ?? [])]
  sections.push(
    `${t(locale, k('result.simplified'))}\n${t(locale, k('result.basis'), { list: citations(refs, withMiddle, today) })}\n${result.disclaimer}`,
  )
  return sections
}

/** The explanation without its band sentences, which are shown one per line instead. */
function rangeIntro(result: RangeClassification): string {
  const bands = result.bands.map((b) => b.text).join(' ')
  return result.explanation.endsWith(bands) ? result.explanation.slice(0, -bands.length).trim() : result.explanation
}

/** The sections of a result for an unknown income: one line per income band. */
export function rangeSections(locale: Locale, result: RangeClassification, state: QuestionsState, today: string): string[] {
  const sections = [`${t(locale, k('result.title_range'))}\n${rangeIntro(result)}\n${bullets(result.bands.map((b) => b.text))}`]
  const lacking = deprivationsBlock(locale, result.deprived, state)
  if (lacking) sections.push(lacking)
  if (result.next) {
    const next = getStandard(result.next.standard)
    sections.push(
      `${t(locale, k('result.next_standard'), { date: formatDate(next.effectiveFrom), basis: next.shortBasis })}\n${bullets(result.next.bands.map((b) => b.text))}`,
    )
  }
  const notes = [...result.notes, ...(result.next?.notes.filter((n) => n.code === 'provisionalIndicators') ?? [])]
  const block = notesBlock(locale, notes)
  if (block) sections.push(block)
  const refs = [...result.legalBasis, ...(result.next?.legalBasis ?? [])]
  sections.push(
    `${t(locale, k('result.simplified'))}\n${t(locale, k('result.basis'), { list: citations(refs, true, today) })}\n${result.disclaimer}`,
  )
  return sections
}

/** Policy topics worth a button for each category, most useful first. */
const POLICIES: Record<Category | 'unknown', readonly string[]> = {
  poor: ['health_insurance', 'credit', 'education', 'housing'],
  near_poor: ['health_insurance', 'credit', 'education'],
  middle: ['health_insurance', 'registration'],
  none: ['poverty_standard', 'registration'],
  unknown: ['poverty_standard', 'registration', 'health_insurance'],
}

/** The next step (Mẫu số 01 to UBND xã, review timing) with buttons to the category's policies. */
export function nextStepReply(locale: Locale, category: Category | 'unknown', today: string): Reply {
  const lines = [t(locale, k(category === 'none' ? 'next_step.none' : 'next_step.apply')), t(locale, k('next_step.timing'))]
  const monthDay = today.slice(5)
  if (monthDay >= '09-01' && monthDay <= '12-14') lines.push(t(locale, k('next_step.annual_now')))
  // QĐ 24/2021 sets the procedure of the 2022–2025 standard; no successor text has been found (FACTS §7.3).
  if (standardOn(today)?.id !== '2022-2025') lines.push(t(locale, k('next_step.procedure_unconfirmed')))
  lines.push(t(locale, k('next_step.policies')))
  const policyButtons = POLICIES[category].map((topic) => ({ label: t(locale, k(`policy.${topic}`)), value: `intent:policy.${topic}` }))
  const extra = [button(locale, 'check_again', 'elig:restart')]
  if (category === 'none' || category === 'unknown') extra.push(button(locale, 'officer', 'intent:contact.officer'))
  return { text: lines.join('\n'), buttons: [...policyButtons, ...extra].slice(0, 5) }
}

export function consentQuestion(locale: Locale): Reply {
  return {
    text: t(locale, k('consent.ask')),
    buttons: [button(locale, 'save_yes', 'elig:save:yes'), button(locale, 'save_no', 'elig:save:no')],
  }
}

export function consentSaved(locale: Locale, category: Category, standard: StandardId, menu: Button[]): Reply {
  return {
    text: t(locale, k('consent.saved'), { category: categoryWords(locale, category, standard) }),
    buttons: [button(locale, 'forget', 'elig:forget'), ...menu].slice(0, 5),
  }
}

/**
 * Packs sections into as few messages as fit in {@link MAX_REPLY_CHARS}, never splitting a section unless it
 * alone is too long (then at line breaks, then hard).
 */
export function pack(sections: readonly string[], max = MAX_REPLY_CHARS): string[] {
  const pieces = sections.flatMap((s) => (s.length <= max ? [s] : splitLong(s, max)))
  const messages: string[] = []
  for (const piece of pieces) {
    const last = messages[messages.length - 1]
    if (last !== undefined && last.length + 2 + piece.length <= max) messages[messages.length - 1] = `${last}\n\n${piece}`
    else messages.push(piece)
  }
  return messages
}

function splitLong(text: string, max: number): string[] {
  const out: string[] = []
  let current = ''
  for (const line of text.split('\n')) {
    for (let rest = line; rest.length > 0; rest = rest.slice(max)) {
      const chunk = rest.slice(0, max)
      if (current === '') current = chunk
      else if (current.length + 1 + chunk.length <= max) current = `${current}\n${chunk}`
      else {
        out.push(current)
        current = chunk
      }
    }
  }
  if (current !== '') out.push(current)
  return out
}

