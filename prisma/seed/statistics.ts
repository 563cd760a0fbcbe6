/**
 * Reported poverty statistics for the former huyện Đăk Hà, each exactly as its source states it.
 * Source: baokontum.com.vn, "Đăk Hà nâng cao năng lực cán bộ làm công tác giảm nghèo", 11/04/2022
 * (../shared/domain/source-article-baokontum-2022-04-11.txt).
 */
export interface SeedStatistic {
  placeCode: string
  year: number
  standard: string | null
  poorHouseholds: number | null
  nearPoorHouseholds: number | null
  /** The rate as stated, in hundredths of a percent (14,87% → 1487). */
  poorRateBasisPoints: number | null
  ethnicMinorityPoor: number | null
  source: string
  sourceUrl: string
  note: string
}

const ARTICLE = 'Báo Kon Tum, 11/04/2022'
const ARTICLE_URL = 'http://baokontum.com.vn/xa-hoi/dak-ha-nang-cao-nang-luc-can-bo-lam-cong-tac-giam-ngheo-23311.html'

export const STATISTICS: SeedStatistic[] = [
  {
    placeCode: 'kon-tum/dak-ha',
    year: 2021,
    standard: null,
    poorHouseholds: 2692,
    nearPoorHouseholds: null,
    poorRateBasisPoints: 1487,
    ethnicMinorityPoor: 2545,
    source: ARTICLE,
    sourceUrl: ARTICLE_URL,
    note: 'Kết quả rà soát năm 2021; bài báo ghi "chiếm 14,87% dân số toàn huyện"; hộ nghèo DTTS 2.545 hộ (94,54% số hộ nghèo).',
  },
  {
    placeCode: 'kon-tum/dak-ha/tt-dak-ha',
    year: 2022,
    standard: '2022-2025',
    poorHouseholds: 165,
    nearPoorHouseholds: null,
    poorRateBasisPoints: 399,
    ethnicMinorityPoor: null,
    source: ARTICLE,
    sourceUrl: ARTICLE_URL,
    note: 'Rà soát theo chuẩn nghèo giai đoạn 2022-2025, số liệu nêu trong bài ngày 11/04/2022.',
  },
  {
    placeCode: 'kon-tum/dak-ha/tt-dak-ha/kon-trang-long-loi',
    year: 2022,
    standard: null,
    poorHouseholds: 100,
    nearPoorHouseholds: 5,
    poorRateBasisPoints: null,
    ethnicMinorityPoor: null,
    source: ARTICLE,
    sourceUrl: ARTICLE_URL,
    note: 'Số liệu nêu trong bài ngày 11/04/2022; bài không nói năm rà soát.',
  },
]
