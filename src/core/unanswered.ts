import type { Db } from '../db.ts'
import type { TurnContext } from '../dialogue/types.ts'
import { removePersonalData } from '../privacy.ts'
import { fold } from '../nlu/normalize.ts'

/**
 * Records a message the bot could not answer, for officers to review: the text without personal data, the NLU's
 * best guess and confidence, and the contact's commune. Never the contact itself.
 */
export async function recordUnanswered(db: Db, ctx: TurnContext): Promise<void> {
  if (!ctx.text) return
  await db.unansweredQuestion.create({
    data: {
      text: removePersonalData(ctx.text).slice(0, 1000),
      intentGuess: ctx.understanding?.alternatives[0]?.intent ?? ctx.understanding?.intent ?? null,
      confidence: ctx.understanding?.alternatives[0]?.confidence ?? ctx.understanding?.confidence ?? null,
      placeCode: ctx.contact.placeCode,
      at: ctx.now,
    },
  })
}

/** Words that say nothing about what was asked: left out when comparing wording. */
const FILLER = new Set(['a', 'ah', 'oi', 'nhe', 'nha', 'vay', 'the', 'khong', 'ko', 'k', 'cho', 'toi', 'minh', 'em', 'hoi', 'voi', 'la', 'co', 'thi', 'ma', 'duoc', 'gi', 'nao', 'sao', 'ban', 'ad', 'admin'])

/** The words of a question as compared: lower case, no diacritics, no punctuation, no filler. */
export function wordingKey(text: string): Set<string> {
  const words = fold(text.toLowerCase())
    .replace(/[^a-z0-9]+/g, ' ')
    .split(' ')
    .filter((w) => w !== '')
  const meaningful = words.filter((w) => !FILLER.has(w))
  return new Set(meaningful.length > 0 ? meaningful : words)
}

function similarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1
  let shared = 0
  for (const w of a) if (b.has(w)) shared++
  return shared / (a.size + b.size - shared)
}

/**
 * Questions grouped by similar wording, so officers label "giá vàng hôm nay", "gia vang hom nay?" and "giá vàng
 * hôm nay bao nhiêu" once: two questions are one group when most of their words (without diacritics and filler)
 * are shared. Groups keep the order of their first question; the most asked come first.
 */
export function groupSimilar<T extends { text: string }>(rows: readonly T[], threshold = 0.6): T[][] {
  const groups: { key: Set<string>; items: T[] }[] = []
  for (const row of rows) {
    const key = wordingKey(row.text)
    const group = groups.find((g) => similarity(g.key, key) >= threshold)
    if (group) group.items.push(row)
    else groups.push({ key, items: [row] })
  }
  return groups.map((g) => g.items).sort((a, b) => b.length - a.length)
}
