import { startStandIn, type StandIn } from './standin.ts'

/**
 * A stand-in Telegram Bot API: `POST /bot<token>/<method>` with a JSON body, answered `{ ok: true, result }` like the
 * real one. `sends()` lists the sendMessage calls.
 */
export async function startTelegramStandIn(): Promise<StandIn & { sends(): { chat_id: unknown; text: string; reply_markup?: unknown }[] }> {
  let messageId = 100
  const standIn = await startStandIn((call) => {
    const method = call.path.split('/').pop() ?? ''
    if (method === 'sendMessage') {
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
  return Object.assign(standIn, {
    sends: () =>
      standIn.calls
        .filter((c) => c.path.endsWith('/sendMessage'))
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
