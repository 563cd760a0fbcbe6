import http from 'node:http'
import type { AddressInfo } from 'node:net'

export interface RecordedCall {
  method: string
  path: string
  headers: http.IncomingHttpHeaders
  /** Parsed JSON or form body (form bodies as a plain object of strings). */
  body: Record<string, unknown>
  raw: string
}

export type Responder = (call: RecordedCall) => { status?: number; body: unknown } | Promise<{ status?: number; body: unknown }>

export interface StandIn {
  url: string
  calls: RecordedCall[]
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
      const call: RecordedCall = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body, raw }
      calls.push(call)
      const answer = await respond(call)
      res.writeHead(answer.status ?? 200, { 'content-type': 'application/json' })
      res.end(JSON.stringify(answer.body))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    async waitFor(pathPart, n = 1, ms = 5000) {
      const deadline = Date.now() + ms
      for (;;) {
        const matching = calls.filter((c) => c.path.includes(pathPart))
        if (matching.length >= n) return matching
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${n} call(s) to ${pathPart}; got ${matching.length}`)
        await new Promise((r) => setTimeout(r, 10))
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
