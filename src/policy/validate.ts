import { LOCALES, type Locale } from '../i18n.ts'
import { AUDIENCES, POLICY_INTENTS, RegisterSchema, TopicSchema, type Fact, type LegalDocument, type Topic } from './schema.ts'

/** Raw topic files per locale, keyed by file name (which must equal the topic id). */
export type RawContent = Record<Locale, Record<string, unknown>>

export type ValidContent = { topics: Record<Locale, Map<string, Topic>>; register: Map<string, LegalDocument> }

export type ValidationResult = { ok: true; content: ValidContent } | { ok: false; errors: string[] }

/**
 * Every topic must have something to say on every day of this period (the poverty standards run to 2030): a
 * `main` fact, so that a general question gets an answer, and — for the supports listed in the overview — an
 * `overview` line. Before it, answers may be partial ("no checked content for that day").
 */
export const COVERAGE = { from: '2026-01-01', to: '2030-12-31' } as const

/** The supports the overview lists, one line and one button each, in this order (issue #13 §2). */
export const OVERVIEW_TOPICS = [
  'health_insurance',
  'education',
  'credit',
  'housing',
  'electricity',
  'livelihood',
  'jobs',
  'legal_aid',
  'social_pension',
] as const

/** The day after `date`, or before it. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
}

/** Whether `fact` is valid on `date` (both ends inclusive). */
export function validOn(fact: Pick<Fact, 'validFrom' | 'validTo'>, date: string): boolean {
  return fact.validFrom <= date && (fact.validTo === null || date <= fact.validTo)
}

/**
 * The day from which `doc` no longer holds: its repeal date, or — when FACTS names the replacing document but not
 * the day — 1 January of the replacing document's year (the earliest it can be), else of the year in its own id.
 */
export function repealDate(doc: LegalDocument, register: ReadonlyMap<string, LegalDocument>): string | null {
  if (!doc.repealed) return null
  if (doc.repealed.on) return doc.repealed.on
  const by = register.get(doc.repealed.by)
  const year = by?.signed?.slice(0, 4) ?? /(\d{4})/.exec(by?.number ?? by?.id ?? '')?.[1]
  return year ? `${year}-01-01` : '0000-01-01'
}

/**
 * The days on which what a topic says can change (each fact's first day and the day after its last), inside
 * `from`–`to`, plus `from` itself. Checking these days checks every day.
 */
export function changeDays(facts: readonly Fact[], from: string, to: string): string[] {
  const days = new Set([from])
  for (const f of facts) {
    if (f.validFrom > from && f.validFrom <= to) days.add(f.validFrom)
    if (f.validTo !== null) {
      const after = addDays(f.validTo, 1)
      if (after > from && after <= to) days.add(after)
    }
  }
  return [...days].sort()
}

function sameList(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i])
}

/** Validates the register: shape, unique ids, and that every "replaced by" names a document in it. */
export function validateRegister(raw: unknown, errors: string[]): Map<string, LegalDocument> {
  const register = new Map<string, LegalDocument>()
  const parsed = RegisterSchema.safeParse(raw)
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors.push(`register: ${issue.path.join('.') || '(file)'} — ${issue.message}`)
    return register
  }
  for (const doc of parsed.data.documents) {
    if (register.has(doc.id)) errors.push(`register/${doc.id}: id — listed twice`)
    register.set(doc.id, doc)
  }
  for (const doc of register.values()) {
    if (doc.repealed && !register.has(doc.repealed.by)) errors.push(`register/${doc.id}: repealed.by — no document "${doc.repealed.by}"`)
    if (doc.signed && doc.inForce && doc.inForce < doc.signed) errors.push(`register/${doc.id}: inForce — before the day it was signed`)
  }
  return register
}

/** The legal checks on one fact: its documents exist, are in force when it starts, and are not repealed while it holds. */
function checkBasis(where: string, fact: Fact, register: ReadonlyMap<string, LegalDocument>, errors: string[]): void {
  for (const ref of fact.basis) {
    const doc = register.get(ref.doc)
    if (!doc) {
      errors.push(`${where}: basis — no document "${ref.doc}" in the register`)
      continue
    }
    const repealed = repealDate(doc, register)
    if (repealed !== null && (fact.validTo === null || repealed <= fact.validTo)) {
      const until = fact.validTo === null ? 'with no end' : `until ${fact.validTo}`
      errors.push(`${where}: basis — cites ${doc.id}, repealed from ${repealed}, but the fact holds ${until}`)
    }
    if (doc.inForce !== null && fact.validFrom < doc.inForce) {
      errors.push(`${where}: basis — cites ${doc.id}, in force only from ${doc.inForce}, but the fact holds from ${fact.validFrom}`)
    }
  }
}

/** Versions of one fact must follow each other without overlapping, and keep their role and audience. */
function checkVersions(where: string, facts: readonly Fact[], errors: string[]): void {
  const byId = new Map<string, Fact[]>()
  for (const f of facts) byId.set(f.id, [...(byId.get(f.id) ?? []), f])
  for (const [id, versions] of byId) {
    const sorted = [...versions].sort((a, b) => (a.validFrom < b.validFrom ? -1 : 1))
    for (let i = 1; i < sorted.length; i++) {
      const before = sorted[i - 1]!
      const after = sorted[i]!
      if (before.validTo === null || before.validTo >= after.validFrom) {
        errors.push(`${where}/${id}: validFrom — version from ${after.validFrom} overlaps the one from ${before.validFrom}`)
      }
      if (before.role !== after.role || !sameList(before.for, after.for)) {
        errors.push(`${where}/${id}: role — versions of one fact must keep its role and audience`)
      }
    }
  }
}

/** Every day of {@link COVERAGE}: a main fact, overview lines where needed, at most one overview line per audience. */
function checkCoverage(where: string, topic: Topic, errors: string[]): void {
  const needsOverview = (OVERVIEW_TOPICS as readonly string[]).includes(topic.id)
  for (const day of changeDays(topic.facts, COVERAGE.from, COVERAGE.to)) {
    const valid = topic.facts.filter((f) => validOn(f, day))
    if (!valid.some((f) => f.role === 'main')) errors.push(`${where}: facts — no main fact valid on ${day}`)
    const overview = valid.filter((f) => f.role === 'overview')
    if (needsOverview && overview.length === 0) errors.push(`${where}: facts — no overview line valid on ${day}`)
    for (const audience of AUDIENCES) {
      if (overview.filter((f) => f.for.includes(audience)).length > 1) {
        errors.push(`${where}: facts — two overview lines for ${audience} on ${day}`)
      }
    }
  }
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
    if (ta.facts.length !== tb.facts.length) {
      errors.push(`${where}: facts — ${ta.facts.length} in ${la}, ${tb.facts.length} in ${lb}`)
      continue
    }
    ta.facts.forEach((fa, i) => {
      const fb = tb.facts[i]!
      const at = `${where}: facts.${i} (${fa.id})`
      if (fa.id !== fb.id) errors.push(`${at}: id — "${fb.id}" in ${lb}; facts must be in the same order`)
      else if (fa.validFrom !== fb.validFrom || fa.validTo !== fb.validTo) errors.push(`${at}: validFrom/validTo — differ between languages`)
      else if (fa.role !== fb.role || fa.status !== fb.status) errors.push(`${at}: role/status — differ between languages`)
      else if (!sameList(fa.for, fb.for) || JSON.stringify(fa.age ?? null) !== JSON.stringify(fb.age ?? null)) {
        errors.push(`${at}: for/age — differ between languages`)
      } else if (!sameList(fa.basis.map((r) => `${r.doc}${r.article ? '+' : ''}`), fb.basis.map((r) => `${r.doc}${r.article ? '+' : ''}`))) {
        errors.push(`${at}: basis — differs between languages`)
      }
    })
  }
  for (const id of b.keys()) if (!a.has(id)) errors.push(`${la}/${id}: missing — topic exists in ${lb}`)
}

/**
 * Check the register and every topic of every locale. Fails (with one line per problem, naming the locale, topic
 * and field, e.g. `vi/health_insurance/near_poor_benefit: basis — cites nd-146-2018, repealed from 2025-08-15, …`)
 * when:
 * - a file breaks the schema, its name is not its id, or a text is not NFC;
 * - the two languages differ in anything but wording (facts, dates, audiences, basis, related topics);
 * - a fact cites a document the register lacks, one not yet in force when the fact starts, or one repealed while
 *   the fact still holds;
 * - versions of a fact overlap, or a topic has nothing to say (or no overview line) on some day of {@link COVERAGE};
 * - a related topic does not exist, or a `policy.*` intent has no main topic.
 */
export function validateContent(raw: RawContent, rawRegister: unknown): ValidationResult {
  const errors: string[] = []
  const register = validateRegister(rawRegister, errors)
  const topics = { vi: new Map(), en: new Map() } as ValidContent['topics']

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
      const texts = [topic.title, topic.nextStep, ...topic.facts.map((f) => f.text)]
      if (texts.some((s) => s !== s.normalize('NFC'))) errors.push(`${where}: text — not in Unicode NFC`)
      for (const fact of topic.facts) checkBasis(`${where}/${fact.id}`, fact, register, errors)
      checkVersions(where, topic.facts, errors)
      checkCoverage(where, topic, errors)
      topics[locale].set(key, topic)
    }
  }

  const [first, ...others] = LOCALES
  for (const other of others) compareLocales(topics[first], topics[other], first, other, errors)

  for (const locale of LOCALES) {
    for (const topic of topics[locale].values()) {
      for (const id of topic.related) {
        if (id === topic.id) errors.push(`${locale}/${topic.id}: related — lists itself`)
        else if (!topics[locale].has(id) && raw[locale][id] === undefined) errors.push(`${locale}/${topic.id}: related — no topic "${id}"`)
      }
    }
    for (const intent of POLICY_INTENTS) {
      const id = intent.slice('policy.'.length)
      const main = topics[locale].get(id)
      if (raw[locale][id] === undefined) errors.push(`${locale}: intent ${intent} has no topic "${id}"`)
      else if (main && main.intent !== intent) errors.push(`${locale}/${id}: intent — must be ${intent}, the intent it answers`)
    }
    for (const id of OVERVIEW_TOPICS) if (raw[locale][id] === undefined) errors.push(`${locale}: the overview lists "${id}", which has no topic`)
  }

  return errors.length > 0 ? { ok: false, errors } : { ok: true, content: { topics, register } }
}
