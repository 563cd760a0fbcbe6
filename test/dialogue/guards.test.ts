import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../support/app.ts'
import { isAbusive } from '../../src/dialogue/abuse.ts'
import { removePersonalData } from '../../src/privacy.ts'
import { LIMITS } from '../../src/limits.ts'

const MESSAGES_PER_MINUTE = LIMITS.messages.limit

type ChatReply = { text: string; buttons?: { label: string; value: string }[] }

describe('guards on every message', () => {
  let t: TestApp
  beforeEach(async () => {
    t = await buildTestApp()
  })
  afterEach(() => t.close())
  const chat = async (text: string, conversationId = 'guard-user-1') =>
    ((await (await t.post('/api/chat', { conversationId, text })).json()) as { replies: ChatReply[] }).replies

  it('answers an insult calmly, and insults count more towards the rate limit', async () => {
    const [reply] = await chat('bot ngu vl')
    expect(reply!.text).toContain('bực mình')
    expect(reply!.buttons!.length).toBeGreaterThan(0)
    const row = await t.db.rateLimit.findFirstOrThrow()
    expect(row.count).toBe(5)
  })

  it('asks a flooding user to slow down once, then stays quiet until the sliding minute has room', async () => {
    for (let i = 0; i < MESSAGES_PER_MINUTE; i++) await chat(`xin chào ${i}`)
    const [slow] = await chat('xin chào nữa')
    expect(slow!.text).toContain('nhắn hơi nhanh')
    expect(await chat('xin chào nữa 2')).toEqual([])
    // A fixed window would open again at the minute boundary; the sliding one still counts the burst.
    t.clock.set('2026-11-29T03:01:00Z')
    expect(await chat('xin chào nữa 3')).toEqual([])
    t.clock.set('2026-11-29T03:02:01Z')
    expect((await chat('xin chào'))[0]!.text).toContain('Xin chào')
  })

  it('lets no more than the limit through across a minute boundary', async () => {
    // Half the burst just before the boundary, half just after: together over the limit.
    t.clock.set('2026-11-29T03:00:50Z')
    let answered = 0
    for (let i = 0; i < MESSAGES_PER_MINUTE; i++) if ((await chat(`chào lần ${i}`)).length > 0) answered++
    t.clock.set('2026-11-29T03:01:05Z')
    for (let i = 0; i < MESSAGES_PER_MINUTE; i++) if ((await chat(`chào lần sau ${i}`)).length > 0) answered++
    // Fixed windows let 2× the limit through here. The sliding-window estimate weights the earlier minute by
    // its overlap, so only a few more than the limit pass (plus the one "slow down" notice).
    expect(answered).toBeLessThanOrEqual(Math.ceil(MESSAGES_PER_MINUTE * 1.15) + 1)
    expect(answered).toBeGreaterThanOrEqual(MESSAGES_PER_MINUTE)
  })

  it('limits the web chat per client address too: new conversation ids do not reset it', async () => {
    const from = { 'cf-connecting-ip': '203.0.113.9' }
    let answered = 0
    for (let i = 0; i < 70; i++) {
      const res = await t.post('/api/chat', { conversationId: `hopper-${i}-xxxxxxxx`, text: 'xin chào' }, from)
      if (((await res.json()) as { replies: unknown[] }).replies.length > 0) answered++
    }
    expect(answered).toBeLessThanOrEqual(LIMITS.webAddress.limit + 1)
    // Someone else is not affected.
    expect((await t.post('/api/chat', { conversationId: 'calm-elsewhere-1', text: 'xin chào' }, { 'cf-connecting-ip': '203.0.113.10' })).status).toBe(200)
  })

  it('keeps one user’s flood from silencing another', async () => {
    for (let i = 0; i < MESSAGES_PER_MINUTE + 2; i++) await chat(`chào ${i}`, 'flooder-1')
    expect((await chat('xin chào', 'calm-user-1'))[0]!.text).toContain('Xin chào')
  })

  it('records what it could not answer, without names or phone numbers', async () => {
    await chat('Tôi là Nguyễn Văn An, sđt 0905123456, hỏi đăng ký kết hôn ở đâu')
    const [row] = await t.db.unansweredQuestion.findMany()
    expect(row).toBeDefined()
    expect(row!.text).toContain('đăng ký kết hôn')
    expect(row!.text).not.toContain('Nguyễn Văn An')
    expect(row!.text).not.toContain('0905123456')
    expect(await t.db.unansweredQuestion.count({ where: { text: { contains: 'Nguyễn' } } })).toBe(0)
  })
})

describe('insult and personal-data filters', () => {
  it('catches insults written with or without diacritics, and leaves ordinary words alone', () => {
    expect(isAbusive('đm bot')).toBe(true)
    expect(isAbusive('SÚC VẬT')).toBe(true)
    expect(isAbusive('con lớn nhà tôi đi học')).toBe(false)
    expect(isAbusive('các chính sách hỗ trợ')).toBe(false)
    expect(isAbusive('con ngủ rồi')).toBe(false)
    expect(isAbusive('hỗ trợ đỡ cho hộ nghèo')).toBe(false)
  })

  it('removes names, phones and ID numbers but keeps amounts', () => {
    expect(removePersonalData('Trần Thị Mai, CCCD 062190001234, thu nhập 15.000.000 đ')).toBe('[tên], CCCD [số], thu nhập 15.000.000 đ')
  })
})
