import { describe, expect, it } from 'vitest'
import { mentionsOtherProvince } from '../../src/policy/provinces.ts'

describe('mentionsOtherProvince', () => {
  it.each([
    'hộ nghèo ở Gia Lai được vay bao nhiêu',
    'ho ngheo o gia lai duoc vay bao nhieu',
    'Đắk Lắk có hỗ trợ tiền điện không',
    'dak lak co ho tro tien dien k',
    'ở tỉnh Thanh Hoá chuẩn nghèo thế nào', // old tone placement
    'chuẩn nghèo ở TPHCM',
    'tôi ở Hà Nam',
    'tinh ha nam co ho tro nha o khong',
    'con tôi học ở Huế có được miễn học phí',
    'tôi đang làm ở tỉnh khác',
    'Quảng Nam có chương trình gì',
    'tp can tho',
  ])('is true for "%s"', (text) => {
    expect(mentionsOtherProvince(text)).toBe(true)
  })

  it.each([
    'hộ nghèo ở Đăk Hà năm 2026',
    'ho ngheo dak ha nam 2026', // "hà năm", not Hà Nam
    'thị trấn Đăk Hà tính theo nông thôn hay thành thị', // "Hà tính", not Hà Tĩnh
    'ở Đăk Hà nói chung thế nào', // "Hà nói", not Hà Nội
    'Kon Tum có hỗ trợ tiền điện không',
    'tỉnh Quảng Ngãi',
    'nhà tôi có hai phòng', // two rooms, not Hải Phòng
    'cần thợ xây nhà', // need builders, not Cần Thơ
    'diễn biến rà soát năm nay', // not Điện Biên
    'lam dong ruong khong co viec', // "làm đồng", not Lâm Đồng
    'chị Huệ hỏi về bảo hiểm y tế',
    'bảo hiểm y tế cho hộ cận nghèo',
    'tôi muốn tham gia lại bảo hiểm y tế', // "tham gia lại", not Gia Lai
    'tham gia lai bhyt',
    'vay von nuoi ca mau', // "cá mau", not Cà Mau
    'lòng an', // not Long An
  ])('is false for "%s"', (text) => {
    expect(mentionsOtherProvince(text)).toBe(false)
  })
})

describe('mentionsOtherProvince with names that are everyday words', () => {
  it.each(['hộ nghèo Gia Lai được gì', 'ho ngheo o gia lai', 'tinh long an', 'Cà Mau có hỗ trợ gì', 'o ha nam'])('is true for "%s"', (text) => {
    expect(mentionsOtherProvince(text)).toBe(true)
  })
})
