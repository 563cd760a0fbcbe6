import type { Locale } from '../i18n.ts'

/**
 * Money and dates written the way residents read them. No `Intl`: the output must not depend on the
 * ICU data a runtime happens to ship.
 */

function groupThousands(digits: string, separator: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator)
}

/**
 * An amount of đồng, exactly, rounded to the whole đồng: `formatVnd(1500000, 'vi')` is `"1.500.000 đ"`,
 * `formatVnd(1500000, 'en')` is `"1,500,000 VND"`. For officers' tables and figures to copy; residents read
 * {@link spokenVnd}.
 */
export function formatVnd(amount: number, locale: Locale): string {
  const rounded = Math.round(amount)
  const sign = rounded < 0 ? '-' : ''
  const digits = String(Math.abs(rounded))
  return locale === 'vi' ? `${sign}${groupThousands(digits, '.')} đ` : `${sign}${groupThousands(digits, ',')} VND`
}

/**
 * An amount of đồng the way people say it (issue #13): round millions as "1,5 triệu đồng" (`spokenVnd(1500000, 'vi')`),
 * round thousands below a million as "800 nghìn đồng", round billions as "10 tỷ đồng", anything else to the whole
 * đồng ("1.166.667 đồng").
 * English: "1.5 million VND", "800 thousand VND", "1,166,667 VND".
 */
export function spokenVnd(amount: number, locale: Locale): string {
  const rounded = Math.round(amount)
  const sign = rounded < 0 ? '-' : ''
  const abs = Math.abs(rounded)
  const vi = locale === 'vi'
  if (abs >= 1_000_000_000 && abs % 10_000_000 === 0) {
    return `${sign}${formatNumber(abs / 1_000_000_000, locale)} ${vi ? 'tỷ đồng' : 'billion VND'}`
  }
  if (abs >= 1_000_000 && abs % 10_000 === 0) {
    return `${sign}${formatNumber(abs / 1_000_000, locale)} ${vi ? 'triệu đồng' : 'million VND'}`
  }
  if (abs >= 1_000 && abs < 1_000_000 && abs % 1_000 === 0) return `${sign}${abs / 1_000} ${vi ? 'nghìn đồng' : 'thousand VND'}`
  const digits = String(abs)
  return vi ? `${sign}${groupThousands(digits, '.')} đồng` : `${sign}${groupThousands(digits, ',')} VND`
}

/** A `YYYY-MM-DD` date as `dd/mm/yyyy` (used in both locales, as on Vietnamese documents). */
export function formatDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-')
  return `${d}/${m}/${y}`
}

/** A plain number with at most two decimals: `formatNumber(7.5, 'vi')` is `"7,5"`. */
export function formatNumber(value: number, locale: Locale): string {
  const rounded = Math.round(value * 100) / 100
  const [whole = '0', fraction] = String(Math.abs(rounded)).split('.')
  const sign = rounded < 0 ? '-' : ''
  const sep = locale === 'vi' ? { group: '.', decimal: ',' } : { group: ',', decimal: '.' }
  return `${sign}${groupThousands(whole, sep.group)}${fraction ? sep.decimal + fraction : ''}`
}
