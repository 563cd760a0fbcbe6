import type { Db } from '../db.ts'
import type { Logger } from '../logger.ts'
import { t, type Locale } from '../i18n.ts'
import type { Reply } from '../messages.ts'
import type { IntentId } from '../nlu/types.ts'
import type { Feature, TurnContext, TurnResult } from '../dialogue/types.ts'
import { recordUnanswered } from './unanswered.ts'

/** Greeting, help menu, thanks and the polite fallback: what the bot does before any capability is added. */
export function createCoreFeature(deps: { db: Db; logger: Logger }): Feature {
  const greeting = (ctx: TurnContext): TurnResult => ({
    replies: [{ text: `${t(ctx.locale, 'core.greeting')}\n\n${t(ctx.locale, 'core.menu_prompt')}`, buttons: ctx.menu() }],
  })
  const help = (ctx: TurnContext): TurnResult => ({
    replies: [{ text: t(ctx.locale, 'core.help'), buttons: ctx.menu() }],
  })
  return {
    name: 'core',
    intents: {
      greeting,
      help,
      thanks_bye: (ctx) => ({ replies: [{ text: t(ctx.locale, 'core.thanks') }] }),
      out_of_scope: (ctx) => fallback(deps, ctx),
    },
    buttons: {
      menu: (ctx) => (ctx.button?.parts[1] === 'start' ? greeting(ctx) : help(ctx)),
    },
    clarify: (ctx) => ({ replies: clarifyReplies(ctx.locale, ctx.understanding?.clarify ?? []) }),
    menu: [{ labelKey: 'menu.help', value: 'menu:help', order: 90 }],
  }
}

/** "Which did you mean?" with one button per plausible intent (`intent:<id>` re-asks as that intent). */
export function clarifyReplies(locale: Locale, intents: readonly IntentId[]): Reply[] {
  return [{ text: t(locale, 'core.clarify'), buttons: intents.map((id) => ({ label: t(locale, `intents.${id}`), value: `intent:${id}` })) }]
}

/** Zalo shows at most five buttons under one message. */
const MAX_BUTTONS = 5

/**
 * The polite "I did not understand" with the menu and the commune contact, after recording the question for
 * officers to review. Only for messages that really are out of scope (the NLU offers "Ý bạn là…?" buttons when
 * two or three intents hold the answer); other features fall back to it when they find nothing.
 */
export async function fallback(deps: { db: Db; logger: Logger }, ctx: TurnContext): Promise<TurnResult> {
  try {
    await recordUnanswered(deps.db, ctx)
  } catch (err) {
    deps.logger.warn('unanswered.record_failed', { err })
  }
  const menu = ctx.menu()
  const contact = { label: t(ctx.locale, 'core.contact_button'), value: 'contact:start' }
  const buttons = menu.some((b) => b.value === contact.value) ? menu : [contact, ...menu].slice(0, MAX_BUTTONS)
  return { replies: [{ text: t(ctx.locale, 'core.fallback'), buttons }] }
}
