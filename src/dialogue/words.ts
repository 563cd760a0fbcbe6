import { fold } from '../nlu/normalize.ts'

const CANCEL = new Set(['huy', 'thoi', 'dung', 'huy bo', 'thoat', 'cancel', 'stop', 'quit'])

/** Whether a typed reply means "stop this" ("hủy", "huỷ", "thôi", "dừng"…), with or without diacritics. */
export function isCancel(text: string): boolean {
  return CANCEL.has(fold(text.toLowerCase()).replace(/[^a-z ]+/g, '').trim())
}
