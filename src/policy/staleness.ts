import { LOCALES, type Locale } from '../i18n.ts'
import type { Fact, LegalDocument, Topic } from './schema.ts'
import { addDays, repealDate, validOn, type ValidContent } from './validate.ts'

/**
 * What the content would say wrongly or out of date on a given day (`npm run check:content -- --at 2027-01-01`):
 * the report officers read before a change of rules, and the last guard against a text that dates itself.
 */

export type Finding =
  /** Said that day while a document it cites is repealed or not yet in force. */
  | { kind: 'wrong'; where: string; fact: Fact; why: string }
  /** Said that day, but its words date it: a year that has ended named as current, a "will" about a day gone by. */
  | { kind: 'stale'; where: string; fact: Fact; why: string }
  /** The topic has nothing to say that day. */
  | { kind: 'silent'; where: string; why: string }
  /** The topic was last checked against the facts more than a year before that day. */
  | { kind: 'unchecked'; where: string; why: string }

/** What changes on the day: facts that start, and facts said the day before that end. */
export interface Change {
  where: string
  starts?: Fact
  ends?: Fact
}

export interface StalenessReport {
  date: string
  findings: Finding[]
  changes: Change[]
}

// "năm 2026" named as the current year; not "từ năm 2026", "đến hết năm 2030", "trước năm 2027", "giai đoạn …".
const YEAR_VI = /(?<!(?:từ|đến|hết|trước|sau|cuối|đầu|giai đoạn|tháng \d{1,2})\s)\bnăm (20\d\d)\b(?! trở đi)/giu
const YEAR_EN = /(?<!(?:since|from|until|before|after|by|end of|of)\s)\b(?:in|year) (20\d\d)\b/giu
// "Từ 1/1/2027 sẽ …", "From 1/1/2027 … will …": the future tense about a day that has come.
const WILL_VI = /\b(?:từ|sang) (?:ngày )?(\d{1,2})\/(\d{1,2})\/(\d{4})[^.;]*?\bsẽ(?!\p{L})/giu
const WILL_EN = /\bfrom (\d{1,2})\/(\d{1,2})\/(\d{4})[^.;]*?\bwill\b/giu

/** Why the words of `text` are out of date on `date`, or undefined. */
export function datedWords(text: string, date: string): string | undefined {
  const year = Number(date.slice(0, 4))
  for (const pattern of [YEAR_VI, YEAR_EN]) {
    for (const match of text.matchAll(pattern)) {
      if (Number(match[1]) < year) return `names ${match[1]} as the current year ("${match[0]}")`
    }
  }
  for (const pattern of [WILL_VI, WILL_EN]) {
    for (const match of text.matchAll(pattern)) {
      const day = `${match[3]}-${match[2]!.padStart(2, '0')}-${match[1]!.padStart(2, '0')}`
      if (day <= date) return `speaks of ${day} as still to come ("${match[0].slice(0, 40)}…")`
    }
  }
  return undefined
}

function legalProblem(fact: Fact, date: string, register: ReadonlyMap<string, LegalDocument>): string | undefined {
  for (const ref of fact.basis) {
    const doc = register.get(ref.doc)
    if (!doc) return `cites ${ref.doc}, which the register lacks`
    const repealed = repealDate(doc, register)
    if (repealed !== null && repealed <= date) return `cites ${doc.id}, repealed from ${repealed}`
    if (doc.inForce !== null && date < doc.inForce) return `cites ${doc.id}, in force only from ${doc.inForce}`
  }
  return undefined
}

/** A topic is out of date when it was last checked more than this many days before the day asked. */
export const RECHECK_DAYS = 365

/**
 * Every fact of every locale that would be wrong or stale on `date`, every topic with nothing to say, and what
 * changes that day. Pure: the script prints it, tests call it.
 */
export function stalenessOn(content: ValidContent, date: string): StalenessReport {
  const findings: Finding[] = []
  const changes: Change[] = []
  const yesterday = addDays(date, -1)
  for (const locale of LOCALES as readonly Locale[]) {
    for (const topic of content.topics[locale].values()) {
      const where = `${locale}/${topic.id}`
      const valid = topic.facts.filter((f) => validOn(f, date))
      if (!valid.some((f) => f.role === 'main')) findings.push({ kind: 'silent', where, why: `no main fact is valid on ${date}` })
      if (addDays(topic.checkedAt, RECHECK_DAYS) < date) findings.push({ kind: 'unchecked', where, why: `last checked ${topic.checkedAt}` })
      for (const fact of valid) {
        const legal = legalProblem(fact, date, content.register)
        if (legal) findings.push({ kind: 'wrong', where: `${where}/${fact.id}`, fact, why: legal })
        const dated = datedWords(fact.text, date)
        if (dated) findings.push({ kind: 'stale', where: `${where}/${fact.id}`, fact, why: dated })
      }
      if (locale === 'vi') changes.push(...changesOf(topic, where, date, yesterday))
    }
  }
  return { date, findings, changes }
}

function changesOf(topic: Topic, where: string, date: string, yesterday: string): Change[] {
  const out: Change[] = []
  for (const fact of topic.facts) {
    if (fact.validFrom === date) out.push({ where: `${where}/${fact.id}`, starts: fact, ...endingBefore(topic, fact, yesterday) })
    else if (fact.validTo === yesterday && !topic.facts.some((f) => f.id === fact.id && f.validFrom === date)) {
      out.push({ where: `${where}/${fact.id}`, ends: fact })
    }
  }
  return out
}

function endingBefore(topic: Topic, fact: Fact, yesterday: string): { ends?: Fact } {
  const before = topic.facts.find((f) => f.id === fact.id && f.validTo === yesterday)
  return before ? { ends: before } : {}
}
