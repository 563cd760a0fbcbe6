import { Cron } from 'croner'
import type { Db } from '../db.ts'
import type { Places } from '../places.ts'
import { isUniqueViolation } from '../dialogue/dedupe.ts'
import { DAY_MS } from './time.ts'
import { vnWhen } from './time.ts'

/**
 * The review calendar as recurring rules (FACTS.md §1.4, QĐ 24/2021/QĐ-TTg), one set per served commune:
 * - the regular (monthly) review starts on the 15th of every month (Điều 5), at 07:30 when offices open, so its
 *   morning reminder (07:00) still comes before it;
 * - the commune reports the regular review's results on the 5th of each month, February to September (Điều 7);
 * - the annual review runs from 1/9 to 14/12 (Điều 3 khoản 1): its opening and its closing day are milestones.
 * Province plans set finer dates (FACTS says the bot should follow the current Quảng Ngãi plan); officers add those
 * as events of their own. Rules are croner patterns in Vietnam time, turned into events a few weeks ahead.
 */

/** Vietnam, UTC+7 all year: croner's fixed offset needs no time-zone database (Workers-safe). */
const VN_OFFSET_MIN = 7 * 60
/** Occurrences are made this far ahead: more than the longest reminder offset (3 days) plus slack. */
export const HORIZON_MS = 35 * DAY_MS

export interface CalendarRule {
  /** Stable id of the rule for one commune: `<name>:<commune code>`. */
  key: string
  kind: 'deadline' | 'training' | 'meeting'
  /** seconds minutes hours day-of-month month day-of-week, Vietnam time. */
  pattern: string
  titleKey: string
  placeCode: string
  audience: 'all' | 'collaborators' | 'officers'
  /** Minutes from the start to the end (the annual window's opening event spans it). */
  durationMin?: number
}

/** The three rules of §1.4 for one commune. */
export function calendarRules(communeCode: string): CalendarRule[] {
  return [
    { key: `monthly-review:${communeCode}`, kind: 'deadline', pattern: '0 30 7 15 * *', titleKey: 'reminders.calendar.monthly_review', placeCode: communeCode, audience: 'all' },
    { key: `monthly-report:${communeCode}`, kind: 'deadline', pattern: '0 0 17 5 2-9 *', titleKey: 'reminders.calendar.monthly_report', placeCode: communeCode, audience: 'all' },
    {
      key: `annual-open:${communeCode}`,
      kind: 'meeting',
      pattern: '0 30 7 1 9 *',
      titleKey: 'reminders.calendar.annual_open',
      placeCode: communeCode,
      audience: 'all',
      // 1/9 07:30 to 14/12 17:00.
      durationMin: (104 * 24 + 9) * 60 + 30,
    },
    { key: `annual-close:${communeCode}`, kind: 'deadline', pattern: '0 0 17 14 12 *', titleKey: 'reminders.calendar.annual_close', placeCode: communeCode, audience: 'all' },
  ]
}

/** The occurrences of a rule from `from` to `until`. */
export function occurrences(pattern: string, from: Date, until: Date): Date[] {
  const cron = new Cron(pattern, { utcOffset: VN_OFFSET_MIN, paused: true })
  const out: Date[] = []
  let previous = new Date(from.getTime() - 1000)
  for (let i = 0; i < 50; i++) {
    const next = cron.nextRun(previous)
    if (!next || next.getTime() > until.getTime()) break
    out.push(next)
    previous = next
  }
  return out
}

/** Writes the rules for every served commune (idempotent: upsert by key). */
export async function seedCalendar(db: Db, places: Places): Promise<{ rules: number; communes: number }> {
  const communes = await places.servedCommunes()
  let rules = 0
  for (const commune of communes) {
    for (const rule of calendarRules(commune.code)) {
      const data = { kind: rule.kind, pattern: rule.pattern, titleKey: rule.titleKey, placeCode: rule.placeCode, audience: rule.audience, durationMin: rule.durationMin ?? null }
      await db.reminderRule.upsert({ where: { key: rule.key }, create: { key: rule.key, ...data }, update: data })
      rules++
    }
  }
  return { rules, communes: communes.length }
}

/**
 * Turns the rules' occurrences within the horizon into events (public, for the commune's collaborators and
 * officers), once each: the occurrence key is unique, so two runs at once make one event.
 */
export async function materialiseCalendar(db: Db, now: Date): Promise<number> {
  const rules = await db.reminderRule.findMany()
  if (rules.length === 0) return 0
  const until = new Date(now.getTime() + HORIZON_MS)
  let created = 0
  const existing = new Set(
    (await db.reminderEvent.findMany({ where: { ruleKey: { not: null }, startsAt: { gte: now, lte: until } }, select: { ruleKey: true } })).map((e) => e.ruleKey),
  )
  for (const rule of rules) {
    for (const at of occurrences(rule.pattern, now, until)) {
      const w = vnWhen(at)
      const ruleKey = `${rule.key}@${w.day}`
      if (existing.has(ruleKey)) continue
      const [year, month] = w.day.split('-').map(Number)
      try {
        await db.reminderEvent.create({
          data: {
            kind: rule.kind,
            title: ruleKey,
            titleKey: rule.titleKey,
            titleVars: JSON.stringify({ month: month!, year: year!, reportMonth: month === 1 ? 12 : month! - 1 }),
            startsAt: at,
            endsAt: rule.durationMin ? new Date(at.getTime() + rule.durationMin * 60_000) : null,
            placeCodes: JSON.stringify([rule.placeCode]),
            audience: rule.audience,
            public: true,
            ruleKey,
            createdBy: 'calendar',
            createdAt: now,
          },
        })
        created++
      } catch (err) {
        if (!isUniqueViolation(err)) throw err
      }
    }
  }
  return created
}
