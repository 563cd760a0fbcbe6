import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { removePersonalData } from '../src/privacy.ts'

/**
 * What officers see of an unanswered question: the question, without who asked. Each row is what a resident might
 * type and what must be stored. Both directions matter: a name left in is a leak, an ordinary word removed makes
 * the question unreadable.
 */
const removes: [string, string][] = [
  // Names after a cue, in any case, with or without diacritics
  ['tôi là nguyễn văn an', 'tôi là [tên]'],
  ['Tôi là Nguyễn Văn An, nhà có 5 người', 'Tôi là [tên], nhà có 5 người'],
  ['TÔI LÀ NGUYỄN VĂN AN', 'TÔI LÀ [tên]'],
  ['toi la nguyen van an o thon 3', 'toi la [tên] o thon 3'],
  ['tên tôi là Lan', 'tên tôi là [tên]'],
  ['ten toi la lan', 'ten toi la [tên]'],
  ['tôi là an', 'tôi là [tên]'],
  ['tôi là an, 45 tuổi', 'tôi là [tên], 45 tuổi'],
  ['tôi là an muốn hỏi về vay vốn', 'tôi là [tên] muốn hỏi về vay vốn'],
  ['em tên Hoa ạ', 'em tên [tên] ạ'],
  ['em tên là hoa', 'em tên là [tên]'],
  ['mình là Tuấn nè', 'mình là [tên] nè'],
  ['tôi tên Năm', 'tôi tên [tên]'],
  ['tên tôi là Năm', 'tên tôi là [tên]'],
  ['tôi là Nam', 'tôi là [tên]'],
  ['cháu là Trường học lớp 9', 'cháu là [tên] học lớp 9'],
  ['tôi là chị Lan ở thôn 2', 'tôi là chị [tên] ở thôn 2'],
  ['chồng tôi tên Bình', 'chồng tôi tên [tên]'],
  ['vợ tôi là trần thị mai', 'vợ tôi là [tên]'],
  ['họ và tên: Lê Thị Hoa', 'họ và tên: [tên]'],
  ['họ tên Phạm Minh Tuấn, sinh năm 1980', 'họ tên [tên], sinh năm 1980'],
  ['toi la ho van an', 'toi la [tên]'],
  // Names without a cue
  ['Trần Thị Mai hỏi về bảo hiểm y tế', '[tên] hỏi về bảo hiểm y tế'],
  ['hộ ông Nguyễn Văn Bình ở Đăk Hà', 'hộ ông [tên] ở Đăk Hà'],
  ['nhà nguyễn văn an có được hỗ trợ không', 'nhà [tên] có được hỗ trợ không'],
  ['NGUYỄN VĂN AN', '[tên]'],
  ['chị Lan ở thôn 3 hỏi', 'chị [tên] ở thôn 3 hỏi'],
  // Ethnic-minority names
  ['Y Bia ở buôn Đăk Rơ Wa', '[tên] ở buôn Đăk Rơ Wa'],
  ['hộ Ksor H\'Lan có được vay không', 'hộ [tên] có được vay không'],
  ['A Thuận hỏi', '[tên] hỏi'],
  ['Rơ Châm Phiang, làng Kon Klor', '[tên], làng Kon Klor'],
  ['H\'Hen Niê muốn hỏi', '[tên] muốn hỏi'],
  ['Siu Thu hỏi vay vốn', '[tên] hỏi vay vốn'],
  ['tôi là y bia', 'tôi là [tên]'],
  ['tên tôi là ksor h\'lan', 'tên tôi là [tên]'],
  ['em là a thuận', 'em là [tên]'],
  ['Giàng A Páo ở bản Sín Chải', '[tên] ở bản Sín Chải'],
  ['Lò Văn Hùng', '[tên]'],
  ['Xin chào, tôi là Y Bia', 'Xin chào, tôi là [tên]'],
  ['Chào Nguyễn Văn An', 'Chào [tên]'],
  ['anh Tư ở ấp 3 có được không', 'anh [tên] ở ấp 3 có được không'],
  ['chị H\'Lan hỏi', 'chị [tên] hỏi'],
  ['Đinh Y Lang, Đăk Hà', '[tên], Đăk Hà'],
  ['tôi là Nguyễn Văn An. Tôi ở Đăk Hà', 'tôi là [tên]. Tôi ở Đăk Hà'],
  // Numbers: phones, CCCD/CMND, accounts
  ['sđt 0912.345.678', 'sđt [số điện thoại]'],
  ['gọi 0912 345 678 nhé', 'gọi [số điện thoại] nhé'],
  ['số của tôi +84 912 345 678', 'số của tôi [số điện thoại]'],
  ['0912-345-678', '[số điện thoại]'],
  ['(091) 234 5678', '[số điện thoại]'],
  ['84912345678', '[số điện thoại]'],
  ['cccd 0123 4567 8901', 'cccd [số]'],
  ['CCCD 062190001234', 'CCCD [số]'],
  ['cccd:062190001234.', 'cccd:[số].'],
  ['CCCD062190001234', 'CCCD[số]'],
  ['cmnd 233 456 789', 'cmnd [số]'],
  ['stk 1903 6543 2101 2', 'stk [số]'],
  ['tài khoản 0071001234567 vietcombank', 'tài khoản [số] vietcombank'],
  ['mail an.nguyen@gmail.com', 'mail [email]'],
  ['Trần Thị Mai, CCCD 062190001234, thu nhập 15.000.000 đ', '[tên], CCCD [số], thu nhập 15.000.000 đ'],
]

const keeps: string[] = [
  'thời tiết Đăk Hà',
  'thời tiết ở Đăk Hà thế nào',
  'Đăk Hà có bao nhiêu hộ nghèo',
  'tôi ở xã Đăk Mar, huyện Đăk Hà, tỉnh Kon Tum',
  'tôi là hộ nghèo',
  'tôi là người dân tộc Xơ Đăng',
  'tôi là nông dân',
  'tôi là thành viên hội phụ nữ',
  'tôi là sinh viên',
  'tôi là mẹ đơn thân',
  'tôi là con của hộ nghèo',
  'tên xã là gì',
  'tên chính sách là gì',
  'tôi tên là gì',
  'HỘ NGHÈO ĐƯỢC HỖ TRỢ GÌ',
  'HỒ SƠ VAY VỐN GỒM NHỮNG GÌ',
  'Hộ Nghèo Được Hỗ Trợ Những Gì',
  'Hồ Sơ Vay Vốn Cần Những Gì',
  'Bảo Hiểm Y Tế cho hộ cận nghèo',
  'thẻ Y Tế hết hạn',
  'Hà Nội có chính sách gì',
  'ở Hồ Chí Minh thì sao',
  'Ngân hàng Chính sách Xã hội cho vay bao nhiêu',
  'thu nhập 1.500.000 một tháng',
  'lương 1tr5',
  'thu nhập 15.000.000 đ một năm',
  'vay 150.000.000 được không',
  'vay 1.500.000.000 đồng',
  'được 2 500 000 mỗi tháng',
  'nhà 5 người, thu nhập 3tr/tháng',
  'sinh năm 1980, con sinh 12/03/2024',
  'ngày 12-03-2024',
  'năm 2025 có hỗ trợ không',
  'khu đô thị mới có được không',
  'Lương hưu có tính là thu nhập không',
  'hỏi về lương hưu',
  'Mai tôi lên xã',
  'hồ sơ cần những gì',
  'do thi moi co duoc khong',
  'xin chào',
  'Ia H\'Drai có bao nhiêu hộ nghèo',
  'huyện Ia H\'Drai',
  'xã Ia Chim, thành phố Kon Tum',
  'Tu Mơ Rông có chính sách gì',
  'tôi ở Sa Thầy',
  'chính sách cho người Cao tuổi',
  'Hội Liên hiệp Phụ nữ',
  'Ủy ban nhân dân xã',
  'mã hồ sơ 12345',
  'có 3 con, 2 cháu',
  'cam on nhe',
  'ho can ngheo duoc vay von bao nhieu',
]

describe('removePersonalData', () => {
  it.each(removes)('removes who is speaking: %j', (input, expected) => {
    expect(removePersonalData(input)).toBe(expected)
  })

  it.each(keeps.map((k) => [k]))('leaves an ordinary question alone: %j', (input) => {
    expect(removePersonalData(input)).toBe(input)
  })

  it('returns text composed the usual way (NFC), so decomposed input is scrubbed too', () => {
    const decomposed = 'tôi là Nguyễn Văn An'.normalize('NFD')
    expect(removePersonalData(decomposed)).toBe('tôi là [tên]')
  })
})

describe('removePersonalData on any text', () => {
  const pool = ['tôi', 'là', 'Nguyễn', 'Văn', 'An', 'lan', 'hộ', 'nghèo', 'Đăk', 'Hà', 'ở', '0912', '345', '678', '1.500.000', 'Y', 'Bia', "H'Lan", 'tên', ',', '.', 'TÔI', 'LÀ', 'chị', '2024', 'đ']
  const sentence = fc.array(fc.constantFrom(...pool), { maxLength: 14 }).map((w) => w.join(' '))

  it('never throws, and a second pass changes nothing', () => {
    fc.assert(
      fc.property(fc.oneof(sentence, fc.string({ maxLength: 60 })), (text) => {
        const once = removePersonalData(text)
        expect(removePersonalData(once)).toBe(once)
      }),
      { numRuns: 400 },
    )
  })
})
