import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { buildTestApp, TG_SECRET, type TestApp } from '../support/app.ts'
import { startTelegramStandIn, telegramFault, textUpdate, type TelegramStandIn } from '../support/telegram-standin.ts'
import type { CapabilityFactory } from '../../src/capability.ts'
import { CAPABILITIES } from '../../src/capabilities.ts'
import { outsideQuietHours } from '../../src/outbound/outbox.ts'
import { renderTelegram } from '../../src/channels/telegram/render.ts'

/**
 * The outbox as the rest of the app uses it: `outbound.send` with a purpose, not-before, expiry and a dedupe key,
 * rendered at send time, its final state readable by id — what reminders will build on.
 */

/** A capability with one renderer, like reminders will register: renders in the recipient's locale at send time. */
const probe: CapabilityFactory = () => ({
  name: 'probe',
  renderers: {
    hello: (data, { locale }) => {
      const d = data as { name: string; cancelled?: boolean }
      if (d.cancelled) return []
      return [{ text: locale === 'en' ? `Reminder: ${d.name}` : `Nhắc lịch: ${d.name}` }]
    },
  },
})

describe('outbox', () => {
  let telegram: TelegramStandIn
  let t: TestApp
  const hook = (update: unknown) => t.post('/webhooks/telegram', update, { 'X-Telegram-Bot-Api-Secret-Token': TG_SECRET })
  /** A Telegram contact, made by their first message. */
  async function contact(chat: number): Promise<number> {
    await hook(textUpdate(chat, 'xin chào'))
    return (await t.db.contact.findUniqueOrThrow({ where: { channel_externalId: { channel: 'telegram', externalId: String(chat) } } })).id
  }
  const textsTo = (chat: number) => telegram.sends().filter((s) => s.chat_id === chat).map((s) => s.text)

  beforeAll(async () => {
    telegram = await startTelegramStandIn()
  })
  afterAll(() => telegram.close())
  beforeEach(async () => {
    telegram.calls.length = 0
    // 10:00 in Vietnam.
    t = await buildTestApp({ telegramApiRoot: telegram.url, now: '2026-11-29T03:00:00Z', capabilities: [...CAPABILITIES, probe], sendTimeoutMs: 1000 })
  })
  afterEach(() => t.close())

  it('moves proactive messages out of quiet hours (21:00–07:00 Vietnam time), never replies', () => {
    expect(outsideQuietHours(new Date('2026-11-29T14:30:00Z')).toISOString()).toBe('2026-11-30T00:00:00.000Z') // 21:30 → 07:00 next day
    expect(outsideQuietHours(new Date('2026-11-29T22:00:00Z')).toISOString()).toBe('2026-11-30T00:00:00.000Z') // 05:00 → 07:00
    expect(outsideQuietHours(new Date('2026-11-29T13:59:00Z')).toISOString()).toBe('2026-11-29T13:59:00.000Z') // 20:59 stays
  })

  it('a reminder is rendered at send time in the recipient locale, and its final state is known by id and by key', async () => {
    const id = await contact(8101)
    await t.db.contact.update({ where: { id }, data: { locale: 'en' } })
    const notBefore = new Date('2026-11-29T05:00:00Z') // 12:00 in Vietnam
    const expiresAt = new Date('2026-11-29T10:00:00Z')
    const msgId = await t.outbound.send(id, { render: 'probe.hello', data: { name: 'tập huấn rà soát' } }, { purpose: 'reminder', notBefore, expiresAt, dedupeKey: 'probe:1:8101' })
    expect(msgId).not.toBeNull()
    expect(await t.outbound.send(id, { render: 'probe.hello', data: { name: 'x' } }, { purpose: 'reminder', dedupeKey: 'probe:1:8101' })).toBeNull()
    expect(await t.outbound.status(msgId!)).toMatchObject({ status: 'pending', purpose: 'reminder' })
    await t.runScheduled(new Date('2026-11-29T04:59:00Z'))
    expect(textsTo(8101)).toHaveLength(1) // only the greeting so far
    t.clock.set(notBefore)
    await t.runScheduled(notBefore)
    expect(textsTo(8101).at(-1)).toBe('Reminder: tập huấn rà soát')
    expect(await t.outbound.status({ dedupeKey: 'probe:1:8101' })).toMatchObject({ id: msgId, status: 'sent', attempts: 1 })
    expect((await t.db.outboxMessage.findUniqueOrThrow({ where: { id: msgId! } })).payload).toBe('')
  })

  it('a reminder queued at night waits for 07:00; a renderer that returns nothing cancels it', async () => {
    const id = await contact(8102)
    const night = new Date('2026-11-29T15:00:00Z') // 22:00 in Vietnam
    t.clock.set(night)
    const msgId = await t.outbound.send(id, { render: 'probe.hello', data: { name: 'họp thôn' } }, { purpose: 'reminder' })
    const cancelled = await t.outbound.send(id, { render: 'probe.hello', data: { name: 'x', cancelled: true } }, { purpose: 'reminder' })
    expect(textsTo(8102)).toHaveLength(1)
    expect((await t.outbound.status(msgId!))!.nextAttemptAt.toISOString()).toBe('2026-11-30T00:00:00.000Z')
    await t.runScheduled(new Date('2026-11-29T23:59:00Z'))
    expect(textsTo(8102)).toHaveLength(1)
    await t.runScheduled(new Date('2026-11-30T00:00:00Z'))
    expect(textsTo(8102).at(-1)).toBe('Nhắc lịch: họp thôn')
    expect(await t.outbound.status(cancelled!)).toMatchObject({ status: 'cancelled' })
  })

  it('a reply that could not be sent for a day is dropped and logged, never sent late', async () => {
    telegram.faults = () => telegramFault('status500')
    await hook(textUpdate(8103, 'xin chào'))
    telegram.faults = null
    const row = await t.db.outboxMessage.findFirstOrThrow({ where: { purpose: 'reply' } })
    expect(row.status).toBe('pending')
    const dayLater = new Date(t.clock.now().getTime() + 24 * 3600_000 + 1000)
    await t.runScheduled(dayLater)
    expect(textsTo(8103)).toHaveLength(0)
    expect(await t.outbound.status(row.id)).toMatchObject({ status: 'expired' })
    expect(t.logger.lines.some((l) => l.msg === 'outbox.expired' && l.id === row.id)).toBe(true)
  })

  it('keeps a contact in order: a later message never overtakes an earlier one still pending', async () => {
    const id = await contact(8104)
    telegram.faults = (call) => (call.path.endsWith('/sendMessage') && call.body.chat_id === 8104 ? telegramFault('rateLimit', 30) : null)
    await t.outbound.send(id, [{ text: 'một' }])
    telegram.faults = null
    await t.outbound.send(id, [{ text: 'hai' }])
    await hook(textUpdate(8104, 'cảm ơn'))
    expect(textsTo(8104)).toHaveLength(1) // the greeting; 'một' waits 30 s (retry_after), the rest behind it
    await t.runScheduled(new Date(t.clock.now().getTime() + 10_000))
    expect(textsTo(8104)).toHaveLength(1) // retry_after not over yet
    t.clock.set(new Date(t.clock.now().getTime() + 60_000))
    await t.runScheduled(t.clock.now())
    const texts = textsTo(8104)
    expect(texts.slice(1, 3)).toEqual(['một', 'hai'])
    expect(texts).toHaveLength(4)
  })

  it('a long reply split in parts resumes after the parts already delivered', async () => {
    const id = await contact(8105)
    const long = `${'Phần một. '.repeat(450)}\n\n${'Phần hai. '.repeat(100)}`
    let n = 0
    telegram.faults = (call) => (call.path.endsWith('/sendMessage') && call.body.chat_id === 8105 && ++n === 2 ? telegramFault('status500') : null)
    const msgId = await t.outbound.send(id, [{ text: long }])
    telegram.faults = null
    await t.runScheduled(new Date(t.clock.now().getTime() + 3600_000))
    const expected = renderTelegram([{ text: long }]).map((m) => m.text)
    expect(expected.length).toBeGreaterThan(2)
    // The first part went out before the failure; the retry sends the rest, and the first part only once.
    expect(textsTo(8105).slice(1)).toEqual(expected)
    expect(await t.outbound.status(msgId!)).toMatchObject({ status: 'sent' })
  })

  it('records web chat replies as sent (they were the HTTP answer) and hands over only queued ones in the inbox', async () => {
    const res = await t.post('/api/chat', { conversationId: 'web-outbox-1', text: 'xin chào' })
    expect(res.status).toBe(200)
    const rows = await t.db.outboxMessage.findMany()
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ status: 'sent', purpose: 'reply', payload: '' })
    const web = await t.db.contact.findUniqueOrThrow({ where: { channel_externalId: { channel: 'web', externalId: t.webId('web-outbox-1') } } })
    await t.outbound.send(web.id, [{ text: 'Cán bộ xã trả lời' }], { purpose: 'handover' })
    const inbox = (await (await t.get('/api/chat/inbox?conversationId=web-outbox-1')).json()) as { replies: { text: string }[] }
    expect(inbox.replies.map((r) => r.text)).toEqual(['Cán bộ xã trả lời'])
    const again = (await (await t.get('/api/chat/inbox?conversationId=web-outbox-1')).json()) as { replies: unknown[] }
    expect(again.replies).toEqual([])
  })
})
