/**
 * DEMO DATA — DỮ LIỆU MẪU. These households do not exist. They are here so that lookups, statistics and the 2027
 * what-if can be tried on a fresh database: `npm run -s invite -- --role officer --place demo/xa-mau`, then ask as
 * that officer. Every code starts with DEMO-, every name holds "Mẫu", and the commune and its two villages say
 * they are sample data.
 *
 * They live in a made-up commune outside the real place tree (no province, not a served commune), so no real
 * commune's villages, invites or statistics include them. They still reach every database the seed migrations
 * reach, D1 included, and count in the whole deployment's totals: delete them before real lists are imported
 * (`DELETE FROM "Household" WHERE "communeCode" = 'demo/xa-mau'`).
 */
export interface DemoPlace {
  code: string
  name: string
  kind: 'commune' | 'village'
  parentCode: string | null
  area: 'rural' | 'unknown'
}

/** [code, year, head, village, members, category, ethnicMinority, incomePerPersonVnd, deprivations (1–12)] */
export type DemoHousehold = [string, number, string, string, number, string, boolean, number | null, number[] | null]

export const DEMO_SOURCE = 'Dữ liệu mẫu để thử tra cứu, không phải hộ thật (prisma/seed/households.ts)'
export const DEMO_COMMUNE = 'demo/xa-mau'
const A = `${DEMO_COMMUNE}/thon-mau-a`
const B = `${DEMO_COMMUNE}/thon-mau-b`

/** The commune first (villages refer to it). Nông thôn, so the what-if can use the rural line. */
export const DEMO_PLACES: DemoPlace[] = [
  { code: DEMO_COMMUNE, name: 'xã Mẫu (dữ liệu mẫu)', kind: 'commune', parentCode: null, area: 'rural' },
  { code: A, name: 'thôn Mẫu A', kind: 'village', parentCode: DEMO_COMMUNE, area: 'unknown' },
  { code: B, name: 'thôn Mẫu B', kind: 'village', parentCode: DEMO_COMMUNE, area: 'unknown' },
]

export const DEMO_HOUSEHOLDS: DemoHousehold[] = [
  ['DEMO-A01', 2024, 'Hộ Mẫu Một', A, 5, 'poor', true, null, null],
  ['DEMO-A01', 2025, 'Hộ Mẫu Một', A, 5, 'poor', true, 1_300_000, [1, 3, 8]],
  ['DEMO-A02', 2024, 'Y Mẫu', A, 4, 'poor', true, null, null],
  ['DEMO-A02', 2025, 'Y Mẫu', A, 4, 'near_poor', true, 1_450_000, [5]],
  ['DEMO-A03', 2025, "Ksor H'Mẫu", A, 6, 'near_poor', true, 1_200_000, [2, 9]],
  ['DEMO-A04', 2025, 'A Mẫu', A, 3, 'middle', true, 2_000_000, [4, 7, 8]],
  ['DEMO-A05', 2025, 'Hộ Mẫu Năm', A, 2, 'poor', false, null, [1, 2, 3]],
  ['DEMO-A06', 2025, 'Hộ Mẫu Sáu', A, 4, 'middle', false, 2_150_000, [10]],
  ['DEMO-B01', 2024, 'Hộ Mẫu Bảy', B, 7, 'poor', true, null, null],
  ['DEMO-B01', 2025, 'Hộ Mẫu Bảy', B, 7, 'poor', true, 1_000_000, [1, 2, 3, 4]],
  ['DEMO-B02', 2024, 'Hộ Mẫu Tám', B, 4, 'near_poor', false, null, null],
  ['DEMO-B02', 2025, 'Hộ Mẫu Tám', B, 4, 'escaped', false, 2_100_000, []],
  ['DEMO-B03', 2025, 'Y Mẫu Chín', B, 3, 'poor', true, 2_500_000, null],
  ['DEMO-B04', 2025, 'Hộ Mẫu Mười', B, 5, 'poor', true, 1_200_000, [2, 6, 9]],
]
