import type { Db } from '../db.ts'
import type { TurnContext } from '../dialogue/types.ts'
import { removePersonalData } from '../privacy.ts'

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
