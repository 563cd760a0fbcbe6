import { describe, expect, it } from 'vitest'
import {
  isPerPerson,
  parseAnswer,
  parseArea,
  parseCommand,
  parseConsent,
  parseIncomeReply,
  parseMembersReply,
} from '../../src/eligibility/parse.ts'
import { pack } from '../../src/eligibility/render.ts'
import { nextStep, newState, previousStep, readState } from '../../src/eligibility/state.ts'

/** Typed replies inside the check, as residents write them (with and without diacritics, teencode). */

describe('eligibility replies', () => {
  it.each([
    ['có', 'yes'],
    ['Có ạ!', 'yes'],
    ['co', 'yes'],
    ['dạ có', 'yes'],
    ['ừ', 'yes'],
    ['đúng rồi', 'yes'],
    ['không', 'no'],
    ['khong', 'no'],
    ['k', 'no'],
    ['ko', 'no'],
    ['không có', 'no'],
    ['chưa', 'no'],
    ['không rõ', 'unknown'],
    ['ko biết', 'unknown'],
    ['em không biết', 'unknown'],
    ['không có bảo hiểm y tế cho hộ cận nghèo à', null],
    ['hmm', null],
  ])('Should read %j as %s', (text, expected) => {
    expect(parseAnswer(text)).toBe(expected)
  })

  it.each([
    ['hủy', 'cancel'],
    ['huỷ', 'cancel'],
    ['huy', 'cancel'],
    ['thôi', 'cancel'],
    ['dừng lại', 'cancel'],
    ['dừng', 'cancel'],
    ['quay lại', 'back'],
    ['quay lai', 'back'],
    ['làm lại từ đầu', 'restart'],
    // Without diacritics "dung" is "đúng" (yes), never "dừng".
    ['dung', null],
    ['có', null],
  ])('Should read the command %j as %s', (text, expected) => {
    expect(parseCommand(text)).toBe(expected)
  })

  it.each([
    ['có', true],
    ['đồng ý', true],
    ['ghi nhớ', true],
    ['không', false],
    ['không cần', false],
    ['cho hỏi vay vốn', null],
  ])('Should read the consent %j as %s', (text, expected) => {
    expect(parseConsent(text)).toBe(expected)
  })

  it.each([
    ['nông thôn', 'rural'],
    ['nong thon', 'rural'],
    ['thành thị', 'urban'],
    ['đô thị', 'urban'],
    ['ở thành phố', 'urban'],
    ['không biết', null],
  ])('Should read the area %j as %s', (text, expected) => {
    expect(parseArea(text)).toBe(expected)
  })

  it.each([
    ['5', { ok: true, members: 5 }],
    ['5 người', { ok: true, members: 5 }],
    ['nhà có 7 khẩu', { ok: true, members: 7 }],
    ['sáu', { ok: true, members: 6 }],
    ['ba người', { ok: true, members: 3 }],
    ['0 người', { ok: false, problem: 'outOfRange', value: 0 }],
    ['300 người', { ok: false, problem: 'outOfRange', value: 300 }],
    ['-2', { ok: false, problem: 'outOfRange', value: -2 }],
    ['2.5', { ok: false, problem: 'notNumber' }],
    ['abc', { ok: false, problem: 'notNumber' }],
  ])('Should read the household size %j', (text, expected) => {
    expect(parseMembersReply(text)).toEqual(expected)
  })

  it.each([
    ['4 triệu', 4, { ok: true, income: { kind: 'total', vnd: 4_000_000 } }],
    ['4tr5', 4, { ok: true, income: { kind: 'total', vnd: 4_500_000 } }],
    ['800k', 4, { ok: true, income: { kind: 'total', vnd: 800_000 } }],
    ['mỗi người 1tr2', 4, { ok: true, income: { kind: 'perPerson', vnd: 1_200_000 } }],
    ['1tr/người', 4, { ok: true, income: { kind: 'perPerson', vnd: 1_000_000 } }],
    // For one person "per person" and "household" are the same.
    ['mỗi người 1tr2', 1, { ok: true, income: { kind: 'total', vnd: 1_200_000 } }],
    ['không rõ', 4, { ok: true, income: { kind: 'unknown' } }],
    ['abc', 4, { ok: false, problem: 'notMoney' }],
    ['-5tr', 4, { ok: false, problem: 'negative', text: '-5tr' }],
    ['999999 tỷ', 4, { ok: false, problem: 'tooLarge', text: '999999 ty' }],
    ['mỗi người 5 tỷ', 4, { ok: false, problem: 'tooLarge', text: 'mỗi người 5 tỷ' }],
    ['0 đồng', 4, { ok: false, problem: 'zero', text: '0 dong' }],
    ['5-6tr', 4, { ok: false, problem: 'several' }],
    ['500 đồng', 4, { ok: false, problem: 'tooSmall' }],
    ['7', 4, { ok: false, problem: 'noUnit', bareNumber: 7 }],
  ])('Should read the income %j (household of %i)', (text, members, expected) => {
    expect(parseIncomeReply(text, members)).toEqual(expected)
  })

  it.each([
    ['thu nhập 1tr2 một người nhà 5 người', true],
    ['thu nhap 800k 1 nguoi', true],
    ['bình quân 1 triệu', true],
    ['nhà em 6 người, thu nhập 7 triệu', false],
    ['3 triệu, 1 người đi làm', false],
  ])('Should tell a per-person amount in %j: %s', (text, expected) => {
    expect(isPerPerson(text)).toBe(expected)
  })
})

describe('eligibility state', () => {
  it('Should start at the first question not answered by the first message', () => {
    expect(newState({}).at).toBe('area')
    expect(newState({ area: 'rural', members: 4 }).at).toBe('income')
    expect(newState({ members: 4, income: { kind: 'total', vnd: 1 } }).at).toBe('area')
  })

  it('Should move on to the first unanswered question after the one answered, and stop when told the result is decided', () => {
    const state = { ...newState({ area: 'rural', members: 4, income: { kind: 'unknown' } }), answers: { water: 'yes', sanitation: 'yes' } } as const
    expect(nextStep(state, 'area')).toBe('housingQuality')
    expect(nextStep(state, 'water')).toBe('housingQuality')
    expect(nextStep(state, 'water', () => true)).toBe('done')
    // Asked to answer them all, the check goes on even when the result is decided.
    expect(nextStep({ ...state, more: true }, 'water', () => true)).toBe('housingQuality')
  })

  it('Should go back over a pair asked as one question, and into it when it is asked one by one', () => {
    expect(previousStep('healthInsurance')).toBe('telecom')
    expect(previousStep('housingQuality')).toBe('water')
    expect(previousStep('sanitation', { singles: ['water'] })).toBe('water')
    expect(previousStep('water')).toBe('income')
    expect(previousStep('area')).toBeNull()
  })

  it('Should refuse a stored state it cannot read, so that the check starts afresh', () => {
    expect(readState({ v: 2, at: 'area', answers: {} })).not.toBeNull()
    expect(readState({ v: 2, at: 'consent', category: 'poor', standard: '2022-2025' })).not.toBeNull()
    // A check stored before the questions were asked positively: its answers would mean the opposite.
    expect(readState({ v: 1, at: 'area', answers: {} })).toBeNull()
    expect(readState({ v: 2, at: 'nowhere' })).toBeNull()
    expect(readState({ v: 2, at: 'members', members: 500, answers: {} })).toBeNull()
  })
})

describe('eligibility message packing', () => {
  it('Should pack sections into messages of at most 2,000 characters without splitting a section', () => {
    const sections = ['a'.repeat(900), 'b'.repeat(900), 'c'.repeat(900)]
    const messages = pack(sections)
    expect(messages).toEqual([`${'a'.repeat(900)}\n\n${'b'.repeat(900)}`, 'c'.repeat(900)])
  })

  it('Should split a section longer than a message at line breaks', () => {
    const long = Array.from({ length: 30 }, (_, i) => `${i}`.padEnd(100, '.')).join('\n')
    const messages = pack([long])
    expect(messages.length).toBe(2)
    for (const m of messages) expect(m.length).toBeLessThanOrEqual(2000)
    expect(messages.join('\n')).toBe(long)
  })
})
