import type { Locale } from '../i18n.ts'
import { bm25Ranker } from './bm25.ts'
import { allTopics, type TopicId } from './content.ts'
import type { Topic } from './schema.ts'
import { questionParts, tokenize } from './tokenize.ts'

/*
 * Engine: a hand-written per-field BM25+ (bm25.ts), chosen by measurement (test/bench/policy.bench.ts,
 * 48 questions in test/policy/retrieval-queries.json, Node 20, same tokenizer for every engine):
 *
 *   engine                  build    query p50 / p99    min+gzip   top-1   top-3   suggest
 *   hand BM25+ (chosen)     0.6 ms   33 µs / 86 µs      ~0.6 KB    0.95    1.00    0.958
 *   MiniSearch 7.2.0        4–8 ms   80 µs / 0.3–2.7 ms  6.1 KB    0.95    1.00    0.958
 *   Orama 3.1.18 (scratch)  13 ms   116 µs / 364 µs    22.3 KB    0.725   0.975   0.771
 *   pooled BM25F            0.9 ms   10 µs / 36 µs      ~0.5 KB    0.925   1.00    0.938
 *
 * Same accuracy as MiniSearch (same scoring), a tenth of the index build time — which a Worker pays on
 * its first request — and no library in the bundle. With 15 topics, MiniSearch's prefix tree buys nothing;
 * fuzzy matching was not needed because folding and keywords already cover unaccented and teencode input.
 */

/** One ranked topic; `score` is a BM25 score, comparable only within one query. */
export interface Hit {
  topicId: TopicId
  score: number
}

/** Field weights: a word in the title or among the curated keywords says more than one in the details. */
export const FIELD_BOOST = { title: 3, label: 3, keywords: 2, short: 1.5, details: 1 } as const
type Field = keyof typeof FIELD_BOOST

/** The searchable text of a topic, per field. */
export function topicFields(topic: Topic): Record<Field, string> {
  return {
    title: topic.title,
    label: topic.label,
    // One keyword per line, so no two-word term is made across two keywords. (Facts' question cues are not indexed:
    // they are full of question words — "bao nhiêu tiền", "ở đâu" — that would pull every topic towards every question.)
    keywords: topic.keywords.join('\n'),
    // Every version of every fact: the search finds the topic whatever day it is asked.
    short: topic.facts.filter((f) => f.role !== 'more').map((f) => f.text).join('\n'),
    details: topic.facts.filter((f) => f.role === 'more').map((f) => f.text).join('\n'),
  }
}

/** A topic as index terms per field, tokenized once and shared by the engine and the fit check. */
export interface IndexedTopic {
  id: TopicId
  terms: Record<Field, string[]>
}

/** Tokenize every searchable field of `topic`. */
export function indexTopic(topic: Topic): IndexedTopic {
  const fields = topicFields(topic)
  const terms = Object.fromEntries(Object.entries(fields).map(([field, text]) => [field, tokenize(text)]))
  return { id: topic.id as TopicId, terms: terms as Record<Field, string[]> }
}

/** A ranking engine over the topics of one locale: every topic sharing a term with `text`, best first. */
export interface Ranker {
  rank(text: string): Hit[]
}

export type RankerFactory = (topics: readonly IndexedTopic[]) => Ranker

const defaultRanker: RankerFactory = (topics) => bm25Ranker(topics, FIELD_BOOST)

// When a topic counts as answering the question (tuned on retrieval-queries.json with the bench):
// the share of the question's words, weighted by rarity, that the topic contains …
const MIN_COVERAGE = 0.4
// … and a second topic is offered next to the first only when it scores at least this close.
const SECOND_RATIO = 0.6
// Buttons for a mixed question: Zalo shows few, and three topics in one message is already a lot.
const MAX_SUGGESTIONS = 3

/** Search over the policy topics of one locale, with the "did you mean" decision on top. */
export interface PolicySearch {
  /** The best `limit` topics for `text`, best first; [] when no topic shares a word with it. */
  search(text: string, limit?: number): Hit[]
  /**
   * Topics to offer as buttons instead of guessing: [] when no topic fits well, [one] for a clear winner,
   * two (at most three) when the question mixes topics ("bảo hiểm y tế và vay vốn") or two fit about equally.
   */
  suggest(text: string): TopicId[]
}

/**
 * Build the search for `locale` (about 3 ms including tokenizing the content; build once and keep it).
 *
 * @example
 * const policySearch = createPolicySearch('vi')
 * policySearch.suggest('bhyt va vay von') // ['health_insurance', 'credit']
 * policySearch.suggest('thoi tiet hom nay') // []
 */
export function createPolicySearch(locale: Locale, makeRanker: RankerFactory = defaultRanker): PolicySearch {
  const topics = allTopics(locale).map(indexTopic)
  const ranker = makeRanker(topics)
  const vocabulary = new Map<string, Set<string>>()
  const documentFrequency = new Map<string, number>()
  for (const topic of topics) {
    const terms = new Set(Object.values(topic.terms).flat())
    vocabulary.set(topic.id, terms)
    for (const term of terms) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1)
  }
  const idf = (word: string) => Math.log(1 + (topics.length + 0.5) / ((documentFrequency.get(word) ?? 0) + 0.5))

  /**
   * Whether `topicId` really answers `text`: it holds most of the question's words (weighted by rarity;
   * words no topic knows count against it), and — for questions of two words or more — at least one of the
   * question's word pairs. Folded single syllables match too easily ("giá cà phê" → "quốc gia", "cả nước",
   * "phê duyệt"); a shared pair ("việc làm", "học phí") is real evidence.
   */
  function fits(text: string, topicId: TopicId): boolean {
    const terms = tokenize(text)
    const known = vocabulary.get(topicId) ?? new Set<string>()
    const words = terms.filter((term) => !term.includes('_'))
    const pairs = terms.filter((term) => term.includes('_'))
    let total = 0
    let found = 0
    for (const word of words) {
      total += idf(word)
      if (known.has(word)) found += idf(word)
    }
    if (total === 0 || found / total < MIN_COVERAGE) return false
    return pairs.length === 0 || pairs.some((pair) => known.has(pair))
  }

  function confidentBest(text: string): TopicId | undefined {
    const best = ranker.rank(text)[0]
    return best && fits(text, best.topicId) ? best.topicId : undefined
  }

  function search(text: string, limit = 3): Hit[] {
    return ranker.rank(text).slice(0, limit)
  }

  function suggest(text: string): TopicId[] {
    const parts = questionParts(text)
    if (parts.length > 1) {
      // Each part judged on its own: "BHYT và vay vốn" is two clear questions, not one vague one.
      const picks = [...new Set(parts.map(confidentBest).filter((id) => id !== undefined))]
      if (picks.length > 1) return picks.slice(0, MAX_SUGGESTIONS)
    }
    const [first, second] = ranker.rank(text)
    if (!first || !fits(text, first.topicId)) return []
    if (second && second.score >= SECOND_RATIO * first.score) return [first.topicId, second.topicId]
    return [first.topicId]
  }

  return { search, suggest }
}
