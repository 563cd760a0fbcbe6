import { describe, expect, it } from 'vitest'
import { PovertyInputError, classify, classifyRange, tryClassify } from '../../src/poverty/index.ts'

const TODAY = '2026-06-15'
const valid = { area: 'rural', members: 3, monthlyIncomeVnd: 4_500_000, deprivations: [] }

/** Invalid households: what is wrong → the Vietnamese message and the path the caller gets. */
// prettier-ignore
const invalid: { name: string; input: unknown; message: string; path: (string | number)[]; today?: string }[] = [
  { name: 'both income fields',
    input: { ...valid, incomePerPersonVnd: 1_500_000 },
    message: 'chỉ nhập một trong hai: monthlyIncomeVnd (tổng thu nhập của hộ mỗi tháng) hoặc incomePerPersonVnd (thu nhập bình quân mỗi người mỗi tháng)',
    path: [] },
  { name: 'no income field',
    input: { area: 'rural', members: 3, deprivations: [] },
    message: 'thiếu thu nhập: nhập monthlyIncomeVnd (tổng thu nhập của hộ mỗi tháng) hoặc incomePerPersonVnd (thu nhập bình quân mỗi người mỗi tháng)',
    path: [] },
  { name: 'members 0',
    input: { ...valid, members: 0 }, message: 'members: phải là số nguyên từ 1 đến 100', path: ['members'] },
  { name: 'members 2.5',
    input: { ...valid, members: 2.5 }, message: 'members: phải là số nguyên từ 1 đến 100', path: ['members'] },
  { name: 'members 101 (beyond the sanity bound)',
    input: { ...valid, members: 101 }, message: 'members: phải là số nguyên từ 1 đến 100', path: ['members'] },
  { name: 'members missing',
    input: { area: 'rural', monthlyIncomeVnd: 1, deprivations: [] },
    message: 'members: thiếu trường bắt buộc; phải là số nguyên từ 1 đến 100', path: ['members'] },
  { name: 'an unknown indicator id',
    input: { ...valid, deprivations: ['water', 'electricity'] },
    message: 'deprivations[1]: mã chỉ số "electricity" không có; các mã hợp lệ: employment, dependents, nutrition, healthInsurance, adultEducation, childSchooling, housingQuality, housingArea, water, sanitation, telecom, infoAccess',
    path: ['deprivations', 1] },
  { name: 'deprivations missing (unknown is not "none")',
    input: { area: 'rural', members: 3, monthlyIncomeVnd: 1 },
    message: 'deprivations: thiếu trường bắt buộc; phải là danh sách mã chỉ số thiếu hụt, ví dụ ["water", "telecom"] (không thiếu hụt gì thì ghi [])',
    path: ['deprivations'] },
  { name: 'a date that does not exist (30/2)',
    input: { ...valid, date: '2026-02-30' },
    message: 'date: phải là một ngày có thật, viết dạng YYYY-MM-DD (ví dụ 2026-12-31)', path: ['date'] },
  { name: 'a date written the Vietnamese way',
    input: { ...valid, date: '01/12/2026' },
    message: 'date: phải là một ngày có thật, viết dạng YYYY-MM-DD (ví dụ 2026-12-31)', path: ['date'] },
  { name: 'a date before the 2022–2025 standard (2021 kept the old standard)',
    input: { ...valid, date: '2021-12-31' },
    message: 'date: chưa có chuẩn nghèo cho ngày 31/12/2021 trong dữ liệu (dữ liệu có từ 01/01/2022 đến 31/12/2030)',
    path: ['date'] },
  { name: 'a date after 2030',
    input: { ...valid, date: '2031-01-01' },
    message: 'date: chưa có chuẩn nghèo cho ngày 01/01/2031 trong dữ liệu (dữ liệu có từ 01/01/2022 đến 31/12/2030)',
    path: ['date'] },
  { name: 'no date, and today is beyond our data',
    input: valid, today: '2031-06-01',
    message: 'chưa có chuẩn nghèo cho hôm nay (01/06/2031) trong dữ liệu (dữ liệu có từ 01/01/2022 đến 31/12/2030); hãy ghi rõ "standard" hoặc "date"',
    path: [] },
  { name: 'an unknown standard',
    input: { ...valid, standard: '2026-2030' },
    message: 'standard: chỉ nhận "2022-2025" hoặc "2027-2030"', path: ['standard'] },
  { name: 'an unknown area',
    input: { ...valid, area: 'city' },
    message: 'area: chỉ nhận "rural" (nông thôn) hoặc "urban" (thành thị, đô thị)', path: ['area'] },
  { name: 'a negative income',
    input: { ...valid, monthlyIncomeVnd: -1 },
    message: 'monthlyIncomeVnd: phải là số tiền (đồng) từ 0 đến 1.000 tỷ đồng', path: ['monthlyIncomeVnd'] },
  { name: 'an income written as text',
    input: { area: 'rural', members: 1, incomePerPersonVnd: '1500000', deprivations: [] },
    message: 'incomePerPersonVnd: phải là số tiền (đồng) từ 0 đến 1.000 tỷ đồng', path: ['incomePerPersonVnd'] },
  { name: 'a negative floor area',
    input: { ...valid, housingAreaM2: -1 },
    message: 'housingAreaM2: phải là diện tích nhà (m²) từ 0 đến 100.000', path: ['housingAreaM2'] },
  { name: 'a misspelt field is named, not silently ignored',
    input: { area: 'rural', member: 3, monthlyIncomeVnd: 1, deprivations: [] },
    message: 'member: không có trường này; các trường hợp lệ: standard, date, area, members, agriculture, deprivations, housingAreaM2, monthlyIncomeVnd, incomePerPersonVnd',
    path: ['member'] },
  { name: 'not an object',
    input: [valid],
    message: 'mỗi dòng phải là một hộ gia đình dạng đối tượng JSON, ví dụ {"area":"rural","members":3,"monthlyIncomeVnd":4500000,"deprivations":[]}',
    path: [] },
  { name: 'null', input: null,
    message: 'mỗi dòng phải là một hộ gia đình dạng đối tượng JSON, ví dụ {"area":"rural","members":3,"monthlyIncomeVnd":4500000,"deprivations":[]}',
    path: [] },
]

describe('classify — invalid households', () => {
  for (const row of invalid) {
    it(`refuses ${row.name} with a Vietnamese message and its path`, () => {
      const answer = tryClassify(row.input, { today: row.today ?? TODAY })
      expect(answer).toEqual({ ok: false, error: { message: row.message, path: row.path } })
    })
  }

  it('throws a PovertyInputError carrying the path when called directly', () => {
    const call = () => classify({ ...valid, members: 0 } as never, { today: TODAY })
    expect(call).toThrow(PovertyInputError)
    try {
      call()
    } catch (error) {
      expect((error as PovertyInputError).path).toEqual(['members'])
    }
  })

  it('speaks English when asked to', () => {
    const answer = tryClassify({ ...valid, members: 0 }, { today: TODAY, locale: 'en' })
    expect(answer).toEqual({ ok: false, error: { message: 'members: must be a whole number from 1 to 100', path: ['members'] } })
  })

  it('refuses a malformed "today" option as a programming error, not as bad input', () => {
    expect(() => classify(valid as never, { today: '15/06/2026' })).toThrow(TypeError)
  })

  it('refuses an income in classifyRange, which is for households whose income is unknown', () => {
    expect(() => classifyRange(valid as never, { today: TODAY })).toThrow(
      'monthlyIncomeVnd: không có trường này',
    )
  })
})
