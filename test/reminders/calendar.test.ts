import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { TestApp } from '../support/app.ts'
import { materialiseCalendar, occurrences, seedCalendar } from '../../src/reminders/calendar.ts'
import { eventTitle } from '../../src/reminders/render.ts'
import { COMMUNE, person, reminderApp, tick } from './support.ts'

const run = promisify(execFile)
const root = path.resolve(import.meta.dirname, '../..')

describe('the review calendar (FACTS §1.4) as recurring rules', () => {
  let t: TestApp
  beforeEach(async () => {
    t = await reminderApp()
  })
  afterEach(() => t.close())

  it('knows the 15th monthly, the 5th of February to September, and the 1/9–14/12 window, in Vietnam time', () => {
    const from = new Date('2027-01-01T00:00:00+07:00')
    const until = new Date('2027-12-31T23:59:00+07:00')
    expect(occurrences('0 30 7 15 * *', from, until).length).toBe(12)
    const reports = occurrences('0 0 17 5 2-9 *', from, until).map((d) => d.toISOString())
    expect(reports).toHaveLength(8)
    expect(reports[0]).toBe('2027-02-05T10:00:00.000Z')
    expect(reports[7]).toBe('2027-09-05T10:00:00.000Z')
    expect(occurrences('0 30 7 1 9 *', from, until).map((d) => d.toISOString())).toEqual(['2027-09-01T00:30:00.000Z'])
    expect(occurrences('0 0 17 14 12 *', from, until).map((d) => d.toISOString())).toEqual(['2027-12-14T10:00:00.000Z'])
  })

  it('seeds the rules for the served communes once, makes each occurrence once, and reminds the commune’s people', async () => {
    const first = await seedCalendar(t.db, t.places)
    const second = await seedCalendar(t.db, t.places)
    expect(first).toEqual({ rules: 20, communes: 5 })
    expect(second).toEqual(first)
    expect(await t.db.reminderRule.count()).toBe(20)
    const now = new Date('2026-12-01T03:00:00Z')
    // Within 35 days of 1/12/2026: the annual review's last day (14/12) and the regular review of December and
    // January (15/12); no commune report (the 5th only February–September).
    expect(await materialiseCalendar(t.db, now)).toBe(10)
    expect(await materialiseCalendar(t.db, now)).toBe(0)
    const mine = await t.db.reminderEvent.findMany({ where: { placeCodes: JSON.stringify([COMMUNE]) }, orderBy: { startsAt: 'asc' } })
    expect(mine.map((e) => [e.kind, e.startsAt.toISOString()])).toEqual([
      ['deadline', '2026-12-14T10:00:00.000Z'],
      ['deadline', '2026-12-15T00:30:00.000Z'],
    ])
    expect(eventTitle('vi', mine[0]!)).toBe('Hết hạn rà soát định kỳ năm 2026 (14/12)')
    expect(eventTitle('en', mine[1]!)).toContain('regular review of 12/2026')

    const collaborator = await person(t, { id: '77', role: 'collaborator', place: COMMUNE })
    await tick(t, '2026-12-01T03:01:00Z')
    const planned = await t.db.reminderDelivery.findMany({ where: { contactId: collaborator }, orderBy: { dueAt: 'asc' } })
    expect(planned.map((d) => d.offset)).toEqual(['d3', 'd3', 'd1', 'morning', 'd1', 'h2', 'morning'])
  })
})

describe('npm run -s reminders', () => {
  let dir: string
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tlgn-rem-cli-'))
  })
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

  it('seeds the calendar idempotently, and a second run at the same instant sends nothing', async () => {
    const env = { ...process.env, DATABASE_URL: `file:${path.join(dir, 'cli.db')}`, LOG_LEVEL: 'error', TELEGRAM_BOT_TOKEN: '', ZALO_ACCESS_TOKEN: '' }
    const cli = (args: string[]) => run('npx', ['tsx', 'src/cli.ts', 'reminders', ...args], { cwd: root, env })
    const seeded = JSON.parse((await cli(['--seed-calendar', '--now', '2026-12-01T03:00:00Z'])).stdout)
    expect(seeded).toEqual({ rules: 20, communes: 5, events: 10 })
    expect(JSON.parse((await cli(['--seed-calendar', '--now', '2026-12-01T03:00:00Z'])).stdout).events).toBe(0)
    // A web-chat follower of xã Đăk Ui, so there is someone to remind on the Node database.
    const { createNodeDb } = await import('../../src/db.ts')
    const db = createNodeDb(path.join(dir, 'cli.db'))
    const contact = await db.contact.create({ data: { channel: 'web', externalId: 'w1', lastInboundAt: new Date('2026-12-01T00:00:00Z') } })
    await db.reminderSubscription.create({ data: { contactId: contact.id, placeCode: COMMUNE } })
    await db.$disconnect()
    const at = '2026-12-11T10:00:00Z'
    const once = JSON.parse((await cli(['--now', at])).stdout)
    expect(once).toEqual({ sent: 1, skipped: 0, failed: 0, undeliverable: 0 })
    const twice = JSON.parse((await cli(['--now', at])).stdout)
    expect(twice).toEqual({ sent: 0, skipped: 0, failed: 0, undeliverable: 0 })
    const bad = await cli(['--now', 'tomorrow']).catch((err: { code: number; stderr: string; stdout: string }) => err)
    expect((bad as { code: number }).code).toBe(2)
    expect((bad as { stderr: string }).stderr).toContain('--now must be an ISO 8601')
    expect((bad as { stderr: string }).stderr).not.toMatch(/at .*\.ts:\d+/)
  }, 60_000)
})
