import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test'
import { beforeEach, describe, expect, it } from 'vitest'
import worker from '../../src/worker.ts'

interface Recorded {
  path: string
  body: { chat_id?: number; text?: string }
}

async function recorded(): Promise<Recorded[]> {
  return (await (await fetch(`${env.TELEGRAM_CALLS_URL}/calls`)).json()) as Recorded[]
}

function update(updateId: number, chatId: number, text: string) {
  return {
    update_id: updateId,
    message: { message_id: updateId, date: 1764385200, chat: { id: chatId, type: 'private', first_name: 'An' }, from: { id: chatId, is_bot: false, first_name: 'An' }, text },
  }
}

async function call(request: Request): Promise<Response> {
  const ctx = createExecutionContext()
  const res = await worker.fetch(request as Parameters<typeof worker.fetch>[0], env as never, ctx)
  await waitOnExecutionContext(ctx)
  return res
}

function hook(body: unknown, secret = env.TELEGRAM_WEBHOOK_SECRET) {
  return call(
    new Request('https://bot.example/webhooks/telegram', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': secret },
      body: JSON.stringify(body),
    }),
  )
}

describe('worker.ts inside workerd with D1', () => {
  beforeEach(async () => {
    await fetch(`${env.TELEGRAM_CALLS_URL}/reset`)
  })

  it('answers /healthz with the D1 database reachable', async () => {
    const res = await call(new Request('https://bot.example/healthz'))
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ ok: true, database: 'up' })
  })

  it('round-trips a Telegram update: one Vietnamese sendMessage to the chat, once even when redelivered', async () => {
    const u = update(777001, 4242, 'xin chào')
    expect((await hook(u)).status).toBe(200)
    expect((await hook(u)).status).toBe(200)
    const sends = (await recorded()).filter((c) => c.path.endsWith('/sendMessage'))
    expect(sends).toHaveLength(1)
    expect(sends[0]!.body.chat_id).toBe(4242)
    expect(sends[0]!.body.text).toContain('Xin chào')
    const row = await env.DB.prepare('SELECT status FROM ProcessedMessage WHERE channel = ? AND messageId = ?').bind('telegram', '777001').first()
    expect(row).toEqual({ status: 'done' })
    // The reply went through the outbox, written in the same D1 batch as the turn, and keeps no text once sent.
    const queued = await env.DB.prepare('SELECT status, payload, purpose FROM OutboxMessage WHERE dedupeKey = ?').bind('reply:telegram:777001').first()
    expect(queued).toEqual({ status: 'sent', payload: '', purpose: 'reply' })
  })

  it('rejects a wrong secret with 401 and sends nothing', async () => {
    expect((await hook(update(777002, 4243, 'xin chào'), 'wrong')).status).toBe(401)
    expect(await recorded()).toHaveLength(0)
  })

  it('serves the web chat page', async () => {
    const res = await call(new Request('https://bot.example/'))
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('/api/chat')
  })

  it('runs the scheduled handler: old dedupe keys are purged, recent ones kept', async () => {
    await env.DB.prepare(`INSERT INTO ProcessedMessage (channel, messageId, status, createdAt) VALUES ('web', 'old-1', 'done', '2020-01-01T00:00:00.000+00:00')`).run()
    await env.DB.prepare(`INSERT INTO ProcessedMessage (channel, messageId, status, createdAt) VALUES ('web', 'new-1', 'done', ?)`).bind(new Date().toISOString()).run()
    const ctx = createExecutionContext()
    await worker.scheduled(createScheduledController({ scheduledTime: new Date(), cron: '*/5 * * * *' }), env as never, ctx)
    await waitOnExecutionContext(ctx)
    const ids = await env.DB.prepare(`SELECT messageId FROM ProcessedMessage WHERE channel = 'web' ORDER BY messageId`).all()
    expect(ids.results.map((r) => r.messageId)).toEqual(['new-1'])
  })
})
