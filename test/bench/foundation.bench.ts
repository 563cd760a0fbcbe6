import { execFileSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { serve } from '@hono/node-server'
import { buildTestApp, TG_SECRET } from '../support/app.ts'
import { startTelegramStandIn, textUpdate } from '../support/telegram-standin.ts'
import { median, percentile, round } from './stats.ts'

const root = path.resolve(import.meta.dirname, '../..')

/** Worker bundle as wrangler would upload it (minified), offline dry run. */
export function workerBundle(): Record<string, unknown> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'tlgn-bundle-'))
  const out = execFileSync(process.execPath, [path.join(root, 'node_modules/wrangler/bin/wrangler.js'), 'deploy', '--dry-run', '--minify', '--outdir', outdir], {
    cwd: root,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', NO_UPDATE_NOTIFIER: '1' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const m = /Total Upload:\s*([\d.]+) KiB \/ gzip:\s*([\d.]+) KiB/.exec(out)
  fs.rmSync(outdir, { recursive: true, force: true })
  if (!m) throw new Error(`could not read the bundle size from wrangler:\n${out}`)
  const gzipKiB = Number(m[2])
  return { totalKiB: Number(m[1]), gzipKiB, budgetKiB: 1536, withinBudget: gzipKiB <= 1536 }
}

/** `npm start` on a fresh database (migrations + seed run) until GET /healthz answers 200. */
export async function coldStart(runs = 3): Promise<Record<string, unknown>> {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tlgn-start-'))
    const port = 18900 + i
    const started = performance.now()
    const child = spawn('npm', ['start', '--silent'], {
      cwd: root,
      env: { ...process.env, PORT: String(port), DATABASE_URL: `file:${path.join(dir, 'dev.db')}` },
      stdio: 'ignore',
      detached: true,
    })
    try {
      for (;;) {
        if (performance.now() - started > 30_000) throw new Error('server did not become healthy within 30 s')
        try {
          const res = await fetch(`http://127.0.0.1:${port}/healthz`)
          if (res.status === 200) break
        } catch {
          // not listening yet
        }
        await new Promise((r) => setTimeout(r, 20))
      }
      times.push(performance.now() - started)
    } finally {
      process.kill(-child.pid!, 'SIGTERM')
      await new Promise((r) => child.once('exit', r))
      fs.rmSync(dir, { recursive: true, force: true })
    }
  }
  const ms = median(times)
  return { runs, medianMs: round(ms, 0), samplesMs: times.map((t) => round(t, 0)), budgetMs: 3000, withinBudget: ms <= 3000 }
}

/** A Telegram update POSTed over HTTP to the Node server, until the stand-in Bot API has received the reply. */
export async function webhookRoundTrip(iterations = 300): Promise<Record<string, unknown>> {
  const telegram = await startTelegramStandIn()
  const t = await buildTestApp({ telegramApiRoot: telegram.url })
  const server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise((r) => server.once('listening', r))
  const port = (server.address() as { port: number }).port
  const url = `http://127.0.0.1:${port}/webhooks/telegram`
  const send = async (i: number) => {
    const before = telegram.calls.length
    const start = performance.now()
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': TG_SECRET },
      body: JSON.stringify(textUpdate(7000 + (i % 50), i % 2 === 0 ? 'xin chào' : 'cảm ơn nhé')),
    })
    await res.arrayBuffer()
    if (telegram.calls.length <= before) throw new Error('no reply reached the stand-in')
    return performance.now() - start
  }
  try {
    for (let i = 0; i < 30; i++) await send(i) // warm up
    const samples: number[] = []
    for (let i = 0; i < iterations; i++) samples.push(await send(1000 + i))
    const med = median(samples)
    return { iterations, medianMs: round(med), p95Ms: round(percentile(samples, 95)), p99Ms: round(percentile(samples, 99)), budgetMs: 10, withinBudget: med <= 10 }
  } finally {
    server.close()
    await t.close()
    await telegram.close()
  }
}

export async function run(): Promise<Record<string, unknown>> {
  return {
    webhookRoundTrip: await webhookRoundTrip(),
    coldStart: await coldStart(),
    workerBundle: workerBundle(),
  }
}
