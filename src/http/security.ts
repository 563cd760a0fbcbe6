import { createHash } from 'node:crypto'
import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { secureHeaders } from 'hono/secure-headers'
import { jsonError, MAX_BODY_BYTES } from '../http.ts'
import { CHAT_PAGE_INLINE } from '../web/chat-page.tsx'
import { CSS as CONSOLE_CSS } from '../web/console/layout.tsx'

/**
 * App-wide protection, mounted once before every route (`app.use(security())`):
 * - a body limit on every request that carries a body, whatever the route (413 before anything reads further):
 *   1 MiB, larger only on the exact paths given in `largerBodies` (the console's file upload); routes may set smaller
 *   ones (the officer console's forms: 64 KiB);
 * - security headers on every response: a Content-Security-Policy that allows no script and no style but the
 *   pages' own inline ones, by hash; nosniff; Referrer-Policy no-referrer; frame-ancestors 'none' (and
 *   X-Frame-Options DENY);
 * - `Cache-Control: no-store` on officer pages, whose contents are personal data.
 */
export interface SecurityOptions {
  /** Inline `<script>` bodies the pages serve, allowed by their SHA-256 (default: the chat page's). */
  inlineScripts?: readonly string[]
  /** Inline `<style>` bodies the pages serve, allowed by their SHA-256 (default: the chat page's and the console's). */
  inlineStyles?: readonly string[]
  maxBodyBytes?: number
  /** Exact paths that take a larger body than `maxBodyBytes` (file uploads), with their own limit. */
  largerBodies?: readonly { path: string; maxBytes: number }[]
}

/** The CSP source for an inline script or style, exactly as it appears between its tags. */
export function cspHash(content: string): string {
  return `'sha256-${createHash('sha256').update(content, 'utf8').digest('base64')}'`
}

const OFFICER_PAGES = '/admin'

export function security(opts: SecurityOptions = {}): MiddlewareHandler {
  const scripts = (opts.inlineScripts ?? CHAT_PAGE_INLINE.scripts).map(cspHash)
  const styles = (opts.inlineStyles ?? [...CHAT_PAGE_INLINE.styles, CONSOLE_CSS]).map(cspHash)
  const headers = secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      scriptSrc: scripts.length > 0 ? scripts : ["'none'"],
      styleSrc: styles.length > 0 ? styles : ["'none'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      formAction: ["'self'"],
      baseUri: ["'none'"],
      frameAncestors: ["'none'"],
    },
    referrerPolicy: 'no-referrer',
    xFrameOptions: 'DENY',
    permissionsPolicy: { camera: [], microphone: [], geolocation: [], payment: [] },
  })
  const tooLarge = (c: Parameters<MiddlewareHandler>[0]) => jsonError(c, 413, 'too_large')
  const limit = bodyLimit({ maxSize: opts.maxBodyBytes ?? MAX_BODY_BYTES, onError: tooLarge })
  const larger = new Map((opts.largerBodies ?? []).map((l) => [l.path, bodyLimit({ maxSize: l.maxBytes, onError: tooLarge })]))
  const officerPage = (path: string) => path === OFFICER_PAGES || path.startsWith(`${OFFICER_PAGES}/`)

  return async (c, next) => {
    await headers(c, async () => {
      if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.method === 'OPTIONS') return next()
      // bodyLimit answers 413 by returning a response instead of calling next().
      const refused = await (larger.get(c.req.path) ?? limit)(c, next)
      if (refused instanceof Response) c.res = refused
    })
    if (officerPage(c.req.path)) c.header('Cache-Control', 'no-store')
  }
}
