import { describe, expect, it } from 'vitest'
import { PLACES, placeNames } from '../../prisma/seed/places.ts'
import { parseDate } from '../../src/nlu/dates.ts'
import { parseMembers } from '../../src/nlu/members.ts'
import { createPlaceMatcher } from '../../src/nlu/places.ts'

describe('parseMembers', () => {
  it.each([
    ['nhà 5 người', 5],
    ['nhà em 5 ng', 5],
    ['7 khẩu', 7],
    ['hộ 6 khẩu', 6],
    ['8 nhân khẩu', 8],
    ['hai người', 2],
    ['năm người', 5],
    ['gia đình có 4 thành viên', 4],
    ['bảy miệng ăn', 7],
    ['ở một mình', 1],
    ['sống 1 mình', 1],
    ['o mot minh', 1],
    ['hai vợ chồng', 2],
    ['vợ chồng tôi và 3 đứa con', 5],
    ['2 vợ chồng với 1 con', 3],
    ['nha toi 6 nguoi thu nhap 5tr', 6],
  ])('reads %s as %i people', (text, n) => {
    expect(parseMembers(text)).toBe(n)
  })

  it.each([['thu nhập 2 triệu'], ['0 người'], ['100 người'], ['năm 2021'], ['']])('finds no household size in %j', (text) => {
    expect(parseMembers(text)).toBeUndefined()
  })

  it('takes the household, not the workers, when both are said', () => {
    expect(parseMembers('nhà 5 người, 2 người đi làm')).toBe(5)
  })
})

// Sunday 29 November 2026, 10:00 in Hà Nội / Đăk Hà (03:00 UTC).
const NOW = new Date('2026-11-29T03:00:00Z')

describe('parseDate', () => {
  it.each([
    ['15/12', '2026-12-15T00:00:00+07:00'],
    ['ngày 20/12/2026', '2026-12-20T00:00:00+07:00'],
    ['20-12-2026', '2026-12-20T00:00:00+07:00'],
    ['20.12.2026', '2026-12-20T00:00:00+07:00'],
    ['20 tháng 12', '2026-12-20T00:00:00+07:00'],
    ['mùng 5 tháng 1', '2027-01-05T00:00:00+07:00'],
    ['ngày 5', '2026-12-05T00:00:00+07:00'],
    ['15/11', '2027-11-15T00:00:00+07:00'],
    ['8h sáng mai', '2026-11-30T08:00:00+07:00'],
    ['8h sang mai', '2026-11-30T08:00:00+07:00'],
    ['14h30', '2026-11-29T14:30:00+07:00'],
    ['14:30', '2026-11-29T14:30:00+07:00'],
    ['3 giờ chiều', '2026-11-29T15:00:00+07:00'],
    ['7h tối nay', '2026-11-29T19:00:00+07:00'],
    ['chiều mai 2h', '2026-11-30T14:00:00+07:00'],
    ['thứ hai tuần sau', '2026-11-30T00:00:00+07:00'],
    ['thu 2 tuan sau', '2026-11-30T00:00:00+07:00'],
    ['t6', '2026-12-04T00:00:00+07:00'],
    ['chủ nhật', '2026-12-06T00:00:00+07:00'],
    ['hôm nay', '2026-11-29T00:00:00+07:00'],
    ['ngày mai', '2026-11-30T00:00:00+07:00'],
    ['ngày mốt', '2026-12-01T00:00:00+07:00'],
    ['3 ngày nữa', '2026-12-02T00:00:00+07:00'],
    ['họp 9h thứ ba tuần sau', '2026-12-01T09:00:00+07:00'],
  ])('resolves %s to %s', (text, iso) => {
    expect(parseDate(text, NOW)).toBe(iso)
  })

  it('reads a weekday relative to a weekday "now" too', () => {
    const wednesday = new Date('2026-12-02T01:00:00Z')
    expect(parseDate('thứ hai tuần sau', wednesday)).toBe('2026-12-07T00:00:00+07:00')
    expect(parseDate('thứ sáu', wednesday)).toBe('2026-12-04T00:00:00+07:00')
    expect(parseDate('thứ hai tuần này', wednesday)).toBe('2026-11-30T00:00:00+07:00')
  })

  it('resolves "tomorrow" in Vietnam time even when it is still yesterday in UTC', () => {
    const lateEvening = new Date('2026-12-31T18:30:00Z') // 01:30 on 1/1/2027 in Vietnam
    expect(parseDate('mai', lateEvening)).toBe('2027-01-02T00:00:00+07:00')
  })

  it('puts a time that has already passed today on tomorrow', () => {
    expect(parseDate('8h', NOW)).toBe('2026-11-30T08:00:00+07:00')
  })

  it.each([['30/2'], ['nhà 5 người'], ['1tr2'], ['2.5tr'], ['năm 2021'], ['chị Mai ơi'], ['25:99'], ['']])('finds no date in %j', (text) => {
    expect(parseDate(text, NOW)).toBeUndefined()
  })

  it('does not read "tôi" as evening', () => {
    expect(parseDate('tôi 8h họp', NOW)).toBe('2026-11-30T08:00:00+07:00')
  })

  it('survives an invalid "now"', () => {
    expect(parseDate('mai', new Date(Number.NaN))).toBeUndefined()
  })
})

describe('place matcher', () => {
  const places = createPlaceMatcher(placeNames(PLACES))

  it.each([
    ['Đăk Hà', 'quang-ngai/xa-dak-ha'],
    ['dak ha', 'quang-ngai/xa-dak-ha'],
    ['Đắk Hà', 'quang-ngai/xa-dak-ha'],
    ['dakha', 'quang-ngai/xa-dak-ha'],
    ['thị trấn Đăk Hà', 'kon-tum/dak-ha/tt-dak-ha'],
    ['tt dak ha', 'kon-tum/dak-ha/tt-dak-ha'],
    ['huyện Đăk Hà', 'kon-tum/dak-ha'],
    ['xã Đăk Mar', 'quang-ngai/xa-dak-mar'],
    ['Đăk Mar', 'kon-tum/dak-ha/dak-mar'],
    ['Đắc Pxy', 'kon-tum/dak-ha/dak-pxi'],
    ['dak psi', 'kon-tum/dak-ha/dak-pxi'],
    ['xa dak pxi', 'quang-ngai/xa-dak-pxi'],
    ['ngoc reo', 'kon-tum/dak-ha/ngok-reo'],
    ['xã Ngọc Réo', 'quang-ngai/xa-ngok-reo'],
    ['Ngọk Wang', 'kon-tum/dak-ha/ngok-wang'],
    ['Đăk Uy', 'kon-tum/dak-ha/dak-ui'],
    ['Đăk HRing', 'kon-tum/dak-ha/dak-hring'],
    ['Đắk Ngọc', 'kon-tum/dak-ha/dak-ngok'],
    ['hà mòn', 'kon-tum/dak-ha/ha-mon'],
    ['kontum', 'kon-tum'],
    ['Quảng Ngãi', 'quang-ngai'],
    ['thôn Kon Trang Long Loi', 'kon-tum/dak-ha/tt-dak-ha/kon-trang-long-loi'],
  ])('finds %s → %s', (text, code) => {
    expect(places.match(text)).toBe(code)
  })

  it('finds the place inside a sentence, the first one mentioned', () => {
    expect(places.match('bao nhieu ho ngheo o dak la nam 2021')).toBe('kon-tum/dak-ha/dak-la')
    expect(places.match('từ Đăk Mar sang thị trấn Đăk Hà')).toBe('kon-tum/dak-ha/dak-mar')
  })

  it('does not see places in ordinary words or other provinces', () => {
    expect(places.match('ăn cơm chưa')).toBeUndefined()
    expect(places.match('Đắk Lắk')).toBeUndefined()
    expect(places.match('đặc biệt khó khăn')).toBeUndefined()
  })

  it('prefers a place marked current when two share a spelling', () => {
    const m = createPlaceMatcher([
      { code: 'new', names: ['xã A'], current: true },
      { code: 'old', names: ['xã A'] },
    ])
    expect(m.match('xa a')).toBe('new')
  })
})
