import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildTestApp, ZALO, type TestApp } from '../support/app.ts'
import { startZaloStandIn, type ZaloStandIn } from '../support/zalo-standin.ts'
import { zaloSignature } from '../../src/channels/zalo/signature.ts'

let nextMsg = 1
/** The test clock's time (buildTestApp's default), as Zalo stamps events: epoch milliseconds as a string. */
const NOW_MS = String(Date.parse('2026-11-29T03:00:00Z'))
function textEvent(userId: string, text: string, msgId = `msg${nextMsg++}`) {
  return {
    app_id: ZALO.appId,
    user_id_by_app: '552177279717587730',
    event_name: 'user_send_text',
    timestamp: NOW_MS,
    sender: { id: userId },
    recipient: { id: '388613280879808645' },
    message: { msg_id: msgId, text },
  }
}

/** Serialises like Zalo (byte-for-byte body) and signs it. */
async function signed(event: unknown, secret = ZALO.oaSecretKey) {
  const raw = JSON.stringify(event)
  const { app_id, timestamp } = event as { app_id: string; timestamp: string }
  return { raw, signature: await zaloSignature(app_id, new TextEncoder().encode(raw), timestamp, secret) }
}

describe('Zalo OA webhook', () => {
  let zalo: ZaloStandIn
  let t: TestApp
  const post = async (event: unknown, secret?: string) => {
    const { raw, signature } = await signed(event, secret)
    const res = await t.post('/webhooks/zalo', raw, { 'X-ZEvent-Signature': signature })
    await t.drain()
    return res
  }

  // A fresh stand-in per test: token rotation state must not leak between tests.
  beforeEach(async () => {
    zalo = await startZaloStandIn({ validTokens: [ZALO.accessToken], validRefreshToken: ZALO.refreshToken, appSecret: ZALO.appSecret })
    t = await buildTestApp({ zaloApiRoot: zalo.url })
  })
  afterEach(async () => {
    await t.close()
    await zalo.close()
  })

  it('answers a signed user_send_text with 200 and one message/cs call to that user, in Vietnamese', async () => {
    const res = await post(textEvent('2512523625412515', 'xin chào'))
    expect(res.status).toBe(200)
    const sends = zalo.sends()
    expect(sends).toHaveLength(1)
    expect(sends[0]!.headers['access_token']).toBe(ZALO.accessToken)
    expect(sends[0]!.body).toMatchObject({ recipient: { user_id: '2512523625412515' } })
    const message = sends[0]!.body.message as { text: string; attachment?: { payload: { buttons: unknown[] } } }
    expect(message.text).toContain('Xin chào')
    expect(message.attachment?.payload.buttons.length).toBeGreaterThan(0)
    expect(message.attachment!.payload.buttons.length).toBeLessThanOrEqual(5)
  })

  it('rejects a bad signature with 401 and sends nothing', async () => {
    const res = await post(textEvent('2512523625412515', 'xin chào'), 'not-the-secret')
    expect(res.status).toBe(401)
    expect(zalo.calls).toHaveLength(0)
    expect(await t.db.contact.count()).toBe(0)
  })

  it('rejects a body whose bytes differ from what was signed', async () => {
    const event = textEvent('2512523625412515', 'xin chào')
    const { signature } = await signed(event)
    const reformatted = JSON.stringify(event, null, 2)
    const res = await t.post('/webhooks/zalo', reformatted, { 'X-ZEvent-Signature': signature })
    expect(res.status).toBe(401)
  })

  it('processes a redelivered event once, also when both arrive together', async () => {
    const event = textEvent('2512523625412516', 'chào', 'dup-1')
    await Promise.all([post(event), post(event)])
    await post(event)
    expect(zalo.sends()).toHaveLength(1)
  })

  it('on -216 refreshes the token once, stores the rotated pair, and sends the message', async () => {
    zalo.validTokens.delete(ZALO.accessToken)
    await post(textEvent('2512523625412517', 'xin chào'))
    expect(zalo.refreshes()).toHaveLength(1)
    const refresh = zalo.refreshes()[0]!
    expect(refresh.headers['secret_key']).toBe(ZALO.appSecret)
    expect(refresh.body).toMatchObject({ app_id: ZALO.appId, grant_type: 'refresh_token', refresh_token: ZALO.refreshToken })
    const sends = zalo.attempts()
    expect(sends).toHaveLength(2)
    expect(sends[1]!.headers['access_token']).toBe('access-1')
    expect(zalo.sends()).toHaveLength(1)
    const stored = await t.db.channelCredential.findUniqueOrThrow({ where: { channel: 'zalo' } })
    expect(stored).toMatchObject({ accessToken: 'access-1', refreshToken: 'refresh-1' })
    // The next message uses the stored token straight away: no second refresh.
    await post(textEvent('2512523625412517', 'cảm ơn'))
    expect(zalo.refreshes()).toHaveLength(1)
  })

  it('treats -230 (window closed) as final: no retry, no refresh, logged', async () => {
    zalo.scripted.push({ error: -230, message: 'User has not interacted with the OA in the past 7 days' })
    const res = await post(textEvent('2512523625412518', 'xin chào'))
    expect(res.status).toBe(200)
    expect(zalo.attempts()).toHaveLength(1)
    expect(zalo.refreshes()).toHaveLength(0)
    expect(t.logger.lines.some((l) => l.msg === 'outbox.unreachable' && l.code === -230)).toBe(true)
    const row = await t.db.outboxMessage.findFirstOrThrow({ where: { purpose: 'reply' } })
    expect(row).toMatchObject({ status: 'unreachable', payload: '' })
  })

  it('acknowledges and ignores unknown events and delivery receipts', async () => {
    const res = await post({ app_id: ZALO.appId, event_name: 'user_seen_message', timestamp: NOW_MS, sender: { id: 'oa' }, recipient: { id: 'u' } })
    expect(res.status).toBe(200)
    const res2 = await post({ app_id: ZALO.appId, event_name: 'something_new', timestamp: NOW_MS })
    expect(res2.status).toBe(200)
    expect(zalo.calls).toHaveLength(0)
  })

  it('answers an image with a note that the bot reads text and buttons', async () => {
    const event = {
      ...textEvent('2512523625412519', ''),
      event_name: 'user_send_image',
      message: { msg_id: 'img-1', attachments: [{ type: 'image', payload: { url: 'https://example.com/a.jpg' } }] },
    }
    await post(event)
    const message = zalo.sends()[0]!.body.message as { text: string }
    expect(message.text).toMatch(/chỉ đọc được chữ/)
  })

  it('greets a new follower', async () => {
    await post({ app_id: ZALO.appId, event_name: 'follow', timestamp: NOW_MS, oa_id: '3886', follower: { id: '2468458835291979' }, source: 'oa_profile' })
    expect((zalo.sends()[0]!.body.message as { text: string }).text).toContain('Xin chào')
  })

  it('treats a tapped button (its payload as text) as the button', async () => {
    await post(textEvent('2512523625412520', 'menu:help'))
    expect((zalo.sends()[0]!.body.message as { text: string }).text).toContain('Tôi có thể giúp bạn')
  })

  it('answers 400 for non-JSON, 401 without app_id/timestamp, 400 for a known event of the wrong shape', async () => {
    expect((await t.post('/webhooks/zalo', 'not json', { 'X-ZEvent-Signature': 'mac=00' })).status).toBe(400)
    expect((await t.post('/webhooks/zalo', { event_name: 'user_send_text' }, { 'X-ZEvent-Signature': 'mac=00' })).status).toBe(401)
    const wrong = { app_id: ZALO.appId, event_name: 'user_send_text', timestamp: NOW_MS, sender: { id: 'u' } }
    expect((await post(wrong)).status).toBe(400)
    expect(zalo.calls).toHaveLength(0)
  })

  it('keeps ids as strings: an id beyond 2^53 reaches the API unchanged', async () => {
    await post(textEvent('9007199254740993123', 'xin chào'))
    expect(zalo.sends()[0]!.body).toMatchObject({ recipient: { user_id: '9007199254740993123' } })
  })
})
