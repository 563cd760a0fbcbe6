import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, TG_SECRET, ZALO, type TestApp } from '../support/app.ts'
import { startTelegramStandIn, telegramFaults, textUpdate, type TelegramStandIn } from '../support/telegram-standin.ts'
import { startZaloStandIn, zaloFaults, type ZaloStandIn } from '../support/zalo-standin.ts'
import type { FaultKind } from '../support/standin.ts'
import { zaloSignature } from '../../src/channels/zalo/signature.ts'

/**
 * Issue #9: whatever the channel API does — 500, 429 with retry_after, hanging, closing the connection, on 30% of
 * calls — every reply is delivered exactly once in the end, in order per chat. The retries are driven by the clock
 * and the scheduled job, as in production; the expected messages come from a run against a stand-in that never fails.
 */

const FAULTS: FaultKind[] = ['status500', 'rateLimit', 'hang', 'close']
/** Three chats, four messages each, interleaved: distinct answers so order and doubles show. */
const SCRIPT = ['xin chào', 'thủ tục vay vốn hộ nghèo', 'bảo hiểm y tế cho hộ cận nghèo', 'cảm ơn']
const CHATS = [3101, 3102, 3103]

/** Runs the scheduled job with the clock moved on until nothing is pending (at most a day of rounds). */
async function drainOutbox(t: TestApp): Promise<number> {
  for (let round = 1; round <= 40; round++) {
    const pending = await t.db.outboxMessage.count({ where: { status: 'pending' } })
    if (pending === 0) return round - 1
    t.clock.set(new Date(t.clock.now().getTime() + 31 * 60_000))
    await t.runScheduled(t.clock.now())
  }
  throw new Error('messages still pending after 40 scheduled runs')
}

function byChat<T extends { chat_id: unknown; text: string }>(sends: T[]): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  for (const s of sends) (out[String(s.chat_id)] ??= []).push(s.text)
  return out
}

describe('Telegram: every reply delivered exactly once whatever the Bot API does', () => {
  let standIn: TelegramStandIn
  let expected: Record<string, string[]>

  async function run(): Promise<TestApp> {
    const t = await buildTestApp({ telegramApiRoot: standIn.url, sendTimeoutMs: 1000 })
    let update = 91_000
    for (const text of SCRIPT) {
      for (const chat of CHATS) {
        const res = await t.post('/webhooks/telegram', textUpdate(chat, text, ++update), { 'X-Telegram-Bot-Api-Secret-Token': TG_SECRET })
        expect(res.status).toBe(200)
      }
    }
    return t
  }

  beforeAll(async () => {
    standIn = await startTelegramStandIn()
    const t = await run()
    expected = byChat(standIn.sends())
    await t.close()
    expect(Object.values(expected).flat()).toHaveLength(SCRIPT.length * CHATS.length)
  })
  afterAll(() => standIn.close())

  for (const kind of FAULTS) {
    it(`${kind} on 30% of sendMessage calls`, async () => {
      standIn.calls.length = 0
      standIn.faults = telegramFaults(kind, 0.3)
      const t = await run()
      try {
        const failedAtFirst = standIn.attempts().filter((c) => c.fault).length
        expect(failedAtFirst).toBeGreaterThan(0)
        if (kind === 'rateLimit') {
          // The in-place retry honours retry_after (1 s): the same text to the same chat no sooner than that.
          const calls = standIn.attempts()
          for (const [i, c] of calls.entries()) {
            if (!c.fault) continue
            const retry = calls.slice(i + 1).find((n) => n.body.chat_id === c.body.chat_id && n.body.text === c.body.text)
            if (retry) expect(retry.at - c.at).toBeGreaterThanOrEqual(1000)
          }
        }
        await drainOutbox(t)
        expect(byChat(standIn.sends())).toEqual(expected)
        const rows = await t.db.outboxMessage.findMany({ where: { purpose: 'reply' } })
        expect(rows.map((r) => r.status)).toEqual(rows.map(() => 'sent'))
        // Sent messages keep no conversation text.
        expect(rows.every((r) => r.payload === '')).toBe(true)
      } finally {
        standIn.faults = null
        await t.close()
      }
    })
  }
})

let zaloMsg = 0
async function zaloPost(t: TestApp, userId: string, text: string, at = t.clock.now()) {
  const event = { app_id: ZALO.appId, event_name: 'user_send_text', timestamp: String(at.getTime()), sender: { id: userId }, recipient: { id: 'oa' }, message: { msg_id: `zf${++zaloMsg}`, text } }
  const raw = JSON.stringify(event)
  const signature = await zaloSignature(ZALO.appId, new TextEncoder().encode(raw), event.timestamp, ZALO.oaSecretKey)
  const res = await t.post('/webhooks/zalo', raw, { 'X-ZEvent-Signature': signature })
  await t.drain()
  return res
}

describe('Zalo: every reply delivered exactly once whatever the OA API does', () => {
  const USERS = ['4101', '4102', '4103']
  let expected: Record<string, string[]>

  const zaloByUser = (zalo: ZaloStandIn) => {
    const out: Record<string, string[]> = {}
    for (const c of zalo.sends()) {
      const user = (c.body.recipient as { user_id: string }).user_id
      ;(out[user] ??= []).push((c.body.message as { text: string }).text)
    }
    return out
  }

  async function run(zalo: ZaloStandIn): Promise<TestApp> {
    const t = await buildTestApp({ zaloApiRoot: zalo.url, sendTimeoutMs: 1000 })
    for (const text of SCRIPT) for (const user of USERS) expect((await zaloPost(t, user, text)).status).toBe(200)
    return t
  }

  const standIn = () => startZaloStandIn({ validTokens: [ZALO.accessToken], validRefreshToken: ZALO.refreshToken, appSecret: ZALO.appSecret })

  beforeAll(async () => {
    const zalo = await standIn()
    const t = await run(zalo)
    expected = zaloByUser(zalo)
    await t.close()
    await zalo.close()
    expect(Object.values(expected).flat().length).toBeGreaterThanOrEqual(SCRIPT.length * USERS.length)
  })

  for (const kind of FAULTS) {
    it(`${kind} on 30% of message/cs calls`, async () => {
      const zalo = await standIn()
      zalo.faults = zaloFaults(kind, 0.3)
      const t = await run(zalo)
      try {
        expect(zalo.attempts().filter((c) => c.fault).length).toBeGreaterThan(0)
        await drainOutbox(t)
        expect(zaloByUser(zalo)).toEqual(expected)
        expect(await t.db.inboundEvent.count()).toBe(0)
      } finally {
        await t.close()
        await zalo.close()
      }
    })
  }
})
