import { searchFold } from './fold.ts'

/*
 * Provinces and centrally-run cities of Viet Nam, both the 63 names before the 2025 merger and the 34 after
 * (people keep using the old names), minus Kon Tum and Quảng Ngãi — the area this assistant covers.
 * Written with diacritics; matching folds them, so "Gia Lai", "gia lai" and "GIA LAI" all match.
 */
const PROVINCES = [
  'Hà Nội', 'Thành phố Hồ Chí Minh', 'Hồ Chí Minh', 'TP HCM', 'TPHCM', 'HCM', 'Sài Gòn', 'Hải Phòng', 'Đà Nẵng', 'Cần Thơ', 'Huế',
  'Thừa Thiên Huế', 'An Giang', 'Bà Rịa Vũng Tàu', 'Vũng Tàu', 'Bắc Giang', 'Bắc Kạn', 'Bạc Liêu', 'Bắc Ninh', 'Bến Tre',
  'Bình Định', 'Bình Dương', 'Bình Phước', 'Bình Thuận', 'Cà Mau', 'Cao Bằng', 'Đắk Lắk', 'Đắk Nông', 'Điện Biên',
  'Đồng Nai', 'Đồng Tháp', 'Gia Lai', 'Hà Giang', 'Hà Nam', 'Hà Tĩnh', 'Hải Dương', 'Hậu Giang', 'Hòa Bình', 'Hưng Yên',
  'Khánh Hòa', 'Kiên Giang', 'Lai Châu', 'Lâm Đồng', 'Lạng Sơn', 'Lào Cai', 'Long An', 'Nam Định', 'Nghệ An',
  'Ninh Bình', 'Ninh Thuận', 'Phú Thọ', 'Phú Yên', 'Quảng Bình', 'Quảng Nam', 'Quảng Ninh', 'Quảng Trị', 'Sóc Trăng',
  'Sơn La', 'Tây Ninh', 'Thái Bình', 'Thái Nguyên', 'Thanh Hóa', 'Tiền Giang', 'Trà Vinh', 'Tuyên Quang', 'Vĩnh Long',
  'Vĩnh Phúc', 'Yên Bái',
]

/*
 * Names whose folded form is also an everyday phrase: "hà năm" → "ha nam", "diễn biến" → "dien bien",
 * "làm đồng" → "lam dong", "hai phòng" (two rooms), "cần thợ" (need workers), "đa năng", "cao bằng", "hòa bình"
 * (peace), "thái bình", "Huệ" (a given name), "tham gia lại" → "gia lai", "cá mau", "lòng an". Matched only after
 * "tỉnh", "thành phố", "TP" or "ở", or when the message is typed with diacritics and the name is spelled exactly.
 */
const AMBIGUOUS = new Set(
  [
    'Hà Nam', 'Hà Tĩnh', 'Điện Biên', 'Lâm Đồng', 'Hải Phòng', 'Cần Thơ', 'Đà Nẵng', 'Cao Bằng', 'Hòa Bình', 'Thái Bình', 'Huế',
    'Hải Dương', 'Gia Lai', 'Cà Mau', 'Long An',
  ].map(searchFold),
)

const PREFIX = '(?:tinh|thanh pho|tp|o)'

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

// Old ("hoà") and new ("hòa") tone placement must compare equal when matching with diacritics.
const OLD_TONE_PLACEMENT: [RegExp, string][] = [
  [/oà/g, 'òa'], [/oá/g, 'óa'], [/oả/g, 'ỏa'], [/oã/g, 'õa'], [/oạ/g, 'ọa'],
  [/uỳ/g, 'ùy'], [/uý/g, 'úy'], [/uỷ/g, 'ủy'], [/uỹ/g, 'ũy'], [/uỵ/g, 'ụy'],
]

/** Lower case, NFC, new-style tone placement, Đắk/Đăk unified; diacritics kept. */
function normalizeAccented(text: string): string {
  let out = text.normalize('NFC').toLowerCase().replace(/đắk/g, 'đăk')
  for (const [pattern, replacement] of OLD_TONE_PLACEMENT) out = out.replace(pattern, replacement)
  return ` ${out.replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `
}

// "Đăk Hà năm nay", "Đăk Hà tính theo…", "Đăk Hà nói chung" are about our own area, not Hà Nam / Hà Tĩnh / Hà Nội.
const NOT_AFTER_DAK = '(?<!\\bdak )'

const FOLDED_PATTERNS = PROVINCES.map((name) => {
  const folded = searchFold(name)
  const body = `${NOT_AFTER_DAK}\\b${escape(folded)}\\b`
  return new RegExp(AMBIGUOUS.has(folded) ? `\\b${PREFIX} ${body}` : body)
})
// A name that has no diacritics ("Gia Lai", "Long An") is evidence only when capitalised like a name.
const AMBIGUOUS_ACCENTED = PROVINCES.filter((name) => AMBIGUOUS.has(searchFold(name)) && searchFold(name) !== name.toLowerCase()).map(normalizeAccented)
const AMBIGUOUS_CAPITALISED = PROVINCES.filter((name) => AMBIGUOUS.has(searchFold(name)) && searchFold(name) === name.toLowerCase()).map(
  (name) => new RegExp(`(?<![\\p{L}])${escape(name)}(?![\\p{L}])`, 'u'),
)

// "ở tỉnh khác", "tinh ngoai": no name, but clearly not our area.
const OTHER_PROVINCE_WORDS = /\b(?:tinh khac|tinh ngoai|ngoai tinh|o tinh ban|tinh ban)\b/

/**
 * Whether `text` asks about a province other than Kon Tum / Quảng Ngãi (the former Đăk Hà area), so the
 * answer should say the content covers national policy and the former Đăk Hà area only.
 *
 * @example mentionsOtherProvince('hộ nghèo ở Gia Lai được vay bao nhiêu') // true
 * @example mentionsOtherProvince('ho ngheo dak ha nam 2026') // false — "hà năm" is not Hà Nam
 */
export function mentionsOtherProvince(text: string): boolean {
  const folded = searchFold(text)
  if (OTHER_PROVINCE_WORDS.test(folded)) return true
  if (FOLDED_PATTERNS.some((pattern) => pattern.test(folded))) return true
  // An everyday-phrase name counts without "tỉnh" only when spelled exactly with its diacritics.
  const accented = normalizeAccented(text)
  if (AMBIGUOUS_CAPITALISED.some((pattern) => pattern.test(text))) return true
  return AMBIGUOUS_ACCENTED.some((name) => accented.includes(name) && !accented.includes(` đăk${name}`))
}
