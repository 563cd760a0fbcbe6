import abuse from '../../locales/vi/abuse.json'
import { fold } from '../nlu/normalize.ts'

const phrases = abuse.words.map((w) => fold(w.toLowerCase()).trim()).filter(Boolean)

/**
 * Whether a message is an insult: a whole-word match on the folded text, so a listed form inside a longer word never
 * matches. Abusive messages get a calm answer and count more against the rate limit.
 */
export function isAbusive(text: string): boolean {
  const folded = ` ${fold(text.toLowerCase()).replace(/[^a-z0-9]+/g, ' ').trim()} `
  return phrases.some((p) => folded.includes(` ${p} `))
}
