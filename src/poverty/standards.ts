import type { IndicatorId } from './indicators.ts'
import { INDICATOR_IDS } from './indicators.ts'

/**
 * The national multidimensional poverty standards as dated data (in the manner of OpenFisca parameters:
 * values with effective dates and legal references), and the selection of the one in force on a date.
 * Every number here is sourced in FACTS §1.2, §2 and §8; what the sources do not confirm is `null`
 * or flagged, never filled in.
 */

/** Standards in our data, named by the years they cover (2022–2025 also covers 2026, by ND 351/2025). */
export const STANDARD_IDS = ['2022-2025', '2027-2030'] as const

/** `2022-2025` or `2027-2030`. */
export type StandardId = (typeof STANDARD_IDS)[number]

/** `rural` = nông thôn; `urban` = thành thị (2022–2025), đô thị (from 2027). */
export type Area = 'rural' | 'urban'

/** A reference to the law behind a value, with the pages it was read on. */
export interface LegalReference {
  /** What this reference supports. */
  topic: 'incomeLine' | 'categories' | 'middleBand' | 'middleBandPolicyUse' | 'extension2026' | 'indicators'
  /** The document, e.g. `Nghị định 07/2021/NĐ-CP`. */
  document: string
  /** Article/clause when a source quotes it; absent when no source names one. */
  article?: string
  /** `article + document`, ready to show: `Điều 3 khoản 1 điểm a Nghị định 07/2021/NĐ-CP`. */
  citation: string
  /** Pages the content was read on (FACTS source tags). */
  sources: readonly string[]
  /** `secondary`: read only in press or third-party pages, and FACTS rates it medium confidence. */
  confidence: 'good' | 'secondary'
  /** Month the content was last checked against the sources (FACTS §8, "late November 2026"). */
  asOf: string
}

/** One standard: its validity period and its parameters. */
export interface PovertyStandard {
  id: StandardId
  /** First day (inclusive) the standard is used to identify households. */
  effectiveFrom: string
  /** Last day (inclusive). */
  effectiveTo: string
  /** Income line, VND per person per month, at or below which a household is poor or near-poor. */
  incomeLineVnd: Readonly<Record<Area, number>>
  /**
   * Upper end (inclusive) of the "hộ có mức sống trung bình" band, VND per person per month; the band
   * starts just above the income line. `null` when the sources do not confirm any band.
   */
  middleBandTopVnd: Readonly<Record<Area, number>> | null
  /** Deprived in at least this many indicators (with income at or below the line) ⇒ poor. */
  minDeprivationsForPoor: number
  indicators: readonly IndicatorId[]
  /** False when the indicator list for this period is not confirmed: results are then `provisional`. */
  indicatorsConfirmed: boolean
  /**
   * Locale key of the urban label: 2022–2025 says "thành thị", ND 351/2025 says "đô thị" (FACTS §2, §8).
   */
  urbanLabelKey: 'poverty.area.urban2022' | 'poverty.area.urbanFrom2027'
  /** Locale key of the disclaimer: whether the review method (TT 07/2021 scoring) is known. */
  disclaimerKey: 'poverty.disclaimer.withScoring' | 'poverty.disclaimer.reviewOnly'
  /** The document to name in one-line explanations. */
  shortBasis: string
  legalBasis: readonly LegalReference[]
}

const AS_OF = '2026-11'

function ref(
  topic: LegalReference['topic'],
  document: string,
  article: string | undefined,
  sources: readonly string[],
  confidence: LegalReference['confidence'] = 'good',
): LegalReference {
  const citation = article ? `${article} ${document}` : document
  return article
    ? { topic, document, article, citation, sources, confidence, asOf: AS_OF }
    : { topic, document, citation, sources, confidence, asOf: AS_OF }
}

const ND07 = 'Nghị định 07/2021/NĐ-CP'
const ND351 = 'Nghị định 351/2025/NĐ-CP'
const ND351_SOURCES = [
  'https://www.vietnamplus.vn/ban-hanh-quy-dinh-ve-chuan-ngheo-da-chieu-quoc-gia-giai-doan-2026-2030-post1086100.vnp',
  'https://huengaynay.vn/chinh-tri-xa-hoi/an-sinh-xa-hoi/chuan-ngheo-da-chieu-quoc-gia-giai-doan-2026-2030-161540.html',
  'https://www.sggp.org.vn/nang-chuan-ngheo-da-chieu-quoc-gia-giai-doan-2027-2030-post831518.html',
]

/** All standards in our data, oldest first. Periods must not overlap. */
export const STANDARDS: readonly PovertyStandard[] = [
  {
    id: '2022-2025',
    // Điều 2 ND 07/2021 kept the 2016–2020 standard for 2021, so our data starts with 2022.
    effectiveFrom: '2022-01-01',
    // ND 351/2025 continues this standard "từ ngày 01/01/2026 đến hết ngày 31/12/2026" (FACTS §0.1, §8).
    effectiveTo: '2026-12-31',
    incomeLineVnd: { rural: 1_500_000, urban: 2_000_000 },
    middleBandTopVnd: { rural: 2_250_000, urban: 3_000_000 },
    minDeprivationsForPoor: 3,
    indicators: INDICATOR_IDS,
    indicatorsConfirmed: true,
    urbanLabelKey: 'poverty.area.urban2022',
    disclaimerKey: 'poverty.disclaimer.withScoring',
    shortBasis: ND07,
    legalBasis: [
      ref('incomeLine', ND07, 'Điều 3 khoản 1 điểm a', [
        'https://english.luatvietnam.vn/decree-no-07-2021-nd-cp-dated-january-27-2021-of-the-government-on-multidimensional-poverty-standards-in-the-2021-2025-period-197848-doc1.html',
      ]),
      ref('categories', ND07, 'Điều 3 khoản 2 điểm a, b', [
        'lawnet.vn (393977, trích Điều 3 khoản 2)',
        'https://laodongthudo.vn/quy-dinh-chuan-ngheo-da-chieu-giai-doan-2021-2025-119787.html',
      ]),
      ref(
        'middleBand',
        ND07,
        'Điều 3 khoản 2 điểm c',
        ['baolamdong.vn (09/2023)', 'VnExpress', 'https://nhabaovanviet.blogspot.com/2023/09/a-lat-tong-ra-soat-ho-ngheo-va-can-ngheo.html'],
        'secondary',
      ),
      // The title of QĐ 24/2021 names the middle band only for farming, forestry, fishing and salt-making
      // households (FACTS §1.2).
      ref('middleBandPolicyUse', 'Quyết định 24/2021/QĐ-TTg', undefined, [
        'https://pgdphurieng.edu.vn/quyet-dinh-24-2021-qd-ttg-quy-trinh-ra-soat-ho-ngheo-ho-can-ngheo',
      ]),
      ref('middleBandPolicyUse', 'Nghị định 146/2018/NĐ-CP', 'Điều 4 khoản 4', ['Pháp điển (diepxuan/diepxuan.github.io)']),
      ref('indicators', ND07, undefined, [
        'https://nguonluc.com.vn/thu-nhap-duoi-2-trieu-dongnguoithang-o-thanh-pho-duoc-coi-la-ho-ngheo-a808.html',
        'baodantoc.vn',
      ]),
      ref('extension2026', ND351, undefined, [ND351_SOURCES[0] as string]),
    ],
  },
  {
    id: '2027-2030',
    effectiveFrom: '2027-01-01',
    effectiveTo: '2030-12-31',
    incomeLineVnd: { rural: 2_200_000, urban: 2_800_000 },
    // No excerpt of ND 351/2025 mentions a middle band (FACTS §2, §8): none is invented.
    middleBandTopVnd: null,
    minDeprivationsForPoor: 3,
    // The decree's list was cut off after the first dimension (FACTS §2): the 12 indicators of 2022–2025
    // stand in, and every result says so.
    indicators: INDICATOR_IDS,
    indicatorsConfirmed: false,
    urbanLabelKey: 'poverty.area.urbanFrom2027',
    // No 2026–2030 successor to TT 07/2021 has been found (FACTS §2, §7.3): do not name a scoring method.
    disclaimerKey: 'poverty.disclaimer.reviewOnly',
    shortBasis: ND351,
    legalBasis: [
      // No source quotes the article number of ND 351/2025 for these lines, so none is given.
      ref('incomeLine', ND351, undefined, ND351_SOURCES),
      ref('categories', ND351, undefined, ND351_SOURCES.slice(1)),
    ],
  },
]

/** The standard with this id. */
export function getStandard(id: StandardId): PovertyStandard {
  const found = STANDARDS.find((s) => s.id === id)
  if (!found) throw new Error(`unknown poverty standard ${id}`)
  return found
}

/** The standard in force on `date` (`YYYY-MM-DD`), or `undefined` when our data has none for it. */
export function standardOn(date: string): PovertyStandard | undefined {
  return STANDARDS.find((s) => s.effectiveFrom <= date && date <= s.effectiveTo)
}

/** The standard that starts the day after `standard` ends, if our data has one. */
export function successorOf(standard: PovertyStandard): PovertyStandard | undefined {
  const index = STANDARDS.indexOf(standard)
  return index >= 0 ? STANDARDS[index + 1] : undefined
}

/** First and last day covered by our data, for error messages. */
export function coveredPeriod(): { from: string; to: string } {
  const first = STANDARDS[0]
  const last = STANDARDS[STANDARDS.length - 1]
  if (!first || !last) throw new Error('no poverty standards in data')
  return { from: first.effectiveFrom, to: last.effectiveTo }
}
