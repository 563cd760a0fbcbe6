import Database from 'better-sqlite3'
import { buildTestApp, TG_SECRET } from '../support/app.ts'
import { startTelegramStandIn, textUpdate } from '../support/telegram-standin.ts'
import { median, percentile, round } from './stats.ts'
import type { AtomicBatch } from '../../src/db/batch.ts'
import type { Db } from '../../src/db.ts'

/**
 * What one Telegram update costs the database (issue #9 profile: "6 statements, 5 separately committed"): the SQL
 * statements run per update — reads, writes, and how many commits they take — counted at better-sqlite3 itself, so
 * Prisma's queries and the turn's batch are counted alike, and the webhook's time per update (turn + the reply's
 * delivery to a fast stand-in Bot API). Side by side: the turn's writes in one transaction (as the app runs), and the
 * same writes each committed on its own.
 */

type Counts = { reads: number; writes: number; commits: number; transactions: number }

function countStatements(): { counts: Counts; reset(): void; restore(): void } {
  const counts: Counts = { reads: 0, writes: 0, commits: 0, transactions: 0 }
  const proto = (Database.prototype as unknown as { prepare(sql: string): object }).prepare.call(new Database(':memory:'), 'SELECT 1').constructor.prototype as Record<
    'run' | 'all' | 'get',
    (this: { source: string; database: Database.Database }, ...a: unknown[]) => unknown
  >
  const originals = { run: proto.run, all: proto.all, get: proto.get }
  const count = (self: { source: string; database: Database.Database }) => {
    const sql = self.source.trimStart().slice(0, 12).toUpperCase()
    if (sql.startsWith('SELECT') || sql.startsWith('PRAGMA')) counts.reads++
    else if (sql.startsWith('BEGIN')) counts.transactions++
    else if (sql.startsWith('COMMIT')) counts.commits++
    else if (sql.startsWith('ROLLBACK') || sql.startsWith('SAVEPOINT') || sql.startsWith('RELEASE')) return
    else {
      counts.writes++
      if (!self.database.inTransaction) counts.commits++ // autocommit: this write is its own transaction
    }
  }
  for (const name of ['run', 'all', 'get'] as const) {
    const original = originals[name]
    proto[name] = function (this: { source: string; database: Database.Database }, ...args: unknown[]) {
      count(this)
      return original.apply(this, args)
    }
  }
  return {
    counts,
    reset() {
      Object.assign(counts, { reads: 0, writes: 0, commits: 0, transactions: 0 })
    },
    restore() {
      Object.assign(proto, originals)
    },
  }
}

const TEXTS = ['xin chào', 'cảm ơn nhé', 'thủ tục vay vốn hộ nghèo', 'bảo hiểm y tế cho hộ cận nghèo']

export async function measure(label: string, opts: { separate: boolean }, iterations: number): Promise<Record<string, unknown>> {
  const telegram = await startTelegramStandIn()
  // The same statements, each committed on its own (what the turn's writes cost before they shared a transaction).
  const separate = (db: Db): AtomicBatch => async (statements) => {
    const out: number[] = []
    for (const s of statements) out.push(await db.$executeRawUnsafe(s.sql, ...s.args))
    return out
  }
  const t = await buildTestApp({ telegramApiRoot: telegram.url, ...(opts.separate ? { batch: separate } : {}) })
  const counter = countStatements()
  let update = 500_000
  const send = async (i: number) => {
    const before = telegram.calls.length
    const started = performance.now()
    const res = await t.post('/webhooks/telegram', textUpdate(9000 + (i % 50), TEXTS[i % TEXTS.length]!, ++update), { 'X-Telegram-Bot-Api-Secret-Token': TG_SECRET })
    await res.arrayBuffer()
    if (telegram.calls.length <= before) throw new Error('no reply reached the stand-in')
    return performance.now() - started
  }
  try {
    for (let i = 0; i < 40; i++) {
      await send(i) // warm up, and every chat known
      t.clock.set(new Date(t.clock.now().getTime() + 5000)) // stay under the per-contact rate limit
    }
    counter.reset()
    const samples: number[] = []
    const cpu = process.cpuUsage()
    for (let i = 0; i < iterations; i++) {
      samples.push(await send(i))
      t.clock.set(new Date(t.clock.now().getTime() + 5000))
    }
    const used = process.cpuUsage(cpu)
    const per = (n: number) => round(n / iterations, 2)
    return {
      label,
      iterations,
      perUpdate: { statements: per(counter.counts.reads + counter.counts.writes), reads: per(counter.counts.reads), writes: per(counter.counts.writes), commits: per(counter.counts.commits) },
      // The process's CPU (this benchmark's client and the stand-in included), less sensitive to a busy machine than time.
      cpuMsPerUpdate: round((used.user + used.system) / 1000 / iterations),
      medianMs: round(median(samples)),
      p95Ms: round(percentile(samples, 95)),
    }
  } finally {
    counter.restore()
    await t.close()
    await telegram.close()
  }
}

export async function run(): Promise<Record<string, unknown>> {
  const iterations = Number(process.env.TURN_BENCH_ITERATIONS ?? 400)
  // Interleaved twice, so a slow moment of the machine does not favour one side.
  const one = [await measure('one transaction', { separate: false }, iterations), await measure('each write committed alone', { separate: true }, iterations)]
  const two = [await measure('one transaction', { separate: false }, iterations), await measure('each write committed alone', { separate: true }, iterations)]
  return { runs: [...one, ...two] }
}
