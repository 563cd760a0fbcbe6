import type { FC } from 'hono/jsx'

/**
 * Charts as server-rendered SVG: no script, no library, drawn to a 360-unit wide viewBox that scales to the width of
 * the screen, so they read on a 390 px phone and on a desk alike. Every chart has a title for screen readers, and
 * the page shows the same figures as text beside it.
 */

export interface Series {
  name: string
  /** A CSS colour; the legend shows it. */
  color: string
}

export interface BarRow {
  label: string
  /** One value per series. */
  values: number[]
  /** Shown after each bar instead of the bare number ("12 (25%)"). */
  texts?: string[]
}

const WIDTH = 360
const BAR = 12
const GAP = 3
const LABEL = 15
const ROW_GAP = 8
const VALUE_ROOM = 92

function esc(n: number): string {
  return Number.isFinite(n) ? String(Math.round(n * 10) / 10) : '0'
}

const Legend: FC<{ series: readonly Series[] }> = ({ series }) => (
  <p class="legend">
    {series.map((s) => (
      <span>
        {/* A swatch drawn in SVG: its fill is an attribute, where a style="" attribute is refused by the CSP. */}
        <svg class="swatch" viewBox="0 0 10 10" width="10" height="10" aria-hidden="true">
          <rect width="10" height="10" rx="2" fill={s.color} />
        </svg>
        {s.name}
      </span>
    ))}
  </p>
)

/**
 * Horizontal bars, one group per row (a village, a commune), the label above its bars so long names fit a phone.
 * Bars of all rows share one scale.
 */
export const BarChart: FC<{ title: string; series: readonly Series[]; rows: readonly BarRow[] }> = ({ title, series, rows }) => {
  const max = Math.max(1, ...rows.flatMap((r) => r.values))
  const rowHeight = LABEL + series.length * (BAR + GAP) + ROW_GAP
  const height = rows.length * rowHeight + 4
  const room = WIDTH - VALUE_ROOM
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" aria-label={title} preserveAspectRatio="xMinYMin meet">
        <title>{title}</title>
        {rows.map((r, i) => {
          const top = i * rowHeight
          return (
            <g>
              <text x="0" y={esc(top + 11)} class="label">
                {r.label}
              </text>
              {series.map((s, k) => {
                const value = r.values[k] ?? 0
                const w = value > 0 ? Math.max(2, (value / max) * room) : 0
                const y = top + LABEL + k * (BAR + GAP)
                return (
                  <>
                    <rect x="0" y={esc(y)} width={esc(w)} height={BAR} rx="2" fill={s.color} />
                    <text x={esc(w + 4)} y={esc(y + BAR - 2)} class="value">
                      {r.texts?.[k] ?? String(value)}
                    </text>
                  </>
                )
              })}
            </g>
          )
        })}
      </svg>
      <Legend series={series} />
    </figure>
  )
}

export interface YearColumn {
  year: number
  values: number[]
}

/** Columns by year, one per series side by side, with the value above each column. */
export const YearChart: FC<{ title: string; series: readonly Series[]; columns: readonly YearColumn[] }> = ({ title, series, columns }) => {
  const height = 170
  const base = height - 20
  const top = 16
  const max = Math.max(1, ...columns.flatMap((c) => c.values))
  const slot = WIDTH / Math.max(1, columns.length)
  const colWidth = Math.min(34, (slot - 12) / Math.max(1, series.length))
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" aria-label={title}>
        <title>{title}</title>
        <line x1="0" y1={base} x2={WIDTH} y2={base} class="axis" />
        {columns.map((c, i) => {
          const groupWidth = colWidth * series.length
          const left = i * slot + (slot - groupWidth) / 2
          return (
            <g>
              {series.map((s, k) => {
                const value = c.values[k] ?? 0
                const h = (value / max) * (base - top)
                const x = left + k * colWidth
                return (
                  <>
                    <rect x={esc(x + 1)} y={esc(base - h)} width={esc(colWidth - 2)} height={esc(h)} rx="2" fill={s.color} />
                    <text x={esc(x + colWidth / 2)} y={esc(base - h - 3)} class="value" text-anchor="middle">
                      {String(value)}
                    </text>
                  </>
                )
              })}
              <text x={esc(i * slot + slot / 2)} y={height - 5} class="label" text-anchor="middle">
                {String(c.year)}
              </text>
            </g>
          )
        })}
      </svg>
      <Legend series={series} />
    </figure>
  )
}

/** The colours of the register's categories, the same on every chart. */
export const COLORS = { poor: '#b45309', nearPoor: '#0f766e', before: '#94a3b8', after: '#b45309' } as const
