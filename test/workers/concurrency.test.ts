import { env } from 'cloudflare:test'
import { exports } from 'cloudflare:workers'
import { beforeEach, describe, expect, it } from 'vitest'

interface Recorded {
  path: string
  body: { chat_id?: number; text?: string }
}

async function recorded(): Promise<Recorded[]> {
  return (await (await fetch(`${env.TELEGRAM_CALLS_URL}/calls`)).json()) as Recorded[]
}

function telegram(updateId: number, chatId: number, text: string): Request {
  const body = {
    update_id: updateId,
    message: { message_id: updateId, date: 1764385200, chat: { id: chatId, type: 'private', first_name: 'An' }, from: { id: chatId, is_bot: false, first_name: 'An' }, text },
  }
  return new Request('https://bot.example/webhooks/telegram', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': env.TELEGRAM_WEBHOOK_SECRET },
    body: JSON.stringify(body),
  })
}

// No conversationId: the server starts a conversation and issues its id (an id it did not issue is refused).
function chat(text: string): Request {
  return new Request('https://bot.example/api/chat', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text }),
  })
}

/** Telegram replies leave through the outbox, possibly after the webhook's answer: wait until they are all seen. */
async function sendsTo(expected: number): Promise<Recorded[]> {
  const deadline = Date.now() + 10_000
  for (;;) {
    const sends = (await recorded()).filter((c) => c.path.endsWith('/sendMessage'))
    if (sends.length >= expected || Date.now() > deadline) return sends
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

describe('the Worker under concurrent requests (one isolate, D1 through Prisma)', () => {
  beforeEach(async () => {
    await fetch(`${env.TELEGRAM_CALLS_URL}/reset`)
  })

  it('answers 20 requests sent at once, web chat and Telegram mixed, and every Telegram reply reaches the Bot API', async () => {
    // Each call goes through the Worker's own fetch handler as a separate request (its own I/O context), which is
    // what made Prisma's cross-request batching fail (prisma/orm#28732).
    const texts = ['xin chào', 'hộ nghèo là gì', 'bảo hiểm y tế cho hộ nghèo', 'cam on', 'vay vốn ngân hàng chính sách']
    const requests = Array.from({ length: 20 }, (_, i) =>
      i % 2 === 0 ? telegram(880_000 + i, 9100 + i, texts[i % texts.length]!) : chat(texts[i % texts.length]!),
    )
    const responses = await Promise.all(requests.map((r) => exports.default.fetch(r)))
    const statuses = responses.map((r) => r.status)
    expect(statuses).toEqual(Array(20).fill(200))
    const bodies = await Promise.all(responses.map((r, i) => (i % 2 === 0 ? r.text() : r.json())))
    for (let i = 1; i < 20; i += 2) {
      const body = bodies[i] as { replies: unknown[]; conversationId?: string }
      expect(body.replies.length).toBeGreaterThan(0)
      expect(body.conversationId).toEqual(expect.any(String))
    }
    const chats = new Set((await sendsTo(10)).map((c) => c.body.chat_id))
    expect([...chats].sort()).toEqual(Array.from({ length: 10 }, (_, k) => 9100 + 2 * k).sort())
  })
})
