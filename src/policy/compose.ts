import { t, type Locale } from '../i18n.ts'
import { getDocument } from './content.ts'
import { factsOn, nextVersion, type Said } from './facts.ts'
import type { Fact, LegalDocument, Topic } from './schema.ts'
import './texts.ts'

/** '2026-11-29' → '29/11/2026', the way dates are written in Vietnam. */
export function formatDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-')
  return `${d}/${m}/${y}`
}

/** "Nghị định 188/2025/NĐ-CP" / "Decree 188/2025/NĐ-CP"; the register's own name for a document without a number. */
export function documentName(doc: LegalDocument, locale: Locale): string {
  if (doc.name) return doc.name[locale]
  return `${t(locale, `policy.docKind.${doc.kind}`)} ${doc.number ?? ''}`.trim()
}

// The first reply names at most this many documents; the details list them all with their articles.
const FIRST_REPLY_DOCUMENTS = 3

/**
 * The legal basis in plain words for the first reply: document names only, no article numbers, at most three,
 * e.g. "Nghị định 188/2025/NĐ-CP; Nghị quyết 261/2025/QH15". Empty when the facts cite nothing (unverified ones).
 */
export function basisNames(facts: readonly Fact[], locale: Locale): string {
  const ids = [...new Set(facts.flatMap((f) => f.basis.map((b) => b.doc)))]
  return ids
    .slice(0, FIRST_REPLY_DOCUMENTS)
    .map((id) => documentName(getDocument(id), locale))
    .join('; ')
}

function basisLine(topic: Topic, facts: readonly Fact[], locale: Locale): string | undefined {
  const names = basisNames(facts, locale)
  return names ? t(locale, 'policy.basisLine', { basis: names, date: formatDate(topic.checkedAt) }) : undefined
}

/** "Từ 01/01/2027: …" for a fact that changes within the month, or starts then. */
function changeLine(fact: Fact, locale: Locale): string {
  // A text that already starts with its date ("Từ 1/1/2027 …") is not prefixed again.
  if (/^(?:Từ|From) \d{1,2}\/\d{1,2}\/\d{4}\b/.test(fact.text)) return fact.text
  return t(locale, 'policy.changeLine', { date: formatDate(fact.validFrom), text: fact.text })
}

/**
 * A reply made of facts: an optional lead line, the facts (one paragraph each), what changes within the month, and
 * the legal basis in plain words with the check date. Used for the first reply to a question and for a topic's
 * general answer.
 */
export function composeFacts(topic: Topic, said: readonly Said[], locale: Locale, opts: { lead?: string; starting?: readonly Fact[] } = {}): string {
  const facts = said.map((s) => s.fact)
  const changes = [...said.flatMap((s) => (s.next ? [s.next] : [])), ...(opts.starting ?? [])]
  const blocks = [
    [opts.lead, ...facts.map((f) => f.text)].filter((line) => line !== undefined).join('\n'),
    changes.length > 0 ? changes.map((f) => changeLine(f, locale)).join('\n') : undefined,
    basisLine(topic, [...facts, ...changes], locale),
  ]
  return blocks.filter((b): b is string => b !== undefined && b !== '').join('\n\n')
}

/** One document of the register as a line of the details: name, article(s), title, dates. */
function documentLine(doc: LegalDocument, articles: readonly string[], locale: Locale): string {
  const head = articles.length > 0 ? `${documentName(doc, locale)}, ${articles.join('; ')}` : documentName(doc, locale)
  const dates = [
    doc.signed ? t(locale, 'policy.docSigned', { date: formatDate(doc.signed) }) : undefined,
    doc.inForce ? t(locale, 'policy.docInForce', { date: formatDate(doc.inForce) }) : undefined,
  ].filter((d) => d !== undefined)
  return `• ${head} — ${doc.title}${dates.length > 0 ? ` (${dates.join(', ')})` : ''}`
}

/**
 * The topic overview behind "Xem chi tiết", as of `date`: every fact valid that day (the confirmed ones first, then
 * those to ask the commune about), every later version the content knows ("Sắp thay đổi"), each document cited
 * with its articles, title and dates, the check date and the next step.
 */
export function composeDetails(topic: Topic, date: string, locale: Locale): string {
  const valid = factsOn(topic, date).filter((f) => f.role !== 'overview')
  const known = valid.filter((f) => f.status === 'verified')
  const ask = valid.filter((f) => f.status === 'unverified')
  const later = valid.flatMap((f) => {
    const next = nextVersion(topic, f, date)
    return next ? [next] : []
  })
  const articles = new Map<string, string[]>()
  for (const fact of [...valid, ...later]) {
    for (const ref of fact.basis) {
      const list = articles.get(ref.doc) ?? []
      if (ref.article && !list.includes(ref.article)) list.push(ref.article)
      articles.set(ref.doc, list)
    }
  }
  const blocks = [
    topic.title,
    known.length > 0 ? known.map((f) => `• ${f.text}`).join('\n') : undefined,
    later.length > 0 ? [t(locale, 'policy.changesHeading'), ...later.map((f) => `• ${changeLine(f, locale)}`)].join('\n') : undefined,
    ask.length > 0 ? [t(locale, 'policy.askHeading'), ...ask.map((f) => `• ${f.text}`)].join('\n') : undefined,
    articles.size > 0
      ? [
          t(locale, 'policy.basisHeading'),
          ...[...articles].map(([id, list]) => documentLine(getDocument(id), list, locale)),
          t(locale, 'policy.checkedLine', { date: formatDate(topic.checkedAt) }),
        ].join('\n')
      : t(locale, 'policy.checkedLine', { date: formatDate(topic.checkedAt) }),
    `${t(locale, 'policy.nextStepHeading')} ${topic.nextStep}`,
  ]
  return blocks.filter((b): b is string => b !== undefined).join('\n\n')
}
