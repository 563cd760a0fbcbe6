/**
 * Removing what identifies a person from free text: before an unanswered question is stored for officers to
 * review, and (the number and address parts) in every log line. Money amounts, dates, household sizes, place names
 * and ordinary words stay: they are what officers need to see what was asked.
 *
 * Names are found three ways, from the most to the least certain:
 * 1. after a cue that introduces a name ("tên tôi là Lan", "tôi là nguyễn văn an", "em tên Hoa", "chồng tôi tên
 *    Bình"), in any case, with or without diacritics, including single given names;
 * 2. a run of capitalised words that starts with a Vietnamese family name or an ethnic-minority name part
 *    ("Trần Thị Mai", "Y Bia", "Ksor H'Lan", "Rơ Châm Phiang"), unless it is a known place or common compound;
 * 3. family name + "văn"/"thị" + given name in lower case ("nguyễn văn an").
 * A capitalised run with no family name first ("Đăk Hà", "Bảo Hiểm Y Tế") is left alone, and so is text written in
 * capitals or in Title Case throughout (unless a cue introduces the name).
 */

/** What replaces each kind of data in stored text (Vietnamese: officers read it). */
export const MASK = { name: '[tên]', phone: '[số điện thoại]', number: '[số]', email: '[email]' } as const

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu

/**
 * A run of digits, possibly in groups joined by single spaces, dots, commas, dashes or an area code's bracket
 * ("0123 4567 8901", "0912.345.678", "+84 912 345 678", "(091) 234 5678", "1.500.000"). A dot or comma that ends a
 * sentence is not part of it.
 */
const DIGIT_RUN = /\(?\+?(?<!\p{N})\d+(?:(?:[ .,-]|\) ?)\d+)*(?!\p{N}|[.,]\d)/gu

/** Thousands groups, as money is written: 1.500.000, 15,000,000, 2 500 000 (first group not starting with 0). */
const MONEY_SHAPE = /^(?:0|[1-9]\d{0,2})(?:([., \u00a0])\d{3})(?:\1\d{3})*$/
const MONEY_UNIT = /^\s?(?:đ\b|đồng|dong\b|vnđ|vnd|₫|k\b|nghìn|ngàn|triệu|trieu|tỷ|ty\b)/iu
/** Words just before a number that say it is an identity or account number, whatever it looks like. */
const ID_CUE = /(?:cmnd|cccd|cmt|căn cước|can cuoc|chứng minh|chung minh|định danh|dinh danh|stk|số tk|tài khoản|tai khoan|mã số|ma so|bhxh|bhyt|hộ chiếu)\W{0,12}$/iu

function digitMask(run: string, before: string, after: string): string | null {
  const digits = run.replace(/\D/g, '')
  if (digits.length < 9) return null
  const idCue = ID_CUE.test(before)
  // Amounts up to hundreds of billions of đồng, written with thousands separators, are money, not an ID. Groups
  // joined by spaces only count as money with a unit after them ("2 500 000 đồng"); "233 456 789" may be a CMND.
  const moneyShaped = digits.length <= 11 && MONEY_SHAPE.test(run) && (!/^\d+ /.test(run) || MONEY_UNIT.test(after))
  if (moneyShaped && !idCue) return null
  const national = digits.startsWith('84') ? digits.slice(2) : digits.startsWith('0') ? digits.slice(1) : null
  const prefixed = /^\(?(?:\+84|84|0)/.test(run)
  // A CCCD has 12 digits and starts with 0 too; a phone number has 10 (or 11 with 84).
  if (!idCue && prefixed && national !== null && national.length >= 9 && national.length <= 10 && digits.length !== 12) return MASK.phone
  return MASK.number
}

/** Removes phone, ID and account numbers and e-mail addresses; money amounts and short numbers stay. */
export function removeNumbersAndEmails(text: string, masks: { phone: string; number: string; email: string } = MASK): string {
  return text.replace(EMAIL, masks.email).replace(DIGIT_RUN, (run: string, offset: number, whole: string) => {
    const mask = digitMask(run, whole.slice(Math.max(0, offset - 30), offset), whole.slice(offset + run.length, offset + run.length + 8))
    if (mask === null) return run
    return mask === MASK.phone ? masks.phone : masks.number
  })
}

// ---------------------------------------------------------------------------------------------------------------
// Names

/** Lower case with diacritics removed and đ → d, for comparing words typed with or without a Vietnamese keyboard. */
function fold(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase()
}

const words = (list: string) => list.trim().split(/\s+/)

/** Family names (the most common Kinh ones, and those of the Mường, Tày, Nùng, Thái, Hmông, Dao and others). */
const FAMILY_NAMES = new Set(
  words(`nguyễn trần lê phạm hoàng huỳnh phan vũ võ đặng bùi đỗ hồ ngô dương lý đinh đoàn lâm trịnh mai cao
  trương lương quách tạ hà tô châu chu đào kiều lưu la lục mạc nông vi lò cầm quàng lường tòng giàng vàng sùng
  thào lầu mùa hạng sình chảo triệu bàn phùng tẩn lìu hầu thái khổng kim tăng thân hứa lã`),
)

/** Parts that begin the names of Tây Nguyên peoples (Ê Đê, Jrai, Ba Na, Xơ Đăng, Mnông…): Y Bia, Ksor H'Lan, A Thuận. */
const HIGHLAND_NAME_STARTS = new Set(words(`y a ksor siu rơ rcom rmah nay kpă puih rahlan niê êban mlô byă hđơk adrơng ktla bdap`))

/** Middle names that mark a full name in lower case: "nguyễn văn an", "trần thị mai". */
const MIDDLE_NAMES = new Set(words('văn thị'))

/** Capitalised runs that begin with a family name but are places or ordinary compounds. */
const NOT_NAMES = [
  'hà nội', 'hà giang', 'hà tĩnh', 'hà nam', 'hà đông', 'hà tiên', 'hồ chí minh', 'hồ sơ', 'hồ chứa', 'lâm đồng', 'lâm hà',
  'cao bằng', 'cao lãnh', 'cao su', 'cao tuổi', 'thái bình', 'thái nguyên', 'lý do', 'lý lịch', 'lương hưu', 'lương thực',
  'lương cơ sở', 'lương tối thiểu', 'lương tháng', 'mai táng', 'y tế', 'y sĩ', 'y bác sĩ', 'văn hóa', 'văn hoá', 'văn bản',
  'văn phòng', 'bàn giao', 'đào tạo', 'vi phạm', 'kim tiền', 'hạng mục', 'a lô', 'châu á', 'châu âu', 'châu phi',
  'châu đốc', 'châu thành', 'mai châu', 'thái lan', 'hoàng sa', 'lý sơn', 'phan thiết', 'phan rang', 'lục ngạn',
]

/**
 * Words that are not (the start of) a name after a cue: "tôi là hộ nghèo", "tôi là người dân tộc". Given names
 * that are also ordinary words (An, Bình, Hoa, Lan, Thành, Trường…) are kept out of this list; the phrases below
 * catch their ordinary uses ("thành viên").
 */
const NOT_NAME_WORDS = new Set(
  words(`ở tại từ thuộc sống đang muốn cần hỏi xin nhờ năm nay tuổi có không là và với của nhà hộ gia đình người dân
  tộc nông làm bị được cho thì mà nhưng vì nên đã sẽ rồi nhé nhe nha ạ à ơi nè đây này đó kia ấy biết xem thôn xã huyện
  tỉnh làng buôn bản ấp phường quận số điện thoại sđt cccd cmnd mã email tài khoản học giáo cán bộ công chủ trưởng mình
  tôi em anh chị cháu bạn ai gì sao nào đâu bao nhiêu rất cũng chỉ còn mới lại đi về đến tới ra vào lên xuống một hai ba
  bốn sáu bảy tám chín mười nghèo cận khó khăn khuyết tật thương binh liệt già yếu ốm đơn thân nữ kinh thiểu vợ chồng con
  bố mẹ cha ông bà cô chú bác dì thím mợ cậu thằng đứa vừa hiện bây giờ lúc khi hôm qua thấy nghe đọc gửi nhắn hay hoặc
  như thế vậy đúng sai ok vâng dạ ừ uh cảm ơn chào lỗi bot admin phụ đảng hội chức đội cựu chiến bệnh chính lao động tự
  do bán thợ hưu trí mồ côi góa goá diện đối tượng thuê trọ chủ tịch thư ký kế toán nội trợ ruộng rẫy nương phố trấn
  đồng bào nhân viên quản lý xóm tổ khu vực quê gốc`),
)

/** Two-word phrases whose first word is also a given name: "thành viên" is not Thành. */
const NOT_NAME_PHRASES = new Set(
  words(`thành_viên thành_phần thành_phố sinh_viên học_sinh công_an dân_quân y_tá bác_sĩ lái_xe trưởng_thôn bộ_đội phụ_nữ
  người_dân an_sinh an_toàn bình_thường hoa_màu lan_can mai_táng hải_sản sơn_la hà_nội tâm_thần đức_tin thu_nhập
  xuân_hạ nam_giới nam_bộ trung_bình trung_tâm quân_nhân quân_đội dân_tộc tài_khoản phúc_lợi lộc_ninh`).map((p) => p.replace('_', ' ')),
)

/** Words before a place name ("buôn Đăk Rơ Wa"), folded. */
const PLACE_WORDS = new Set(words('thon xa huyen tinh lang buon ban ap phuong quan pho duong song nui deo suoi khu to xom'))

/** Titles and kin words that may stand before a name and stay: "tôi là chị Lan" → "tôi là chị [tên]". */
const TITLES = new Set(words('anh chị em cô chú bác ông bà cháu con bạn thím dì cậu mợ'))

/** Same lists folded, for text typed without diacritics ("toi la ho ngheo"). */
const foldSet = (set: Set<string>) => new Set([...set].map(fold))
const NOT_NAME_FOLDED = foldSet(NOT_NAME_WORDS)
const NOT_NAME_PHRASES_FOLDED = foldSet(NOT_NAME_PHRASES)
const TITLES_FOLDED = foldSet(TITLES)
const MIDDLE_FOLDED = foldSet(MIDDLE_NAMES)

/**
 * Cues, as folded word sequences. "strong" ones name someone explicitly ("tên … là"): the next word is taken as a
 * name even when it is also an ordinary word ("tên tôi là Năm"). "weak" ones ("tôi là") are followed by a name only
 * when that word is not an ordinary word ("tôi là hộ nghèo").
 */
const PEOPLE = ['toi', 'em', 'minh', 'chau', 'con', 'tao', 'tui']
const KIN = ['chong', 'vo', 'con', 'bo', 'me', 'cha', 'ong', 'ba', 'anh', 'chi', 'em', 'chau', 'con trai', 'con gai']
const STRONG_CUES = [
  ...['ho va ten', 'ho ten', 'ten day du', 'ten that'].flatMap((c) => [`${c} la`, c]),
  ...PEOPLE.flatMap((p) => [`ten ${p} la`, `ten ${p}`, `ten cua ${p} la`, `${p} ten la`, `${p} ten`]),
  ...KIN.flatMap((k) => PEOPLE.flatMap((p) => [`${k} ${p} ten la`, `${k} ${p} ten`, `ten ${k} ${p} la`])),
  'ten la',
].map((c) => c.split(' '))
// "tên" alone is weak: "tên Lan" names someone, "tên xã" does not.
const WEAK_CUES = [...PEOPLE.map((p) => `${p} la`), 'ten', ...KIN.flatMap((k) => PEOPLE.map((p) => `${k} ${p} la`))].map((c) => c.split(' '))
// By first word, longest first, so "tên tôi là" wins over "tên".
const CUES = new Map<string, { words: string[]; strong: boolean }[]>()
for (const cue of [...STRONG_CUES.map((words) => ({ words, strong: true })), ...WEAK_CUES.map((words) => ({ words, strong: false }))]) {
  const list = CUES.get(cue.words[0]!) ?? []
  list.push(cue)
  list.sort((a, b) => b.words.length - a.words.length)
  CUES.set(cue.words[0]!, list)
}

const MAX_NAME_WORDS = 5

interface Token {
  text: string
  start: number
  end: number
  folded: string
}

/** Words (letters, marks, apostrophes inside: H'Lan) with their positions; everything else separates. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  // A mask already in the text ("[tên]") is not words: it must not read as the cue "tên".
  for (const m of text.matchAll(/\[[^\]\s]*(?: [^\]\s]*)*\]|[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*/gu)) {
    if (m[0].startsWith('[')) continue
    tokens.push({ text: m[0], start: m.index, end: m.index + m[0].length, folded: fold(m[0]) })
  }
  return tokens
}

const isCapitalised = (w: string) => /^\p{Lu}[\p{Ll}\p{M}]*(?:['’]\p{Lu}?[\p{Ll}\p{M}]*)?$/u.test(w) || /^H['’]\p{Lu}/u.test(w)
const isAllCaps = (w: string) => w.length > 1 && w === w.toUpperCase() && w !== w.toLowerCase()
/** Only separators that may sit between the words of one name (a space, nothing else). */
const joinedBySpace = (text: string, a: Token, b: Token) => /^[ \t]+$/.test(text.slice(a.end, b.start))
const hasDiacritics = (t: Token) => t.folded !== t.text.toLowerCase()

function isOrdinaryWord(t: Token): boolean {
  return hasDiacritics(t) ? NOT_NAME_WORDS.has(t.text.toLowerCase()) : NOT_NAME_FOLDED.has(t.folded)
}

/** Whether tokens `i` and `i + 1` form an ordinary phrase ("thành viên"), with or without diacritics. */
function isOrdinaryPhrase(tokens: Token[], i: number): boolean {
  const a = tokens[i]
  const b = tokens[i + 1]
  if (!a || !b) return false
  const accented = hasDiacritics(a) || hasDiacritics(b)
  return accented ? NOT_NAME_PHRASES.has(`${a.text.toLowerCase()} ${b.text.toLowerCase()}`) : NOT_NAME_PHRASES_FOLDED.has(`${a.folded} ${b.folded}`)
}

function startsNotName(tokens: Token[], i: number): boolean {
  for (const compound of NOT_NAMES) {
    const parts = compound.split(' ')
    if (parts.every((p, k) => tokens[i + k]?.text.toLowerCase() === p)) return true
  }
  return false
}

/** The name words after a cue ending at token `i - 1`: [first, last] token indexes, or null. */
function nameAfterCue(text: string, tokens: Token[], i: number, strong: boolean, casingMeaningful: boolean): [number, number] | null {
  let first = i
  if (!tokens[first] || !joinedBySpace(text, tokens[first - 1]!, tokens[first]!)) return null
  // "tôi là chị Lan": the title stays, the name after it goes.
  if (TITLES_FOLDED.has(tokens[first]!.folded) && tokens[first + 1] && joinedBySpace(text, tokens[first]!, tokens[first + 1]!)) {
    const next = tokens[first + 1]!
    if ((!isOrdinaryWord(next) && !isOrdinaryPhrase(tokens, first + 1)) || isCapitalised(next.text)) first++
  }
  const head = tokens[first]!
  // A title with no name after it ("tôi tên chị [tên]") is not a name.
  if (first === i && TITLES_FOLDED.has(head.folded)) return null
  if (isOrdinaryPhrase(tokens, first)) return null
  // "a thuận", "y bia": Tây Nguyên names begin with a word that is otherwise a letter or an interjection.
  const highland = HIGHLAND_NAME_STARTS.has(head.text.toLowerCase()) && tokens[first + 1] !== undefined && joinedBySpace(text, head, tokens[first + 1]!)
  // A family name followed by "văn"/"thị" is a name even when the family name is also an ordinary word ("hồ").
  const middleNext = tokens[first + 1] !== undefined && MIDDLE_FOLDED.has(tokens[first + 1]!.folded)
  if (isOrdinaryWord(head) && !middleNext && !highland) {
    if (QUESTION_WORDS.has(head.folded)) return null
    // After "tên … là" the next word is a name; after "tôi là" only when written with a capital ("tôi là Nam").
    if (!strong && !(casingMeaningful && isCapitalised(head.text))) return null
  }
  let last = first
  while (last + 1 < tokens.length && last - first + 1 < MAX_NAME_WORDS) {
    const next = tokens[last + 1]!
    if (!joinedBySpace(text, tokens[last]!, next)) break
    if (isOrdinaryPhrase(tokens, last + 1)) break
    if (isOrdinaryWord(next) && !MIDDLE_FOLDED.has(next.folded) && !isCapitalised(next.text)) break
    // In mixed-case text a lower-case word after capitalised name words ends the name ("Lan muốn hỏi").
    if (isCapitalised(head.text) && !isCapitalised(next.text) && !isAllCaps(next.text)) break
    last++
  }
  return [first, last]
}

const QUESTION_WORDS = new Set(words('gi ai la cua khong duoc va o thi ma nhu nao sao chua'))

function matchCue(text: string, tokens: Token[], i: number): { length: number; strong: boolean } | null {
  for (const cue of CUES.get(tokens[i]!.folded) ?? []) {
    const matches = cue.words.every((w, k) => tokens[i + k]?.folded === w && (k === 0 || joinedBySpace(text, tokens[i + k - 1]!, tokens[i + k]!)))
    if (matches) return { length: cue.words.length, strong: cue.strong }
  }
  return null
}

/** Token ranges [first, last] that are names. */
function findNames(text: string): [number, number][] {
  const tokens = tokenize(text)
  const found: [number, number][] = []
  // Text in Title Case or capitals throughout ("Hộ Nghèo Được Gì"): capitals say nothing about names there. Told by
  // the ordinary words: in ordinary writing they are in lower case.
  const ordinary = tokens.filter((t) => isOrdinaryWord(t))
  const ordinaryCapitalised = ordinary.filter((t) => isCapitalised(t.text) || isAllCaps(t.text)).length
  const casingMeaningful = !(ordinary.length >= 2 && ordinaryCapitalised / ordinary.length >= 0.85)
  let i = 0
  while (i < tokens.length) {
    const cue = matchCue(text, tokens, i)
    if (cue) {
      const span = nameAfterCue(text, tokens, i + cue.length, cue.strong, casingMeaningful)
      if (span) {
        found.push(span)
        i = span[1] + 1
        continue
      }
      i += cue.length
      continue
    }
    const t = tokens[i]!
    const lower = t.text.toLowerCase()
    if (casingMeaningful && isCapitalised(t.text)) {
      let last = i
      while (last + 1 < tokens.length && joinedBySpace(text, tokens[last]!, tokens[last + 1]!) && isCapitalised(tokens[last + 1]!.text)) last++
      // A place: "buôn Đăk Rơ Wa", "xã Ia Chim". Its words are never a name.
      const previous = tokens[i - 1]
      const place = previous !== undefined && joinedBySpace(text, previous, t) && PLACE_WORDS.has(previous.folded)
      const nameStart = FAMILY_NAMES.has(lower) || HIGHLAND_NAME_STARTS.has(lower) || /^h['’]/i.test(lower)
      if (!place && nameStart && !startsNotName(tokens, i) && (last > i || /^h['’]/i.test(lower))) {
        const end = Math.min(last, i + MAX_NAME_WORDS - 1)
        found.push([i, end])
        i = end + 1
        continue
      }
      // Not a name from its first word: skip the whole run ("Đăk Rơ Wa" holds "Rơ", a name part), except that the
      // first word of a sentence is capitalised anyway ("Xin chào Y Bia"): look again from the next word.
      const sentenceStart = i === 0 || /[.!?:;\n]\s*$/.test(text.slice(0, t.start))
      i = sentenceStart && !place && last > i && isOrdinaryWord(t) ? i + 1 : last + 1
      continue
    }
    // "chị Lan", "ông Ksor Ben": a title in lower case before capitalised words.
    const after = tokens[i + 1]
    if (casingMeaningful && TITLES.has(t.text) && after && joinedBySpace(text, t, after) && isCapitalised(after.text) && !startsNotName(tokens, i + 1)) {
      let last = i + 1
      while (last + 1 < tokens.length && last - i < MAX_NAME_WORDS && joinedBySpace(text, tokens[last]!, tokens[last + 1]!) && isCapitalised(tokens[last + 1]!.text)) last++
      found.push([i + 1, last])
      i = last + 1
      continue
    }
    // "nguyễn văn an": family name + văn/thị + given name, in any case, with diacritics (so "do thi" stays).
    const middle = tokens[i + 1]
    const given = tokens[i + 2]
    if (
      FAMILY_NAMES.has(lower) &&
      hasDiacritics(t) &&
      middle &&
      given &&
      MIDDLE_NAMES.has(middle.text.toLowerCase()) &&
      joinedBySpace(text, t, middle) &&
      joinedBySpace(text, middle, given) &&
      !isOrdinaryWord(given) &&
      !startsNotName(tokens, i)
    ) {
      let last = i + 2
      if (tokens[last + 1] && joinedBySpace(text, tokens[last]!, tokens[last + 1]!) && !isOrdinaryWord(tokens[last + 1]!) && !MIDDLE_NAMES.has(tokens[last + 1]!.text.toLowerCase())) last++
      found.push([i, last])
      i = last + 1
      continue
    }
    i++
  }
  return found.map(([a, b]) => [tokens[a]!.start, tokens[b]!.end])
}

/** Replaces people's names with `[tên]`. */
export function removeNames(text: string): string {
  const spans = findNames(text)
  let out = ''
  let at = 0
  for (const [start, end] of spans) {
    out += text.slice(at, start) + MASK.name
    at = end
  }
  return out + text.slice(at)
}

/**
 * Removes what identifies a person from free text before it is stored for review: names, phone numbers, ID (CMND
 * 9 digits, CCCD 12) and account numbers, e-mail addresses.
 *
 * @example removePersonalData('tôi là nguyễn văn an, sđt 0912.345.678, thu nhập 1.500.000') // 'tôi là [tên], sđt [số điện thoại], thu nhập 1.500.000'
 */
export function removePersonalData(text: string): string {
  let out = removeNumbersAndEmails(text.normalize('NFC'))
  // Removing a name can change what the rest of the text looks like (how much of it is in capitals), so look again
  // until nothing changes: a second pass never finds more.
  for (let pass = 0; pass < 4; pass++) {
    const next = removeNames(out)
    if (next === out) break
    out = next
  }
  return out
}
