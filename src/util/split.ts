/** Zalo OA text messages are limited to 2,000 characters; Telegram allows 4,096. Shared by the channel renderers and the policy content. */
export const ZALO_MAX_CHARS = 2000
export const TELEGRAM_MAX_CHARS = 4096

// Coarsest first: a reader loses least when a message breaks between paragraphs, then lines, sentences, words.
const LEVELS: { split: (s: string) => string[]; join: string }[] = [
  { split: (s) => s.split(/\n{2,}/), join: '\n\n' },
  { split: (s) => s.split('\n'), join: '\n' },
  { split: (s) => s.split(/(?<=[.!?…;:])\s+/), join: ' ' },
  { split: (s) => s.split(/\s+/), join: ' ' },
]

/**
 * Split `text` into parts of at most `maxChars` characters, breaking at paragraph boundaries first, then
 * lines, sentences, words; a single word longer than the limit is cut. Parts are trimmed and never empty.
 *
 * @throws RangeError when `maxChars` is smaller than 1.
 * @example splitText('a\n\nb', 1) // ['a', 'b']
 */
export function splitText(text: string, maxChars: number): string[] {
  if (!(maxChars >= 1)) throw new RangeError(`maxChars must be at least 1, got ${maxChars}`)
  return splitAt(text.trim(), maxChars, 0)
}

function splitAt(text: string, max: number, level: number): string[] {
  if (text.length <= max) return text === '' ? [] : [text]
  const rule = LEVELS[level]
  if (!rule) return hardCut(text, max)
  const parts: string[] = []
  let current = ''
  for (const raw of rule.split(text)) {
    const unit = raw.trim()
    if (unit === '') continue
    const joined = current === '' ? unit : current + rule.join + unit
    if (joined.length <= max) {
      current = joined
      continue
    }
    if (current !== '') parts.push(current)
    if (unit.length <= max) {
      current = unit
    } else {
      parts.push(...splitAt(unit, max, level + 1))
      current = ''
    }
  }
  if (current !== '') parts.push(current)
  return parts
}

function hardCut(text: string, max: number): string[] {
  // Cut by code points so a character outside the BMP is never broken in half.
  const chars = [...text]
  const parts: string[] = []
  for (let i = 0; i < chars.length; i += max) parts.push(chars.slice(i, i + max).join(''))
  return parts
}
