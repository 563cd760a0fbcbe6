import { fold } from '../nlu/normalize.ts'
import type { Entities } from '../nlu/types.ts'
import type { PlaceRow } from '../places.ts'
import type { Audience, Kind } from './events.ts'

/**
 * What an officer's sentence says about a new event, beyond the NLU's date, time and place entities: the kind, the
 * title, the location, the audience ("các cộng tác viên thôn 5"), and the places it names that the NLU does not know
 * (villages, which come from the household register and are not in the NLU's place list). Also notices a date the
 * NLU could not read ("31/02") so the officer is asked to fix that field rather than told nothing.
 */

export interface ParsedDraft {
  kind: Kind | null
  title: string | null
  location: string | null
  audience: Audience | null
  /** Village or commune names as written after "thôn", "làng", "xã" (to be found among the officer's places). */
  placeNames: string[]
  /** A date-like token that is not a real date ("31/02", "32/1"). */
  badDate: string | null
}

const KIND_WORDS: [RegExp, Kind][] = [
  [/\b(tap huan|boi duong|huong dan nghiep vu|dao tao)\b/, 'training'],
  [/\b(han chot|han nop|han cuoi|het han|deadline|nop bao cao|nop phieu|hoan thanh ra soat|han ra soat|han)\b/, 'deadline'],
  [/\b(hop|giao ban|cuoc hop|binh xet|hoi nghi)\b/, 'meeting'],
]

export function kindOf(folded: string): Kind | null {
  for (const [re, kind] of KIND_WORDS) if (re.test(folded)) return kind
  return null
}

const COLLAB = /\b(cong tac vien|ctv|dieu tra vien|ra soat vien)\b/
const OFFICER = /\b(can bo|cb)\b/

export function audienceOf(folded: string): Audience | null {
  const c = COLLAB.test(folded)
  const o = OFFICER.test(folded) || /\b(ban chi dao|bcd)\b/.test(folded)
  if (/\b(tat ca|moi nguoi|ca hai|toan bo)\b/.test(folded) && !c && !o) return 'all'
  if (c && o) return 'all'
  if (c) return 'collaborators'
  if (o) return 'officers'
  return null
}

/** The words that belong to the command, the audience, the date or the time, not to the title. */
const COMMAND = /^(?:(?:hay|vui long|xin)\s+)?(?:nhac(?:\s+nho)?|tao(?:\s+(?:lich|su kien|nhac nho|nhac viec|cuoc hop|thong bao|deadline))?|dat(?:\s+lich)?|len\s+lich|them(?:\s+lich)?|lap\s+lich|thong\s+bao|hen(?:\s+lich)?|moi)\b\s*(?:(?:lich|nhac)\b\s*)?/
const AUDIENCE_PHRASE = /\b(?:cho\s+)?(?:cac|tat ca|moi|nhung)?\s*(?:cong tac vien|ctv|dieu tra vien|ra soat vien|can bo|cb)(?:\s+(?:va|voi)\s+(?:cac\s+)?(?:cong tac vien|ctv|can bo|cb))?\b/
const PLACE_PHRASE = /\b(thon|lang|plei|xa|to dan pho)\s+([a-z0-9']+(?:\s+(?!ngay|luc|tai|o|vao|sang|chieu|toi|trua|hop|tap|han|nop|giao|mai|thu|tuan|hom|l?\d)[a-z0-9']+){0,3})/g
const DATE_LIKE = /\b(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2,4}))?\b/
const TIME_OR_DATE = /\b(?:(?:vao\s+)?(?:luc|ngay|mung)\s+)?(?:\d{1,2}(?:h|g|:)\d{0,2}(?:p|ph|phut)?|\d{1,2}\s*gio(?:\s+\d{1,2}(?:\s+phut)?|\s+ruoi)?|\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?|\d{1,2}\s+thang\s+\d{1,2}(?:\s+nam\s+\d{4})?)\b(?:\s+(?:sang|chieu|toi|trua|dem))?/g
const DAY_WORDS = /\b(?:(?:sang|chieu|toi|trua)\s+)?(?:hom nay|ngay mai|mai|ngay kia|ngay mot|(?:thu\s+(?:hai|ba|tu|nam|sau|bay|[2-7])|chu nhat|cn|t[2-7])(?:\s+tuan\s+(?:sau|toi|nay))?|tuan sau|tuan toi)\b(?:\s+(?:sang|chieu|toi|trua))?/g

/**
 * Reads an officer's sentence. Works on the folded text (no diacritics) to find the parts, and cuts the title and
 * the location from the text as typed, so they keep their diacritics.
 */
export function parseDraft(text: string, entities: Entities = {}): ParsedDraft {
  const original = text.trim().replace(/\s+/g, ' ')
  // Folding keeps one character per character for Vietnamese letters, so positions match the original.
  const folded = fold(original.toLowerCase()).replace(/đ/g, 'd')
  const sameLength = folded.length === original.length
  const mask = folded.split('')
  const blank = (start: number, end: number) => {
    for (let i = start; i < end; i++) mask[i] = ' '
  }

  const kind = kindOf(folded)
  const audience = audienceOf(folded)

  let badDate: string | null = null
  const dm = DATE_LIKE.exec(folded)
  if (dm && !entities.date) badDate = dm[0]
  else if (dm) {
    const d = Number(dm[1])
    const m = Number(dm[2])
    const y = dm[3] ? Number(dm[3].length === 2 ? `20${dm[3]}` : dm[3]) : 2024
    const valid = m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate()
    if (!valid) badDate = dm[0]
  }

  // Location: after "tại" / "ở" up to a date or time or the end.
  let location: string | null = null
  const loc = /\b(?:tai|o)\s+(?!thon\b|xa\b|lang\b)(.+?)(?=\s+(?:vao\s+)?(?:luc|ngay|mung|sang|chieu|toi|trua|hom|mai|thu|chu nhat|\d)|[,.;]|$)/.exec(folded)
  if (loc && loc.index !== undefined) {
    const start = loc.index + loc[0].length - loc[1]!.length
    location = (sameLength ? original.slice(start, start + loc[1]!.length) : loc[1]!).trim() || null
    blank(loc.index, loc.index + loc[0].length)
  }

  const placeNames: string[] = []
  for (const m of folded.matchAll(PLACE_PHRASE)) {
    const start = m.index ?? 0
    placeNames.push((sameLength ? original.slice(start, start + m[0].length) : m[0]).trim())
    blank(start, start + m[0].length)
  }

  for (const re of [TIME_OR_DATE, DAY_WORDS]) {
    re.lastIndex = 0
    for (const m of folded.matchAll(re)) blank(m.index ?? 0, (m.index ?? 0) + m[0].length)
  }
  const aud = AUDIENCE_PHRASE.exec(mask.join(''))
  if (aud) blank(aud.index, aud.index + aud[0].length)
  const cmd = COMMAND.exec(mask.join('').trimStart())
  if (cmd) {
    const lead = mask.join('').length - mask.join('').trimStart().length
    blank(lead, lead + cmd[0].length)
  }

  // What is left, in the original spelling, is the title.
  let title = ''
  for (let i = 0; i < mask.length; i++) title += mask[i] === ' ' ? ' ' : sameLength ? original[i] : mask[i]
  title = title
    .replace(/\s+/g, ' ')
    .replace(/^[\s,.;:–-]+|[\s,.;:–-]+$/g, '')
    .replace(/^(?:(?:về|ve|việc|viec|là|la|để|de|đi|di)\s+)+/i, '')
    .replace(/\s+(?:vào|vao|lúc|luc|ngày|ngay|tại|tai)$/i, '')
    .trim()
  if (title) title = title[0]!.toUpperCase() + title.slice(1)
  return { kind, title: title || null, location, audience, placeNames, badDate }
}

/** A place name as typed ("thôn 5", "làng Kon Trang") matched against the officer's places, without diacritics. */
export function findPlace(name: string, candidates: readonly PlaceRow[]): PlaceRow | null {
  const key = (s: string) =>
    fold(s.toLowerCase())
      .replace(/đ/g, 'd')
      .replace(/^(thon|lang|plei|xa|to dan pho|thi tran)\s+/, '')
      .replace(/[^a-z0-9]+/g, ' ')
      .trim()
  const wanted = key(name)
  if (!wanted) return null
  const exact = candidates.find((c) => key(c.name) === wanted)
  if (exact) return exact
  // "thôn 05" is "thôn 5".
  const num = /^0*(\d+)$/.exec(wanted)
  if (num) return candidates.find((c) => /^0*(\d+)$/.exec(key(c.name))?.[1] === num[1]) ?? null
  return null
}
