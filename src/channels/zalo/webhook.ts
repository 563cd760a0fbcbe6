import type { Context } from 'hono'
import type { Dialogue } from '../../dialogue/engine.ts'
import type { Logger } from '../../logger.ts'
import { jsonError, readJson } from '../../http.ts'
import { isButtonValue, type ChannelSender, type Inbound, type UnsupportedKind } from '../../messages.ts'
import { ZaloEnvelope, parseZaloEvent, type ZaloEvent } from './events.ts'
import { ZALO_SIGNATURE_HEADER, verifyZaloSignature } from './signature.ts'
import { ZaloApiError, ZaloHttpError, ZaloWindowClosedError } from './client.ts'

export interface ZaloWebhookDeps {
  oaSecretKey: string
  dialogue: Dialogue
  sender: ChannelSender
  logger: Logger
  /** Runs work after the 200 (Zalo wants an answer within 2 s). */
  background: (c: Context, task: Promise<unknown>) => void
}

/**
 * POST /webhooks/zalo: signature over the raw bytes (401), JSON and shape (400), then 200 at once and the
 * conversation in the background. Unknown events are acknowledged and ignored.
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
    const parsed = parseZaloEvent(body.json)
    if (!parsed.ok) return jsonError(c, 400, 'bad_shape')
    const inbound = toInbound(parsed.event)
    if (inbound) deps.background(c, process(deps, inbound))
    else deps.logger.debug('zalo.event_ignored', { event: envelope.data.event_name })
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

async function process(deps: ZaloWebhookDeps, inbound: Inbound): Promise<void> {
  try {
    const outcome = await deps.dialogue.handle(inbound)
    if (outcome.duplicate) return
    const quote = inbound.content.kind === 'follow' ? undefined : inbound.messageId
    await deps.sender.send(inbound.userId, outcome.replies, quote ? { replyToMessageId: quote } : {})
  } catch (err) {
    if (err instanceof ZaloWindowClosedError) deps.logger.warn('zalo.window_closed', { code: err.code })
    else if (err instanceof ZaloApiError) deps.logger.error('zalo.api_error', { endpoint: err.endpoint, code: err.code })
    else if (err instanceof ZaloHttpError) deps.logger.error('zalo.http_error', { endpoint: err.endpoint, err: err.cause })
    else deps.logger.error('zalo.process_failed', { err })
  }
}
