import { faultEvery, startStandIn, type FaultDecision, type FaultKind, type RecordedCall, type StandIn } from './standin.ts'

/**
 * A stand-in Telegram Bot API: `POST /bot<token>/<method>` with a JSON body, answered `{ ok: true, result }` like the
 * real one. `sends()` lists the sendMessage calls.
 */
export interface TelegramStandIn extends StandIn {
  /** sendMessage calls that were answered with success (what users received), in order. */
  sends(): { chat_id: unknown; text: string; reply_markup?: unknown }[]
  /** Every sendMessage call, failed ones included. */
  attempts(): RecordedCall[]
  /** Chats that blocked the bot: sendMessage to them answers 403. */
  blocked: Set<number>
}

/** The Bot API's answer for each fault: 500, 429 with retry_after, a hang, a closed connection. */
export function telegramFault(kind: FaultKind, retryAfterSeconds = 1): FaultDecision {
  switch (kind) {
    case 'status500':
      return { status: 500, body: { ok: false, error_code: 500, description: 'Internal Server Error' } }
    case 'rateLimit':
      return { status: 429, body: { ok: false, error_code: 429, description: `Too Many Requests: retry after ${retryAfterSeconds}`, parameters: { retry_after: retryAfterSeconds } } }
    case 'hang':
    case 'close':
      return kind
  }
}

/** Makes a share of sendMessage calls fail with `kind` (seeded: the same calls each run). */
export function telegramFaults(kind: FaultKind, rate = 0.3, seed = 9) {
  return faultEvery(rate, (call) => call.path.endsWith('/sendMessage'), () => telegramFault(kind), seed)
}

export async function startTelegramStandIn(): Promise<TelegramStandIn> {
  const blocked = new Set<number>()
  let messageId = 100
  const standIn = await startStandIn((call) => {
    const method = call.path.split('/').pop() ?? ''
    if (method === 'sendMessage') {
      if (blocked.has(Number(call.body.chat_id))) return { status: 403, body: { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' } }
      return {
        body: {
          ok: true,
          result: { message_id: ++messageId, date: Math.floor(Date.now() / 1000), chat: { id: call.body.chat_id, type: 'private' }, text: call.body.text },
        },
      }
    }
    if (method === 'getMe') {
      return { body: { ok: true, result: { id: 123456, is_bot: true, first_name: 'Test', username: 'test_bot' } } }
    }
    return { body: { ok: true, result: true } }
  })
  const attempts = () => standIn.calls.filter((c) => c.path.endsWith('/sendMessage'))
  return Object.assign(standIn, {
    blocked,
    attempts,
    sends: () =>
      attempts()
        .filter((c) => !c.fault && !blocked.has(Number(c.body.chat_id)))
        .map((c) => c.body as { chat_id: unknown; text: string; reply_markup?: unknown }),
  })
}

let nextUpdateId = 5000

/** A private text message update as Telegram sends it. */
export function textUpdate(chatId: number, text: string, updateId = ++nextUpdateId) {
  return {
    update_id: updateId,
    message: {
      message_id: updateId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: chatId, type: 'private', first_name: 'An' },
      from: { id: chatId, is_bot: false, first_name: 'An', language_code: 'vi' },
      text,
    },
  }
}

export function stickerUpdate(chatId: number, updateId = ++nextUpdateId) {
  const update = textUpdate(chatId, '', updateId)
  const { text: _text, ...message } = update.message
  return { update_id: updateId, message: { ...message, sticker: { file_id: 'x', file_unique_id: 'y', type: 'regular', width: 1, height: 1, is_animated: false, is_video: false } } }
}

export function callbackUpdate(chatId: number, data: string, updateId = ++nextUpdateId) {
  return {
    update_id: updateId,
    callback_query: {
      id: `cb${updateId}`,
      chat_instance: 'ci',
      from: { id: chatId, is_bot: false, first_name: 'An' },
      message: { message_id: 1, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: 'private', first_name: 'An' }, text: 'menu' },
      data,
    },
  }
}
