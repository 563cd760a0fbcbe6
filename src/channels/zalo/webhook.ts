import type { Context } from 'hono'
import type { InboundQueue } from '../../dialogue/inbound-queue.ts'
import { isDatabaseBusy, isDatabaseUnavailable } from '../../db/busy.ts'
import type { Logger } from '../../logger.ts'
import { jsonError, readJson } from '../../http.ts'
import { isButtonValue, type Inbound, type UnsupportedKind } from '../../messages.ts'
import { ZaloEnvelope, parseZaloEvent, type ZaloEvent } from './events.ts'
import { ZALO_SIGNATURE_HEADER, verifyZaloSignature } from './signature.ts'

export interface ZaloWebhookDeps {
  oaSecretKey: string
  /** Events are stored here before the 200, and processed after it. */
  queue: InboundQueue
  logger: Logger
  now: () => Date
  /** Runs work after the 200 (Zalo wants an answer within 2 s). */
  background: (c: Context, task: Promise<unknown>) => void
}

/**
 * Replay protection: a signed event is accepted only this close to its own timestamp. The dedupe keys are kept for 7
 * days (services.ts), far longer, so an event cannot be replayed after its key is forgotten.
 */
export const ZALO_REPLAY_WINDOW_MS = 10 * 60_000
/** Clocks differ a little: an event stamped up to this far ahead of ours is still accepted. */
const ZALO_CLOCK_SKEW_MS = 60_000

/**
 * POST /webhooks/zalo: signature over the raw bytes (401), JSON and shape (400), an event too old or from the future
 * (400 stale_event), then the event is stored — the 200 means it is durably ours (503 when the database cannot take
 * it) — and processed after the response. Unknown events are acknowledged and ignored.
 */
export function zaloWebhook(deps: ZaloWebhookDeps) {
  return async (c: Context) => {
    const body = await readJson(c)
    if (!body) return jsonError(c, 400, 'not_json')
    const envelope = ZaloEnvelope.safeParse(body.json)
    // Without app_id and timestamp the signature cannot be checked, so it cannot be valid.
    if (!envelope.success) return jsonError(c, 401, 'unauthorized')
    const valid = await verifyZaloSignature({
      header: c.req.header(ZALO_SIGNATURE_HEADER),
      appId: envelope.data.app_id,
      timestamp: envelope.data.timestamp,
      rawBody: body.raw,
      oaSecretKey: deps.oaSecretKey,
    })
    if (!valid) return jsonError(c, 401, 'unauthorized')
    const stamped = Number(envelope.data.timestamp)
    const age = deps.now().getTime() - stamped
    if (!Number.isFinite(stamped) || age > ZALO_REPLAY_WINDOW_MS || age < -ZALO_CLOCK_SKEW_MS) {
      deps.logger.warn('zalo.stale_event', { event: envelope.data.event_name, ageMs: Number.isFinite(age) ? age : null })
      return jsonError(c, 400, 'stale_event')
    }
    const parsed = parseZaloEvent(body.json)
    if (!parsed.ok) return jsonError(c, 400, 'bad_shape')
    const inbound = toInbound(parsed.event)
    if (!inbound) {
      deps.logger.debug('zalo.event_ignored', { event: envelope.data.event_name })
      return c.json({ ok: true })
    }
    let stored: boolean
    try {
      stored = await deps.queue.accept(inbound)
    } catch (err) {
      // Not stored, so not accepted: a non-2xx, so the event is not taken as delivered.
      if (isDatabaseBusy(err) || isDatabaseUnavailable(err)) return jsonError(c, 503, 'db_busy')
      throw err
    }
    if (stored) deps.background(c, deps.queue.process(inbound))
    return c.json({ ok: true })
  }
}

function toInbound(event: ZaloEvent): Inbound | null {
  // Zalo timestamps are epoch milliseconds as strings; a bad one falls back to "now".
  const at = (ts: string) => {
    const ms = Number(ts)
    return Number.isFinite(ms) && ms > 0 ? new Date(ms) : new Date()
  }
  switch (event.type) {
    case 'text': {
      const text = event.text.trim()
      const content = isButtonValue(text) ? { kind: 'button' as const, value: text } : { kind: 'text' as const, text: event.text }
      return { channel: 'zalo', userId: event.userId, messageId: event.msgId, at: at(event.timestamp), content }
    }
    case 'media':
      return {
        channel: 'zalo',
        userId: event.userId,
        messageId: event.msgId,
        at: at(event.timestamp),
        content: { kind: 'unsupported', what: event.what as UnsupportedKind },
      }
    case 'follow':
      return { channel: 'zalo', userId: event.userId, messageId: `follow:${event.userId}:${event.timestamp}`, at: at(event.timestamp), content: { kind: 'follow' } }
    case 'ignored':
      return null
  }
}
