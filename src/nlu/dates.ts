import { VN_OFFSET_MS } from '../clock.ts'
import { analyzeText } from './normalize.ts'
import { mentionsAny, parseNumberLiteral, parseWordNumber } from './numbers.ts'

/**
 * Dates and times in Vietnamese chat, resolved in Asia/Ho_Chi_Minh (UTC+7, no daylight saving) against a
 * given "now": "15/12", "ngày 20/12/2026", "20 tháng 12", "mùng 5", "8h sáng mai", "14h30", "3 giờ chiều",
 * "thứ hai tuần sau", "chủ nhật", "hôm nay", "ngày kia", "3 ngày nữa".
 */

const DAY_MS = 24 * 3600 * 1000

/** A resolved date: ISO with +07:00, and whether the text gave a time of day (else 00:00). */
export interface ParsedDate {
  iso: string
  hasTime: boolean
}

interface Ymd {
  y: number
  m: number
  d: number
}

const DATE_TOKEN = /^(\d{1,2})([/.-])(\d{1,2})(?:\2(\d{4}|\d{2}))?$/
const TIME_TOKEN = /^(\d{1,2})(?:h|g|:)(\d{1,2})?(?:p|ph|phut)?$/
/** Monday = 0 … Sunday = 6 (Vietnamese weeks start on Monday). */
const WEEKDAY_WORDS: Record<string, number> = { hai: 0, '2': 0, ba: 1, '3': 1, tu: 2, '4': 2, nam: 3, '5': 3, sau: 4, '6': 4, bay: 5, '7': 5 }
const SHORT_WEEKDAY: Record<string, number> = { t2: 0, t3: 1, t4: 2, t5: 3, t6: 4, t7: 5, cn: 6 }
const DAY_PREFIX = new Set(['ngay', 'mung', 'mong', 'hom'])
/** "chị Mai", "cô Mai" are people, not tomorrow. */
const PERSON_TITLES = new Set(['chi', 'anh', 'em', 'co', 'ba', 'ong', 'chu', 'bac', 'di', 'thim', 'mo', 'ban', 'can', 'bo'])
const PART_OF_DAY = /^(sang|trua|chieu|toi|dem)$/

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate()
}

function valid({ y, m, d }: Ymd): boolean {
  return Number.isInteger(y) && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m)
}

function addDays(base: Ymd, n: number): Ymd {
  const t = new Date(Date.UTC(base.y, base.m - 1, base.d) + n * DAY_MS)
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() }
}

function compare(a: Ymd, b: Ymd): number {
  return a.y - b.y || a.m - b.m || a.d - b.d
}

/** First words of a number written out; other words cannot start one, so parsing them is skipped. */
const NUMBER_WORDS = new Set(['mot', 'hai', 'ba', 'bon', 'nam', 'sau', 'bay', 'tam', 'chin', 'muoi', 'tram'])

function small(tokens: readonly string[], i: number): { value: number; next: number } | undefined {
  const t = tokens[i]
  if (t === undefined) return undefined
  const c = t.charCodeAt(0)
  if (!(c >= 48 && c <= 57) && !NUMBER_WORDS.has(t)) return undefined
  const lit = parseNumberLiteral(t)
  if (lit) return Number.isInteger(lit.value) && t.length <= 4 ? { value: lit.value, next: i + 1 } : undefined
  const w = parseWordNumber(tokens, i)
  return w ? { value: w.value, next: w.next } : undefined
}

function fullYear(y: number): number {
  return y < 100 ? 2000 + y : y
}

/** A date without a year is the next one on or after today ("15/12" said on 20/12 is next year's). */
function withYear(m: number, d: number, year: number | undefined, today: Ymd): Ymd | undefined {
  if (year !== undefined) {
    const r = { y: fullYear(year), m, d }
    return valid(r) ? r : undefined
  }
  const r = { y: today.y, m, d }
  if (!valid({ ...r, y: 2024 })) return undefined // 29/2 is a valid day-month in some year
  if (valid(r) && compare(r, today) >= 0) return r
  for (let y = today.y + 1; y <= today.y + 4; y++) if (valid({ y, m, d })) return { y, m, d }
  return undefined
}

interface Found {
  date?: Ymd
  time?: { h: number; min: number; at: number; end: number }
}

function findDate(tokens: readonly string[], accented: readonly string[], today: Ymd): Ymd | undefined {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string
    const next = tokens[i + 1]
    const dm = DATE_TOKEN.exec(t)
    if (dm && (dm[2] !== '.' || dm[4] !== undefined)) {
      const r = withYear(Number(dm[3]), Number(dm[1]), dm[4] === undefined ? undefined : Number(dm[4]), today)
      if (r) return r
    }
    // "ngày 20 tháng 12 (năm 2026)", "mùng 5 tháng 1", "20 tháng 12"; "ngày 5" alone is this month or next.
    const prefixed = DAY_PREFIX.has(t) && t !== 'hom'
    const dayAt = prefixed ? i + 1 : i
    if (prefixed || /^\d{1,2}$/.test(t)) {
      const day = small(tokens, dayAt)
      if (day && day.value >= 1 && day.value <= 31) {
        if (tokens[day.next] === 'thang') {
          const month = small(tokens, day.next + 1)
          if (month && month.value >= 1 && month.value <= 12) {
            let year: number | undefined
            if (tokens[month.next] === 'nam') {
              const y = parseNumberLiteral(tokens[month.next + 1] ?? '')
              if (y && /^\d{4}$/.test(tokens[month.next + 1] ?? '')) year = y.value
            }
            const r = withYear(month.value, day.value, year, today)
            if (r) return r
          }
        } else if (prefixed && !(t === 'ngay' && /^(mot|1)$/.test(tokens[dayAt] ?? '') && accented[dayAt] !== 'một' && tokens[dayAt] === 'mot')) {
          const thisMonth = { y: today.y, m: today.m, d: day.value }
          if (valid(thisMonth) && compare(thisMonth, today) >= 0) return thisMonth
          const nm = addDays({ y: today.y, m: today.m, d: 1 }, 32)
          const nextMonth = { y: nm.y, m: nm.m, d: day.value }
          if (valid(nextMonth)) return nextMonth
        }
      }
    }
    if (t === 'hom' && next === 'nay') return today
    if (t === 'hom' && next === 'qua') return addDays(today, -1)
    if ((t === 'ngay' && next === 'kia') || (t === 'ngay' && next === 'mot' && accented[i + 1] !== 'một')) return addDays(today, 2)
    if (t === 'mai' && !PERSON_TITLES.has(tokens[i - 1] ?? '')) return addDays(today, 1)
    if (t === 'mot' && accented[i] === 'mốt') return addDays(today, 2)
    if (t === 'nay' && /^(sang|trua|chieu|toi|dem|bua)$/.test(tokens[i - 1] ?? '')) return today
    // "3 ngày nữa", "hai ngày tới"
    const n = small(tokens, i)
    if (n && tokens[n.next] === 'ngay' && /^(nua|toi|sau)$/.test(tokens[n.next + 1] ?? '') && n.value <= 366) return addDays(today, n.value)
    // Weekdays: "thứ hai (tuần sau)", "t2", "chủ nhật", "cn".
    let weekday: number | undefined
    let after = i + 1
    if (t === 'thu' && next !== undefined && WEEKDAY_WORDS[next] !== undefined) {
      weekday = WEEKDAY_WORDS[next]
      after = i + 2
    } else if (t === 'chu' && next === 'nhat') {
      weekday = 6
      after = i + 2
    } else if (SHORT_WEEKDAY[t] !== undefined) weekday = SHORT_WEEKDAY[t]
    if (weekday !== undefined) {
      const todayDow = (new Date(Date.UTC(today.y, today.m - 1, today.d)).getUTCDay() + 6) % 7
      const window = tokens.slice(after, after + 3).join(' ')
      const thisMonday = addDays(today, -todayDow)
      if (/\btuan (sau|toi)\b/.test(window)) return addDays(thisMonday, 7 + weekday)
      if (/\btuan nay\b/.test(window)) return addDays(thisMonday, weekday)
      const ahead = (weekday - todayDow + 7) % 7 || 7
      return addDays(today, ahead)
    }
  }
  return undefined
}

function findTime(tokens: readonly string[], accented: readonly string[]): Found['time'] {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string
    let h: number | undefined
    let min = 0
    let end = i + 1
    const tm = TIME_TOKEN.exec(t)
    if (tm) {
      h = Number(tm[1])
      min = tm[2] === undefined ? 0 : Number(tm[2])
      if (tokens[end] === 'ruoi' && tm[2] === undefined) {
        min = 30
        end++
      }
    } else {
      const n = small(tokens, i)
      if (n && tokens[n.next] === 'gio' && n.value <= 24) {
        h = n.value
        end = n.next + 1
        const m = small(tokens, end)
        if (tokens[end] === 'ruoi') {
          min = 30
          end++
        } else if (m && m.value < 60) {
          min = m.value
          end = m.next
          if (tokens[end] === 'phut') end++
        }
      }
    }
    if (h === undefined || h > 24 || min > 59) continue
    if (h === 24) h = 0
    // The part of day may come after ("8h tối") or before ("chiều 3h"); "toi" is only "tối" when it touches.
    // "chiều mai 2h": the part of day may also sit before a day word.
    const candidates = [end, i - 1]
    if (/^(mai|nay|kia|mot)$/.test(tokens[i - 1] ?? '')) candidates.push(i - 2)
    const partAt = candidates.find((k) => PART_OF_DAY.test(tokens[k] ?? ''))
    const part = partAt === undefined ? undefined : tokens[partAt]
    const partAccented = partAt === undefined ? undefined : accented[partAt]
    if (part === 'chieu' && h < 12) h += 12
    else if (part === 'toi' && h < 12 && partAccented !== 'tôi' && partAccented !== 'tới') h += 12
    else if (part === 'trua' && h <= 2) h += 12
    else if (part === 'dem' && h >= 7 && h < 12) h += 12
    else if (part === 'dem' && h === 12) h = 0
    return { h, min, at: i, end }
  }
  return undefined
}

function pad(n: number): string {
  return String(n).padStart(2, '0')
}

/** Without a digit or one of these words a message names no date or time. */
const DATE_HINTS: ReadonlySet<string> = new Set(['hom', 'mai', 'ngay', 'mung', 'mong', 'thu', 'chu', 'cn', 't2', 't3', 't4', 't5', 't6', 't7', 'gio', 'nay'])

/**
 * Dates in normalised tokens; `accented` is the same tokens before folding ("mốt" vs "một"); `hasDigit` is
 * the analysis's flag, when known.
 */
export function parseDateTokens(tokens: readonly string[], accented: readonly string[], now: Date, hasDigit?: boolean): ParsedDate | undefined {
  if (!mentionsAny(tokens, DATE_HINTS, hasDigit) && !accented.includes('mốt')) return undefined
  const localNow = new Date(now.getTime() + VN_OFFSET_MS)
  if (Number.isNaN(localNow.getTime())) return undefined
  const today = { y: localNow.getUTCFullYear(), m: localNow.getUTCMonth() + 1, d: localNow.getUTCDate() }
  const time = findTime(tokens, accented)
  // Time tokens must not be read as dates ("8 giờ" is not the 8th), so blank them for the date search.
  const dateTokens = time ? tokens.map((t, k) => (k >= time.at && k < time.end ? '' : t)) : tokens
  let date = findDate(dateTokens, accented, today)
  if (!date && !time) return undefined
  if (!date && time) {
    const nowMinutes = localNow.getUTCHours() * 60 + localNow.getUTCMinutes()
    date = time.h * 60 + time.min >= nowMinutes ? today : addDays(today, 1)
  }
  const d = date as Ymd
  const hh = time ? pad(time.h) : '00'
  const mm = time ? pad(time.min) : '00'
  return { iso: `${d.y}-${pad(d.m)}-${pad(d.d)}T${hh}:${mm}:00+07:00`, hasTime: time !== undefined }
}

/**
 * The first date (and time) a message mentions, resolved in Asia/Ho_Chi_Minh against `now`, as an ISO
 * string with the +07:00 offset ("2026-12-15T08:00:00+07:00"); 00:00 when no time is given. Undefined when
 * the message names no date or time. Never throws.
 *
 * @example parseDate('8h sáng mai', new Date('2026-11-29T03:00:00Z')) // '2026-11-30T08:00:00+07:00'
 */
export function parseDate(text: string, now: Date): string | undefined {
  const { accented, folded } = analyzeText(text)
  return parseDateTokens(folded, accented, now)?.iso
}
