import { createPacer } from '../../src/outbound/pace.ts'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import { nodeSqliteAdapter, registerNodeSqlite } from '../../src/db/node.ts'
import type { AtomicBatch } from '../../src/db/batch.ts'
import { TELEGRAM_PACE } from '../../src/outbound/pace.ts'
import { PrismaClient } from '../../src/generated/prisma-node/client.ts'
import { migrateSqliteFile } from '../../src/db/migrate.ts'
import type { Db } from '../../src/db.ts'
import { loadConfig } from '../../src/config.ts'
import { fixedClock } from '../../src/clock.ts'
import { createLogger } from '../../src/logger.ts'
import { createPlaces } from '../../src/places.ts'
import { createOutbound } from '../../src/outbound/outbound.ts'
import { createTelegramBot, createTelegramSender } from '../../src/channels/telegram/bot.ts'
import type { Outbound } from '../../src/dialogue/types.ts'
import { planEvent } from '../../src/reminders/plan.ts'
import { runReminders } from '../../src/reminders/dispatch.ts'
import { migrationsDir } from '../support/db.ts'
import { median, round } from './stats.ts'

/**
 * Reminders at district scale and beyond: 10,000 recipients of one event.
 * - planning: one event version planned for everyone (4 offsets → 40,000 rows), median of 3 events;
 * - dispatch, the reminders layer alone (claim, checks, rendering in each person's language, state writes), with an
 *   outbound path that only counts;
 * - dispatch end to end through today's outbox to a fast local Telegram stand-in (every message a real HTTP call);
 * - peak memory (RSS, sampled every 20 ms) and every SQL statement's bound parameters (D1 allows 100).
 */
const N = 10_000
const COMMUNE = 'quang-ngai/xa-dak-ui'
const VILLAGE = `${COMMUNE}/thon-bench`
const NOW = new Date('2026-12-01T03:00:00Z')
const START = new Date('2026-12-09T01:00:00Z')
const D3 = new Date('2026-12-06T01:00:00Z')
/** Dispatch runs of each kind (medians). */
const RUNS = 3
/** Messages of the paced run, and chats among them that get four each. */
const PACED = 250
const PACED_CHATS = 10

/**
 * The pace a stand-in saw: the overall rate after the first second (the bucket's initial burst), the most messages
 * in any one second, and per chat the shortest gap between messages beyond its burst.
 */
function paceOf(calls: { chat: string; at: number }[], burst: number) {
  if (calls.length === 0) return { received: 0 }
  const t0 = calls[0]!.at
  const last = calls[calls.length - 1]!.at
  const after = calls.filter((c) => c.at - t0 >= 1000)
  let maxInSecond = 0
  for (let i = 0, j = 0; i < calls.length; i++) {
    while (calls[i]!.at - calls[j]!.at >= 1000) j++
    maxInSecond = Math.max(maxInSecond, i - j + 1)
  }
  const byChat = new Map<string, number[]>()
  for (const c of calls) byChat.set(c.chat, [...(byChat.get(c.chat) ?? []), c.at])
  let minGapBeyondBurst = Infinity
  let maxPerChat = 0
  for (const times of byChat.values()) {
    maxPerChat = Math.max(maxPerChat, times.length)
    for (let i = burst; i < times.length; i++) minGapBeyondBurst = Math.min(minGapBeyondBurst, times[i]! - times[i - burst]!)
  }
  return {
    received: calls.length,
    overallPerSecondAfterBurst: after.length > 1 ? round(((after.length - 1) / (last - after[0]!.at)) * 1000, 1) : null,
    maxInAnySecond: maxInSecond,
    maxPerChat,
    perChatMinMsBetweenMessagesBurstApart: Number.isFinite(minGapBeyondBurst) ? round(minGapBeyondBurst, 0) : null,
  }
}

interface FastTelegram {
  url: string
  count: () => number
  /** With `record` on: each sendMessage's chat and arrival time (ms), to check the pace. */
  record: boolean
  calls: { chat: string; at: number }[]
  close: () => Promise<void>
}

async function fastTelegram(): Promise<FastTelegram> {
  let n = 0
  const out: FastTelegram = { url: '', count: () => n, record: false, calls: [], close: async () => undefined }
  const server = http.createServer((req, res) => {
    const body: Buffer[] = []
    req.on('data', (c: Buffer) => out.record && body.push(c))
    req.on('end', () => {
      n++
      if (out.record) {
        const chat = String((JSON.parse(Buffer.concat(body).toString('utf8')) as { chat_id: unknown }).chat_id)
        out.calls.push({ chat, at: performance.now() })
      }
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(`{"ok":true,"result":{"message_id":${n},"date":0,"chat":{"id":1,"type":"private"},"text":"x"}}`)
    })
  })
  server.keepAliveTimeout = 60_000
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  out.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  out.close = () => new Promise((r) => server.close(() => r()))
  return out
}

interface Statements {
  count: number
  maxParams: number
  over100: number
  /** Off while the bench seeds its data (bulk inserts that are not the system's). */
  on: boolean
  worst: string[]
}

function count(stats: Statements, sql: string, params: number): void {
  if (!stats.on) return
  stats.count++
  stats.maxParams = Math.max(stats.maxParams, params)
  if (params > 100) {
    stats.over100++
    if (stats.worst.length < 3) stats.worst.push(`${params}: ${sql.slice(0, 120)}`)
  }
}

/**
 * The database as the Node server opens it (src/db.ts createNodeDb: WAL, its atomic batch on Prisma's connection),
 * with every statement counted: Prisma's through its query events, the batch's as it runs them.
 */
function openDb(file: string, stats: Statements): { db: Db; batch: AtomicBatch } {
  const { adapter, handle, bind } = nodeSqliteAdapter(file)
  const db = new PrismaClient({ adapter, log: [{ emit: 'event', level: 'query' }] })
  bind(() => db.$connect())
  registerNodeSqlite(db, handle)
  db.$on('query', (e) => {
    let params = 0
    try {
      params = (JSON.parse(e.params) as unknown[]).length
    } catch {
      params = 0
    }
    count(stats, e.query, params)
  })
  const batch: AtomicBatch = (statements) => {
    for (const st of statements) count(stats, st.sql, st.args.length)
    return handle.batch(statements)
  }
  return { db: db as unknown as Db, batch }
}

async function seed(db: Db): Promise<void> {
  await db.place.create({ data: { code: VILLAGE, name: 'thôn Bench', kind: 'village', parentCode: COMMUNE, area: 'rural', source: 'bench' } })
  // Contacts and roles in bulk, as an import of many collaborators would make them.
  for (let i = 0; i < N; i += 2000) {
    const rows = Array.from({ length: Math.min(2000, N - i) }, (_, k) => ({ channel: 'telegram', externalId: String(100000 + i + k), locale: k % 10 === 0 ? 'en' : 'vi', lastInboundAt: NOW }))
    await db.contact.createMany({ data: rows })
  }
  const contacts = await db.contact.findMany({ select: { id: true } })
  for (let i = 0; i < contacts.length; i += 2000) {
    await db.roleAssignment.createMany({ data: contacts.slice(i, i + 2000).map((c) => ({ contactId: c.id, role: 'collaborator', placeCode: VILLAGE, grantedBy: 'cli', verifiedAt: NOW })) })
  }
}

async function event(db: Db, title: string) {
  return db.reminderEvent.create({ data: { kind: 'meeting', title, startsAt: START, placeCodes: JSON.stringify([VILLAGE]), createdBy: 'bench', createdAt: NOW } })
}

function peakRss(): { stop: () => number } {
  let peak = process.memoryUsage().rss
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss)
  }, 20)
  return {
    stop: () => {
      clearInterval(timer)
      return Math.max(peak, process.memoryUsage().rss)
    },
  }
}

export async function run(): Promise<Record<string, unknown>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tlgn-bench-rem-'))
  const file = path.join(dir, 'bench.db')
  migrateSqliteFile(file, migrationsDir)
  const stats: Statements = { count: 0, maxParams: 0, over100: 0, on: false, worst: [] }
  const mb = (b: number) => round(b / 1024 / 1024, 1)
  const { db, batch } = openDb(file, stats)
  const logger = createLogger({ level: 'error', write: () => undefined })
  const places = createPlaces(db)
  const tg = await fastTelegram()
  try {
    await seed(db)
    stats.on = true
    const baseRss = process.memoryUsage().rss

    // Planning: RUNS events, each planned once for all 10,000 (the first three timed). Each dispatch run below uses
    // an event of its own, so every run has 10,000 fresh deliveries due.
    const planMs: number[] = []
    const planStatements: number[] = []
    let rows = 0
    const events: number[] = []
    for (let i = 0; i < 1 + 2 * RUNS; i++) {
      const e = await event(db, `Plan ${i}`)
      events.push(e.id)
      const before = stats.count
      const t0 = performance.now()
      const r = await planEvent({ db, places }, e, NOW)
      if (i < 3) {
        planMs.push(performance.now() - t0)
        planStatements.push(stats.count - before)
        rows = r?.planned ?? 0
      }
    }
    // Set aside; each run puts back the deliveries it dispatches.
    await db.reminderDelivery.updateMany({ data: { status: 'cancelled' } })
    const only = (eventId: number, offset: string) => db.reminderDelivery.updateMany({ where: { eventId, offset }, data: { status: 'planned' } })

    // Dispatch is measured on its own: the hourly re-plan of the events is not part of it.
    await db.reminderEvent.updateMany({ data: { plannedAt: D3 } })
    // The reminders layer alone: everything but the channel.
    let queued = 0
    const counting: Outbound = {
      async send() {
        return ++queued
      },
      async status() {
        return null
      },
    }
    await only(events[0]!, 'd3')
    const layerRss = peakRss()
    const t1 = performance.now()
    const layerStatementsBefore = stats.count
    const layer = await runReminders({ db, places, outbound: counting, logger, zaloTemplate: null }, D3, { budgetMs: 600_000 })
    const layerMs = performance.now() - t1
    const layerStatements = stats.count - layerStatementsBefore
    const layerPeak = layerRss.stop()

    // End to end: the d1 reminders of an event through the outbox, each an HTTP call to the stand-in. In production
    // the sender holds Telegram's 30 messages/s; here that pace is lifted, to measure our own overhead. Side by side:
    // the outbound path called once per message (`send`, as the reminders did before `sendMany`) and in bulk.
    const config = loadConfig({ TELEGRAM_BOT_TOKEN: '123456:BENCH-token', TELEGRAM_WEBHOOK_SECRET: 'bench', TELEGRAM_API_ROOT: tg.url })
    const D1 = new Date('2026-12-08T01:00:00Z')
    await db.reminderEvent.updateMany({ data: { plannedAt: D1 } })
    const unpaced = createPacer({ perSecond: 1e9, burst: 1e9, perChatPerSecond: 1e9, perChatBurst: 1e9 })
    const outbound = createOutbound({ db, senders: { telegram: createTelegramSender(createTelegramBot(config.telegram!), unpaced) }, logger, clock: fixedClock(D1), batch })
    const oneByOne: Outbound = { send: outbound.send, status: outbound.status }
    const through = async (path: Outbound, eventId: number) => {
      await only(eventId, 'd1')
      const calls = tg.count()
      const before = stats.count
      const rss = peakRss()
      const t = performance.now()
      const summary = await runReminders({ db, places, outbound: path, logger, zaloTemplate: null }, D1, { budgetMs: 600_000 })
      const ms = performance.now() - t
      return { summary, ms, httpCalls: tg.count() - calls, statements: stats.count - before, peak: rss.stop() }
    }
    const variants = { perMessage: [] as Awaited<ReturnType<typeof through>>[], bulk: [] as Awaited<ReturnType<typeof through>>[] }
    // Alternated, so that a drift of the machine (or the growing database) weighs on both alike.
    for (let i = 0; i < RUNS; i++) {
      variants.perMessage.push(await through(oneByOne, events[1 + 2 * i]!))
      variants.bulk.push(await through(outbound, events[2 + 2 * i]!))
    }
    const figures = (runs: Awaited<ReturnType<typeof through>>[]) => {
      const rates = runs.map((r) => (r.summary.sent / r.ms) * 1000)
      return {
        sent: runs.map((r) => r.summary.sent),
        httpCalls: runs.map((r) => r.httpCalls),
        runsMs: runs.map((r) => round(r.ms, 0)),
        deliveriesPerSecond: round(median(rates), 0),
        runsPerSecond: rates.map((r) => round(r, 0)),
        statementsPerDelivery: round(median(runs.map((r) => r.statements / Math.max(1, r.summary.sent))), 3),
        peakRssMB: mb(Math.max(...runs.map((r) => r.peak))),
      }
    }
    const perMessage = figures(variants.perMessage)
    const bulk = figures(variants.bulk)

    // Paced as in production (Telegram: 30/s overall, 1/s per chat after a burst of 3): a bulk send of PACED Bot API
    // messages through the same outbox, of which PACED_CHATS chats get one notice in 5 parts (a long message split:
    // the parts go to one chat back to back, so its pace is the per-chat one).
    const pacedOutbound = createOutbound({ db, senders: { telegram: createTelegramSender(createTelegramBot(config.telegram!), createPacer(TELEGRAM_PACE)) }, logger, clock: fixedClock(D1), batch })
    const ids = (await db.contact.findMany({ select: { id: true }, take: PACED - 4 * PACED_CHATS, orderBy: { id: 'desc' } })).reverse()
    const items = ids.map((c, i) => ({
      contactId: c.id,
      content: Array.from({ length: i < PACED_CHATS ? 5 : 1 }, (_, k) => ({ text: `Thông báo, phần ${k + 1}` })),
      dedupeKey: `bench-paced:${c.id}`,
      purpose: 'notice' as const,
    }))
    tg.calls.length = 0
    tg.record = true
    const tp = performance.now()
    await pacedOutbound.sendMany(items)
    const pacedMs = performance.now() - tp
    tg.record = false
    const paced = paceOf(tg.calls, TELEGRAM_PACE.perChatBurst)

    return {
      recipients: N,
      planning: {
        rowsPerEvent: rows,
        medianMs: round(median(planMs), 1),
        runsMs: planMs.map((m) => round(m, 1)),
        statements: planStatements,
      },
      dispatchLayer: {
        // Its summary counts outbox outcomes, and this counting outbound path writes none: `queued` is what it did.
        skipped: layer.skipped,
        ms: round(layerMs, 0),
        queued,
        deliveriesPerSecond: round((queued / layerMs) * 1000, 0),
        statements: layerStatements,
        statementsPerDelivery: round(layerStatements / Math.max(1, queued), 3),
        peakRssMB: mb(layerPeak),
      },
      dispatchThroughOutbox: {
        note: "the Telegram pace (30/s) lifted: the system's own overhead; medians of " + RUNS + ' runs each, alternated',
        budgetPerSecond: 2000,
        perMessage,
        bulk,
        speedup: round(bulk.deliveriesPerSecond / perMessage.deliveriesPerSecond, 1),
        withinBudget: bulk.deliveriesPerSecond >= 2000,
      },
      pacedTelegram: { queued: items.length, expectedCalls: PACED, chats: ids.length, ms: round(pacedMs, 0), ...paced, rule: TELEGRAM_PACE },
      memory: { baseRssMB: mb(baseRss), peakRssMB: mb(Math.max(layerPeak, ...variants.perMessage.map((r) => r.peak), ...variants.bulk.map((r) => r.peak))) },
      d1: { statements: stats.count, maxBoundParameters: stats.maxParams, statementsOver100: stats.over100, fitsD1: stats.over100 === 0, worst: stats.worst },
    }
  } finally {
    await tg.close()
    await db.$disconnect()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
