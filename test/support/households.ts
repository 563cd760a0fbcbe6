import type { Cell } from './spreadsheets.ts'
import { HEADER } from './spreadsheets.ts'

/**
 * Large made-up commune lists for the benchmark and the Workers test: deterministic, clearly fake (codes BENCH-…),
 * with Kinh and ethnic-minority name forms, across the five communes and 200 villages.
 */

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Đinh', 'A', 'Y', 'Ksor', 'Rơ Châm', 'Siu', 'Hồ', 'Võ']
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Ngọc', "H'", 'Minh', '']
const GIVEN = ['Bia', 'Lan', 'Thuận', 'Hùng', 'Mai', 'Blơng', 'Nhung', 'Kră', 'Hoa', 'Dũng', 'Tuyết', 'Phương', 'Sinh', 'Thơm', 'Đức', 'Hằng']
const COMMUNES = ['Đăk Pxi', 'Đăk Hà', 'Đăk Mar', 'Đăk Ui', 'Ngọk Réo']
const CATEGORIES = ['nghèo', 'cận nghèo', 'mức sống trung bình', 'thoát nghèo']

/** A tiny deterministic generator (mulberry32), so every run writes the same list. */
function random(seed: number): () => number {
  let a = seed
  return () => {
    a |= 0
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)] as T
}

/** The name of household `i`. Names repeat, as they do in a commune (the benchmark looks them up). */
export function fakeName(i: number): string {
  const r = random(i * 7919 + 1)
  const middle = pick(r, MIDDLE)
  const given = pick(r, GIVEN)
  return [pick(r, FAMILY), middle === "H'" ? `H'${given}` : middle, middle === "H'" ? '' : given].filter((w) => w !== '').join(' ')
}

/** The commune and village of household `i` in `largeHouseholdList`. */
export function fakePlace(i: number): { commune: string; village: string } {
  return { commune: COMMUNES[i % COMMUNES.length] as string, village: `Thôn Mẫu ${(i % 40) + 1}` }
}

export function largeHouseholdList(count: number, year = 2025): Cell[][] {
  const rows: Cell[][] = [HEADER]
  for (let i = 0; i < count; i++) {
    const r = random(i + 1)
    const { commune, village } = fakePlace(i)
    const deprivations = Array.from({ length: Math.floor(r() * 5) }, () => 1 + Math.floor(r() * 12))
    rows.push([
      `BENCH-${String(i).padStart(6, '0')}`,
      fakeName(i),
      village,
      commune,
      1 + Math.floor(r() * 8),
      pick(r, CATEGORIES),
      r() < 0.8 ? 'có' : 'không',
      year,
      r() < 0.9 ? 500_000 + Math.floor(r() * 30) * 100_000 : null,
      r() < 0.9 ? deprivations.join(';') || '0' : null,
    ])
  }
  return rows
}
