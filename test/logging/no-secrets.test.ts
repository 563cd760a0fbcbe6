import net from 'node:net'
import { GrammyError, HttpError } from 'grammy'
import { afterEach, describe, expect, it } from 'vitest'
import { buildTestApp, TG_SECRET, TG_TOKEN, ZALO, type TestApp } from '../support/app.ts'
import { callbackUpdate, textUpdate } from '../support/telegram-standin.ts'
import { zaloSignature } from '../../src/channels/zalo/signature.ts'
import { createMemoryLogger, toLogValue } from '../../src/logger.ts'

/** A server that accepts connections and drops them at once: a network-level failure, as the HTTP client sees it. */
async function droppingServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = net.createServer((socket) => socket.destroy())
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as net.AddressInfo
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) }
}

describe('logs when a channel API cannot be reached', () => {
  let t: TestApp | undefined
  let api: Awaited<ReturnType<typeof droppingServer>> | undefined
  afterEach(async () => {
    await t?.close()
    await api?.close()
    t = undefined
    api = undefined
  })

  it('Telegram: the failure is logged with the method, never the bot token or the webhook secret', async () => {
    api = await droppingServer()
    t = await buildTestApp({ telegramApiRoot: api.url })
    const headers = { 'X-Telegram-Bot-Api-Secret-Token': TG_SECRET }
    await t.post('/webhooks/telegram', textUpdate(31_001, 'xin chào'), headers)
    await t.post('/webhooks/telegram', callbackUpdate(31_001, 'menu:start'), headers)
    const text = JSON.stringify(t.logger.lines)
    expect(t.logger.lines.filter((l) => l.level === 'error').length).toBeGreaterThan(0)
    expect(text).toContain('sendMessage')
    expect(text).not.toContain(TG_TOKEN)
    expect(text).not.toContain(TG_TOKEN.split(':')[1])
    expect(text).not.toContain(TG_SECRET)
  })

  it('Zalo: the failure is logged, never the access token, the refresh token or the app secret', async () => {
    api = await droppingServer()
    t = await buildTestApp({ zaloApiRoot: api.url })
    const event = {
      app_id: ZALO.appId,
      event_name: 'user_send_text',
      // The test clock's time: Zalo events from another time are refused as replays.
      timestamp: String(Date.parse('2026-11-29T03:00:00Z')),
      sender: { id: '2512523625412515' },
      recipient: { id: '388613280879808645' },
      message: { msg_id: 'net-fail-1', text: 'xin chào' },
    }
    const raw = JSON.stringify(event)
    const signature = await zaloSignature(event.app_id, new TextEncoder().encode(raw), event.timestamp, ZALO.oaSecretKey)
    expect((await t.post('/webhooks/zalo', raw, { 'X-ZEvent-Signature': signature })).status).toBe(200)
    await t.drain()
    const text = JSON.stringify(t.logger.lines)
    // The outbox logs the failed send and retries it later (a warning, with the reason).
    expect(t.logger.lines.filter((l) => l.level === 'warn' || l.level === 'error').length).toBeGreaterThan(0)
    expect(text).toContain('request failed')
    for (const secret of [ZALO.accessToken, ZALO.refreshToken, ZALO.appSecret, ZALO.oaSecretKey]) expect(text).not.toContain(secret)
  })
})

describe('the log serializer', () => {
  const botToken = '7312345678:AAHk3xY-ZzQ_abcdefghijklmnopqrstuvw'
  const zaloToken = 'Zq1bcY2kM3xVx-ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmno_0123456789'
  const adminToken = 'officer-admin-token-0123456789abcdef'

  // [what a caller or library logs, what must not be in the line, what must still be there]
  const cases: [string, unknown, string[], string[]][] = [
    ['a Bot API URL in a string', { url: `https://api.telegram.org/bot${botToken}/sendMessage` }, [botToken, 'AAHk3xY'], ['api.telegram.org', 'sendMessage']],
    ['a file URL', { url: `https://api.telegram.org/file/bot${botToken}/photos/1.jpg` }, [botToken], ['photos/1.jpg']],
    ['an officer sign-in link', { path: '/admin/signin/Qm9fT3lz-a1b2c3d4e5f6g7h8' }, ['Qm9fT3lz-a1b2c3d4e5f6g7h8'], ['/admin/signin/']],
    ['a bare token in a message', { note: `token ${botToken} rejected` }, [botToken], ['rejected']],
    ['an access_token query parameter', { url: `https://openapi.zalo.me/v2.0/oa/getprofile?access_token=${zaloToken}&data=x` }, [zaloToken], ['getprofile', 'data=x']],
    ['a refresh token in a form body', { body: `refresh_token=${zaloToken}&app_id=123&grant_type=refresh_token` }, [zaloToken], ['grant_type=refresh_token']],
    ['a token in JSON text', { response: `{"access_token":"${zaloToken}","expires_in":"90000"}` }, [zaloToken], ['expires_in']],
    ['an Authorization header in text', { note: `Authorization: Bearer ${zaloToken}` }, [zaloToken], ['Authorization']],
    ['headers as an object', { headers: { access_token: zaloToken, secret_key: 'app-secret-value', 'content-type': 'application/json' } }, [zaloToken, 'app-secret-value'], ['application/json']],
    ['a Headers instance', { headers: new Headers({ authorization: `Bearer ${zaloToken}`, cookie: `admin=${adminToken}` }) }, [zaloToken, adminToken], []],
    ['a fetch error with the URL in its cause', { err: new TypeError('fetch failed', { cause: new Error(`connect ECONNREFUSED for https://api.telegram.org/bot${botToken}/getMe`) }) }, [botToken], ['ECONNREFUSED', 'getMe']],
    ['a phone number in an upstream description', { description: 'user 0912 345 678 blocked the bot' }, ['0912 345 678'], ['blocked the bot']],
    ['a phone number in an error message', { err: new Error('no contact for 0912.345.678') }, ['0912.345.678'], ['no contact for']],
  ]

  it.each(cases)('%s', (_what, fields, absent, present) => {
    const logger = createMemoryLogger()
    logger.error('test', fields as Record<string, unknown>)
    const line = JSON.stringify(logger.lines[0])
    for (const s of absent) expect(line).not.toContain(s)
    for (const s of present) expect(line).toContain(s)
  })

  it('removes configured secrets by value, whatever their shape', () => {
    const logger = createMemoryLogger({ secrets: [adminToken, 'short', undefined] })
    logger.warn('admin.login_failed', { tried: `x${adminToken}y`, note: 'a short word stays' })
    const line = JSON.stringify(logger.lines[0])
    expect(line).not.toContain(adminToken)
    expect(line).toContain('a short word stays')
  })

  it("keeps grammY's error details and follows HttpError to the network error", () => {
    const apiError = new GrammyError("Call to 'sendMessage' failed!", { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' }, 'sendMessage', {})
    const netError = new HttpError("Network request for 'sendMessage' failed!", new Error(`request to http://127.0.0.1:9/bot${botToken}/sendMessage failed`))
    const value = toLogValue({ a: apiError, b: netError }) as { a: Record<string, unknown>; b: { cause: { message: string } } }
    expect(value.a).toMatchObject({ name: 'GrammyError', error_code: 403, method: 'sendMessage', description: 'Forbidden: bot was blocked by the user' })
    expect(value.b.cause.message).toBe('request to http://127.0.0.1:9/bot[redacted]/sendMessage failed')
  })

  it('survives cycles, deep nesting and odd values', () => {
    const a: Record<string, unknown> = { n: 1n, when: new Date('2026-01-01T00:00:00Z') }
    a.self = a
    let deep: Record<string, unknown> = {}
    const root = deep
    for (let i = 0; i < 20; i++) deep = deep.next = {}
    expect(() => JSON.stringify(toLogValue({ a, root }))).not.toThrow()
    expect(toLogValue(a)).toMatchObject({ n: '1', when: '2026-01-01T00:00:00.000Z', self: '[circular]' })
  })
})

describe('database errors in the logs', () => {
  it("keep Prisma's call and reason, not the arguments it renders (a user's message)", async () => {
    const { createTestDb } = await import('../support/db.ts')
    const { db, cleanup } = await createTestDb()
    try {
      const err = await db.unansweredQuestion
        .create({ data: { text: 'tôi là Nguyễn Văn An, nhà ở thôn 3', at: 'not a date' as unknown as Date } })
        .catch((e: unknown) => e)
      const logger = createMemoryLogger()
      logger.error('db.failed', { err })
      const line = JSON.stringify(logger.lines[0])
      expect(line).not.toContain('Nguyễn Văn An')
      expect(line).not.toContain('thôn 3')
      expect(line).toContain('.create()` invocation')
      expect(line).toContain('Expected ISO-8601 DateTime')
    } finally {
      await cleanup()
    }
  })
})
