import { describe, expect, it } from 'vitest'
import { PLACES, placeNames } from '../../prisma/seed/places.ts'
import { createNlu } from '../../src/nlu/index.ts'
import { parseHouseholdCode, parsePersonName } from '../../src/nlu/names.ts'

describe('parsePersonName', () => {
  it.each([
    // Central Highlands names, as officers type them.
    ["tra hộ Ksor H'Bian thôn 3", "Ksor H'Bian"],
    ['tra cuu ho siu thi hoa thon 9', 'Siu Thi Hoa'],
    ['hộ bà y kim thôn 6 là hộ nghèo hay cận nghèo', 'Y Kim'],
    ['Hộ ông Y Brơm là hộ nghèo hay cận nghèo', 'Y Brơm'],
    ['tìm hộ Rơ Châm Nay ở thôn 2', 'Rơ Châm Nay'],
    ["hộ Nay H'Liên có trong danh sách cận nghèo không", "Nay H'Liên"],
    ['kiểm tra hộ Rmah Dơk thôn 1', 'Rmah Dơk'],
    ['tra giúp hộ Kpă Thu làng Kon Trang', 'Kpă Thu'],
    ['thông tin hộ anh A Sang thôn 8', 'A Sang'],
    ['hộ anh Rơ Mah Khoa có vay vốn chưa', 'Rơ Mah Khoa'],
    ["Chị H’Nga ơi", "H'Nga"],
    ["ksor h'bin có nhà không", "Ksor H'Bin"],
    ['A Hùng ơi chiều nay đi rẫy không', 'A Hùng'],
    // Kinh full names, with or without a title.
    ['hộ ông Nguyễn Văn Hải thôn 4 có phải hộ nghèo không', 'Nguyễn Văn Hải'],
    ['ho ong dinh van hung thon 5', 'Dinh Van Hung'],
    ['Xin chào, tôi là Trần Thị Mai', 'Trần Thị Mai'],
    ['bà Nguyễn Thị Hà ở đâu', 'Nguyễn Thị Hà'],
    ['hộ chủ hộ Lê Văn Tám', 'Lê Văn Tám'],
    // H'Mông families who moved here from the north.
    ['hộ ông Giàng A Lử thôn mới là hộ gì', 'Giàng A Lử'],
    ['Sùng Thị Mai ở thôn 12 có phải hộ nghèo không', 'Sùng Thị Mai'],
    // One capitalised word after a title; the Central "o" (aunt) is a title.
    ['ông Tám thôn 2', 'Tám'],
    ['hỏi o Hoa thôn 3 giùm', 'Hoa'],
    // A name ends at punctuation and before a place.
    ["Tra Siu Thị Hoa, Đăk Wơk", 'Siu Thị Hoa'],
    ['hộ ông Y Kim Đăk Ui', 'Y Kim'],
  ])('finds the name in %j: %s', (text, name) => {
    expect(parsePersonName(text)).toBe(name)
  })

  it.each([
    ['hộ nghèo được hỗ trợ gì'],
    ['bà con trong làng hỏi'],
    ['tìm hộ theo tên'],
    ['làng Kon Rơ Wang họp ở nhà rông'],
    ['Thôn Kon Trang Long Loi'],
    ['bảo hiểm y tế cho bà'],
    ['chị y tá ở trạm xá'],
    ['Y tế xã ở đâu'],
    ['cảm ơn ạ'],
    ['hộ nghèo thì được gì'],
    ['hôm nay có họp không'],
    ['Cho Tôi Hỏi'],
    ['ông bà tôi già rồi'],
    ['mai họp lúc mấy giờ'],
    // "ở" (at) folds to the title "o"; places and institutions are capitalised too.
    ['co ai cho vay gop o Dak Ha khong'],
    ['nhà hàng nào ở Đăk Hà ngon'],
    ['vay 50 triệu ở Ngân hàng Chính sách xã hội'],
    ['mất điện ở Ngọk Réo'],
    ['giá vàng hôm nay'],
    [''],
  ])('finds no name in %j', (text) => {
    expect(parsePersonName(text)).toBeUndefined()
  })
})

describe('parseHouseholdCode', () => {
  it.each([
    ['xem hộ mã HN-023', 'HN-023'],
    ['tra cuu ho HN-012', 'HN-012'],
    ['kiểm tra hộ mã CN-045', 'CN-045'],
    ['hộ hcn-012 thoát nghèo chưa', 'HCN-012'],
    ['hn 23', 'HN-23'],
    ['tra mã hộ 0312', '0312'],
    ['mã số: 1507', '1507'],
  ])('reads %j as %s', (text, code) => {
    expect(parseHouseholdCode(text)).toBe(code)
  })

  it.each([['hộ nghèo năm 2025'], ['nhà 5 người thu nhập 3tr'], ['thôn 9'], ['15/12'], ['']])('finds no code in %j', (text) => {
    expect(parseHouseholdCode(text)).toBeUndefined()
  })
})

describe('names and codes in understand()', () => {
  const nlu = createNlu({ places: placeNames(PLACES) })
  const NOW = new Date('2026-11-29T03:00:00Z')

  it('gives an officer the person and the household code to look up', () => {
    expect(nlu.understand("tra hộ Ksor H'Bian thôn 3", NOW).entities.personName).toBe("Ksor H'Bian")
    expect(nlu.understand('xem hộ mã HN-023', NOW).entities.householdCode).toBe('HN-023')
  })

  // Not training utterances: the name, not the sentence, carries them.
  it.each([["tra giúp hộ Rmah H'Điêm làng Đăk Rơ Wa"], ['hộ bà y kim thôn 6 là hộ nghèo hay cận nghèo'], ["hộ chị Siu H'Blơi thôn 7 có vay vốn chưa"]])(
    'routes %j, a lookup by name, to lookup.household',
    (text) => {
      expect(nlu.understand(text, NOW).intent).toBe('lookup.household')
    },
  )
})
