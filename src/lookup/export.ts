import writeXlsxFile from 'write-excel-file/universal'
import type { Places } from '../places.ts'
import { t, type Locale } from '../i18n.ts'
import type { PlaceYear, Stats } from './stats.ts'

/**
 * The statistics by village as a file for the monthly report: CSV (UTF-8 with BOM, so Excel reads the diacritics)
 * or XLSX. One row per village of the year shown, the commune beside it, then a total row. Counts only: no
 * household is named.
 */

export interface ExportRow {
  commune: string
  village: string
  year: number
  listed: number
  poor: number
  /** Percent, two decimals (55.56). */
  poorRate: number
  nearPoor: number
  nearPoorRate: number
  ethnicMinorityPoor: number
  previousYear: number | null
  previousPoor: number | null
}

/** One row of the file: a village's figures, or the total's. */
function exportRow(commune: string, village: string, p: PlaceYear): ExportRow {
  return {
    commune,
    village,
    year: p.year,
    listed: p.counts.listed,
    poor: p.counts.poor,
    poorRate: p.poorRateBp / 100,
    nearPoor: p.counts.nearPoor,
    nearPoorRate: p.nearPoorRateBp / 100,
    ethnicMinorityPoor: p.counts.ethnicMinorityPoor,
    previousYear: p.previous?.year ?? null,
    previousPoor: p.previous?.counts.poor ?? null,
  }
}

/** The export's rows, from statistics at village level (the caller computes them for the reader's area). */
export async function exportRows(stats: Stats, places: Pick<Places, 'get' | 'name'>, locale: Locale): Promise<ExportRow[]> {
  if (stats.year === null) return []
  const rows: ExportRow[] = []
  for (const p of stats.places) {
    const village = await places.get(p.placeCode)
    const commune = village?.parentCode ? await places.name(village.parentCode) : ''
    rows.push(exportRow(commune, p.placeName === '' ? t(locale, 'lookup.stats.unknownPlace.village') : p.placeName, p))
  }
  rows.sort((a, b) => a.commune.localeCompare(b.commune, 'vi') || a.village.localeCompare(b.village, 'vi'))
  const total = stats.total
  if (total) {
    rows.push(exportRow(t(locale, 'lookup.export.total'), '', total))
  }
  return rows
}

const COLUMNS = ['commune', 'village', 'year', 'listed', 'poor', 'poorRate', 'nearPoor', 'nearPoorRate', 'ethnicMinorityPoor', 'previousYear', 'previousPoor'] as const

function headers(locale: Locale): string[] {
  return COLUMNS.map((c) => t(locale, `lookup.export.column.${c}`))
}

/** A spreadsheet reads a cell starting with = + - @ as a formula: such text is written with a leading apostrophe. */
function safeText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
}

function csvField(value: string | number | null, locale: Locale): string {
  if (value === null) return ''
  // Vietnamese Excel reads "55,56" as a number; the comma then needs the quotes.
  const text = typeof value === 'number' ? (locale === 'vi' ? String(value).replace('.', ',') : String(value)) : safeText(value)
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** CSV bytes: UTF-8 with BOM, comma-separated, CRLF line ends. */
export function statsCsv(rows: readonly ExportRow[], locale: Locale): Uint8Array {
  const lines = [headers(locale).map((h) => csvField(h, locale)).join(',')]
  for (const r of rows) lines.push(COLUMNS.map((c) => csvField(r[c], locale)).join(','))
  const body = new TextEncoder().encode(`${lines.join('\r\n')}\r\n`)
  const out = new Uint8Array(body.length + 3)
  out.set([0xef, 0xbb, 0xbf])
  out.set(body, 3)
  return out
}

/** XLSX bytes (write-excel-file, which runs on Workers as on Node): one sheet, numbers as numbers. */
export async function statsXlsx(rows: readonly ExportRow[], locale: Locale, sheet: string): Promise<Uint8Array> {
  const header = headers(locale).map((value) => ({ value, fontWeight: 'bold' as const }))
  const data = rows.map((r) =>
    COLUMNS.map((c) => {
      const v = r[c]
      if (v === null) return null
      if (typeof v === 'string') return { value: safeText(v), type: String }
      return c === 'poorRate' || c === 'nearPoorRate' ? { value: v, type: Number, format: '0.00' } : { value: v, type: Number }
    }),
  )
  const blob = await writeXlsxFile([header, ...data] as never, { sheet: sheet.slice(0, 31), columns: COLUMNS.map((c) => ({ width: c === 'commune' || c === 'village' ? 24 : 12 })) } as never).toBlob()
  return new Uint8Array(await blob.arrayBuffer())
}
