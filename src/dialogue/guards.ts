import { t } from '../i18n.ts'
import { isOfficer, isStaff, type StaffActor } from '../roles/actor.ts'
import type { Handler, TurnContext, TurnResult } from './types.ts'

export type OfficerContext = TurnContext & { actor: StaffActor & { kind: 'officer' | 'admin' } }
export type StaffContext = TurnContext & { actor: StaffActor }

/**
 * The polite refusal for anyone without the role: it says what the feature is for and how to get access, and
 * nothing about whether the record asked for exists.
 */
export function officersOnlyReply(ctx: TurnContext): TurnResult {
  return { replies: [{ text: t(ctx.locale, 'core.officers_only'), buttons: ctx.menu() }] }
}

/** Wraps a handler for verified officers and admins only (household data, residents' requests, role admin). */
export function officersOnly(handler: (ctx: OfficerContext) => Promise<TurnResult> | TurnResult): Handler {
  return (ctx) => (isOfficer(ctx.actor) ? handler(ctx as OfficerContext) : officersOnlyReply(ctx))
}

/** Wraps a handler for verified collaborators, officers and admins. */
export function staffOnly(handler: (ctx: StaffContext) => Promise<TurnResult> | TurnResult): Handler {
  return (ctx) => (isStaff(ctx.actor) ? handler(ctx as StaffContext) : officersOnlyReply(ctx))
}
