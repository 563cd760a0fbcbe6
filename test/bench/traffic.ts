import http from 'node:http'
import fs from 'node:fs'
import { percentile, round } from './stats.ts'

/**
 * Realistic Telegram traffic for the load benchmarks: each simulated person goes through the same short visit —
 * a greeting, policy questions (accented and not), the first taps of the eligibility check, thanks — and the
 * open-loop driver offers their updates at a fixed rate, whether or not earlier ones were answered (as Telegram does).
 */
export const VISIT: ({ text: string } | { button: string })[] = [
  { text: 'xin chào' },
  { text: 'hộ nghèo có được hỗ trợ bảo hiểm y tế không' },
  { button: 'elig:start' },
  { button: 'elig:area:rural' },
  { button: 'elig:members:4' },
  { text: 'ho can ngheo duoc vay von bao nhieu' },
  { text: 'vay vốn ngân hàng chính sách xã hội thế nào' },
  { text: 'cam on nhe' },
]

let nextUpdateId = 1

/** The Telegram update for a person's step of the visit (a message, or a callback query for a button tap). */
export function visitUpdate(chatId: number, step: number): Record<string, unknown> {
  const s = VISIT[step % VISIT.length]!
  const updateId = nextUpdateId++
  const date = Math.floor(Date.now() / 1000)
  const from = { id: chatId, is_bot: false, first_name: 'An', language_code: 'vi' }
  const chat = { id: chatId, type: 'private', first_name: 'An' }
  if ('text' in s) return { update_id: updateId, message: { message_id: updateId, date, chat, from, text: s.text } }
  return {
    update_id: updateId,
    callback_query: { id: `cb${updateId}`, chat_instance: 'ci', from, message: { message_id: 1, date, chat, text: 'menu' }, data: s.button },
  }
}

/** A fast stand-in Bot API on 127.0.0.1 that only counts: sendMessage per chat, and everything else. */
export async function startCountingBotApi(): Promise<{ url: string; sends(): number; sendsTo(chatId: number): number; reset(): void; close(): Promise<void> }> {
  let sends = 0
  let messageId = 1
  const perChat = new Map<number, number>()
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      let result: unknown = true
      if (req.url?.endsWith('/sendMessage')) {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { chat_id?: number; text?: string }
        sends++
        perChat.set(Number(body.chat_id), (perChat.get(Number(body.chat_id)) ?? 0) + 1)
        result = { message_id: messageId++, date: Math.floor(Date.now() / 1000), chat: { id: body.chat_id, type: 'private' }, text: body.text }
      }
      const out = JSON.stringify({ ok: true, result })
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(out) })
      res.end(out)
    })
  })
  server.keepAliveTimeout = 60_000
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const port = (server.address() as { port: number }).port
  return {
    url: `http://127.0.0.1:${port}`,
    sends: () => sends,
    sendsTo: (chatId) => perChat.get(chatId) ?? 0,
    reset() {
      sends = 0
      perChat.clear()
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections()
        server.close(() => r())
      }),
  }
}

export interface LoadOptions {
  /** Full URL of the Telegram webhook. */
  url: string
  secret: string
  /** Offered updates per second. */
  rate: number
  durationS: number
  /** Cap on requests in flight (Telegram's max_connections, default 40); updates wait their turn client-side. */
  maxInFlight?: number
  /** First chat id of this run (runs use distinct people, so no session carries over). */
  firstChatId: number
  timeoutMs?: number
}

export interface LoadResult {
  offeredPerS: number
  achievedPerS: number
  sent: number
  ok: number
  errors: number
  timeouts: number
  /** Up to five kinds of failure with their counts (status and the start of the body, or the socket error). */
  errorKinds: Record<string, number>
  p50Ms: number
  p99Ms: number
  maxMs: number
  chats: number
}

/**
 * Offers `rate × durationS` updates on a fixed schedule (open loop), over keep-alive connections. People are
 * spread so that one person's next step comes about two seconds after the previous one, as a person types.
 * Latency is from sending to the webhook's answer; grammY answers after the reply has been sent.
 */
export async function offerLoad(opts: LoadOptions): Promise<LoadResult> {
  const total = Math.round(opts.rate * opts.durationS)
  const people = Math.max(1, Math.min(total, Math.round(opts.rate * 2)))
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.maxInFlight ?? Infinity })
  const target = new URL(opts.url)
  const latencies: number[] = []
  let ok = 0
  let errors = 0
  let timeouts = 0
  const steps = new Map<number, number>()
  const errorKinds = new Map<string, number>()

  const send = (body: string, retry = true): Promise<void> =>
    new Promise<void>((resolve) => {
      let startedAt = performance.now()
      let timedOut = false
      const req = http.request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'X-Telegram-Bot-Api-Secret-Token': opts.secret },
          timeout: opts.timeoutMs ?? 30_000,
        },
        (res) => {
          let text = ''
          res.on('data', (d: Buffer) => {
            if (res.statusCode !== 200 && text.length < 300) text += d.toString()
          })
          res.on('end', () => {
            latencies.push(performance.now() - startedAt)
            if (res.statusCode === 200) ok++
            else {
              errors++
              const key = `${res.statusCode} ${text.slice(0, 120)}`
              errorKinds.set(key, (errorKinds.get(key) ?? 0) + 1)
            }
            resolve()
          })
        },
      )
      // With a cap on in-flight requests, the clock starts when the request leaves the queue (gets a socket).
      req.on('socket', () => {
        if (opts.maxInFlight !== undefined) startedAt = performance.now()
      })
      req.on('timeout', () => {
        timedOut = true
        timeouts++
        req.destroy(new Error('timeout'))
      })
      req.on('error', (err) => {
        // A kept-alive socket the server closed just as we reused it: nothing was processed, so send again (the
        // retry Node's documentation recommends for reusedSocket). Telegram does the same on a failed connection.
        if (retry && req.reusedSocket && (err as NodeJS.ErrnoException).code === 'ECONNRESET') {
          void send(body, false).then(resolve)
          return
        }
        if (!timedOut) {
          errors++
          errorKinds.set(err.message, (errorKinds.get(err.message) ?? 0) + 1)
        }
        resolve()
      })
      req.end(body)
    })

  const pending: Promise<void>[] = []
  const t0 = performance.now()
  for (let i = 0; i < total; i++) {
    const due = t0 + (i * 1000) / opts.rate
    const wait = due - performance.now()
    if (wait > 1) await new Promise((r) => setTimeout(r, wait))
    const chatId = opts.firstChatId + (i % people)
    const step = steps.get(chatId) ?? 0
    steps.set(chatId, step + 1)
    pending.push(send(JSON.stringify(visitUpdate(chatId, step))))
  }
  await Promise.all(pending)
  const elapsed = (performance.now() - t0) / 1000
  agent.destroy()
  return {
    offeredPerS: opts.rate,
    achievedPerS: round(ok / elapsed, 0),
    sent: total,
    ok,
    errors,
    timeouts,
    errorKinds: Object.fromEntries([...errorKinds].sort((a, b) => b[1] - a[1]).slice(0, 5)),
    p50Ms: round(percentile(latencies, 50), 1),
    p99Ms: round(percentile(latencies, 99), 1),
    maxMs: round(Math.max(...latencies), 0),
    chats: people,
  }
}

/** CPU time (user + system, ms) and resident memory (bytes) of a process and all its descendants, from /proc. */
export function processTree(rootPid: number): { cpuMs: number; rssBytes: number; pids: number[] } {
  const children = new Map<number, number[]>()
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      if (!children.has(ppid)) children.set(ppid, [])
      children.get(ppid)!.push(Number(entry))
    } catch {
      // exited meanwhile
    }
  }
  const pids: number[] = []
  const walk = (pid: number) => {
    pids.push(pid)
    for (const c of children.get(pid) ?? []) walk(c)
  }
  walk(rootPid)
  const tick = 100 // USER_HZ on Linux
  let cpuMs = 0
  let rssBytes = 0
  for (const pid of pids) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      cpuMs += ((Number(fields[11]) + Number(fields[12])) * 1000) / tick
      rssBytes += Number(fields[21]) * 4096
    } catch {
      // exited meanwhile
    }
  }
  return { cpuMs, rssBytes, pids }
}

/** Samples the tree's resident memory every `everyMs` until stopped; returns the peak. */
export function watchPeakRss(rootPid: number, everyMs = 50): { stop(): number } {
  let peak = processTree(rootPid).rssBytes
  const timer = setInterval(() => {
    peak = Math.max(peak, processTree(rootPid).rssBytes)
  }, everyMs)
  return {
    stop() {
      clearInterval(timer)
      return Math.max(peak, processTree(rootPid).rssBytes)
    },
  }
}

export async function waitHealthy(url: string, timeoutMs = 60_000): Promise<number> {
  const started = performance.now()
  for (;;) {
    if (performance.now() - started > timeoutMs) throw new Error(`${url} did not become healthy within ${timeoutMs} ms`)
    try {
      const res = await fetch(url)
      await res.arrayBuffer()
      if (res.status === 200) return performance.now() - started
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 10))
  }
}
