import { env } from 'cloudflare:test'
import { PrismaD1 } from '@prisma/adapter-d1'
import { describe, expect, it } from 'vitest'
import type { Db } from '../../src/db.ts'
import { PrismaClient } from '../../src/generated/prisma-worker/client.ts'
import { d1Batch } from '../../src/db/batch.ts'
import { createOutbound } from '../../src/outbound/outbound.ts'
import { createTelegramBot, createTelegramSender } from '../../src/channels/telegram/bot.ts'
import { createLogger } from '../../src/logger.ts'
import { loadConfig } from '../../src/config.ts'
import { systemClock } from '../../src/clock.ts'

/**
 * The outbox's bulk statements on D1 itself: the insert from one JSON parameter (json_each), the claim as one
 * `UPDATE … RETURNING`, the outcomes as one `UPDATE … FROM json_each`. Replies (not proactive), so quiet hours do not
 * hold them whatever the hour of the real clock inside workerd.
 */
describe('the outbox in bulk inside workerd with D1', () => {
  it('queues, claims, sends and records many messages, in order per contact, once', async () => {
    const db = new PrismaClient({ adapter: new PrismaD1(env.DB) }) as unknown as Db
    const now = new Date().toISOString().replace('Z', '+00:00')
    const ids: number[] = []
    for (const chat of [6201, 6202, 6203]) {
      const row = await env.DB.prepare(`INSERT INTO Contact (channel, externalId, locale, updatedAt) VALUES ('telegram', ?, 'vi', ?) RETURNING id`).bind(String(chat), now).first<{ id: number }>()
      ids.push(row!.id)
    }
    const bot = createTelegramBot(loadConfig({ TELEGRAM_BOT_TOKEN: env.TELEGRAM_BOT_TOKEN, TELEGRAM_WEBHOOK_SECRET: env.TELEGRAM_WEBHOOK_SECRET, TELEGRAM_API_ROOT: env.TELEGRAM_API_ROOT }).telegram!)
    const outbound = createOutbound({ db, senders: { telegram: createTelegramSender(bot) }, logger: createLogger({ level: 'error', write: () => undefined }), clock: systemClock, batch: d1Batch(env.DB) })
    await fetch(`${env.TELEGRAM_CALLS_URL}/reset`)
    const items = ids.flatMap((contactId, c) => [1, 2].map((n) => ({ contactId, content: [{ text: `D1 ${c} #${n}` }], dedupeKey: `d1-bulk:${contactId}:${n}`, purpose: 'reply' as const })))
    const queued = await outbound.sendMany(items)
    expect(await outbound.sendMany(items)).toEqual(queued)

    const calls = (await (await fetch(`${env.TELEGRAM_CALLS_URL}/calls`)).json()) as { path: string; body: { chat_id: number; text: string } }[]
    const texts = calls.filter((c) => c.path.endsWith('/sendMessage')).map((c) => `${c.body.chat_id}: ${c.body.text}`)
    for (const [c, chat] of [6201, 6202, 6203].entries()) expect(texts.filter((t) => t.startsWith(`${chat}:`))).toEqual([`${chat}: D1 ${c} #1`, `${chat}: D1 ${c} #2`])
    expect(texts).toHaveLength(6)
    const rows = await env.DB.prepare(`SELECT status, attempts, payload, sentAt FROM OutboxMessage WHERE dedupeKey LIKE 'd1-bulk:%'`).all<{ status: string; attempts: number; payload: string; sentAt: string | null }>()
    expect(rows.results.map((r) => [r.status, r.attempts, r.payload, r.sentAt !== null])).toEqual(rows.results.map(() => ['sent', 1, '', true]))
  })
})
