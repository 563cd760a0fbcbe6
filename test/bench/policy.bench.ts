import MiniSearch from 'minisearch'
import {
  createPolicySearch,
  FIELD_BOOST,
  indexTopic,
  type Hit,
  type IndexedTopic,
  type Ranker,
  type RankerFactory,
} from '../../src/policy/retrieval.ts'
import { bm25Ranker } from '../../src/policy/bm25.ts'
import { allTopics, type TopicId } from '../../src/policy/content.ts'
import { tokenize } from '../../src/policy/tokenize.ts'
import queries from '../policy/retrieval-queries.json' with { type: 'json' }

/**
 * Policy retrieval benchmark: index build time, query latency (median, p99) and accuracy on
 * test/policy/retrieval-queries.json, for the hand-written per-field BM25+ in use (src/policy/bm25.ts),
 * MiniSearch and a pooled BM25F, all over the same tokens. Orama is not a dependency: pass the module from
 * a scratch install (`run({ orama: await import('@orama/orama') })`) to include it. `npm run bench` calls
 * `run()`; the numbers are summarised in src/policy/retrieval.ts.
 */

/** MiniSearch over the same pre-tokenized fields, boosts and query tokenizer. */
export const miniSearchRanker: RankerFactory = (topics) => {
  const index = new MiniSearch<Record<string, string>>({
    fields: Object.keys(FIELD_BOOST),
    // Documents arrive as terms joined by spaces (terms never contain one).
    tokenize: (text) => text.split(' '),
    processTerm: (term) => term || null,
    searchOptions: { boost: { ...FIELD_BOOST }, combineWith: 'OR', tokenize },
  })
  index.addAll(topics.map(({ id, terms }) => ({ id, ...joinTerms(terms) })))
  return { rank: (text) => index.search(text).map((r) => ({ topicId: r.id as TopicId, score: r.score })) }
}

function joinTerms(terms: Record<string, string[]>): Record<string, string> {
  return Object.fromEntries(Object.entries(terms).map(([field, list]) => [field, list.join(' ')]))
}

/** A plain hand-written BM25F (fields pooled with boosts, no coordination factor): the simplest baseline. */
export function pooledBm25Ranker(topics: readonly IndexedTopic[], k1 = 1.2, b = 0.75): Ranker {
  const docs = topics.map((topic) => {
    const tf = new Map<string, number>()
    let length = 0
    for (const [field, terms] of Object.entries(topic.terms)) {
      const boost = FIELD_BOOST[field as keyof typeof FIELD_BOOST]
      for (const term of terms) {
        tf.set(term, (tf.get(term) ?? 0) + boost)
        length += boost
      }
    }
    return { id: topic.id, tf, length }
  })
  const avgLength = docs.reduce((sum, d) => sum + d.length, 0) / docs.length
  const df = new Map<string, number>()
  for (const d of docs) for (const term of d.tf.keys()) df.set(term, (df.get(term) ?? 0) + 1)
  const idf = (term: string) => {
    const n = df.get(term) ?? 0
    return Math.log(1 + (docs.length - n + 0.5) / (n + 0.5))
  }
  return {
    rank(text) {
      const terms = tokenize(text)
      const hits: Hit[] = []
      for (const d of docs) {
        let score = 0
        for (const term of terms) {
          const f = d.tf.get(term)
          if (f) score += (idf(term) * f * (k1 + 1)) / (f + k1 * (1 - b + (b * d.length) / avgLength))
        }
        if (score > 0) hits.push({ topicId: d.id, score })
      }
      return hits.sort((x, y) => y.score - x.score)
    },
  }
}

/** The part of `@orama/orama` the comparison uses; passed in because Orama is not a dependency. */
export interface OramaModule {
  create(options: unknown): unknown
  insert(db: unknown, doc: unknown): unknown
  search(db: unknown, params: unknown): unknown
}

/** Orama wrapped as a Ranker: its own BM25 over the same fields, boosts and tokenizer. */
export function oramaRanker(orama: OramaModule): RankerFactory {
  return (topics) => {
    const fields = Object.keys(FIELD_BOOST)
    // Stored documents are pre-tokenized (terms joined by spaces); queries go through our tokenizer.
    const db = orama.create({
      schema: Object.fromEntries(fields.map((f) => [f, 'string'])),
      components: {
        tokenizer: {
          language: 'english',
          normalizationCache: new Map(),
          tokenize: (raw: string, _language?: string, prop?: string) => (prop ? raw.split(' ').filter(Boolean) : tokenize(raw)),
        },
      },
    })
    for (const topic of topics) {
      orama.insert(db, { id: topic.id, ...joinTerms(topic.terms) })
    }
    return {
      rank(text) {
        const result = orama.search(db, { term: text, properties: fields, boost: { ...FIELD_BOOST }, limit: 15, threshold: 1 }) as {
          hits: { id: string; score: number }[]
        }
        return result.hits.map((h) => ({ topicId: h.id as TopicId, score: h.score }))
      },
    }
  }
}

interface Query {
  q: string
  expect: string[]
  mixed?: boolean
  none?: boolean
}

/** Accuracy of ranking and of the "did you mean" decision on the query set. */
export function accuracy(makeRanker: RankerFactory): Record<string, number> {
  const search = createPolicySearch('vi', makeRanker)
  const list = (queries as { queries: Query[] }).queries
  let single = 0
  let top1 = 0
  let top3 = 0
  let suggestRight = 0
  for (const query of list) {
    const hits = search.search(query.q, 3)
    const suggested = search.suggest(query.q)
    if (!query.mixed && !query.none) {
      single++
      if (hits[0] && query.expect.includes(hits[0].topicId)) top1++
      if (hits.some((h) => query.expect.includes(h.topicId))) top3++
    }
    const right = query.none
      ? suggested.length === 0
      : query.mixed
        ? query.expect.every((id) => suggested.includes(id as TopicId))
        : suggested[0] !== undefined && query.expect.includes(suggested[0])
    if (right) suggestRight++
  }
  return {
    queries: list.length,
    top1: round(top1 / single),
    top3: round(top3 / single),
    suggest: round(suggestRight / list.length),
  }
}

function round(x: number, digits = 3): number {
  const f = 10 ** digits
  return Math.round(x * f) / f
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0
}

function measure<T>(times: number, fn: () => T): number[] {
  const out: number[] = []
  for (let i = 0; i < times; i++) {
    const start = performance.now()
    fn()
    out.push(performance.now() - start)
  }
  return out.sort((a, b) => a - b)
}

/** The whole path the dialogue pays: content tokenizing + index, then `suggest` per message. */
function endToEnd(): Record<string, number> {
  const create = measure(30, () => createPolicySearch('vi'))
  const search = createPolicySearch('vi')
  const texts = (queries as { queries: Query[] }).queries.map((q) => q.q)
  const suggest = measure(20, () => texts.forEach((text) => search.suggest(text)))
  return {
    createMsMedian: round(percentile(create, 0.5)),
    suggestUsMedianPerQuestion: round((percentile(suggest, 0.5) * 1000) / texts.length, 1),
  }
}

function timing(makeRanker: RankerFactory): Record<string, number> {
  const all = allTopics('vi').map(indexTopic)
  const builds: number[] = []
  for (let i = 0; i < 30; i++) {
    const start = performance.now()
    makeRanker(all)
    builds.push(performance.now() - start)
  }
  const ranker = makeRanker(all)
  const texts = (queries as { queries: Query[] }).queries.map((q) => q.q)
  for (const text of texts) ranker.rank(text) // warm-up
  const times: number[] = []
  for (let round = 0; round < 40; round++) {
    for (const text of texts) {
      const start = performance.now()
      ranker.rank(text)
      times.push(performance.now() - start)
    }
  }
  builds.sort((a, b) => a - b)
  times.sort((a, b) => a - b)
  return {
    buildMsMedian: round(percentile(builds, 0.5)),
    queryUsMedian: round(percentile(times, 0.5) * 1000, 1),
    queryUsP99: round(percentile(times, 0.99) * 1000, 1),
  }
}

/**
 * Run the benchmark; one entry per engine. Pass `orama` (the imported `@orama/orama` module, from a scratch
 * install) to include it.
 */
export async function run(options: { orama?: OramaModule } = {}): Promise<Record<string, unknown>> {
  const engines: Record<string, RankerFactory> = {
    minisearch: miniSearchRanker,
    bm25: (topics) => bm25Ranker(topics, FIELD_BOOST),
    bm25Pooled: pooledBm25Ranker,
  }
  if (options.orama) engines.orama = oramaRanker(options.orama)
  const out: Record<string, unknown> = { default: endToEnd() }
  for (const [name, make] of Object.entries(engines)) out[name] = { ...timing(make), ...accuracy(make) }
  return out
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await run(), null, 2))
}
