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
  /** Default 'notice' for Outbound.send. Everything but 'reply' is proactive: never delivered 21:00–07:00 Vietnam time. */
  purpose?: OutboundPurpose
  /** Not sent before this time (moved to 07:00 when it falls in quiet hours and the message is proactive). */
  notBefore?: Date
  /** Dropped and logged (status expired), not sent late, after this time. Default: a day for replies, else a week. */
  expiresAt?: Date
}

/** One message of {@link Outbound.sendMany}. */
export interface OutboundItem extends OutboundOptions {
  contactId: number
  content: OutboxContent
  dedupeKey: string
}

/** What a queued message says: replies as they are, or data a registered renderer turns into replies at send time. */
export type OutboxContent = Reply[] | { render: string; data: unknown }

/**
 * Where a queued message is: `pending` until it reaches one final state — `sent`; `unreachable` (the recipient
 * blocked the bot, or Zalo's window is closed); `failed` (refused for good, or kept failing); `expired` (not sent in
 * time, dropped); `cancelled` (its renderer returned no replies).
 */
export type OutboxStatus = 'pending' | 'sent' | 'failed' | 'unreachable' | 'expired' | 'cancelled'

export interface OutboxState {
  id: number
  contactId: number
  purpose: string
  status: OutboxStatus
  attempts: number
  createdAt: Date
  nextAttemptAt: Date
  expiresAt: Date | null
  sentAt: Date | null
  finishedAt: Date | null
  /** Why the last attempt failed (the channel's code and description; never message text). */
  lastError: string | null
  dedupeKey: string | null
}

/**
 * The one outbound path (src/outbound/): every message the bot sends — a turn's replies, an officer's answer, a notice
 * to officers, reminders — is queued first, then delivered at once when it may be, and retried by the scheduled job.
 */
export interface Outbound {
  /**
   * Queues a message for a contact and tries to deliver it at once (unless `notBefore` or quiet hours say later).
   * `content` is replies, or `{ render: '<capability>.<name>', data }` for a renderer the capability registered
   * (`Capability.renderers`), called at send time in the recipient's locale. Returns the message id, or null when
   * `dedupeKey` was already queued (look it up with `status({ dedupeKey })`).
   */
  send(contactId: number, content: OutboxContent, opts?: OutboundOptions): Promise<number | null>
  /**
   * Queues many messages at once, each with its dedupeKey, and delivers what is due in bulk (a reminder run): a few
   * statements per hundreds of messages rather than several per message. Returns each one's message id, the earlier
   * one's when its dedupeKey was already queued. Optional: an outbound path without it is called once per message.
   */
  sendMany?(items: readonly OutboundItem[]): Promise<number[]>
  /** A queued message's state, by id or dedupeKey; null when there is none. */
  status(ref: number | { dedupeKey: string }): Promise<OutboxState | null>
}
