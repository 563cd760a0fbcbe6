import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { buildTestApp, TG_TOKEN, type TestApp } from '../support/app.ts'
import { createOutbound } from '../../src/outbound/outbound.ts'
import { loadConfig } from '../../src/config.ts'
import { createPacer } from '../../src/outbound/pace.ts'
import { createTelegramBot, createTelegramSender } from '../../src/channels/telegram/bot.ts'
import { startTelegramStandIn, telegramFaults, type TelegramStandIn } from '../support/telegram-standin.ts'
import { SEND_LEASE_MS } from '../../src/outbound/outbox.ts'
import type { OutboundItem } from '../../src/dialogue/types.ts'

/**
 * The outbox in bulk (`outbound.sendMany`, what a reminder run uses): messages claimed many at a time, sent side by
 * side and recorded together keep the one-by-one guarantees — each delivered once, in order per contact, whatever
 * runs at the same time, through faults, and taken over after a dispatcher died holding them.
 */

const CHATS = Array.from({ length: 24 }, (_, i) => 7001 + i)
const NOW = '2026-11-29T03:00:00Z' // 10:00 in Vietnam

describe('outbox in bulk', () => {
  let telegram: TelegramStandIn
  let t: TestApp
  let contacts: { id: number; chat: number }[]

  beforeAll(async () => {
    telegram = await startTelegramStandIn()
  })
  afterAll(() => telegram.close())
  beforeEach(async () => {
    telegram.calls.length = 0
    telegram.faults = null
    t = await buildTestApp({ telegramApiRoot: telegram.url, now: NOW })
    contacts = []
    for (const chat of CHATS) contacts.push({ id: (await t.db.contact.create({ data: { channel: 'telegram', externalId: String(chat), locale: 'vi' } })).id, chat })
  })
  afterEach(() => t.close())

  /** Three notices per contact, in one list (a contact's three one after another). */
  const items = (tag: string): OutboundItem[] =>
    contacts.flatMap((c) => [1, 2, 3].map((n) => ({ contactId: c.id, content: [{ text: `${tag} ${c.chat} #${n}` }], dedupeKey: `${tag}:${c.id}:${n}`, purpose: 'notice' as const })))
  const received = () => {
    const out: Record<number, string[]> = {}
    for (const s of telegram.sends()) (out[Number(s.chat_id)] ??= []).push(s.text)
    return out
  }
  const expected = (tag: string) => Object.fromEntries(CHATS.map((chat) => [chat, [1, 2, 3].map((n) => `${tag} ${chat} #${n}`)]))

  it('two bulk sends of the same messages and a scheduled run at once: each message delivered once, in order per contact', async () => {
    const list = items('bulk')
    const [a, b] = await Promise.all([t.outbound.sendMany(list), t.outbound.sendMany(list), t.runScheduled(t.clock.now())])
    // The second call gets the ids the first one queued.
    expect(b).toEqual(a)
    expect(new Set(a).size).toBe(list.length)
    expect(received()).toEqual(expected('bulk'))
    const rows = await t.db.outboxMessage.findMany({ where: { dedupeKey: { startsWith: 'bulk:' } } })
    expect(rows.map((r) => [r.status, r.attempts, r.payload])).toEqual(rows.map(() => ['sent', 1, '']))
  })

  it('with 30% of calls failing (500), every message arrives exactly once and in order after the retries', async () => {
    telegram.faults = telegramFaults('status500', 0.3)
    await t.outbound.sendMany(items('flaky'))
    expect(telegram.attempts().filter((c) => c.fault).length).toBeGreaterThan(0)
    for (let round = 0; round < 40 && (await t.db.outboxMessage.count({ where: { status: 'pending' } })) > 0; round++) {
      t.clock.set(new Date(t.clock.now().getTime() + 31 * 60_000))
      await t.runScheduled(t.clock.now())
    }
    expect(received()).toEqual(expected('flaky'))
  })

  it('messages a dead dispatcher had claimed wait for the lease, then go out once', async () => {
    const list = items('lease').filter((_, i) => i % 3 === 0) // one per contact
    // Queued while no channel answers in time: then claimed as a dispatcher that died mid-send would leave them.
    const ids = await t.outbound.sendMany(list.map((i) => ({ ...i, notBefore: new Date(t.clock.now().getTime() + 60_000) })))
    const now = t.clock.now()
    await t.db.outboxMessage.updateMany({ where: { id: { in: ids } }, data: { attempts: 1, nextAttemptAt: new Date(now.getTime() + SEND_LEASE_MS) } })
    t.clock.set(new Date(now.getTime() + SEND_LEASE_MS - 1000))
    await t.runScheduled(t.clock.now())
    expect(telegram.sends()).toHaveLength(0)
    t.clock.set(new Date(now.getTime() + SEND_LEASE_MS + 1000))
    await Promise.all([t.runScheduled(t.clock.now()), t.runScheduled(t.clock.now())])
    expect(telegram.sends().map((s) => s.text).sort()).toEqual(list.map((i) => (i.content as { text: string }[])[0]!.text).sort())
    const rows = await t.db.outboxMessage.findMany({ where: { id: { in: ids } } })
    expect(rows.map((r) => [r.status, r.attempts])).toEqual(rows.map(() => ['sent', 2]))
  })

  it('a bulk larger than one statement’s share (500) is queued, claimed and recorded in parts, each message once', async () => {
    const more = Array.from({ length: 510 - contacts.length }, (_, i) => ({ channel: 'telegram', externalId: String(8001 + i), locale: 'vi' }))
    await t.db.contact.createMany({ data: more })
    const everyone = await t.db.contact.findMany({ select: { id: true, externalId: true } })
    const list = everyone.map((c) => ({ contactId: c.id, content: [{ text: `big ${c.externalId}` }], dedupeKey: `big:${c.id}`, purpose: 'notice' as const }))
    // Telegram's pace (30/s) lifted for this one, so 510 messages take no 17 s.
    const bot = createTelegramBot(loadConfig({ TELEGRAM_BOT_TOKEN: TG_TOKEN, TELEGRAM_WEBHOOK_SECRET: 'x', TELEGRAM_API_ROOT: telegram.url }).telegram!)
    const outbound = createOutbound({ db: t.db, senders: { telegram: createTelegramSender(bot, createPacer({ perSecond: 1e9, burst: 1e9, perChatPerSecond: 1e9, perChatBurst: 1e9 })) }, logger: t.logger, clock: t.clock, batch: t.batch })
    const ids = await outbound.sendMany(list)
    expect(new Set(ids).size).toBe(510)
    const texts = telegram.sends().map((s) => s.text)
    expect(texts).toHaveLength(510)
    expect(new Set(texts)).toEqual(new Set(list.map((i) => i.content[0]!.text)))
    expect(await t.db.outboxMessage.count({ where: { dedupeKey: { startsWith: 'big:' }, status: 'sent', payload: '' } })).toBe(510)
  })
})
