import type { Db } from '../db.ts'
import type { Clock } from '../clock.ts'
import type { Logger } from '../logger.ts'
import type { Button, Inbound, Reply } from '../messages.ts'
import { isButtonValue } from '../messages.ts'
import { t } from '../i18n.ts'
import type { IntentId } from '../nlu/types.ts'
import { fold } from '../nlu/normalize.ts'
import { claimMessage, finishedGuard, finishStatement, releaseMessage, type Claim } from './dedupe.ts'
import { lastInboundStatement, touchContact } from './contacts.ts'
import { addRecent, loadSession, saveSessionStatement } from './session.ts'
import { prismaBatch, type AtomicBatch } from '../db/batch.ts'
import { claimedReplyRow, queueStatement, turnReplyStatements, type OutboxRow } from '../outbound/outbox.ts'
import type { Recipient } from '../outbound/outbound.ts'
import { LIMITS, type Limiter } from '../limits.ts'
import { isAbusive } from './abuse.ts'
import type { LearnedUtterances } from '../core/learned.ts'
import type { Feature, FlowHandler, Handler, MenuEntry, Nlu, RecentTurn, TurnContext, TurnResult } from './types.ts'

/** An insult counts as this many messages against the rate limit. */
const ABUSE_WEIGHT = 5

/** Longest text we read; longer messages get a polite "please shorten" (issue #2). */
export const MAX_TEXT_LENGTH = 4000

export interface DialogueDeps {
  db: Db
  clock: Clock
  logger: Logger
  nlu: Nlu
  features: Feature[]
  /** Per-contact (and per-address) message limits. */
  limiter: Limiter
  /** Questions officers labelled from the unanswered list; they override the classifier for that exact text. */
  learned?: LearnedUtterances
  /** Runs the turn's writes as one transaction (D1 batch on Workers, one BEGIN IMMEDIATE on Node). */
  batch?: AtomicBatch
  /**
   * Channels whose replies are the answer to the request itself (web chat, shell): recorded in the outbox as sent.
   * Every other channel's replies are queued for the outbox to deliver.
   */
  answersInline?: (channel: string) => boolean
}

export type HandleOutcome =
  | { duplicate: true }
  | {
      duplicate: false
      replies: Reply[]
      contactId: number
      recipient: Recipient
      /** The turn's reply, queued already claimed at the head of the contact's queue: the caller delivers it (flush). */
      claimedReply?: OutboxRow
    }

export interface Dialogue {
  /** Processes one inbound message once: a redelivery of the same (channel, messageId) gives `{ duplicate: true }`. */
  handle(inbound: Inbound): Promise<HandleOutcome>
  /** The main-menu buttons of every registered feature, in order. */
  menu(locale: TurnContext['locale']): Button[]
}

/** Thrown by the engine when a handler is missing for a route the features declared (a programming error). */
class RoutingError extends Error {
  override name = 'RoutingError'
}

/**
 * The channel-agnostic conversation engine: dedupe → contact → session → understand → route to a feature →
 * replies + new session state. Features are plugged in; the engine knows no capability itself.
 */
export function createDialogue(deps: DialogueDeps): Dialogue {
  const intents = new Map<IntentId, Handler>()
  const buttons = new Map<string, Handler>()
  const flows = new Map<string, FlowHandler>()
  const commands = new Map<string, Handler>()
  let clarifyHandler: Handler | undefined
  const hears: { pattern: RegExp; handler: Handler }[] = []
  const menuEntries: MenuEntry[] = []
  for (const feature of deps.features) {
    for (const [id, h] of Object.entries(feature.intents ?? {})) if (h) intents.set(id as IntentId, h)
    for (const [prefix, h] of Object.entries(feature.buttons ?? {})) buttons.set(prefix, h)
    for (const [name, h] of Object.entries(feature.flows ?? {})) flows.set(name, h)
    for (const [name, h] of Object.entries(feature.commands ?? {})) commands.set(name, h)
    if (feature.clarify) clarifyHandler = feature.clarify
    hears.push(...(feature.hears ?? []))
    menuEntries.push(...(feature.menu ?? []))
  }
  menuEntries.sort((a, b) => a.order - b.order)

  const intentHandler = (id: IntentId): Handler => {
    const h = intents.get(id) ?? intents.get('out_of_scope')
    if (!h) throw new RoutingError(`no handler for intent ${id} and no out_of_scope fallback`)
    return h
  }

  async function route(ctx: TurnContext): Promise<TurnResult> {
    if (ctx.flow) {
      const flowHandler = flows.get(ctx.flow.name)
      if (flowHandler) {
        const result = await flowHandler({ ...ctx, flow: ctx.flow })
        if (result) return result
      }
    }
    if (ctx.button) {
      const [prefix, ...rest] = ctx.button.parts
      // `intent:<id>` re-asks a question as a given intent (the "did you mean" buttons).
      if (prefix === 'intent') return intentHandler(rest.join(':') as IntentId)({ ...ctx, button: undefined })
      const h = buttons.get(prefix ?? '')
      if (h) return h(ctx)
      return intentHandler('help')(ctx)
    }
    // Two plausible readings and no clear winner: ask rather than guess (a feature may know better).
    if (ctx.understanding?.clarify && clarifyHandler) return clarifyHandler(ctx)
    const intent = ctx.understanding?.intent ?? 'out_of_scope'
    return intentHandler(intent)(ctx)
  }

  const batch = deps.batch ?? prismaBatch(deps.db)

  /**
   * One turn: claim the message (a lease), read the contact and session, answer, then record everything the turn
   * wrote — dedupe status, session, the contact's last message time, the queued replies — in one transaction. A turn
   * that fails anywhere gives its claim back, so the channel's redelivery is answered.
   */
  async function handle(inbound: Inbound): Promise<HandleOutcome> {
    const { db, logger } = deps
    const now = deps.clock.now()
    const claim = await claimMessage(db, inbound.channel, inbound.messageId, now)
    if (!claim) {
      logger.info('inbound.duplicate', { channel: inbound.channel, messageId: inbound.messageId })
      return { duplicate: true }
    }
    try {
      return await handleClaimed(inbound, claim, now)
    } catch (err) {
      // Nothing was recorded: give the message back so the channel's redelivery can succeed later (if this fails
      // too, the lease runs out instead).
      await releaseMessage(db, claim).catch(() => undefined)
      throw err
    }
  }

  async function handleClaimed(inbound: Inbound, claim: Claim, now: Date): Promise<HandleOutcome> {
    const { db, logger } = deps
    const started = Date.now()
    const abusive = inbound.content.kind === 'text' && isAbusive(inbound.content.text)
    const weight = abusive ? ABUSE_WEIGHT : 1
    const { contact, actor } = await touchContact(db, inbound)
    const session = await loadSession(db, contact.id, now)
    const limited = await overLimit(contact.id, inbound, now, weight)

    const locale = contact.locale
    const ctx: TurnContext = {
      inbound,
      contact,
      actor,
      locale,
      now,
      flow: session.flow,
      storedFlow: session.storedFlow,
      recent: session.recent,
      menu: () => menu(locale),
    }
    let result: TurnResult
    try {
      if (limited) {
        // Say it once when the limit is crossed, then stay silent until the window has room again.
        logger.warn('inbound.rate_limited', { channel: inbound.channel, contactId: contact.id })
        result = { replies: limited === 'first' ? [{ text: t(locale, 'core.slow_down') }] : [] }
      } else if (abusive) {
        result = { replies: [{ text: t(locale, 'core.abuse'), buttons: menu(locale) }] }
      } else {
        result = await turn(ctx)
      }
    } catch (err) {
      logger.error('dialogue.handler_failed', { channel: inbound.channel, contactId: contact.id, err })
      result = { replies: [{ text: t(ctx.locale, 'core.error'), buttons: menu(ctx.locale) }] }
    }

    // Turns that carry household data are kept as placeholders ("[đã nhập thu nhập]"), never as typed.
    const recent = addRecent(session.recent, [
      { ...(result.redact ? { text: result.redact.user } : describeInbound(inbound, session.recent, locale)), from: 'user', at: inbound.at.toISOString() },
      ...result.replies.map((r) => ({
        from: 'bot' as const,
        text: result.redact?.bot ?? r.text,
        at: now.toISOString(),
        ...(r.buttons?.length && !result.redact ? { buttons: r.buttons } : {}),
      })),
    ])

    const guard = finishedGuard(claim)
    const inline = deps.answersInline?.(inbound.channel) ?? false
    const replyKey = result.replies.length > 0 ? `reply:${inbound.channel}:${inbound.messageId}` : undefined
    const statements = [
      finishStatement(claim),
      saveSessionStatement(contact.id, session, result.session, recent, now, guard),
      lastInboundStatement(contact.id, inbound.at, now, guard),
    ]
    const item = replyKey
      ? {
          contactId: contact.id,
          content: result.replies,
          purpose: 'reply' as const,
          dedupeKey: replyKey,
          ...(inbound.content.kind !== 'follow' ? { replyTo: inbound.messageId } : {}),
        }
      : undefined
    if (item) statements.push(...(inline ? [queueStatement(item, now, { guard, answered: true })] : turnReplyStatements(item, now, guard)))
    const changed = await batch(statements)
    const [finished, saved] = changed
    const claimedFirst = changed[3] // the first of turnReplyStatements
    if (finished !== 1) {
      // The lease ran out and a redelivery took the message over: that attempt answers it, not this one.
      logger.warn('inbound.claim_lost', { channel: inbound.channel, messageId: inbound.messageId })
      return { duplicate: true }
    }
    if (saved !== 1) logger.warn('session.conflict', { contactId: contact.id })
    logger.info('inbound.handled', {
      channel: inbound.channel,
      contactId: contact.id,
      kind: inbound.content.kind,
      intent: ctx.understanding?.intent,
      confidence: ctx.understanding ? Number(ctx.understanding.confidence.toFixed(3)) : undefined,
      flow: result.session && 'flow' in result.session ? result.session.flow : ctx.flow?.name,
      ms: Date.now() - started,
    })
    return {
      duplicate: false,
      replies: result.replies,
      contactId: contact.id,
      recipient: { id: contact.id, channel: contact.channel, externalId: contact.externalId, locale: contact.locale },
      ...(item && !inline && claimedFirst === 1 ? { claimedReply: claimedReplyRow(item, now) } : {}),
    }
  }

  async function turn(ctx: TurnContext): Promise<TurnResult> {
    const content = ctx.inbound.content
    switch (content.kind) {
      case 'follow':
        return intentHandler('greeting')(ctx)
      case 'unsupported':
        return { replies: [{ text: t(ctx.locale, 'core.unsupported'), buttons: menu(ctx.locale) }] }
      case 'button':
        return route({ ...ctx, button: { value: content.value, parts: content.value.split(':') } })
      case 'text': {
        const text = content.text.trim()
        if (text.length > MAX_TEXT_LENGTH) {
          return { replies: [{ text: t(ctx.locale, 'core.too_long', { length: text.length, max: MAX_TEXT_LENGTH }) }] }
        }
        // A tapped Zalo button arrives as text carrying the button's value.
        if (isButtonValue(text)) return route({ ...ctx, button: { value: text, parts: text.split(':') } })
        const slash = /^\/(\w+)(?:@\w+)?(?:\s+([\s\S]*))?$/.exec(text)
        const command = slash?.[1]?.toLowerCase()
        const handler = command ? commands.get(command) : undefined
        if (handler) return handler({ ...ctx, text, command: { name: command!, args: (slash?.[2] ?? '').trim() } })
        if (command === 'start') {
          // /start always begins afresh: whatever flow was open is closed.
          const result = await route({ ...ctx, flow: null, text, understanding: fixed(text, 'greeting') })
          return { ...result, session: result.session ?? { clear: true } }
        }
        if (command === 'help' || command === 'menu') return route({ ...ctx, flow: null, text, understanding: fixed(text, 'help') })
        if (hears.length > 0) {
          const folded = fold(text.toLowerCase()).replace(/[^a-z0-9/ ]+/g, ' ').replace(/\s+/g, ' ').trim()
          const heard = hears.find((h) => h.pattern.test(folded))
          if (heard) return heard.handler({ ...ctx, text })
        }
        const understanding = deps.nlu.understand(text, ctx.now)
        const learned = await deps.learned?.lookup(text, ctx.now)
        if (learned) {
          const { clarify: _ignored, ...rest } = understanding
          return route({ ...ctx, text, understanding: { ...rest, intent: learned, confidence: 1 } })
        }
        return route({ ...ctx, text, understanding })
      }
    }
  }

  /**
   * Whether this message is over a limit: per contact, and for the web chat also per client address (a new
   * conversation id is free to make). 'first' when this very message crossed it (say so once), 'again' after.
   */
  async function overLimit(contactId: number, inbound: Inbound, now: Date, weight: number): Promise<false | 'first' | 'again'> {
    const byContact = await deps.limiter.hit(`msg:contact:${contactId}`, LIMITS.messages, now, weight)
    const byAddress =
      inbound.channel === 'web' && inbound.clientAddress && inbound.clientAddress !== 'unknown' ? await deps.limiter.hit(`msg:addr:${inbound.clientAddress}`, LIMITS.webAddress, now, weight) : null
    const over = (s: { count: number } | null, limit: number) => (s ? s.count > limit : false)
    if (!over(byContact, LIMITS.messages.limit) && !over(byAddress, LIMITS.webAddress.limit)) return false
    const crossed = (s: { count: number } | null, limit: number) => (s ? s.count > limit && s.count - weight <= limit : false)
    return crossed(byContact, LIMITS.messages.limit) || crossed(byAddress, LIMITS.webAddress.limit) ? 'first' : 'again'
  }

  /**
   * The user's turn as officers will read it: the text, or for a tap the label of the button the bot had offered
   * (Zalo taps arrive as text carrying the value), never the internal code.
   */
  function describeInbound(inbound: Inbound, recent: RecentTurn[], locale: TurnContext['locale']): { text: string; tapped?: true } {
    const c = inbound.content
    const value = c.kind === 'button' ? c.value : c.kind === 'text' && isButtonValue(c.text.trim()) ? c.text.trim() : null
    if (value !== null) {
      for (let i = recent.length - 1; i >= 0; i--) {
        const label = recent[i]!.buttons?.find((b) => b.value === value)?.label
        if (label) return { text: label, tapped: true }
      }
      return { text: t(locale, 'core.tapped_button'), tapped: true }
    }
    if (c.kind === 'text') return { text: c.text }
    if (c.kind === 'follow') return { text: t(locale, 'core.followed') }
    return { text: t(locale, 'core.sent_unsupported') }
  }

  function fixed(text: string, intent: IntentId) {
    return { text, intent, confidence: 1, alternatives: [], entities: {} }
  }

  function menu(locale: TurnContext['locale']): Button[] {
    return menuEntries.map((m) => ({ label: t(locale, m.labelKey), value: m.value }))
  }

  return { handle, menu }
}
