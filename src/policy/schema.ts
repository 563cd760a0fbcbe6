import * as z from 'zod'
import { INTENT_IDS, type IntentId } from '../nlu/types.ts'

export type PolicyIntent = Extract<IntentId, `policy.${string}`>

/** The policy intents of the NLU contract; every one must have a topic with the same suffix as its id. */
export const POLICY_INTENTS: readonly PolicyIntent[] = INTENT_IDS.filter((id): id is PolicyIntent => id.startsWith('policy.'))

/** Categories returned by the eligibility classifier (src/poverty). */
export const CATEGORIES = ['poor', 'near_poor', 'middle', 'none'] as const
export type Category = (typeof CATEGORIES)[number]

/**
 * Who a fact is for. `everyone` applies whatever the household's category; the others narrow it: a question that
 * says "cận nghèo" is answered with the `near_poor` facts first, and never with a `poor`-only fact.
 */
export const AUDIENCES = ['everyone', 'poor', 'near_poor', 'middle', 'ethnic_minority', 'student', 'child', 'elderly'] as const
export type Audience = (typeof AUDIENCES)[number]

/** Zalo shows long button labels cut off; 20 characters fit on a phone. */
export const MAX_LABEL_CHARS = 20
/** One fact is one short paragraph: a villager reads it at a glance. */
export const MAX_FACT_CHARS = 320

const text = z.string().trim().min(1, 'must not be empty')
const slug = z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be lower_snake_case')
const isoDate = z.iso.date('must be a date YYYY-MM-DD')

// ------------------------------------------------------------------------------------------------
// Register of legal documents (locales/legal-documents.json)

export const DOCUMENT_KINDS = ['law', 'resolution', 'decree', 'pmDecision', 'circular', 'officialLetter', 'bankNotice'] as const

/** One legal document as FACTS.md knows it. Unknown dates are null, never guessed. */
export const LegalDocumentSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, 'must be lower-case-with-dashes'),
    kind: z.enum(DOCUMENT_KINDS),
    /** "188/2025/NĐ-CP"; null for a document without one (a bank's rate table, a law FACTS names by year). */
    number: text.nullable(),
    /** The name to show when there is no number (or a better one than "kind + number"). */
    name: z.object({ vi: text, en: text }).strict().optional(),
    title: text,
    signed: isoDate.nullable(),
    inForce: isoDate.nullable(),
    /** Repealed or replaced: by which document, and from which day (null when FACTS does not say). */
    repealed: z.object({ on: isoDate.nullable(), by: z.string() }).strict().nullable(),
    /** False when FACTS has it only from secondary pages, not from the text itself. */
    read: z.boolean(),
    sources: z.array(text).min(1, 'needs a source'),
  })
  .strict()
  .refine((d) => d.number !== null || d.name !== undefined, { message: 'a document without a number needs a name', path: ['name'] })

export const RegisterSchema = z.object({ $comment: z.string().optional(), documents: z.array(LegalDocumentSchema) }).strict()

export type LegalDocument = z.infer<typeof LegalDocumentSchema>

// ------------------------------------------------------------------------------------------------
// Topics and their dated facts (locales/<lang>/policies/<id>.json)

/** A reference from a fact into the register; the article is shown only in the details. */
export const BasisSchema = z.object({ doc: z.string(), article: text.optional() }).strict()
export type Basis = z.infer<typeof BasisSchema>

/**
 * - `verified`: FACTS states it with a source; said as fact.
 * - `unverified`: FACTS marks it UNVERIFIED; the text sends the reader to the commune office and states no figure.
 */
export const FACT_STATUSES = ['verified', 'unverified'] as const

/**
 * - `overview`: the one line of this support in the overview of every support (one per audience at most).
 * - `main`: said when the topic is asked about in general.
 * - `more`: said when the question asks for it (its cues), and in the details.
 */
export const FACT_ROLES = ['overview', 'main', 'more'] as const

/**
 * One short fact, true from `validFrom` to `validTo` (inclusive; null = no end known). Several versions of the
 * same fact share an `id` and follow each other in time; the bot says the version valid on the day it is asked,
 * and in the last month before a change also the next one.
 */
export const FactSchema = z
  .object({
    id: slug,
    role: z.enum(FACT_ROLES),
    text: text.max(MAX_FACT_CHARS, `must be at most ${MAX_FACT_CHARS} characters (one short paragraph)`),
    for: z.array(z.enum(AUDIENCES)).min(1),
    /** Age group in years, inclusive: `{ from: 75 }` is 75 and over. */
    age: z.object({ from: z.int().min(0).optional(), to: z.int().min(0).optional() }).strict().optional(),
    /** Question cues (folded or not): word sequences that, found in a question, mean it asks for this fact. */
    cues: z.array(text),
    validFrom: isoDate,
    validTo: isoDate.nullable(),
    status: z.enum(FACT_STATUSES),
    basis: z.array(BasisSchema),
  })
  .strict()
  .refine((f) => f.validTo === null || f.validFrom <= f.validTo, { message: 'validTo is before validFrom', path: ['validTo'] })
  .refine((f) => f.status === 'unverified' || f.basis.length > 0, { message: 'a verified fact needs its legal basis', path: ['basis'] })

export type Fact = z.infer<typeof FactSchema>

/** One policy topic in one language (a file `locales/<lang>/policies/<id>.json`). */
export const TopicSchema = z
  .object({
    id: slug,
    intent: z.enum(POLICY_INTENTS),
    /** Button label when another topic links here. */
    label: text.max(MAX_LABEL_CHARS, `must be at most ${MAX_LABEL_CHARS} characters (button label)`),
    title: text,
    facts: z.array(FactSchema).min(1, 'needs at least one fact'),
    /** The day the content was last checked against the domain facts. */
    checkedAt: isoDate,
    nextStep: text,
    related: z.array(slug),
    /** Extra search terms: unaccented spellings, abbreviations, words people use. */
    keywords: z.array(text),
  })
  .strict()

export type Topic = z.infer<typeof TopicSchema>
