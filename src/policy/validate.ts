import { LOCALES, type Locale } from '../i18n.ts'
import { composeShort } from './compose.ts'
import { CATEGORIES, POLICY_INTENTS, TopicSchema, type Topic } from './schema.ts'
import { ZALO_MAX_CHARS } from '../util/split.ts'

/** Raw topic files per locale, keyed by file name (which must equal the topic id). */
export type RawContent = Record<Locale, Record<string, unknown>>

export type ValidContent = Record<Locale, Map<string, Topic>>

export type ValidationResult = { ok: true; content: ValidContent } | { ok: false; errors: string[] }

/** Document numbers such as 146/2018/NĐ-CP or 90/QĐ-TTg: the part of a legal basis that must not differ by language. */
const DOCUMENT_NUMBER = /\d+(?:\/\d{4})?\/[A-ZĐ][A-ZĐ0-9-]*/g

function documentNumbers(topic: Topic): string[] {
  return topic.legalBasis.map((entry) => (entry.document.match(DOCUMENT_NUMBER) ?? []).join(' + '))
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i])
}

/**
 * Check every topic of every locale: the schema (legal basis, check date, labels, line count), file name =
 * id, both languages with the same ids, intents, related topics, categories and document numbers, every
 * related id existing, every `policy.*` intent having its main topic, and each short answer fitting one
 * Zalo message even with the longest category line first.
 *
 * Each error names the locale, the topic and the field, e.g. `vi/credit: legalBasis — needs at least one legal document`.
 */
export function validateContent(raw: RawContent): ValidationResult {
  const errors: string[] = []
  const content = { vi: new Map(), en: new Map() } as ValidContent

  for (const locale of LOCALES) {
    for (const [key, value] of Object.entries(raw[locale])) {
      const where = `${locale}/${key}`
      const parsed = TopicSchema.safeParse(value)
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          const field = issue.path.length > 0 ? issue.path.join('.') : '(topic)'
          errors.push(`${where}: ${field} — ${issue.message}`)
        }
        continue
      }
      const topic = parsed.data
      if (topic.id !== key) errors.push(`${where}: id — "${topic.id}" does not match the file name`)
      for (const [field, text] of Object.entries({ title: topic.title, short: topic.short, details: topic.details })) {
        if (text !== text.normalize('NFC')) errors.push(`${where}: ${field} — text is not in Unicode NFC`)
      }
      for (const category of [undefined, ...CATEGORIES]) {
        const length = composeShort(topic, locale, category).length
        if (length > ZALO_MAX_CHARS) {
          errors.push(`${where}: short — the short answer${category ? ` for ${category}` : ''} has ${length} characters, more than ${ZALO_MAX_CHARS}`)
        }
      }
      content[locale].set(key, topic)
    }
  }

  const [first, ...others] = LOCALES
  for (const other of others) compareLocales(content[first], content[other], first, other, errors)

  for (const locale of LOCALES) {
    for (const topic of content[locale].values()) {
      for (const id of topic.related) {
        if (id === topic.id) errors.push(`${locale}/${topic.id}: related — lists itself`)
        else if (!content[locale].has(id) && raw[locale][id] === undefined) {
          errors.push(`${locale}/${topic.id}: related — no topic "${id}"`)
        }
      }
    }
    for (const intent of POLICY_INTENTS) {
      const id = intent.slice('policy.'.length)
      const main = content[locale].get(id)
      if (raw[locale][id] === undefined) errors.push(`${locale}: intent ${intent} has no topic "${id}"`)
      else if (main && main.intent !== intent) errors.push(`${locale}/${id}: intent — must be ${intent}, the intent it answers`)
    }
  }

  return errors.length > 0 ? { ok: false, errors } : { ok: true, content }
}

function compareLocales(a: Map<string, Topic>, b: Map<string, Topic>, la: Locale, lb: Locale, errors: string[]): void {
  for (const [id, ta] of a) {
    const tb = b.get(id)
    if (!tb) {
      errors.push(`${lb}/${id}: missing — topic exists in ${la}`)
      continue
    }
    const where = `${la}+${lb}/${id}`
    if (ta.intent !== tb.intent) errors.push(`${where}: intent — differs between languages`)
    if (ta.checkedAt !== tb.checkedAt) errors.push(`${where}: checkedAt — differs between languages`)
    if (!sameList(ta.related, tb.related)) errors.push(`${where}: related — differs between languages`)
    if (ta.legalBasis.length !== tb.legalBasis.length) {
      errors.push(`${where}: legalBasis — ${ta.legalBasis.length} entries in ${la}, ${tb.legalBasis.length} in ${lb}`)
    } else if (!sameList(documentNumbers(ta), documentNumbers(tb))) {
      errors.push(`${where}: legalBasis — document numbers differ between languages`)
    }
    const ca = Object.keys(ta.byCategory ?? {}).sort()
    const cb = Object.keys(tb.byCategory ?? {}).sort()
    if (!sameList(ca, cb)) errors.push(`${where}: byCategory — categories differ between languages`)
  }
  for (const id of b.keys()) if (!a.has(id)) errors.push(`${la}/${id}: missing — topic exists in ${lb}`)
}
