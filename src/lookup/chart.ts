/**
 * A bar chart in plain text for a chat message on a phone. Chat apps show proportional fonts, so labels are not
 * padded into columns: each line starts with its bar (bars line up on the left), then the number, then the label.
 * Bars are at most `width` blocks, so a line stays within about 30 characters before the label.
 *
 * @example barChart([{ label: 'thôn Kon Gung', value: 12 }, { label: 'làng Đăk Kang', value: 3 }])
 * // '██████████ 12 · thôn Kon Gung\n███ 3 · làng Đăk Kang'
 */
export interface Bar {
  label: string
  value: number
  /** Shown instead of the bare number, e.g. "12 (25%)". */
  valueText?: string
}

const FULL = '█'
/** A value above zero always shows at least this, so it is not mistaken for none. */
const SLIVER = '▏'

export function barChart(bars: readonly Bar[], width = 10): string {
  const max = Math.max(0, ...bars.map((b) => b.value))
  return bars
    .map((b) => {
      const blocks = max === 0 ? 0 : Math.round((b.value / max) * width)
      const bar = blocks > 0 ? FULL.repeat(blocks) : b.value > 0 ? SLIVER : ''
      const text = b.valueText ?? String(b.value)
      return `${bar}${bar ? ' ' : ''}${text} · ${b.label}`
    })
    .join('\n')
}
