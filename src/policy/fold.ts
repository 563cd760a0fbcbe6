/**
 * Fold Vietnamese text for matching: lower case, diacritics removed, đ→d, runs of anything that is not a
 * letter or digit turned into one space. "Bảo hiểm Y TẾ" and "bao hiem y te" fold to the same string,
 * which is what residents typing without a Vietnamese keyboard need.
 *
 * Kept local and tiny on purpose: retrieval must not change behaviour when the NLU normalizer evolves.
 *
 * @example searchFold('Đăk Hà, Quảng Ngãi') // 'dak ha quang ngai'
 */
export function searchFold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
}

/** The folded words of `text`, in order. */
export function foldedWords(text: string): string[] {
  const folded = searchFold(text)
  return folded === '' ? [] : folded.split(' ')
}
