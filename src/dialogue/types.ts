import type { Button, Inbound, Reply } from '../messages.ts'
import type { Locale } from '../i18n.ts'
import type { IntentId, Understanding } from '../nlu/types.ts'
import type { Actor } from '../roles/actor.ts'

/** The NLU as the dialogue uses it (src/nlu provides it). */
export interface Nlu {
  understand(text: string, now: Date): Understanding
}

export interface ContactView {
  id: number
  channel: string
  externalId: string
  /** The commune the user told us they live in (for the office card). Never a role's scope: see `actor`. */
  placeCode: string | null
  locale: Locale
  /** The user's own eligibility estimate, kept only with their consent. */
  estimatedCategory: string | null
  /** Last message from the user (Zalo only lets an OA message a user for a while after it). */
  lastInboundAt: Date | null
}

/** The state of a multi-step conversation (e.g. the eligibility check), as the active flow left it. */
export interface ActiveFlow {
  name: string
  state: unknown
}

/** One line of the recent conversation, kept for a hand-over to an officer. */
export interface RecentTurn {
  from: 'user' | 'bot'
  /** What the person saw: the text typed or shown, or for a tap the label of the button tapped. */
  text: string
  at: string
  /** The buttons a bot turn offered (so a later tap can be shown by its label, not its code). */
  buttons?: Button[]
  /** The turn was a button tap. */
  tapped?: true
}

export interface TurnContext {
  inbound: Inbound
  contact: ContactView
  /** Who is speaking, resolved once for this turn from their role assignment (resident when they have none). */
  actor: Actor
  locale: Locale
  now: Date
  /** The flow this contact is in, if any (expired flows are already cleared). */
  flow: ActiveFlow | null
  /** The last flow stored for this contact even if it expired (lets a flow offer "resume or start over"). */
  storedFlow: ActiveFlow | null
  /** The last few turns before this one. */
  recent: RecentTurn[]
  /** For text turns: the text, trimmed. */
  text?: string
  /** For text turns: what the NLU made of it. */
  understanding?: Understanding
  /** For button turns (or text that is a button value): the value split at ':' — `policy:credit` → ['policy','credit']. */
  button?: { value: string; parts: string[] }
  /** For slash commands (`/canbo ABC-123`): the command's name and the rest of the line. */
  command?: { name: string; args: string }
  /** The main-menu buttons in the contact's locale. */
  menu: () => Button[]
}

export type SessionUpdate =
  /** Enter or stay in a flow with this state, expiring after ttlMs of silence. */
  | { flow: string; state: unknown; ttlMs: number }
  /** Leave the flow. */
  | { clear: true }

export interface TurnResult {
  replies: Reply[]
  /** Omitted: the session is left as it was. */
  session?: SessionUpdate
  /**
   * What to keep of this turn in the recent conversation instead of the raw text, for turns that carry household
   * data (income, household size, answers about the home): e.g. `{ user: '[đã nhập thu nhập]', bot: '[kết quả ước tính]' }`.
   */
  redact?: { user: string; bot: string }
}

export type Handler = (ctx: TurnContext) => Promise<TurnResult> | TurnResult

/** A flow handler may decline a turn (return null): the turn is then routed normally and the flow kept. */
export type FlowHandler = (ctx: TurnContext & { flow: ActiveFlow }) => Promise<TurnResult | null> | TurnResult | null

export interface MenuEntry {
  /** Locale key of the button label. */
  labelKey: string
  value: string
  order: number
}

/**
 * One capability plugged into the dialogue: the intents it answers, the button prefixes it owns, its flows and its
 * main-menu entries. A later feature overrides an earlier one for the same intent or prefix.
 */
export interface Feature {
  name: string
  intents?: Partial<Record<IntentId, Handler>>
  buttons?: Record<string, Handler>
  flows?: Record<string, FlowHandler>
  /** Slash commands by name, without the slash (`canbo` for `/canbo CODE`). */
  commands?: Record<string, Handler>
  /** Answers a turn where the NLU saw two plausible intents (ctx.understanding.clarify); the last feature's wins. */
  clarify?: Handler
  /**
   * Fixed phrases answered before the NLU (like grammY's `hears`): matched against the text folded to lower case
   * without diacritics, e.g. `/^mo trang can bo$/` for "mở trang cán bộ".
   */
  hears?: { pattern: RegExp; handler: Handler }[]
  menu?: MenuEntry[]
}

/** Why a message is sent: a turn's reply, a hand-over notice or answer, a reminder, a change notice. */
export type OutboundPurpose = 'reply' | 'handover' | 'reminder' | 'notice'

export interface OutboundOptions {
  /** Queuing the same key twice queues it once (a retried request, two isolates, two scheduled runs). */
  dedupeKey?: string
  purpose?: OutboundPurpose
  /** Not sent before this time (proactive messages never land in quiet hours). */
  notBefore?: Date
  /** Dropped and logged, not sent late, after this time. */
  expiresAt?: Date
}

/** Sends messages to contacts (an officer's answer to a resident, a notice to officers, reminders): queued, then delivered. */
export interface Outbound {
  /** Queues and tries to deliver at once; returns the queued message id, or null when it was already queued. */
  send(contactId: number, replies: Reply[], opts?: OutboundOptions): Promise<number | null>
}
