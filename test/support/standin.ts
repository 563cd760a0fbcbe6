import http from 'node:http'
import type { AddressInfo } from 'node:net'

export interface RecordedCall {
  method: string
  path: string
  headers: http.IncomingHttpHeaders
  /** Parsed JSON or form body (form bodies as a plain object of strings). */
  body: Record<string, unknown>
  raw: string
  /** When it arrived (Date.now()). */
  at: number
  /** The fault played instead of an answer, if any ('hang', 'close', 'status 500' …): such a call delivered nothing. */
  fault?: string
}

export interface Answer {
  status?: number
  body: unknown
  headers?: Record<string, string>
}

export type Responder = (call: RecordedCall) => Answer | Promise<Answer>

/**
 * A fault the stand-in can play instead of answering: an HTTP error (with a Retry-After where it makes sense), a
 * request that never gets an answer, a connection closed before answering.
 */
export type FaultKind = 'status500' | 'rateLimit' | 'hang' | 'close'

/** What the fault hook decides for one call: answer normally (null), or play a fault. */
export type FaultDecision = null | 'hang' | 'close' | Answer

export interface StandIn {
  url: string
  calls: RecordedCall[]
  /** Set to make calls fail on purpose (see `faultEvery`); null answers everything normally. */
  faults: ((call: RecordedCall) => FaultDecision) | null
  /** Resolves once `n` calls matching `pathPart` have been recorded (or rejects after `ms`). */
  waitFor(pathPart: string, n?: number, ms?: number): Promise<RecordedCall[]>
  close(): Promise<void>
}

/**
 * A local HTTP server on 127.0.0.1 that records every request (method, path, headers, body) and answers through
 * `respond`. The Telegram and Zalo stand-ins are built on it; they speak the real wire formats.
 */
export async function startStandIn(respond: Responder): Promise<StandIn> {
  const calls: RecordedCall[] = []
  const hanging = new Set<http.ServerResponse>()
  const state: { faults: ((call: RecordedCall) => FaultDecision) | null } = { faults: null }
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', async () => {
      const raw = Buffer.concat(chunks).toString('utf8')
      let body: Record<string, unknown> = {}
      const type = req.headers['content-type'] ?? ''
      try {
        if (type.includes('application/json')) body = JSON.parse(raw) as Record<string, unknown>
        else if (type.includes('application/x-www-form-urlencoded')) body = Object.fromEntries(new URLSearchParams(raw))
      } catch {
        body = {}
      }
      const call: RecordedCall = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body, raw, at: Date.now() }
      calls.push(call)
      const fault = state.faults?.(call) ?? null
      if (fault === 'hang') {
        call.fault = 'hang'
        hanging.add(res)
        return
      }
      if (fault === 'close') {
        call.fault = 'close'
        req.socket.destroy()
        return
      }
      if (fault) call.fault = `status ${fault.status ?? 200}`
      const answer = fault ?? (await respond(call))
      res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers })
      res.end(JSON.stringify(answer.body))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    get faults() {
      return state.faults
    },
    set faults(f) {
      state.faults = f
    },
    async waitFor(pathPart, n = 1, ms = 5000) {
      const deadline = Date.now() + ms
      for (;;) {
        const matching = calls.filter((c) => c.path.includes(pathPart))
        if (matching.length >= n) return matching
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${n} call(s) to ${pathPart}; got ${matching.length}`)
        await new Promise((r) => setTimeout(r, 10))
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.socket?.destroy()
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** A small seeded generator, so "30% of calls fail" is the same calls on every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let x = Math.imul(a ^ (a >>> 15), 1 | a)
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296
  }
}

/** Plays `fault(call)` on a share `rate` of the calls `matches` picks (seeded), answers the rest normally. */
export function faultEvery(rate: number, matches: (call: RecordedCall) => boolean, fault: (call: RecordedCall) => FaultDecision, seed = 9): (call: RecordedCall) => FaultDecision {
  const next = seeded(seed)
  return (call) => (matches(call) && next() < rate ? fault(call) : null)
}
