import { t, type Locale } from '../i18n.ts'
import type { Button, Reply } from '../messages.ts'
import type { EventRow } from './events.ts'
import { vnWhen } from './time.ts'
import './texts.ts'

/**
 * The words of every reminder, rendered when it is sent (not when it is planned), in the recipient's language:
 * calendar titles are locale keys, so a Vietnamese collaborator and an English-speaking officer each read their own.
 */

export function eventTitle(locale: Locale, event: Pick<EventRow, 'title' | 'titleKey' | 'titleVars'>): string {
  if (!event.titleKey) return event.title
  let vars: Record<string, string | number> = {}
  try {
    vars = event.titleVars ? (JSON.parse(event.titleVars) as Record<string, string | number>) : {}
  } catch {
    vars = {}
  }
  return t(locale, event.titleKey, vars)
}

/** "14:00 thứ Tư, 9/12/2026" (a deadline with a time reads the same). */
export function formatWhen(locale: Locale, at: Date): string {
  const w = vnWhen(at)
  return t(locale, 'reminders.when', { time: w.time, weekday: t(locale, `reminders.weekday.${w.weekday}`), date: w.date })
}

export function kindLabel(locale: Locale, kind: string): string {
  return t(locale, `reminders.kind.${kind}`)
}

/** The event's details, one per line: what, when, where. */
export function describeEvent(locale: Locale, event: Pick<EventRow, 'kind' | 'title' | 'titleKey' | 'titleVars' | 'startsAt' | 'endsAt' | 'location'>, placeNames?: string): string {
  const lines = [
    t(locale, 'reminders.line_title', { kind: kindLabel(locale, event.kind), title: eventTitle(locale, event) }),
    t(locale, event.kind === 'deadline' ? 'reminders.line_due' : 'reminders.line_when', { when: formatWhen(locale, event.startsAt) }),
  ]
  if (event.endsAt) lines.push(t(locale, 'reminders.line_until', { when: formatWhen(locale, event.endsAt) }))
  if (event.location) lines.push(t(locale, 'reminders.line_location', { location: event.location }))
  if (placeNames) lines.push(t(locale, 'reminders.line_places', { places: placeNames }))
  return lines.join('\n')
}

/** The answer buttons: attendance for sessions and meetings, done / need help for deadlines. */
export function answerButtons(locale: Locale, event: Pick<EventRow, 'id' | 'kind'>): Button[] {
  return event.kind === 'deadline'
    ? [
        { label: t(locale, 'reminders.button_done'), value: `rem:done:${event.id}` },
        { label: t(locale, 'reminders.button_help'), value: `rem:help:${event.id}` },
      ]
    : [
        { label: t(locale, 'reminders.button_yes'), value: `rem:yes:${event.id}` },
        { label: t(locale, 'reminders.button_no'), value: `rem:no:${event.id}` },
      ]
}

/** One reminder at an offset ("Còn 3 ngày", "Ngày mai", "Còn 2 giờ", "Hôm nay là hạn chót"). */
export function renderReminder(locale: Locale, event: EventRow, offset: string, opts: { early?: boolean } = {}): Reply[] {
  const lead = opts.early ? t(locale, 'reminders.lead_early') : t(locale, `reminders.lead.${event.kind === 'deadline' && offset !== 'morning' ? `deadline_${offset}` : offset}`)
  return [{ text: `${lead}\n${describeEvent(locale, event)}`, buttons: answerButtons(locale, event) }]
}

export function renderChange(locale: Locale, event: EventRow): Reply[] {
  return [{ text: `${t(locale, 'reminders.changed')}\n${describeEvent(locale, event)}`, buttons: answerButtons(locale, event) }]
}

export function renderCancel(locale: Locale, event: EventRow): Reply[] {
  return [{ text: t(locale, 'reminders.cancelled_notice', { title: eventTitle(locale, event), when: formatWhen(locale, event.startsAt) }) }]
}

/** The template parameters of a reminder sent by Zalo's template path (outside the consultation window). */
export function templateData(locale: Locale, event: EventRow): Record<string, string> {
  return { title: eventTitle(locale, event).slice(0, 100), time: formatWhen(locale, event.startsAt).slice(0, 100), place: (event.location ?? '').slice(0, 100) }
}
