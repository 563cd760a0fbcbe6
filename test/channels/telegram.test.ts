import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { buildTestApp, TG_SECRET, TG_TOKEN, type TestApp } from '../support/app.ts'
import { callbackUpdate, startTelegramStandIn, stickerUpdate, textUpdate } from '../support/telegram-standin.ts'

type TelegramStandIn = Awaited<ReturnType<typeof startTelegramStandIn>>

describe('Telegram webhook', () => {
  let standIn: TelegramStandIn
  let t: TestApp
  const hook = (update: unknown, secret: string | null = TG_SECRET) =>
    t.post('/webhooks/telegram', update, secret === null ? {} : { 'X-Telegram-Bot-Api-Secret-Token': secret })

  beforeAll(async () => {
    standIn = await startTelegramStandIn()
  })
  afterAll(() => standIn.close())
  beforeEach(async () => {
    standIn.calls.length = 0
    t = await buildTestApp({ telegramApiRoot: standIn.url })
  })
  afterEach(() => t.close())

  it('answers a greeting with exactly one Vietnamese sendMessage to the same chat, with menu buttons', async () => {
    const res = await hook(textUpdate(1001, 'xin chào'))
    expect(res.status).toBe(200)
    const sends = standIn.sends()
    expect(sends).toHaveLength(1)
    expect(sends[0]!.chat_id).toBe(1001)
    expect(sends[0]!.text).toContain('Xin chào')
    expect(JSON.stringify(sends[0]!.reply_markup)).toContain('callback_data')
    expect(standIn.calls.map((c) => c.path)).toEqual([`/bot${TG_TOKEN}/sendMessage`])
  })

  it('processes the same update once when it is delivered twice, one after the other', async () => {
    const update = textUpdate(1002, '/start')
    expect((await hook(update)).status).toBe(200)
    expect((await hook(update)).status).toBe(200)
    expect(standIn.sends()).toHaveLength(1)
  })

  it('processes the same update once when both deliveries arrive at the same time', async () => {
    const update = textUpdate(1003, 'chào bạn')
    const results = await Promise.all([hook(update), hook(update), hook(update)])
    expect(results.map((r) => r.status)).toEqual([200, 200, 200])
    expect(standIn.sends()).toHaveLength(1)
  })

  it('rejects a wrong or missing secret with 401 and processes nothing', async () => {
    expect((await hook(textUpdate(1004, 'xin chào'), 'wrong-secret')).status).toBe(401)
    expect((await hook(textUpdate(1004, 'xin chào'), null)).status).toBe(401)
    expect(standIn.calls).toHaveLength(0)
    expect(await t.db.contact.count()).toBe(0)
    expect(await t.db.processedMessage.count()).toBe(0)
  })

  it('answers 400 with a short JSON error for a body that is not JSON or has no update_id', async () => {
    const notJson = await hook('{"update_id": 1,')
    expect(notJson.status).toBe(400)
    expect(await notJson.json()).toMatchObject({ error: { code: 'not_json' } })
    const badShape = await hook({ hello: 'world' })
    expect(badShape.status).toBe(400)
    expect(await badShape.json()).toMatchObject({ error: { code: 'bad_shape' } })
    expect(standIn.calls).toHaveLength(0)
  })

  it('answers 413 for a body over 1 MB', async () => {
    const big = { ...textUpdate(1005, 'x'), padding: 'a'.repeat(1024 * 1024) }
    const res = await hook(big)
    expect(res.status).toBe(413)
    expect(await res.json()).toMatchObject({ error: { code: 'too_large' } })
    expect(standIn.calls).toHaveLength(0)
  })

  it('tells the user a text over 4,000 characters is too long', async () => {
    await hook(textUpdate(1006, 'a '.repeat(2500)))
    const [send] = standIn.sends()
    expect(send!.text).toMatch(/dài quá/)
    expect(send!.text).toContain('4000')
  })

  it('answers a sticker with a friendly note that the bot reads text and buttons', async () => {
    const res = await hook(stickerUpdate(1007))
    expect(res.status).toBe(200)
    const [send] = standIn.sends()
    expect(send!.text).toMatch(/chỉ đọc được chữ/)
  })

  it('handles a button tap: stops the spinner and answers in the chat', async () => {
    const res = await hook(callbackUpdate(1008, 'menu:help'))
    expect(res.status).toBe(200)
    const methods = standIn.calls.map((c) => c.path.split('/').pop())
    expect(methods).toEqual(['answerCallbackQuery', 'sendMessage'])
    expect(standIn.sends()[0]!.chat_id).toBe(1008)
  })

  it('keeps serving when the Bot API is down: 200 to Telegram and the failure logged without the text', async () => {
    const down = await buildTestApp({ telegramApiRoot: 'http://127.0.0.1:9' })
    try {
      const res = await down.post('/webhooks/telegram', textUpdate(1009, 'xin chào số 0905123456'), { 'X-Telegram-Bot-Api-Secret-Token': TG_SECRET })
      expect(res.status).toBe(200)
      const logged = JSON.stringify(down.logger.lines)
      expect(logged).toContain('outbox.retry')
      expect(logged).not.toContain('0905123456')
      expect(logged).not.toContain(TG_TOKEN)
      // Kept for the next attempt, not lost.
      expect(await down.db.outboxMessage.findFirstOrThrow({ where: { purpose: 'reply' } })).toMatchObject({ status: 'pending' })
    } finally {
      await down.close()
    }
  })
})

describe('Telegram channel disabled', () => {
  it('answers 404 on the webhook when no token is configured', async () => {
    const t = await buildTestApp()
    try {
      const res = await t.post('/webhooks/telegram', textUpdate(1, 'hi'), { 'X-Telegram-Bot-Api-Secret-Token': TG_SECRET })
      expect(res.status).toBe(404)
    } finally {
      await t.close()
    }
  })
})
