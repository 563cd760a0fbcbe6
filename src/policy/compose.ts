import { t, type Locale } from '../i18n.ts'
import type { Category, LegalBasis, Topic } from './schema.ts'
import './texts.ts'

/** '2026-11-29' → '29/11/2026', the way dates are written in Vietnam. */
export function formatDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-')
  return `${d}/${m}/${y}`
}

// The short answer names at most this many documents; the details list them all.
const SHORT_BASIS_DOCUMENTS = 2

/**
 * The legal basis in one line for the short answer: the first documents with their articles,
 * e.g. "Nghị định 07/2021/NĐ-CP, Điều 3 khoản 1 điểm a và khoản 2; Nghị định 351/2025/NĐ-CP".
 */
export function basisSummary(basis: readonly LegalBasis[]): string {
  const articles = new Map<string, string[]>()
  for (const entry of basis) {
    const list = articles.get(entry.document) ?? []
    if (entry.article) list.push(entry.article)
    articles.set(entry.document, list)
  }
  return [...articles]
    .slice(0, SHORT_BASIS_DOCUMENTS)
    .map(([document, list]) => (list.length > 0 ? `${document}, ${list.join(', ')}` : document))
    .join('; ')
}

/**
 * The short answer: the line for the user's category first (when the eligibility check gave one and the
 * topic has a variant for it), then the 2–4 line answer, then the legal basis with the check date.
 */
export function composeShort(topic: Topic, locale: Locale, category?: Category): string {
  const first = category ? topic.byCategory?.[category] : undefined
  const basis = t(locale, 'policy.basisLine', {
    basis: basisSummary(topic.legalBasis),
    date: formatDate(topic.checkedAt),
  })
  return [first, topic.short, basis].filter((block) => block !== undefined).join('\n\n')
}

/** One legal basis entry as a list item: "• document, article — note". */
function basisItem(entry: LegalBasis): string {
  const head = entry.article ? `${entry.document}, ${entry.article}` : entry.document
  return `• ${entry.note ? `${head} — ${entry.note}` : head}`
}

/** The details: the longer text, every legal basis with its check date, the next step, and the caveats. */
export function composeDetails(topic: Topic, locale: Locale): string {
  const blocks = [
    topic.title,
    topic.details,
    [
      t(locale, 'policy.basisHeading'),
      ...topic.legalBasis.map(basisItem),
      t(locale, 'policy.checkedLine', { date: formatDate(topic.checkedAt) }),
    ].join('\n'),
    `${t(locale, 'policy.nextStepHeading')} ${topic.nextStep}`,
  ]
  if (topic.caveats.length > 0) {
    blocks.push([t(locale, 'policy.caveatsHeading'), ...topic.caveats.map((c) => `• ${c}`)].join('\n'))
  }
  return blocks.join('\n\n')
}
