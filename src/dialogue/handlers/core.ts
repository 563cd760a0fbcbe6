import { t } from '../../i18n.ts'
import type { Feature, TurnContext, TurnResult } from '../types.ts'

/** Greeting, help menu, thanks and the polite fallback: what the bot does before any capability is added. */
export function createCoreFeature(): Feature {
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
      out_of_scope: (ctx) => fallback(ctx),
    },
    buttons: {
      menu: (ctx) => (ctx.button?.parts[1] === 'start' ? greeting(ctx) : help(ctx)),
    },
    menu: [{ labelKey: 'menu.help', value: 'menu:help', order: 90 }],
  }
}

/** The polite "I did not understand" with the menu; other features fall back to it. */
export function fallback(ctx: TurnContext): TurnResult {
  return { replies: [{ text: t(ctx.locale, 'core.fallback'), buttons: ctx.menu() }] }
}
