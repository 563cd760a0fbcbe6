import type { Entities } from '../nlu/types.ts'
import { foldText } from './text.ts'
import type { Level } from './stats.ts'

/**
 * What an officer's chat message asks of the register: which household ("tra hộ Ksor H'Lan thôn Kon Gung",
 * "xem hộ DEMO-A01"), or which statistics ("số hộ nghèo xã Đăk Pxi năm 2021", "thôn nào nhiều hộ nghèo nhất",
 * "so sánh với năm ngoái", "năm 2027 xã mình thêm bao nhiêu hộ nghèo").
 *
 * The NLU gives the intent, the place, and a person's name and a household code when it sees them
 * (`personName`, `householdCode`); otherwise, and for codes of other shapes ("DEMO-A01") and the village, the words
 * around the name are read here.
 */

/** The entities a lookup uses. */
export type LookupEntities = Pick<Entities, 'place' | 'personName' | 'householdCode'>

export interface HouseholdAsk {
  code?: string
  name?: string
  village?: string
}

/** Words before the name or code, as typed with marks: the verbs and titles officers type ("tra cứu hộ ông", "xem giúp hộ bà"). */
const LEADING = [
  'tra cứu',
  'tra',
  'tìm kiếm',
  'tìm',
  'xem',
  'kiểm tra',
  'cho',
  'tôi',
  'mình',
  'em',
  'hỏi',
  'giúp',
  'dùm',
  'với',
  'thông tin',
  'hộ gia đình',
  'hồ sơ',
  'hộ',
  'chủ hộ',
  'của',
  'ông',
  'bà',
  'anh',
  'chị',
  'có',
  'gia đình',
  'nhà',
  'mã hộ',
  'mã số',
  'mã',
  'số',
  'tên',
  'là',
].map((phrase) => phrase.split(' '))

/** Words after it: the question ("có trong danh sách không", "là hộ nghèo hay cận nghèo"), as typed with marks. */
const TRAILING_CUES = ['có trong', 'có phải', 'có tên', 'có được', 'có còn', 'có là', 'là', 'thuộc', 'được', 'hiện', 'năm', 'như thế nào', 'thế nào', 'ra sao', 'không', 'nhé', 'với', 'giúp', 'nào', 'còn', 'đã', 'ạ'].map(
  (cue) => cue.split(' '),
)
/** Cue words that are also names when typed without marks ("Nam", "La", "Hiền", "Đà"): they cut only as typed with marks. */
const NAME_LIKE = new Set(['nam', 'la', 'hien', 'con', 'da', 'a', 'ho', 'ma', 'ba', 'co', 'chi', 'anh', 'em', 'so', 'ten', 'nha', 'tra', 'cho'])

/** Whether the word typed is the cue word: with its marks, or without marks for a word no name shares. */
function isCueWord(w: Word | undefined, cue: string, inPhrase = false): boolean {
  if (!w) return false
  const lower = w.text.toLowerCase()
  if (lower === cue) return true
  const plain = lower === w.folded
  return plain && (inPhrase || !NAME_LIKE.has(w.folded)) && foldText(cue) === w.folded
}

/** A village written after the name ("… thôn Kon Gung", "… ở làng Đăk Kang"). */
const VILLAGE_WORDS = ['thon', 'lang', 'buon', 'plei', 'xom', 'to dan pho', 'khu pho']

/** A household code: letters and digits joined by hyphens or dots, with at least one digit ("DEMO-A01", "HN-023", "0312"). */
const CODE = /^(?=[\p{L}\d.\-–/]*\d)[\p{L}\d]+(?:[-–./][\p{L}\d]+)*$/u

interface Word {
  text: string
  folded: string
}

function wordsOf(text: string): Word[] {
  return text
    .normalize('NFC')
    .replace(/[?!,;:"“”()]+/g, ' ')
    .split(/\s+/)
    .filter((w) => w !== '')
    .map((text) => ({ text, folded: foldText(text) }))
}

/** Drops the leading words from the start of `ws` for as long as one matches. */
function dropLeading(ws: Word[]): Word[] {
  let i = 0
  let moved = true
  while (moved && i < ws.length) {
    moved = false
    for (const phrase of LEADING) {
      if (phrase.every((part, k) => isCueWord(ws[i + k], part, phrase.length > 1))) {
        i += phrase.length
        moved = true
        break
      }
    }
  }
  // "tra ho ho van tam": typed without marks, the household word "ho" is dropped once; a second is Hồ, a name.
  if (i < ws.length && ws[i]!.folded === 'ho' && ws[i]!.text.toLowerCase() === 'ho' && !ws.slice(0, i).some((w) => w.folded === 'ho')) i++
  return ws.slice(i)
}

/**
 * The household a message asks about. A single word with a digit in it is a code; otherwise the words left after
 * the verbs and titles are the head's name, up to a village word ("thôn", "làng") or the question's own words.
 */
export function parseHouseholdAsk(text: string, entities: LookupEntities = {}): HouseholdAsk {
  const ws = dropLeading(wordsOf(text.slice(0, 300)))
  const ask: HouseholdAsk = {}

  // "… thôn Kon Gung": the village ends the name; what follows it is the village (until the question's words).
  let nameWords = ws
  const villageAt = ws.findIndex((_, i) => i > 0 && VILLAGE_WORDS.some((v) => v.split(' ').every((part, k) => ws[i + k]?.folded === part)))
  if (villageAt > 0) {
    nameWords = ws.slice(0, villageAt)
    const villageWords = cutTrailing(ws.slice(villageAt))
    if (villageWords.length > 1) ask.village = villageWords.map((w) => w.text).join(' ')
    // "… ở thôn …"
    if (nameWords[nameWords.length - 1]?.folded === 'o') nameWords = nameWords.slice(0, -1)
  }
  nameWords = cutTrailing(nameWords)

  const code = entities.householdCode ?? (nameWords.length === 1 && CODE.test(nameWords[0]!.text) ? nameWords[0]!.text : undefined)
  if (code) {
    ask.code = code
    delete ask.village
    return ask
  }
  const name = entities.personName ?? nameWords.map((w) => w.text).join(' ')
  ask.name = name.replace(/[.]+$/, '').trim()
  return ask
}

/** The words before the question's own words ("Y Bia có trong danh sách không" → "Y Bia"). */
function cutTrailing(ws: Word[]): Word[] {
  // A name keeps its own short words ("A Thuận", "Y Bia"): the cut comes after at least one word.
  for (let i = 1; i < ws.length; i++) {
    if (TRAILING_CUES.some((cue) => cue.every((part, k) => isCueWord(ws[i + k], part, cue.length > 1)))) return ws.slice(0, i)
  }
  return ws
}

/** What a statistics message asks. */
export interface StatsAsk {
  /** The year named ("năm 2021", "năm ngoái", "năm nay"). */
  year?: number
  /** The level asked for ("thôn nào", "theo xã"); absent: decided by the area. */
  level?: Level
  /** "so sánh", "so với": the change from the year before, place by place. */
  compare: boolean
  /** "nhiều … nhất": the place with the most poor households first. */
  most: boolean
  /** About 2027 or the new standard: the what-if. */
  whatIf: boolean
  /** A place named (from the NLU). */
  placeCode?: string
}

const WHAT_IF = /\b2027\b|chuan (ngheo )?moi|nghi dinh 351|nd 351|351\s?\/?\s?2025|\bnam sau\b|ap dung chuan/

/** Reads a statistics question; `now` gives "năm nay" and "năm ngoái". */
export function parseStatsAsk(text: string, entities: LookupEntities, thisYear: number): StatsAsk {
  const f = ` ${foldText(text.slice(0, 500))} `
  const ask: StatsAsk = { compare: /\bso sanh\b|\bso voi\b|\bthay doi\b|\btang giam\b|\bchenh lech\b/.test(f), most: /\bnhieu\b.*\bnhat\b|\bcao nhat\b|\bdong nhat\b/.test(f), whatIf: WHAT_IF.test(f) }
  const year = /\bnam (19\d\d|20\d\d)\b/.exec(f)?.[1] ?? /\b(20[0-4]\d)\b/.exec(f)?.[1]
  if (year && !(ask.whatIf && year === '2027')) ask.year = Number(year)
  else if (/\bnam (ngoai|truoc|roi)\b/.test(f) && !ask.compare) ask.year = thisYear - 1
  if (/\b(thon|lang|buon|plei|xom)\s+(nao|gi)\b|\btheo thon\b|\bcac thon\b|\btung thon\b|\bmoi thon\b/.test(f)) ask.level = 'village'
  else if (/\bxa nao\b|\btheo xa\b|\bcac xa\b|\btung xa\b|\bmoi xa\b/.test(f)) ask.level = 'commune'
  else if (/\bhuyen\b/.test(f) && !entities.place) ask.level = 'district'
  if (entities.place) ask.placeCode = entities.place
  return ask
}
