import { scrub } from './logger.ts'

/**
 * Removes what identifies a person from free text before it is stored for review: phone numbers, e-mail addresses,
 * runs of 9+ digits (CCCD/ID and account numbers) and runs of two or more capitalised words (how Vietnamese
 * names are written: "Nguyễn Văn An"). Place names written the same way go too; the place is kept separately.
 * Money amounts ("15.000.000") stay: they help officers see what was asked.
 */
export function removePersonalData(text: string): string {
  return scrub(text.replace(/(?<!\d)\d{9,}(?!\d)/g, '[số]'))
    .replace(/\p{Lu}[\p{Ll}\p{M}]*(?:\s+\p{Lu}[\p{Ll}\p{M}]*)+/gu, '[tên]')
}
