/**
 * The 12 deprivation indicators (chỉ số đo lường mức độ thiếu hụt dịch vụ xã hội cơ bản) in 6 dimensions,
 * as data. Names, questions and threshold descriptions live in `locales/<lang>/poverty.json` under
 * `poverty.indicator.<id>` and `poverty.dimension.<id>`; this module holds only what the rule needs and
 * how far each wording can be trusted.
 *
 * The names are settled (FACTS §1.3, §8). The thresholds are NOT quoted from the annex of Nghị định
 * 07/2021/NĐ-CP — nobody has read it yet (FACTS §7.1, §8) — so every threshold is a simplified description
 * and carries `thresholdVerified: false`.
 */

/** Indicator ids, in the order of FACTS §1.3; results list deprivations in this order. */
export const INDICATOR_IDS = [
  'employment',
  'dependents',
  'nutrition',
  'healthInsurance',
  'adultEducation',
  'childSchooling',
  'housingQuality',
  'housingArea',
  'water',
  'sanitation',
  'telecom',
  'infoAccess',
] as const

/** One of the 12 indicator ids. */
export type IndicatorId = (typeof INDICATOR_IDS)[number]

/** The 6 dimensions (chiều thiếu hụt), in the order of FACTS §1.3. */
export const DIMENSION_IDS = ['work', 'health', 'education', 'housing', 'waterSanitation', 'information'] as const

/** One of the 6 dimension ids. */
export type DimensionId = (typeof DIMENSION_IDS)[number]

/**
 * Where the plain-language threshold comes from (FACTS §1.3 "Status of wording"):
 * - `draft-2026-2030`: the 2026–2030 draft description, said to inherit the old criteria;
 * - `third-party-notes`: third-party study notes quoting the decree (medium confidence);
 * - `widely-reported`: many secondary sources agree;
 * - `recollection`: no source read — must be confirmed with the commune before relying on it.
 */
export type ThresholdSource = 'draft-2026-2030' | 'third-party-notes' | 'widely-reported' | 'recollection'

/** One indicator: what the classifier and the chat need besides its texts. */
export interface Indicator {
  id: IndicatorId
  dimension: DimensionId
  /** Always false: no threshold has been read in the decree's annex (FACTS §8). */
  thresholdVerified: false
  /**
   * `unverified`: FACTS marks the decree's wording of this threshold UNVERIFIED — the chat should add
   * "cần xác nhận với UBND xã"; `secondary`: described consistently by secondary sources (medium or high
   * confidence), still not the decree's text.
   */
  wordingStatus: 'unverified' | 'secondary'
  thresholdSource: ThresholdSource
  /** Pages the name and description come from (FACTS §1.3). */
  sources: readonly string[]
}

const NAME_SOURCES = [
  'https://nguonluc.com.vn/thu-nhap-duoi-2-trieu-dongnguoithang-o-thanh-pho-duoc-coi-la-ho-ngheo-a808.html',
  'vietnamlawmagazine.vn (bài 27595)',
  'baodantoc.vn',
] as const
const DRAFT_SOURCE =
  'https://www.vietnam.vn/en/de-xuat-cac-chi-so-thieu-hut-dich-vu-xa-hoi-co-ban-trong-chuan-ngheo-da-chieu-moi'

function indicator(
  id: IndicatorId,
  dimension: DimensionId,
  wordingStatus: Indicator['wordingStatus'],
  thresholdSource: ThresholdSource,
): Indicator {
  const sources = thresholdSource === 'draft-2026-2030' ? [...NAME_SOURCES, DRAFT_SOURCE] : [...NAME_SOURCES]
  return { id, dimension, thresholdVerified: false, wordingStatus, thresholdSource, sources }
}

/** The indicator data, keyed by id (FACTS §1.3 table, one row each). */
export const INDICATORS: Readonly<Record<IndicatorId, Indicator>> = {
  // Rows 1–3: read only in the 2026–2030 draft description; "ND 07 wording UNVERIFIED".
  employment: indicator('employment', 'work', 'unverified', 'draft-2026-2030'),
  dependents: indicator('dependents', 'work', 'unverified', 'draft-2026-2030'),
  nutrition: indicator('nutrition', 'health', 'unverified', 'draft-2026-2030'),
  // The draft article was cut off here; the wording is a recollection (row 4).
  healthInsurance: indicator('healthInsurance', 'health', 'unverified', 'recollection'),
  adultEducation: indicator('adultEducation', 'education', 'secondary', 'third-party-notes'),
  childSchooling: indicator('childSchooling', 'education', 'secondary', 'third-party-notes'),
  housingQuality: indicator('housingQuality', 'housing', 'secondary', 'third-party-notes'),
  housingArea: indicator('housingArea', 'housing', 'secondary', 'widely-reported'),
  water: indicator('water', 'waterSanitation', 'secondary', 'third-party-notes'),
  // The list of hygienic toilet types was cut off in the source (row 10).
  sanitation: indicator('sanitation', 'waterSanitation', 'secondary', 'third-party-notes'),
  telecom: indicator('telecom', 'information', 'unverified', 'recollection'),
  infoAccess: indicator('infoAccess', 'information', 'unverified', 'recollection'),
}

/**
 * Housing area per person below which a household is deprived in `housingArea` (FACTS §1.3 row 8:
 * "< 8 m²", widely reported). Exactly 8 m² per person is not deprived.
 */
export const MIN_HOUSING_AREA_M2_PER_PERSON = 8

/** True when `value` is one of the 12 indicator ids. */
export function isIndicatorId(value: unknown): value is IndicatorId {
  return typeof value === 'string' && (INDICATOR_IDS as readonly string[]).includes(value)
}
