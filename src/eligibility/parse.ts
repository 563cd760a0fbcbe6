import { MAX_REASONABLE_VND, parseMoney } from '../nlu/money.ts'
import { MAX_MEMBERS, parseMembers } from '../nlu/members.ts'
import { fold, normalizeTokens } from '../nlu/normalize.ts'
import { parseNumberLiteral, parseWordNumber } from '../nlu/numbers.ts'
import type { Answer, IncomeAnswer } from './state.ts'

/**
 * Typed replies inside the check, as residents write them: with or without diacritics, teencode ("k", "ko"),
 * a polite particle ("có ạ", "không nhé"). Every matcher here is exact on the short reply, so a longer message
 * (a policy question) is never mistaken for an answer.
 */

/** Polite particles and pronouns that do not change a short answer ("có ạ", "dạ không", "em không biết"). */
const FILLERS = new Set(['a', 'nhe', 'nha', 'nhen', 'ah', 'oi', 'ban', 'ad', 'em', 'anh', 'chi', 'toi', 'minh', 'thi', 'vay', 'ha', 'day', 'luon'])

/** The reply folded (no diacritics), teencode expanded, fillers dropped: "Có ạ!" → "co". */
export function shortForm(text: string): string {
  return normalizeTokens(text)
    .map(fold)
    .filter((w) => !FILLERS.has(w))
    .join(' ')
}

/** The reply with diacritics kept (to tell "dừng" from "đúng"), lowercased and normalised. */
function accentedForm(text: string): string {
  return normalizeTokens(text).join(' ')
}

const CANCEL = new Set(['huy', 'huy bo', 'huy kiem tra', 'thoat', 'dung lai', 'thoi', 'thoi khong kiem tra nua', 'khong kiem tra nua', 'ket thuc', 'cancel', 'stop', 'quit'])
const BACK = new Set(['quay lai', 'quay lai cau truoc', 'lui', 'lui lai', 'tro lai', 'cau truoc', 'sua', 'sua lai', 'sua cau truoc', 'back'])
const RESTART = new Set(['lam lai', 'lam lai tu dau', 'bat dau lai', 'kiem tra lai', 'restart'])

export type Command = 'cancel' | 'back' | 'restart'

/** "hủy", "quay lại", "làm lại từ đầu"…; "dừng" stops but "dung" without diacritics is read as "đúng" (yes). */
export function parseCommand(text: string): Command | null {
  const form = shortForm(text)
  if (CANCEL.has(form) || /^dừng( lại)?$/.test(accentedForm(text))) return 'cancel'
  if (BACK.has(form)) return 'back'
  if (RESTART.has(form)) return 'restart'
  return null
}

const YES = new Set(['co', 'co co', 'co roi', 'u', 'uhm', 'um', 'vang', 'vang co', 'da', 'da co', 'dung', 'dung roi', 'dung vay', 'phai', 'yes', 'y', 'ok', 'co chu', 'dong y', 'chinh xac'])
const NO = new Set(['khong', 'khong co', 'khong a', 'da khong', 'chua', 'chua co', 'khong phai', 'sai', 'khong dung', 'no', 'n', 'hong', 'khong co dau', 'deo', 'ko'])
const UNKNOWN = new Set(['khong ro', 'khong biet', 'chua ro', 'chua biet', 'khong chac', 'khong nho', 'khong ro lam', 'khong biet nua', 'chiu', 'khong ro rang', 'khong chac chan'])

/** A yes/no/unknown reply to an indicator question, or null when the reply is something else. */
export function parseAnswer(text: string): Answer | null {
  const form = shortForm(text)
  if (UNKNOWN.has(form)) return 'unknown'
  if (YES.has(form)) return 'yes'
  if (NO.has(form)) return 'no'
  return null
}

const SAVE_YES = new Set([...YES, 'co ghi nho', 'ghi nho', 'luu', 'co luu', 'luu lai', 'nho giup'])
const SAVE_NO = new Set([...NO, 'khong luu', 'khong can', 'thoi', 'khong ghi nho', 'dung luu'])

/** The answer to "may I remember this result?", or null. */
export function parseConsent(text: string): boolean | null {
  const form = shortForm(text)
  if (SAVE_YES.has(form)) return true
  if (SAVE_NO.has(form)) return false
  return null
}

/** "nông thôn" / "thành thị" / "đô thị" typed; a place name is resolved by the caller. */
export function parseArea(text: string): 'rural' | 'urban' | null {
  // Fillers are kept: "thị" of "thành thị" folds to the particle "thì".
  const form = normalizeTokens(text).map(fold).join(' ')
  if (/\bnong thon\b/.test(form) || form === 'thon que' || form === 'que') return 'rural'
  if (/\b(thanh thi|do thi|thanh pho)\b/.test(form)) return 'urban'
  return null
}

export type MembersParse = { ok: true; members: number } | { ok: false; problem: 'notNumber' | 'outOfRange'; value?: number }

const PEOPLE_WORDS = new Set(['nguoi', 'khau', 'nhan', 'thanh', 'vien', 'ng'])

/**
 * Household size: "5", "5 người", "năm người", "nhà có 7 khẩu". A count of 0, a negative one or one above
 * {@link MAX_MEMBERS} is recognised as a count but refused, so the user is asked again with the range.
 */
export function parseMembersReply(text: string): MembersParse {
  const parsed = parseMembers(text)
  if (parsed !== undefined) return { ok: true, members: parsed }
  const tokens = normalizeTokens(text).map(fold)
  for (const token of tokens) {
    if (/^-\d+$/.test(token)) return { ok: false, problem: 'outOfRange', value: Number(token) }
    const literal = parseNumberLiteral(token)
    if (!literal) continue
    if (!Number.isInteger(literal.value)) return { ok: false, problem: 'notNumber' }
    return literal.value >= 1 && literal.value <= MAX_MEMBERS
      ? { ok: true, members: literal.value }
      : { ok: false, problem: 'outOfRange', value: literal.value }
  }
  // A number in words only when it is the whole reply: "ba" alone is 3, "nhà có ba mẹ…" is not.
  const word = parseWordNumber(tokens, 0)
  if (word && tokens.slice(word.next).every((t) => PEOPLE_WORDS.has(t))) {
    return word.value >= 1 && word.value <= MAX_MEMBERS
      ? { ok: true, members: word.value }
      : { ok: false, problem: 'outOfRange', value: word.value }
  }
  return { ok: false, problem: 'notNumber' }
}

/** Below this a monthly amount is a missing unit ("7" for "7 triệu"), not an income. */
export const MIN_INCOME_VND = 1_000

export type IncomeProblem = 'notMoney' | 'negative' | 'tooLarge' | 'zero' | 'several' | 'tooSmall' | 'noUnit'
export type IncomeParse =
  | { ok: true; income: IncomeAnswer }
  | { ok: false; problem: IncomeProblem; text?: string; bareNumber?: number }

const UNKNOWN_INCOME = new Set([...UNKNOWN, 'khong ro thu nhap', 'khong biet thu nhap', 'khong tinh duoc', 'khong co dinh', 'bap benh'])

/**
 * "mỗi người 1tr2", "1tr/người", "bình quân 800k", "1 triệu 2 một người": the amount is per person. Checked on
 * the folded text with its slashes, which the tokenizer drops.
 */
export function isPerPerson(text: string): boolean {
  const folded = fold(text.toLowerCase())
  if (/\/\s*(nguoi|ng|khau|dau nguoi)\b/.test(folded)) return true
  const form = normalizeTokens(text).map(fold).join(' ')
  return (
    /\b(moi nguoi|moi khau|moi dau nguoi|dau nguoi|binh quan|trung binh moi nguoi)\b/.test(form) ||
    /(?:\d|k|tr|trieu|ruoi|nghin|ngan|dong)\s+(?:1|mot)\s+(?:nguoi|khau)\b(?!\s+(?:di|lam|dang|o|co|bi|gia|khuyet))/.test(form)
  )
}

/**
 * Monthly income typed in the check: one amount (household total, or per person when the user says so), or
 * "không rõ". Anything the money parser refuses (negative, zero, above 10 tỷ) and several amounts at once are
 * problems to ask again about; `members` bounds a per-person amount the same way.
 */
export function parseIncomeReply(text: string, members: number | undefined): IncomeParse {
  if (UNKNOWN_INCOME.has(shortForm(text))) return { ok: true, income: { kind: 'unknown' } }
  const money = parseMoney(text)
  if (money.amountsVnd.length > 1) return { ok: false, problem: 'several' }
  const amount = money.amountsVnd[0]
  if (amount === undefined) {
    const rejected = money.rejected[0]
    if (rejected) return { ok: false, problem: rejected.reason === 'too_large' ? 'tooLarge' : rejected.reason, text: rejected.text }
    const bare = /^\s*(\d{1,3})\s*$/.exec(text)
    if (bare) return { ok: false, problem: 'noUnit', bareNumber: Number(bare[1]) }
    return { ok: false, problem: 'notMoney' }
  }
  if (money.rejected.length > 0) return { ok: false, problem: 'several' }
  if (amount < MIN_INCOME_VND) return { ok: false, problem: 'tooSmall' }
  const perPerson = isPerPerson(text) && members !== 1
  if (perPerson && amount * (members ?? 1) > MAX_REASONABLE_VND) return { ok: false, problem: 'tooLarge', text: text.trim() }
  return { ok: true, income: perPerson ? { kind: 'perPerson', vnd: amount } : { kind: 'total', vnd: amount } }
}
