/**
 * Folding for the register: what officers type and what communes write rarely agree on diacritics, case,
 * apostrophes or spacing ("Ksor H'Lan", "ksor h lan", "KSOR HLAN"; "Đăk Pxi", "Dak Pxi").
 */

const APOSTROPHES = /['’‘`ʼ´]/g

/** Lower case, diacritics removed, đ→d, apostrophes dropped, anything else that is not a letter or digit a space. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(APOSTROPHES, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
}

/**
 * The search key of a person's name: folded, without spaces. Ethnic-minority names are written with and
 * without the apostrophe and the space after a prefix ("H'Lan", "H Lan", "Hlan"); all give "hlan".
 * @example nameKey("Ksor H'Lan") // 'ksorhlan'
 */
export function nameKey(text: string): string {
  return foldText(text).replace(/ /g, '')
}

/** Text as stored: NFC (Windows-1258 decodes to combining marks), trimmed, inner spaces collapsed. */
export function cleanText(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim()
}
