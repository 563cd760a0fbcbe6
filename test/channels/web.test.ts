import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../support/app.ts'

describe('web chat', () => {
  let t: TestApp
  beforeEach(async () => {
    t = await buildTestApp()
  })
  afterEach(() => t.close())

  const chat = async (body: unknown) => {
    const res = await t.post('/api/chat', body)
    return { status: res.status, json: (await res.json()) as { replies: { text: string; buttons?: { label: string; value: string }[] }[]; error?: { code: string } } }
  }

  it('serves a mobile-friendly chat page that talks to /api/chat', async () => {
    const res = await t.app.request('/')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/html')
    const html = await res.text()
    expect(html).toContain('name="viewport"')
    expect(html).toContain('/api/chat')
    expect(html).toContain('Trợ lý Giảm nghèo')
  })

  it('greets with the menu, and a tapped button value works like tapping it', async () => {
    const start = await chat({ conversationId: 'browser-abc123', button: 'menu:start' })
    expect(start.status).toBe(200)
    expect(start.json.replies[0]!.text).toContain('Xin chào')
    const help = start.json.replies[0]!.buttons!.find((b) => b.value === 'menu:help')!
    expect(help.label).toBe('Hướng dẫn')
    const tapped = await chat({ conversationId: 'browser-abc123', button: help.value })
    expect(tapped.json.replies[0]!.text).toContain('Tôi có thể giúp bạn')
  })

  it('answers typed text and remembers the conversation as a web contact', async () => {
    const res = await chat({ conversationId: 'browser-def456', text: 'cảm ơn nhé' })
    expect(res.status).toBe(200)
    expect(res.json.replies.length).toBeGreaterThan(0)
    const contact = await t.db.contact.findUniqueOrThrow({ where: { channel_externalId: { channel: 'web', externalId: 'browser-def456' } } })
    expect(contact.lastInboundAt).not.toBeNull()
  })

  it('rejects a body without text or button, or with both, with 400', async () => {
    expect((await chat({ conversationId: 'browser-abc123' })).status).toBe(400)
    expect((await chat({ conversationId: 'browser-abc123', text: 'a', button: 'menu:help' })).status).toBe(400)
    expect((await chat({ conversationId: 'x', text: 'hi' })).status).toBe(400)
    const notJson = await t.post('/api/chat', '{')
    expect(notJson.status).toBe(400)
  })

  it('answers a retried request (same messageId) once', async () => {
    const body = { conversationId: 'browser-ghi789', text: 'xin chào', messageId: 'm-1' }
    const first = await chat(body)
    const second = await chat(body)
    expect(first.json.replies.length).toBeGreaterThan(0)
    expect(second.json.replies).toEqual([])
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
