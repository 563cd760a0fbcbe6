import { createHash } from 'node:crypto'
import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { secureHeaders } from 'hono/secure-headers'
import { jsonError, MAX_BODY_BYTES } from '../http.ts'
import { CHAT_PAGE_INLINE } from '../web/chat-page.tsx'

/**
 * App-wide protection, mounted once before every route (`app.use(security())`):
 * - a body limit on every request that carries a body (413 before anything reads it): 1 MiB, 64 KiB under /admin;
 * - security headers on every response: a Content-Security-Policy that allows no script but the pages' own inline
 *   scripts by hash, nosniff, Referrer-Policy no-referrer, frame-ancestors 'none' (and X-Frame-Options DENY);
 * - `Cache-Control: no-store` on officer pages, whose contents are personal data.
 */
export interface SecurityOptions {
  /** Inline `<script>` bodies the pages serve, allowed by their SHA-256 (default: the chat page's). */
  inlineScripts?: readonly string[]
  /** Inline `<style>` bodies the pages serve, allowed by their SHA-256 (default: the chat page's). */
  inlineStyles?: readonly string[]
  /**
   * Path prefixes whose pages may use inline styles without a hash: the officer pages, until their CSS is passed in
   * `inlineStyles`. Scripts get no such allowance anywhere.
   */
  unhashedStylesUnder?: readonly string[]
  maxBodyBytes?: number
  /** Smaller limits by path prefix: officer forms are short. */
  bodyLimits?: readonly { prefix: string; maxBytes: number }[]
}

/** The CSP source for an inline script or style, exactly as it appears between its tags. */
export function cspHash(content: string): string {
  return `'sha256-${createHash('sha256').update(content, 'utf8').digest('base64')}'`
}

const OFFICER_PAGES = '/admin'

export function security(opts: SecurityOptions = {}): MiddlewareHandler {
  const scripts = (opts.inlineScripts ?? CHAT_PAGE_INLINE.scripts).map(cspHash)
  const styles = (opts.inlineStyles ?? CHAT_PAGE_INLINE.styles).map(cspHash)
  const unhashedStylesUnder = opts.unhashedStylesUnder ?? [OFFICER_PAGES]

  const headers = (styleSrc: string[]) =>
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        scriptSrc: scripts.length > 0 ? scripts : ["'none'"],
        styleSrc,
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
  const strict = headers(styles.length > 0 ? styles : ["'none'"])
  // A hash next to 'unsafe-inline' makes browsers ignore 'unsafe-inline': these pages get it alone.
  const withInlineStyles = headers(["'unsafe-inline'"])

  const tooLarge = (c: Parameters<MiddlewareHandler>[0]) => jsonError(c, 413, 'too_large')
  const defaultLimit = bodyLimit({ maxSize: opts.maxBodyBytes ?? MAX_BODY_BYTES, onError: tooLarge })
  const limits = (opts.bodyLimits ?? [{ prefix: OFFICER_PAGES, maxBytes: 64 * 1024 }]).map((l) => ({
    prefix: l.prefix,
    check: bodyLimit({ maxSize: l.maxBytes, onError: tooLarge }),
  }))
  const under = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}/`)

  return async (c, next) => {
    const path = c.req.path
    const setHeaders = unhashedStylesUnder.some((p) => under(path, p)) ? withInlineStyles : strict
    await setHeaders(c, async () => {
      if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.method === 'OPTIONS') return next()
      const limit = limits.find((l) => under(path, l.prefix))?.check ?? defaultLimit
      // bodyLimit answers 413 by returning a response instead of calling next().
      const refused = await limit(c, next)
      if (refused instanceof Response) c.res = refused
    })
    if (under(path, OFFICER_PAGES)) c.header('Cache-Control', 'no-store')
  }
}
