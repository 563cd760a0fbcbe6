import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { t } from './i18n.ts'

/** Largest request body any route accepts (issue #2: over 1 MB → 413). */
export const MAX_BODY_BYTES = 1024 * 1024

export type HttpErrorCode =
  | 'not_found'
  | 'channel_disabled'
  | 'unauthorized'
  | 'not_json'
  | 'bad_shape'
  | 'too_large'
  | 'internal'
  | 'db_unavailable'
  | 'db_busy'
  | 'db_missing'
  | 'stale_event'
  | 'unknown_conversation'

/** The one shape of an HTTP error answer: a short code for machines and a Vietnamese message for people. */
export function jsonError(c: Context, status: ContentfulStatusCode, code: HttpErrorCode, details?: unknown) {
  return c.json({ error: { code, message: t('vi', `http.${code}`), ...(details === undefined ? {} : { details }) } }, status)
}

/** Reads the raw body and parses it as JSON; `undefined` means it was not JSON. */
export async function readJson(c: Context): Promise<{ raw: Uint8Array; json: unknown } | undefined> {
  const raw = new Uint8Array(await c.req.arrayBuffer())
  try {
    return { raw, json: JSON.parse(new TextDecoder().decode(raw)) as unknown }
  } catch {
    return undefined
  }
}

/** Runs `task` after the response: Workers' waitUntil when there is an execution context, else the Node tracker. */
export function runAfterResponse(c: Context, task: Promise<unknown>, fallback: (task: Promise<unknown>) => void): void {
  let ctx: { waitUntil(p: Promise<unknown>): void } | undefined
  try {
    ctx = c.executionCtx
  } catch {
    ctx = undefined // Node: Hono throws when no execution context was passed.
  }
  if (ctx) ctx.waitUntil(task)
  else fallback(task)
}
