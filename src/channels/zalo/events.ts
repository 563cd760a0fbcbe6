import * as z from 'zod'

/**
 * Zalo OA webhook events, as far as the public sources agree (../shared/platforms/PLATFORMS.md §A.1). IDs and
 * timestamps are strings: they exceed 2^53. Unknown fields are kept out; unknown events are acknowledged and ignored.
 */
const id = z.string().min(1).max(64)
/** Epoch milliseconds as a digit string; at most 15 digits keeps it a valid date (a bogus one is refused, 400). */
const timestamp = z.string().regex(/^\d{1,15}$/)

const attachment = z.object({
  type: z.string(),
  payload: z.unknown().optional(),
})

const userMessage = z.object({
  app_id: id,
  event_name: z.string(),
  timestamp,
  sender: z.object({ id }),
  recipient: z.object({ id }),
  message: z.object({
    msg_id: id,
    text: z.string().optional(),
    attachments: z.array(attachment).optional(),
  }),
})

const follow = z.object({
  app_id: id,
  event_name: z.literal('follow'),
  timestamp,
  oa_id: id.optional(),
  follower: z.object({ id }),
})

/** Just enough to verify the signature and dispatch: present on every Zalo OA event. */
export const ZaloEnvelope = z.object({ app_id: id, event_name: z.string().min(1), timestamp: id })

export type ZaloUserMessage = z.infer<typeof userMessage>

export type ZaloEvent =
  | { type: 'text'; userId: string; msgId: string; text: string; timestamp: string }
  | { type: 'media'; userId: string; msgId: string; what: string; timestamp: string }
  | { type: 'follow'; userId: string; timestamp: string }
  | { type: 'ignored'; eventName: string }

const MEDIA_EVENTS: Record<string, string> = {
  user_send_image: 'image',
  user_send_gif: 'gif',
  user_send_sticker: 'sticker',
  user_send_audio: 'audio',
  user_send_video: 'video',
  user_send_file: 'file',
  user_send_location: 'location',
  user_send_link: 'link',
  user_send_business_card: 'contact',
}

/**
 * Parses a verified webhook body into the event we act on. Returns a zod error for a known event with the wrong
 * shape (→ 400); unknown or irrelevant events (delivery receipts, OA echoes) come back as `ignored` (→ 200).
 */
export function parseZaloEvent(body: unknown): { ok: true; event: ZaloEvent } | { ok: false; error: z.ZodError } {
  const envelope = ZaloEnvelope.safeParse(body)
  if (!envelope.success) return { ok: false, error: envelope.error }
  const name = envelope.data.event_name
  if (name === 'user_send_text' || name in MEDIA_EVENTS) {
    const parsed = userMessage.safeParse(body)
    if (!parsed.success) return { ok: false, error: parsed.error }
    const m = parsed.data
    if (name === 'user_send_text') {
      return {
        ok: true,
        event: { type: 'text', userId: m.sender.id, msgId: m.message.msg_id, text: m.message.text ?? '', timestamp: m.timestamp },
      }
    }
    return {
      ok: true,
      event: { type: 'media', userId: m.sender.id, msgId: m.message.msg_id, what: MEDIA_EVENTS[name]!, timestamp: m.timestamp },
    }
  }
  if (name === 'follow') {
    const parsed = follow.safeParse(body)
    if (!parsed.success) return { ok: false, error: parsed.error }
    return { ok: true, event: { type: 'follow', userId: parsed.data.follower.id, timestamp: parsed.data.timestamp } }
  }
  return { ok: true, event: { type: 'ignored', eventName: name } }
}
