import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { conversationIds } from '../../src/channels/web/chat.ts'
import { buildTestApp, type TestApp } from '../support/app.ts'

type ChatAnswer = { conversationId?: string; replies: { text: string; buttons?: { label: string; value: string }[] }[]; error?: { code: string; message: string } }

describe('web chat API', () => {
  let t: TestApp
  beforeEach(async () => {
    t = await buildTestApp()
  })
  afterEach(() => t.close())

  /** POST /api/chat as the page does: the body as given, no id mapping. */
  const chat = async (body: unknown) => {
    const res = await t.app.request('/api/chat', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    return { status: res.status, json: (await res.json()) as ChatAnswer }
  }

  it('starts a conversation without an id and issues one; later calls with it continue the same conversation', async () => {
    const start = await chat({ button: 'menu:start' })
    expect(start.status).toBe(200)
    expect(start.json.replies[0]!.text).toContain('Xin chào')
    const id = start.json.conversationId!
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{22}$/)
    const help = start.json.replies[0]!.buttons!.find((b) => b.value === 'menu:help')!
    const tapped = await chat({ conversationId: id, button: help.value })
    expect(tapped.json.conversationId).toBe(id)
    expect(tapped.json.replies[0]!.text).toContain('Tôi có thể giúp bạn')
    // One contact, under the issued id.
    expect(await t.db.contact.count({ where: { channel: 'web' } })).toBe(1)
    expect((await t.db.contact.findFirstOrThrow({ where: { channel: 'web' } })).externalId).toBe(id)
  })

  it('issues a different, unguessable id to every new conversation', async () => {
    const ids = new Set<string>()
    for (let i = 0; i < 5; i++) ids.add((await chat({ text: 'xin chào' })).json.conversationId!)
    expect(ids.size).toBe(5)
  })

  it('refuses an id the server did not issue, with 400 and a Vietnamese message, and answers nothing', async () => {
    const issued = (await chat({ text: 'xin chào' })).json.conversationId!
    const forged = `${issued.slice(0, 23)}${issued[23] === 'A' ? 'B' : 'A'}${issued.slice(24)}`
    for (const conversationId of ['browser-abc123', forged, `${issued}x`, '']) {
      const res = await chat({ conversationId, text: 'xin chào' })
      expect(res.status, conversationId).toBe(400)
      expect(res.json.error?.code).toBe('unknown_conversation')
      expect(res.json.error?.message).toContain('Cuộc trò chuyện này không có trên máy chủ')
    }
    expect(await t.db.contact.count({ where: { channel: 'web' } })).toBe(1)
  })

  it('hands the inbox of a conversation only to the holder of its issued id', async () => {
    const id = (await chat({ text: 'xin chào' })).json.conversationId!
    const mine = await t.app.request(`/api/chat/inbox?conversationId=${encodeURIComponent(id)}`)
    expect(mine.status).toBe(200)
    expect(await mine.json()).toEqual({ replies: [] })
    for (const guess of ['browser-abc123', id.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')), '']) {
      const res = await t.app.request(`/api/chat/inbox?conversationId=${encodeURIComponent(guess)}`)
      expect(res.status, guess).toBe(400)
    }
  })

  it('accepts ids signed with the same secret on another instance, and refuses another secret’s', async () => {
    const a = conversationIds({ secret: 'one' })
    const b = conversationIds({ secret: 'one' })
    const c = conversationIds({ secret: 'two' })
    const id = await a.issue()
    expect(await b.issued(id)).toBe(true)
    expect(await c.issued(id)).toBe(false)
  })

  it('keeps ids valid across instances sharing the database with no secret configured (Workers isolates, restarts)', async () => {
    const { createApp } = await import('../../src/app.ts')
    // A second app on the same database: another isolate, or the server after a restart.
    const other = createApp(t)
    const start = await chat({ button: 'menu:start' })
    const res = await other.request('/api/chat', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ conversationId: start.json.conversationId, text: 'xin chào' }) })
    expect(res.status).toBe(200)
    expect(await t.db.serverSecret.count()).toBe(1)
  })

  it('rejects a body without text or button, or with both, with 400', async () => {
    expect((await chat({})).status).toBe(400)
    expect((await chat({ text: 'a', button: 'menu:help' })).status).toBe(400)
    const notJson = await t.post('/api/chat', '{')
    expect(notJson.status).toBe(400)
  })

  it('answers a retried request (same messageId) once', async () => {
    const id = (await chat({ text: 'xin chào' })).json.conversationId!
    const body = { conversationId: id, text: 'cảm ơn nhé', messageId: 'm-1' }
    const first = await chat(body)
    const second = await chat(body)
    expect(first.json.replies.length).toBeGreaterThan(0)
    expect(second.json.replies).toEqual([])
  })
})

describe('web chat page', () => {
  it('is a phone page with a heading, a favicon, a language switch, a no-script message and 44-pixel buttons', async () => {
    const t = await buildTestApp()
    try {
      const res = await t.app.request('/')
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toContain('text/html')
      const html = await res.text()
      expect(html).toContain('name="viewport"')
      expect(html).toContain('/api/chat')
      expect(html).toMatch(/<h1 id="title">Trợ lý Giảm nghèo<\/h1>/)
      expect(html).toMatch(/<link rel="icon" href="data:image\/svg\+xml,/)
      expect(html).toContain('<button id="lang" type="button" data-lang="en"')
      expect(html).toContain('>English</button>')
      expect(html).toMatch(/<noscript><p class="noscript">Trang này cần JavaScript/)
      expect(html).toContain('.chips button{min-height:44px')
      // Network errors are said in the page's words, not the browser's ("Failed to fetch").
      expect(html).toContain('Không gửi được. Kiểm tra mạng rồi thử lại.')
      expect(html).not.toContain('e.message')
    } finally {
      await t.close()
    }
  })
})

describe('health', () => {
  it('answers 200 when the database is reachable', async () => {
    const t = await buildTestApp()
    try {
      const res = await t.app.request('/healthz')
      expect(res.status).toBe(200)
      expect(await res.json()).toMatchObject({ ok: true })
    } finally {
      await t.close()
    }
  })
})
