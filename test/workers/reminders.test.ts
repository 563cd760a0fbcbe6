import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import worker from '../../src/worker.ts'

/**
 * The reminders' bulk statements on D1 itself (insert-or-ignore from a JSON parameter with json_each, the outbox ids
 * written from a JSON map with json_extract), through the real scheduled handler.
 */
const iso = (d: Date) => d.toISOString().replace('Z', '+00:00')

async function scheduled(): Promise<void> {
  const ctx = createExecutionContext()
  await worker.scheduled(createScheduledController({ scheduledTime: new Date(), cron: '* * * * *' }), env as never, ctx)
  await waitOnExecutionContext(ctx)
}

describe('reminders inside workerd with D1', () => {
  it('plans an event once for its collaborators and dispatches a due reminder through the outbox', async () => {
    const now = new Date()
    await env.DB.prepare(`INSERT INTO Place (code, name, kind, parentCode, area, source) VALUES ('quang-ngai/xa-dak-ui/thon-d1', 'thôn D1', 'village', 'quang-ngai/xa-dak-ui', 'rural', 'test')`).run()
    const contact = await env.DB.prepare(`INSERT INTO Contact (channel, externalId, locale, lastInboundAt, updatedAt) VALUES ('telegram', '5151', 'vi', ?, ?) RETURNING id`).bind(iso(now), iso(now)).first<{ id: number }>()
    await env.DB.prepare(`INSERT INTO RoleAssignment (contactId, role, placeCode, grantedBy, verifiedAt) VALUES (?, 'collaborator', 'quang-ngai/xa-dak-ui/thon-d1', 'cli', ?)`).bind(contact!.id, iso(now)).run()
    // Ten days ahead at 14:00 Vietnam time (07:00 UTC), so all three reminders fall in the day whatever the hour now.
    const day = new Date(now.getTime() + 10 * 86400_000 + 7 * 3600_000).toISOString().slice(0, 10)
    const startsAt = new Date(`${day}T07:00:00Z`)
    await env.DB.prepare(`INSERT INTO ReminderEvent (kind, title, startsAt, placeCodes, createdBy, updatedAt) VALUES ('meeting', 'Họp D1', ?, '["quang-ngai/xa-dak-ui/thon-d1"]', 'test', ?)`).bind(iso(startsAt), iso(now)).run()

    await scheduled()
    const planned = await env.DB.prepare(`SELECT key, offset, status FROM ReminderDelivery WHERE contactId = ? ORDER BY dueAt`).bind(contact!.id).all<{ key: string; offset: string; status: string }>()
    expect(planned.results.map((r) => r.offset)).toEqual(['d3', 'd1', 'h2'])
    expect(planned.results.every((r) => r.status === 'planned')).toBe(true)

    // Make the first one due (as if three days had passed), then run again: it goes out once, its outbox id recorded.
    await env.DB.prepare(`UPDATE ReminderDelivery SET dueAt = ? WHERE key = ?`).bind(iso(new Date(now.getTime() - 60_000)), planned.results[0]!.key).run()
    await fetch(`${env.TELEGRAM_CALLS_URL}/reset`)
    await scheduled()
    await scheduled()
    const calls = (await (await fetch(`${env.TELEGRAM_CALLS_URL}/calls`)).json()) as { path: string; body: { chat_id: number; text: string } }[]
    const sends = calls.filter((c) => c.path.endsWith('/sendMessage'))
    // The clock inside workerd is the real one: at night in Vietnam (21:00–07:00) the outbox holds a reminder until 07:00.
    const vnHour = (now.getUTCHours() + 7) % 24
    if (vnHour >= 21 || vnHour < 7) {
      expect(sends).toHaveLength(0)
      const held = await env.DB.prepare(`SELECT status, nextAttemptAt FROM OutboxMessage WHERE purpose = 'reminder'`).first<{ status: string; nextAttemptAt: string }>()
      expect(held!.status).toBe('pending')
      expect(new Date(held!.nextAttemptAt).getUTCHours()).toBe(0) // 07:00 in Vietnam
      return
    }
    expect(sends).toHaveLength(1)
    expect(sends[0]!.body.chat_id).toBe(5151)
    expect(sends[0]!.body.text).toContain('Họp D1')
    const row = await env.DB.prepare(`SELECT status, outboxId FROM ReminderDelivery WHERE key = ?`).bind(planned.results[0]!.key).first<{ status: string; outboxId: number | null }>()
    expect(row!.status).toBe('sent')
    expect(row!.outboxId).toBeGreaterThan(0)
    const count = await env.DB.prepare(`SELECT COUNT(*) AS n FROM ReminderDelivery WHERE contactId = ?`).bind(contact!.id).first<{ n: number }>()
    expect(count!.n).toBe(3)
  })
})
