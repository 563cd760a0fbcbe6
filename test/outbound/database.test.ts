import Database from 'better-sqlite3'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { buildTestApp, TG_SECRET, ZALO, type TestApp } from '../support/app.ts'
import { startTelegramStandIn, textUpdate, type TelegramStandIn } from '../support/telegram-standin.ts'
import { startZaloStandIn, type ZaloStandIn } from '../support/zalo-standin.ts'
import { zaloSignature } from '../../src/channels/zalo/signature.ts'

/** Issue #9 §2–4: claims that cannot stick, a busy database handled rather than waited for, Zalo replays refused. */

let zaloMsg = 0
function zaloEvent(t: TestApp, userId: string, text: string, at = t.clock.now()) {
  return { app_id: ZALO.appId, event_name: 'user_send_text', timestamp: String(at.getTime()), sender: { id: userId }, recipient: { id: 'oa' }, message: { msg_id: `zd${++zaloMsg}`, text } }
}
async function zaloPost(t: TestApp, event: ReturnType<typeof zaloEvent>) {
  const raw = JSON.stringify(event)
  const signature = await zaloSignature(ZALO.appId, new TextEncoder().encode(raw), event.timestamp, ZALO.oaSecretKey)
  return t.post('/webhooks/zalo', raw, { 'X-ZEvent-Signature': signature })
}

describe('claims, a busy database and replays', () => {
  let telegram: TelegramStandIn
  let zalo: ZaloStandIn
  let t: TestApp
  const hook = (update: unknown) => t.post('/webhooks/telegram', update, { 'X-Telegram-Bot-Api-Secret-Token': TG_SECRET })

  beforeAll(async () => {
    telegram = await startTelegramStandIn()
  })
  afterAll(() => telegram.close())
  beforeEach(async () => {
    telegram.calls.length = 0
    zalo = await startZaloStandIn({ validTokens: [ZALO.accessToken], validRefreshToken: ZALO.refreshToken, appSecret: ZALO.appSecret })
    t = await buildTestApp({ telegramApiRoot: telegram.url, zaloApiRoot: zalo.url, sendTimeoutMs: 1000 })
  })
  afterEach(async () => {
    await t.close()
    await zalo.close()
  })

  it('a database write failing mid-turn gives the claim back: the redelivery is answered, once', async () => {
    // The session write fails (as a full disk would) on another connection's trigger, after the duplicate check.
    const other = new Database(t.file)
    other.exec(`CREATE TRIGGER fail_session_insert BEFORE INSERT ON "ConversationSession" BEGIN SELECT RAISE(ABORT, 'disk full (test)'); END;`)
    const update = textUpdate(6101, 'xin chào')
    const first = await hook(update)
    expect(first.status).toBeGreaterThanOrEqual(500) // Telegram redelivers on non-2xx
    expect(telegram.sends()).toHaveLength(0)
    expect(await t.db.processedMessage.count()).toBe(0)
    expect(await t.db.outboxMessage.count()).toBe(0) // nothing half-written: the turn's batch is all or none
    other.exec('DROP TRIGGER fail_session_insert')
    other.close()
    expect((await hook(update)).status).toBe(200)
    expect((await hook(update)).status).toBe(200)
    expect(telegram.sends()).toHaveLength(1)
  })

  it('a processing claim older than its lease is taken over by the redelivery; a live one is not', async () => {
    const stale = textUpdate(6102, 'xin chào')
    const live = textUpdate(6103, 'xin chào')
    const now = t.clock.now().getTime()
    // Two turns that died mid-way: one three minutes ago (lease of two minutes over), one a moment ago.
    await t.db.processedMessage.create({ data: { channel: 'telegram', messageId: String(stale.update_id), status: 'processing', createdAt: new Date(now - 180_000), leaseUntil: new Date(now - 60_000), claim: 'dead' } })
    await t.db.processedMessage.create({ data: { channel: 'telegram', messageId: String(live.update_id), status: 'processing', createdAt: new Date(now - 1000), leaseUntil: new Date(now + 119_000), claim: 'busy' } })
    await hook(stale)
    await hook(live)
    expect(telegram.sends().map((s) => s.chat_id)).toEqual([6102])
    t.clock.set(new Date(now + 120_000))
    await hook(live)
    expect(telegram.sends().map((s) => s.chat_id)).toEqual([6102, 6103])
  })

  it(
    'a write lock held for 10 s: /healthz says busy within 1 s, Telegram gets 503 or its answer, no Zalo event is lost, all answered afterwards',
    async () => {
      await t.app.request('/healthz') // warm
      const lock = new Database(t.file)
      lock.exec('BEGIN IMMEDIATE')
      const lockedAt = Date.now()
      const released = new Promise<void>((resolve) =>
        setTimeout(() => {
          lock.exec('ROLLBACK')
          lock.close()
          resolve()
        }, 10_000),
      )
      try {
        const started = performance.now()
        const health = await t.app.request('/healthz')
        const healthMs = performance.now() - started
        expect(healthMs).toBeLessThan(1000)
        expect(health.status).toBe(503)
        expect(await health.json()).toMatchObject({ error: { code: 'db_busy' } })

        // Telegram: 503 quickly (it redelivers), never a 200 without an answer.
        const updates = [textUpdate(6201, 'xin chào'), textUpdate(6202, 'cảm ơn')]
        const tgStarted = performance.now()
        const tgStatuses = await Promise.all(updates.map(async (u) => (await hook(u)).status))
        expect(performance.now() - tgStarted).toBeLessThan(5000)
        for (const s of tgStatuses) expect([200, 503]).toContain(s)

        // Zalo: an event is accepted (200) only once stored; the rest get 503 and are sent again, as Zalo would.
        const events = [zaloEvent(t, '7201', 'xin chào'), zaloEvent(t, '7202', 'cảm ơn'), zaloEvent(t, '7203', 'bảo hiểm y tế')]
        const zaloStatuses = await Promise.all(events.map(async (e) => (await zaloPost(t, e)).status))
        for (const s of zaloStatuses) expect([200, 503]).toContain(s)
        expect(Date.now() - lockedAt).toBeLessThan(10_000) // all of that happened while the lock was held

        await released
        for (const [i, u] of updates.entries()) if (tgStatuses[i] !== 200) expect((await hook(u)).status).toBe(200)
        for (const [i, e] of events.entries()) if (zaloStatuses[i] !== 200) expect((await zaloPost(t, e)).status).toBe(200)
        await t.drain()
        t.clock.set(new Date(t.clock.now().getTime() + 5 * 60_000))
        await t.runScheduled(t.clock.now())
        expect(new Set(telegram.sends().map((s) => s.chat_id))).toEqual(new Set([6201, 6202]))
        expect(telegram.sends()).toHaveLength(2)
        const zaloUsers = zalo.sends().map((c) => (c.body.recipient as { user_id: string }).user_id)
        expect(new Set(zaloUsers)).toEqual(new Set(['7201', '7202', '7203']))
        expect(zaloUsers).toHaveLength(3)
        expect((await t.app.request('/healthz')).status).toBe(200)
      } finally {
        await released
      }
    },
    40_000,
  )

  it('a Zalo event whose processing fails is processed by the scheduled job', async () => {
    const other = new Database(t.file)
    other.exec(`CREATE TRIGGER fail_session_insert BEFORE INSERT ON "ConversationSession" BEGIN SELECT RAISE(ABORT, 'disk full (test)'); END;`)
    expect((await zaloPost(t, zaloEvent(t, '7301', 'xin chào'))).status).toBe(200)
    await t.drain()
    expect(zalo.sends()).toHaveLength(0)
    expect(await t.db.inboundEvent.count()).toBe(1)
    other.exec('DROP TRIGGER fail_session_insert')
    other.close()
    t.clock.set(new Date(t.clock.now().getTime() + 5 * 60_000))
    const run = await t.runScheduled(t.clock.now())
    expect(run.retryInbound).toMatchObject({ status: 'ok', result: { processed: 1 } })
    expect(zalo.sends()).toHaveLength(1)
    expect(await t.db.inboundEvent.count()).toBe(0)
  })

  it('refuses Zalo events from outside the replay window, and a replay within it is processed once', async () => {
    const now = t.clock.now().getTime()
    const old = zaloEvent(t, '7401', 'xin chào', new Date(now - 11 * 60_000))
    const future = zaloEvent(t, '7401', 'xin chào', new Date(now + 5 * 60_000))
    const oldRes = await zaloPost(t, old)
    expect(oldRes.status).toBe(400)
    expect(await oldRes.json()).toMatchObject({ error: { code: 'stale_event' } })
    expect((await zaloPost(t, future)).status).toBe(400)
    const fresh = zaloEvent(t, '7401', 'xin chào', new Date(now - 60_000))
    expect((await zaloPost(t, fresh)).status).toBe(200)
    expect((await zaloPost(t, fresh)).status).toBe(200)
    await t.drain()
    expect(zalo.sends()).toHaveLength(1)
    // The dedupe key outlives the window: the same signed bytes later are refused as stale, not processed again.
    t.clock.set(new Date(now + 3 * 24 * 3600_000))
    await t.runScheduled(t.clock.now())
    expect((await zaloPost(t, fresh)).status).toBe(400)
    expect(await t.db.processedMessage.count({ where: { channel: 'zalo' } })).toBe(1)
  })

  it('a user who blocked the bot: unreachable at once, no retry storm', async () => {
    telegram.blocked.add(6301)
    await hook(textUpdate(6301, 'xin chào'))
    await hook(textUpdate(6301, 'cảm ơn'))
    for (let i = 0; i < 5; i++) {
      t.clock.set(new Date(t.clock.now().getTime() + 3600_000))
      await t.runScheduled(t.clock.now())
    }
    expect(telegram.attempts().filter((c) => c.body.chat_id === 6301)).toHaveLength(2) // one call per message, ever
    const rows = await t.db.outboxMessage.findMany({ where: { purpose: 'reply' } })
    expect(rows.map((r) => r.status)).toEqual(['unreachable', 'unreachable'])
    const state = await t.outbound.status(rows[0]!.id)
    expect(state).toMatchObject({ status: 'unreachable', attempts: 1 })
    expect(state!.lastError).toContain('403')
  })

  it('a missing database file makes /healthz unhealthy and refuses writes instead of losing them', async () => {
    const fs = await import('node:fs')
    fs.renameSync(t.file, `${t.file}.moved`)
    try {
      const health = await t.app.request('/healthz')
      expect(health.status).toBe(503)
      expect(await health.json()).toMatchObject({ error: { code: 'db_missing' } })
      expect((await hook(textUpdate(6401, 'xin chào'))).status).toBe(503)
      expect(fs.existsSync(t.file)).toBe(false) // not silently recreated
    } finally {
      fs.renameSync(`${t.file}.moved`, t.file)
    }
  })
})
