import * as z from 'zod'
import { INTENT_IDS, type IntentId } from '../nlu/types.ts'

export type PolicyIntent = Extract<IntentId, `policy.${string}`>

/** The policy intents of the NLU contract; every one must have a topic with the same suffix as its id. */
export const POLICY_INTENTS: readonly PolicyIntent[] = INTENT_IDS.filter((id): id is PolicyIntent => id.startsWith('policy.'))

/** Categories returned by the eligibility classifier (src/poverty). */
export const CATEGORIES = ['poor', 'near_poor', 'middle', 'none'] as const
export type Category = (typeof CATEGORIES)[number]

/** Zalo shows long button labels cut off; 20 characters fit on a phone. */
export const MAX_LABEL_CHARS = 20
/** "A short answer first (2–4 lines)". */
export const MAX_SHORT_LINES = 4

const text = z.string().trim().min(1, 'must not be empty')
const topicId = z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be lower_snake_case')

/** One legal text an answer rests on. `article` is left out only where the article was not read. */
export const LegalBasisSchema = z
  .object({
    document: text,
    article: text.optional(),
    note: text.optional(),
  })
  .strict()

/**
 * One policy topic in one language (a file `locales/<lang>/policies/<id>.json`).
 * Content is data: a topic without legal basis or check date must not reach users, so both are required.
 */
export const TopicSchema = z
  .object({
    id: topicId,
    intent: z.enum(POLICY_INTENTS),
    /** Button label when another topic links here. */
    label: text.max(MAX_LABEL_CHARS, `must be at most ${MAX_LABEL_CHARS} characters (button label)`),
    title: text,
    short: text.refine((s) => s.split('\n').length <= MAX_SHORT_LINES, {
      message: `must be at most ${MAX_SHORT_LINES} lines`,
    }),
    details: text,
    /** A one-line variant put first when the eligibility check placed the user in that category. */
    byCategory: z
      .object({ poor: text, near_poor: text, middle: text, none: text })
      .partial()
      .strict()
      .optional(),
    legalBasis: z.array(LegalBasisSchema).min(1, 'needs at least one legal document'),
    /** The day the content was last checked against the domain facts. */
    checkedAt: z.iso.date('must be a date YYYY-MM-DD'),
    nextStep: text,
    related: z.array(topicId),
    /** Extra search terms: unaccented spellings, abbreviations, words people use. */
    keywords: z.array(text),
    /** What the sources do not confirm; shown as "ask the commune". */
    caveats: z.array(text),
  })
  .strict()

export type Topic = z.infer<typeof TopicSchema>
export type LegalBasis = z.infer<typeof LegalBasisSchema>
