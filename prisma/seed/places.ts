/**
 * Seed places: the former huyện Đăk Hà (tỉnh Kon Tum) with its 11 units, and the 5 communes of tỉnh Quảng Ngãi
 * that cover it since the reorganisation of 1/7/2025. Sources: ../shared/domain/FACTS.md §5.3, §5.4, §8.
 *
 * Codes are ours (stable slugs), not the statistics office's: the GSO codes of the new communes come from a
 * third-party copy of the 2025 list and are kept separately as `gsoCode` (UNVERIFIED until checked).
 *
 * `area` is the urban/rural side for the poverty line. Thị trấn households were urban ("thành thị") before
 * 2025; whether the former thị trấn counts as urban ("đô thị") inside the new xã Đăk Hà is UNVERIFIED
 * (FACTS §6, §7 q.6), so the new communes that contain it say `unknown` and the bot asks the user.
 */
export type PlaceKind = 'province' | 'district' | 'commune' | 'town' | 'village'
export type PlaceArea = 'urban' | 'rural' | 'unknown'

export interface SeedPlace {
  code: string
  name: string
  kind: PlaceKind
  parentCode: string | null
  area: PlaceArea
  /** Spelling variants people type (with and without diacritics are both matched after folding). */
  aliases: string[]
  /** First day the unit existed in this form (YYYY-MM-DD), when known. */
  validFrom: string | null
  /** Last day the unit existed in this form; null = still exists. */
  validTo: string | null
  /** The unit that took over this one's area on reorganisation. */
  successorCode: string | null
  gsoCode: string | null
  source: string
}

const BEFORE_2025 = '2025-06-30'
const FROM_2025 = '2025-07-01'
const NQ1677 = 'NQ 1677/NQ-UBTVQH15 (16/6/2025), composition from public data files (FACTS §8)'
const WIKI = 'vi.wikipedia.org/wiki/Đắk_Hà; huyendakha.kontum.gov.vn (FACTS §5.4)'

function oldCommune(
  slug: string,
  name: string,
  successor: string,
  aliases: string[],
  kind: PlaceKind = 'commune',
  area: PlaceArea = 'rural',
): SeedPlace {
  return {
    code: `kon-tum/dak-ha/${slug}`,
    name,
    kind,
    parentCode: 'kon-tum/dak-ha',
    area,
    aliases,
    validFrom: null,
    validTo: BEFORE_2025,
    successorCode: `quang-ngai/${successor}`,
    gsoCode: null,
    source: WIKI,
  }
}

function newCommune(slug: string, name: string, gsoCode: string, aliases: string[], area: PlaceArea): SeedPlace {
  return {
    code: `quang-ngai/${slug}`,
    name,
    kind: 'commune',
    parentCode: 'quang-ngai',
    area,
    aliases,
    validFrom: FROM_2025,
    validTo: null,
    successorCode: null,
    gsoCode,
    source: NQ1677,
  }
}

export const PLACES: SeedPlace[] = [
  {
    code: 'kon-tum',
    name: 'tỉnh Kon Tum',
    kind: 'province',
    parentCode: null,
    area: 'unknown',
    aliases: ['Kon Tum', 'Kontum'],
    validFrom: null,
    validTo: BEFORE_2025,
    successorCode: 'quang-ngai',
    gsoCode: null,
    source: 'NQ 202/2025/QH15 (FACTS §5.1–5.2)',
  },
  {
    code: 'quang-ngai',
    name: 'tỉnh Quảng Ngãi',
    kind: 'province',
    parentCode: null,
    area: 'unknown',
    aliases: ['Quảng Ngãi', 'Quang Ngai'],
    validFrom: FROM_2025,
    validTo: null,
    successorCode: null,
    gsoCode: null,
    source: 'NQ 202/2025/QH15 (FACTS §5.1–5.2)',
  },
  {
    code: 'kon-tum/dak-ha',
    name: 'huyện Đăk Hà',
    kind: 'district',
    parentCode: 'kon-tum',
    area: 'unknown',
    aliases: ['huyện Đăk Hà', 'huyện Đắk Hà', 'huyen Dak Ha'],
    validFrom: '1994-03-24',
    validTo: BEFORE_2025,
    successorCode: null,
    gsoCode: null,
    source: 'ND 26-CP (24/3/1994); districts abolished 1/7/2025 (FACTS §5.2)',
  },
  oldCommune('tt-dak-ha', 'thị trấn Đăk Hà', 'xa-dak-ha', ['thị trấn Đăk Hà', 'thị trấn Đắk Hà', 'TT Đăk Hà', 'tt Dak Ha'], 'town', 'urban'),
  oldCommune('dak-hring', 'xã Đăk Hring', 'xa-dak-mar', ['Đăk Hring', 'Đăk HRing', 'Đắk Hring', 'Dak Hring']),
  oldCommune('dak-la', 'xã Đăk La', 'xa-dak-ha', ['Đăk La', 'Đắk La', 'Dak La']),
  oldCommune('dak-long', 'xã Đăk Long (huyện Đăk Hà)', 'xa-dak-pxi', ['Đăk Long', 'Đắk Long', 'Dak Long']),
  oldCommune('dak-mar', 'xã Đăk Mar', 'xa-dak-mar', ['Đăk Mar', 'Đắk Mar', 'Dak Mar']),
  oldCommune('dak-ngok', 'xã Đăk Ngọk', 'xa-dak-ui', ['Đăk Ngọk', 'Đăk Ngọc', 'Đăk Ngok', 'Đắk Ngọk', 'Dak Ngok', 'Dak Ngoc']),
  oldCommune('dak-pxi', 'xã Đăk Pxi', 'xa-dak-pxi', ['Đăk Pxi', 'Đăk Pxy', 'Đăk Psi', 'Đắk Pxi', 'Dak Pxi', 'Dak Psi']),
  oldCommune('dak-ui', 'xã Đăk Ui', 'xa-dak-ui', ['Đăk Ui', 'Đăk Uy', 'Đắk Ui', 'Dak Ui', 'Dak Uy']),
  oldCommune('ha-mon', 'xã Hà Mòn', 'xa-dak-ha', ['Hà Mòn', 'Ha Mon']),
  oldCommune('ngok-reo', 'xã Ngọk Réo', 'xa-ngok-reo', ['Ngọk Réo', 'Ngọc Réo', 'Ngok Reo', 'Ngoc Reo']),
  oldCommune('ngok-wang', 'xã Ngọk Wang', 'xa-ngok-reo', ['Ngọk Wang', 'Ngọc Wang', 'Ngok Wang', 'Ngoc Wang']),
  {
    code: 'kon-tum/dak-ha/tt-dak-ha/kon-trang-long-loi',
    name: 'thôn Kon Trang Long Loi',
    kind: 'village',
    parentCode: 'kon-tum/dak-ha/tt-dak-ha',
    area: 'unknown',
    aliases: ['Kon Trang Long Loi', 'Kon Trang Long Lói'],
    validFrom: null,
    validTo: null,
    successorCode: null,
    gsoCode: null,
    source: 'baokontum.com.vn, 11/04/2022',
  },
  newCommune('xa-dak-ha', 'xã Đăk Hà', '23500', ['xã Đăk Hà', 'xã Đắk Hà', 'xa Dak Ha', 'Đăk Hà', 'Đắk Hà', 'Dak Ha'], 'unknown'),
  newCommune('xa-dak-pxi', 'xã Đăk Pxi', '23504', ['xã Đăk Pxi', 'xa Dak Pxi'], 'rural'),
  newCommune('xa-dak-mar', 'xã Đăk Mar', '23512', ['xã Đăk Mar', 'xa Dak Mar'], 'rural'),
  newCommune('xa-dak-ui', 'xã Đăk Ui', '23510', ['xã Đăk Ui', 'xa Dak Ui'], 'rural'),
  newCommune('xa-ngok-reo', 'xã Ngọk Réo', '23515', ['xã Ngọk Réo', 'xa Ngok Reo'], 'rural'),
]

/** Names and spelling variants per place, the form the NLU's place matcher takes. */
export function placeNames(places: SeedPlace[] = PLACES): { code: string; names: string[] }[] {
  return places.map((p) => ({ code: p.code, names: [p.name, ...p.aliases] }))
}
