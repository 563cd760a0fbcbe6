import { analyzeText } from '../nlu/normalize.ts'
import type { Audience, Category, Fact, Topic } from './schema.ts'
import { questionParts } from './tokenize.ts'
import { addDays, validOn } from './validate.ts'

/**
 * Which facts answer a question, as of a day: the versions valid that day, the one whose cues the question uses
 * (for the asker's category and age), and the version that takes over within a month.
 */

/** A change this close is said with the answer ("Từ 01/01/2027: …"). */
export const ANNOUNCE_DAYS = 31

/**
 * The later day a question asks about: "từ năm 2027", "năm 2028", "năm sau", "sang năm" → 1 January of that year,
 * when it is after `date` and not past `last`; undefined for a question about now.
 *
 * @example askedFuture('từ năm 2027 chuẩn nghèo thành thị là bao nhiêu', '2026-12-01', '2030-12-31') // '2027-01-01'
 */
export function askedFuture(text: string, date: string, last: string): string | undefined {
  const words = cueWords(text)
  const year = Number(date.slice(0, 4))
  let asked: number | undefined
  words.forEach((w, i) => {
    if (/^20\d\d$/.test(w) && ['nam', 'tu', 'den', 'sang', 'in', 'from'].includes(words[i - 1] ?? '')) asked = Number(w)
    if ((w === 'sau' || w === 'toi') && words[i - 1] === 'nam') asked = year + 1
    if (w === 'nam' && words[i - 1] === 'sang') asked = year + 1
    if (w === 'year' && words[i - 1] === 'next') asked = year + 1
  })
  if (asked === undefined || asked <= year) return undefined
  const day = `${asked}-01-01`
  return day <= last ? day : undefined
}

/** What a question says about who asks: categories ("cận nghèo"), groups ("sinh viên", "dân tộc") and an age. */
export interface Asker {
  audiences: Set<Audience>
  /** Inclusive age range the question names ("80 tuổi" → 80–80; "dưới 6 tuổi" → 0–5). */
  age?: { min: number; max: number }
}

/** Words of a text as the cues are compared: lower case, no diacritics, teencode expanded ("dc" → "duoc"). */
export function cueWords(text: string): string[] {
  return analyzeText(text).folded
}

const has = (words: readonly string[], phrase: string): boolean => {
  const p = phrase.split(' ')
  outer: for (let i = 0; i + p.length <= words.length; i++) {
    for (let k = 0; k < p.length; k++) if (words[i + k] !== p[k]) continue outer
    return true
  }
  return false
}

// A cue's words may be this far apart in the question: "chuẩn nghèo năm nay bao nhiêu" uses "chuẩn nghèo … bao nhiêu".
const MAX_GAP = 2

/**
 * Where the question's words contain the cue's words in order, at most {@link MAX_GAP} words apart: the positions
 * of the closest such match (fewest words skipped), or undefined.
 */
function matchPositions(words: readonly string[], cue: readonly string[]): number[] | undefined {
  let best: number[] | undefined
  for (let start = 0; start < words.length; start++) {
    if (words[start] !== cue[0]) continue
    const at = [start]
    for (let k = 1; k < cue.length; k++) {
      const last = at[at.length - 1]!
      let next = -1
      for (let j = last + 1; j <= last + 1 + MAX_GAP && j < words.length; j++) {
        if (words[j] === cue[k]) {
          next = j
          break
        }
      }
      if (next < 0) break
      at.push(next)
    }
    if (at.length === cue.length && (!best || spread(at) < spread(best))) best = at
  }
  return best
}

const spread = (at: readonly number[]) => at[at.length - 1]! - at[0]! - (at.length - 1)

/** Words before "nghèo" that do not describe the asker's household. */
const NOT_THE_ASKER = new Set(['can', 'thoat', 'giam', 'chuan', 'xoa', 'het'])

// Groups named in a question. "ông bà" alone is not an age: "ông bà tôi nghèo" says nothing about pensions.
const GROUPS: [Audience, string[]][] = [
  ['elderly', ['nguoi gia', 'cao tuoi', 'nguoi cao tuoi', 'tuoi gia', 'huu tri', 'elderly', 'older people', 'old age']],
  ['child', ['tre em', 'tre nho', 'con nho', 'em be', 'mam non', 'mau giao', 'so sinh', 'child', 'children', 'baby', 'kindergarten']],
  ['student', ['sinh vien', 'hoc sinh', 'hssv', 'dai hoc', 'cao dang', 'student', 'university', 'college']],
  ['ethnic_minority', ['dan toc', 'dong bao', 'dtts', 'ethnic']],
  ['middle', ['muc song trung binh', 'average living']],
]

/**
 * Who the question is about. "cận nghèo" is near-poor; "hộ nghèo", "nhà nghèo" and "người nghèo" without "cận" are
 * poor; an age in years ("mẹ tôi 80 tuổi", "dưới 6 tuổi") narrows to facts for that age.
 *
 * @example askerOf('nhà tôi là hộ cận nghèo, khám bệnh được trả bao nhiêu').audiences // Set { 'near_poor' }
 */
export function askerOf(text: string): Asker {
  const words = cueWords(text)
  const audiences = new Set<Audience>()
  if (has(words, 'can ngheo') || has(words, 'near poor') || has(words, 'near-poor')) audiences.add('near_poor')
  // "nghèo" not after "cận", and not in "thoát nghèo", "giảm nghèo", "chuẩn nghèo" (which name no one).
  const poor = words.some((w, i) => (w === 'ngheo' && !NOT_THE_ASKER.has(words[i - 1] ?? '')) || (w === 'poor' && words[i - 1] !== 'near'))
  if (poor) audiences.add('poor')
  for (const [audience, phrases] of GROUPS) if (phrases.some((p) => has(words, p))) audiences.add(audience)
  const asker: Asker = { audiences }
  for (let i = 1; i < words.length; i++) {
    const unit = words[i]
    const n = Number(words[i - 1])
    if (!Number.isInteger(n) || n < 0 || n > 120) continue
    if (unit === 'tuoi' || unit === 't' || (unit === 'years' && words[i + 1] === 'old')) {
      const before = words[i - 2]
      asker.age = before === 'duoi' || before === 'under' ? { min: 0, max: Math.max(0, n - 1) } : before === 'tren' || before === 'over' ? { min: n + 1, max: 120 } : { min: n, max: n }
      if (asker.age.min >= 60) audiences.add('elderly')
      if (asker.age.max < 16) audiences.add('child')
      break
    }
  }
  return asker
}

const CATEGORY_AUDIENCES: readonly Audience[] = ['poor', 'near_poor', 'middle']

/**
 * The asker's categories: what the question says and the category the eligibility check remembered ("hộ nghèo có
 * được thẻ bhyt" from a near-poor household is asked about their own card too).
 */
function askedCategories(asker: Asker, known: Category | undefined): Audience[] {
  const said = CATEGORY_AUDIENCES.filter((a) => asker.audiences.has(a))
  const remembered: Audience[] = known && known !== 'none' && !said.includes(known) ? [known] : []
  return [...remembered, ...said]
}

/**
 * Whether `fact` may be told to this asker: a fact for one category is never told to another ("cận nghèo" never
 * gets a poor-only figure), and an age rule only to an age in its range.
 */
export function suits(fact: Fact, asker: Asker, known: Category | undefined): boolean {
  const categories = askedCategories(asker, known)
  const factCategories = fact.for.filter((a) => CATEGORY_AUDIENCES.includes(a))
  if (categories.length > 0 && factCategories.length > 0 && !fact.for.includes('everyone') && !factCategories.some((a) => categories.includes(a))) {
    return false
  }
  if (fact.age && asker.age) {
    const from = fact.age.from ?? 0
    const to = fact.age.to ?? 200
    if (asker.age.max < from || asker.age.min > to) return false
  }
  return true
}

// Content is immutable once loaded: folded cues and keywords are computed once per fact and topic.
function foldedOnce<T extends object>(words: (item: T) => readonly string[]): (item: T) => string[][] {
  const cache = new WeakMap<T, string[][]>()
  return (item) => {
    let list = cache.get(item)
    if (!list) {
      list = words(item).map(cueWords).filter((c) => c.length > 0)
      cache.set(item, list)
    }
    return list
  }
}

const cuesOf = foldedOnce<Fact>((fact) => fact.cues)
const keywordsOf = foldedOnce<Topic>((topic) => topic.keywords)

/** Positions of words that say who asks ("hộ nghèo", "nhà cận nghèo"): the audience rules handle them, not the cues. */
export function audienceWords(words: readonly string[]): Set<number> {
  const at = new Set<number>()
  words.forEach((w, i) => {
    if (w !== 'ngheo' && w !== 'poor') return
    // "thoát nghèo", "hết nghèo", "chuẩn nghèo" say what, not who.
    if (w === 'ngheo' && words[i - 1] !== 'can' && NOT_THE_ASKER.has(words[i - 1] ?? '')) return
    at.add(i)
    for (let k = i - 1; k >= Math.max(0, i - 2) && ['ho', 'nha', 'nguoi', 'can', 'gia', 'dinh', 'near'].includes(words[k]!); k--) at.add(k)
  })
  return at
}

/** Words that only say whose question it is: people, "nhà"/"hộ" as the family, "là", "thuộc". */
const ASKER_FILLER = new Set(['toi', 'tui', 't', 'em', 'e', 'minh', 'nguoi', 'nha', 'ho', 'gia', 'dinh', 'la', 'thuoc', 'dien', 'cua', 'con', 'me', 'bo', 'cha', 'ong', 'ba', 'chau', 'vo', 'chong', 'tuoi', 'i', 'my', 'we', 'our', 'am', 'is', 'are', 'a', 'household', 'family'])

/**
 * Whether a part of a message only says who is asking ("nhà cận nghèo", "mẹ tôi 80 tuổi", "tôi là người dân tộc"):
 * such a part asks about no topic, whatever its words suggest ("nhà" there is the family, not the house).
 */
export function describesAsker(text: string): boolean {
  const words = cueWords(text)
  if (words.length === 0) return false
  const covered = audienceWords(words)
  for (const [, phrases] of GROUPS) {
    for (const phrase of phrases) {
      const p = phrase.split(' ')
      for (let i = 0; i + p.length <= words.length; i++) if (p.every((w, k) => words[i + k] === w)) p.forEach((_, k) => covered.add(i + k))
    }
  }
  return words.every((w, i) => covered.has(i) || ASKER_FILLER.has(w) || /^\d{1,3}$/.test(w))
}

/**
 * The question words a topic's keywords name ("lãi suất" in the credit topic, "thẻ bảo hiểm" in health insurance):
 * they say which topic is asked about, not which of its facts, so they count for the topic, once.
 */
export function topicWords(topic: Topic, words: readonly string[], skip: ReadonlySet<number> = new Set()): Set<number> {
  const at = new Set<number>()
  for (const keyword of keywordsOf(topic)) {
    for (let i = 0; i + keyword.length <= words.length; i++) {
      if (keyword.every((w, k) => words[i + k] === w)) for (let k = 0; k < keyword.length; k++) if (!skip.has(i + k)) at.add(i + k)
    }
  }
  return at
}

/**
 * The cues that name one fact even in words that are the topic's keywords: held by that fact alone, and not words of
 * the topic's title ("bị loại" names the complaints topic's written-answer fact; "trợ cấp hưu trí" names the topic).
 */
const ownCues = new WeakMap<Topic, Set<string>>()
function distinctCues(topic: Topic): Set<string> {
  let own = ownCues.get(topic)
  if (!own) {
    const byCue = new Map<string, Set<string>>()
    for (const fact of topic.facts) for (const cue of cuesOf(fact)) byCue.set(cue.join(' '), new Set([...(byCue.get(cue.join(' ')) ?? []), fact.id]))
    const title = new Set([...cueWords(topic.title), ...cueWords(topic.label)])
    own = new Set([...byCue].filter(([cue, ids]) => ids.size === 1 && !cue.split(' ').every((w) => title.has(w))).map(([cue]) => cue))
    ownCues.set(topic, own)
  }
  return own
}

/** The words the scoring leaves aside: who asks, and what only names the topic. */
export interface Aside {
  audience: ReadonlySet<number>
  topic: ReadonlySet<number>
  /** The topic of the fact, to tell its distinctive cues. */
  of?: Topic
}

/**
 * How much of the question a fact's cues explain: each question word a matched cue covers counts 1 (at most as many
 * as the cue has words as written, so "bhyt" counts one word however it expands), less ¼ per word a cue skipped.
 * Words saying who asks never count, and words that only name the topic count only for a cue no other fact of the
 * topic holds: "mất thẻ bảo hiểm y tế làm lại ở đâu" is explained by the lost-card fact ("mất thẻ"), not by the
 * card-payment fact, although both know "thẻ bảo hiểm". 0 when no cue covers a word that counts.
 */
export function cueScore(fact: Fact, words: readonly string[], aside: Aside = { audience: new Set(), topic: new Set() }, extraCues: readonly string[] = []): number {
  const covered = new Set<number>()
  let credit = 0
  let skipped = 0
  const distinct = aside.of ? distinctCues(aside.of) : undefined
  const raw = [...fact.cues, ...extraCues]
  const cues = [...cuesOf(fact), ...extraCues.map(cueWords)].map((cw, i) => ({ cw, size: (raw[i] ?? '').trim().split(/\s+/).length }))
  for (const { cw, size } of cues.sort((a, b) => b.cw.length - a.cw.length)) {
    const at = matchPositions(words, cw)
    if (!at) continue
    const own = distinct?.has(cw.join(' ')) ?? false
    const fresh = at.filter((i) => !covered.has(i) && !aside.audience.has(i) && (own || !aside.topic.has(i)))
    if (fresh.length === 0) continue
    skipped += spread(at)
    for (const i of fresh) covered.add(i)
    credit += Math.min(fresh.length, size)
  }
  return credit === 0 ? 0 : Math.max(credit - 0.25 * skipped, 0.05)
}

// A topic's keywords in the question count half a word each: enough to prefer the topic asked about among siblings.
const TOPIC_WEIGHT = 0.5

/** An age rule whose range holds the age the question names is itself a match ("con 2 tuổi" → the under-3 rule). */
const AGE_MATCH = 3

/** Extra points for a fact made for who asks: the named category or group, and an age in its range. */
function audienceBonus(fact: Fact, asker: Asker, known: Category | undefined): number {
  let bonus = 0
  const named = new Set([...asker.audiences, ...askedCategories(asker, known)])
  if (fact.for.some((a) => a !== 'everyone' && named.has(a))) bonus += 0.5
  // The household's own category, from the check, goes first among equals.
  if (known && known !== 'none' && fact.for.includes(known)) bonus += 0.25
  if (fact.age && asker.age) bonus += AGE_MATCH
  return bonus
}

/** The facts of `topic` valid on `date`, in file order. */
export function factsOn(topic: Topic, date: string): Fact[] {
  return topic.facts.filter((f) => validOn(f, date))
}

/** The version of `fact` that starts after `date` (within `days`, if given), if the content has one. */
export function nextVersion(topic: Topic, fact: Pick<Fact, 'id'>, date: string, days?: number): Fact | undefined {
  const limit = days === undefined ? '9999-12-31' : addDays(date, days)
  return topic.facts
    .filter((f) => f.id === fact.id && f.validFrom > date && f.validFrom <= limit)
    .sort((a, b) => (a.validFrom < b.validFrom ? -1 : 1))[0]
}

/** A fact and, when it changes within {@link ANNOUNCE_DAYS}, the version that follows. */
export interface Said {
  fact: Fact
  next?: Fact
  /** How well the question matched the fact's cues (set by {@link matchFacts}): 2 or more is a phrase of 2+ words. */
  score?: number
}

function withNext(topic: Topic, fact: Fact, date: string): Said {
  const next = nextVersion(topic, fact, date, ANNOUNCE_DAYS)
  // A successor only counts when the current version ends on the eve of it (not a gap in the content).
  return next && fact.validTo !== null && addDays(fact.validTo, 1) === next.validFrom ? { fact, next } : { fact }
}

/** The most facts said in a first reply: the asked one, and one more only when it fits the question about as well. */
const MAX_MATCHED = 2
// "About as well": within the bonus for the household's own category, so both categories' figures can be said.
const TIE = 0.3

/** Facts of several topics that answer a question, best first, each with its topic. */
export interface Match {
  topic: Topic
  said: Said[]
  /** The best fact's score (see {@link cueScore}): about the number of question words its cues explain. */
  score: number
  /** How many question words the topic's keywords name (0: the question does not name the topic). */
  named: number
}

/**
 * The facts that answer `text` on `date`, for who asks (said in the text, or the remembered category `known`), found
 * among `topics` — the first topic wins a tie, so the routed topic is preferred over its siblings. Undefined when no
 * cue of any suitable fact is in the question: the caller then gives the topic's general answer
 * ({@link generalFacts}). `extraCues` adds cues per fact (the Vietnamese ones for an English topic).
 *
 * @example matchAcross([credit], 'hộ nghèo được vay bao nhiêu tiền', '2026-12-01') // the 100-million limit first
 */
export function matchAcross(
  topics: readonly Topic[],
  text: string,
  date: string,
  known?: Category,
  extraCues?: (topic: Topic, fact: Fact) => readonly string[],
): Match | undefined {
  const whole = matchOne(topics, text, date, known, extraCues)
  const parts = questionParts(text)
  if (!whole || parts.length < 2) return whole
  // "học phí và tiền ăn cho con": each part asks for its own fact (a part that names only the topic, its general
  // answer); say the best of each, in the routed topic.
  const said = [...whole.said]
  for (const part of parts) {
    const best = matchOne([whole.topic], part, date, known, extraCues)?.said[0] ?? generalFacts(whole.topic, date, part, known)[0]
    if (best && !said.some((s) => s.fact === best.fact)) said.push(best)
  }
  return { ...whole, said: said.slice(0, MAX_MATCHED) }
}

function matchOne(
  topics: readonly Topic[],
  text: string,
  date: string,
  known?: Category,
  extraCues?: (topic: Topic, fact: Fact) => readonly string[],
): Match | undefined {
  const words = cueWords(text)
  const asker = askerOf(text)
  const audience = audienceWords(words)
  const scored = topics.flatMap((topic, rank) => {
    const named = topicWords(topic, words, audience)
    return factsOn(topic, date)
      .filter((f) => f.role !== 'overview' && suits(f, asker, known))
      .map((fact, order) => {
        const cues = cueScore(fact, words, { audience, topic: named, of: topic }, extraCues?.(topic, fact))
        // An age rule whose range holds the asked age counts even when no cue matched ("con 2 tuổi có thẻ không").
        const base = cues > 0 ? cues : fact.age && asker.age ? 0.1 : 0
        return { topic, fact, rank, order, named: named.size, score: base > 0 ? base + TOPIC_WEIGHT * named.size + audienceBonus(fact, asker, known) : 0 }
      })
  })
  const ranked = scored.filter((s) => s.score > 0).sort((a, b) => b.score - a.score || a.rank - b.rank || a.order - b.order)
  const top = ranked[0]
  if (!top) return undefined
  const said = ranked
    .filter((s) => s.topic === top.topic && s.score >= top.score - TIE)
    .slice(0, MAX_MATCHED)
    .map((s) => ({ ...withNext(top.topic, s.fact, date), score: s.score }))
  return { topic: top.topic, said, score: top.score, named: top.named }
}

/** {@link matchAcross} for one topic: its facts that answer `text`, or [] for a general question. */
export function matchFacts(topic: Topic, text: string, date: string, known?: Category): Said[] {
  return matchAcross([topic], text, date, known)?.said ?? []
}

/**
 * The topic's general answer on `date`: its main facts for who asks, those made for the asker's category first;
 * facts for another category are left out when the category is known.
 */
export function generalFacts(topic: Topic, date: string, text = '', known?: Category): Said[] {
  const asker = askerOf(text)
  const valid = factsOn(topic, date).filter((f) => f.role !== 'overview' && suits(f, asker, known))
  const said = new Set(CATEGORY_AUDIENCES.filter((a) => asker.audiences.has(a)))
  const own = known && known !== 'none' ? new Set<Audience>([known]) : new Set<Audience>()
  // The main facts of the household's own category (from the check) first; then every fact made for the category the
  // question names, even one not in the general answer ("hộ cận nghèo có được hỗ trợ tiền điện không").
  const only = (categories: ReadonlySet<Audience>) => (f: Fact) =>
    !f.for.includes('everyone') && f.for.some((a) => categories.has(a)) && f.for.every((a) => categories.has(a) || !CATEGORY_AUDIENCES.includes(a))
  const forOwn = valid.filter((f) => f.role === 'main' && only(own)(f))
  const forSaid = valid.filter((f) => only(said)(f) && !forOwn.includes(f))
  const rest = valid.filter((f) => f.role === 'main' && !forOwn.includes(f) && !forSaid.includes(f))
  return [...forOwn, ...forSaid, ...rest].map((f) => withNext(topic, f, date))
}

/**
 * Main facts that start within {@link ANNOUNCE_DAYS} and have no version today (a new rule, not a change of one),
 * so that a general answer in December also says what begins in January.
 */
export function startingSoon(topic: Topic, date: string): Fact[] {
  const ids = new Set(factsOn(topic, date).map((f) => f.id))
  const limit = addDays(date, ANNOUNCE_DAYS)
  return topic.facts.filter((f) => f.role === 'main' && !ids.has(f.id) && f.validFrom > date && f.validFrom <= limit)
}

/**
 * The overview line of `topic` on `date` for who asks: the line for the asked category, else the line for everyone,
 * else the poor households' line.
 */
export function overviewLine(topic: Topic, date: string, categories: readonly Audience[]): Fact | undefined {
  const lines = factsOn(topic, date).filter((f) => f.role === 'overview')
  for (const audience of [...categories, 'everyone', 'poor'] as Audience[]) {
    const line = lines.find((f) => f.for.includes(audience))
    if (line) return line
  }
  return lines[0]
}
