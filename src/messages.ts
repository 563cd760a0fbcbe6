import type { Locale } from './i18n.ts'

/**
 * The channel-agnostic message types. Channel adapters translate Telegram updates, Zalo events and web chat
 * requests into `Inbound`, and render `Reply` back; nothing past the adapter sees a channel's own types.
 */
export type ChannelName = 'telegram' | 'zalo' | 'web' | 'cli'

export interface Button {
  /** What the user sees. */
  label: string
  /** What comes back when tapped, e.g. `menu:help`. At most 64 bytes (Telegram callback_data). */
  value: string
}

export interface Reply {
  text: string
  buttons?: Button[]
  /**
   * Zalo only: send this as the configured template message (ZALO_REMINDER_TEMPLATE_ID) with these parameters, the
   * one way to reach a Zalo user outside the 7-day window. Other channels, or Zalo without a template, send `text`.
   */
  template?: Record<string, string>
}

export type UnsupportedKind = 'sticker' | 'image' | 'gif' | 'audio' | 'video' | 'file' | 'location' | 'link' | 'contact' | 'other'

export type InboundContent =
  | { kind: 'text'; text: string }
  | { kind: 'button'; value: string }
  /** The user followed the Zalo OA: greet them. */
  | { kind: 'follow' }
  | { kind: 'unsupported'; what: UnsupportedKind }

export interface Inbound {
  channel: ChannelName
  /** The channel's user (Telegram chat id, Zalo user id, web conversation id), always a string. */
  userId: string
  /** Unique per delivery on this channel (Telegram update_id, Zalo msg_id): a repeat is processed once. */
  messageId: string
  at: Date
  content: InboundContent
  /** Locale hint from the channel, used only when the contact is new. */
  localeHint?: Locale
  /**
   * The client's network address, for channels where one person can make many contacts (the web chat: a new
   * conversation per click). Limits apply per address as well as per contact.
   */
  clientAddress?: string
}

/**
 * Sends replies to one user on one channel. Only the outbox (src/outbound/) calls it: every message the bot sends goes
 * through the one outbound path. It throws the errors of src/outbound/errors.ts (unreachable, permanent, transient).
 */
export interface ChannelSender {
  send(userId: string, replies: Reply[], opts?: SendOptions): Promise<void>
}

export interface SendOptions {
  /** The inbound message being answered (Zalo quotes it: a reply rather than a proactive message). */
  replyToMessageId?: string
  /** Channel messages already delivered by an earlier attempt (a long reply is split): skip that many. */
  skip?: number
  /** Called after each channel message is delivered, so a retry resumes after it. */
  onDelivered?: () => void
}

/** Button values look like `word:rest` (`menu:help`, `policy:credit:details`); a Zalo tap arrives as such text. */
export const BUTTON_VALUE = /^[a-z][a-z_]*:[\w.:-]{1,60}$/

export function isButtonValue(text: string): boolean {
  return BUTTON_VALUE.test(text)
}
