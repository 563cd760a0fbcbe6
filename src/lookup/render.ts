import type { Locale } from '../i18n.ts'
import { t } from '../i18n.ts'
import { formatNumber, formatVnd } from '../poverty/format.ts'
import { barChart } from './chart.ts'
import type { FindResult, HouseholdRecord } from './find.ts'
import type { Level, PlaceYear, ReportedFigure, Stats } from './stats.ts'
import type { HouseholdCategory } from './values.ts'
import type { Estimate, Status, WhatIf } from './whatif.ts'

/**
 * The register's answers as chat text, short lines a phone shows without scrolling sideways. The chat feature
 * (conversation.ts) adds buttons; these functions only write text.
 */

/** 1487 → "14,87%". */
export function percent(basisPoints: number, locale: Locale): string {
  return `${formatNumber(basisPoints / 100, locale)}%`
}

function category(c: HouseholdCategory | Estimate | 'unknown', locale: Locale): string {
  return t(locale, `lookup.category.${c}`)
}

function statusLabel(s: Status, locale: Locale): string {
  return t(locale, `lookup.status.${s}`)
}

/** A button label for one match: code · name · village (year). */
export function matchLabel(h: HouseholdRecord): string {
  return `${h.code} · ${h.head} · ${h.villageName} (${h.year})`
}

export function renderHousehold(result: Extract<FindResult, { kind: 'one' }>, locale: Locale): string {
  const h = result.household
  const lines = [
    t(locale, 'lookup.household.title', { code: h.code, head: h.head }),
    h.formerCommuneName
      ? t(locale, 'lookup.household.placeFormer', { village: h.villageName, commune: h.communeName, former: h.formerCommuneName })
      : t(locale, 'lookup.household.place', { village: h.villageName, commune: h.communeName }),
    t(locale, h.ethnicMinority ? 'lookup.household.yearMinority' : 'lookup.household.year', {
      year: h.year,
      category: category(h.category, locale),
      members: h.members,
    }),
  ]
  if (h.incomePerPersonVnd !== null) lines.push(t(locale, 'lookup.household.income', { income: formatVnd(h.incomePerPersonVnd, locale) }))
  if (h.deprivations !== null) {
    lines.push(
      h.deprivations.length === 0
        ? t(locale, 'lookup.household.noDeprivations')
        : t(locale, 'lookup.household.deprivations', { count: h.deprivations.length, list: h.deprivations.join(', ') }),
    )
  }
  if (result.history.length > 1) {
    lines.push(t(locale, 'lookup.household.history'))
    for (const y of result.history) {
      lines.push(`• ${t(locale, 'lookup.household.historyLine', { year: y.year, category: category(y.category, locale), members: y.members, village: y.villageName })}`)
    }
  }
  return lines.join('\n')
}

export function renderFind(result: FindResult, query: string, locale: Locale): string {
  switch (result.kind) {
    case 'tooShort':
      return t(locale, 'lookup.find.tooShort')
    case 'none':
      return t(locale, 'lookup.find.none', { query })
    case 'one':
      return renderHousehold(result, locale)
    case 'many': {
      const head = t(locale, result.total > result.matches.length ? 'lookup.find.manyMore' : 'lookup.find.many', {
        total: result.total,
        shown: result.matches.length,
        query,
      })
      return [head, ...result.matches.map((m) => `• ${matchLabel(m)}`)].join('\n')
    }
  }
}

function changeText(now: number, before: number, locale: Locale): string {
  if (now === before) return t(locale, 'lookup.stats.same', { before })
  return t(locale, now > before ? 'lookup.stats.up' : 'lookup.stats.down', { delta: Math.abs(now - before), before })
}

function placeLabel(p: PlaceYear, level: Level, locale: Locale): string {
  return p.placeName === '' ? t(locale, `lookup.stats.unknownPlace.${level}`) : p.placeName
}

export interface StatsTextOptions {
  /** Show at most this many places in the chart (the rest are counted in one line). */
  maxPlaces?: number
}

/** Statistics as a chat message: a bar chart of poor households per place, totals, last year, reported figures. */
export function renderStats(stats: Stats, locale: Locale, opts: StatsTextOptions = {}): string {
  const lines: string[] = []
  if (stats.year === null || !stats.total) {
    lines.push(noListText(stats, locale))
  } else {
    const total = stats.total
    const shown = opts.maxPlaces !== undefined ? stats.places.slice(0, opts.maxPlaces) : stats.places
    lines.push(t(locale, `lookup.stats.title.${stats.level}`, { year: stats.year }))
    lines.push(
      barChart(
        shown.map((p) => ({
          label: placeLabel(p, stats.level, locale),
          value: p.counts.poor,
          valueText: `${formatNumber(p.counts.poor, locale)} (${percent(p.poorRateBp, locale)})`,
        })),
      ),
    )
    if (shown.length < stats.places.length) lines.push(t(locale, 'lookup.stats.morePlaces', { count: stats.places.length - shown.length }))
    lines.push(
      t(locale, 'lookup.stats.total', {
        poor: formatNumber(total.counts.poor, locale),
        nearPoor: formatNumber(total.counts.nearPoor, locale),
        listed: formatNumber(total.counts.listed, locale),
        poorRate: percent(total.poorRateBp, locale),
        nearPoorRate: percent(total.nearPoorRateBp, locale),
      }),
    )
    if (total.previous) {
      lines.push(
        t(locale, 'lookup.stats.previous', {
          year: total.previous.year,
          poor: changeText(total.counts.poor, total.previous.counts.poor, locale),
          nearPoor: changeText(total.counts.nearPoor, total.previous.counts.nearPoor, locale),
        }),
      )
    }
    if (stats.mostPoor.length > 0 && stats.places.length > 1) {
      lines.push(
        t(locale, `lookup.stats.most.${stats.level}`, {
          names: stats.mostPoor.map((p) => placeLabel(p, stats.level, locale)).join(', '),
          count: formatNumber(stats.mostPoor[0]!.counts.poor, locale),
        }),
      )
    }
  }
  if (stats.reported.length > 0) lines.push(...reportedLines(stats.reported, locale))
  return lines.join('\n')
}

/** No list for the year asked, or none at all. */
function noListText(stats: Stats, locale: Locale): string {
  if (stats.year !== null && stats.years.length > 0) return t(locale, 'lookup.stats.noListYear', { year: stats.year, years: stats.years.join(', ') })
  return t(locale, 'lookup.stats.noList')
}

function reportedLines(reported: readonly ReportedFigure[], locale: Locale): string[] {
  const lines = [t(locale, 'lookup.stats.reported')]
  for (const r of reported) {
    const parts: string[] = []
    if (r.poorHouseholds !== null) {
      parts.push(
        r.poorRateBp !== null
          ? t(locale, 'lookup.stats.reportedPoorRate', { count: formatNumber(r.poorHouseholds, locale), rate: percent(r.poorRateBp, locale) })
          : t(locale, 'lookup.stats.reportedPoor', { count: formatNumber(r.poorHouseholds, locale) }),
      )
    }
    if (r.nearPoorHouseholds !== null) parts.push(t(locale, 'lookup.stats.reportedNearPoor', { count: formatNumber(r.nearPoorHouseholds, locale) }))
    lines.push(`• ${t(locale, 'lookup.stats.reportedLine', { place: r.placeName, year: r.year, figures: parts.join(', '), source: r.source })}`)
  }
  return lines
}

/** Reported figures alone, for anyone (they are public): with their sources, or what to do when there are none. */
export function renderPublicStats(reported: readonly ReportedFigure[], locale: Locale, year?: number): string {
  if (reported.length === 0) return t(locale, year === undefined ? 'lookup.stats.noReported' : 'lookup.stats.noReportedYear', { year: year ?? '' })
  return [...reportedLines(reported, locale), t(locale, 'lookup.stats.publicNote')].join('\n')
}

/** The change from the year before, place by place: "Kon Gung: 2 → 3 hộ nghèo (tăng 1)". */
export function renderCompare(stats: Stats, locale: Locale, maxPlaces?: number): string {
  const total = stats.total
  if (stats.year === null || !total) return noListText(stats, locale)
  if (!total.previous) return t(locale, 'lookup.compare.none', { year: stats.year })
  const before = total.previous.year
  const lines = [t(locale, `lookup.compare.title.${stats.level}`, { year: stats.year, before })]
  const shown = maxPlaces !== undefined ? stats.places.slice(0, maxPlaces) : stats.places
  for (const p of shown) {
    const name = placeLabel(p, stats.level, locale)
    if (!p.previous || p.previous.year !== before) {
      lines.push(`• ${t(locale, 'lookup.compare.newPlace', { place: name, poor: formatNumber(p.counts.poor, locale), before })}`)
      continue
    }
    lines.push(
      `• ${t(locale, 'lookup.compare.line', {
        place: name,
        before: formatNumber(p.previous.counts.poor, locale),
        now: formatNumber(p.counts.poor, locale),
        change: deltaText(p.counts.poor - p.previous.counts.poor, locale),
        nearBefore: formatNumber(p.previous.counts.nearPoor, locale),
        nearNow: formatNumber(p.counts.nearPoor, locale),
      })}`,
    )
  }
  if (shown.length < stats.places.length) lines.push(t(locale, 'lookup.stats.morePlaces', { count: stats.places.length - shown.length }))
  lines.push(
    t(locale, 'lookup.compare.total', {
      before: formatNumber(total.previous.counts.poor, locale),
      now: formatNumber(total.counts.poor, locale),
      change: deltaText(total.counts.poor - total.previous.counts.poor, locale),
      rateBefore: percent(total.previous.poorRateBp, locale),
      rateNow: percent(total.poorRateBp, locale),
      nearBefore: formatNumber(total.previous.counts.nearPoor, locale),
      nearNow: formatNumber(total.counts.nearPoor, locale),
    }),
  )
  lines.push(t(locale, 'lookup.compare.note'))
  return lines.join('\n')
}

/** +2 → "tăng 2", -1 → "giảm 1", 0 → "không đổi". */
export function deltaText(delta: number, locale: Locale): string {
  if (delta === 0) return t(locale, 'lookup.compare.same')
  return t(locale, delta > 0 ? 'lookup.compare.up' : 'lookup.compare.down', { delta: formatNumber(Math.abs(delta), locale) })
}

/** The 2027 what-if as a chat message; `maxChanged` caps the households named (the console lists them all). */
export function renderWhatIf(w: WhatIf, locale: Locale, opts: { maxChanged?: number } = {}): string {
  if (w.year === null) return t(locale, 'lookup.whatif.noList')
  const total = w.total
  const lines = [
    t(locale, 'lookup.whatif.title', {
      year: w.year,
      basis: w.standard.shortBasis,
      rural: formatVnd(w.standard.incomeLineVnd.rural, locale),
      urban: formatVnd(w.standard.incomeLineVnd.urban, locale),
    }),
    t(locale, 'lookup.whatif.totals', {
      poorBefore: total.before.poor,
      poorAfter: total.after.poor,
      nearPoorBefore: total.before.nearPoor,
      nearPoorAfter: total.after.nearPoor,
      estimated: total.estimated,
      households: total.households,
    }),
  ]
  const moving = w.villages.filter((v) => v.moves.length > 0)
  if (moving.length > 0) {
    lines.push(t(locale, 'lookup.whatif.byVillage'))
    for (const v of moving) {
      const moves = v.moves.map((m) => t(locale, 'lookup.whatif.move', { count: m.count, from: statusLabel(m.from, locale), to: category(m.to, locale) })).join('; ')
      lines.push(`• ${v.villageName}: ${moves}`)
    }
  } else if (total.estimated > 0) {
    lines.push(t(locale, 'lookup.whatif.noMoves'))
  }
  if (w.changed.length > 0) {
    lines.push(t(locale, 'lookup.whatif.changed'))
    const named = opts.maxChanged !== undefined ? w.changed.slice(0, opts.maxChanged) : w.changed
    for (const c of named) {
      lines.push(`• ${t(locale, 'lookup.whatif.changedLine', { code: c.code, head: c.head, village: c.villageName, from: category(c.from, locale), to: category(c.to, locale) })}`)
    }
    if (named.length < w.changed.length) lines.push(t(locale, 'lookup.whatif.moreChanged', { count: w.changed.length - named.length }))
  }
  const lacking = total.lacking
  if (lacking.income + lacking.deprivations + lacking.area > 0) {
    lines.push(
      t(locale, 'lookup.whatif.lacking', {
        count: lacking.income + lacking.deprivations + lacking.area,
        income: lacking.income,
        deprivations: lacking.deprivations,
        area: lacking.area,
      }),
    )
  }
  if (w.disagreeNow > 0) lines.push(t(locale, 'lookup.whatif.disagreeNow', { count: w.disagreeNow }))
  if (w.provisional) lines.push(t(locale, 'lookup.whatif.provisional'))
  lines.push(t(locale, 'lookup.whatif.estimate'))
  return lines.join('\n')
}
