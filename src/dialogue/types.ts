import type { Button, Inbound, Reply } from '../messages.ts'
import type { Locale } from '../i18n.ts'
import type { IntentId, Understanding } from '../nlu/types.ts'

/** The NLU as the dialogue uses it (src/nlu provides it). */
export interface Nlu {
  understand(text: string, now: Date): Understanding
}

export interface ContactView {
  id: number
  channel: string
  externalId: string
  role: string
  placeCode: string | null
  locale: Locale
  /** When an officer or collaborator proved their role; null for everyone else. */
  verifiedAt: Date | null
  /** The user's own eligibility estimate, kept only with their consent. */
  estimatedCategory: string | null
}

/** The state of a multi-step conversation (e.g. the eligibility check), as the active flow left it. */
export interface ActiveFlow {
  name: string
  state: unknown
}

/** One line of the recent conversation, kept for a hand-over to an officer. */
export interface RecentTurn {
  from: 'user' | 'bot'
  text: string
  at: string
}

export interface TurnContext {
  inbound: Inbound
  contact: ContactView
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
  menu?: MenuEntry[]
}

/** Sends messages to other contacts (an officer's answer to a resident, a notice to officers): queued, then delivered. */
export interface Outbound {
  send(contactId: number, replies: Reply[], opts?: { dedupeKey?: string }): Promise<void>
}
