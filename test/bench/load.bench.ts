import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { round } from './stats.ts'
import { offerLoad, processTree, startCountingBotApi, waitHealthy, watchPeakRss, type LoadResult } from './traffic.ts'

/**
 * The Node server under load, as `npm start` runs it (a real process on a temp database), with a fast stand-in Bot
 * API: realistic Telegram updates (traffic.ts) offered open-loop at fixed rates, and at most 40 in flight
 * (Telegram's default webhook connections). Each rate runs on a fresh server, so memory and the database start
 * from the same place. CPU ms per update is the server's process CPU time over the updates offered.
 *
 * Environment: BENCH_LOAD_RATES=100,300 and BENCH_LOAD_SECONDS=5 to run fewer or shorter cases.
 *
 * Telegram's pace (30 messages/s overall, src/outbound/pace.ts) is lifted by default (TELEGRAM_MAX_PER_SECOND), or
 * every case measures that pace, not the server: a webhook answers once its reply is sent, so 40 in flight gives
 * 30/s. BENCH_TELEGRAM_MAX_PER_SECOND=30 measures with it (a checkout without the setting is always paced).
 */
const TELEGRAM_MAX_PER_SECOND = process.env.BENCH_TELEGRAM_MAX_PER_SECOND ?? '100000'
const root = path.resolve(import.meta.dirname, '../..')
const TOKEN = '123456:BENCH-token_abc'
const SECRET = 'bench-secret_123'

export interface Server {
  url: string
  pid: number
  coldMs: number
  stop(): Promise<void>
}

/** `npm start` (or `command`) on a fresh database, until GET /healthz answers 200. */
export async function startServer(botApi: string, opts: { command?: string[]; env?: Record<string, string>; cwd?: string } = {}): Promise<Server> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tlgn-load-'))
  const port = 18_400 + Math.floor(Math.random() * 500)
  const [cmd, ...args] = opts.command ?? ['npm', 'start', '--silent']
  const started = performance.now()
  const child: ChildProcess = spawn(cmd!, args, {
    cwd: opts.cwd ?? root,
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: `file:${path.join(dir, 'bench.db')}`,
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      TELEGRAM_API_ROOT: botApi,
      LOG_LEVEL: 'error',
      TELEGRAM_MAX_PER_SECOND,
      ...opts.env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  })
  const url = `http://127.0.0.1:${port}`
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}`))))
  await Promise.race([waitHealthy(`${url}/healthz`, 60_000), exited])
  return {
    url,
    pid: child.pid!,
    coldMs: performance.now() - started,
    async stop() {
      exited.catch(() => undefined)
      if (child.exitCode === null) {
        process.kill(-child.pid!, 'SIGTERM')
        await new Promise((r) => child.once('exit', r))
      }
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}

export interface LoadRow extends LoadResult {
  case: string
  cpuMsPerUpdate: number
  idleRssMiB: number
  peakRssMiB: number
  /** The server process alone (without npm and, before, tsx's launcher). */
  serverPeakRssMiB: number
  repliesReceived: number
  coldStartMs: number
  /** CPU of the bench process itself (client + stand-in), % of one core: near 100 means the client is the limit. */
  clientCpuPct: number
}

/** One case: a fresh server, a short warm-up, then the offered load. */
export async function loadCase(
  name: string,
  opts: { rate: number; seconds: number; maxInFlight?: number; command?: string[]; env?: Record<string, string>; cwd?: string },
): Promise<LoadRow> {
  const bot = await startCountingBotApi()
  const server = await startServer(bot.url, opts)
  try {
    const url = `${server.url}/webhooks/telegram`
    // Warm-up: JIT, statement caches, the NLU's token cache; distinct people from the measured run.
    await offerLoad({ url, secret: SECRET, rate: 50, durationS: 2, firstChatId: 900_000, maxInFlight: 10 })
    const idleRss = processTree(server.pid).rssBytes
    bot.reset()
    const cpuBefore = processTree(server.pid).cpuMs
    const clientBefore = process.cpuUsage()
    const wallBefore = performance.now()
    const peak = watchPeakRss(server.pid)
    // The server is the last node process in the tree (npm → sh → node, and before: → tsx's launcher → node).
    const leaf = processTree(server.pid).pids.filter((p) => fs.readFileSync(`/proc/${p}/comm`, 'utf8').trim() === 'node').at(-1)!
    const serverPeak = watchPeakRss(leaf)
    const result = await offerLoad({ url, secret: SECRET, rate: opts.rate, durationS: opts.seconds, maxInFlight: opts.maxInFlight, firstChatId: 100_000, timeoutMs: 15_000 })
    const peakRss = peak.stop()
    const serverPeakRss = serverPeak.stop()
    const cpuMs = processTree(server.pid).cpuMs - cpuBefore
    const client = process.cpuUsage(clientBefore)
    const wall = performance.now() - wallBefore
    // Replies still on their way after the last webhook answer (none expected: grammY answers after sending).
    await new Promise((r) => setTimeout(r, 200))
    return {
      case: name,
      ...result,
      cpuMsPerUpdate: round(cpuMs / result.sent, 2),
      idleRssMiB: round(idleRss / 2 ** 20, 0),
      peakRssMiB: round(peakRss / 2 ** 20, 0),
      serverPeakRssMiB: round(serverPeakRss / 2 ** 20, 0),
      repliesReceived: bot.sends(),
      coldStartMs: round(server.coldMs, 0),
      clientCpuPct: round(((client.user + client.system) / 1000 / wall) * 100, 0),
    }
  } finally {
    await server.stop()
    await bot.close()
  }
}

/** The rows side by side, one line each, for the closing note. */
export function table(rows: LoadRow[]): string {
  const cols: [string, (r: LoadRow) => string | number][] = [
    ['case', (r) => r.case],
    ['offered/s', (r) => r.offeredPerS],
    ['achieved/s', (r) => r.achievedPerS],
    ['p50 ms', (r) => r.p50Ms],
    ['p99 ms', (r) => r.p99Ms],
    ['ok', (r) => `${r.ok}/${r.sent}`],
    ['errors', (r) => r.errors + r.timeouts],
    ['replies', (r) => r.repliesReceived],
    ['CPU ms/update', (r) => r.cpuMsPerUpdate],
    ['RSS idle/peak MiB (all)', (r) => `${r.idleRssMiB}/${r.peakRssMiB}`],
    ['server peak MiB', (r) => r.serverPeakRssMiB],
    ['cold start ms', (r) => r.coldStartMs],
    ['client CPU %', (r) => r.clientCpuPct],
  ]
  const cells = [cols.map(([h]) => h), ...rows.map((r) => cols.map(([, f]) => String(f(r))))]
  const widths = cols.map((_, i) => Math.max(...cells.map((row) => row[i]!.length)))
  return cells.map((row) => `| ${row.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`).join('\n')
}

/** `npm start` of another checkout, as a command: `tsx src/server.ts` before the built server, else the build. */
function baselineCommand(dir: string): string[] {
  const start = (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.start!
  const [bin, ...args] = start.split(/\s+/)
  return bin === 'tsx' ? [process.execPath, path.join(dir, 'node_modules/tsx/dist/cli.mjs'), ...args] : [process.execPath, ...args]
}

/**
 * BENCH_BASELINE_DIR=<a checkout of an older commit, with node_modules> runs every case there too, interleaved with
 * this checkout (same machine load for both): the before/after table.
 */
export async function run(): Promise<Record<string, unknown>> {
  const rates = (process.env.BENCH_LOAD_RATES ?? '100,300,500,1000').split(',').map(Number)
  const seconds = Number(process.env.BENCH_LOAD_SECONDS ?? 5)
  const baseline = process.env.BENCH_BASELINE_DIR
  const cases: { name: string; rate: number; maxInFlight?: number }[] = [
    ...rates.map((rate) => ({ name: `open ${rate}/s`, rate })),
    ...rates.filter((r) => r >= 500).map((rate) => ({ name: `40 in flight, ${rate}/s`, rate, maxInFlight: 40 })),
  ]
  const rows: LoadRow[] = []
  for (const c of cases) {
    if (baseline) {
      console.error(`[bench] load ${c.name} (before)…`)
      // The baseline's server as its `npm start` runs it, without its set-up step (which could reinstall a
      // node_modules the baseline shares with this checkout): its own package.json says how.
      rows.push(await loadCase(`before: ${c.name}`, { ...c, seconds, cwd: baseline, command: baselineCommand(baseline) }))
    }
    console.error(`[bench] load ${c.name}…`)
    rows.push(await loadCase(baseline ? `after: ${c.name}` : c.name, { ...c, seconds }))
  }
  console.error(`\n${table(rows)}\n`)
  return { loadAverage: os.loadavg().map((l) => round(l, 1)), cpus: os.cpus().length, telegramMaxPerSecond: Number(TELEGRAM_MAX_PER_SECOND), rows }
}
