import { spawn, execFileSync, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { median, percentile, round } from './stats.ts'
import { summarize, unbundle, type CpuProfile } from './profile.bench.ts'
import { offerLoad, processTree, startCountingBotApi, waitHealthy, watchPeakRss, VISIT } from './traffic.ts'

/**
 * The Worker under `wrangler dev --local` (workerd + local D1, offline), the production runtime: the realistic
 * Telegram mix at 100/s open-loop (0 errors expected), 20 requests at once, and sequential web-chat latency.
 * "workerd CPU" is the CPU time of the workerd process per update; it includes the local D1 (SQLite runs inside
 * workerd here, on Cloudflare it is a separate service) and the runtime's HTTP handling, so the Worker's own share
 * is lower.
 */
const root = path.resolve(import.meta.dirname, '../..')
/** BENCH_WORKER_DIR=<another checkout with node_modules> measures that Worker instead (before/after). */
const workerDir = process.env.BENCH_WORKER_DIR ?? root
const wrangler = path.join(root, 'node_modules/wrangler/bin/wrangler.js')
const TOKEN = '123456:BENCH-token_abc'
const SECRET = 'bench-secret_123'

interface Dev {
  url: string
  inspectorPort: number
  child: ChildProcess
  coldMs: number
  workerdPid(): number
  stop(): Promise<void>
}

async function startDev(botApi: string, extraVars: Record<string, string> = {}): Promise<Dev> {
  // Local D1 is SQLite inside workerd, committing to disk on every write; on Cloudflare it is a remote service. A
  // memory file system keeps the disk's fsyncs out of a measurement of the Worker.
  const persist = fs.mkdtempSync(path.join(process.env.BENCH_PERSIST_ROOT ?? (fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir()), 'tlgn-wrangler-'))
  const env = { ...process.env, WRANGLER_SEND_METRICS: 'false', NO_UPDATE_NOTIFIER: '1', CI: '1', FORCE_COLOR: '0', CLOUDFLARE_CF_FETCH_ENABLED: 'false' }
  execFileSync(process.execPath, [wrangler, 'd1', 'migrations', 'apply', 'tro-ly-giam-ngheo', '--local', '--persist-to', persist], {
    cwd: workerDir,
    env,
    stdio: 'ignore',
  })
  const port = 19_300 + Math.floor(Math.random() * 500)
  // Telegram's pace (30/s) lifted, as in load.bench.ts: the Worker is measured, not the pace.
  const pace = process.env.BENCH_TELEGRAM_MAX_PER_SECOND ?? '100000'
  const vars = { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_ROOT: botApi, TELEGRAM_MAX_PER_SECOND: pace, LOG_LEVEL: 'error', ...extraVars }
  const args = [wrangler, 'dev', '--local', '--ip', '127.0.0.1', '--port', String(port), '--persist-to', persist, '--inspector-port', String(port + 1000), '--show-interactive-dev-session=false', '--log-level', process.env.BENCH_WRANGLER_LOG_LEVEL ?? 'warn']
  for (const [k, v] of Object.entries(vars)) args.push('--var', `${k}:${v}`)
  const started = performance.now()
  const child = spawn(process.execPath, args, { cwd: workerDir, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
  let output = ''
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()))
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()))
  const url = `http://127.0.0.1:${port}`
  try {
    await waitHealthy(`${url}/healthz`, 60_000)
  } catch (err) {
    try {
      process.kill(-child.pid!, 'SIGTERM')
    } catch {
      // it exited on its own: its output says why
    }
    throw new Error(`wrangler dev did not start: ${String(err)}\n${output.slice(-2000)}`)
  }
  const coldMs = performance.now() - started
  return {
    url,
    inspectorPort: port + 1000,
    child,
    coldMs,
    workerdPid() {
      const pid = processTree(child.pid!).pids.find((p) => {
        try {
          // wrangler runs two workerd processes: its proxy (listening on our port) and the one running the Worker.
          const cmd = fs.readFileSync(`/proc/${p}/cmdline`, 'utf8')
          return fs.readFileSync(`/proc/${p}/comm`, 'utf8').trim() === 'workerd' && !cmd.includes(`entry=127.0.0.1:${port}`)
        } catch {
          return false
        }
      })
      if (!pid) throw new Error('no workerd process under wrangler dev')
      return pid
    },
    async stop() {
      process.kill(-child.pid!, 'SIGTERM')
      await new Promise((r) => child.once('exit', r))
      if (process.env.BENCH_WRANGLER_LOG) fs.writeFileSync(process.env.BENCH_WRANGLER_LOG, output)
      fs.rmSync(persist, { recursive: true, force: true })
    },
  }
}

/**
 * The Worker's V8 profile over `work`, through wrangler's inspector (Chrome DevTools Protocol). Its busy samples are
 * the Worker isolate's own time: local D1 runs in another isolate and shows as idle here. They are wall-clock
 * samples, so a busy machine inflates them; workerd's process CPU (from /proc) is reported beside them.
 */
async function profileWorker(inspectorPort: number, work: () => Promise<void>): Promise<CpuProfile | null> {
  // `ws` comes with wrangler (miniflare); Node 20's own WebSocket is experimental and fails this handshake.
  const specifier = 'ws'
  const Socket = await import(specifier).then((m: { default: new (url: string) => MinimalSocket }) => m.default).catch(() => null)
  // Opt-in: with DevTools attached, wrangler's inspector proxy forwards every request's network events, which
  // slowed the whole Worker (and the later 100/s run) on a loaded machine.
  if (!Socket || !process.env.BENCH_WORKER_PROFILE) {
    await work()
    return null
  }
  const ws = new Socket(`ws://127.0.0.1:${inspectorPort}/ws`)
  await new Promise((resolve, reject) => {
    ws.addEventListener('open', resolve)
    ws.addEventListener('error', reject)
  })
  let id = 0
  const waiting = new Map<number, (result: unknown) => void>()
  ws.addEventListener('message', (event) => {
    const msg = JSON.parse(String((event as { data: unknown }).data)) as { id?: number; result?: unknown }
    if (msg.id !== undefined && msg.result !== undefined) waiting.get(msg.id)?.(msg.result)
  })
  // wrangler's inspector proxy may never answer (seen on a loaded machine): then the work runs unprofiled.
  const send = (method: string, params: object = {}, timeoutMs = 5_000) =>
    new Promise<unknown>((resolve, reject) => {
      waiting.set(++id, resolve)
      ws.send(JSON.stringify({ id, method, params }))
      setTimeout(() => reject(new Error(`inspector: no answer to ${method}`)), timeoutMs)
    })
  try {
    await send('Profiler.enable')
  } catch {
    ws.close()
    await work()
    return null
  }
  ws.send(JSON.stringify({ id: ++id, method: 'Profiler.setSamplingInterval', params: { interval: 200 } }))
  ws.send(JSON.stringify({ id: ++id, method: 'Profiler.start' }))
  await work()
  const stopped = (await send('Profiler.stop', {}, 30_000).catch(() => null)) as { profile: CpuProfile } | null
  ws.close()
  return stopped ? unbundle(stopped.profile) : null
}

interface MinimalSocket {
  addEventListener(type: string, listener: (event: unknown) => void): void
  send(data: string): void
  close(): void
}

/** Conversation ids the server issued, by the bench's own name for each conversation. */
const issued = new Map<string, string>()
/** An older checkout (BENCH_WORKER_DIR) takes ids chosen by the client. */
let clientIds = false

async function chat(url: string, key: string, text: string): Promise<number> {
  const send = (conversationId: string | undefined) =>
    fetch(`${url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ conversationId, text }) })
  let res = await send(clientIds ? key : issued.get(key))
  if (res.status === 400 && !clientIds && !issued.has(key)) {
    await res.arrayBuffer()
    clientIds = true
    res = await send(key)
  }
  const body = (await res.json().catch(() => ({}))) as { conversationId?: string }
  if (body.conversationId) issued.set(key, body.conversationId)
  return res.status
}

/** Runs the Worker scenarios against one `wrangler dev`; `vars` selects a variant. */
export async function workerScenarios(vars: Record<string, string> = {}): Promise<Record<string, unknown>> {
  const bot = await startCountingBotApi()
  const dev = await startDev(bot.url, vars)
  try {
    // The first request builds the app in the isolate (config, NLU, Prisma's query compiler) and runs its first
    // queries: the Worker's start-up as a user meets it, beside the warm requests below.
    const firstStarted = performance.now()
    const firstStatus = await chat(dev.url, 'bench-first', 'xin chào')
    const firstRequestMs = performance.now() - firstStarted
    if (firstStatus !== 200) throw new Error(`first /api/chat answered ${firstStatus}`)
    // Sequential web chat: wall time per request, warm.
    for (let i = 0; i < 10; i++) await chat(dev.url, `bench-warm-${i}`, 'xin chào')
    const seq: number[] = []
    for (let i = 0; i < 100; i++) {
      const t = performance.now()
      const status = await chat(dev.url, `bench-seq-${i % 10}x`, i % 2 ? 'hộ nghèo là gì' : 'xin chào')
      if (status !== 200) throw new Error(`sequential /api/chat answered ${status}`)
      seq.push(performance.now() - t)
    }
    // The Telegram mix one update at a time: the Worker's CPU per update without any queueing.
    const pid = dev.workerdPid()
    const seqBefore = processTree(pid).cpuMs
    let seqLoad: Awaited<ReturnType<typeof offerLoad>> | undefined
    const profile = await profileWorker(dev.inspectorPort, async () => {
      seqLoad = await offerLoad({ url: `${dev.url}/webhooks/telegram`, secret: SECRET, rate: 1000, durationS: 0.2, firstChatId: 500_000, maxInFlight: 1 })
    })
    if (!seqLoad) throw new Error('no sequential run')
    const seqCpu = (processTree(pid).cpuMs - seqBefore) / seqLoad.sent
    const groups = profile ? summarize(profile, seqLoad.sent) : []
    const isolateBusy = groups.reduce((a, g) => a + g.msPerUpdate, 0)
    // 20 at once, web chat only (the Telegram mix follows).
    const burst = await Promise.all(Array.from({ length: 20 }, (_, i) => chat(dev.url, `bench-burst-${i}xx`, 'hộ nghèo được vay vốn không')))
    // The realistic Telegram mix at 100/s for 10 s, open loop.
    bot.reset()
    const before = processTree(pid).cpuMs
    const rss = watchPeakRss(pid)
    const load = await offerLoad({ url: `${dev.url}/webhooks/telegram`, secret: SECRET, rate: 100, durationS: 10, firstChatId: 600_000 })
    const cpuMs = processTree(pid).cpuMs - before
    const peakRssMiB = round(rss.stop() / 2 ** 20, 0)
    return {
      coldStartMs: round(dev.coldMs, 0),
      firstRequestMs: round(firstRequestMs, 0),
      sequentialChat: { n: seq.length, medianMs: round(median(seq), 1), p90Ms: round(percentile(seq, 90), 1) },
      burst20: { ok: burst.filter((s) => s === 200).length, of: 20 },
      telegramSequential: {
        n: seqLoad.sent,
        ok: seqLoad.ok,
        p50Ms: seqLoad.p50Ms,
        workerdCpuMsPerUpdate: round(seqCpu, 2),
        workerIsolateBusyMsPerUpdate: profile ? round(isolateBusy, 2) : 'not measured (BENCH_WORKER_PROFILE=1 profiles through the inspector)',
        top: groups.slice(0, 12),
      },
      telegramMix100: { ...load, replies: bot.sends(), workerdCpuMsPerUpdate: round(cpuMs / load.sent, 2), workerdPeakRssMiB: peakRssMiB },
    }
  } finally {
    await dev.stop()
    await bot.close()
  }
}

export async function run(): Promise<Record<string, unknown>> {
  return { visit: VISIT.length, worker: await workerScenarios() }
}
