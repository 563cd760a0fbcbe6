import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, TG_SECRET, type TestApp } from '../support/app.ts'
import { startTelegramStandIn, textUpdate } from '../support/telegram-standin.ts'
import { IMPORT_PATH, UPLOAD_BODY_MAX_BYTES } from '../../src/lookup/console.tsx'

const ADMIN = 'officer-page-token-123'

function csp(res: Response): Record<string, string[]> {
  const header = res.headers.get('content-security-policy') ?? ''
  return Object.fromEntries(
    header
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!, values]),
  )
}

/** A body that would be `total` bytes, produced only as it is read; `pulled` says how much was read. */
function lazyBody(total: number, chunk = 64 * 1024): { body: ReadableStream<Uint8Array>; pulled(): number } {
  let sent = 0
  const piece = new Uint8Array(chunk).fill(0x61)
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= total) return controller.close()
      sent += chunk
      controller.enqueue(piece)
    },
  })
  return { body, pulled: () => sent }
}

describe('security headers and body limits on every route', () => {
  let t: TestApp
  let telegram: Awaited<ReturnType<typeof startTelegramStandIn>>
  beforeAll(async () => {
    telegram = await startTelegramStandIn()
    t = await buildTestApp({ telegramApiRoot: telegram.url, env: { ADMIN_TOKEN: ADMIN } })
  })
  afterAll(async () => {
    await t.close()
    await telegram.close()
  })

  const requests: [string, () => Response | Promise<Response>][] = [
    ['the chat page', () => t.app.request('/')],
    ['the health check', () => t.app.request('/healthz')],
    ['a web chat turn', () => t.post('/api/chat', { text: 'xin chào' })],
    ['a Telegram webhook', () => t.post('/webhooks/telegram', textUpdate(55_001, 'xin chào'), { 'X-Telegram-Bot-Api-Secret-Token': TG_SECRET })],
    ['an unknown path', () => t.app.request('/nope')],
    ['the officer sign-in page', () => t.app.request('/admin/login')],
    ['an officer page without a session (redirect)', () => t.app.request('/admin/unanswered')],
    ['a refused sign-in', () => t.app.request('/admin/login', { method: 'POST', body: new URLSearchParams({ token: 'wrong' }), headers: { origin: 'http://localhost' } })],
  ]

  it.each(requests)('%s: CSP without inline script, nosniff, no referrer, not framable', async (_what, send) => {
    const res = await send()
    await res.arrayBuffer()
    const policy = csp(res)
    expect(policy['default-src']).toEqual(["'none'"])
    expect(policy['script-src']!.every((s) => s.startsWith("'sha256-"))).toBe(true)
    expect(policy['frame-ancestors']).toEqual(["'none'"])
    expect(policy['base-uri']).toEqual(["'none'"])
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('referrer-policy')).toBe('no-referrer')
    expect(res.headers.get('x-frame-options')).toBe('DENY')
  })

  /**
   * Whether a browser applies an inline block under `sources` (CSP level 3): by its hash, or by 'unsafe-inline' only
   * when the list has no hash or nonce (a hash makes browsers ignore 'unsafe-inline').
   */
  const allowed = (sources: string[] | undefined, content: string) => {
    const list = sources ?? []
    if (list.includes(`'sha256-${createHash('sha256').update(content).digest('base64')}'`)) return true
    return list.includes("'unsafe-inline'") && !list.some((s) => s.startsWith("'sha256-") || s.startsWith("'nonce-"))
  }
  const inline = (html: string, tag: 'script' | 'style') =>
    [...html.matchAll(new RegExp(`<${tag}(?![^>]*type="application/json")[^>]*>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1]!)

  const signedIn = async () => {
    const res = await t.app.request('/admin/login', { method: 'POST', body: new URLSearchParams({ token: ADMIN }), headers: { origin: 'http://localhost' } })
    return (res.headers.get('set-cookie') ?? '').split(';')[0]!
  }

  it.each([
    ['the chat page', '/', false],
    ['the officer sign-in page', '/admin/login', false],
    ['the officer home page', '/admin', true],
    ['the unanswered questions', '/admin/unanswered', true],
  ])('%s: every inline script and style it serves is allowed by hash, as a browser reads the policy', async (_what, path, signIn) => {
    const res = await t.app.request(path, signIn ? { headers: { cookie: await signedIn() } } : {})
    expect(res.status).toBe(200)
    const html = await res.text()
    const policy = csp(res)
    const styles = inline(html, 'style')
    expect(styles.length).toBeGreaterThan(0)
    for (const s of styles) expect(allowed(policy['style-src'], s)).toBe(true)
    for (const s of inline(html, 'script')) expect(allowed(policy['script-src'], s)).toBe(true)
    expect(policy['style-src']).not.toContain("'unsafe-inline'")
    expect(policy['script-src']).not.toContain("'unsafe-inline'")
  })

  it('the chat page runs only its own script and style, by hash; its texts are data, not script', async () => {
    const res = await t.app.request('/')
    const html = await res.text()
    const policy = csp(res)
    expect(inline(html, 'script').length).toBeGreaterThan(0)
    expect(policy['script-src']).not.toContain("'unsafe-inline'")
    expect(policy['style-src']).not.toContain("'unsafe-inline'")
    expect(allowed(policy['script-src'], 'alert(1)')).toBe(false)
    expect(html).toMatch(/<script id="page" type="application\/json">\{/)
  })

  it.each([
    ['the sign-in page', '/admin/login'],
    ['a redirect to it', '/admin'],
  ])('officer pages are never cached: %s', async (_what, path) => {
    const res = await t.app.request(path)
    expect(res.headers.get('cache-control')).toBe('no-store')
  })

  it('the chat page may be cached by the browser as usual (no no-store)', async () => {
    const res = await t.app.request('/')
    expect(res.headers.get('cache-control')).not.toBe('no-store')
  })

  it('refuses a 200 MB sign-in post without a length after reading at most the limit (1 MiB), with 413', async () => {
    const { body, pulled } = lazyBody(200 * 1024 * 1024)
    const res = await t.app.request('/admin/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
      duplex: 'half',
    } as RequestInit)
    expect(res.status).toBe(413)
    // The limit plus what the stream reads ahead: far from 200 MB.
    expect(pulled()).toBeLessThanOrEqual(1.5 * 1024 * 1024)
    expect(res.headers.get('cache-control')).toBe('no-store')
  })

  it('refuses a declared 200 MB body at once, on officer and other routes alike', async () => {
    for (const path of ['/admin/login', '/admin/logout', '/api/chat', '/webhooks/telegram', '/not-a-route']) {
      const res = await t.app.request(path, { method: 'POST', headers: { 'content-length': String(200 * 1024 * 1024) }, body: 'x' })
      expect(res.status, path).toBe(413)
    }
  })

  it('lets the console upload through (5 MiB + 64 KiB, its route checks that), on that path only, and bounded', async () => {
    const path = `/admin${IMPORT_PATH}`
    // Far beyond the upload's own limit: refused at once, before sign-in is even looked at.
    const declared = await t.app.request(path, { method: 'POST', headers: { 'content-length': String(2 * UPLOAD_BODY_MAX_BYTES + 1) }, body: 'x' })
    expect(declared.status).toBe(413)
    // A stream without a length is read no further than that bound.
    const { body, pulled } = lazyBody(200 * 1024 * 1024)
    const streamed = await t.app.request(path, { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=x' }, body, duplex: 'half' } as RequestInit)
    expect(streamed.status).toBe(413)
    expect(pulled()).toBeLessThanOrEqual(2 * UPLOAD_BODY_MAX_BYTES + 512 * 1024)
    // 2 MiB passes the app-wide limit there (the route then asks for a session), and nowhere else.
    const twoMiB = 'a'.repeat(2 * 1024 * 1024)
    const upload = await t.app.request(path, { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=x', origin: 'http://localhost' }, body: twoMiB })
    expect(upload.status).not.toBe(413)
    for (const other of [`${path}/x`, '/admin/households', '/admin/login']) {
      const res = await t.app.request(other, { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=x', origin: 'http://localhost' }, body: twoMiB })
      expect(res.status, other).toBe(413)
    }
  })

  it('accepts an ordinary officer form and a 900 KB chat body under the limits', async () => {
    const signIn = await t.app.request('/admin/login', { method: 'POST', body: new URLSearchParams({ token: ADMIN }), headers: { origin: 'http://localhost' } })
    expect(signIn.status).toBe(302)
    const chat = await t.post('/api/chat', { text: 'xin chào', padding: 'a'.repeat(900 * 1024) })
    expect(chat.status).toBe(200)
  })
})
