import type { InlineKeyboardMarkup } from 'grammy/types'
import type { Button, Reply } from '../../messages.ts'
import { splitText, TELEGRAM_MAX_CHARS } from '../../util/split.ts'

/** Telegram's limit for sendMessage text (after entity parsing; we send plain text). */
export const TELEGRAM_MAX_TEXT = TELEGRAM_MAX_CHARS

export interface TelegramMessage {
  text: string
  reply_markup?: InlineKeyboardMarkup
}

/**
 * Replies as Telegram messages: long text split cleanly, buttons as an inline keyboard under the last part. Short
 * labels go two to a row; long ones get a row of their own so they are not cut off on a phone.
 */
export function renderTelegram(replies: Reply[]): TelegramMessage[] {
  const out: TelegramMessage[] = []
  for (const reply of replies) {
    const parts = splitText(reply.text, TELEGRAM_MAX_TEXT)
    parts.forEach((text, i) => {
      const last = i === parts.length - 1
      const buttons = last ? (reply.buttons ?? []) : []
      out.push(buttons.length > 0 ? { text, reply_markup: keyboard(buttons) } : { text })
    })
  }
  return out
}

function keyboard(buttons: Button[]): InlineKeyboardMarkup {
  const rows: { text: string; callback_data: string }[][] = []
  let row: { text: string; callback_data: string }[] = []
  for (const b of buttons) {
    const key = { text: b.label, callback_data: b.value }
    if (b.label.length > 18) {
      if (row.length) rows.push(row)
      rows.push([key])
      row = []
      continue
    }
    row.push(key)
    if (row.length === 2) {
      rows.push(row)
      row = []
    }
  }
  if (row.length) rows.push(row)
  return { inline_keyboard: rows }
}
