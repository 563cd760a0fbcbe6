import type { Locale } from '../i18n.ts'

/**
 * Money and dates written the way residents read them. No `Intl`: the output must not depend on the
 * ICU data a runtime happens to ship.
 */

function groupThousands(digits: string, separator: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator)
}

/**
 * An amount of đồng, rounded to the whole đồng: `formatVnd(1500000, 'vi')` is `"1.500.000 đ"`,
 * `formatVnd(1500000, 'en')` is `"1,500,000 VND"`.
 */
export function formatVnd(amount: number, locale: Locale): string {
  const rounded = Math.round(amount)
  const sign = rounded < 0 ? '-' : ''
  const digits = String(Math.abs(rounded))
  return locale === 'vi' ? `${sign}${groupThousands(digits, '.')} đ` : `${sign}${groupThousands(digits, ',')} VND`
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
