import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../support/app.ts'
import { isAbusive } from '../../src/dialogue/abuse.ts'
import { removePersonalData } from '../../src/privacy.ts'
import { MESSAGES_PER_MINUTE } from '../../src/dialogue/rate-limit.ts'

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

  it('asks a flooding user to slow down once, then stays quiet until the minute is over', async () => {
    for (let i = 0; i < MESSAGES_PER_MINUTE; i++) await chat(`xin chào ${i}`)
    const [slow] = await chat('xin chào nữa')
    expect(slow!.text).toContain('nhắn hơi nhanh')
    expect(await chat('xin chào nữa 2')).toEqual([])
    t.clock.set('2026-11-29T03:01:00Z')
    expect((await chat('xin chào'))[0]!.text).toContain('Xin chào')
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
