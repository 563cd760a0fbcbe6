import { searchFold } from './fold.ts'

// Question phrases whose syllables, once folded, collide with policy words: "bao nhiêu" vs "bảo hiểm",
// "thế nào" vs "thẻ BHYT", "làm sao" vs "làm nhà". They are cut out before the words are indexed.
const QUESTION_PHRASES =
  /\b(nhu the nao|lam the nao|the nao|nhu nao|bao nhieu|lam sao|o dau|khi nao|bao gio|tai sao|vi sao|duoc khong|hay khong|co khong|co phai)\b/g

// Function words and chat fillers (folded). Not here on purpose, because their folded form is also a
// policy word: vay (vậy / vay), nha (nhà), the (thẻ), lam (làm nhà), can (cận nghèo), lai (lãi suất),
// chi (chỉ số), dang (đăng ký), da (đa chiều).
const STOPWORDS = new Set(
  (
    'a ah ak la gi j co khong ko k kg hok hong dc duoc thi ma va voi vs cua cho toi tui minh em anh ban oi nhe nhi ' +
    'ne nua roi se o tai nay do nao sao ve hoi muon biet xin cam on nhung cac mot nhieu it rat qua e ad admin shop ' +
    'vui long giup'
  ).split(' '),
)

/** Where a question or a content field breaks into independent pieces; no two-word term spans a break. */
const SEGMENT_BREAK = /[\n.,;:!?()|"“”…/+&]+/g
const BREAK = 'zzbreakzz'

/**
 * Index and query terms for Vietnamese text: folded words without stop words, plus each pair of adjacent
 * content words as one term ("bao_hiem", "hiem_y", "y_te"). Pairs are what tell "bảo hiểm" from "bao nhiêu"
 * and "hộ nghèo" from "hộ chính sách" once diacritics are gone.
 *
 * @example tokenize('Bảo hiểm y tế bao nhiêu?') // ['bao', 'hiem', 'y', 'te', 'bao_hiem', 'hiem_y', 'y_te']
 */
export function tokenize(text: string): string[] {
  const terms: string[] = []
  // Fold once for the whole text (NFD is the costly step); breaks survive folding as a marker word.
  const folded = searchFold(text.replace(SEGMENT_BREAK, ` ${BREAK} `)).replace(QUESTION_PHRASES, BREAK)
  for (const piece of folded.split(BREAK)) {
    const words = piece.split(' ')
    const pairs: string[] = []
    let previous: string | undefined
    for (const word of words) {
      if (word === '' || STOPWORDS.has(word)) {
        previous = undefined
        continue
      }
      terms.push(word)
      if (previous !== undefined) pairs.push(`${previous}_${word}`)
      previous = word
    }
    terms.push(...pairs)
  }
  return terms
}

// Words that join two questions in one message: "BHYT và vay vốn", "học phí hay tiền điện".
const CONJUNCTION = /\b(?:va|voi|hoac|hay|cung nhu|ngoai ra)\b/

/** Pieces of a message that may each ask about a different topic, folded. */
export function questionParts(text: string): string[] {
  return text
    .split(/[,;+&\n]/)
    .flatMap((piece) => searchFold(piece).split(CONJUNCTION))
    .map((part) => part.trim())
    .filter((part) => part !== '')
}
